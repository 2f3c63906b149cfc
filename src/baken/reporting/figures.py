"""The figures of the reporting pages as tables: a period beside the same period a year earlier,
suppressed for everyone who may not see the rows behind them (suppression.py)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from baken.core.dates import MONTHS, short_date
from baken.reporting.suppression import SuppressedTable, suppress, unsuppressed
from baken.signalling.figures import SignalCounts, exploitation_forms
from baken.signalling.models import Channel


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def year_earlier(self) -> "Period":
        return Period(_minus_year(self.start), _minus_year(self.end))

    @property
    def label(self) -> str:
        return f"{short_date(self.start)} – {short_date(self.end)}"

    @classmethod
    def last_twelve_months(cls, today: dt.date) -> "Period":
        first = today.replace(day=1)
        for _month in range(11):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return cls(first, today)


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class FigureTable:
    key: str
    title: str
    categories: tuple[str, ...]
    columns: tuple[str, ...]
    table: SuppressedTable
    note: str = ""

    @property
    def rows(self):
        return list(zip(self.categories, self.table.cells, strict=True))


def _months(period: Period) -> list[dt.date]:
    months, month = [], period.start.replace(day=1)
    while month <= period.end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def signal_tables(current: SignalCounts, previous: SignalCounts, period: Period, *, full: bool) -> list[FigureTable]:
    """Signals per month, per channel, by urgency (each splits the period's total) and per form of
    exploitation (a signal can have several forms, so those do not add up)."""
    columns = (period.label, period.year_earlier().label)
    months = _months(period)
    month_grid = [[current.by_month.get(m, 0), previous.by_month.get(_minus_year(m), 0)] for m in months]
    channel_grid = [
        [current.by_channel.get(code, 0), previous.by_channel.get(code, 0)] for code, _label in Channel.choices
    ]
    urgency_grid = [
        [current.urgent, previous.urgent],
        [current.total - current.urgent, previous.total - previous.urgent],
    ]
    forms = exploitation_forms()
    form_grid = [[current.by_form.get(code, 0), previous.by_form.get(code, 0)] for code, _label in forms]
    form_grid.append([current.form_unknown, previous.form_unknown])

    partitions = {"maand": month_grid, "kanaal": channel_grid, "spoed": urgency_grid}
    if full:
        tables = {key: unsuppressed(grid, row_totals=False) for key, grid in partitions.items()}
        tables["vorm"] = unsuppressed(form_grid, row_totals=False, column_totals=False)
    else:
        # The three partitions share their column totals: one hidden anywhere is hidden everywhere.
        hidden: set[int] = set()
        while True:
            tables = {
                key: suppress(grid, row_totals=False, grand_total=False, hide_column_totals=hidden)
                for key, grid in partitions.items()
            }
            now_hidden = {j for t in tables.values() for j, fig in enumerate(t.column_totals) if fig.hidden}
            if now_hidden <= hidden:
                break
            hidden |= now_hidden
        tables["vorm"] = suppress(form_grid, row_totals=False, column_totals=False, grand_total=False)

    return [
        FigureTable(
            "maand", _("Meldingen per maand"), tuple(_month_label(m) for m in months), columns, tables["maand"]
        ),
        FigureTable(
            "kanaal",
            _("Hoe de melding is opgemerkt"),
            tuple(str(label) for _c, label in Channel.choices),
            columns,
            tables["kanaal"],
        ),
        FigureTable("spoed", _("Spoed"), (_("Spoed"), _("Geen spoed")), columns, tables["spoed"]),
        FigureTable(
            "vorm",
            _("Vorm van uitbuiting"),
            (*(label for _c, label in forms), _("Vorm onbekend")),
            columns,
            tables["vorm"],
            note=_("Een melding kan bij meer dan één vorm horen; deze aantallen tellen daarom niet op."),
        ),
    ]


def _month_label(month: dt.date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"  # "nov. 2026"
