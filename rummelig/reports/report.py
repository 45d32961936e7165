"""A report for one scope and one year: the figures, published once, shared by every section.

`Report` is what the dashboard, the annual report page, the exports and the management command
all build; it holds the year's and the year before's figures (`figures.YearFigures`) and the
published tables several sections share (the headcount matrix is used by the headcount, target
and balance sections), so each figure is counted once and shown the same way everywhere.
"""

from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _

from . import sections as registry
from .figures import Period, PlacementCounts, YearFigures, schemes_by_id
from .models import Target
from .tables import Masked, publish

EMPTY = PlacementCounts()


def made_by(user):
    """Return the name a report made by user is signed with: the full name, else the username."""
    return user.get_full_name() or user.get_username()


@dataclass
class Matrix:
    """A published count table (schemes × columns) and the exact values behind it, both years."""

    counts: object  # SuppressedTable or Exact
    exact: tuple  # (this year's {(row, col): n}, last year's)
    other: object = None  # Masked FTE/FTE-years on the same cells
    other_exact: tuple = ()


class Report:
    """history: when the report is made for a publication (publications.History), the earlier
    publications of the same scope; their patterns and figures are reused for periods they covered."""

    def __init__(self, scope, period, *, suppress, made_by="", made_at=None, dashboard=False, history=None):
        self.scope = scope
        self.period = period
        self.suppress = suppress
        self.made_by = made_by
        self.made_at = made_at or timezone.now()
        self.dashboard = dashboard
        self.history = history
        self.patterns = {}  # table key -> SuppressedTable, for the publication to store
        self.reused_previous = {}  # table key -> last year's exact cells, as an earlier publication had them
        self.day_totals = {}  # day -> {"schemes": {scheme id: shown}, "total": shown}, set by the trend section
        self.current = YearFigures(scope, period)
        self.previous = YearFigures(scope, period.previous())

    @classmethod
    def for_year(cls, scope, year, reference=None, **kwargs):
        return cls(scope, Period.for_year(year, reference), **kwargs)

    # Labels ------------------------------------------------------------------------------------

    @property
    def year(self):
        return self.period.year

    @property
    def year_labels(self):
        return (str(self.period.year), str(self.period.year - 1))

    @cached_property
    def schemes(self):
        return schemes_by_id()

    def scheme_order(self, ids):
        return sorted(ids, key=lambda pk: (self.schemes[pk].sort_order, self.schemes[pk].name))

    @cached_property
    def scheme_labels(self):
        return {pk: scheme.name for pk, scheme in self.schemes.items()}

    @cached_property
    def column_labels(self):
        return {c.id: c.name for c in self.scope.columns}

    def publish(self, cells, previous=None, key=None):
        """Publish a count table the way this report publishes everything (suppressed or exact).

        key names the table across publications: when last year was published before, its exact
        figures and its pattern are reused for the previous year (rummelig.rules.suppression).
        """
        pattern = None
        if key and self.suppress and self.history is not None and previous is not None:
            earlier = self.history.pattern(self.period.previous(), key)
            if earlier is not None:
                previous = {(r, c): v for r, c, v in earlier["cells"]}
                self.reused_previous[key] = previous
                pattern = earlier
        table = publish(cells, previous, suppress=self.suppress, previous_pattern=pattern)
        if key and self.suppress:
            self.patterns[key] = table
        return table

    # Shared tables -----------------------------------------------------------------------------

    def _scheme_matrix(self, key, count_of, other_of=None):
        years = (self.current.placements, self.previous.placements)
        used_schemes = {s for figures in years for (c, s), counts in figures.items() if count_of(counts)}
        used_columns = {c for figures in years for (c, s), counts in figures.items() if count_of(counts)}
        rows = self.scheme_order(used_schemes)
        cols = [c.id for c in self.scope.columns if c.is_centre or c.id in used_columns]
        exact = tuple({(s, c): count_of(figures.get((c, s), EMPTY)) for s in rows for c in cols} for figures in years)
        counts = self.publish(*exact, key=key)
        exact = (exact[0], self.reused_previous.get(key, exact[1]))
        matrix = Matrix(counts, exact)
        if other_of is not None:
            matrix.other_exact = tuple(
                {(s, c): other_of(figures, self_figures.get((c, s), EMPTY)) for s in rows for c in cols}
                for figures, self_figures in zip((self.current, self.previous), years, strict=True)
            )
            matrix.other = Masked(*matrix.other_exact, counts)
        return matrix

    @cached_property
    def headcount(self):
        """Placements on the reference date (and their FTE), schemes × columns."""
        return self._scheme_matrix("headcount", lambda c: c.on_day, lambda figures, c: figures.fte_on_day(c))

    @cached_property
    def during(self):
        """Placements during the year (and their FTE-years), schemes × columns."""
        return self._scheme_matrix("during", lambda c: c.during, lambda figures, c: figures.fte_years(c))

    @cached_property
    def _targets(self):
        """HR's targets of the year and the year before for units in the scope, read once for every section."""
        targets = Target.objects.filter(year__in=[self.year, self.year - 1]).select_related("unit").prefetch_related("schemes")
        return [t for t in targets if self.scope.covers(t.unit)]

    def targets(self, kind):
        """Return (this year's targets of kind, {comparison key: last year's target}) for units in the scope."""
        targets = [t for t in self._targets if t.kind == kind]
        return [t for t in targets if t.year == self.year], {t.comparison_key(): t for t in targets if t.year == self.year - 1}

    # Building ----------------------------------------------------------------------------------

    def sections(self, keys=None):
        """Return the built sections (BuiltSection) of the report, or of the sections named by keys."""
        from .tables import BuiltSection

        built = []
        for section in registry.ordered(keys):
            if not section.applies_to(self):
                continue
            tables = section.tables(self)
            for table in tables:
                table.year_labels = self.year_labels
            built.append(BuiltSection(section.key, str(section.title), str(section.intro(self)), tables))
        return built

    @cached_property
    def title(self):
        return _("Employees on special terms %(year)s") % {"year": self.year}

    def scope_label(self):
        return self.scope.label()
