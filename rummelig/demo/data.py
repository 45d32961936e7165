"""The made-up municipality as tables: centres, kinds of workplace, job titles, schemes' profiles.

Everything here is fictitious but shaped like a Danish kommune: six centres, workplaces whose names
follow the usual patterns ("Solsikken Børnehus", "Egebakkeskolen", "Plejecenter Kildevang"), job
titles that fit each kind of workplace, and for each scheme how common it is, whom it is for and
how long it lasts. Shares of staff follow KL's 2014 factsheet for municipalities (domain.md §4.1):
fleksjob 3.7 %, løntilskud 2.0 %, seniorjob 1.0 %; elever about 3 %; the rest are small.
"""

from dataclasses import dataclass, field
from datetime import date

from rummelig.placements.models import Outcome
from rummelig.schemes.models import TargetGroup as TG

KOMMUNE = "Rummelig Kommune"
DEMO_PASSWORD = "demo"

# The first workplace of three centres always has the same name, so that the demo logins (and the
# README) can name them whatever the size of the municipality.
SOLSIKKEN = "Solsikken Børnehus"
SKOVBRYNET = "Skovbrynet Skole"
AABJERG = "Plejecenter Åbjerg"


@dataclass(frozen=True)
class Kind:
    """A kind of workplace: how it is named, how big it is, who works there, what trainees do."""

    key: str
    names: tuple[str, ...]  # templates with {town}, {local}, {localroot}, {nature}, {district}
    size: int  # typical number of staff
    titles: tuple[tuple[str, int], ...]  # job title, weight
    manager: str
    tasks: tuple[str, ...]  # what a person on special terms does there (used in the purpose)
    weight: int = 10  # how common among the centre's workplaces
    single: bool = False  # usually one per municipality (Sundhedsplejen, Jobcenteret …)
    part_time: bool = True  # staff often work part time


@dataclass(frozen=True)
class Centre:
    key: str
    name: str
    staff_share: float  # share of the municipality's staff
    workplace_share: float  # share of its workplaces
    women: float  # share of women among staff and trainees
    kinds: tuple[Kind, ...]
    fixed: tuple[str, str] | None = None  # (name, kind key) of the first workplace


PAEDAGOGISK = (("Pædagog", 50), ("Pædagogmedhjælper", 25), ("Pædagogisk assistent", 15), ("Køkkenmedhjælper", 5))
SOSU = (
    ("Social- og sundhedshjælper", 30), ("Social- og sundhedsassistent", 35), ("Sygeplejerske", 10),
    ("Køkkenassistent", 6), ("Rengøringsassistent", 6), ("Ergoterapeut", 3), ("Aktivitetsmedarbejder", 4),
)
BOERN_TASKS = ("pædagogisk arbejde med børnene", "køkken og madordning", "praktiske opgaver og legepladsen")
AELDRE_TASKS = ("køkken og servering", "aktiviteter for beboerne", "rengøring og linned", "pleje og omsorg")
TEKNIK_TASKS = ("grøn pleje og vedligehold", "værksted og maskiner", "renhold af veje og pladser")
ADM_TASKS = ("kontoropgaver og journalisering", "scanning og arkiv", "borgerbetjening", "praktiske opgaver i huset")

