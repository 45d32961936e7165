"""Suppression is tested against an attacker who knows everything that is published.

The attacker below is written independently of the module's network search: it solves the
published table as integer constraints (bounds propagation and branching) and asks, for each
hidden number, whether any table that fits the publication gives it another value.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rummelig.rules.suppression import HIDDEN, MIN_SHOWN, SUPPRESSED, suppress_count, suppress_table

# ---------------------------------------------------------------------------------------------
# The attacker


def publication(table, rows, cols, previous=False):
    """Return what a reader sees of one year: position -> int or marker."""
    get = (
        (table.previous_value, table.previous_row_total, table.previous_col_total, table.previous_grand_total)
        if previous
        else (table.value, table.row_total, table.col_total, table.grand_total)
    )
    seen = {("cell", r, c): get[0](r, c) for r in rows for c in cols}
    seen |= {("row", r): get[1](r) for r in rows}
    seen |= {("col", c): get[2](c) for c in cols}
    seen[("grand",)] = get[3]()
    return seen


def truth(cells, rows, cols):
    """Return the true value of every position, totals included."""
    values = {("cell", r, c): cells.get((r, c), 0) for r in rows for c in cols}
    values |= {("row", r): sum(values[("cell", r, c)] for c in cols) for r in rows}
    values |= {("col", c): sum(values[("cell", r, c)] for r in rows) for c in cols}
    values[("grand",)] = sum(values[("row", r)] for r in rows)
    return values


def bounds(marker, cap):
    if marker == SUPPRESSED:
        return 1, MIN_SHOWN - 1
    if marker == HIDDEN:
        return 0, cap
    return marker, marker


def propagate(domains, lines):
    """Narrow the domains until every line's sum bounds are respected; None if impossible."""
    domains = dict(domains)
    changed = True
    while changed:
        changed = False
        for members, low, high in lines:
            lows = sum(domains[v][0] for v in members)
            highs = sum(domains[v][1] for v in members)
            if lows > high or highs < low:
                return None
            for v in members:
                lo, hi = domains[v]
                new = (max(lo, low - (highs - hi)), min(hi, high - (lows - lo)))
                if new[0] > new[1]:
                    return None
                if new != (lo, hi):
                    domains[v] = new
                    lows += new[0] - lo
                    highs += new[1] - hi
                    changed = True
    return domains


def search(domains, lines, hint):
    """Look for whole numbers within ``domains`` that satisfy every line; return whether found.

    A generator that yields after each node, so that two searches can be run side by side.
    Branches try the ``hint`` value (the true table) first, which only orders the search.
    """
    stack = [domains]
    while stack:
        yield
        domains = propagate(stack.pop(), lines)
        if domains is None:
            continue
        open_vars = [v for v, (lo, hi) in domains.items() if lo < hi]
        if not open_vars:
            return True
        v = min(open_vars, key=lambda v: domains[v][1] - domains[v][0])
        lo, hi = domains[v]
        near = min(max(hint[v], lo), hi)
        for branch in ((near + 1, hi), (lo, near - 1), (near, near)):
            if branch[0] <= branch[1]:
                stack.append(domains | {v: branch})
    return False


def any_succeeds(*searches):
    """Run searches in turn, one step each, until one finds a table or all have failed."""
    running = list(searches)
    while running:
        for current in list(running):
            try:
                next(current)
            except StopIteration as stop:
                if stop.value:
                    return True
                running.remove(current)
    return False


def pinned_positions(seen, actual, rows, cols):
    """Return the hidden positions whose value the reader can work out exactly.

    Search is capped at one above the true grand total: this only removes tables the attacker
    could consider, so the check is if anything stricter than the real attacker.
    """
    cap = actual[("grand",)] + 1
    cells = [("cell", r, c) for r in rows for c in cols]
    variables = [p for p in cells if isinstance(seen[p], str)]
    domains = {p: bounds(seen[p], cap) for p in variables}
    line_members = {("row", r): [("cell", r, c) for c in cols] for r in rows}
    line_members |= {("col", c): [("cell", r, c) for r in rows] for c in cols}
    line_members[("grand",)] = cells

    def lines(total=None, low_high=None):
        result = []
        for line, members in line_members.items():
            low, high = low_high if line == total else bounds(seen[line], cap)
            known = sum(seen[m] for m in members if not isinstance(seen[m], str))
            result.append(([m for m in members if isinstance(seen[m], str)], low - known, high - known))
        return result

    def near(domains):
        """Keep each cell within one of its true value: a quick place to look for a witness."""
        return {v: (max(lo, actual[v] - 1), min(hi, actual[v] + 1)) for v, (lo, hi) in domains.items()}

    pinned = []
    for position, marker in seen.items():
        if not isinstance(marker, str):
            continue
        value = actual[position]
        lo, hi = bounds(marker, cap)
        if position[0] == "cell":
            queries = [
                (domains | {position: (lo, value - 1)}, lines()),
                (domains | {position: (value + 1, hi)}, lines()),
            ]
        else:
            queries = [(domains, lines(position, (lo, value - 1))), (domains, lines(position, (value + 1, hi)))]
        # Any table found is proof enough; only when none is found nearby do we search everything.
        if any_succeeds(*(search(near(d), ls, actual) for d, ls in queries)):
            continue
        if not any_succeeds(*(search(d, ls, actual) for d, ls in queries)):
            pinned.append(position)
    return pinned


