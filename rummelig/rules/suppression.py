"""Hide small counts in tables that leave HR, so no one can work out who is behind a number.

Rule (domain.md §5 and the Region H pattern in anchors.md): counts under 5 are suppressed
wherever aggregates leave HR (annual report to the Hovedudvalg, MED dashboards). A count of 0
concerns no one and is shown.

Markers:

- ``SUPPRESSED`` ("<5"): the true value is 1-4 (primary suppression).
- ``HIDDEN`` ("x"): hidden so that a small count elsewhere cannot be worked out (secondary
  suppression). It says nothing about the value, which may be 0, 1-4 or large; it is never
  labelled "<5", because a report must not claim that 12 is under 5.

Who we protect against: a reader who sees every shown number and total, knows that "<5" means
1-4, that every count is a whole number ≥ 0, and that cells add up to the totals (also last
year's, when both years are shown). Every hidden number, cell or total, must keep at least two
values that fit everything published. A reader who also assumed that "x" is never 1-4 is out of
scope (hiding would then leak through the markers themselves).

How (secondary suppression, a shortest-path heuristic):

1. The table with its totals is a circulation in a small network: row node → column node per
   cell, column node → T per column total, T → T' for the grand total, T' → row node per row
   total. Every published table is a flow; a hidden number can take another value exactly when
   some cycle through it can carry ±1 within the bounds the reader knows (1-4 for "<5", ≥ 0 for
   "x"; shown numbers cannot move). That is checked exactly with a graph search.
2. For a hidden number with no such cycle, find the cheapest cycle if more may be hidden: a
   shown cell costs 1 plus its value (in both years), a total costs far more (readers need
   totals), and relabelling a "<5" as "x" costs most (a last resort, needed only when the "<5"
   bounds alone pin the values, e.g. a row of four 1s whose total is 4). Hide what is on it.
3. Hiding only widens what the reader must consider, so protection never gets lost; repeat
   until every hidden number in every year is protected. This always ends: with everything
   hidden and relabelled, every number lies on a cycle of cells and totals that can grow by 1.

Zero cells: a hidden 0 can only be thought larger (never below 0), so it protects only on
cycles that raise it; the search knows this. A 1 can only be thought larger too, so a 0 beside
it in its row cannot balance it, but a 0 in the opposite corner of a rectangle can. Hiding a 0
reveals nothing about anyone, so zeros are the cheapest cells to hide.

Last year: with ``previous``, both years and their difference are published side by side. A
number hidden in either year is hidden in both (and so is the difference), and protection must
hold in each year; the loop above runs over both years until nothing changes.

Known cells: ``known`` names cells the reader knows exactly from elsewhere (a leder who also sits
in a wider MED committee sees their own units' placements one by one). They may be shown hidden,
but they cannot move in the reader's eyes, so they protect nothing; a total all of whose cells are
known is known too. Every other number still has a cycle through its row, column and grand totals.

Last year published before: when last year's figures were already published (as that year's own
table), ``previous_pattern`` gives that publication's hidden and relabelled positions, and
``previous`` must be the exact figures it was made from. They stay hidden, with the same marker,
so the two publications of the same year show the same values and hide at least the same cells:
together they tell no more than the first one did (see ``pattern``).
"""

import heapq
import itertools
import math
from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass

SUPPRESSED = "<5"
HIDDEN = "x"
MIN_SHOWN = 5

TOTAL_COST = 1_000
RELABEL_COST = 1_000_000

_IN, _OUT = "in", "out"


def suppress_count(n: int) -> int | str:
    """Return a single count as published: "<5" for 1-4, otherwise the count itself."""
    _check_count(n)
    return SUPPRESSED if _is_small(n) else n


def _check_count(n) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"A count must be an integer, not {n!r}.")
    if n < 0:
        raise ValueError(f"A count cannot be negative, not {n}.")


def _is_small(n: int) -> bool:
    return 1 <= n < MIN_SHOWN


# Positions: ("cell", row, col), ("row", row), ("col", col) and ("grand",), with real keys.


