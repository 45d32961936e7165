"""The API keeps its OpenAPI contract: schemathesis sends generated valid and invalid requests as HR, a leder and a TR.

Every answer must be documented for its operation (status and JSON body), never a 5xx, and a request
the schema calls invalid must be refused. Two runs, deterministic and bounded so they fit in `make test`:
random valid and invalid requests to every operation as each role, and the boundary values of every
field (a character over the length, an hour over the week, null, a number as text …) of every write
as HR, who may write everywhere and so reaches the validation behind the permission checks.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import negative_data_rejection, response_schema_conformance, status_code_conformance

from rummelig.accounts.models import ApiToken
from rummelig.api.site import api
from rummelig.testing import make_employment, make_person, make_placement

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, negative_data_rejection]


def load_schema(phases, max_examples=10):
    """The API's own schema, called in-process through Django's WSGI handler, with only the given phases."""
    config = SchemathesisConfig.from_dict(
        {
            "generation": {"mode": "all", "max-examples": max_examples, "deterministic": True},
            "phases": {name: {"enabled": name in phases} for name in ("examples", "coverage", "fuzzing", "stateful")},
        }
    )
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=config)
    schema.app = WSGIHandler()
    return schema


random_requests = load_schema({"fuzzing"})
boundary_requests = load_schema({"coverage"}).include(method=["POST", "PUT", "PATCH"])


@pytest.fixture
def _keep_the_test_database_open():
    """Django closes the database connection after each request; its own test client stops that, and so must we."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def bearer_for(user):
    _token, key = ApiToken.issue(user, name="contract test")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def register(world, _keep_the_test_database_open):
    """A person with an ordinary employment and a placement in Solsikken (the TR's workplace, the leder's centre)."""
    person = make_person("Åse", "Ærø")
    make_employment(person, world.solsikken)
    make_placement(world.solsikken, "loentilskud", person)
    return world


@pytest.fixture(params=["hr", "leder_a", "tr_a"])
def as_role(request, register):
    return bearer_for(getattr(register, request.param))


@random_requests.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_contract_for_hr_a_leder_and_a_tr(case, as_role):
    case.call_and_validate(headers=as_role, checks=CHECKS)


@boundary_requests.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_write_refuses_each_value_beyond_its_bounds(case, register):
    case.call_and_validate(headers=bearer_for(register.hr), checks=CHECKS)
