"""The law's one deadline of a retention case: the sickness-absence interview within 4 weeks (sygedagpengeloven § 7 a)."""

import datetime

from django.db import migrations

SOURCE = (
    "Sygedagpengeloven § 7 a (indsat ved lov nr. 480 af 12. juni 2009, for sygdomsperioder fra 4. januar 2010): "
    "\"Den personlige samtale skal gennemføres senest 4 uger efter 1. sygedag\" — Medarbejder- og "
    "Kompetencestyrelsen, Personaleadministrativ vejledning 24.2.3, https://pav.medst.dk/sygdom/dokumentation/personlig-samtale/ . "
    "Pligten gælder ikke for ansatte, der er opsagt og fratræder inden 8 uger efter 1. sygedag. "
    "Kommunens egen retningslinje for sygefravær kan tilføje flere frister her."
)


def add_rule(apps, schema_editor):
    Rule = apps.get_model("retention", "AbsenceDeadlineRule")
    Rule.objects.get_or_create(
        key="sygefravaerssamtale", valid_from=datetime.date(2010, 1, 4),
        defaults={"label": "Sygefraværssamtale", "days_after_first_day": 28, "met_by": "absence_talk", "source": SOURCE},
    )


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_retention_cases")]

    operations = [migrations.RunPython(add_rule, migrations.RunPython.noop)]
