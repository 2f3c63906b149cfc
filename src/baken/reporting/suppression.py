"""Small-cell suppression: the one place where figures are made safe to leave the case roles.

Every dashboard, export and report that shows counts to someone who may not see the underlying rows
passes its table through `suppress`. The rules (architecture.md, domain brief §4.3 and §7.2):

- a count from 1 up to the threshold minus one is shown as "< threshold" (a *small* cell); zero is
  shown, because it identifies nobody;
- further cells are hidden (*protecting* cells) until no small cell can be worked out exactly from
  what is shown: not by subtracting from a row, column or grand total, not through a chain of such
  sums, and not from the fact that a small cell lies between 1 and the threshold minus one and a
  protecting cell is at least the threshold;
- the threshold is a setting (`BAKEN_SUPPRESSION_THRESHOLD`) that can be raised but never below 11.

Whether a small cell can still be worked out is decided exactly: the published table is a
circulation (row totals into rows, cells from rows to columns, column totals out of columns, the
grand total back), and the cell is safe when another whole-number circulation, consistent with
everything shown, gives it a different value (see `_Circulation`). Protecting cells are chosen
among the non-zero shown cells in the same row or column as the cell at risk, smallest first, inner
cells before totals. If no such cell is left, the table is withheld as a whole.
"""

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings

THRESHOLD_FLOOR = 11


def threshold() -> int:
    """The configured threshold, never below the floor of 11."""
    return max(THRESHOLD_FLOOR, int(getattr(settings, "BAKEN_SUPPRESSION_THRESHOLD", THRESHOLD_FLOOR)))


