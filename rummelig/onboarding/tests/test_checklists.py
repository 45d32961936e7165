"""A new placement gets its checklist copied from the most specific template, with due dates from its start."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from rummelig.onboarding.checklists import copy_template, template_for
from rummelig.onboarding.models import Checklist, ChecklistKind, ChecklistTemplate, TemplateItem
from rummelig.schemes.models import Scheme
from rummelig.testing import make_employment, make_person, make_placement

pytestmark = pytest.mark.django_db


def test_the_danish_defaults_are_shipped_for_every_placement_scheme(world):
    praktik = ChecklistTemplate.objects.get(scheme__code="virksomhedspraktik", kind=ChecklistKind.NEW, workplace=None)
    texts = [i.text for i in praktik.items.all()]
    assert any("Informér kollegerne" in t for t in texts)
    assert any("kaffeordning" in t for t in texts)
    assert any("opkvalificerende indhold" in t for t in texts)
    fleksjob = ChecklistTemplate.objects.get(scheme__code="fleksjob", kind=ChecklistKind.NEW, workplace=None)
    assert not any("opkvalificerende" in i.text for i in fleksjob.items.all())


def test_a_new_placement_gets_its_checklist_with_due_dates_from_its_start(world):
    placement = make_placement(world.solsikken, "virksomhedspraktik", start=date(2026, 3, 2))
    checklist = Checklist.objects.get(placement=placement)
    template = ChecklistTemplate.objects.get(scheme__code="virksomhedspraktik", kind=ChecklistKind.NEW, workplace=None)
    assert checklist.template == template
    assert [(i.text, i.due) for i in checklist.items.all()] == [
        (t.text, date(2026, 3, 2) + timedelta(days=t.days_after_start)) for t in template.items.all()
    ]
    assert all(i.done_on is None for i in checklist.items.all())


def test_a_workplace_refinement_wins_over_hr_template(world):
    hr_template = ChecklistTemplate.objects.get(scheme__code="loentilskud", kind=ChecklistKind.NEW, workplace=None)
    refined = copy_template(hr_template, world.solsikken)
    TemplateItem.objects.create(template=refined, text="Vis rundt i sansehaven", days_after_start=1, order=99)
    at_solsikken = make_placement(world.solsikken, "loentilskud", start=date(2026, 3, 2))
    at_aabjerg = make_placement(world.aabjerg, "loentilskud", start=date(2026, 3, 2))
    assert at_solsikken.checklist.template == refined
    assert "Vis rundt i sansehaven" in [i.text for i in at_solsikken.checklist.items.all()]
    assert at_aabjerg.checklist.template == hr_template
    # Copies: changing HR's template later changes no running checklist.
    hr_template.items.update(text="Ændret")
    assert not at_aabjerg.checklist.items.filter(text="Ændret").exists()


def test_a_colleague_moving_to_fleksjob_gets_the_changed_terms_checklist(world):
    person = make_person("Karen", "Kjær")
    employment = make_employment(person, world.aabjerg)
    placement = make_placement(world.aabjerg, "fleksjob", person=person, employment=employment, start=date(2026, 5, 1))
    assert placement.checklist.kind == ChecklistKind.CHANGED_TERMS
    assert any("ændrede vilkår" in i.text for i in placement.checklist.items.all())


def test_a_scheme_without_its_own_template_takes_the_general_one(world):
    scheme = Scheme.objects.get(code="mentor")
    placement = make_placement(world.aabjerg, "mentor", start=date(2026, 5, 1))
    assert template_for(placement).scheme is None
    assert placement.checklist.template.scheme_id is None and scheme.pk


def test_the_leder_ticks_an_item_off_with_a_note_and_it_is_audited(world, login):
    placement = make_placement(world.solsikken, "virksomhedspraktik", start=date(2026, 3, 2))
    item = placement.checklist.items.first()
    response = login(world.leder_a).post(reverse("onboarding:tick", args=[placement.pk, item.pk]),
                                        {"done": "on", "note": "Fortalt på personalemødet"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done_on is not None and item.done_by == world.leder_a and item.note == "Fortalt på personalemødet"
    from rummelig.audit.models import AuditEntry
    assert AuditEntry.objects.filter(object_type="checklistitem", object_id=str(item.pk), action="update").exists()


def test_a_leder_of_another_centre_cannot_tick(world, login):
    placement = make_placement(world.solsikken, "virksomhedspraktik", start=date(2026, 3, 2))
    item = placement.checklist.items.first()
    assert login(world.leder_b).post(reverse("onboarding:tick", args=[placement.pk, item.pk]), {"done": "on"}).status_code == 404


def test_hr_edits_the_template_and_a_leder_refines_it_for_a_workplace(world, login):
    template = ChecklistTemplate.objects.get(scheme__code="seniorjob", kind=ChecklistKind.NEW, workplace=None)
    client = login(world.leder_a)
    assert client.post(reverse("onboarding:template", args=[template.pk]), {}).status_code == 404  # HR's, not the leder's
    response = client.post(reverse("onboarding:template_refine", args=[template.pk]), {"workplace": world.skovbrynet.pk})
    copy = ChecklistTemplate.objects.get(scheme=template.scheme, workplace=world.skovbrynet)
    assert response.url == reverse("onboarding:template", args=[copy.pk])
    assert copy.items.count() == template.items.count()
    assert client.post(reverse("onboarding:template_refine", args=[template.pk]), {"workplace": world.aabjerg.pk}).status_code == 404


def test_the_placement_page_shows_checklist_progress_to_hr_not_to_the_tr(world, login):
    placement = make_placement(world.solsikken, "virksomhedspraktik", start=date(2026, 3, 2))
    item = placement.checklist.items.first()
    item.done_on = date(2026, 3, 1)
    item.save()
    total = placement.checklist.items.count()
    page = login(world.hr).get(reverse("placements:detail", args=[placement.pk])).content.decode()
    assert f"Tjekliste: 1 af {total} gjort" in page
    page = login(world.tr_a).get(reverse("placements:detail", args=[placement.pk])).content.decode()
    assert "Tjekliste" not in page


def test_the_placement_list_filters_on_checklist_overdue(world, login, today):
    late = make_placement(world.solsikken, "virksomhedspraktik", start=today - timedelta(days=40))
    fresh = make_placement(world.solsikken, "loentilskud", start=today + timedelta(days=30))
    response = login(world.hr).get(reverse("placements:list"), {"checklist_overdue": "on"})
    shown = {p.pk for p in response.context["page"].object_list}
    assert late.pk in shown and fresh.pk not in shown


def test_the_placement_page_names_the_position_it_fills(world, login, today):
    from rummelig.onboarding.models import Position

    placement = make_placement(world.solsikken, "virksomhedspraktik", start=today)
    Position.objects.create(workplace=world.solsikken, title="Køkkenmedhjælper", tasks="Opvask", task_kind="koekken",
                            available_from=today, filled_by=placement)
    page = login(world.leder_a).get(reverse("placements:detail", args=[placement.pk])).content.decode()
    assert "Besætter stillingen" in page and "Køkkenmedhjælper" in page
