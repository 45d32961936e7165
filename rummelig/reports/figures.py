"""The report's figures: one way to count, used by the dashboard, the annual report and the exports.

Each figure is one GROUP BY in the database (placements or employments grouped by workplace and
scheme, with the date conditions as filtered aggregates), folded into the report's columns in
Python. The fold is over a few hundred grouped rows, never over people, so a municipality of
50,000 employees costs about what a small one does.

Definitions (the pages and the PDF repeat them for the reader):

- On special terms on a day: a placement that has started and has not ended (``Placement.active_on``).
- During the year: a placement that runs on at least one day from 1 January to the reference date.
- FTE of a placement: hours per week / 37, at most 1; full time when the hours are not registered.
- FTE-years: the sum of each placement's FTE × the days it ran in the period / the days of the year.
- Ordinary staff: employments active on the day that are not subsidised; their FTE is the FTE fraction.
- Young: under 30 on 1 January of the year (date of birth registered).
- Columns: a workplace counts under its centre (område) when the centre is in the scope, otherwise
  under the highest unit of the scope above it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from django.db.models import (
    Count,
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least

from rummelig.organisation.models import Unit
from rummelig.people.models import Employment
from rummelig.placements.models import Outcome, Placement, active_on_q, overlapping_q
from rummelig.rules.dates import days_in_year, same_day_in
from rummelig.rules.fleksjob_refusion import Cap, expected_refusion
from rummelig.rules.ratio import FULL_TIME_HOURS
from rummelig.schemes.models import Scheme

from .models import ELEV, OLD_FLEKSJOB, PlacementEconomy, RefusionCap

YOUNG_BELOW_AGE = 30
MONEY = DecimalField(max_digits=20, decimal_places=2)


class DaysBetween(Func):
    """Whole days from the second date to the first (first − second), computed in SQL."""

    arity = 2
    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):
        # PostgreSQL: date − date is an integer number of days.
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(", **extra,
        )


def _date(day):
    return Value(day, output_field=DateField())


def hours_expression():
    """Hours per week counted for a placement: registered hours, at most full time, full time if unknown."""
    full = Value(Decimal(FULL_TIME_HOURS), output_field=MONEY)
    return Least(Coalesce(F("hours_per_week"), full), full, output_field=MONEY)


@dataclass(frozen=True)
class Period:
    """From 1 January of a year to the reference date (the day headcounts are taken)."""

    year: int
    reference: date

    @classmethod
    def for_year(cls, year, reference=None):
        reference = reference or date(year, 12, 31)
        if reference.year != year:
            raise ValueError(f"The reference date {reference} is not in {year}.")
        return cls(year, reference)

    @property
    def start(self):
        return date(self.year, 1, 1)

    @property
    def end(self):
        return self.reference

    def previous(self):
        return Period(self.year - 1, same_day_in(self.reference, self.year - 1))


# Scope ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeColumn:
    id: int
    name: str
    path: str
    is_centre: bool


class Scope:
    """The units counted in a report and the column (centre) each unit counts under."""

    def __init__(self, units=None):
        """units: a queryset of the units in scope, or None for the whole municipality."""
        all_units = list(Unit.objects.order_by().values_list("pk", "name", "kind", "path"))
        if units is not None:
            ids = set(units.values_list("pk", flat=True))
            self.whole = len(ids) == len(all_units)
        else:
            ids = {pk for pk, *_ in all_units}
            self.whole = True
        self._units = units
        self.unit_ids = frozenset(ids)
        info = {pk: (name, kind, path) for pk, name, kind, path in all_units}
        self.column_of = {}
        for pk in ids:
            _name, _kind, path = info[pk]
            chain = [int(part) for part in path.strip("/").split("/") if part]
            in_scope = [a for a in chain if a in ids]
            centre = next((a for a in in_scope if info[a][1] == Unit.Kind.AREA), None)
            self.column_of[pk] = centre if centre is not None else in_scope[0]
        columns = {
            pk: ScopeColumn(pk, info[pk][0], info[pk][2], info[pk][1] == Unit.Kind.AREA) for pk in set(self.column_of.values())
        }
        self.columns = sorted(columns.values(), key=lambda c: (not c.is_centre, c.name.casefold(), c.id))
        self.column_by_id = {c.id: c for c in self.columns}
        roots = [pk for pk in ids if not any(a in ids for a in self._ancestors(info[pk][2], pk))]
        self.root_ids = frozenset(roots)

    @staticmethod
    def _ancestors(path, pk):
        return [int(part) for part in path.strip("/").split("/") if part and int(part) != pk]

    @classmethod
    def for_access(cls, access):
        return cls(access.aggregate_units())

    def filter(self, queryset, field):
        """Limit a queryset to rows whose unit (field) is in the scope."""
        if self.whole:
            return queryset
        return queryset.filter(**{f"{field}__in": self._units.values("pk")})

    def placements(self):
        return self.filter(Placement.objects.order_by(), "workplace_id")

    def employments(self):
        return self.filter(Employment.objects.order_by(), "unit_id")

    def columns_under(self, unit):
        """Return the ids of the columns at or under unit (a unit in the scope), in column order."""
        return [c.id for c in self.columns if c.path.startswith(unit.path)]

    def covers(self, unit):
        return unit.pk in self.unit_ids

    def label(self):
        names = sorted(self.column_by_id[pk].name if pk in self.column_by_id else Unit.objects.get(pk=pk).name for pk in self.root_ids)
        return ", ".join(names)


# Figures for one period --------------------------------------------------------------------------


@dataclass
class PlacementCounts:
    on_day: int = 0
    hours_on_day: Decimal = Decimal(0)
    during: int = 0
    hour_days: Decimal = Decimal(0)
    with_subsidy: int = 0
    subsidy_days: Decimal = Decimal(0)

    def add(self, other):
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class YoungCounts:
    still: int = 0
    education: int = 0
    other: int = 0


@dataclass
class OwnCitizenCounts:
    own: int = 0
    other: int = 0
    unknown: int = 0


@dataclass
class ElevCounts:
    without_education: int = 0
    with_education: int = 0
    unknown: int = 0


@dataclass
class EconomyFigures:
    pool_paid: Decimal = Decimal(0)
    pool_placements: int = 0
    received: dict = field(default_factory=dict)  # scheme id -> (placements, DKK)
    refusion: dict = field(default_factory=dict)  # "1/2" / "2/3" -> (placements, wage counted, refusion)
    refusion_missing: int = 0  # old-scheme fleksjob in the year without wage basis or fraction
    uncapped: bool = False


class YearFigures:
    """Every figure of one period for one scope, each computed once and on first use."""

    def __init__(self, scope, period):
        self.scope = scope
        self.period = period

    def _column(self, unit_id):
        return self.scope.column_of[unit_id]

    @cached_property
    def placements(self):
        """{(column, scheme id): PlacementCounts} of placements on the reference date and during the period."""
        first, last = self.period.start, self.period.end
        hours = hours_expression()
        active = active_on_q(last)
        days = DaysBetween(Least(Coalesce("ends_on", _date(last)), _date(last)), Greatest("start", _date(first))) + 1
        rows = (
            self.scope.placements()
            .filter(overlapping_q(first, last))
            .values("workplace_id", "scheme_id")
            .annotate(
                on_day=Count("pk", filter=active),
                hours_on_day=Sum(hours, filter=active, output_field=MONEY),
                during=Count("pk"),
                hour_days=Sum(ExpressionWrapper(days * hours, output_field=MONEY)),
                with_subsidy=Count("pk", filter=Q(yearly_subsidy__gt=0)),
                subsidy_days=Sum(ExpressionWrapper(days * F("yearly_subsidy"), output_field=MONEY), filter=Q(yearly_subsidy__gt=0)),
            )
        )
        result = defaultdict(PlacementCounts)
        for row in rows:
            result[(self._column(row["workplace_id"]), row["scheme_id"])].add(
                PlacementCounts(
                    row["on_day"], row["hours_on_day"] or Decimal(0), row["during"], row["hour_days"] or Decimal(0),
                    row["with_subsidy"], row["subsidy_days"] or Decimal(0),
                )
            )
        return dict(result)

    def fte_on_day(self, counts):
        return counts.hours_on_day / FULL_TIME_HOURS

    def fte_years(self, counts):
        return counts.hour_days / FULL_TIME_HOURS / days_in_year(self.period.year)

    def expected_subsidy(self, counts):
        return counts.subsidy_days / days_in_year(self.period.year)

    @cached_property
    def ordinary(self):
        """{column: (employments, FTE)} of ordinary (not subsidised) staff on the reference date."""
        day = self.period.end
        rows = (
            self.scope.employments()
            .filter(subsidised=False)
            .active_on(day)
            .values("unit_id")
            .annotate(n=Count("pk"), fte=Sum("fte"))
        )
        result = defaultdict(lambda: [0, Decimal(0)])
        for row in rows:
            entry = result[self._column(row["unit_id"])]
            entry[0] += row["n"]
            entry[1] += row["fte"] or Decimal(0)
        return {column: tuple(entry) for column, entry in result.items()}

    @cached_property
    def _intake_rows(self):
        return list(
            self.scope.placements()
            .filter(start__gte=self.period.start, start__lte=self.period.end)
            .values("workplace_id", "scheme_id", "lives_in_municipality", "via_own_jobcenter", "no_other_education")
            .annotate(n=Count("pk"))
        )

    @cached_property
    def own_citizens(self):
        """{scheme id: OwnCitizenCounts} of placements started in the period."""
        result = defaultdict(OwnCitizenCounts)
        for row in self._intake_rows:
            counts = result[row["scheme_id"]]
            lives, via = row["lives_in_municipality"], row["via_own_jobcenter"]
            if lives is True and via is True:
                counts.own += row["n"]
            elif lives is False or via is False:
                counts.other += row["n"]
            else:
                counts.unknown += row["n"]
        return dict(result)

    @cached_property
    def elever(self):
        """{column: ElevCounts} of elever who started (new training agreements) in the period."""
        elev_ids = set(Scheme.objects.filter(code=ELEV).values_list("pk", flat=True))
        result = defaultdict(ElevCounts)
        for row in self._intake_rows:
            if row["scheme_id"] not in elev_ids:
                continue
            counts = result[self._column(row["workplace_id"])]
            if row["no_other_education"] is True:
                counts.without_education += row["n"]
            elif row["no_other_education"] is False:
                counts.with_education += row["n"]
            else:
                counts.unknown += row["n"]
        return dict(result)

    @cached_property
    def endings(self):
        """{(scheme id, outcome or ""): count} of placements that ended in the period."""
        rows = (
            self.scope.placements()
            .filter(ends_on__gte=self.period.start, ends_on__lte=self.period.end)
            .values("scheme_id", "outcome")
            .annotate(n=Count("pk"))
        )
        result = defaultdict(int)
        for row in rows:
            outcome = row["outcome"] if row["outcome"] in Outcome.values else ""
            result[(row["scheme_id"], outcome)] += row["n"]
        return dict(result)

    @cached_property
    def young(self):
        """{scheme id: YoungCounts} of placements in the period held by people under 30 on 1 January."""
        first, last = self.period.start, self.period.end
        born_after = date(self.period.year - YOUNG_BELOW_AGE, 1, 1)
        ended = Q(ends_on__lte=last)
        rows = (
            self.scope.placements()
            .filter(overlapping_q(first, last), person__birth_date__gt=born_after)
            .values("scheme_id")
            .annotate(
                still=Count("pk", filter=~ended | Q(ends_on__isnull=True)),
                education=Count("pk", filter=ended & Q(outcome=Outcome.EDUCATION)),
                other=Count("pk", filter=ended & ~Q(outcome=Outcome.EDUCATION)),
            )
        )
        return {row["scheme_id"]: YoungCounts(row["still"], row["education"], row["other"]) for row in rows}

    @cached_property
    def economy(self):
        """The money of the year: the pool's payments, subsidies received and old-scheme refusion."""
        year = self.period.year
        figures = EconomyFigures()
        economy = self.scope.filter(PlacementEconomy.objects.order_by().filter(year=year), "placement__workplace_id")
        pool = economy.aggregate(paid=Sum("pool_payment"), n=Count("pk", filter=Q(pool_payment__gt=0)))
        figures.pool_paid, figures.pool_placements = pool["paid"] or Decimal(0), pool["n"]
        for row in (
            economy.filter(subsidy_received__gt=0)
            .values("placement__scheme_id")
            .annotate(n=Count("pk"), amount=Sum("subsidy_received"))
        ):
            figures.received[row["placement__scheme_id"]] = (row["n"], row["amount"])
        caps = [Cap(c.valid_from, c.valid_to, c.annual_cap, c.hourly_cap) for c in RefusionCap.objects.all()]
        old = self.scope.placements().filter(scheme__code=OLD_FLEKSJOB).filter(overlapping_q(date(year, 1, 1), date(year, 12, 31)))
        with_data = economy.filter(placement__scheme__code=OLD_FLEKSJOB, wage_basis__isnull=False).exclude(refusion_fraction="")
        computed = set()
        refusion = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
        for pk, start, ends_on, hours, wage, fraction in with_data.values_list(
            "placement_id", "placement__start", "placement__ends_on", "placement__hours_per_week", "wage_basis", "refusion_fraction"
        ):
            result = expected_refusion(
                wage_basis=wage, fraction=Fraction(fraction), hours_per_week=hours, start=start,
                end=ends_on or date(year, 12, 31), year=year, caps=caps,
            )
            if result.days == 0:
                continue
            computed.add(pk)
            entry = refusion[fraction]
            entry[0] += 1
            entry[1] += result.wage_counted
            entry[2] += result.amount
            figures.uncapped = figures.uncapped or result.uncapped_days > 0
        figures.refusion = {fraction: tuple(entry) for fraction, entry in refusion.items()}
        figures.refusion_missing = old.exclude(pk__in=computed).count()
        return figures


def trend(scope, days):
    """{(scheme id, day): count} of placements on special terms on each of the days (one query)."""
    first, last = min(days), max(days)
    aggregates = {f"d{i}": Count("pk", filter=active_on_q(day)) for i, day in enumerate(days)}
    rows = scope.placements().filter(overlapping_q(first, last)).values("scheme_id").annotate(**aggregates)
    result = {}
    for row in rows:
        for i, day in enumerate(days):
            result[(row["scheme_id"], day)] = row[f"d{i}"]
    return result


def schemes_by_id():
    return {scheme.pk: scheme for scheme in Scheme.objects.all()}