class Status(StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # 1 .. threshold-1, shown as "< threshold"
    PROTECTING = "protecting"  # hidden so that a small cell cannot be worked out


@dataclass(frozen=True)
class Figure:
    value: int
    status: Status

    @property
    def hidden(self) -> bool:
        return self.status is not Status.SHOWN

    @property
    def shown_value(self) -> int | None:
        return None if self.hidden else self.value


@dataclass(frozen=True)
class SuppressedTable:
    cells: tuple[tuple[Figure, ...], ...]
    row_totals: tuple[Figure, ...] | None
    column_totals: tuple[Figure, ...] | None
    total: Figure | None
    threshold: int
    withheld: bool = False

    @property
    def hidden_count(self) -> int:
        figures = [f for row in self.cells for f in row]
        figures += list(self.row_totals or ()) + list(self.column_totals or ()) + ([self.total] if self.total else [])
        return sum(f.hidden for f in figures)


Key = tuple


def suppress(
    cells: Sequence[Sequence[int]],
    *,
    limit: int | None = None,
    row_totals: bool = True,
    column_totals: bool = True,
    grand_total: bool = True,
    hide_column_totals: Collection[int] = (),
) -> SuppressedTable:
    """Suppress a table of counts with (optionally) its row totals, column totals and grand total.

    `hide_column_totals` hides those column totals from the start: when several tables split the
    same total (signals per month, per channel), a total hidden in one must be hidden in all."""
    limit = threshold() if limit is None else limit
    if limit < THRESHOLD_FLOOR:
        raise ValueError(f"The suppression threshold cannot be below {THRESHOLD_FLOOR}.")
    grid = [list(row) for row in cells]
    if any(len(row) != len(grid[0]) for row in grid) if grid else False:
        raise ValueError("Every row needs the same number of columns.")
    if any(value < 0 for row in grid for value in row):
        raise ValueError("Counts cannot be negative.")
    n_rows, n_cols = len(grid), len(grid[0]) if grid else 0

    values: dict[Key, int] = {}
    published: set[Key] = set()
    for i in range(n_rows):
        for j in range(n_cols):
            values[("cell", i, j)] = grid[i][j]
            published.add(("cell", i, j))
    for i in range(n_rows):
        values[("row", i)] = sum(grid[i])
        if row_totals:
            published.add(("row", i))
    for j in range(n_cols):
        values[("col", j)] = sum(grid[i][j] for i in range(n_rows))
        if column_totals:
            published.add(("col", j))
    values[("total",)] = sum(sum(row) for row in grid)
    if grand_total:
        published.add(("total",))

    status = {key: Status.SHOWN for key in published}
    for key in published:
        if 0 < values[key] < limit:
            status[key] = Status.SMALL
    for j in hide_column_totals:
        if status.get(("col", j)) is Status.SHOWN and values[("col", j)] > 0:
            status[("col", j)] = Status.PROTECTING

    circulation = _Circulation(values, status, limit)
    withheld = False
    for key in sorted((k for k in published if status[k] is Status.SMALL), key=_order):
        while circulation.pinned(key):
            protector = circulation.protector_for(key)
            if protector is None:
                withheld = True
                break
            circulation.protect(protector)
        if withheld:
            break
    if withheld:
        # Nothing left to hide that would help: the table is not shown at all.
        for key in published:
            if values[key] >= limit:
                status[key] = Status.PROTECTING

    def figure(key: Key) -> Figure:
        return Figure(values[key], status[key])

    return SuppressedTable(
        cells=tuple(tuple(figure(("cell", i, j)) for j in range(n_cols)) for i in range(n_rows)),
        row_totals=tuple(figure(("row", i)) for i in range(n_rows)) if row_totals else None,
        column_totals=tuple(figure(("col", j)) for j in range(n_cols)) if column_totals else None,
        total=figure(("total",)) if grand_total else None,
        threshold=limit,
        withheld=withheld,
    )


def suppress_counts(values: Sequence[int], *, limit: int | None = None) -> SuppressedTable:
    """A list of counts (one per category) with its total: a table of one column."""
    return suppress([[value] for value in values], limit=limit, row_totals=False, column_totals=True)


def suppress_crosstab(
    counts: Mapping[tuple[Hashable, Hashable], int],
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
    *,
    limit: int | None = None,
) -> SuppressedTable:
    """A cross table from counts keyed by (row, column); rare combinations of more than two
    characteristics are suppressed by passing tuples of characteristics as row keys."""
    grid = [[counts.get((row, column), 0) for column in columns] for row in rows]
    return suppress(grid, limit=limit)


def unsuppressed(
    cells: Sequence[Sequence[int]], *, row_totals: bool = True, column_totals: bool = True
) -> SuppressedTable:
    """The same shape with everything shown, for the roles that may see the rows behind the figures."""
    grid = [list(row) for row in cells]
    n_cols = len(grid[0]) if grid else 0

    def shown(value: int) -> Figure:
        return Figure(value, Status.SHOWN)

    return SuppressedTable(
        cells=tuple(tuple(shown(v) for v in row) for row in grid),
        row_totals=tuple(shown(sum(row)) for row in grid) if row_totals else None,
        column_totals=tuple(shown(sum(row[j] for row in grid)) for j in range(n_cols)) if column_totals else None,
        total=shown(sum(sum(row) for row in grid)),
        threshold=threshold(),
    )


def carry(table: SuppressedTable, cells: Sequence[Sequence[int]]) -> SuppressedTable:
    """Other figures about the same cells as a table of counts (days, amounts of money): hidden
    wherever the count is hidden, since a sum over fewer rows than the threshold describes those
    few as well as their number does, and shown as "×", since they are not small counts.
    Only inner cells and column totals are carried; the table has no row or grand totals."""
    grid = [list(row) for row in cells]
    if len(grid) != len(table.cells) or any(len(a) != len(b) for a, b in zip(grid, table.cells, strict=True)):
        raise ValueError("The figures must have the shape of the table of counts.")

    def over(value: int, count: Figure) -> Figure:
        return Figure(value, Status.PROTECTING if count.hidden else Status.SHOWN)

    n_cols = len(grid[0]) if grid else 0
    return SuppressedTable(
        cells=tuple(
            tuple(over(value, count) for value, count in zip(row, counts, strict=True))
            for row, counts in zip(grid, table.cells, strict=True)
        ),
        row_totals=None,
        column_totals=None
        if table.column_totals is None
        else tuple(over(sum(row[j] for row in grid), table.column_totals[j]) for j in range(n_cols)),
        total=None,
        threshold=table.threshold,
        withheld=table.withheld,
    )


def _order(key: Key) -> tuple:
    # Inner cells first (row by row), then row totals, column totals, the grand total.
    rank = {"cell": 0, "row": 1, "col": 2, "total": 3}[key[0]]
    return (rank, *key[1:])


def _arc(key: Key) -> tuple[str, str]:
    """The figure as an arc of the circulation: source -> row -> column -> sink -> source."""
    kind = key[0]
    if kind == "cell":
        return f"r{key[1]}", f"c{key[2]}"
    if kind == "row":
        return "source", f"r{key[1]}"
    if kind == "col":
        return f"c{key[1]}", "sink"
    return "sink", "source"


def _lines(key: Key) -> tuple[tuple[str, int | None], ...]:
    """The rows and columns of the table (with its totals) that a figure sits in."""
    kind = key[0]
    if kind == "cell":
        return (("row", key[1]), ("col", key[2]))
    if kind == "row":
        return (("row", key[1]), ("col", None))
    if kind == "col":
        return (("col", key[1]), ("row", None))
    return (("row", None), ("col", None))


class _Circulation:
    """The published table as a circulation, with the residual graph of its real values.

    A figure can be one higher in another whole-number table consistent with everything shown
    exactly when the residual graph (room to go up along an arc, room to go down against it) has a
    path from the figure's head back to its tail that does not use the figure itself; one lower,
    from its tail to its head. The constraint matrix is a network matrix, so this is exact, and a
    figure that can move by one is not known.
    """

    def __init__(self, values: dict[Key, int], status: dict[Key, Status], limit: int) -> None:
        self.values, self.status, self.limit = values, status, limit
        self.residual: dict[str, list[tuple[str, Key]]] = {}
        self.by_line: dict[tuple[str, int | None], list[Key]] = {}
        for key in values:
            self._add_arcs(key)
            for line in _lines(key):
                self.by_line.setdefault(line, []).append(key)

    def bounds(self, key: Key) -> tuple[int, int | None]:
        """What a reader knows of a figure: its value if shown, a range if hidden, nothing if unpublished."""
        state = self.status.get(key)
        if state is None:
            return 0, None
        if state is Status.SHOWN:
            return self.values[key], self.values[key]
        if state is Status.SMALL:
            return 1, self.limit - 1
        return self.limit, None

    def _add_arcs(self, key: Key) -> None:
        lower, upper = self.bounds(key)
        tail, head = _arc(key)
        value = self.values[key]
        if upper is None or value < upper:
            self.residual.setdefault(tail, []).append((head, key))
        if value > lower:
            self.residual.setdefault(head, []).append((tail, key))

    def protect(self, key: Key) -> None:
        self.status[key] = Status.PROTECTING
        # Hiding only widens what the figure may be: its arcs are added, none taken away.
        self.residual = {node: [arc for arc in arcs if arc[1] != key] for node, arcs in self.residual.items()}
        self._add_arcs(key)

    def pinned(self, key: Key) -> bool:
        tail, head = _arc(key)
        value = self.values[key]
        if value + 1 <= self.limit - 1 and self._reaches(head, tail, without=key):
            return False
        return not (value - 1 >= 1 and self._reaches(tail, head, without=key))

    def _reaches(self, start: str, goal: str, *, without: Key) -> bool:
        seen, stack = {start}, [start]
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            for nxt, key in self.residual.get(node, ()):
                if key != without and nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def protector_for(self, key: Key) -> Key | None:
        """A shown, non-zero figure to hide beside `key`: in its row or column if possible, the
        smallest first, inner cells before totals."""

        def candidates(keys):
            return [k for k in keys if self.status.get(k) is Status.SHOWN and self.values[k] > 0]

        near = candidates(k for line in _lines(key) for k in self.by_line.get(line, ()))
        pool = near or candidates(self.values)
        if not pool:
            return None
        return min(pool, key=lambda k: (self.values[k], k[0] != "cell", _order(k)))
