"""The checklist templates Rummelig ships: Danish defaults per scheme, which HR edits and a leder refines.

Sources of the items: Norddjurs' policy (inform the colleagues who is employed on special terms, the goal
and what they can expect, the special considerations; introduction to work clothes, coffee club and social
events; mentor or planned evaluations), Allerød's (the leder informs the colleagues), Ballerup's (upskilling
content in virksomhedspraktik and løntilskud, a way on to ordinary work or education).
Each item: (text, days after the start).
"""

COMMON_NEW = [
    ("Informér kollegerne om, hvem der bliver ansat, målet med ansættelsen og hvad de kan forvente af den nye kollega", -7),
    ("Aftal de særlige hensyn (opgaver, personen ikke skal løse, anderledes arbejdstider) og fortæl kollegerne om dem", -7),
    ("Udpeg en mentor eller fast kontaktperson og afsæt tid til det", -3),
    ("Første dag: velkomst, rundvisning, arbejdstøj, nøgler og it-adgang", 0),
    ("Introducér til kaffeordning, frokost og sociale arrangementer", 7),
    ("Planlæg evalueringerne og sæt datoerne i kalenderen", 14),
    ("Første opfølgningssamtale med medarbejderen og mentor", 30),
]
UPSKILLING = [
    ("Beskriv det opkvalificerende indhold: opgaver, kurser og certifikater, personen skal nå", -7),
    ("Afstem det opkvalificerende indhold og målet med jobcentret", 7),
    ("Aftal næste skridt: ordinært job, uddannelse eller anden ordning", 21),
]
PERMANENT = [
    ("Aftal med jobcentret, hvornår der følges op på ansættelsen", 30),
]
ELEV = [
    ("Gennemgå uddannelsesaftalen og praktikmålene med eleven og praktikvejlederen", 7),
]
COMMON_CHANGED = [
    ("Informér kollegerne om de ændrede vilkår, og hvad de betyder for opgavefordelingen", 0),
    ("Aftal de særlige hensyn (opgaver, personen ikke skal løse, anderledes arbejdstider)", 0),
    ("Tilpas opgaver, arbejdstid og hjælpemidler", 7),
    ("Opfølgningssamtale om de nye vilkår", 30),
]

# Scheme code -> extra items after the common ones.
SCHEMES = {
    "fleksjob": PERMANENT,
    "fleksjob-gammel": PERMANENT,
    "skaanejob": PERMANENT,
    "loentilskud": UPSKILLING,
    "virksomhedspraktik": UPSKILLING,
    "nytteindsats": UPSKILLING,
    "seniorjob": [],
    "jobrotation": UPSKILLING,
    "elev": ELEV,
    "praktikant": ELEV,
    "igu": UPSKILLING + ELEV,
    "voksenlaerling": ELEV,
    "revalidering": UPSKILLING,
}


def _fill(template, items, TemplateItem):
    TemplateItem.objects.bulk_create([
        TemplateItem(template=template, text=text, days_after_start=days, order=i) for i, (text, days) in enumerate(items, 1)
    ])


def load_templates(Scheme, ChecklistTemplate, TemplateItem):
    """Create the municipality's templates that do not exist yet (HR's edits are kept)."""

    def make(scheme, kind, name, items):
        if ChecklistTemplate.objects.filter(scheme=scheme, kind=kind, workplace__isnull=True).exists():
            return
        _fill(ChecklistTemplate.objects.create(scheme=scheme, kind=kind, workplace=None, name=name), items, TemplateItem)

    make(None, "ny", "Modtagelse af en ny medarbejder på særlige vilkår", COMMON_NEW)
    make(None, "nye_vilkaar", "Ændrede vilkår for en ansat kollega", COMMON_CHANGED)
    for scheme in Scheme.objects.filter(code__in=SCHEMES):
        make(scheme, "ny", f"Modtagelse: {scheme.name}", COMMON_NEW + SCHEMES[scheme.code])
    for code in ("fleksjob", "skaanejob"):
        scheme = Scheme.objects.filter(code=code).first()
        if scheme is not None:
            make(scheme, "nye_vilkaar", f"Ændrede vilkår: {scheme.name}", COMMON_CHANGED + PERMANENT)
