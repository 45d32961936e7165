"""Personas of the policy tests: two employees of Solsikken linked to their records, and Solsikken's AMR."""

from dataclasses import dataclass

import pytest

from rummelig.accounts.models import Role
from rummelig.testing import make_employment, make_person, make_user


@dataclass
class Staff:
    employee: object  # the login of Mads, an employee of Solsikken
    person: object
    colleague: object  # the login of Camilla, a colleague at Solsikken
    colleague_person: object
    amr: object  # AMR of Solsikken


@pytest.fixture
def staff(world):
    employee = make_user("mads", "Mads", "Frost", Role.EMPLOYEE, world.solsikken)
    person = make_person("Mads", "Frost", user=employee)
    make_employment(person, world.solsikken)
    colleague = make_user("camilla", "Camilla", "Krog", Role.EMPLOYEE, world.solsikken)
    colleague_person = make_person("Camilla", "Krog", user=colleague)
    make_employment(colleague_person, world.solsikken)
    amr = make_user("amr_a", "Anne", "Mortensen", Role.AMR, world.solsikken)
    return Staff(employee, person, colleague, colleague_person, amr)
