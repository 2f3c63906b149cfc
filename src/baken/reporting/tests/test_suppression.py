"""Suppression: fixed cases, and property tests in which attackers try to work hidden counts out.

The attackers are written independently of the module: they only read what a table shows and what
a reader knows of hidden figures (a small one lies between 1 and the threshold minus one; a
protecting one is at least the threshold).
"""

from fractions import Fraction
from itertools import product

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baken.reporting.suppression import (
    THRESHOLD_FLOOR,
    Status,
    SuppressedTable,
    carry,
    suppress,
    suppress_counts,
    suppress_crosstab,
    threshold,
    unsuppressed,
)

K = THRESHOLD_FLOOR


# --- what a reader sees -------------------------------------------------------------------------


def extended_view(table: SuppressedTable) -> dict[tuple[int, int], tuple[str, int]]:
    """(row, col) -> (status, value) on the grid with totals in the last row and column; a missing
    key is a total that is not published."""
    n_rows, n_cols = len(table.cells), len(table.cells[0])
    view = {}
    for i, row in enumerate(table.cells):
        for j, fig in enumerate(row):
            view[(i, j)] = (fig.status, fig.value)
    if table.row_totals is not None:
        for i, fig in enumerate(table.row_totals):
            view[(i, n_cols)] = (fig.status, fig.value)
    if table.column_totals is not None:
        for j, fig in enumerate(table.column_totals):
            view[(n_rows, j)] = (fig.status, fig.value)
    view[(n_rows, n_cols)] = (table.total.status, table.total.value)
    return view


def lines(n_rows: int, n_cols: int) -> list[tuple[list[tuple[int, int]], tuple[int, int]]]:
    """Each row and column of the extended grid: its member positions and the position of its total."""
    out = []
    for i in range(n_rows + 1):
        out.append(([(i, j) for j in range(n_cols)], (i, n_cols)))
    for j in range(n_cols + 1):
        out.append(([(i, j) for i in range(n_rows)], (n_rows, j)))
    return out


def subtraction_attack(table: SuppressedTable) -> set[tuple[int, int]]:
    """Repeatedly: a line whose total is known and that has one unknown member gives it away; a line
    with one unknown total and known members gives the total away; hidden members whose sum leaves
    no room (all at their lowest or all at their highest) give themselves away."""
    n_rows, n_cols = len(table.cells), len(table.cells[0])
    view = extended_view(table)
    known = {pos: value for pos, (state, value) in view.items() if state is Status.SHOWN}
    recovered: set[tuple[int, int]] = set()

    def low_high(pos):
        state = view[pos][0] if pos in view else None
        if state is Status.SMALL:
            return 1, K - 1
        if state is Status.PROTECTING:
            return K, None
        return 0, None

    changed = True
    while changed:
        changed = False
        for members, total in lines(n_rows, n_cols):
            unknown = [p for p in members if p not in known]
            if total in known:
                rest = known[total] - sum(known[p] for p in members if p in known)
                if len(unknown) == 1:
                    known[unknown[0]] = rest
                    recovered.add(unknown[0])
                    changed = True
                elif unknown:
                    lows = [low_high(p)[0] for p in unknown]
                    highs = [low_high(p)[1] for p in unknown]
                    if rest == sum(lows):
                        for p, low in zip(unknown, lows, strict=True):
                            known[p] = low
                            recovered.add(p)
                        changed = True
                    elif None not in highs and rest == sum(highs):
                        for p, high in zip(unknown, highs, strict=True):
                            known[p] = high
                            recovered.add(p)
                        changed = True
            elif not unknown and total in view:
                known[total] = sum(known[p] for p in members)
                recovered.add(total)
                changed = True
    return {p for p in recovered if view.get(p, (None,))[0] is Status.SMALL}