def _position(row, col) -> tuple:
    if row is not None and col is not None:
        return ("cell", row, col)
    if row is not None:
        return ("row", row)
    if col is not None:
        return ("col", col)
    return ("grand",)


def _arc(position: tuple) -> tuple:
    """Return the (tail, head) nodes of a position's arc; flow along the arc is its value."""
    kind = position[0]
    if kind == "cell":
        return ("R", position[1]), ("C", position[2])
    if kind == "col":
        return ("C", position[1]), _IN
    if kind == "row":
        return _OUT, ("R", position[1])
    return _IN, _OUT


def _complete(cells: Mapping[tuple, int], rows: tuple, cols: tuple) -> dict[tuple, int]:
    """Return every position's value: the cells (missing ones are 0) and all totals."""
    values: dict[tuple, int] = {}
    for row in rows:
        for col in cols:
            value = cells.get((row, col), 0)
            _check_count(value)
            values[("cell", row, col)] = value
    for row in rows:
        values[("row", row)] = sum(values[("cell", row, col)] for col in cols)
    for col in cols:
        values[("col", col)] = sum(values[("cell", row, col)] for row in rows)
    values[("grand",)] = sum(values[("row", row)] for row in rows)
    return values


class _Year:
    """One year's values, which of its hidden numbers are labelled "x" although 1-4, and which the reader knows."""

    def __init__(self, values: dict[tuple, int], known: frozenset = frozenset()):
        self.values = values
        self.relabelled: set[tuple] = set()
        self.known = known

    def labelled_small(self, position) -> bool:
        return _is_small(self.values[position]) and position not in self.relabelled

    def room(self, position, hidden) -> tuple[float, int]:
        """Return how far the reader must think a number could go up and down from its value."""
        if position not in hidden or position in self.known:
            return 0, 0
        value = self.values[position]
        if self.labelled_small(position):
            return MIN_SHOWN - 1 - value, value - 1
        return math.inf, value


def _freedom(year: _Year, hidden) -> dict:
    """Return, per node, the nodes the reader may shift a unit to, and through which number."""
    neighbours: dict = {}
    for position in hidden:
        tail, head = _arc(position)
        up, down = year.room(position, hidden)
        if up > 0:
            neighbours.setdefault(tail, []).append((head, position))
        if down > 0:
            neighbours.setdefault(head, []).append((tail, position))
    return neighbours


def _reachable(freedom: dict, source, target, skip) -> bool:
    """Tell whether the reader's freedom links source to target without using ``skip``."""
    seen, todo = {source}, [source]
    while todo:
        node = todo.pop()
        if node == target:
            return True
        for nxt, position in freedom.get(node, ()):
            if nxt not in seen and position != skip:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _protected(year: _Year, hidden, freedom: dict, position) -> bool:
    """Tell whether a hidden number has a second value that fits everything published."""
    tail, head = _arc(position)
    up, down = year.room(position, hidden)
    return (up > 0 and _reachable(freedom, head, tail, position)) or (
        down > 0 and _reachable(freedom, tail, head, position)
    )


def _cheapest_cover(years, y, hidden, positions, target) -> list[tuple]:
    """Return the positions to hide or relabel so that ``target`` gets a cycle in year ``y``.

    Each entry is ("hide", position) or ("relabel", position).
    """
    year = years[y]

    def steps(position):
        """Return the (cost, action) of moving ``position`` up and down in the reader's eyes."""
        value = year.values[position]
        if position in hidden:
            up, down = year.room(position, hidden)
            relabel = ("relabel", position) if year.labelled_small(position) else None
            go_up = (0, None) if up > 0 else (RELABEL_COST, relabel) if relabel else None
            go_down = (0, None) if down > 0 else (RELABEL_COST, relabel) if relabel and value > 0 else None
            return go_up, go_down
        cost = 1 + sum(other.values[position] for other in years)
        if position[0] != "cell":
            cost += TOTAL_COST
        return (cost, ("hide", position)), ((cost, ("hide", position)) if value > 0 else None)

    graph: dict = {}
    for position in positions:
        if position == target or position in year.known:  # a number the reader knows cannot move
            continue
        tail, head = _arc(position)
        go_up, go_down = steps(position)
        if go_up:
            graph.setdefault(tail, []).append((head, go_up))
        if go_down:
            graph.setdefault(head, []).append((tail, go_down))

    own_up, own_down = steps(target)
    tail, head = _arc(target)
    best = None
    for own, source, goal in ((own_up, head, tail), (own_down, tail, head)):
        if own is None:
            continue
        found = _shortest_path(graph, source, goal)
        if found is not None and (best is None or own[0] + found[0] < best[0]):
            best = (own[0] + found[0], [own[1], *found[1]])
    if best is None:  # cannot happen: with all hidden, a cycle of cell and totals can grow by 1
        raise AssertionError(f"No way to protect {target} in year {y}.")
    return [action for action in best[1] if action is not None]


