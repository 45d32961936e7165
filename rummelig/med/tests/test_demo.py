from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from rummelig.accounts.access import access_for
from rummelig.med.models import Committee


@pytest.mark.django_db
def test_the_demo_has_a_hovedudvalg_a_centre_and_a_local_committee_with_seats():
    call_command("seed_demo", "--employees", "300", "--today", "2026-03-02", stdout=StringIO())
    assert set(Committee.objects.values_list("kind", flat=True)) == {"hovedudvalg", "omraade", "lokal"}
    amr = access_for(get_user_model().objects.get(username="amr-solsikken"))
    assert [c.name for c in amr.committees()] == ["LokalMED Solsikken Børnehus"]
    assert Committee.objects.get(kind="hovedudvalg").meetings.exists()
