import pytest
from django.urls import reverse

from rummelig.testing import make_person

from .conftest import AASE_CPR

pytestmark = pytest.mark.django_db

URL = reverse("people:list")


def names(response):
    return [f"{p.first_name} {p.last_name}" for p in response.context["persons"]]


def test_hr_sees_everyone_with_masked_cpr_numbers(login, world, staff):
    response = login(world.hr).get(URL)
    assert response.status_code == 200
    assert sorted(names(response)) == ["Bjørn Ærø", "Søren Kierkegård", "Åse Møller"]
    html = response.content.decode()
    assert "010190-xxxx" in html and "150285-xxxx" in html
    assert AASE_CPR not in html and "010190-1234" not in html


def test_leder_sees_only_the_people_of_own_centre(login, world, staff):
    assert sorted(names(login(world.leder_a).get(URL))) == ["Søren Kierkegård", "Åse Møller"]
    assert names(login(world.leder_b).get(URL)) == ["Bjørn Ærø"]


def test_tr_sees_only_people_placed_at_own_workplace(login, world, staff):
    response = login(world.tr_a).get(URL)
    assert names(response) == ["Åse Møller"]
    assert "Pædagogmedhjælper" not in response.content.decode()


def test_it_shows_current_placements(login, world, staff):
    html = login(world.hr).get(URL).content.decode()
    assert "Fleksjob, Solsikken Børnehus" in html


@pytest.mark.parametrize("persona", ["med_a", "outsider"])
def test_med_members_and_outsiders_get_404(login, world, staff, persona):
    assert login(getattr(world, persona)).get(URL).status_code == 404
    assert login(getattr(world, persona)).post(URL, {"q": "Åse"}).status_code == 404


def test_search_by_name(login, world, staff):
    client = login(world.leder_a)
    assert names(client.post(URL, {"q": "møller"}, follow=True)) == ["Åse Møller"]
    assert names(client.post(URL, {"q": "Åse Møller"}, follow=True)) == ["Åse Møller"]
    assert names(client.post(URL, {"q": "Ærø"}, follow=True)) == []  # in centre B


def test_hr_may_search_by_full_cpr_number(login, world, staff):
    client = login(world.hr)
    assert names(client.post(URL, {"q": "010190-1234"}, follow=True)) == ["Åse Møller"]
    assert names(client.post(URL, {"q": "0101901234"}, follow=True)) == ["Åse Møller"]
    assert names(client.post(URL, {"q": "010190-1235"}, follow=True)) == []


def test_hr_may_search_by_date_of_birth(login, world, staff):
    client = login(world.hr)
    assert names(client.post(URL, {"q": "01.01.1990"}, follow=True)) == ["Åse Møller"]
    assert names(client.post(URL, {"q": "150285"}, follow=True)) == ["Bjørn Ærø"]


def test_others_cannot_search_by_cpr_number(login, world, staff):
    client = login(world.leder_a)
    assert names(client.post(URL, {"q": "010190-1234"}, follow=True)) == []
    assert names(client.post(URL, {"q": "01.01.1990"}, follow=True)) == []


def test_the_list_is_paginated(login, world, staff):
    for number in range(60):
        make_person("Kirsten", f"Østergård {number:02d}")
    client = login(world.hr)
    first = client.get(URL)
    assert len(first.context["persons"]) == 50
    assert "Side 1 af 2" in first.content.decode()
    searched = client.post(URL, {"q": "Kirsten"}, follow=True)
    token = searched.wsgi_request.GET["s"]
    assert f"?s={token}&amp;side=2" in searched.content.decode()  # the next page keeps the search, not its text
    second = client.get(URL, {"s": token, "side": 2})
    assert len(second.context["persons"]) == 10
    assert "Side 2 af 2" in second.content.decode()
    assert "q=Kirsten" not in second.content.decode()


def test_a_cpr_search_never_reaches_an_address(login, world, staff):
    client = login(world.hr)
    response = client.post(URL, {"q": "010190-1234"})
    assert response.status_code == 302 and "0101" not in response["Location"] and "1234" not in response["Location"]
    page = client.get(response["Location"])
    assert names(page) == ["Åse Møller"]
    assert 'method="post"' in page.content.decode()
    assert page["Cache-Control"] == "no-store"  # the page shows the typed number in its search field


def test_a_token_from_another_session_finds_nothing(login, world, staff):
    address = login(world.hr).post(URL, {"q": "010190-1234"})["Location"]
    other = login(world.leder_a).get(address)
    assert other.context["query"] == "" and "udløbet" in other.content.decode()
