"""When something is missing, refused or broken, the user reads in Danish what happened and how to go on."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_missing_page_says_so_in_danish_inside_the_usual_layout(world, login):
    response = login(world.hr).get("/findes-ikke/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Siden findes ikke" in page
    assert "Gå til forsiden" in page
    assert "Revisionslog" in page  # the menu is there, so the user can go on


def test_a_med_member_opening_a_placement_list_gets_the_danish_not_found_page(world, login):
    response = login(world.med_a).get(reverse("placements:list"))
    assert response.status_code == 404
    assert "uden for de enheder, du har adgang til" in response.content.decode()


def test_an_expired_form_is_explained_in_danish(world, password):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": world.hr.username, "password": password})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formularen er udløbet" in page
    assert "genindlæs siden" in page


def test_the_server_error_page_is_danish_and_needs_no_request():
    page = render_to_string("500.html")
    assert "Der skete en fejl" in page
    assert "Det, du var ved at gemme, er ikke gemt" in page


SEVEN_HUNDRED_MB = str(700 * 1024 * 1024)
HUGE_ID = "99999999999999999999999"


def test_a_700_mb_upload_gets_the_danish_413_page_before_it_is_read(world, login, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the body was read")

    client = login(world.hr)
    monkeypatch.setattr("django.http.request.HttpRequest._load_post_and_files", never)
    response = client.post(reverse("placements:create"), {"first_name": "Åse"}, CONTENT_LENGTH=SEVEN_HUNDRED_MB)
    assert response.status_code == 413
    page = response.content.decode().replace("\xa0", " ")  # sizes keep their unit on the line
    assert "For meget data sendt" in page
    assert "Det, du sendte, fylder 700,0 MB; Rummelig tager højst imod 20,0 MB her." in page
    assert "Intet er gemt." in page
    assert response["Connection"] == "close"


def test_the_import_upload_keeps_its_own_larger_limit(world, login):
    response = login(world.hr).post(reverse("imports:upload"), {"source": "opus"}, CONTENT_LENGTH=SEVEN_HUNDRED_MB)
    assert response.status_code == 413
    assert "Filen fylder 700 MB; den største fil, der kan indlæses, er 500 MB." in response.content.decode()


def test_form_fields_beyond_what_is_held_in_memory_get_the_413_page_not_english(world, login):
    client = login(world.hr)
    body = "purpose=" + "x" * (3 * 1024 * 1024)
    response = client.post(reverse("placements:create"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    page = response.content.decode()
    assert "For meget data sendt" in page and "Bad Request" not in page


def test_a_malformed_request_gets_the_danish_400_page(world, login):
    client = login(world.hr)
    body = "&".join(f"f{i}=1" for i in range(1200))  # more fields than Django reads (TooManyFieldsSent)
    response = client.post(reverse("placements:create"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Forespørgslen kunne ikke læses" in page and "Bad Request" not in page


@pytest.mark.parametrize("url", [
    "/rapporter/oekonomi/?person={id}&year={id}",
    "/rapporter/oekonomi/ansaettelser/?person={id}&scheme={id}&year=2026",
    "/rapporter/oekonomi/ansaettelser/{placement}/99999/",
    "/rapporter/oekonomi/ansaettelser/{placement}/{id}/",
    "/rapporter/oekonomi/ansaettelser/{id}/2026/",
    "/ansaettelser/?scheme={id}&centre={id}&workplace={id}&person={id}",
    "/ansaettelser/eksport.xlsx?workplace={id}",
    "/ansaettelser/ansaettelser-for-person/?person={id}",
    "/ansaettelser/{id}/",
    "/personer/{id}/",
    "/enheder/{id}/",
    "/rapporter/maaltal/{id}/rediger/",
    "/varsler/udtalelse/{id}/",
    "/import/{id}/",
])
def test_an_id_too_large_for_the_database_is_a_danish_answer_not_a_500(world, login, url):
    from datetime import date

    from rummelig.testing import make_placement

    placement = make_placement(world.solsikken, start=date(2026, 1, 1))
    client = login(world.hr)
    client.raise_request_exception = False
    response = client.get(url.format(id=HUGE_ID, placement=placement.pk))
    assert response.status_code in (200, 404), response.status_code
    if response.status_code == 404:
        assert "Siden findes ikke" in response.content.decode()