def algebra_attack(table: SuppressedTable) -> set[tuple[int, int]]:
    """Gaussian elimination over the line equations: the hidden small figures that the shown
    figures determine exactly, by any combination of sums and differences."""
    n_rows, n_cols = len(table.cells), len(table.cells[0])
    view = extended_view(table)
    unknowns = [
        p
        for p in [(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1)]
        if not (p in view and view[p][0] is Status.SHOWN)
    ]
    index = {p: n for n, p in enumerate(unknowns)}
    rows = []
    for members, total in lines(n_rows, n_cols):
        coeffs = [Fraction(0)] * len(unknowns)
        for p in members:
            if p in index:
                coeffs[index[p]] += 1
        if total in index:
            coeffs[index[total]] -= 1
        rows.append(coeffs)
    # Row-reduce; a unit vector e_x in the row space means x is determined.
    reduced, pivots = [], []
    for r in rows:
        r = r[:]
        for pr, pc in zip(reduced, pivots, strict=True):
            if r[pc]:
                f = r[pc]
                r = [a - f * b for a, b in zip(r, pr, strict=True)]
        lead = next((c for c, a in enumerate(r) if a), None)
        if lead is None:
            continue
        r = [a / r[lead] for a in r]
        for n, pr in enumerate(reduced):
            if pr[lead]:
                f = pr[lead]
                reduced[n] = [a - f * b for a, b in zip(pr, r, strict=True)]
        reduced.append(r)
        pivots.append(lead)
    determined = set()
    for r in reduced:
        nonzero = [c for c, a in enumerate(r) if a]
        if len(nonzero) == 1:
            determined.add(unknowns[nonzero[0]])
    return {p for p in determined if p in view and view[p][0] is Status.SMALL}


def brute_force_attack(table: SuppressedTable, ceiling: int) -> set[tuple[int, int]]:
    """Every table consistent with what is shown (hidden counts up to `ceiling`): the small figures
    that take a single value in all of them."""
    n_rows, n_cols = len(table.cells), len(table.cells[0])
    view = extended_view(table)

    def domain(pos):
        state, value = view[pos]
        if state is Status.SHOWN:
            return range(value, value + 1)
        if state is Status.SMALL:
            return range(1, K)
        return range(K, ceiling + 1)

    def fits(pos, value):
        if pos not in view:
            return True
        state, real = view[pos]
        if state is Status.SHOWN:
            return value == real
        if state is Status.SMALL:
            return 1 <= value <= K - 1
        return value >= K

    small = [p for p, (state, _) in view.items() if state is Status.SMALL]
    seen: dict[tuple[int, int], set[int]] = {p: set() for p in small}
    for row_values in product(*[product(*[domain((i, j)) for j in range(n_cols)]) for i in range(n_rows)]):
        if not all(fits((i, n_cols), sum(row_values[i])) for i in range(n_rows)):
            continue
        col_sums = [sum(row_values[i][j] for i in range(n_rows)) for j in range(n_cols)]
        if not all(fits((n_rows, j), col_sums[j]) for j in range(n_cols)):
            continue
        if not fits((n_rows, n_cols), sum(col_sums)):
            continue
        for p in small:
            i, j = p
            if i < n_rows and j < n_cols:
                seen[p].add(row_values[i][j])
            elif i < n_rows:
                seen[p].add(sum(row_values[i]))
            elif j < n_cols:
                seen[p].add(col_sums[j])
            else:
                seen[p].add(sum(col_sums))
        if all(len(values) > 1 for values in seen.values()):
            return set()
    return {p for p, values in seen.items() if len(values) <= 1}


# --- strategies ---------------------------------------------------------------------------------

# Counts near the threshold matter most: many zeros, many small ones, some large ones.
count = st.one_of(st.just(0), st.integers(1, K - 1), st.integers(K, 40))


@st.composite
def tables(draw, max_rows=6, max_cols=6):
    n_rows = draw(st.integers(1, max_rows))
    n_cols = draw(st.integers(1, max_cols))
    return [[draw(count) for _ in range(n_cols)] for _ in range(n_rows)]


def assert_consistent(cells, table: SuppressedTable) -> None:
    """Nothing shown is wrong, every count 1..K-1 is hidden as small, nothing else is small."""
    view = extended_view(table)
    n_rows, n_cols = len(cells), len(cells[0])
    for (i, j), (state, value) in view.items():
        real = (
            cells[i][j]
            if i < n_rows and j < n_cols
            else sum(cells[i])
            if i < n_rows
            else sum(r[j] for r in cells)
            if j < n_cols
            else sum(map(sum, cells))
        )
        assert value == real
        assert (state is Status.SMALL) == (0 < real < K)
        if state is Status.PROTECTING:
            assert real >= K


# --- properties ---------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_no_small_count_can_be_recovered_by_subtraction_or_algebra(cells):
    table = suppress(cells)
    assert_consistent(cells, table)
    if table.withheld:
        return
    assert subtraction_attack(table) == set()
    assert algebra_attack(table) == set()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(max_rows=2, max_cols=2))