CENTRES = (
    Centre("boern", "Center for Børn og Unge", 0.20, 0.30, 0.82, (
        Kind("boernehus", ("{nature} Børnehus", "Børnehuset {nature}", "{local} Børnehus", "Børnehuset {local}",
                           "{town} Børnehus", "Børnehaven {nature}", "Dagtilbud {local}"),
             18, PAEDAGOGISK, "Dagtilbudsleder", BOERN_TASKS, weight=60),
        Kind("vuggestue", ("Vuggestuen {nature}", "{local} Vuggestue"), 14, PAEDAGOGISK, "Dagtilbudsleder",
             BOERN_TASKS, weight=15),
        Kind("klub", ("{town} Ungdomsklub", "Klub {local}"), 10,
             (("Pædagog", 50), ("Klubmedarbejder", 40), ("Pædagogmedhjælper", 10)), "Klubleder",
             ("aktiviteter i klubben", "café og køkken", "praktiske opgaver og værksted"), weight=12),
        Kind("familiehus", ("Familiehuset", "Familiehuset {town}"), 20,
             (("Socialrådgiver", 45), ("Familiebehandler", 40), ("Administrativ medarbejder", 15)), "Afdelingsleder",
             ("kontoropgaver", "praktiske opgaver i huset"), weight=5, single=True, part_time=False),
        Kind("sundhedspleje", ("Sundhedsplejen", "Sundhedsplejen {district}"), 15,
             (("Sundhedsplejerske", 85), ("Sekretær", 15)), "Ledende sundhedsplejerske",
             ("kontoropgaver", "klargøring af konsultationer"), weight=3, single=True),
    ), fixed=(SOLSIKKEN, "boernehus")),
    Centre("skole", "Center for Skole", 0.23, 0.17, 0.70, (
        Kind("skole", ("{local} Skole", "{town} Skole", "{localroot}skolen", "{town} Skole"), 70,
             (("Lærer", 60), ("Pædagog", 20), ("Pædagogmedhjælper", 8), ("Skolesekretær", 5),
              ("Teknisk servicemedarbejder", 4), ("Afdelingsleder", 3)),
             "Skoleleder", ("pedelopgaver", "støtte i undervisningen", "skolekontoret", "SFO og frikvarterer"),
             weight=80, part_time=False),
        Kind("ungdomsskole", ("Ungdomsskolen", "Ungdomsskolen {town}"), 15,
             (("Ungdomsskolelærer", 60), ("Pædagog", 30), ("Sekretær", 10)), "Ungdomsskoleleder",
             ("praktiske opgaver og værksted", "café og køkken"), weight=6, single=True),
        Kind("ppr", ("PPR – Pædagogisk Psykologisk Rådgivning", "PPR {district}"), 25,
             (("Psykolog", 50), ("Tale-hørekonsulent", 25), ("Administrativ medarbejder", 25)), "PPR-leder",
             ("kontoropgaver og journalisering",), weight=4, single=True, part_time=False),
        Kind("musikskole", ("Musikskolen", "Musikskolen {town}"), 20,
             (("Musikskolelærer", 85), ("Administrativ medarbejder", 15)), "Musikskoleleder",
             ("praktiske opgaver og koncerter", "kontoropgaver"), weight=3, single=True),
    ), fixed=(SKOVBRYNET, "skole")),
    Centre("aeldre", "Center for Ældre og Sundhed", 0.27, 0.18, 0.86, (
        Kind("plejecenter", ("Plejecenter {local}", "Plejecenter {town}", "{local} Plejecenter", "Plejehjemmet {local}"),
             80, SOSU, "Centerleder", AELDRE_TASKS, weight=45),
        Kind("hjemmepleje", ("Hjemmeplejen {town}", "Hjemmeplejen Distrikt {district}"), 90,
             (("Social- og sundhedshjælper", 45), ("Social- og sundhedsassistent", 35), ("Sygeplejerske", 12),
              ("Planlægger", 8)), "Distriktsleder", ("praktisk hjælp og indkøb", "kørsel og logistik", "pleje og omsorg"),
             weight=25),
        Kind("traening", ("Træningscenter {town}", "Sundhedshuset {town}"), 30,
             (("Fysioterapeut", 45), ("Ergoterapeut", 40), ("Terapeutassistent", 15)), "Leder af træning og rehabilitering",
             ("træningssal og hjælpemidler", "holdtræning og aktiviteter"), weight=15),
        Kind("sygepleje", ("Sygeplejen {town}", "Sygeplejen Distrikt {district}"), 40,
             (("Sygeplejerske", 80), ("Social- og sundhedsassistent", 20)), "Sygeplejeleder",
             ("depot og hjælpemidler", "kørsel og logistik"), weight=15),
    ), fixed=(AABJERG, "plejecenter")),
    Centre("social", "Center for Social og Handicap", 0.13, 0.14, 0.72, (
        Kind("bosted", ("Bostedet {local}", "Botilbuddet {local}", "{local} Bosted"), 45,
             (("Socialpædagog", 55), ("Social- og sundhedsassistent", 20), ("Pædagogmedhjælper", 15), ("Nattevagt", 10)),
             "Forstander", ("køkken og måltider", "aktiviteter for beboerne", "pedel- og haveopgaver"), weight=50),
        Kind("vaerested", ("Værestedet {nature}", "Café {nature}"), 12,
             (("Socialpædagog", 60), ("Værkstedsassistent", 40)), "Leder", ("café og køkken", "værksted"), weight=20),
        Kind("vaerksted", ("Beskyttet Værksted {town}", "Værkstedet {local}"), 20,
             (("Værkstedsassistent", 55), ("Socialpædagog", 45)), "Værkstedsleder",
             ("træværksted", "montage og pakning", "udendørs opgaver"), weight=15),
        Kind("stoettecenter", ("Støttecenter {town}", "Bostøtten {district}"), 25,
             (("Bostøttemedarbejder", 70), ("Socialrådgiver", 30)), "Afdelingsleder",
             ("kontoropgaver", "praktiske opgaver i huset"), weight=15),
    )),
    Centre("teknik", "Center for Teknik og Miljø", 0.09, 0.12, 0.30, (
        Kind("materielgaard", ("Materielgården {town}", "Materielgården"), 40,
             (("Vejmand", 30), ("Gartner", 25), ("Maskinfører", 20), ("Håndværker", 15), ("Værkfører", 10)),
             "Driftsleder", TEKNIK_TASKS, weight=20, part_time=False),
        Kind("vejpark", ("Vej og Park {district}", "Vej og Park {town}"), 35,
             (("Gartner", 40), ("Vejmand", 35), ("Maskinfører", 25)), "Driftsleder", TEKNIK_TASKS, weight=20,
             part_time=False),
        Kind("genbrug", ("Genbrugspladsen {town}",), 10, (("Pladsmand", 80), ("Chauffør", 20)), "Pladsleder",
             ("sortering og vejledning af borgere", "renhold af pladsen"), weight=12, part_time=False),
        Kind("rensning", ("Rensningsanlæg {town}",), 12, (("Driftsoperatør", 70), ("Elektriker", 30)), "Driftsleder",
             ("renhold og vedligehold",), weight=8, part_time=False),
        Kind("bibliotek", ("{town} Bibliotek", "Hovedbiblioteket", "Biblioteket {town}"), 20,
             (("Bibliotekar", 50), ("Biblioteksassistent", 35), ("Kulturformidler", 15)), "Biblioteksleder",
             ("udlån og opstilling", "arrangementer og formidling"), weight=25),
        Kind("kultur", ("Kulturhuset {town}", "Kulturhuset {local}", "{town} Svømmehal", "Svømmehallen {local}"), 14,
             (("Kulturmedarbejder", 40), ("Livredder", 30), ("Servicemedarbejder", 30)), "Centerleder",
             ("drift og rengøring", "café og arrangementer"), weight=15),
    )),
    Centre("adm", "Center for Administration og Økonomi", 0.08, 0.09, 0.68, (
        Kind("raadhus", ("Løn og Personale", "Økonomi og Analyse", "IT og Digitalisering", "Sekretariat og Jura",
                         "Ydelseskontoret", "Byggesag og Plan", "Indkøb og Udbud", "Kommunikation",
                         "Rådhusservice {town}"),
             35, (("Administrativ medarbejder", 30), ("Sagsbehandler", 25), ("Konsulent", 25), ("Økonomimedarbejder", 10),
                  ("IT-medarbejder", 10)), "Afdelingschef", ADM_TASKS, weight=60, part_time=False),
        Kind("borgerservice", ("Borgerservice", "Borgerservice {town}"), 25,
             (("Borgerservicemedarbejder", 80), ("Sagsbehandler", 20)), "Borgerservicechef", ADM_TASKS, weight=15,
             single=True, part_time=False),
        Kind("jobcenter", ("Jobcenter Rummelig", "Jobcenter Rummelig, afdeling {town}"), 70,
             (("Jobkonsulent", 40), ("Sagsbehandler", 40), ("Administrativ medarbejder", 20)), "Jobcenterchef",
             ADM_TASKS, weight=25, single=True, part_time=False),
    )),
)

