"""Load the refusion cap for old-scheme fleksjob known when Rummelig was built (domain.md §1.1).

The cap is regulated over time; HR adds later levels on the economy pages as new rows with their
own valid_from, never by editing this one.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

CAP_2019 = {
    "valid_from": date(2019, 1, 1),
    "annual_cap": Decimal("527091.00"),
    "hourly_cap": Decimal("273.93"),
    "source": "LAB 2019 § 133 (2019-niveau): https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/paragraf/133/",
}


def load(apps, schema_editor):
    RefusionCap = apps.get_model("reports", "RefusionCap")
    RefusionCap.objects.get_or_create(valid_from=CAP_2019["valid_from"], defaults=CAP_2019)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
