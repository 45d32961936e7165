"""The figures behind the rimelighedskrav and the merbeskæftigelse rule, read from the register.

The law is in ``rummelig.rules.ratio``; this module only counts (domain.md §2.1-2.2):

- The production unit is the P-number: every unit with the workplace's P-number (a workplace
  without one stands alone).
- Ordinary staff: employments active at a month end in those units that are not subsidised, of
  persons 18 or older on that day (a person without a known birth date is counted), in FTE
  (BEK § 65 stk. 3). The rimelighedskrav uses the average of the 4 month ends before the month
  of the day in question (stk. 4); merbeskæftigelse compares the last of 12 monthly figures with
  their average, in full-time persons as VITAS does ("Såvel rimeligheds- som
  merbeskæftigelseskravet opgøres i fuldtidspersoner"), so replacing full-time staff by part-time
  staff is not a net expansion. All months come from one grouped query.
- Persons counted: placements active on the day at the P-number whose scheme version in force on
  that day counts in the rimelighedskrav, each as hours / 37 (at most 1) when the hours are
  known, else 1 (stk. 2: part time as fractions of a full-time person).

A new placement is checked on its start date and on every later day of its period when another
counted placement begins, so a placement that would overlap a full house later is caught too.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from rummelig.organisation.models import Unit
from rummelig.people.models import Employment
from rummelig.placements.models import Placement
from rummelig.rules.dates import months_after, same_day_in
from rummelig.rules.ratio import (
    FULL_TIME_HOURS,
    MERBESKAEFTIGELSE_MONTHS,
    RATIO_MONTHS,
    VACATED_POST_MONTHS,
    MerbeskaeftigelseResult,
    RatioResult,
    check_ratio,
    merbeskaeftigelse_met,
)
from rummelig.schemes.models import REDUCED_WORK_CAPACITY_TARGET_GROUPS, SchemeVersion

ADULT_AGE = 18


def month_ends_before(day: date, months: int) -> list[date]:
    """Return the last days of the ``months`` whole months before ``day``'s month, oldest first."""
    ends = []
    year, month = day.year, day.month
    for _ in range(months):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        ends.append(date(year, month, calendar.monthrange(year, month)[1]))
    return list(reversed(ends))


def production_units(workplace):
    """Return the units of the workplace's P-number (the workplace alone when it has none)."""
    if workplace.p_number:
        return Unit.objects.filter(p_number=workplace.p_number)
    return Unit.objects.filter(pk=workplace.pk)


@dataclass(frozen=True)
class StaffMonths:
    """Ordinary staff at each month end, oldest first."""

    month_ends: list
    fte: list
    headcount: list


def ordinary_staff(units, month_ends) -> StaffMonths:
    """Return the ordinary FTE and headcount of the units at each month end, in one query."""
    employments = Employment.objects.filter(unit__in=units, subsidised=False, start__lte=month_ends[-1]).filter(
        Q(end__isnull=True) | Q(end__gte=month_ends[0])
    )
    aggregates = {}
    for i, day in enumerate(month_ends):
        active = (
            Q(start__lte=day)
            & (Q(end__isnull=True) | Q(end__gte=day))
            & (Q(person__birth_date__isnull=True) | Q(person__birth_date__lte=same_day_in(day, day.year - ADULT_AGE)))
        )
        aggregates[f"fte_{i}"] = Sum("fte", filter=active)
        aggregates[f"n_{i}"] = Count("person", filter=active, distinct=True)
    row = employments.aggregate(**aggregates)
    return StaffMonths(
        month_ends=list(month_ends),
        fte=[row[f"fte_{i}"] or Decimal(0) for i in range(len(month_ends))],
        headcount=[row[f"n_{i}"] or 0 for i in range(len(month_ends))],
    )


def counting_scheme_ids(day: date) -> set:
    """Return the ids of the schemes whose version in force on ``day`` counts in the rimelighedskrav."""
    versions = SchemeVersion.objects.in_force_on(day).filter(counts_in_ratio=True)
    return set(versions.values_list("scheme_id", flat=True))


def person_fte(hours_per_week) -> Decimal:
    """Return a person in a placement as a fraction of a full-time person (BEK § 65 stk. 2)."""
    if hours_per_week is None or hours_per_week <= 0:
        return Decimal(1)
    return min(Decimal(hours_per_week) / FULL_TIME_HOURS, Decimal(1))


def persons_counted(units, day: date, exclude=None) -> Decimal:
    """Return the counted persons in placements at the units on ``day``, in full-time persons."""
    placements = Placement.objects.filter(workplace__in=units, scheme_id__in=counting_scheme_ids(day)).active_on(day)
    if exclude is not None:
        placements = placements.exclude(pk=exclude)
    return sum((person_fte(hours) for hours in placements.values_list("hours_per_week", flat=True)), Decimal(0))


