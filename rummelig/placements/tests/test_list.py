"""The placements list: who sees what, filters, search, sorting and paging."""

from datetime import timedelta

import pytest
from django.urls import reverse

from rummelig.schemes.models import Scheme
from rummelig.testing import downloaded, make_person, make_placement

URL = reverse("placements:list")


def names(response):
    return [f"{p.person.first_name} {p.person.last_name}" for p in response.context["page"].object_list]


@pytest.mark.django_db
class TestAccess:
    def test_hr_sees_every_placement(self, world, placements, login):
        response = login(world.hr).get(URL)
        assert response.status_code == 200
        assert sorted(names(response)) == ["Bjørn Østergård", "Søren Kierkegård", "Åse Ærøskøbing"]
        assert "Viser 1–3 af 3" in response.content.decode()

    def test_the_auditor_sees_every_placement_but_may_not_register_one(self, world, placements, login):
        response = login(world.auditor).get(URL)
        assert len(names(response)) == 3
        assert "Registrer en ansættelse" not in response.content.decode()

    def test_a_leder_sees_only_the_placements_of_own_centre(self, world, placements, login):
        response = login(world.leder_a).get(URL)
        assert sorted(names(response)) == ["Bjørn Østergård", "Åse Ærøskøbing"]
        assert "Kierkegård" not in response.content.decode()

    def test_a_tr_sees_only_the_placements_of_own_workplace(self, world, placements, login):
        response = login(world.tr_a).get(URL)
        assert names(response) == ["Åse Ærøskøbing"]
        assert "Registrer en ansættelse" not in response.content.decode()

    @pytest.mark.parametrize("persona", ["med_a", "outsider"])
    def test_med_members_and_outsiders_get_404(self, world, placements, login, persona):
        assert login(getattr(world, persona)).get(URL).status_code == 404
        assert login(getattr(world, persona)).post(URL, {"q": "Åse"}).status_code == 404

    def test_a_tr_searches_own_workplace_by_name_only(self, world, placements, login):
        client = login(world.tr_a)
        assert names(client.post(URL, {"q": "Ærøskøbing"}, follow=True)) == ["Åse Ærøskøbing"]
        assert names(client.post(URL, {"q": "Kierkegård"}, follow=True)) == []
        assert names(client.post(URL, {"q": "0101901234"}, follow=True)) == []

    def test_it_requires_login(self, client, world):
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_it_shows_the_cpr_number_masked_only(self, world, placements, login):
        content = login(world.hr).get(URL).content.decode()
        assert "010190-xxxx" in content
        assert "0101901234" not in content


@pytest.mark.django_db
class TestFilterChoices:
    def test_a_leder_is_offered_only_own_centre_and_workplaces(self, world, placements, login):
        form = login(world.leder_a).get(URL).context["filter"].form
        assert list(form.fields["centre"].queryset) == [world.centre_a]
        assert sorted(u.name for u in form.fields["workplace"].queryset) == ["Skovbrynet Skole", "Solsikken Børnehus"]

    def test_a_tr_is_offered_no_centre_filter(self, world, placements, login):
        response = login(world.tr_a).get(URL)
        assert 'name="centre"' not in response.content.decode()
        assert list(response.context["filter"].form.fields["workplace"].queryset) == [world.solsikken]

    @pytest.mark.parametrize("param", ["workplace", "centre"])
    def test_a_leder_gets_404_when_filtering_by_another_centres_unit(self, world, placements, login, param):
        unit = world.aabjerg if param == "workplace" else world.centre_b
        assert login(world.leder_a).get(URL, {param: unit.pk}).status_code == 404