def assert_safe(table, cells, previous=None):
    rows, cols = table.rows, table.cols
    years = [(cells, False)] + ([(previous, True)] if previous is not None else [])
    for year_cells, is_previous in years:
        seen = publication(table, rows, cols, previous=is_previous)
        actual = truth(year_cells, rows, cols)
        for position, shown in seen.items():
            if isinstance(shown, str):
                assert shown in (SUPPRESSED, HIDDEN)
                if shown == SUPPRESSED:
                    assert 1 <= actual[position] < MIN_SHOWN, "'<5' must be true"
            else:
                assert shown == actual[position]
                assert not 1 <= shown < MIN_SHOWN, f"a count under 5 is shown at {position}"
        assert pinned_positions(seen, actual, rows, cols) == []
    if previous is not None:
        now, before = publication(table, rows, cols), publication(table, rows, cols, previous=True)
        for position in now:
            assert isinstance(now[position], str) == isinstance(before[position], str), "the same pattern both years"


# ---------------------------------------------------------------------------------------------
# The attacker catches what it should


def test_the_attacker_works_out_a_lone_hidden_cell_from_its_row_total():
    seen = {("cell", "A", "x"): SUPPRESSED, ("cell", "A", "y"): 10, ("row", "A"): 13,
            ("col", "x"): 3, ("col", "y"): 10, ("grand",): 13}
    actual = {("cell", "A", "x"): 3, ("cell", "A", "y"): 10, ("row", "A"): 13,
              ("col", "x"): 3, ("col", "y"): 10, ("grand",): 13}
    assert ("cell", "A", "x") in pinned_positions(seen, actual, ("A",), ("x", "y"))


def test_the_attacker_works_out_two_ones_from_a_shown_difference_of_two():
    cells = {("A", "x"): 1, ("A", "y"): 1, ("A", "z"): 9, ("B", "x"): 1, ("B", "y"): 1, ("B", "z"): 9}
    rows, cols = ("A", "B"), ("x", "y", "z")
    actual = truth(cells, rows, cols)
    seen = dict(actual)
    for position in [("cell", r, c) for r in rows for c in ("x", "y")] + [("col", "x"), ("col", "y")]:
        seen[position] = SUPPRESSED
    # Each hidden cell is ≥ 1 and A's row leaves exactly 2 for its two hidden cells.
    assert ("cell", "A", "x") in pinned_positions(seen, actual, rows, cols)


def test_the_attacker_works_out_four_ones_under_a_total_under_five():
    cells = {("A", c): 1 for c in "wxyz"}
    actual = truth(cells, ("A",), tuple("wxyz"))
    seen = {position: SUPPRESSED for position in actual}
    assert len(pinned_positions(seen, actual, ("A",), tuple("wxyz"))) == len(actual)


def test_the_attacker_accepts_a_properly_hidden_rectangle():
    cells = {("A", "x"): 3, ("A", "y"): 8, ("B", "x"): 9, ("B", "y"): 7}
    rows, cols = ("A", "B"), ("x", "y")
    actual = truth(cells, rows, cols)
    seen = dict(actual) | {("cell", r, c): HIDDEN for r in rows for c in cols} | {("cell", "A", "x"): SUPPRESSED}
    assert pinned_positions(seen, actual, rows, cols) == []


# ---------------------------------------------------------------------------------------------
# Suppression


def test_a_single_count_under_five_is_suppressed():
    assert [suppress_count(n) for n in range(7)] == [0, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, 5, 6]


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        suppress_count(-1)
    with pytest.raises(ValueError):
        suppress_table({("A", "x"): -1})


def test_a_table_without_small_counts_is_published_as_it_is():
    cells = {("Ældrecenter Solhøj", "fleksjob"): 7, ("Ældrecenter Solhøj", "løntilskud"): 0,
             ("Børnehuset Æblehaven", "fleksjob"): 12, ("Børnehuset Æblehaven", "løntilskud"): 5}
    table = suppress_table(cells)
    assert table.value("Ældrecenter Solhøj", "løntilskud") == 0
    assert table.row_total("Børnehuset Æblehaven") == 17
    assert table.col_total("fleksjob") == 19
    assert table.grand_total() == 24
    assert not any(table.is_hidden(r, c) for r in table.rows for c in table.cols)


