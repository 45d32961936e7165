"""The limits of the training clause duty (udbudsloven § 176 stk. 2) as dated rows with their sources.

Checked on 6 December 2026 with the sources quoted in each row. What could not be read in the
law's or KFST's own text stays unconfirmed (verified=False, "IKKE BEKRÆFTET") and shows so on the
thresholds page, where HR corrects it.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

KFST_2022 = "KFST: Ændringer af udbudsloven – ikrafttrædelse 1. juli 2022, https://www.kfst.dk/udbud/udbudsregler/aendringer-af-udbudsloven/"
BL_2022 = "BL informerer 2122 (juli 2022): »Pligten gælder kun for kontrakter, som udføres i Danmark, har en varighed på minimum 6 måneder og har en vis værdi.« https://bl.dk/bl-informerer/2022/7/2122-%C3%A6ndringer-til-udbudsloven-tilbudsloven-mv-pr-1-juli-2022/"

ROWS = [
    {
        "key": "min_months", "amount": Decimal("6"), "valid_from": date(2022, 7, 1), "valid_to": None, "verified": True,
        "source": f"Udbudsloven § 176, stk. 2, indsat ved L 199 (2021-22), i kraft 1. juli 2022. {KFST_2022}; {BL_2022}",
        "note": "6 måneder bekræftet i BL's gengivelse af loven og bekendtgørelsen; bekendtgørelsens eget nummer er ikke læst.",
    },
    {
        "key": "services_value", "amount": Decimal("5000000"), "valid_from": date(2022, 7, 1), "valid_to": None, "verified": False,
        "source": "Bekendtgørelse om krav om anvendelse af personer under oplæring i offentlige kontrakter (2022), jf. udbudsloven "
                  f"§ 176, stk. 2; {BL_2022}; domain.md §6 (denansvarligeindkober.dk/sociale-klausuler).",
        "note": "IKKE BEKRÆFTET i bekendtgørelsens tekst: 5 mio. kr. står i domain.md §6 og i issue 18; BL skriver kun »en vis værdi«.",
    },
    {
        "key": "works_eu", "amount": Decimal("40100744"), "valid_from": date(2022, 1, 1), "valid_to": date(2023, 12, 31), "verified": False,
        "source": "EU's tærskelværdi for bygge- og anlægsarbejder 2022-2023 (EUR 5.382.000): 40.100.744 kr., gengivet af FRI efter KFST, "
                  "https://www.frinet.dk/vaerktoejer/regler-og-love/taerskelvaerdier-pr-1-januar-2022-31-december-2023/",
        "note": "IKKE BEKRÆFTET hos KFST selv: tallet er læst hos FRI, som citerer KFST.",
    },
    {
        "key": "works_eu", "amount": Decimal("41212688"), "valid_from": date(2024, 1, 1), "valid_to": date(2025, 12, 31), "verified": False,
        "source": "EU's tærskelværdi for bygge- og anlægsarbejder 2024-2025 (EUR 5.538.000; forordning (EU) 2023/2495, meddelelse "
                  "C/2023/902). KFST: https://www.kfst.dk/udbud/udbudsregler/taerskelvaerdier-2022-og-2023/taerskelvaerdier-2024-og-2025/",
        "note": "IKKE BEKRÆFTET: KFST-siden blev kun læst for tjenesteydelser (1.644.638 kr. = EUR 221.000, kurs 7,4418); "
                "kronebeløbet for bygge og anlæg er regnet med samme kurs. HR bør rette det til KFST's tal.",
    },
    {
        "key": "works_eu", "amount": Decimal("40215487"), "valid_from": date(2026, 1, 1), "valid_to": None, "verified": False,
        "source": "EU's tærskelværdi for bygge- og anlægsarbejder 2026-2027 (EUR 5.404.000, Kommissionens forordning for 2026-2027). "
                  "KFST offentliggør kronebeløbet: https://www.kfst.dk/udbud/udbudsregler/",
        "note": "IKKE BEKRÆFTET: hverken euro- eller kronebeløbet er læst i kilden; kronebeløbet er EUR 5.404.000 omregnet med kursen "
                "for 2024-2025 (7,4418). HR skal rette det til KFST's tal. Gælder 2026-2027 og indtil HR indtaster tallet for 2028.",
    },
]


def add(apps, schema_editor):
    Threshold = apps.get_model("procurement", "Threshold")
    for row in ROWS:  # idempotent: the browser tests run it again after a flush
        values = {k: v for k, v in row.items() if k not in ("key", "valid_from")}
        Threshold.objects.update_or_create(key=row["key"], valid_from=row["valid_from"], defaults=values)


def remove(apps, schema_editor):
    Threshold = apps.get_model("procurement", "Threshold")
    for row in ROWS:
        Threshold.objects.filter(key=row["key"], valid_from=row["valid_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_tenders_clauses_follow_up")]
    operations = [migrations.RunPython(add, remove)]