# Weekly hours and their weights for full-time-minded and part-time-minded workplaces.
HOURS_FULL = ((37, 82), (32, 9), (30, 5), (25, 4))
HOURS_PART = ((37, 42), (32, 18), (30, 15), (28, 10), (25, 8), (20, 5), (15, 2))

NATURE = (
    "Solsikken", "Mælkebøtten", "Troldehøjen", "Lærkereden", "Myretuen", "Regnbuen", "Spiren", "Kastanjen",
    "Bikuben", "Humlebien", "Skovmusen", "Egernet", "Mariehønen", "Sommerfuglen", "Søstjernen", "Stjerneskuddet",
    "Pilehuset", "Bøgely", "Valmuen", "Anemonen", "Kløveret", "Rønnebærret", "Tusindfryd", "Sneglehuset",
    "Grævlingen", "Pindsvinet", "Svalereden", "Vibereden", "Ællingen", "Åkanden", "Æblehaven", "Ørnereden",
    "Mejsen", "Uglereden", "Hasselnødden", "Skovsneglen", "Blåbærret", "Fuglereden", "Hyldebærret", "Trætoppen",
)
LOCAL_PREFIXES = (
    "Ege", "Birke", "Bøge", "Aske", "Hylde", "Kilde", "Mølle", "Sø", "Lyng", "Eng", "Rose", "Linde", "Hassel",
    "Vang", "Hede", "Fjord", "Kær", "Rønne", "Pile", "Ørne", "Lærke", "Kløver", "Grøn", "Sol", "Strand", "Nørre",
    "Søndre", "Vester", "Øster", "Torne", "Gran", "Fyrre", "Maj", "Å", "Holme", "Bakke", "Lunde", "Tofte",
)
LOCAL_ROOTS = (
    ("bakke", "bakken"), ("gård", "gården"), ("høj", "højen"), ("vang", "vangen"), ("lund", "lunden"),
    ("holm", "holmen"), ("bjerg", "bjerget"), ("dal", "dalen"), ("eng", "engen"), ("toft", "toften"),
    ("skov", "skoven"), ("vej", "vejen"),
)
# The municipality's own towns, made from old Danish place-name elements (Ravnsted, Hvidlev …), so
# that no real town from the other end of the country turns up in it. The first town is Rummelig.
TOWN_PREFIXES = (
    "Ravn", "Hvid", "Ting", "Kirke", "Mølle", "Ulv", "Hjort", "Karl", "Skov", "Rød", "Tor", "Vig", "Lyng", "Eg",
    "Bøg", "Hald", "Sner", "Gud", "Frede", "Hol", "Ny", "Vester", "Øster", "Nørre", "Sønder", "Ås", "Her", "Tjør",
    "Dals", "Ran", "Sval", "Brø", "Gjel", "Hør", "Lind", "Mari", "Orm", "Sæd", "Tved", "Vinde",
)
TOWN_SUFFIXES = (
    "rup", "strup", "lev", "sted", "by", "løse", "inge", "bjerg", "holm", "borg", "købing", "ager", "bæk", "lunde",
    "toft", "hede", "skov", "mose",
)
DISTRICTS = ("Nord", "Syd", "Øst", "Vest", "Midt", "By", "Land")

