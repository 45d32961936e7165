"""A scheme's source cites the law, not another municipality's web page (Aarhus, København, Sønderborg)."""

import re

from django.db import migrations

MUNICIPAL_SITE = re.compile(r"https?://(www\.)?(aarhus|kk|sonderborgkommune|ballerup)\.dk/", re.IGNORECASE)


def cite_the_law(apps, schema_editor):
    SchemeVersion = apps.get_model("schemes", "SchemeVersion")
    for version in SchemeVersion.objects.all():
        parts = [part.strip() for part in version.source.split(" ; ")]
        kept = [part for part in parts if not MUNICIPAL_SITE.search(part)]
        if kept != parts and kept:
            version.source = " ; ".join(kept)
            version.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [("schemes", "0006_law_corrected_2026_12")]
    operations = [migrations.RunPython(cite_the_law, migrations.RunPython.noop)]
