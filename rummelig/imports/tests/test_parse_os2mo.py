import json
import threading
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from rummelig.imports.parsers import ImportFileError, Problems
from rummelig.imports.parsers.os2mo import (
    build_query,
    employments_from_objects,
    fetch_pages,
    read_os2mo,
    units_from_objects,
    urllib_post,
)

from .conftest import by_id

RECORDED = Path(__file__).parent / "data" / "os2mo"
ON = date(2025, 1, 2)


def recorded(name):
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


class Replay:
    """A `post` that answers with recorded responses in order and remembers what it was asked."""

    def __init__(self, *names):
        self.responses = [recorded(name) for name in names]
        self.bodies = []

    def __call__(self, body):
        self.bodies.append(body)
        return self.responses.pop(0)


def test_the_queries_ask_for_validities_page_by_page():
    for collection in ("org_units", "engagements"):
        query = build_query(collection)
        assert f"{collection}(limit: $limit, cursor: $cursor" in query
        assert "page_info { next_cursor }" in query
        assert "validity { from to }" in query


def test_fetch_pages_follows_the_cursor_until_it_is_null():
    post = Replay("org_units_side1.json", "org_units_side2.json")

    objects = list(fetch_pages(post, "org_units", limit=2))

    assert len(objects) == 3
    assert [body["variables"]["cursor"] for body in post.bodies] == [None, "Mjo6YTE="]
    assert all(body["variables"]["limit"] == 2 for body in post.bodies)
    assert post.bodies[0]["variables"]["from_date"] is None


def test_org_units_become_unit_records():
    problems = Problems("OS2mo")
    objects = recorded("org_units_side1.json")["data"]["org_units"]["objects"]
    objects += recorded("org_units_side2.json")["data"]["org_units"]["objects"]

    units = by_id(units_from_objects(objects, problems, as_of=ON))

    school = units["2b4a1c5e-7d1f-4c7a-9a1e-000000000111"]
    assert school.name == "Børnehuset Æblegården"  # the validity on the day, not the old name
    assert school.valid_from == date(2012, 8, 1)  # the first validity
    assert school.valid_to is None
    assert school.parent_source_id == "2b4a1c5e-7d1f-4c7a-9a1e-000000000100"
    assert (school.short_name, school.p_number, school.kind_hint) == ("AEB", "1012345678", "Institution")
    depot = units["2b4a1c5e-7d1f-4c7a-9a1e-000000000121"]
    assert depot.parent_source_id == "2b4a1c5e-7d1f-4c7a-9a1e-000000000100"  # parent given as a list
    assert depot.valid_to == date(2025, 6, 30)
    assert depot.p_number is None  # only a bad one: the register keeps its own
    assert units["2b4a1c5e-7d1f-4c7a-9a1e-000000000100"].parent_source_id is None
    assert [str(notice) for notice in problems.notices] == [
        "OS2mo: org_unit 2b4a1c5e-7d1f-4c7a-9a1e-000000000121: P-nummeret '10234567' er ikke 10 cifre og er ikke indlæst."
    ]


def test_engagements_become_employment_records():
    problems = Problems("OS2mo")
    objects = recorded("engagements_side1.json")["data"]["engagements"]["objects"]

    employments = by_id(employments_from_objects(objects, problems, as_of=ON))

    assert not problems
    flex = employments["31815"]
    assert (flex.cpr, flex.first_name, flex.last_name) == ("1502854321", "Åse", "Møller")
    assert flex.unit_source_id == "2b4a1c5e-7d1f-4c7a-9a1e-000000000111"
    assert (flex.fte, flex.weekly_hours) == (Decimal("0.4054"), Decimal("15.00"))
    assert (flex.contract_code, flex.contract_text, flex.job_title) == ("fleksjob", "Fleksjob", "Pædagogmedhjælper")
    assert (flex.account_name, flex.is_manager) == ("aamo", True)  # AD IT user; a manager role for the unit
    subsidised = employments["31990"]
    assert (subsidised.account_name, subsidised.is_manager) == ("", False)
    assert subsidised.fte == Decimal("1.0000")  # no fraction: full time
    assert (subsidised.start, subsidised.end) == (date(2024, 11, 1), date(2025, 4, 30))


def test_read_os2mo_reads_units_and_engagements():
    post = Replay("org_units_side1.json", "org_units_side2.json", "engagements_side1.json")

    parsed = read_os2mo(post, engagements=True, as_of=ON)

    assert (len(parsed.units), len(parsed.employments), parsed.problems) == (3, 2, [])
    assert parsed.file == "OS2mo"


def test_a_graphql_error_is_refused_in_danish():
    with pytest.raises(ImportFileError) as error:
        list(fetch_pages(Replay("fejl.json")))

    assert str(error.value) == (
        "OS2mo: side 1: OS2mo svarede med en fejl: Cannot query field 'addresses' on type 'OrganisationUnit'."
    )


def test_a_cursor_that_repeats_stops_the_import():
    page = recorded("org_units_side1.json")

    with pytest.raises(ImportFileError, match="OS2mo sendte den samme side to gange"):
        list(fetch_pages(lambda body: page))


def test_an_answer_of_the_wrong_shape_is_refused():
    with pytest.raises(ImportFileError, match="OS2mo's svar har ikke den forventede form"):
        list(fetch_pages(lambda body: {"data": {"employees": {}}}))


class _FakeOS2mo(BaseHTTPRequestHandler):
    answer = {"data": {"org_units": {"objects": [], "page_info": {"next_cursor": None}}}}
    status = 200
    seen: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append((self.headers["Authorization"], body))
        payload = json.dumps(self.answer).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_os2mo():
    _FakeOS2mo.seen, _FakeOS2mo.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), _FakeOS2mo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/graphql/v22", _FakeOS2mo
    server.shutdown()
    server.server_close()


def test_the_urllib_transport_posts_the_query_with_a_bearer_token(local_os2mo):
    url, handler = local_os2mo

    objects = list(fetch_pages(urllib_post(url, "eyJhbGciOi.hemmelig.token"), "org_units"))

    assert objects == []
    [(authorization, body)] = handler.seen
    assert authorization == "Bearer eyJhbGciOi.hemmelig.token"
    assert body["query"] == build_query("org_units")


def test_the_urllib_transport_turns_an_http_error_into_a_danish_message(local_os2mo):
    url, handler = local_os2mo
    handler.status = 401

    with pytest.raises(ImportFileError, match=r"OS2mo svarede med HTTP-status 401 \(Unauthorized\)."):
        urllib_post(url, "forkert")({"query": "{}"})
