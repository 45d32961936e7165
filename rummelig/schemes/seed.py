"""The schemes as the law stood when Rummelig was built (sources: docs research, domain.md §1-§2).

Corrected after a reading of the law's text in December 2026 by migration 0006 (public løntilskud
4 months for the groups of LAB § 68 nr. 1; revalidering and jobrotation closed from 1/2/2026; the
sources and checks of each fact): the values below are the starting point, not the law today.

Loaded by a data migration and safe to load again (matched on code and valid_from). A later change
of the law is a new version with its own valid_from, added by a new migration, never an edit here.
Ages: "ends_at_age" (folkepension 67, efterløn 64) is only the fallback; a person's own age limit
depends on the date of birth and comes from AGE_LIMITS below (the AgeLimit table, loaded by its own
migration).
"""

from datetime import date

LAB = "Lov om en aktiv beskæftigelsesindsats (LAB 2019, lov nr. 548 af 7/5/2019)"

SCHEMES = [
    {
        "code": "fleksjob-gammel", "name": "Fleksjob (gammel ordning)", "sort_order": 10,
        "description": "Fleksjob påbegyndt før 1. januar 2013. Arbejdsgiveren betaler hele lønnen og får tilskud på 1/2 eller 2/3 af lønnen.",
        "versions": [{
            "valid_from": date(1998, 7, 1), "valid_to": None, "legal_basis": "LAB 2019 § 133",
            "source": "https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/paragraf/133/",
            "permanent": True, "subsidy_kind": "arbejdsgiver", "ends_at_age": 67,
            "note": "Ingen nye sager efter 1/1/2013. Tilskud 1/2 eller 2/3 af lønnen, loft 527.091 kr./år eller 273,93 kr./time (2019-niveau).",
            "durations": [],
        }],
    },
    {
        "code": "fleksjob", "name": "Fleksjob", "sort_order": 11,
        "description": "Fleksjob efter reglerne fra 1. januar 2013: arbejdsgiveren betaler løn for den udførte arbejdstid, kommunen betaler fleksløntilskud til medarbejderen.",
        "versions": [{
            "valid_from": date(2013, 1, 1), "valid_to": None, "legal_basis": "LAB kapitel om fleksjob (§ 116, § 119 fastholdelsesfleksjob); BEK 183/2017; BEK 811/2014",
            "source": "https://www.jobsogningsguide.dk/fleksjob2 ; http://vidensnetvaerket.dk/ordninger/fleksjob",
            "permanent": True, "subsidy_kind": "medarbejder", "grant_months": 60, "ends_at_age": 67,
            "note": "Første fleksjob bevilges for 5 år; derefter 5 år ad gangen for personer under 40, permanent for personer over 40.",
            "durations": [],
        }],
    },
    {
        "code": "skaanejob", "name": "Skånejob", "sort_order": 20,
        "description": "Løntilskud til førtidspensionister: arbejdsgiveren betaler løn og får et fast timetilskud.",
        "versions": [{
            "valid_from": date(2020, 1, 1), "valid_to": None, "legal_basis": "LAB kapitel 12 (løntilskud til førtidspensionister)",
            "source": "https://www.cabiweb.dk/lovstof/skaanejob/",
            "permanent": True, "subsidy_kind": "arbejdsgiver", "counts_in_ratio": True, "needs_statement": True,
            "follow_up_first_months": 6, "follow_up_every_months": 12, "ends_at_age": 67,
            "note": "Opfølgning senest efter 6 måneder, derefter mindst hver 12. måned. Merbeskæftigelseskravet gælder ikke ledige med nedsat arbejdsevne.",
            "durations": [],
        }],
    },
    {
        "code": "loentilskud", "name": "Løntilskud", "sort_order": 30,
        "description": "Job med løntilskud hos en offentlig arbejdsgiver.",
        "versions": [{
            "valid_from": date(2015, 1, 1), "valid_to": None, "legal_basis": "LAB §§ 66-69, § 77 (rimeligt forhold), § 78 (drøftelse med de ansattes repræsentant)",
            "source": "https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/kapitel/12/",
            "permanent": False, "subsidy_kind": "arbejdsgiver", "counts_in_ratio": True, "needs_statement": True,
            "merbeskaeftigelse_applies": True, "extension_allowed": True,
            "note": "Offentlige arbejdsgivere: 4 måneder for dagpengemodtagere (fra 1/1/2015), 6 måneder for kontant- og uddannelseshjælp, 12 måneder for sygedagpenge, ressourceforløb, jobafklaring og integration.",
            "durations": [
                ("", 4, "months"), ("dagpenge", 4, "months"), ("dimittend", 4, "months"),
                ("kontanthjaelp_jobparat", 6, "months"), ("kontanthjaelp_aktivitetsparat", 6, "months"),
                ("uddannelseshjaelp", 6, "months"), ("sygedagpenge", 12, "months"), ("ressourceforloeb", 12, "months"),
                ("jobafklaring", 12, "months"), ("integration", 12, "months"),
            ],
        }],
    },
    {
        "code": "virksomhedspraktik", "name": "Virksomhedspraktik", "sort_order": 40,
        "description": "Praktik uden løn; personen beholder sin ydelse.",
        "versions": [{
            "valid_from": date(2020, 1, 1), "valid_to": None, "legal_basis": "LAB §§ 57-61; BEK § 65 (rimelighedskrav og tilkendegivelse)",
            "source": "https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/paragraf/61/",
            "permanent": False, "subsidy_kind": "ingen", "counts_in_ratio": True, "needs_statement": True, "extension_allowed": True,
            "note": "4 uger (dagpenge, jobparat kontanthjælp, uddannelsesparat uddannelseshjælp), 8 uger (dimittender), 13 uger (øvrige; kan forlænges til 26 uger og derefter 13 uger ad gangen ved et helt særligt behov).",
            "durations": [
                ("", 13, "weeks"), ("dagpenge", 4, "weeks"), ("kontanthjaelp_jobparat", 4, "weeks"),
                ("uddannelseshjaelp", 4, "weeks"), ("dimittend", 8, "weeks"),
                ("kontanthjaelp_aktivitetsparat", 13, "weeks"), ("sygedagpenge", 13, "weeks"),
            ],
        }],
    },
    {
        "code": "nytteindsats", "name": "Nytteindsats (nyttejob)", "sort_order": 50,
        "description": "Nyttige opgaver hos en offentlig arbejdsgiver, som ellers ikke ville blive løst; personen beholder sin ydelse.",
        "versions": [
            {
                "valid_from": date(2020, 1, 1), "valid_to": date(2025, 6, 30), "legal_basis": "LAB (kapitlet om virksomhedspraktik, nytteindsats)",
                "source": "https://star.dk/indsatser/virksomhedsrettede-redskaber/nytteindsats ; http://www.cabiweb.dk/lovstof/nytteindsats/",
                "permanent": False, "subsidy_kind": "ingen", "counts_in_ratio": True, "needs_statement": True,
                "note": "Højst 13 uger samme sted.",
                "durations": [("", 13, "weeks")],
            },
            {
                "valid_from": date(2025, 7, 1), "valid_to": None, "legal_basis": "LAB som ændret ved loven om en ny arbejdspligt (vedtaget 17/12/2024)",
                "source": "https://star.dk/implementering/nyt-kontanthjaelpsystem-inklusiv-ny-arbejdspligt/om-ny-arbejdspligt",
                "permanent": False, "subsidy_kind": "ingen",
                "note": "Rimelighedskrav og varighedsbegrænsning afskaffet. Arbejdsgiveren orienterer tillidsrepræsentanten på P-nummeret og drøfter den praktiske gennemførelse. Ikrafttrædelsesdatoen 1/7/2025 bør efterprøves.",
                "durations": [],
            },
        ],
    },
    {
        "code": "seniorjob", "name": "Seniorjob", "sort_order": 60,
        "description": "Ansættelse på ordinære vilkår af ledige, der har opbrugt dagpengeretten højst 5 år før efterlønsalderen.",
        "versions": [{
            "valid_from": date(2007, 1, 1), "valid_to": None, "legal_basis": "Lov nr. 1543 af 20/12/2006 om seniorjob",
            "source": "https://www.star.dk/indsatser/indsatser-ved-sygdom-nedslidning-mv/seniorjob ; https://www.cabiweb.dk/lovstof/seniorjob/",
            "permanent": False, "subsidy_kind": "arbejdsgiver", "ends_at_age": 64,
            "note": "Kommunen skal ansætte senest 2 måneder efter anmodningen, ellers betales kompensation. Ophører ved efterlønsalderen. Skal være en nettoudvidelse af kommunens personale.",
            "durations": [],
        }],
    },
    {
        "code": "jobrotation", "name": "Jobrotation", "sort_order": 70,
        "description": "Ledig vikar ansat, mens en medarbejder er i uddannelse. Afskaffes med beskæftigelsesreformen (lov nr. 1750 af 29/12/2025).",
        "versions": [{
            "valid_from": date(2020, 1, 1), "valid_to": None, "legal_basis": "LAB kapitlet om jobrotation",
            "source": "https://www.cabiweb.dk/lovstof/jobrotation/ ; https://star.dk/da/implementering/beskaeftigelsesreform/proces",
            "permanent": False, "subsidy_kind": "arbejdsgiver",
            "note": "Vikaren højst 6 måneder. Ingen nye sager efter reformens skæringsdato (datoen er ikke fundet; sæt slutdato, når den kendes).",
            "durations": [("", 6, "months")],
        }],
    },
    {
        "code": "elev", "name": "Elever", "sort_order": 80,
        "description": "Elever med uddannelsesaftale (SOSU, PAU, EUD). Varighed efter uddannelsens længde.",
        "versions": [{
            "valid_from": date(2000, 1, 1), "valid_to": None, "legal_basis": "Erhvervsuddannelsesloven; dimensioneringsaftaler",
            "source": "https://www.kl.dk/arbejdsgiver/kompetence-og-udvikling/oplaering-og-uddannelse-af-fremtidig-arbejdskraft/social-og-sundhedsuddannelser",
            "permanent": False, "subsidy_kind": "arbejdsgiver",
            "note": "Arbejdsgiveren betaler elevløn; AUB refunderer i skoleperioder. Varigheden følger uddannelsesaftalen.",
            "durations": [],
        }],
    },
    {
        "code": "praktikant", "name": "Praktikanter", "sort_order": 81,
        "description": "Studerende i praktik som led i en uddannelse. Ikke virksomhedspraktik efter LAB.",
        "versions": [{
            "valid_from": date(2000, 1, 1), "valid_to": None, "legal_basis": "Uddannelsens egne regler",
            "source": "Ingen autoritativ kilde fundet om kommunale regler (domain.md §1.8).",
            "permanent": False, "subsidy_kind": "ingen",
            "note": "Tæller ikke i rimelighedskravet som sådan.",
            "durations": [],
        }],
    },
    {
        "code": "igu", "name": "IGU (integrationsgrunduddannelse)", "sort_order": 90,
        "description": "To-årigt forløb med lønnet praktik og skoleundervisning for flygtninge og familiesammenførte.",
        "versions": [{
            "valid_from": date(2016, 7, 1), "valid_to": date(2027, 12, 31), "legal_basis": "Lov om integrationsgrunduddannelse (IGU)",
            "source": "https://www.cabiweb.dk/lovstof/regler-for-integrationsgrunduddannelsen-igu/ ; https://www.ug.dk/",
            "permanent": False, "subsidy_kind": "ingen",
            "note": "24 måneder. Forløb kan påbegyndes til og med 31/12/2027. Bonus kun til private arbejdsgivere.",
            "durations": [("", 24, "months")],
        }],
    },
    {
        "code": "revalidering", "name": "Revalidering", "sort_order": 100,
        "description": "Erhvervsrettet revalidering. Afskaffes for nye sager med beskæftigelsesreformen.",
        "versions": [{
            "valid_from": date(2020, 1, 1), "valid_to": None, "legal_basis": "LAB kapitel 21; aktivloven kapitel 6 c",
            "source": "https://www.cabiweb.dk/lovstof/revalidering/ ; https://www.elov.dk/aktivloven/kapitel/6-c/",
            "permanent": False, "subsidy_kind": "arbejdsgiver",
            "note": "Ingen nye sager efter reformens skæringsdato (ikke fundet). Kan omfatte virksomhedspraktik og løntilskud.",
            "durations": [],
        }],
    },
    {
        "code": "voksenlaerling", "name": "Voksenlærling", "sort_order": 110,
        "description": "Uddannelsesaftale med en person på 25 år eller derover; timetilskud i praktikperioder.",
        "versions": [{
            "valid_from": date(2020, 1, 1), "valid_to": None, "legal_basis": "LAB §§ 154-160; vejledning nr. 9018 af 15/1/2020",
            "source": "http://www.socialjura.dk/content-storage/regler/2020/vejl-9018-af-151-2020/ ; https://star.dk/da/indsatser-og-ordninger/virksomhedsrettede-redskaber/voksenlaerling/",
            "permanent": False, "subsidy_kind": "arbejdsgiver",
            "note": "Tilskud op til 2 år for beskæftigede. Ingen tilskud til SOSU- og PAU-elever med voksenelevløn.",
            "durations": [],
        }],
    },
    {
        "code": "paragraf-56", "name": "§ 56-aftale", "sort_order": 120,
        "description": "Aftale om refusion af sygedagpenge fra første fraværsdag ved kronisk eller langvarig sygdom.",
        "versions": [{
            "valid_from": date(2006, 1, 1), "valid_to": None, "legal_basis": "Sygedagpengeloven § 56",
            "source": "https://www.cabiweb.dk/lovstof/sygedagpengerefusion-fra-foerste-sygedag-ved-kronisk-sygdom-56-58a/",
            "permanent": False, "subsidy_kind": "arbejdsgiver", "grant_months": 24,
            "note": "Gælder 2 år ad gangen; kan fornyes. Helbredsoplysninger: behandles som følsomme.",
            "durations": [("", 2, "years")],
        }],
    },
    {
        "code": "mentor", "name": "Mentorordning", "sort_order": 130,
        "description": "Mentorstøtte (frikøb af en kollega eller ekstern konsulent).",
        "versions": [{
            "valid_from": date(2020, 1, 1), "valid_to": None, "legal_basis": "LAB kapitel 26, §§ 167-169",
            "source": "https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/kapitel/26/",
            "permanent": False, "subsidy_kind": "arbejdsgiver", "grant_months": 6, "extension_allowed": True,
            "note": "6 måneder ad gangen; nye perioder mulige. Brugen begrænset fra 1/1/2026.",
            "durations": [("", 6, "months")],
        }],
    },
]