def test_no_small_count_can_be_recovered_by_trying_every_table(cells):
    table = suppress(cells)
    if table.withheld:
        return
    shown_total = table.total.shown_value
    ceiling = shown_total if shown_total else 3 * K
    assert brute_force_attack(table, ceiling) == set()


@settings(max_examples=150, deadline=None)
@given(st.lists(count, min_size=1, max_size=12))
def test_a_list_with_its_total_hides_at_least_two_figures_or_none(values):
    table = suppress_counts(values)
    figures = [row[0] for row in table.cells] + [table.total]
    hidden = [f for f in figures if f.hidden]
    assert len(hidden) != 1
    assert subtraction_attack(table) == set()


# --- fixed cases --------------------------------------------------------------------------------


def test_one_small_count_in_a_list_takes_the_next_smallest_with_it():
    table = suppress_counts([4, 30, 15, 0])
    states = [row[0].status for row in table.cells]
    assert states == [Status.SMALL, Status.SHOWN, Status.PROTECTING, Status.SHOWN]
    assert table.total.status is Status.SHOWN and table.total.value == 49


def test_two_small_counts_that_would_give_each_other_away_are_protected():
    # 1 + 1 = 2 with both at least 1 pins both; a third figure must go.
    table = suppress_counts([1, 1, 20, 25])
    states = [row[0].status for row in table.cells]
    assert states[:2] == [Status.SMALL, Status.SMALL]
    assert Status.PROTECTING in states


def test_zero_is_shown_and_large_counts_are_untouched():
    table = suppress([[0, 12], [25, 40]])
    assert table.hidden_count == 0


def test_a_small_total_is_hidden_too():
    table = suppress([[3, 0], [0, 0]])
    assert table.total.status is Status.SMALL
    assert table.cells[0][0].status is Status.SMALL


def test_a_cross_table_hides_rare_combinations():
    counts = {
        (("NL", "minderjarig"), "Noord"): 2,
        (("NL", "volwassen"), "Noord"): 30,
        (("NL", "volwassen"), "Zuid"): 25,
    }
    rows = [("NL", "minderjarig"), ("NL", "volwassen")]
    table = suppress_crosstab(counts, rows, ["Noord", "Zuid"])
    assert table.cells[0][0].status is Status.SMALL
    assert subtraction_attack(table) == set() and algebra_attack(table) == set()


def test_the_threshold_has_a_floor_of_eleven():
    with override_settings(BAKEN_SUPPRESSION_THRESHOLD=5):
        assert threshold() == K
    with override_settings(BAKEN_SUPPRESSION_THRESHOLD=20):
        assert threshold() == 20
        assert suppress_counts([15, 40]).cells[0][0].status is Status.SMALL
    with pytest.raises(ValueError):
        suppress([[1]], limit=5)


def test_bad_tables_are_refused():
    with pytest.raises(ValueError):
        suppress([[1, 2], [3]])
    with pytest.raises(ValueError):
        suppress([[-1]])


def test_roles_that_see_the_rows_get_every_figure():
    table = unsuppressed([[1, 2], [3, 4]])
    assert table.hidden_count == 0
    assert table.total.value == 10
    assert [f.value for f in table.row_totals] == [3, 7]


# --- figures carried over a table of counts (amounts, days) --------------------------------------


def test_carried_figures_are_hidden_exactly_where_their_counts_are_and_never_as_small():
    counts = suppress([[2, 0], [12, 30]], row_totals=False, grand_total=False)
    amounts = carry(counts, [[250, 0], [3000, 9000]])
    for count_row, amount_row in zip(counts.cells, amounts.cells, strict=True):
        for count_figure, amount in zip(count_row, amount_row, strict=True):
            assert amount.hidden == count_figure.hidden
            assert amount.status is (Status.PROTECTING if count_figure.hidden else Status.SHOWN)
    assert [f.value for f in amounts.column_totals] == [3250, 9000]
    assert [f.hidden for f in amounts.column_totals] == [f.hidden for f in counts.column_totals]
    assert amounts.cells[0][0].hidden and amounts.cells[1][0].hidden  # the 2 and the 12 that protects it
    assert not amounts.cells[1][1].hidden


def test_carried_figures_need_the_shape_of_the_counts():
    counts = suppress([[2, 0], [12, 30]], row_totals=False, grand_total=False)
    with pytest.raises(ValueError, match="shape"):
        carry(counts, [[1, 2]])