def _shortest_path(graph, source, goal):
    """Return (cost, actions) of the cheapest path from source to goal, or None (Dijkstra)."""
    tiebreak = itertools.count()  # nodes mix strings and tuples, so never compare them
    queue = [(0, next(tiebreak), source, [])]
    done = set()
    while queue:
        cost, _, node, actions = heapq.heappop(queue)
        if node == goal:
            return cost, actions
        if node in done:
            continue
        done.add(node)
        for nxt, (step_cost, action) in graph.get(node, ()):
            if nxt not in done:
                heapq.heappush(queue, (cost + step_cost, next(tiebreak), nxt, [*actions, action]))
    return None


@dataclass(frozen=True)
class SuppressedTable:
    """A table of counts as it may be published, with this year's and last year's numbers.

    Rows and columns keep the order in which they first appear in the cells. Every accessor
    returns an int or a marker string: ``SUPPRESSED`` ("<5") or ``HIDDEN`` ("x").
    """

    rows: tuple
    cols: tuple
    _current: Mapping
    _previous: Mapping | None
    _hidden: frozenset
    _relabelled: tuple  # (this year, last year) positions labelled "x" although 1-4

    @property
    def has_previous(self) -> bool:
        return self._previous is not None

    def pattern(self) -> dict:
        """Return this year's exact cells, hidden and relabelled positions, for a later publication.

        A later table that shows this year as its "last year" passes these back to
        ``suppress_table`` (``previous`` and ``previous_pattern``) and so reuses this pattern.
        """
        cells = [[p[1], p[2], v] for p, v in self._current.items() if p[0] == "cell"]
        return {
            "cells": cells,
            "hidden": sorted((list(p) for p in self._hidden), key=repr),
            "relabelled": sorted((list(p) for p in self._relabelled[0]), key=repr),
        }

    def is_hidden(self, row: Hashable = None, col: Hashable = None) -> bool:
        """Tell whether a number is hidden: a cell (row and col), a row total (row only),
        a column total (col only) or the grand total (neither)."""
        return self._known(_position(row, col)) in self._hidden

    def _known(self, position):
        if position not in self._current:
            raise KeyError(f"No such row or column in this table: {position[1:]!r}.")
        return position

    def _published(self, year: int, position):
        values = (self._current, self._previous)[year]
        if values is None:
            raise ValueError("This table was made without last year's figures.")
        value = values[self._known(position)]
        if position not in self._hidden:
            return value
        return SUPPRESSED if _is_small(value) and position not in self._relabelled[year] else HIDDEN

    def value(self, row, col) -> int | str:
        return self._published(0, ("cell", row, col))

    def row_total(self, row) -> int | str:
        return self._published(0, ("row", row))

    def col_total(self, col) -> int | str:
        return self._published(0, ("col", col))

    def grand_total(self) -> int | str:
        return self._published(0, ("grand",))

    def previous_value(self, row, col) -> int | str:
        return self._published(1, ("cell", row, col))

    def previous_row_total(self, row) -> int | str:
        return self._published(1, ("row", row))

    def previous_col_total(self, col) -> int | str:
        return self._published(1, ("col", col))

    def previous_grand_total(self) -> int | str:
        return self._published(1, ("grand",))

    def _difference(self, position) -> int | str:
        now, before = self._published(0, position), self._published(1, position)
        if isinstance(now, str) or isinstance(before, str):
            return HIDDEN
        return now - before

    def difference(self, row, col) -> int | str:
        """Return this year's value minus last year's, or "x" when either is hidden."""
        return self._difference(("cell", row, col))

    def row_difference(self, row) -> int | str:
        return self._difference(("row", row))

    def col_difference(self, col) -> int | str:
        return self._difference(("col", col))

    def grand_difference(self) -> int | str:
        return self._difference(("grand",))


