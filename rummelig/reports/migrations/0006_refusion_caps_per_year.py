"""The old-scheme fleksjob refusion cap as one dated row per year, each with its source.

The cap is regulated every year, so the 2019 level (LAB § 133, stk. 3) holds for 2019 only. The
years whose figure could not be read in a source are left without a row: the economy page lists
them as missing and the report counts their days as uncapped and says so, rather than applying an
old level silently. HR adds a year's cap on the economy page when the ministry publishes it.
The expected values are repeated beside their sources in rummelig/schemes/tests/test_law_facts.py.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

CAPS = [
    {
        "valid_from": date(2019, 1, 1), "valid_to": date(2019, 12, 31),
        "annual_cap": Decimal("527091.00"), "hourly_cap": Decimal("273.93"), "verified": True,
        "source": "LAB § 133, stk. 3: »Tilskuddet til lønnen kan dog højst beregnes ud fra et beløb på 527.091 kr. "
                  "(2019-niveau) på årsbasis eller 273,93 kr. (2019-niveau) på timebasis.« "
                  "https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/paragraf/133/",
    },
    {
        "valid_from": date(2024, 1, 1), "valid_to": date(2024, 12, 31),
        "annual_cap": Decimal("588189.00"), "hourly_cap": None, "verified": False,
        "source": "Aalborg Kommune: »Du kan få tilskud ved en årsløn på maksimalt 588.189 kroner (2024-takst) for en "
                  "fuldtidsansat.« https://www.aalborg.dk/min-virksomhed/mine-medarbejdere/loenrefusion-til-ansatte-i-fleksjob "
                  "— en kommunes side, ikke Beskæftigelsesministeriets satsvejledning; timeloftet for 2024 er ikke fundet.",
    },
]


def load(apps, schema_editor):
    RefusionCap = apps.get_model("reports", "RefusionCap")
    for cap in CAPS:
        RefusionCap.objects.update_or_create(valid_from=cap["valid_from"], defaults=cap)


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_refusion_cap_verified")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
