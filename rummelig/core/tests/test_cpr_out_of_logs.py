"""A CPR number typed into a search or a text field never reaches an address, a log line or the audit log.

The attacker's view: after HR and a leder search for a CPR number on every page and API operation that
searches, type it into free text, and a URL with it is requested, read every audit row and everything the
configured log handlers wrote (the root console, django.request and the development server's access log).
"""

import io
import json
import logging
import threading
import urllib.error
import urllib.request
from datetime import date
from wsgiref.simple_server import make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.urls import reverse

from rummelig.accounts.tests.api_client import api_as
from rummelig.audit.models import AuditEntry
from rummelig.testing import downloaded, make_person, make_placement

CPR = "0101901235"


def written_forms(cpr):
    """Every way the number can be written, in text and in a URL."""
    born, tail = cpr[:6], cpr[6:]
    return [cpr, f"{born}-{tail}", f"{born} {tail}", f"{born}+{tail}", f"{born}%20{tail}"]


def assert_no_cpr(text, where):
    for form in written_forms(CPR):
        assert form not in text, f"{form} found in {where}: {text[:500]}"


@pytest.fixture
def handler_output():
    """Point every handler the settings configured at one buffer, and return it."""
    buffer = io.StringIO()
    handlers = {h for name in ("", "django", "django.request", "django.server") for h in logging.getLogger(name).handlers}
    handlers = [h for h in handlers if isinstance(h, logging.StreamHandler) and type(h).__module__ == "logging"]
    assert len(handlers) >= 2, "the root console and django.server handlers are configured in settings.LOGGING"
    old = [h.setStream(buffer) for h in handlers]
    yield buffer
    for handler, stream in zip(handlers, old, strict=True):
        handler.setStream(stream)


@pytest.fixture
def aase(world):
    person = make_person("Åse", "Ærø", cpr=CPR)
    make_placement(world.solsikken, "fleksjob", person, start=date(2026, 1, 5))
    return person


def test_every_search_for_a_cpr_number_is_kept_out_of_addresses_logs_and_audit(world, aase, login, caplog, handler_output):
    caplog.set_level(logging.DEBUG)
    dashed = f"{CPR[:6]}-{CPR[6:]}"
    addresses = []

    client = login(world.hr)
    for url in (reverse("people:list"), reverse("placements:list")):
        for text in (CPR, dashed, f"{CPR[:6]} {CPR[6:]}"):
            response = client.post(url, {"q": text})
            addresses.append(response["Location"])
            page = client.get(response["Location"])
            assert "Ærø" in page.content.decode(), f"HR finds the person by {text} on {url}"
            addresses += [header["url"] for header in page.context.get("headers", [])]
        old_bookmark = client.get(url, {"q": CPR})
        addresses.append(old_bookmark["Location"])
    queued = client.get(page.context["export_url"])  # the worker makes the file; its page offers it
    export = downloaded(queued)
    assert export.status_code == 200
    addresses += [page.context["export_url"], queued["Location"]]
    client.post(reverse("placements:person_search"), {"q": dashed, "field": "person"})
    client.get(f"/personer/{CPR}/")  # a 404 that django.request logs with its path

    api = api_as(world.hr)
    assert api.get("/people", {"q": CPR}).status_code == 422
    assert api.get("/placements", {"q": dashed}).status_code == 422
    assert api.post("/people/search", {"q": dashed}).json()["count"] == 1
    assert api.post("/placements/search", {"q": CPR}).json()["count"] == 1

    leder = login(world.leder_a)
    leder.post(reverse("people:list"), {"q": CPR}, follow=True)
    api_as(world.leder_a).post("/people/search", {"q": CPR})
    # A CPR number typed into a free-text field of a placement is masked in the audit of the change.
    api_as(world.leder_a).patch(f"/placements/{aase.placements.get().pk}", {"purpose": f"Ring om {dashed}"})
    logging.getLogger("rummelig").error("Import failed for %s", CPR, exc_info=ValueError(f"bad number {CPR}"))

    for address in addresses:
        assert_no_cpr(address, "an address")
    rows = list(AuditEntry.objects.all())
    assert len(rows) >= 5  # the export, the API lists (as exports) and the change
    for row in rows:
        assert_no_cpr(json.dumps([row.object_repr, row.detail, row.changes], ensure_ascii=False), f"audit row {row.pk}")
    assert any("q=010190-xxxx" in row.detail for row in rows), "the audit still says a CPR search was made"
    assert any("Ring om 010190-xxxx" in str(row.changes.get("purpose")) for row in rows)
    assert_no_cpr(handler_output.getvalue(), "the log output")
    assert "Not Found: /personer/010190-xxxx/" in handler_output.getvalue()
    assert "bad number 010190-xxxx" in handler_output.getvalue()
    assert_no_cpr(caplog.text, "the captured log records")


def test_the_development_servers_access_log_masks_a_cpr_number_in_a_requested_address(handler_output):
    """Run the development server's own request handler (runserver's access log, logger django.server)."""
    server = make_server("127.0.0.1", 0, WSGIHandler(), server_class=WSGIServer, handler_class=WSGIRequestHandler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/findes-ikke/?q={CPR[:6]}%20{CPR[6:]}&cpr={CPR}", timeout=10)
    except urllib.error.HTTPError:
        pass
    thread.join(timeout=10)
    server.server_close()
    output = handler_output.getvalue()
    assert "GET /findes-ikke/?q=010190-xxxx&cpr=010190-xxxx HTTP/1.1" in output
    assert_no_cpr(output, "the access log")


def test_the_audit_keeps_a_workplaces_p_number_that_looks_like_a_cpr_number(world):
    from rummelig.audit import log

    entry = log.record(world.hr, AuditEntry.Action.UPDATE, world.solsikken,
                       detail=f"P-no. {world.solsikken.p_number}; typed {CPR}", changes={"note": ["", f"ring {CPR}"]})
    assert entry.detail == f"P-no. {world.solsikken.p_number}; typed 010190-xxxx"
    assert entry.changes == {"note": ["", "ring 010190-xxxx"]}
