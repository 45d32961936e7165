"""The figures behind the rimelighedskrav and merbeskæftigelse, counted from the register (alerts.ratios)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rummelig.alerts.ratios import (
    merbeskaeftigelse_applies,
    merbeskaeftigelse_on,
    month_ends_before,
    ordinary_staff,
    person_fte,
    persons_counted,
    production_units,
    ratio_for_new_placement,
    ratio_on,
)
from rummelig.organisation.models import Unit
from rummelig.schemes.models import Scheme
from rummelig.testing import make_employment, make_person

from .conftest import hire, place

START = date(2030, 3, 1)


def test_the_months_are_the_whole_months_before_the_day_oldest_first():
    assert month_ends_before(date(2026, 3, 1), 4) == [date(2025, 11, 30), date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28)]
    assert month_ends_before(date(2024, 3, 31), 1) == [date(2024, 2, 29)]


def test_a_person_in_a_placement_counts_as_hours_over_37_at_most_one():
    assert person_fte(None) == 1
    assert person_fte(Decimal("18.5")) == Decimal("0.5")
    assert person_fte(Decimal("40")) == 1


@pytest.mark.django_db
class TestOrdinaryStaff:
    def test_it_counts_ordinary_fte_and_heads_at_each_month_end(self, world):
        hire(world.solsikken, 10)
        hire(world.solsikken, 4, fte=Decimal("0.5"))
        hire(world.solsikken, 2, start=date(2030, 1, 15))  # joined in January
        staff = ordinary_staff(production_units(world.solsikken), month_ends_before(START, 4))
        assert staff.fte == [Decimal("12"), Decimal("12"), Decimal("14"), Decimal("14")]
        assert staff.headcount == [14, 14, 16, 16]

    def test_it_leaves_out_subsidised_staff_minors_and_people_who_left(self, world):
        hire(world.solsikken, 5)
        hire(world.solsikken, 3, subsidised=True)
        hire(world.solsikken, 2, end=date(2029, 12, 15))  # left in December
        teenager = make_person("Søs", "Ungbørn", birth_date=date(2012, 1, 20))  # turns 18 on 20 January 2030
        make_employment(teenager, world.solsikken, start=date(2029, 6, 1), fte=Decimal("0.5"))
        staff = ordinary_staff(production_units(world.solsikken), month_ends_before(START, 4))
        assert staff.fte == [Decimal("7"), Decimal("5"), Decimal("5.5"), Decimal("5.5")]

    def test_units_sharing_a_p_number_are_one_production_unit(self, world):
        annex = Unit.objects.create(name="Solsikken Børnehus, afdeling Ærtebjerg", parent=world.centre_a, valid_from=date(2020, 1, 1), p_number="1012345678")
        hire(world.solsikken, 6)
        hire(annex, 4)
        hire(world.skovbrynet, 30)
        assert ordinary_staff(production_units(world.solsikken), month_ends_before(START, 1)).fte == [Decimal("10")]
        assert ordinary_staff(production_units(annex), month_ends_before(START, 1)).fte == [Decimal("10")]

    def test_it_asks_the_database_once_for_all_twelve_months(self, world):
        hire(world.solsikken, 20)
        with CaptureQueriesContext(connection) as queries:
            ordinary_staff(production_units(world.solsikken), month_ends_before(START, 12))
        assert len(queries) == 1


@pytest.mark.django_db
class TestPersonsCounted:
    def test_it_counts_counted_schemes_active_on_the_day_in_full_time_persons(self, world):
        place(world.solsikken, 2, start=date(2030, 2, 1), planned_end=date(2030, 4, 30))
        place(world.solsikken, 1, "loentilskud", start=date(2030, 2, 1), planned_end=date(2030, 5, 31), hours_per_week=Decimal("18.5"))
        place(world.solsikken, 1, "fleksjob", start=date(2025, 1, 1), planned_end=None)  # does not count
        place(world.solsikken, 1, start=date(2029, 1, 1), planned_end=date(2029, 3, 1))  # ended
        assert persons_counted(production_units(world.solsikken), START) == Decimal("2.5")

    def test_nytteindsats_counts_by_the_rules_of_the_day(self, world):
        place(world.solsikken, 1, "nytteindsats", start=date(2025, 5, 1), planned_end=date(2025, 7, 25))
        units = production_units(world.solsikken)
        assert persons_counted(units, date(2025, 6, 30)) == 1
        assert persons_counted(units, date(2025, 7, 1)) == 0


@pytest.mark.django_db
class TestRatio:
    def test_a_25_fte_workplace_may_have_five(self, world):
        hire(world.solsikken, 25)
        place(world.solsikken, 4, start=date(2030, 2, 1), planned_end=date(2030, 5, 31))
        check = ratio_for_new_placement(world.solsikken, START, date(2030, 3, 28), 1)
        assert (check.ordinary_fte, check.allowed, check.counted, check.ok) == (Decimal("25"), 5, Decimal("4"), True)

    def test_it_finds_the_day_in_the_period_with_most_persons(self, world):
        hire(world.solsikken, 25)
        place(world.solsikken, 4, start=date(2030, 2, 1), planned_end=date(2030, 5, 31))
        place(world.solsikken, 1, start=date(2030, 3, 16), planned_end=date(2030, 4, 12))
        check = ratio_for_new_placement(world.solsikken, START, date(2030, 3, 28), 1)
        assert (check.day, check.counted, check.ok) == (date(2030, 3, 16), Decimal("5"), False)
        assert ratio_for_new_placement(world.solsikken, START, date(2030, 3, 15), 1).ok

    def test_the_ratio_today_counts_without_adding(self, world, today):
        hire(world.solsikken, 9, start=date(2020, 1, 1))
        check = ratio_on(world.solsikken, today)
        assert (check.allowed, check.counted, check.ok) == (1, 0, True)


@pytest.mark.django_db
class TestMerbeskaeftigelse:
    def test_a_shrinking_workplace_fails_and_a_steady_one_passes(self, world):
        hire(world.skovbrynet, 20)
        hire(world.skovbrynet, 4, end=date(2030, 1, 10))
        assert not merbeskaeftigelse_on(world.skovbrynet, START).ok
        assert merbeskaeftigelse_on(world.solsikken, START).ok

    def test_it_counts_full_time_persons_so_part_time_replacements_are_no_net_expansion(self, world):
        # VITAS: "Såvel rimeligheds- som merbeskæftigelseskravet opgøres i fuldtidspersoner".
        # Ten full-time employees; in January 2030 two of them are replaced by two on half time:
        # the headcount stays 10, the staff in full-time persons falls to 9.
        for i in range(8):
            make_employment(make_person(f"Fast{i}", "Ansat"), world.skovbrynet, start=date(2020, 1, 1))
        for i in range(2):
            make_employment(make_person(f"Gik{i}", "Ansat"), world.skovbrynet, start=date(2020, 1, 1), end=date(2030, 1, 10))
            make_employment(make_person(f"Deltid{i}", "Ansat"), world.skovbrynet, start=date(2030, 1, 11), fte=Decimal("0.5"))
        check = merbeskaeftigelse_on(world.skovbrynet, START)
        assert check.staff.headcount[-1] == 10
        assert (check.result.last_month, check.ok) == (Decimal("9"), False)
        assert check.result.average_12_months == Decimal("9.833333333333333333333333333")

    def test_it_does_not_apply_to_persons_with_reduced_work_capacity(self):
        loentilskud = Scheme.objects.get(code="loentilskud").version_on(START)
        praktik = Scheme.objects.get(code="virksomhedspraktik").version_on(START)
        assert merbeskaeftigelse_applies(loentilskud, "dagpenge")
        assert not merbeskaeftigelse_applies(loentilskud, "ledighedsydelse")
        assert not merbeskaeftigelse_applies(loentilskud, "foertidspension")
        assert not merbeskaeftigelse_applies(praktik, "dagpenge")
