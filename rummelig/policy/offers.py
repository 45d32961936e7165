"""Health offers: the usage table (sign-ups by unit and offer in a year).

HR (and the auditor) see exact counts; the table leaves HR (a leder, a MED member) suppressed. A
sign-up counts at the unit of the employee's current ordinary employment (each unit once per person).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from rummelig.people.models import Employment
from rummelig.reports.tables import Column, Row, Table, publish

from .concerns import count_rows
from .models import HealthOffer, HealthSignup


def usage_table(scope, year, *, suppress, today=None):
    rows = count_rows(scope)
    if not rows:
        return None
    offers = list(HealthOffer.objects.filter(sign_up=True))
    day = today or timezone.localdate()
    signups = list(HealthSignup.objects.filter(year=year).values_list("person_id", "offer_id"))
    people = {p for p, _o in signups}
    paths = {}
    for person_id, path in Employment.objects.active_on(day).filter(person_id__in=people).values_list("person_id", "unit__path"):
        paths.setdefault(person_id, []).append(path)
    cells = {(r.pk, o.pk): 0 for r in rows for o in offers}
    for person_id, offer_id in signups:
        units = {r.pk for r in rows for path in paths.get(person_id, ()) if path.startswith(r.path)}
        for unit_id in units:
            if (unit_id, offer_id) in cells:
                cells[(unit_id, offer_id)] += 1
    if not offers:
        return None
    published = publish(cells, suppress=suppress)
    table_rows = [Row(r.name, [published.value(r.pk, o.pk) for o in offers]) for r in rows]
    table_rows.append(Row(_("Total"), [published.col_total(o.pk) for o in offers], total=True))
    return Table(
        key="sundhedstilbud",
        title=_("Sign-ups for health offers in %(year)s") % {"year": year},
        row_header=_("Unit"),
        columns=[Column(o.name) for o in offers],
        rows=table_rows,
        note=_("Counts of 1-4 are shown as <5, and some other counts as x, so that no one can work out who is behind a number.")
        if suppress else "",
        with_previous=False,
    )


# The offers of Allerød's personnel policy ("Sundhed"), loaded as the demo municipality's offers.
SEED_OFFERS = (
    ("Sundhedstjek", "Sundhedstjek hvert andet år, hvor sundhedsfagligt personale tester forskellige sundhedsindikatorer. "
     "Tilmeld dig her; du får en tid fra sundhedsteamet.", True),
    ("Motion i FH-Hallen", "Tilbud om motion i FH-Hallen 2 gange om ugen. Tilmeld dig her for at få adgang til holdene.", True),
    ("Rygestopkursus", "Rygestopkurser for ansatte. Tilmeld dig her; du hører fra kursusholderen. "
     "Kommunen er en røgfri arbejdsplads: der må ikke ryges i arbejdstiden.", True),
    ("Alkoholrådgivning", "Rådgivning, bistand og evt. behandlingstilbud for at komme ud af et alkoholmisbrug. "
     "Kontakt din leder eller HR fortroligt; der er ingen tilmelding her.", False),
    ("Psykologisk krisehjælp", "Tilbud om psykologisk krisehjælp i forbindelse med arbejdsrelaterede problemer og kriser. "
     "Kontakt din leder eller HR, som formidler kontakten til en psykolog; der er ingen tilmelding her.", False),
)


def load_seed_offers():
    """Create the seed's health offers if there are none yet; return how many were made."""
    if HealthOffer.objects.exists():
        return 0
    HealthOffer.objects.bulk_create(
        [HealthOffer(name=name, how_to_use=text, sign_up=sign_up, sort_order=i) for i, (name, text, sign_up) in enumerate(SEED_OFFERS)]
    )
    return len(SEED_OFFERS)