def load_schemes(Scheme, SchemeVersion, SchemeDuration):
    """Create or update every scheme, version and maximum duration above."""
    for data in SCHEMES:
        scheme, _ = Scheme.objects.update_or_create(
            code=data["code"],
            defaults={"name": data["name"], "description": data["description"], "sort_order": data["sort_order"]},
        )
        for version_data in data["versions"]:
            fields = {k: v for k, v in version_data.items() if k not in ("valid_from", "durations")}
            version, _ = SchemeVersion.objects.update_or_create(
                scheme=scheme, valid_from=version_data["valid_from"], defaults=fields
            )
            for target_group, amount, unit in version_data["durations"]:
                SchemeDuration.objects.update_or_create(
                    version=version, target_group=target_group, defaults={"amount": amount, "unit": unit}
                )


# Ages by birth cohort (rules.ages). Each row: (born_from, born_to, years, months); None = open end.
PENSIONSLOVEN_1A = (
    "Lov om social pension § 1 a (LBK nr. 527 af 25/4/2022): https://www.elov.dk/pensionsloven/1a/ ; "
    "70 år for personer født 1/1/1971 eller senere fra 31/12/2025: https://www.aes.dk/om-arbejdsmarkedets-erhvervssikring/temaer/forhoejet-pensionsalder"
)
EFTERLOEN_SOURCE = (
    "Lov om arbejdsløshedsforsikring m.v. (efterlønsreformen 2011); efterlønsalderen er folkepensionsalderen minus 3 år "
    "for personer født 1/7/1959 eller senere: https://www.pension.dk/medlem/seniorer/din-efterlons--og-pensionsalder/ ; "
    "http://dsa.dk/Reglervejledning/Efterlon-og-pension/Efterlonsalder.aspx"
)
AGE_LIMITS = {
    "folkepension": (PENSIONSLOVEN_1A, [
        (None, date(1953, 12, 31), 65, 0),
        (date(1954, 1, 1), date(1954, 6, 30), 65, 6),
        (date(1954, 7, 1), date(1954, 12, 31), 66, 0),
        (date(1955, 1, 1), date(1955, 6, 30), 66, 6),
        (date(1955, 7, 1), date(1962, 12, 31), 67, 0),
        (date(1963, 1, 1), date(1966, 12, 31), 68, 0),
        (date(1967, 1, 1), date(1970, 12, 31), 69, 0),
        (date(1971, 1, 1), None, 70, 0),
    ]),
    "efterloen": (EFTERLOEN_SOURCE, [
        (None, date(1953, 12, 31), 60, 0),
        (date(1954, 1, 1), date(1954, 6, 30), 60, 6),
        (date(1954, 7, 1), date(1954, 12, 31), 61, 0),
        (date(1955, 1, 1), date(1955, 6, 30), 61, 6),
        (date(1955, 7, 1), date(1955, 12, 31), 62, 0),
        (date(1956, 1, 1), date(1956, 6, 30), 62, 6),
        (date(1956, 7, 1), date(1958, 12, 31), 63, 0),
        (date(1959, 1, 1), date(1959, 6, 30), 63, 6),
        (date(1959, 7, 1), date(1962, 12, 31), 64, 0),
        (date(1963, 1, 1), date(1966, 12, 31), 65, 0),
        (date(1967, 1, 1), date(1970, 12, 31), 66, 0),
        (date(1971, 1, 1), None, 67, 0),
    ]),
}
# Which age ends which scheme: seniorjob ends at efterløn age (lov om seniorjob), fleksjob and
# skånejob at folkepension age (domain.md §1.1-1.2, §1.6).
AGE_LIMIT_KINDS = {"fleksjob-gammel": "folkepension", "fleksjob": "folkepension", "skaanejob": "folkepension", "seniorjob": "efterloen"}
# Versions whose employee representative is informed rather than asked for a statement: nytteindsats
# after the arbejdspligt law ("orientere tillidsrepræsentanten på det relevante P-nr.", domain.md §1.5).
INFORMS_REPRESENTATIVE = [("nytteindsats", date(2025, 7, 1))]


def load_age_limits(AgeLimit, SchemeVersion):
    """Create or update the age table and mark which scheme versions end at which age."""
    for kind, (source, rows) in AGE_LIMITS.items():
        for born_from, born_to, years, months in rows:
            AgeLimit.objects.update_or_create(
                kind=kind, born_from=born_from,
                defaults={"born_to": born_to, "years": years, "months": months, "source": source},
            )
    for code, kind in AGE_LIMIT_KINDS.items():
        SchemeVersion.objects.filter(scheme__code=code).update(ends_at_age_kind=kind)
    for code, valid_from in INFORMS_REPRESENTATIVE:
        SchemeVersion.objects.filter(scheme__code=code, valid_from=valid_from).update(informs_representative=True)
