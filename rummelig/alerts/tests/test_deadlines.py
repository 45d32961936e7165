"""The alerts of placements worked out from the register (alerts.deadlines.alerts_for)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rummelig.alerts.deadlines import alerts_for
from rummelig.placements.models import Placement
from rummelig.testing import make_person, make_placement

TODAY = date(2030, 6, 1)


def kinds(alerts):
    return [(a.kind, a.due) for a in alerts]


@pytest.mark.django_db
class TestAlertsFor:
    def test_a_planned_end_and_the_maximum_duration_within_the_window_are_alerts(self, world, jobrotation_reopened):
        make_placement(world.solsikken, "elev", start=date(2028, 8, 1), planned_end=date(2030, 6, 30))
        make_placement(world.solsikken, "jobrotation", start=date(2030, 1, 1))
        assert kinds(alerts_for(Placement.objects.all(), TODAY)) == [("max_duration_reached", date(2030, 6, 30)), ("placement_ends", date(2030, 6, 30))]

    def test_the_window_covers_overdue_and_ahead(self, world):
        make_placement(world.solsikken, "elev", start=date(2028, 8, 1), planned_end=date(2030, 5, 10))  # 22 days overdue
        make_placement(world.solsikken, "elev", start=date(2028, 8, 1), planned_end=date(2030, 4, 1))  # too long ago
        make_placement(world.solsikken, "elev", start=date(2028, 8, 1), planned_end=date(2030, 9, 1))  # beyond 60 days
        assert kinds(alerts_for(Placement.objects.all(), TODAY)) == [("placement_ends", date(2030, 5, 10))]
        assert len(alerts_for(Placement.objects.all(), TODAY, days_ahead=120)) == 2

    def test_a_registered_actual_end_is_no_alert(self, world):
        make_placement(world.solsikken, "elev", start=date(2028, 8, 1), planned_end=date(2030, 6, 20), actual_end=date(2030, 6, 20), outcome="uddannelse")
        assert alerts_for(Placement.objects.all(), TODAY) == []

    def test_skaanejob_evaluation_after_6_months_then_every_12(self, world):
        make_placement(world.solsikken, "skaanejob", start=date(2029, 12, 15), target_group="foertidspension")
        make_placement(world.solsikken, "skaanejob", start=date(2028, 12, 20), target_group="foertidspension")
        assert kinds(alerts_for(Placement.objects.all(), TODAY, kinds=["evaluation_due"])) == [
            ("evaluation_due", date(2030, 6, 14)), ("evaluation_due", date(2030, 6, 19)),
        ]

    def test_renewals_of_fleksjob_paragraph_56_and_mentor(self, world):
        make_placement(world.solsikken, "fleksjob", start=date(2025, 7, 1), target_group="ledighedsydelse")
        make_placement(world.solsikken, "paragraf-56", start=date(2028, 7, 10))
        make_placement(world.solsikken, "mentor", start=date(2030, 1, 1))
        assert kinds(alerts_for(Placement.objects.all(), TODAY, kinds=["renewal_due"])) == [
            ("renewal_due", date(2030, 6, 30)), ("renewal_due", date(2030, 6, 30)), ("renewal_due", date(2030, 7, 9)),
        ]

    def test_the_seniorjob_start_duty_is_two_months_after_the_request(self, world):
        late = make_placement(world.solsikken, "seniorjob", start=date(2030, 8, 1), requested_on=date(2030, 5, 20))
        make_placement(world.solsikken, "seniorjob", start=date(2030, 7, 1), requested_on=date(2030, 5, 20))  # in time
        alerts = alerts_for(Placement.objects.all(), TODAY, kinds=["seniorjob_start_duty"])
        assert [(a.placement, a.due) for a in alerts] == [(late, date(2030, 7, 20))]

    def test_seniorjob_ends_at_the_efterloen_age_of_the_cohort(self, world):
        person = make_person("Grethe", "Højgaard", birth_date=date(1965, 7, 12))  # efterløn age 65
        make_placement(world.solsikken, "seniorjob", person=person, start=date(2029, 1, 1))
        assert kinds(alerts_for(Placement.objects.all(), TODAY, kinds=["max_duration_reached"])) == [("max_duration_reached", date(2030, 7, 11))]

    def test_a_missing_statement_is_due_on_the_start(self, world):
        make_placement(world.solsikken, "virksomhedspraktik", start=date(2030, 6, 10), planned_end=date(2030, 7, 5))
        make_placement(world.solsikken, "virksomhedspraktik", start=date(2030, 6, 10), planned_end=date(2030, 7, 5), started_at=timezone.now())
        assert kinds(alerts_for(Placement.objects.all(), TODAY, kinds=["statement_missing"])) == [("statement_missing", date(2030, 6, 10))]

    def test_a_planned_end_on_the_maximum_is_one_alert(self, world, jobrotation_reopened):
        make_placement(world.solsikken, "jobrotation", start=date(2030, 1, 1), planned_end=date(2030, 6, 30))
        assert kinds(alerts_for(Placement.objects.all(), TODAY)) == [("placement_ends", date(2030, 6, 30))]

    def test_hidden_kinds_are_left_out(self, world, jobrotation_reopened):
        make_placement(world.solsikken, "jobrotation", start=date(2030, 1, 1))
        alerts = alerts_for(Placement.objects.all(), TODAY, hide_kinds_for=lambda p: ("max_duration_reached",))
        assert kinds(alerts) == []

    def test_the_number_of_queries_does_not_grow_with_the_placements(self, world):
        for i in range(30):
            make_placement(world.solsikken, "skaanejob", start=date(2029, 12, 1) + timedelta(days=i), target_group="foertidspension")
        with CaptureQueriesContext(connection) as few:
            alerts_for(Placement.objects.all(), TODAY)
        for i in range(30):
            make_placement(world.skovbrynet, "fleksjob", start=date(2025, 6, 1) + timedelta(days=i), target_group="ledighedsydelse")
        with CaptureQueriesContext(connection) as many:
            alerts_for(Placement.objects.all(), TODAY)
        assert len(many) == len(few)
