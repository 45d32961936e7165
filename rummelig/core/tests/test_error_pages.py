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
