"""Ship the Danish default checklist templates per scheme (onboarding.defaults); HR edits them afterwards."""

from django.db import migrations


def load(apps, schema_editor):
    from rummelig.onboarding.defaults import load_templates

    load_templates(apps.get_model("schemes", "Scheme"), apps.get_model("onboarding", "ChecklistTemplate"),
                   apps.get_model("onboarding", "TemplateItem"))


class Migration(migrations.Migration):
    dependencies = [
        ("onboarding", "0001_positions_checklists_evaluations_framework"),
        ("schemes", "0007_sources_cite_the_law"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
