"""The fixed themes of the annual wheel, from Allerød's personnel policy ("Årshjul for MED-udvalg – Sager der
tilbagevendende skal drøftes i alle MED-udvalg") and the issue; HR moves them to the months the municipality uses."""

from django.db import migrations

THEMES = [
    (3, "Opfølgning på det sociale ansvar", "Hovedudvalget følger varetagelsen af det sociale ansvar: årsrapporten, "
        "målene og balancen mellem ordinært ansatte og ansatte på særlige vilkår (Allerød)."),
    (4, "Sygefravær", "Udviklingen i sygefraværet og arbejdet med fastholdelse; retningslinjer for håndtering af sygefravær."),
    (5, "Arbejdsmiljø og trivsel (APV, trivselsmåling)", "Arbejdspladsvurdering, trivselsmåling og opfølgningen på dem."),
    (9, "Kompetenceudvikling", "Kompetenceudvikling og den årlige udviklingssamtale (KOMPUS)."),
    (10, "Budget", "Budgettet og dets betydning for arbejds- og personaleforhold."),
    (11, "Retningslinjer til revision", "De personalepolitiske retningslinjer, der skal revideres i året."),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("med", "Theme")
    for month, name, description in THEMES:
        Theme.objects.get_or_create(name=name, committee=None, defaults={"month": month, "description": description})


class Migration(migrations.Migration):
    dependencies = [("med", "0001_committees")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
