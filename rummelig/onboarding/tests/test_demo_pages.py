"""`make run` shows the onboarding parts: every page opens with the demo municipality's data for the roles that use it."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from rummelig.demo.seed import seed_demo
from rummelig.onboarding.models import Checklist, ChecklistItem, Evaluation, FrameworkAnswer, Mentorship, Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    seed_demo(300, seed=1, today=date(2026, 3, 2))
    return {u.username: u for u in get_user_model().objects.all()}


def test_the_demo_shows_every_onboarding_part(demo, client):
    """One seeded demo for all checks (seeding takes seconds)."""
    assert Position.objects.exists() and Checklist.objects.exists() and Evaluation.objects.exists()
    assert FrameworkAnswer.objects.exists() and Mentorship.objects.filter(mentor__user=demo["medarbejder"]).exists()
    assert ChecklistItem.objects.filter(done_on__isnull=False).exists() and ChecklistItem.objects.filter(done_on__isnull=True).exists()
    for username, name in PAGES:
        client.force_login(demo[username])
        assert client.get(reverse(name)).status_code == 200, (username, name)
    client.force_login(demo["hr"])
    checklist = Checklist.objects.first()
    for url in (reverse("onboarding:placement", args=[checklist.placement_id]),
                reverse("onboarding:position", args=[Position.objects.first().pk]),
                reverse("onboarding:template", args=[checklist.template_id]),
                reverse("onboarding:framework_workplace", args=[FrameworkAnswer.objects.first().workplace_id]),
                reverse("placements:detail", args=[checklist.placement_id])):
        assert client.get(url).status_code == 200, url
    client.force_login(demo["medarbejder"])
    mentee = Mentorship.objects.filter(mentor__user=demo["medarbejder"]).first().placement_id
    assert client.get(reverse("onboarding:mentee", args=[mentee])).status_code == 200


PAGES = [
    ("hr", "onboarding:positions"), ("jobcenter", "onboarding:positions"), ("leder-boern", "onboarding:positions"),
    ("hr", "onboarding:templates"), ("hr", "onboarding:framework"), ("med-boern", "onboarding:framework"),
    ("medarbejder", "onboarding:mentees"), ("leder-boern", "onboarding:position_new"), ("leder-boern", "onboarding:framework_new"),
]
