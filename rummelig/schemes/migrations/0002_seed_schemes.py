"""Load the schemes as the law stood in 2026 (see rummelig/schemes/seed.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from rummelig.schemes.seed import load_schemes

    load_schemes(apps.get_model("schemes", "Scheme"), apps.get_model("schemes", "SchemeVersion"), apps.get_model("schemes", "SchemeDuration"))


class Migration(migrations.Migration):
    dependencies = [("schemes", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