@pytest.mark.django_db
class TestFilters:
    def test_it_filters_by_scheme(self, world, placements, login):
        scheme = Scheme.objects.get(code="fleksjob")
        assert names(login(world.hr).get(URL, {"scheme": scheme.pk})) == ["Åse Ærøskøbing"]

    def test_it_filters_by_centre(self, world, placements, login):
        assert sorted(names(login(world.hr).get(URL, {"centre": world.centre_b.pk}))) == ["Søren Kierkegård"]

    def test_it_filters_by_workplace(self, world, placements, login):
        assert names(login(world.hr).get(URL, {"workplace": world.skovbrynet.pk})) == ["Bjørn Østergård"]

    def test_it_filters_by_status(self, world, placements, login, today):
        make_placement(world.solsikken, "elev", person=make_person("Dorthe", "Ågård"), start=today + timedelta(days=30))
        make_placement(
            world.solsikken, "loentilskud", person=make_person("Ebbe", "Ærenfeldt"),
            start=today - timedelta(days=200), planned_end=today - timedelta(days=80),
        )
        client = login(world.hr)
        assert names(client.get(URL, {"status": "ophoerer_snart"})) == ["Bjørn Østergård"]
        assert names(client.get(URL, {"status": "planlagt"})) == ["Dorthe Ågård"]
        assert names(client.get(URL, {"status": "ophoert"})) == ["Ebbe Ærenfeldt"]
        assert len(names(client.get(URL, {"status": "aktiv"}))) == 3

    def test_it_filters_by_a_period_the_placements_overlap(self, world, placements, login, today):
        client = login(world.hr)
        period = {"period_from": (today + timedelta(days=11)).isoformat(), "period_to": (today + timedelta(days=90)).isoformat()}
        assert sorted(names(client.get(URL, period))) == ["Søren Kierkegård", "Åse Ærøskøbing"]
        before = {"period_to": (today - timedelta(days=101)).isoformat()}
        assert names(client.get(URL, before)) == ["Åse Ærøskøbing"]

    def test_it_searches_by_parts_of_the_name(self, world, placements, login):
        client = login(world.hr)
        assert names(client.post(URL, {"q": "østergå"}, follow=True)) == ["Bjørn Østergård"]
        assert names(client.post(URL, {"q": "Åse ærø"}, follow=True)) == ["Åse Ærøskøbing"]
        assert names(client.post(URL, {"q": "Åse Kierkegård"}, follow=True)) == []

    def test_the_filters_keep_their_values_and_the_export_carries_them(self, world, placements, login):
        scheme = Scheme.objects.get(code="loentilskud")
        client = login(world.hr)
        response = client.post(URL + "?sort=-start", {"scheme": scheme.pk, "q": "Bjørn", "sort": "-start", "status": ""})
        assert response.status_code == 302
        address = response["Location"]
        assert "Bj" not in address and "q=" not in address  # the search text travels as a token
        assert f"scheme={scheme.pk}" in address and "sort=-start" in address and "status" not in address
        response = client.get(address)
        content = response.content.decode()
        assert f'<option value="{scheme.pk}" selected>Løntilskud</option>' in content
        assert 'value="Bjørn"' in content
        assert names(response) == ["Bjørn Østergård"]
        token = response.wsgi_request.GET["s"]
        assert response.context["export_url"] == reverse("placements:export") + f"?scheme={scheme.pk}&sort=-start&s={token}"
        # Paging and sorting keep the search; so does the export.
        assert f"s={token}" in response.context["headers"][0]["url"]
        export = downloaded(client.get(response.context["export_url"]))  # made by the worker (rummelig.exports)
        assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")

    def test_a_search_in_an_old_address_is_moved_out_of_it(self, world, placements, login):
        response = login(world.hr).get(URL, {"q": "Bjørn", "side": "2"})
        assert response.status_code == 302
        assert "q=" not in response["Location"] and "side" not in response["Location"]

    def test_hr_finds_a_placement_by_cpr_number_or_date_of_birth(self, world, placements, login):
        client = login(world.hr)
        for text in ("120385-4321", "1203854321", "120385 4321", "12.03.1985", "120385"):
            assert names(client.post(URL, {"q": text}, follow=True)) == ["Søren Kierkegård"], text
        assert names(client.post(URL, {"q": "120385-4322"}, follow=True)) == []

    def test_others_cannot_find_a_placement_by_cpr_digits(self, world, placements, login):
        client = login(world.leder_a)
        assert names(client.post(URL, {"q": "Ærøskøbing"}, follow=True)) == ["Åse Ærøskøbing"]
        for text in ("010190-1234", "0101901234", "01.01.1990", "010190"):
            assert names(client.post(URL, {"q": text}, follow=True)) == [], text

    def test_an_expired_search_says_so(self, world, placements, login, monkeypatch):
        from rummelig.core import searches

        client = login(world.hr)
        address = client.post(URL, {"q": "Bjørn"})["Location"]
        monkeypatch.setattr(searches, "SEARCH_LIFETIME", 0)
        response = client.get(address)
        assert "Søgningen er udløbet" in response.content.decode()
        assert len(names(response)) == 3
        export = client.get(reverse("placements:export") + "?" + address.split("?")[1])
        assert export.status_code == 302 and export["Location"].startswith(URL)

    def test_a_bad_date_is_shown_as_an_error_at_the_filter(self, world, placements, login):
        response = login(world.hr).get(URL, {"period_from": "31-02-2026"})
        assert response.status_code == 200
        assert "Nogle af filtrene kunne ikke bruges" in response.content.decode()


