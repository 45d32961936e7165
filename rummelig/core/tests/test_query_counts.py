"""The main pages ask the database as many times for a small municipality as for one ten times larger.

Each page is requested by the roles that use it, in a demo municipality of 400 and of 4,000 staff;
the number of queries must not grow with it. A page that asks once per row grows by hundreds here; a page
may ask one or two queries more when the larger municipality has something the small one lacks (an
overdue checklist to show, a prefetch Django skips when there is nothing to fetch), which is not growth.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rummelig.demo.data import SOLSIKKEN
from rummelig.organisation.models import Unit
from rummelig.placements.models import Placement

TODAY = date(2026, 3, 2)
PRESENCE_QUERIES = 1  # queries a page may add when there is something more to show, not per row
# (user, page); "{unit}", "{placement}", "{person}" are filled with records the user may see.
PAGES = [
    ("hr", "/"), ("hr", "/ansaettelser/"), ("hr", "/personer/"), ("hr", "/enheder/"), ("hr", "/enheder/{unit}/"),
    ("hr", "/ansaettelser/{placement}/"), ("hr", "/personer/{person}/"), ("hr", "/varsler/"), ("hr", "/rapporter/"),
    ("hr", "/rapporter/aarsrapport/"), ("hr", "/revisionslog/"),
    ("leder-boern", "/"), ("leder-boern", "/ansaettelser/"), ("leder-boern", "/enheder/{unit}/"), ("leder-boern", "/varsler/"),
    ("leder-boern", "/ansaettelser/{placement}/"),
    ("tr-solsikken", "/ansaettelser/"), ("tr-solsikken", "/varsler/opgaver/"),
    ("med-hoved", "/"), ("med-hoved", "/rapporter/"), ("med-hoved", "/enheder/"),
]


def _counts(employees):
    call_command("seed_demo", "--employees", str(employees), "--today", TODAY.isoformat(), "--flush", verbosity=0)
    unit = Unit.objects.get(name=SOLSIKKEN)
    placement = Placement.objects.filter(workplace=unit).order_by("pk").first()
    ids = {"unit": unit.pk, "placement": placement.pk, "person": placement.person_id}
    counts = {}
    for username, page in PAGES:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        url = page.format(**ids)
        client.get(url)  # warm caches that are per process, not per request
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (username, url, response.status_code)
        counts[(username, page)] = len(queries.captured_queries)
    return counts


@pytest.mark.django_db
def test_the_main_pages_ask_as_often_for_ten_times_the_staff():
    small = _counts(400)
    large = _counts(4000)
    grown = {page: (small[page], large[page]) for page in small if large[page] > small[page] + PRESENCE_QUERIES}
    assert not grown, f"pages whose queries grow with the data (small, large): {grown}"
