"""The demo municipality's first guidelines: the source policies shipped in `seeds/` (origin in seeds/README.md)."""

from datetime import date
from pathlib import Path

from django.utils import timezone

from .models import Guideline, GuidelineVersion

SEEDS = Path(__file__).resolve().parent / "seeds"

# (file, title, kind, approved by, approved on, review on, origin)
SEED_GUIDELINES = (
    ("allerod-personale-og-arbejdsmiljoepolitik.txt", "Personale- og arbejdsmiljøpolitik", Guideline.Kind.POLICY,
     "Hovedudvalget", None, None, "Allerød Kommune, Personale- og arbejdsmiljøpolitik i Allerød Kommune"),
    ("allerod-socialt-ansvar.txt", "Retningslinje for medarbejdere ansat på særlige vilkår – Det sociale ansvar",
     Guideline.Kind.GUIDELINE, "Hovedudvalget", date(2015, 3, 26), None,
     "Allerød Kommune, Det sociale ansvar (Godkendt af Hovedudvalget 26. marts 2015)"),
    ("ballerup-strategi-socialt-ansvar.txt", "Strategi for socialt ansvar", Guideline.Kind.STRATEGY,
     "", None, None, "Ballerup Kommune, Strategi for socialt ansvar"),
    ("norddjurs-politik-socialt-ansvar.txt", "Politik for socialt ansvar", Guideline.Kind.POLICY,
     "", None, None, "Norddjurs Kommune, Politik for socialt ansvar"),
)


def load_seed_guidelines(today=None, user=None):
    """Create the seed guidelines (each an approved version 1) that do not exist yet; return how many were made.

    Where the text gives no date the demo's review date is next year, so the annual wheel has reviews to show.
    """
    today = today or timezone.localdate()
    made = 0
    for filename, title, kind, body, approved_on, review_on, origin in SEED_GUIDELINES:
        if Guideline.objects.filter(title=title).exists():
            continue
        guideline = Guideline.objects.create(title=title, kind=kind)
        version = GuidelineVersion.objects.create(
            guideline=guideline, number=1, text=(SEEDS / filename).read_text(encoding="utf-8").strip(),
            approved_by_body=body, approved_on=approved_on, review_on=review_on or date(today.year + 1, 3, 31),
            origin=origin, made_current_at=timezone.now(), created_by=user,
        )
        guideline.current_version = version
        guideline.save(update_fields=["current_version"])
        made += 1
    return made
