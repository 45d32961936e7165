"""The law corrected after a reading of its text (December 2026), for databases made before.

Each fact carries the sentence it comes from; what could not be confirmed is unticked ("verified")
and says so in its note or source. The expected values are repeated, beside the same sources, in
rummelig/schemes/tests/test_law_facts.py.

- Public løntilskud: 4 months also for job-ready kontanthjælp and education-ready uddannelseshjælp
  (LAB § 68 nr. 1); the other groups' limits (§ 68 nr. 2-3) were not readable and stay unconfirmed.
- Revalidering and jobrotation closed for new placements from 1 February 2026 (lov nr. 1750 af
  29/12/2025); placements that started before may run to their end.
- The repealed BEK nr. 2636 af 28/12/2021 is no longer cited as in force.
- The changes ahead (the new LAB from 1 January 2027) as law-change rows for the law page.
"""

from datetime import date

from django.db import migrations

CHECKED = date(2026, 12, 6)

LAB_68 = (
    "LAB § 68, nr. 1 (lov nr. 548 af 7/5/2019, jf. LBK nr. 280 af 1/3/2024): »Op til 6 måneder hos private "
    "arbejdsgivere og 4 måneder hos offentlige arbejdsgivere for personer omfattet af § 6, nr. 1, 2 og 4, og for "
    "personer omfattet af § 6, nr. 12, som er jobparate.« https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/kapitel/12/"
)
GROUPS_OF_6 = (
    " Målgrupperne (samme nummerering i BEK nr. 2636/2021 § 1): nr. 1 dagpenge, nr. 2 jobparate kontanthjælpsmodtagere, "
    "nr. 4 uddannelsesparate uddannelseshjælpsmodtagere. https://www.elov.dk/bekendtgorelse-om-en-aktiv-beskaeftigelsesindsats/paragraf/1/"
)
UNCONFIRMED_68 = (
    "IKKE BEKRÆFTET: LAB § 68, nr. 2-3 kunne ikke læses i de tilgængelige kopier af lovteksten. Værdien er fra "
    "kommunal vejledning (aarhus.dk: 6 måneder for kontanthjælp; 12 måneder for sygedagpenge, ressourceforløb, "
    "jobafklaringsforløb og integrationsloven) og skal efterprøves mod § 68."
)
LOENTILSKUD_DURATIONS = {
    # target group: (months, verified, source)
    "": (4, False, "Standard for målgrupper uden egen linje (fx selvforsørgende); ikke bekræftet i § 68. " + LAB_68),
    "dagpenge": (4, True, LAB_68 + GROUPS_OF_6),
    "dimittend": (4, True, LAB_68 + " Dimittender modtager dagpenge (§ 6, nr. 1)." + GROUPS_OF_6),
    "kontanthjaelp_jobparat": (4, True, LAB_68 + GROUPS_OF_6),
    "uddannelseshjaelp": (4, True, LAB_68 + GROUPS_OF_6 + " Målgruppen i Rummelig er de uddannelsesparate (§ 6, nr. 4)."),
    "kontanthjaelp_aktivitetsparat": (6, False, UNCONFIRMED_68),
    "sygedagpenge": (12, False, UNCONFIRMED_68),
    "ressourceforloeb": (12, False, UNCONFIRMED_68),
    "jobafklaring": (12, False, UNCONFIRMED_68),
    "integration": (12, False, UNCONFIRMED_68),
}
LOENTILSKUD_VERSION = {
    "legal_basis": "LAB §§ 66-69 (§ 68 varighed), § 77 (rimeligt forhold), § 78 (drøftelse med de ansattes repræsentant)",
    "source": "https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/kapitel/12/ ; "
              "https://star.dk/indsatser/virksomhedsrettede-redskaber/job-med-loentilskud",
    "note": "Offentlige arbejdsgivere: 4 måneder for dagpengemodtagere, jobparate kontanthjælpsmodtagere og "
            "uddannelsesparate uddannelseshjælpsmodtagere (LAB § 68, nr. 1). Grænserne for de øvrige målgrupper "
            "(§ 68, nr. 2-3) er ikke bekræftet i lovteksten. Løntilskud må ikke besætte en stilling, der inden for "
            "3 måneder er blevet ledig ved afskedigelse eller fratrædelse (kk.dk; LAB-paragraffen er ikke fundet).",
    "verified": False,
    "checked_on": CHECKED,
}
CLOSED = date(2026, 1, 31)
REVALIDERING = {
    "valid_to": CLOSED,
    "legal_basis": "LAB kapitel 21; aktivloven kapitel 6 c; afskaffet for nye sager ved lov nr. 1750 af 29/12/2025",
    "source": "star.dk (job med løntilskud): »revalidender, som er bevilliget revalidering før den 1. februar 2026, hvor "
              "ordningen afskaffes« https://www.star.dk/indsatser/virksomhedsrettede-redskaber/job-med-loentilskud ; "
              "lov nr. 1750 af 29/12/2025 i kraft 1/2 og 1/7 2026: "
              "https://star.dk/implementering/beskaeftigelsesreform/svar-paa-spoergsmaal-fra-webinar-den-21-januar-2026",
    "note": "Afskaffet for nye sager fra 1/2/2026. Forløb, der er begyndt før, kan gøres færdige.",
    "verified": True,
    "checked_on": CHECKED,
}
JOBROTATION = {
    "valid_to": CLOSED,
    "legal_basis": "LAB kapitlet om jobrotation; afskaffet ved lov nr. 1750 af 29/12/2025",
    "source": "lovguiden.dk om L 66 (2025-26), vedtaget som lov nr. 1750: »Ordningerne for jobrotation, puljen til "
              "uddannelsesløft og det statslige skærpede tilsyn afskaffes.« ; lov nr. 1750 i kraft 1/2 og 1/7 2026: "
              "https://star.dk/implementering/beskaeftigelsesreform/svar-paa-spoergsmaal-fra-webinar-den-21-januar-2026",
    "note": "Vikaren højst 6 måneder. Lukket for nye forløb fra 1/2/2026, lovens første ikrafttrædelsesdag. IKKE "
            "BEKRÆFTET: den præcise skæringsdag for jobrotation (1/2 eller 1/7 2026) er ikke fundet i lovteksten; "
            "efterprøv i lov nr. 1750 § om ikrafttræden. Forløb, der er begyndt før, kan gøres færdige.",
    "verified": False,
    "checked_on": CHECKED,
}
FLEKSJOB_OLD = {
    "source": "LAB § 133, stk. 3: »Tilskuddet til lønnen kan dog højst beregnes ud fra et beløb på 527.091 kr. "
              "(2019-niveau) på årsbasis eller 273,93 kr. (2019-niveau) på timebasis.« "
              "https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/paragraf/133/",
    "note": "Ingen nye sager efter 1/1/2013. Tilskud 1/2 eller 2/3 af lønnen (§ 133, stk. 2). Loftet reguleres "
            "hvert år; lofterne pr. år står under Økonomi → Refusionslofter.",
    "verified": True,
    "checked_on": CHECKED,
}
VIRKSOMHEDSPRAKTIK_BASIS = (
    "LAB §§ 57-61; bekendtgørelse om en aktiv beskæftigelsesindsats i kraft fra 1/1/2024 (rimeligt forhold og "
    "tilkendegivelse; § 65 i den ophævede BEK nr. 2636/2021 — nummeret på den gældende bekendtgørelse er ikke bekræftet)"
)
LAW_CHANGES = [
    {
        "in_force_on": date(2026, 2, 1),
        "title": "Revalidering og ressourceforløb afskaffet for nye sager; jobrotation afskaffet",
        "description": "Første fase af beskæftigelsesreformen (lov nr. 1750 af 29/12/2025). Nye revalideringer og "
                       "jobrotationer kan ikke registreres med start fra 1/2/2026; igangværende forløb kan gøres færdige.",
        "schemes": ["revalidering", "jobrotation"],
        "enacted": True,
        "source": "https://star.dk/implementering/beskaeftigelsesreform/svar-paa-spoergsmaal-fra-webinar-den-21-januar-2026 ; "
                  "https://star.dk/da/implementering/beskaeftigelsesreform/proces",
    },
    {
        "in_force_on": date(2027, 1, 1),
        "title": "Ny lov om en aktiv beskæftigelsesindsats (ny hovedlov)",
        "description": "Anden fase af beskæftigelsesreformen: en ny hovedlov (LAB) afløser LAB 2019, og lov om "
                       "organisering og understøttelse af beskæftigelsesindsatsen ophæves. Paragrafhenvisningerne i "
                       "Rummelig er til LAB 2019 og skal gennemgås; ordningernes regler fra 1/1/2027 oprettes som nye "
                       "versioner, når loven er vedtaget. Datoen er forventet, ikke vedtaget.",
        "schemes": ["loentilskud", "virksomhedspraktik", "nytteindsats", "fleksjob", "fleksjob-gammel", "skaanejob", "mentor"],
        "enacted": False,
        "source": "star.dk: »Anden fase indeholder forslaget til en ny hovedlov om en aktiv beskæftigelsesindsats m.v. "
                  "(LAB) … som forventes at træde i kraft 1. januar 2027.« https://star.dk/da/implementering/beskaeftigelsesreform/proces",
    },
    {
        "in_force_on": date(2027, 1, 1),
        "title": "Ændringer i sanktions- og sygedagpengesystemet",
        "description": "Et ændringslovforslag i reformens anden fase; forventes i kraft 1/1/2027. Berører ikke "
                       "ordningernes regler i Rummelig direkte.",
        "schemes": [],
        "enacted": False,
        "source": "https://star.dk/da/implementering/beskaeftigelsesreform/proces",
    },
]