# Names for refugees and family-reunified (IGU and integration target groups).
INTEGRATION_FIRST = {
    True: ("Fatima", "Amina", "Mariam", "Layla", "Nour", "Hodan", "Olena", "Oksana", "Iryna", "Senait", "Hana", "Rahel"),
    False: ("Ahmad", "Mohammad", "Hassan", "Yusuf", "Omar", "Ali", "Abdi", "Dmytro", "Tesfay", "Aziz", "Bashir", "Samir"),
}
INTEGRATION_LAST = (
    "Hassan", "Ali", "Mohamed", "Abdi", "Ahmadi", "Haidari", "Kovalenko", "Shevchenko", "Bondarenko", "Tesfamariam",
    "Yousef", "Rahimi", "Osman", "Hussein", "Nazari", "Warsame",
)

# Agreed special considerations (a health field: hidden from employee representatives).
CONSIDERATIONS = (
    "Ingen tunge løft (over 10 kg).",
    "Arbejdstid kl. 9–14 med mulighed for pauser efter behov.",
    "Ikke alene på vagt.",
    "Intet natarbejde.",
    "Mulighed for at sidde ned under arbejdet.",
    "Faste opgaver og forudsigelige rammer; ændringer aftales i god tid.",
    "Kontakt til lederen om morgenen ved dårlige dage.",
    "Ingen kørsel i kommunens biler.",
    "Skærmet arbejdsplads uden støj.",
)

