"""Load the folkepension and efterløn ages by birth cohort (pensionsloven § 1 a; efterlønsreformen).

The sources are in rummelig/schemes/seed.py (AGE_LIMITS) and on every row. Fleksjob and skånejob
end at folkepension age, seniorjob at efterløn age; nytteindsats after the arbejdspligt law only
informs the employee representative.
"""

from django.db import migrations


def load(apps, schema_editor):
    from rummelig.schemes.seed import load_age_limits

    load_age_limits(apps.get_model("schemes", "AgeLimit"), apps.get_model("schemes", "SchemeVersion"))


class Migration(migrations.Migration):
    dependencies = [("schemes", "0003_age_limits")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