def _axes(*tables) -> tuple[tuple, tuple]:
    rows: dict = {}
    cols: dict = {}
    for table in tables:
        for key in table:
            if not (isinstance(key, tuple) and len(key) == 2) or None in key:
                raise ValueError(f"Cells must be keyed by (row, column), neither None, not {key!r}.")
            rows.setdefault(key[0], None)
            cols.setdefault(key[1], None)
    return tuple(rows), tuple(cols)


def _known_positions(known, rows: tuple, cols: tuple) -> frozenset:
    """Return the known cells' positions and the totals they make up whole."""
    cells = {("cell", row, col) for row, col in known if row in rows and col in cols}
    positions: set[tuple] = set(cells)
    positions |= {("row", row) for row in rows if all(("cell", row, col) in cells for col in cols)}
    positions |= {("col", col) for col in cols if all(("cell", row, col) in cells for row in rows)}
    if rows and cols and len(cells) == len(rows) * len(cols):
        positions.add(("grand",))
    return frozenset(positions)


def suppress_table(
    cells: Mapping[tuple[Hashable, Hashable], int],
    previous: Mapping[tuple[Hashable, Hashable], int] | None = None,
    *,
    previous_pattern: Mapping | None = None,
    known: Collection[tuple[Hashable, Hashable]] = (),
) -> SuppressedTable:
    """Return the table with every count under 5 hidden and enough else hidden to protect it.

    ``cells`` maps (row, column) to a count; missing combinations count as 0. ``previous`` is
    the same table a year earlier, published beside it (see the module docstring).
    ``previous_pattern`` is ``pattern()`` of the table that published ``previous`` before.
    ``known`` names the (row, column) cells the reader knows exactly, in both years.
    """
    tables = [cells] if previous is None else [cells, previous]
    rows, cols = _axes(*tables)
    known_positions = _known_positions(known, rows, cols)
    years = [_Year(_complete(table, rows, cols), known_positions) for table in tables]
    positions = list(years[0].values)
    hidden = {p for p in positions if any(_is_small(year.values[p]) for year in years)}
    if previous_pattern is not None:
        if previous is None:
            raise ValueError("A pattern for last year needs last year's figures.")
        forced = {tuple(p) for p in previous_pattern["hidden"]}
        relabelled = {tuple(p) for p in previous_pattern["relabelled"]}
        unknown = (forced | relabelled) - set(positions)
        if unknown:
            raise ValueError(f"Last year's pattern names positions not in the table: {sorted(unknown, key=repr)!r}.")
        hidden |= forced
        years[1].relabelled |= relabelled

    changed = True
    while changed:
        changed = False
        for y, year in enumerate(years):
            freedom = _freedom(year, hidden)
            for position in positions:
                if position in hidden and position not in year.known and not _protected(year, hidden, freedom, position):
                    for action, other in _cheapest_cover(years, y, hidden, positions, position):
                        if action == "hide":
                            hidden.add(other)
                        else:
                            year.relabelled.add(other)
                    freedom = _freedom(year, hidden)
                    changed = True

    relabelled_by_year = tuple(frozenset(year.relabelled) for year in years)
    return SuppressedTable(
        rows=rows,
        cols=cols,
        _current=years[0].values,
        _previous=years[1].values if previous is not None else None,
        _hidden=frozenset(hidden),
        _relabelled=relabelled_by_year + (frozenset(),) * (2 - len(relabelled_by_year)),
    )