# Outcome mixtures for ended placements.
OUTCOMES_DEFAULT = (
    (Outcome.ORDINARY_JOB_HERE, 10), (Outcome.JOB_ELSEWHERE, 20), (Outcome.EDUCATION, 10),
    (Outcome.OTHER_SCHEME, 15), (Outcome.NO_JOB, 30), (Outcome.UNKNOWN, 15),
)
OUTCOMES = {
    "loentilskud": ((Outcome.ORDINARY_JOB_HERE, 15), (Outcome.JOB_ELSEWHERE, 25), (Outcome.EDUCATION, 8),
                    (Outcome.OTHER_SCHEME, 12), (Outcome.NO_JOB, 28), (Outcome.UNKNOWN, 12)),
    "virksomhedspraktik": ((Outcome.ORDINARY_JOB_HERE, 4), (Outcome.JOB_ELSEWHERE, 10), (Outcome.EDUCATION, 12),
                           (Outcome.OTHER_SCHEME, 34), (Outcome.NO_JOB, 25), (Outcome.UNKNOWN, 15)),
    "elev": ((Outcome.ORDINARY_JOB_HERE, 55), (Outcome.JOB_ELSEWHERE, 25), (Outcome.EDUCATION, 8),
             (Outcome.NO_JOB, 7), (Outcome.UNKNOWN, 5)),
    "voksenlaerling": ((Outcome.ORDINARY_JOB_HERE, 50), (Outcome.JOB_ELSEWHERE, 30), (Outcome.NO_JOB, 10),
                       (Outcome.UNKNOWN, 10)),
    "fleksjob": ((Outcome.JOB_ELSEWHERE, 20), (Outcome.OTHER_SCHEME, 25), (Outcome.NO_JOB, 35), (Outcome.UNKNOWN, 20)),
    "skaanejob": ((Outcome.OTHER_SCHEME, 20), (Outcome.NO_JOB, 55), (Outcome.UNKNOWN, 25)),
    "praktikant": ((Outcome.EDUCATION, 80), (Outcome.UNKNOWN, 20)),
    "jobrotation": ((Outcome.ORDINARY_JOB_HERE, 15), (Outcome.JOB_ELSEWHERE, 30), (Outcome.NO_JOB, 35),
                    (Outcome.UNKNOWN, 20)),
    # A § 56 agreement or mentor support ends while the person goes on working here.
    "paragraf-56": ((Outcome.ORDINARY_JOB_HERE, 85), (Outcome.NO_JOB, 10), (Outcome.UNKNOWN, 5)),
    "igu": ((Outcome.ORDINARY_JOB_HERE, 20), (Outcome.JOB_ELSEWHERE, 30), (Outcome.EDUCATION, 25),
            (Outcome.NO_JOB, 15), (Outcome.UNKNOWN, 10)),
}
# Seniorjob and the old fleksjob mostly end at the age limit: the person leaves the labour market.
OUTCOMES_AT_AGE_LIMIT = ((Outcome.NO_JOB, 90), (Outcome.UNKNOWN, 10))

# Educations of elever and voksenlærlinge by centre: ((education, months), weight).
EDUCATIONS = {
    "aeldre": ((("social- og sundhedshjælper", 14), 45), (("social- og sundhedsassistent", 33), 55)),
    "boern": ((("pædagogisk assistent", 25), 100),),
    "social": ((("social- og sundhedsassistent", 33), 50), (("pædagogisk assistent", 25), 50)),
    "skole": ((("pædagogisk assistent", 25), 100),),
    "adm": ((("kontorassistent med speciale i offentlig administration", 24), 100),),
    "teknik": ((("anlægsgartner", 45), 60), (("ejendomsservicetekniker", 42), 40)),
}


@dataclass(frozen=True)
class Profile:
    """How one scheme shows up in the demo: how common, for whom, where, and for how long.

    model: "max" (the scheme's maximum for the target group, sometimes less), "education" (the
    length of the education), "months" (a length drawn from `months`), "open" (no planned end;
    `tenure` is the mean length in years of those that end), "age" (until the scheme's age limit).
    """

    code: str
    share: float  # of ordinary staff in the scheme on any day
    groups: tuple[tuple[str, int], ...]
    centres: dict
    model: str
    purposes: tuple[str, ...]
    min_seats: int = 1
    months: tuple[tuple[int, int], ...] = ()
    fallback_weeks: int = 13  # "max" model when the version in force sets no maximum
    last_start: date | None = None  # no new cases after this day (the old fleksjob: 2012)
    tenure: float = 0.0
    full: float = 0.75  # "max": share planned for the whole maximum
    early: float = 0.2  # share that ends before the planned end
    ages: tuple[int, int] = (20, 60)
    hours: tuple[tuple[int, int], ...] = ((37, 1),)
    linked: float = 0.0  # share held by an existing employee (fleksjob, skånejob)
    employee: bool = False  # always an existing employee (§ 56)
    renew: float = 0.0  # share whose previous period was the same person's (renewals)
    vacated: float = 0.0  # share of seats empty today
    gap: tuple[int, int] = (0, 45)  # days between one person and the next on a seat
    mentor: float = 0.15
    jobcenter: bool = True
    considerations: float = 0.0
    counts_in_ratio: bool = False
    subsidy: tuple = ()  # ("range", low, high) per year | ("hourly", kr per hour) | ()
    outcomes: tuple = field(default=OUTCOMES_DEFAULT)


