"""Shared test personas and a small hand-built municipality, used by every app's tests.

    Rummelig Kommune
    ├── Center for Børn og Unge      (leder: leder_a, MED: med_a)
    │   ├── Solsikken Børnehus       (TR: tr_a)
    │   └── Skovbrynet Skole
    └── Center for Ældre og Sundhed  (leder: leder_b)
        └── Plejecenter Åbjerg

Personas: hr (HR, whole municipality), leder_a, leder_b, tr_a, med_a, auditor, outsider (no role).
Every persona's password is PASSWORD.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement
from rummelig.schemes.models import Scheme

PASSWORD = "Rummelig-test-2026"


@dataclass
class World:
    kommune: Unit
    centre_a: Unit
    centre_b: Unit
    solsikken: Unit
    skovbrynet: Unit
    aabjerg: Unit
    hr: object
    leder_a: object
    leder_b: object
    tr_a: object
    med_a: object
    auditor: object
    outsider: object


def make_user(username, first_name, last_name, role=None, unit=None):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=first_name, last_name=last_name, email=f"{username}@kommune.invalid"
    )
    if role:
        RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user


def build_world():
    """Create the small municipality and the personas; return them as a World."""
    start = date(2020, 1, 1)
    kommune = Unit.objects.create(name="Rummelig Kommune", kind=Unit.Kind.MUNICIPALITY, valid_from=start, payroll_id="K1")
    centre_a = Unit.objects.create(name="Center for Børn og Unge", kind=Unit.Kind.AREA, parent=kommune, valid_from=start, payroll_id="C1")
    centre_b = Unit.objects.create(name="Center for Ældre og Sundhed", kind=Unit.Kind.AREA, parent=kommune, valid_from=start, payroll_id="C2")
    solsikken = Unit.objects.create(
        name="Solsikken Børnehus", parent=centre_a, valid_from=start, payroll_id="W11", p_number="1012345678", cost_centre="4711"
    )
    skovbrynet = Unit.objects.create(
        name="Skovbrynet Skole", parent=centre_a, valid_from=start, payroll_id="W12", p_number="1012345679", cost_centre="4712"
    )
    aabjerg = Unit.objects.create(
        name="Plejecenter Åbjerg", parent=centre_b, valid_from=start, payroll_id="W21", p_number="1012345680", cost_centre="4721"
    )
    return World(
        kommune=kommune,
        centre_a=centre_a,
        centre_b=centre_b,
        solsikken=solsikken,
        skovbrynet=skovbrynet,
        aabjerg=aabjerg,
        hr=make_user("hr", "Hanne", "Rasmussen", Role.HR),
        leder_a=make_user("leder_a", "Lars", "Østergaard", Role.LEDER, centre_a),
        leder_b=make_user("leder_b", "Birgitte", "Æbelø", Role.LEDER, centre_b),
        tr_a=make_user("tr_a", "Tove", "Riis", Role.TR, solsikken),
        med_a=make_user("med_a", "Mette", "Dahl", Role.MED, centre_a),
        auditor=make_user("auditor", "Anders", "Revisor", Role.AUDITOR),
        outsider=make_user("outsider", "Otto", "Udenfor", None),
    )


def make_person(first_name="Søren", last_name="Kierkegård", cpr="", **extra):
    return Person.objects.create(first_name=first_name, last_name=last_name, cpr=cpr, **extra)


def make_employment(person, unit, start=date(2021, 1, 1), end=None, fte=Decimal("1"), **extra):
    extra.setdefault("weekly_hours", Decimal("37") * fte)
    return Employment.objects.create(person=person, unit=unit, start=start, end=end, fte=fte, **extra)


def make_placement(workplace, scheme_code="fleksjob", person=None, start=date(2026, 1, 1), planned_end=None, **extra):
    """Create a placement; the person is made up unless given."""
    person = person or make_person()
    return Placement.objects.create(
        person=person, scheme=Scheme.objects.get(code=scheme_code), workplace=workplace, start=start, planned_end=planned_end, **extra
    )


def reload_reference_data():
    """Run our data migrations again (schemes, age limits, caps …) after a flush removed their rows.

    Browser tests commit their data, so the database is flushed after each of them, and the flush
    also removes the reference data the migrations loaded. The loaders are idempotent.
    """
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = [node for node in loader.graph.leaf_nodes() if loader.graph.nodes[node].__module__.startswith("rummelig.")]
    seen = set()
    for leaf in ours:
        for node in loader.graph.forwards_plan(leaf):
            migration = loader.graph.nodes[node]
            if node in seen or not migration.__module__.startswith("rummelig."):
                continue
            seen.add(node)
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, None)


def downloaded(response):
    """Follow an export link's answer (a redirect to the export's page) and download the file it offers.

    The tests' tasks run at once (conftest), so the page offers the file already. Return the file as
    an ordinary response (with .content) of the download's status and headers.
    """
    import re

    from django.http import HttpResponse

    assert response.status_code == 302, response.status_code
    client = response.client
    page = client.get(response["Location"])
    link = re.search(r'href="(/eksport/[0-9a-f-]+/hent/)"', page.content.decode())
    assert link, page.content.decode()[:2000]
    answer = client.get(link[1])
    if not answer.streaming:
        return answer
    file = HttpResponse(b"".join(answer.streaming_content), status=answer.status_code)
    for header in ("Content-Type", "Content-Disposition"):
        file[header] = answer[header]
    return file