def correct(apps, schema_editor):
    SchemeVersion = apps.get_model("schemes", "SchemeVersion")
    SchemeDuration = apps.get_model("schemes", "SchemeDuration")
    Scheme = apps.get_model("schemes", "Scheme")
    LawChange = apps.get_model("schemes", "LawChange")

    loentilskud = SchemeVersion.objects.filter(scheme__code="loentilskud", valid_from=date(2015, 1, 1)).first()
    if loentilskud is not None:
        SchemeVersion.objects.filter(pk=loentilskud.pk).update(**LOENTILSKUD_VERSION)
        for group, (months, verified, source) in LOENTILSKUD_DURATIONS.items():
            SchemeDuration.objects.update_or_create(
                version=loentilskud, target_group=group,
                defaults={"amount": months, "unit": "months", "verified": verified, "source": source},
            )
    for code, fields in (("revalidering", REVALIDERING), ("jobrotation", JOBROTATION), ("fleksjob-gammel", FLEKSJOB_OLD)):
        SchemeVersion.objects.filter(scheme__code=code, valid_to__isnull=True).update(**fields)
    SchemeVersion.objects.filter(scheme__code="virksomhedspraktik", legal_basis__contains="BEK § 65").update(
        legal_basis=VIRKSOMHEDSPRAKTIK_BASIS
    )
    for data in LAW_CHANGES:
        fields = {k: v for k, v in data.items() if k not in ("in_force_on", "title", "schemes")}
        change, _ = LawChange.objects.update_or_create(
            in_force_on=data["in_force_on"], title=data["title"], defaults={**fields, "checked_on": CHECKED}
        )
        change.schemes.set(Scheme.objects.filter(code__in=data["schemes"]))


class Migration(migrations.Migration):
    dependencies = [("schemes", "0005_law_checked_and_changes")]
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