ALL_CENTRES = {"boern": 10, "skole": 10, "aeldre": 10, "social": 10, "teknik": 10, "adm": 10}

PROFILES = (
    Profile(
        "fleksjob", 0.037, ((TG.LEDIGHEDSYDELSE, 100),), {**ALL_CENTRES, "teknik": 18, "adm": 14, "aeldre": 12},
        "open", ("Fastholde tilknytningen til arbejdsmarkedet med {task} i et tempo, der passer til arbejdsevnen.",
                 "Fleksjob med {task}; opgaver og arbejdstid tilpasset de aftalte skånehensyn."),
        min_seats=3, tenure=7.0, ages=(25, 62), hours=((8, 6), (10, 10), (12, 12), (15, 14), (18, 10), (20, 12),
                                                        (22, 6), (25, 8), (28, 4), (30, 4)),
        linked=0.15, gap=(14, 120), mentor=0.1, considerations=0.85, subsidy=("range", 90_000, 190_000),
    ),
    Profile(
        "fleksjob-gammel", 0.003, ((TG.LEDIGHEDSYDELSE, 100),), ALL_CENTRES, "open",
        ("Fleksjob efter de gamle regler med {task}.",), last_start=date(2012, 12, 31), tenure=14.0, ages=(35, 55),
        hours=((20, 30), (25, 30), (30, 25), (37, 15)), vacated=0.3, considerations=0.6, mentor=0.0,
        subsidy=("range", 180_000, 320_000),
    ),
    Profile(
        "skaanejob", 0.005, ((TG.FOERTIDSPENSION, 100),), {**ALL_CENTRES, "teknik": 20, "social": 14},
        "open", ("Meningsfuldt arbejde med {task} på skånsomme vilkår.",), tenure=5.0, ages=(25, 60),
        hours=((10, 25), (12, 20), (15, 25), (18, 10), (20, 15), (25, 5)), linked=0.2, gap=(14, 120),
        considerations=0.8, counts_in_ratio=True, subsidy=("hourly", 58),
    ),
    Profile(
        "loentilskud", 0.020,
        ((TG.DAGPENGE, 35), (TG.DIMITTEND, 5), (TG.KONTANTHJAELP_JOBPARAT, 15), (TG.KONTANTHJAELP_AKTIVITETSPARAT, 10),
         (TG.UDDANNELSESHJAELP, 5), (TG.SYGEDAGPENGE, 8), (TG.RESSOURCEFORLOEB, 8), (TG.JOBAFKLARING, 6),
         (TG.INTEGRATION, 8)),
        {**ALL_CENTRES, "adm": 16, "teknik": 16}, "max",
        ("Opkvalificering inden for {task} med henblik på ordinært job.",
         "Få erfaring med {task} og en aktuel reference."),
        min_seats=2, ages=(20, 60), hours=((37, 70), (32, 10), (30, 10), (25, 6), (20, 4)), early=0.25,
        considerations=0.3, counts_in_ratio=True, subsidy=("hourly", 140),
    ),
    Profile(
        "virksomhedspraktik", 0.010,
        ((TG.DAGPENGE, 10), (TG.KONTANTHJAELP_JOBPARAT, 10), (TG.KONTANTHJAELP_AKTIVITETSPARAT, 30),
         (TG.UDDANNELSESHJAELP, 10), (TG.DIMITTEND, 5), (TG.SYGEDAGPENGE, 15), (TG.RESSOURCEFORLOEB, 12),
         (TG.JOBAFKLARING, 8)),
        {**ALL_CENTRES, "teknik": 16, "aeldre": 14}, "max",
        ("Afklare arbejdsevne og interesser inden for {task}.", "Afprøve {task} som vej til job eller uddannelse."),
        min_seats=2, ages=(18, 60), hours=((37, 20), (30, 20), (25, 20), (20, 20), (15, 12), (10, 8)),
        full=0.7, considerations=0.4, counts_in_ratio=True,
    ),
    Profile(
        "seniorjob", 0.010, ((TG.DAGPENGE, 100),), {**ALL_CENTRES, "teknik": 25, "aeldre": 12, "skole": 12},
        "age", ("Seniorjob med {task} frem til efterlønsalderen.",), ages=(59, 63), hours=((37, 90), (32, 10)),
        gap=(30, 120), subsidy=("range", 150_000, 165_000),
    ),
    Profile(
        "elev", 0.030, ((TG.STUDENT, 100),), {"aeldre": 60, "boern": 15, "social": 10, "adm": 8, "teknik": 4, "skole": 3},
        "education", ("Uddannelse til {education}.",), min_seats=3, ages=(17, 45), early=0.12, gap=(0, 120),
        mentor=0.0, jobcenter=False, subsidy=("range", 40_000, 70_000), outcomes=OUTCOMES["elev"],
    ),
    Profile(
        "nytteindsats", 0.002, ((TG.KONTANTHJAELP_JOBPARAT, 60), (TG.UDDANNELSESHJAELP, 25), (TG.DAGPENGE, 15)),
        {"teknik": 60, "aeldre": 20, "social": 20}, "max",
        ("Nyttige opgaver med {task}, som ellers ikke ville blive løst.",), ages=(20, 60),
        hours=((37, 60), (20, 40)), mentor=0.0, counts_in_ratio=True,
    ),
    Profile(
        "jobrotation", 0.001, ((TG.DAGPENGE, 80), (TG.KONTANTHJAELP_JOBPARAT, 20)), {"aeldre": 50, "boern": 30, "social": 20},
        "max", ("Vikar for en medarbejder i efteruddannelse; {task}.",), ages=(25, 60), mentor=0.0,
        subsidy=("hourly", 190), outcomes=OUTCOMES["jobrotation"],
        last_start=date(2026, 1, 31),  # closed for new placements by lov nr. 1750 af 29/12/2025
    ),
    Profile(
        "igu", 0.001, ((TG.INTEGRATION, 100),), {"aeldre": 40, "teknik": 30, "boern": 15, "social": 15}, "max",
        ("Integrationsgrunduddannelse: lønnet praktik med {task} og skoleundervisning.",), ages=(18, 40),
        full=0.9, mentor=0.5, outcomes=OUTCOMES["igu"],
    ),
    Profile(
        "mentor", 0.002,
        ((TG.KONTANTHJAELP_AKTIVITETSPARAT, 30), (TG.RESSOURCEFORLOEB, 25), (TG.SYGEDAGPENGE, 15), (TG.INTEGRATION, 15),
         (TG.LEDIGHEDSYDELSE, 15)),
        ALL_CENTRES, "max", ("Mentorstøtte i opstarten med {task}.",), ages=(18, 60),
        hours=((37, 40), (30, 20), (20, 25), (15, 15)), renew=0.4, mentor=1.0, considerations=0.3,
        subsidy=("range", 25_000, 80_000),
    ),
    Profile(
        "paragraf-56", 0.002, ((TG.EMPLOYED, 100),), ALL_CENTRES, "max",
        ("Aftale om refusion af sygedagpenge fra første fraværsdag ved kronisk sygdom.",), full=1.0, early=0.1,
        employee=True, renew=0.8, gap=(0, 60), mentor=0.0, jobcenter=False, considerations=0.7,
        subsidy=("range", 15_000, 60_000), outcomes=OUTCOMES["paragraf-56"],
    ),
    Profile(
        "voksenlaerling", 0.002, ((TG.STUDENT, 60), (TG.DAGPENGE, 40)), {"aeldre": 50, "teknik": 25, "adm": 25},
        "education", ("Voksenlærling på vej til {education}.",), ages=(25, 50), early=0.1, mentor=0.0,
        subsidy=("hourly", 35), outcomes=OUTCOMES["voksenlaerling"],
    ),
    Profile(
        "praktikant", 0.003, ((TG.STUDENT, 100),), {**ALL_CENTRES, "adm": 25, "skole": 20}, "months",
        ("Praktik i uddannelsen med {task}.",), months=((3, 40), (4, 20), (5, 20), (6, 20)), ages=(20, 35),
        hours=((37, 70), (30, 30)), early=0.05, mentor=0.0, jobcenter=False, outcomes=OUTCOMES["praktikant"],
    ),
    Profile(
        "revalidering", 0.001, ((TG.REVALIDERING, 100),), ALL_CENTRES, "months",
        ("Revalidering med {task} mod et nyt fagområde.",), months=((12, 50), (18, 30), (24, 20)), ages=(25, 55),
        hours=((37, 60), (30, 25), (25, 15)), considerations=0.5, subsidy=("hourly", 140),
        last_start=date(2026, 1, 31),  # abolished for new cases from 1 February 2026 (lov nr. 1750 af 29/12/2025)
    ),
)