@dataclass(frozen=True)
class RatioCheck:
    """The rimelighedskrav at a P-number on ``day`` with the figures behind it."""

    day: date
    workplace: object
    staff: StaffMonths
    result: RatioResult

    @property
    def counted(self):
        return self.result.counted

    @property
    def allowed(self):
        return self.result.allowed

    @property
    def ordinary_fte(self):
        return self.result.ordinary_fte

    @property
    def ok(self):
        return self.result.ok


def ratio_on(workplace, day: date, adding=0, exclude=None) -> RatioCheck:
    """Return the rimelighedskrav at the workplace's P-number on ``day`` if ``adding`` persons join."""
    units = production_units(workplace)
    staff = ordinary_staff(units, month_ends_before(day, RATIO_MONTHS))
    counted = persons_counted(units, day, exclude=exclude)
    return RatioCheck(day, workplace, staff, check_ratio(staff.fte, counted, adding))


def ratio_for_new_placement(workplace, start: date, end: date | None, adding, exclude=None) -> RatioCheck:
    """Return the check for a placement from start to end: the day in its period with most persons counted.

    The ordinary staff is averaged over the 4 months before the start (BEK § 65 stk. 4); the
    persons are counted on the start and on each later day of the period when a counted placement
    begins. The first day with the highest count is the one reported.
    """
    units = production_units(workplace)
    staff = ordinary_staff(units, month_ends_before(start, RATIO_MONTHS))
    days = {start}
    later = Placement.objects.filter(workplace__in=units, start__gt=start, scheme__versions__counts_in_ratio=True)
    if end is not None:
        later = later.filter(start__lte=end)
    if exclude is not None:
        later = later.exclude(pk=exclude)
    days.update(later.values_list("start", flat=True).distinct())
    worst_day, worst = start, None
    for day in sorted(days):
        counted = persons_counted(units, day, exclude=exclude)
        if worst is None or counted > worst:
            worst_day, worst = day, counted
    return RatioCheck(worst_day, workplace, staff, check_ratio(staff.fte, worst, adding))


@dataclass(frozen=True)
class MerbeskaeftigelseCheck:
    """The merbeskæftigelse rule at a P-number for a placement starting on ``day``."""

    day: date
    workplace: object
    staff: StaffMonths
    result: MerbeskaeftigelseResult

    @property
    def last_month_end(self):
        return self.staff.month_ends[-1]

    @property
    def ok(self):
        return self.result.ok


def merbeskaeftigelse_on(workplace, day: date) -> MerbeskaeftigelseCheck:
    """Return the net-expansion rule at the workplace's P-number for the 12 months before ``day``, in FTE."""
    staff = ordinary_staff(production_units(workplace), month_ends_before(day, MERBESKAEFTIGELSE_MONTHS))
    return MerbeskaeftigelseCheck(day, workplace, staff, merbeskaeftigelse_met(staff.fte))


def ordinary_employments_ended_before(workplace, start: date):
    """Return the ordinary employments at the P-number that ended in the 3 months before ``start``.

    A prompt beside the placement form, not a verdict: whether the løntilskud fills one of those
    posts only the manager knows, and says so in ``Placement.vacated_post_on``.
    """
    since = months_after(start, -VACATED_POST_MONTHS)
    return Employment.objects.filter(
        unit__in=production_units(workplace), subsidised=False, end__gte=since, end__lt=start
    ).order_by("-end")


def merbeskaeftigelse_applies(version, target_group) -> bool:
    """True when the scheme version asks for merbeskæftigelse and the person has no reduced work capacity."""
    return bool(version and version.merbeskaeftigelse_applies and target_group not in REDUCED_WORK_CAPACITY_TARGET_GROUPS)


@dataclass(frozen=True)
class WorkplaceRules:
    """What the workplace page and the placement form show: the ratio now and on a start date, and net expansion."""

    now: RatioCheck
    on_start: RatioCheck | None
    merbeskaeftigelse: MerbeskaeftigelseCheck


def workplace_rules(workplace, today: date, start: date | None = None, adding=0, exclude=None, end=None) -> WorkplaceRules:
    """Return the figures for a workplace today and, when given, on a placement's start date."""
    now = ratio_on(workplace, today, adding=0)
    on_start = None
    if start is not None:
        on_start = ratio_for_new_placement(workplace, start, end, adding, exclude=exclude)
    merbeskaeftigelse = merbeskaeftigelse_on(workplace, start or today)
    return WorkplaceRules(now, on_start, merbeskaeftigelse)