@pytest.mark.django_db
class TestSorting:
    def test_it_sorts_by_name_both_ways(self, world, placements, login):
        client = login(world.hr)
        ascending = names(client.get(URL, {"sort": "name"}))
        # Where Æ, Ø and Å go depends on the database's collation; K comes before all three.
        assert ascending[0] == "Søren Kierkegård"
        assert names(client.get(URL, {"sort": "-name"})) == list(reversed(ascending))

    @pytest.mark.parametrize("sort, expected", [
        ("start", ["Åse Ærøskøbing", "Bjørn Østergård", "Søren Kierkegård"]),
        ("-start", ["Søren Kierkegård", "Bjørn Østergård", "Åse Ærøskøbing"]),
        ("workplace", ["Søren Kierkegård", "Bjørn Østergård", "Åse Ærøskøbing"]),
        ("scheme", ["Åse Ærøskøbing", "Bjørn Østergård", "Søren Kierkegård"]),
    ])
    def test_it_sorts_by_the_column_asked_for(self, world, placements, login, sort, expected):
        assert names(login(world.hr).get(URL, {"sort": sort})) == expected

    def test_it_sorts_by_end_with_open_ends_last(self, world, placements, login):
        ordered = names(login(world.hr).get(URL, {"sort": "end"}))
        assert ordered[:2] == ["Bjørn Østergård", "Søren Kierkegård"]

    def test_the_column_headers_toggle_the_direction_and_mark_the_current_sort(self, world, placements, login):
        response = login(world.hr).get(URL, {"sort": "name", "side": "1"})
        name_header = response.context["headers"][0]
        assert name_header["url"] == "?sort=-name"
        assert name_header["aria_sort"] == "ascending"
        assert 'aria-sort="ascending"' in response.content.decode()

    def test_an_unknown_sort_falls_back_to_newest_first(self, world, placements, login):
        assert names(login(world.hr).get(URL, {"sort": "cpr"}))[0] == "Søren Kierkegård"


@pytest.mark.django_db
class TestPaging:
    def test_it_shows_50_a_page_and_says_which(self, world, placements, login, today):
        scheme_people = [make_person(f"Person{i:02d}", "Ørsted") for i in range(55)]
        for person in scheme_people:
            make_placement(world.aabjerg, "seniorjob", person=person, start=today - timedelta(days=5))
        client = login(world.hr)
        first = client.get(URL)
        assert len(first.context["page"].object_list) == 50
        assert "Viser 1–50 af 58" in first.content.decode()
        second = client.get(URL, {"side": 2})
        assert len(second.context["page"].object_list) == 8
        assert "Viser 51–58 af 58" in second.content.decode()

    def test_it_uses_a_constant_number_of_queries(self, world, placements, login, today, django_assert_max_num_queries):
        for i in range(60):
            make_placement(world.aabjerg, "seniorjob", person=make_person(f"Person{i:02d}", "Ørsted"), start=today)
        client = login(world.hr)
        with django_assert_max_num_queries(12):
            client.get(URL)

    def test_thousands_are_grouped_the_danish_way(self, world, placements, login, today):
        from rummelig.people.models import Person
        from rummelig.placements.models import Placement

        scheme = Scheme.objects.get(code="seniorjob")
        people = Person.objects.bulk_create([Person(first_name=f"P{i}", last_name="Ørsted") for i in range(1200)])
        Placement.objects.bulk_create([
            Placement(person=p, scheme=scheme, workplace=world.aabjerg, start=today) for p in people
        ])
        assert "Viser 1–50 af 1.203" in login(world.hr).get(URL).content.decode()