# Subsidy per hour for løntilskud by target group (public employer; lower for cash-benefit recipients).
LOENTILSKUD_LOW_RATE_GROUPS = {
    TG.KONTANTHJAELP_JOBPARAT, TG.KONTANTHJAELP_AKTIVITETSPARAT, TG.UDDANNELSESHJAELP, TG.INTEGRATION,
}

# Existing workplaces that always get a seat of these schemes, so the TR and leder demo logins
# have something to look at however small the municipality.
ANCHORS = {
    SOLSIKKEN: ("fleksjob", "loentilskud", "virksomhedspraktik", "elev"),
    SKOVBRYNET: ("fleksjob", "loentilskud", "seniorjob"),
    AABJERG: ("elev", "skaanejob", "virksomhedspraktik", "fleksjob"),
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str | None  # a Role value, None for no role
    unit: str | None  # "kommune", a centre key, a fixed workplace name, or None for the whole municipality
    may: str  # what the role may do, in Danish, for the login table


DEMO_USERS = (
    DemoUser("hr", "Helle", "Rasmussen", "hr", None, "ser og retter alt; kan se fulde CPR-numre"),
    DemoUser("leder-boern", "Lars", "Østergaard", "leder", "boern", "ser og retter centrets enheder"),
    DemoUser("leder-aeldre", "Birgitte", "Æbelø", "leder", "aeldre", "ser og retter centrets enheder"),
    DemoUser("leder-skovbrynet", "Søren", "Bækgaard", "leder", SKOVBRYNET, "ser og retter én arbejdsplads"),
    DemoUser("tr-solsikken", "Tove", "Riis", "tr", SOLSIKKEN, "ser arbejdspladsens ansættelser uden helbredsoplysninger"),
    DemoUser("amr-solsikken", "Anne", "Mortensen", "amr", SOLSIKKEN, "arbejdsmiljørepræsentant: ser enhederne, ingen personer"),
    DemoUser("med-hoved", "Mette", "Dahl", "med", "kommune", "ser kun tal for hele kommunen (HovedMED)"),
    DemoUser("med-boern", "Jens", "Kjærgaard", "med", "boern", "ser kun tal for centret"),
    DemoUser("revisor", "Anders", "Møller", "auditor", None, "læser alt, også revisionsloggen"),
    DemoUser("indkoeb", "Ida", "Lykke", "indkoeb", "kommune", "udbud, klausuler og opfølgning; ser ingen personoplysninger"),
    DemoUser("jobcenter", "Jakob", "Holm", "beskaeftigelse", "kommune", "kommunens beskæftigelsesenhed"),
    DemoUser("it-admin", "Irene", "Thomsen", "administrator", None, "administrerer brugere; ser ingen personoplysninger"),
    DemoUser("medarbejder", "Mads", "Frost", "medarbejder", SOLSIKKEN, "mentor for to på Solsikken: ser kun dem, uden helbredsoplysninger"),
    DemoUser("ingen", "Ole", "Udenfor", None, None, "ingen rolle: ser ingenting"),
)
DEMO_USERNAMES = tuple(u.username for u in DEMO_USERS)

ROLE_NAMES = {
    "hr": "HR-konsulent",
    "leder": "Leder",
    "tr": "Tillidsrepræsentant",
    "amr": "Arbejdsmiljørepræsentant",
    "beskaeftigelse": "Beskæftigelse",
    "administrator": "Administrator (IT)",
    "med": "MED-udvalg",
    "auditor": "Revisor",
    "indkoeb": "Indkøb",
    "medarbejder": "Medarbejder",
}
