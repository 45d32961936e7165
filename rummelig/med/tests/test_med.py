"""MED committees: seats give roles for the term and nothing more; the wheel; meetings; records without persons."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.accounts.access import access_for
from rummelig.accounts.models import Role, RoleAssignment, RoleSource
from rummelig.med.models import AgendaItem, Committee, Meeting, Membership, Theme
from rummelig.med.roles import sync_roles
from rummelig.med.wheel import build_agenda, names_in, wheel
from rummelig.testing import make_person, make_placement, make_user

pytestmark = pytest.mark.django_db


def _access(user):
    user = type(user).objects.get(pk=user.pk)  # a fresh user: Access caches per request
    return access_for(user)


@pytest.fixture
def local_med(world):
    committee = Committee.objects.create(name="LokalMED Solsikken", kind=Committee.Kind.LOCAL)
    committee.units.add(world.solsikken)
    return committee


def _seat(committee, user, seat, start=None, until=None):
    membership = Membership.objects.create(committee=committee, user=user, seat=seat,
                                           term_from=start or date(2025, 1, 1), term_until=until)
    sync_roles(user)
    return membership


def test_a_seat_gives_aggregates_for_the_committees_area_and_nothing_more(world, local_med):
    member = make_user("anna", "Anna", "Medlem")
    _seat(local_med, member, Membership.Seat.EMPLOYEE)
    access = _access(member)
    assert set(access.aggregate_units()) == {world.solsikken}
    assert not access.sees_individuals and not access.placements().exists()
    assert list(access.committees()) == [local_med]


def test_a_tr_seat_gives_the_tr_role_there_and_an_amr_seat_the_amr_role(world, local_med):
    tr, amr = make_user("trine", "Trine", "TR"), make_user("arne", "Arne", "AMR")
    _seat(local_med, tr, Membership.Seat.TR)
    _seat(local_med, amr, Membership.Seat.AMR)
    assert _access(tr).represents(world.solsikken)
    assert RoleAssignment.objects.filter(user=amr, role=Role.AMR, unit=world.solsikken, source=RoleSource.MED_SEAT).exists()


def test_the_roles_end_with_the_term_and_go_with_the_seat_but_others_stay(world, local_med):
    member = make_user("anna", "Anna", "Medlem")
    RoleAssignment.objects.create(user=member, role=Role.LEDER, unit=world.skovbrynet)  # given by hand
    yesterday = timezone.localdate() - timedelta(days=1)
    seat = _seat(local_med, member, Membership.Seat.TR, until=yesterday)
    access = _access(member)
    assert not access.aggregate_units().filter(pk=world.solsikken.pk).exists()
    assert not access.represents(world.solsikken) and not access.committees().exists()
    seat.delete()
    sync_roles(member)
    assert list(RoleAssignment.objects.filter(user=member).values_list("role", "source")) == [(Role.LEDER, RoleSource.MANUAL)]


def test_the_agenda_holds_the_themes_due_that_month(world, local_med):
    own = Theme.objects.create(name="Vores eget tema", month=5, committee=local_med)
    meeting = Meeting.objects.create(committee=local_med, date=date(2026, 5, 12))
    build_agenda(meeting)
    titles = [item.title for item in meeting.items.all()]
    assert "Arbejdsmiljø og trivsel (APV, trivselsmåling)" in titles and own.name in titles
    assert "Budget" not in titles


def test_the_wheel_and_the_theme_form_name_the_month(world, local_med, login):
    Theme.objects.create(name="Vores eget tema", month=5, committee=local_med)
    page = login(world.hr).get(reverse("med:detail", args=[local_med.pk])).content.decode()
    assert "<td>maj</td>" in page and "<td>5</td>" not in page
    form = login(world.hr).get(reverse("med:theme_create")).content.decode()
    assert '<option value="3">marts</option>' in form


def test_missing_fixed_themes_are_listed_and_a_recorded_one_is_discussed(world, local_med, login):
    meeting = Meeting.objects.create(committee=local_med, date=date(2026, 3, 10))
    build_agenda(meeting)
    meeting.items.filter(title="Opfølgning på det sociale ansvar").update(record="Vi drøftede principperne for modtagelse.")
    statuses = {s.theme.name: s for s in wheel(local_med, 2026, date(2026, 7, 1))}
    assert statuses["Opfølgning på det sociale ansvar"].discussed_on == date(2026, 3, 10)
    assert statuses["Sygefravær"].overdue and not statuses["Budget"].overdue
    page = login(world.hr).get(reverse("med:list")).content.decode()
    assert "LokalMED Solsikken" in page


def test_a_record_naming_a_person_is_warned_about_and_needs_confirming(world, local_med, login):
    chair = make_user("carl", "Carl", "Formand")
    _seat(local_med, chair, Membership.Seat.CHAIR)
    make_placement(world.solsikken, "fleksjob", person=make_person("Karen", "Blixen"))
    meeting = Meeting.objects.create(committee=local_med, date=date(2026, 3, 10))
    item = AgendaItem.objects.create(meeting=meeting, title="Opfølgning")
    client = login(chair)
    url = reverse("med:item_edit", args=[meeting.pk, item.pk])
    response = client.post(url, {"title": "Opfølgning", "record": "Karen Blixen har det svært.", "attachment": ""})
    assert response.status_code == 200 and "nævner Karen Blixen" in response.content.decode()
    item.refresh_from_db()
    assert item.record == ""
    assert names_in("Vi taler om principper for modtagelse") == []


def test_a_record_has_no_field_for_a_person_and_the_api_refuses_one(world, local_med):
    from rummelig.accounts.tests.api_client import api_as

    assert "person" not in {f.name for f in AgendaItem._meta.get_fields()}
    chair = make_user("carl", "Carl", "Formand")
    _seat(local_med, chair, Membership.Seat.CHAIR)
    meeting = Meeting.objects.create(committee=local_med, date=date(2026, 3, 10))
    person = make_person("Karen", "Blixen")
    response = api_as(chair).post(f"/med/meetings/{meeting.pk}/items", {"title": "Opfølgning", "record": "Principper",
                                                                        "person": person.pk})
    assert response.status_code == 422
    assert api_as(chair).post(f"/med/meetings/{meeting.pk}/items", {"title": "Opfølgning", "record": "Principper"}).status_code == 201


@pytest.mark.parametrize("who", ["leder_b", "tr_a", "outsider"])
def test_others_do_not_see_a_committee(world, local_med, login, who):
    client = login(getattr(world, who))
    assert client.get(reverse("med:detail", args=[local_med.pk])).status_code == 404


def test_only_the_chair_holds_meetings(world, local_med, login):
    member, chair = make_user("anna", "Anna", "Medlem"), make_user("carl", "Carl", "Formand")
    _seat(local_med, member, Membership.Seat.EMPLOYEE)
    _seat(local_med, chair, Membership.Seat.CHAIR)
    url = reverse("med:meeting_create", args=[local_med.pk])
    assert login(member).post(url, {"date": "2026-05-12"}).status_code == 404
    assert login(chair).post(url, {"date": "2026-05-12"}).status_code == 302
    assert Meeting.objects.get().items.count() >= 1


def test_the_auditor_reads_a_meeting_and_its_items_with_danish_field_names(world, local_med, login):
    chair = make_user("carl", "Carl", "Formand")
    _seat(local_med, chair, Membership.Seat.CHAIR)
    login(chair).post(reverse("med:meeting_create", args=[local_med.pk]), {"date": "2026-05-12"})
    meeting = Meeting.objects.get()
    login(chair).post(reverse("med:item_create", args=[meeting.pk]), {"title": "Budget", "record": "Drøftet.", "attachment": ""})
    page = login(world.auditor).get(reverse("audit:list")).content.decode()
    shown = {"Udvalg", "Oprettet af", "Møde", "Rækkefølge"}
    assert all(f"<strong>{name}</strong>" in page for name in shown)
    assert not any(f"<strong>{name}</strong>" in page for name in ("Committee", "Created by", "Meeting", "Position"))


def test_the_meeting_and_item_forms_are_drawn_in_the_design_system(world, local_med, login):
    chair = make_user("carl", "Carl", "Formand")
    _seat(local_med, chair, Membership.Seat.CHAIR)
    page = login(chair).get(reverse("med:meeting_create", args=[local_med.pk])).content.decode()
    assert 'class="form-input" name="date"' in page or ('name="date"' in page and 'class="form-input"' in page)
    meeting = Meeting.objects.create(committee=local_med, date=date(2026, 5, 12))
    form = login(chair).get(reverse("med:item_create", args=[meeting.pk])).context["form"]
    assert [form.fields[name].widget.attrs.get("class") for name in ("title", "record", "attachment")] == [
        "form-input", "form-input", "form-select"]


def test_the_seat_form_asks_for_a_member_and_a_seat_in_words(world, local_med, login):
    page = login(world.hr).get(reverse("med:membership_create", args=[local_med.pk])).content.decode()
    assert '<option value="" selected>Vælg et medlem</option>' in page and ">Vælg en plads</option>" in page
    assert "---------" not in page


def test_minutes_are_a_pdf(world, local_med, login):
    meeting = Meeting.objects.create(committee=local_med, date=date(2026, 5, 12))
    build_agenda(meeting)
    response = login(world.hr).get(reverse("med:minutes_pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_hovedudvalgs_wheel_lists_the_guidelines_due_for_review(world, login):
    from rummelig.policy.guidelines import guidelines_due_for_review
    from rummelig.policy.seed_guidelines import load_seed_guidelines

    year = timezone.localdate().year
    load_seed_guidelines(today=date(year - 1, 6, 1), user=world.hr)  # reviews due "next year": this one
    due = guidelines_due_for_review(year)
    assert due
    hoved = Committee.objects.create(name="Hovedudvalget", kind=Committee.Kind.HOVEDUDVALG)
    hoved.units.add(world.kommune)
    page = login(world.hr).get(reverse("med:detail", args=[hoved.pk])).content.decode()
    for review in due:
        assert review.title in page
    local = Committee.objects.create(name="LokalMED", kind=Committee.Kind.LOCAL)
    assert "due-reviews" not in login(world.hr).get(reverse("med:detail", args=[local.pk])).content.decode()


def _answer(workplace, answered_on, text):
    from rummelig.onboarding.models import QUESTION_FIELDS, FrameworkAnswer

    return FrameworkAnswer.objects.create(workplace=workplace, answered_on=answered_on,
                                          **{key: f"{text} ({key})" for key in QUESTION_FIELDS})


@pytest.fixture
def framework_meeting(world):
    """An area committee for centre A (Solsikken, Skovbrynet) with the framework attached to a meeting."""
    committee = Committee.objects.create(name="OmrådeMED Børn og Unge", kind=Committee.Kind.AREA)
    committee.units.add(world.centre_a)
    meeting = Meeting.objects.create(committee=committee, date=date(2026, 5, 12))
    AgendaItem.objects.create(meeting=meeting, title="Rammerne for ansatte på særlige vilkår",
                              attachment=AgendaItem.Attachment.FRAMEWORK)
    today = timezone.localdate()
    _answer(world.solsikken, today - timedelta(days=400), "Gammelt svar")
    _answer(world.solsikken, today - timedelta(days=30), "Nyt svar i Solsikken")
    _answer(world.aabjerg, today - timedelta(days=30), "Åbjergs eget svar")  # another committee's workplace
    meeting.member = make_user("anna", "Anna", "Medlem")
    _seat(committee, meeting.member, Membership.Seat.EMPLOYEE)
    return meeting


def test_the_framework_attachment_shows_the_covered_workplaces_latest_answers(world, framework_meeting, login):
    from rummelig.onboarding.models import QUESTIONS

    page = login(framework_meeting.member).get(reverse("med:meeting", args=[framework_meeting.pk])).content.decode()
    assert "Nyt svar i Solsikken (offer)" in page and QUESTIONS[5][1] in page
    assert "Gammelt svar" not in page  # only the newest answers
    assert "Åbjerg" not in page  # not another committee's workplace
    assert "Skovbrynet Skole: udvalget har ikke besvaret spørgsmålene om rammerne." in page


def test_old_framework_answers_are_named(world, framework_meeting, login):
    _answer(world.skovbrynet, timezone.localdate() - timedelta(days=400), "Skovbrynets svar")
    page = login(world.hr).get(reverse("med:meeting", args=[framework_meeting.pk])).content.decode()
    assert "Skovbrynets svar (offer)" in page
    assert "Skovbrynet Skole: svarene er mere end 12 måneder gamle." in page
    assert "Solsikken Børnehus: svarene er mere end" not in page


def test_the_framework_answers_are_in_the_minutes_pdf(world, framework_meeting, login):
    import io

    from pypdf import PdfReader

    response = login(framework_meeting.member).get(reverse("med:minutes_pdf", args=[framework_meeting.pk]))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Nyt svar i Solsikken (offer)" in text and "Skovbrynet Skole: udvalget har ikke besvaret" in text
    assert "Åbjerg" not in text


def test_the_framework_attachment_is_seen_by_who_sees_the_meeting_only(world, framework_meeting, login):
    url = reverse("med:meeting", args=[framework_meeting.pk])
    assert login(world.leder_b).get(url).status_code == 404
    assert login(world.tr_a).get(url).status_code == 404
    assert login(world.auditor).get(url).status_code == 200