def test_a_small_cell_is_hidden_with_a_rectangle_of_partners():
    cells = {("A", "x"): 3, ("A", "y"): 10, ("B", "x"): 7, ("B", "y"): 12}
    table = suppress_table(cells)
    assert table.value("A", "x") == SUPPRESSED
    assert [table.value(r, c) for r in "AB" for c in "xy"] == [SUPPRESSED, HIDDEN, HIDDEN, HIDDEN]
    assert (table.row_total("A"), table.col_total("x"), table.grand_total()) == (13, 10, 32)
    assert_safe(table, cells)


def test_the_cheapest_partners_are_hidden():
    cells = {
        ("A", "x"): 2, ("A", "y"): 30, ("A", "z"): 6,
        ("B", "x"): 40, ("B", "y"): 50, ("B", "z"): 60,
        ("C", "x"): 5, ("C", "y"): 70, ("C", "z"): 7,
    }
    table = suppress_table(cells)
    hidden = {(r, c) for r in table.rows for c in table.cols if table.is_hidden(r, c)}
    assert hidden == {("A", "x"), ("A", "z"), ("C", "x"), ("C", "z")}
    assert_safe(table, cells)


def test_zero_is_shown_as_zero():
    table = suppress_table({("A", "x"): 0, ("A", "y"): 9})
    assert table.value("A", "x") == 0


def test_a_hidden_zero_can_protect_a_three_in_the_same_row():
    # The reader may think 3 is 2 and the 0 is 1: a zero can only be thought larger.
    cells = {("A", "x"): 3, ("A", "y"): 0, ("A", "z"): 20, ("B", "x"): 6, ("B", "y"): 7, ("B", "z"): 8}
    table = suppress_table(cells)
    assert table.value("A", "y") == HIDDEN
    assert table.value("A", "z") == 20
    assert_safe(table, cells)


def test_a_zero_cannot_protect_a_one_in_the_same_row():
    # A 1 can only be thought larger, so a partner in its row must be able to be thought smaller.
    cells = {("A", "x"): 1, ("A", "y"): 0, ("A", "z"): 20, ("B", "x"): 6, ("B", "y"): 7, ("B", "z"): 8}
    table = suppress_table(cells)
    assert table.value("A", "y") == 0
    assert table.value("A", "z") == HIDDEN
    assert_safe(table, cells)


def test_four_ones_under_a_total_of_four_are_relabelled_rather_than_revealed():
    cells = {("A", c): 1 for c in "wxyz"} | {("B", c): 9 for c in "wxyz"}
    table = suppress_table(cells)
    markers = [table.value("A", c) for c in "wxyz"] + [table.row_total("A")]
    assert HIDDEN in markers, "a '<5' must become 'x' or the reader knows every cell is 1"
    assert_safe(table, cells)


def test_the_grand_total_of_a_one_row_table_is_not_left_to_give_away_the_row_total():
    cells = {("A", "x"): 2, ("A", "y"): 1}
    table = suppress_table(cells)
    assert table.is_hidden(row="A") and table.is_hidden()
    assert_safe(table, cells)


def test_rows_and_columns_keep_the_order_they_first_appear_in():
    table = suppress_table({("Ølstykke", "seniorjob"): 9, ("Ærø", "fleksjob"): 8, ("Ølstykke", "fleksjob"): 7})
    assert table.rows == ("Ølstykke", "Ærø")
    assert table.cols == ("seniorjob", "fleksjob")
    assert table.value("Ærø", "seniorjob") == 0


def test_an_empty_table_has_a_grand_total_of_zero():
    table = suppress_table({})
    assert (table.rows, table.cols, table.grand_total()) == ((), (), 0)


def test_an_unknown_row_is_an_error():
    with pytest.raises(KeyError):
        suppress_table({("A", "x"): 9}).value("B", "x")


def test_last_years_figures_need_a_last_year():
    table = suppress_table({("A", "x"): 9})
    assert not table.has_previous
    with pytest.raises(ValueError):
        table.previous_value("A", "x")


def test_a_cell_hidden_last_year_is_hidden_this_year_too():
    now = {("A", "x"): 8, ("A", "y"): 10, ("B", "x"): 7, ("B", "y"): 12}
    before = {("A", "x"): 2, ("A", "y"): 10, ("B", "x"): 7, ("B", "y"): 12}
    table = suppress_table(now, previous=before)
    assert table.value("A", "x") == HIDDEN
    assert table.previous_value("A", "x") == SUPPRESSED
    assert table.difference("A", "x") == HIDDEN
    assert table.row_total("A") == 18 and table.previous_row_total("A") == 12
    assert table.row_difference("A") == 6
    assert table.grand_difference() == 6
    assert_safe(table, now, before)


