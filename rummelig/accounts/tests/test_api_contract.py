"""The API keeps its OpenAPI contract: schemathesis sends generated valid and invalid requests as HR, a leder and a TR.

Every answer must be documented for its operation (status and body), never a 5xx, and a request the
schema calls invalid must be refused. The run is deterministic and bounded so it fits in `make test`.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import negative_data_rejection, response_schema_conformance, status_code_conformance

from rummelig.accounts.models import ApiToken
from rummelig.api import api
from rummelig.testing import make_person, make_placement

CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {
        "generation": {"mode": "all", "max-examples": 20, "deterministic": True},
        "phases": {"stateful": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
schema.app = WSGIHandler()

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, negative_data_rejection]


@pytest.fixture
def _keep_the_test_database_open():
    """Django closes the database connection after each request; Django's own test client stops that, and so must we."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["hr", "leder_a", "tr_a"])
def bearer(request, world, _keep_the_test_database_open):
    make_placement(world.solsikken, "loentilskud", make_person("Åse", "Ærø"))
    _token, key = ApiToken.issue(getattr(world, request.param), name="fuzz")
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case, bearer):
    case.call_and_validate(headers=bearer, checks=CHECKS)
