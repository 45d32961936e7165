"""The folkepension and efterløn ages by birth cohort, loaded from the law, and the schemes that end at them."""

from datetime import date

import pytest

from rummelig.rules.ages import age_for
from rummelig.rules.durations import max_end_date
from rummelig.schemes.models import AgeLimit, Scheme


@pytest.mark.django_db
class TestAgeLimits:
    def test_every_row_cites_its_source(self):
        assert AgeLimit.objects.count() == 20
        assert not AgeLimit.objects.filter(source="").exists()
        assert AgeLimit.objects.filter(kind="folkepension", source__contains="pension § 1 a").count() == 8

    @pytest.mark.parametrize(
        ("kind", "birth_date", "age"),
        [
            ("folkepension", date(1953, 12, 31), (65, 0)),
            ("folkepension", date(1954, 3, 1), (65, 6)),
            ("folkepension", date(1960, 6, 1), (67, 0)),
            ("folkepension", date(1965, 6, 1), (68, 0)),
            ("folkepension", date(1968, 6, 1), (69, 0)),
            ("folkepension", date(1975, 6, 1), (70, 0)),
            ("efterloen", date(1956, 3, 1), (62, 6)),
            ("efterloen", date(1959, 3, 1), (63, 6)),
            ("efterloen", date(1961, 3, 1), (64, 0)),
            ("efterloen", date(1968, 3, 1), (66, 0)),
        ],
    )
    def test_the_table_gives_each_cohort_its_age(self, kind, birth_date, age):
        step = age_for(AgeLimit.table(kind)[kind], birth_date)
        assert (step.years, step.months) == age

    def test_the_cohorts_do_not_overlap_or_leave_gaps(self):
        for kind, steps in AgeLimit.table().items():
            steps = sorted(steps, key=lambda s: s.born_from or date.min)
            assert steps[0].born_from is None and steps[-1].born_to is None
            for before, after in zip(steps, steps[1:], strict=False):
                assert (after.born_from - before.born_to).days == 1, kind

    def test_seniorjob_ends_at_efterloen_age_and_fleksjob_at_folkepension_age(self):
        seniorjob = Scheme.objects.get(code="seniorjob").version_on(date(2026, 1, 1)).as_rule()
        fleksjob = Scheme.objects.get(code="fleksjob").version_on(date(2026, 1, 1)).as_rule()
        skaanejob = Scheme.objects.get(code="skaanejob").version_on(date(2026, 1, 1)).as_rule()
        born = date(1964, 10, 20)
        assert max_end_date(seniorjob, None, date(2026, 1, 1), born) == date(2029, 10, 19)  # 65
        assert max_end_date(fleksjob, None, date(2026, 1, 1), born) == date(2032, 10, 19)  # 68
        assert max_end_date(skaanejob, None, date(2026, 1, 1), born) == date(2032, 10, 19)

    def test_nytteindsats_informs_the_representative_after_the_arbejdspligt_law(self):
        scheme = Scheme.objects.get(code="nytteindsats")
        before, after = scheme.version_on(date(2025, 6, 30)), scheme.version_on(date(2025, 7, 1))
        assert (before.needs_statement, before.informs_representative, before.counts_in_ratio) == (True, False, True)
        assert (after.needs_statement, after.informs_representative, after.counts_in_ratio) == (False, True, False)