def test_a_zero_hidden_because_of_last_year_is_protected_this_year():
    now = {("A", "x"): 0, ("A", "y"): 10, ("B", "x"): 9, ("B", "y"): 12}
    before = {("A", "x"): 3, ("A", "y"): 10, ("B", "x"): 9, ("B", "y"): 12}
    table = suppress_table(now, previous=before)
    assert table.value("A", "x") == HIDDEN
    assert table.previous_value("A", "x") == SUPPRESSED
    assert_safe(table, now, before)


def test_a_row_that_existed_only_last_year_counts_as_zero_this_year():
    table = suppress_table({("A", "x"): 9}, previous={("A", "x"): 9, ("B", "x"): 6})
    assert table.rows == ("A", "B")
    assert table.value("B", "x") == 0 and table.previous_value("B", "x") == 6
    assert table.difference("B", "x") == -6


def test_suppression_is_deterministic():
    cells = {(r, c): (r * 7 + c * 3) % 13 for r in range(4) for c in range(4)}
    first, second = suppress_table(cells), suppress_table(cells)
    assert all(first.is_hidden(r, c) == second.is_hidden(r, c) for r in range(4) for c in range(4))


# ---------------------------------------------------------------------------------------------
# Properties: no hidden number can be worked out, whatever the table


def tables(max_rows=4, max_cols=4, max_value=12):
    return st.integers(1, max_rows).flatmap(
        lambda rows: st.integers(1, max_cols).flatmap(
            lambda cols: st.lists(
                st.integers(0, max_value), min_size=rows * cols, max_size=rows * cols
            ).map(lambda values: {(r, c): values[r * cols + c] for r in range(rows) for c in range(cols)})
        )
    )


@settings(max_examples=150, deadline=None)
@given(cells=tables())
def test_no_hidden_number_can_be_worked_out(cells):
    assert_safe(suppress_table(cells), cells)


@settings(max_examples=100, deadline=None)
@given(cells=tables(), data=st.data())
def test_no_hidden_number_can_be_worked_out_with_last_year_beside_it(cells, data):
    previous = {key: data.draw(st.integers(0, 12)) for key in cells}
    assert_safe(suppress_table(cells, previous=previous), cells, previous)


@settings(max_examples=100, deadline=None)
@given(cells=tables(max_value=6))
def test_tables_full_of_small_counts_are_still_protected(cells):
    assert_safe(suppress_table(cells), cells)


@settings(max_examples=60, deadline=None)
@given(cells=tables(), data=st.data())
def test_a_year_published_before_keeps_its_pattern_and_stays_protected(cells, data):
    """Next year's "year before" hides at least what this year's table hid, with the same markers."""
    before = {key: data.draw(st.integers(0, 12)) for key in cells}
    earlier = suppress_table(before)
    table = suppress_table(cells, previous=before, previous_pattern=earlier.pattern())
    for r in earlier.rows:
        for c in earlier.cols:
            if earlier.is_hidden(r, c):
                assert table.previous_value(r, c) == earlier.value(r, c)
            elif not table.is_hidden(r, c):
                assert table.previous_value(r, c) == earlier.value(r, c)
        if earlier.is_hidden(row=r):
            assert table.previous_row_total(r) == earlier.row_total(r)
    assert_safe(table, cells, before)


def test_a_pattern_needs_last_years_figures_and_its_own_positions():
    earlier = suppress_table({("A", "x"): 2, ("A", "y"): 9, ("B", "x"): 7, ("B", "y"): 8})
    with pytest.raises(ValueError):
        suppress_table({("A", "x"): 9}, previous_pattern=earlier.pattern())
    with pytest.raises(ValueError):
        suppress_table({("C", "z"): 9}, previous={("C", "z"): 9}, previous_pattern=earlier.pattern())


def test_cells_the_reader_knows_protect_nothing():
    """A leder who knows centre A's column exactly: A's hidden cells cannot hide centre B's 2, totals must."""
    cells = {("fleksjob", "A"): 7, ("fleksjob", "B"): 2, ("loentilskud", "A"): 10, ("loentilskud", "B"): 6}
    alone = suppress_table(cells, cells)
    assert alone.row_total("fleksjob") == 9 and alone.value("fleksjob", "A") == HIDDEN  # 9 - 7 = 2 for the leder
    known = suppress_table(cells, cells, known=[("fleksjob", "A"), ("loentilskud", "A")])
    assert [known.value(r, c) for r in known.rows for c in known.cols] == [7, SUPPRESSED, 10, HIDDEN]
    assert [known.row_total(r) for r in known.rows] == [HIDDEN, HIDDEN]  # B's cells may move with the row totals
    assert [known.col_total(c) for c in known.cols] == [17, 8]
