"""The figures of the reporting pages as tables: a period beside the same period a year earlier,
suppressed for everyone who may not see the rows behind them (suppression.py)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from baken.coordination.figures import HandoverCounts
from baken.core.dates import MONTHS, short_date
from baken.reporting.suppression import SuppressedTable, suppress, threshold, unsuppressed
from baken.reporting.wijk_map import fold
from baken.signalling.figures import SignalCounts, SignalLeadTimes, exploitation_forms
from baken.signalling.models import Channel, SignalOutcome


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


def both_periods(period: "Period", count, *args, **kwargs) -> tuple:
    """A selector's counts for `period` and for the same period a year earlier."""
    previous = period.year_earlier()
    return (
        count(*args, start=period.start, end=period.end, **kwargs),
        count(*args, start=previous.start, end=previous.end, **kwargs),
    )


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


def table_of(grid, *, full: bool, column_totals: bool = True) -> SuppressedTable:
    """One table of categories (rows) by periods (columns), with or without its column totals:
    in full for the roles that may see the rows, suppressed for everyone else."""
    if full:
        return unsuppressed(grid, row_totals=False, column_totals=column_totals)
    return suppress(grid, row_totals=False, column_totals=column_totals, grand_total=False)


def partition_tables(partitions: dict[str, list[list[int]]], *, full: bool) -> dict[str, SuppressedTable]:
    """Tables that each split the same totals (one column per period): in full, or suppressed so
    that a column total hidden in one table is hidden in all, or it would give the others away."""
    if full:
        return {key: unsuppressed(grid, row_totals=False) for key, grid in partitions.items()}
    hidden: set[int] = set()
    while True:
        tables = {
            key: suppress(grid, row_totals=False, grand_total=False, hide_column_totals=hidden)
            for key, grid in partitions.items()
        }
        now_hidden = {j for t in tables.values() for j, fig in enumerate(t.column_totals) if fig.hidden}
        if now_hidden <= hidden:
            return tables
        hidden |= now_hidden


def signal_tables(current: SignalCounts, previous: SignalCounts, period: Period, *, full: bool) -> list[FigureTable]:
    """Signals per month, per channel, by urgency, per wijk (each splits the period's total) and per
    form of exploitation (a signal can have several forms, so those do not add up)."""
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

    outcomes = [(code, label) for code, label in SignalOutcome.choices if code != SignalOutcome.MERGED]
    outcome_grid = [[current.by_outcome.get(code, 0), previous.by_outcome.get(code, 0)] for code, _label in outcomes]

    wijken, wijk_grid = _neighbourhood_grid(current, previous, full=full)

    tables = partition_tables(
        {"maand": month_grid, "kanaal": channel_grid, "spoed": urgency_grid, "wijk": wijk_grid}, full=full
    )
    tables["vorm"] = table_of(form_grid, full=full, column_totals=False)
    tables["uitkomst"] = table_of(outcome_grid, full=full)

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
            "wijk",
            _("Per wijk"),
            wijken,
            columns,
            tables["wijk"],
            note=_(
                "De wijk zoals de melder die opgaf. Buiten de rollen die de meldingen zelf zien, staat een wijk "
                "hier alleen met zijn naam als minstens %(threshold)s meldingen in beide perioden samen hem noemen; "
                "de andere zijn samengenomen."
            )
            % {"threshold": threshold()},
        ),
        FigureTable(
            "vorm",
            _("Vorm van uitbuiting"),
            (*(label for _c, label in forms), _("Vorm onbekend")),
            columns,
            tables["vorm"],
            note=_("Een melding kan bij meer dan één vorm horen; deze aantallen tellen daarom niet op."),
        ),
        FigureTable(
            "uitkomst",
            _("Uitkomst van de afgesloten meldingen"),
            tuple(str(label) for _c, label in outcomes),
            columns,
            tables["uitkomst"],
            note=_("Van de meldingen uit de periode die nu zijn afgesloten."),
        ),
    ]


#: The last row of the wijk table: the signals without a wijk and those whose wijk is not named.
OTHER_WIJKEN = gettext_lazy("Overige wijken of geen wijk opgegeven")


def _neighbourhood_grid(current: SignalCounts, previous: SignalCounts, *, full: bool):
    """The wijken as rows (one column per period). The wijk is free text, so spellings that differ
    only in case or spaces are one wijk, shown in its most frequent spelling. A name is itself
    something a reporter wrote: outside the roles that see the signals, only a name that at least
    `threshold()` signals of the two periods share is shown (a real wijk, not a detail of one
    case); the others are counted together with the signals without a wijk."""
    totals: dict[str, list[int]] = {}
    spellings: dict[str, dict[str, int]] = {}
    for column, counts in enumerate((current, previous)):
        for written, n in counts.by_neighbourhood.items():
            key = fold(written)
            totals.setdefault(key, [0, 0])[column] += n
            seen = spellings.setdefault(key, {})
            seen[written.strip()] = seen.get(written.strip(), 0) + n
    other = [0, 0]
    named = []
    for key, counts in totals.items():
        if key and (full or sum(counts) >= threshold()):
            named.append((max(spellings[key], key=lambda spelling: (spellings[key][spelling], spelling)), counts))
        else:
            other = [a + b for a, b in zip(other, counts, strict=True)]
    named.sort(key=lambda row: row[0].casefold())
    labels = (*(label for label, _counts in named), str(OTHER_WIJKEN))
    return labels, [*(counts for _label, counts in named), other]


@dataclass(frozen=True)
class LeadTimes:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def lead_times(
    current: SignalLeadTimes, previous: SignalLeadTimes, period: Period, *, full: bool, limit: int
) -> LeadTimes:
    """How fast signals were picked up and closed. Shares and percentiles say nothing about one
    person, but over a handful of signals they might: below the threshold they are not shown
    to roles that may not see the rows."""

    def enough(values) -> bool:
        return bool(values) and (full or len(values) >= limit)

    too_few = _("te weinig meldingen")

    def column(counts: SignalLeadTimes) -> tuple[str, ...]:
        hours = sorted(h for h, _on_time in counts.pick_ups)
        days = sorted(counts.closures)
        on_time = sum(1 for _h, ok in counts.pick_ups if ok)
        return (
            f"{round(100 * on_time / len(hours))} %" if enough(hours) else too_few,
            _duration_hours(percentile(hours, 50)) if enough(hours) else too_few,
            _duration_hours(percentile(hours, 90)) if enough(hours) else too_few,
            duration_days(percentile(days, 50)) if enough(days) else too_few,
        )

    labels = (
        _("Opgepakt binnen de termijn"),
        _("Tijd tot oppakken (mediaan)"),
        _("Negen op de tien opgepakt binnen"),
        _("Tijd tot afsluiten (mediaan)"),
    )
    now, before = column(current), column(previous)
    return LeadTimes(
        (period.label, period.year_earlier().label),
        tuple((label, (a, b)) for label, a, b in zip(labels, now, before, strict=True)),
    )


def percentile(sorted_values: list[float], percent: int) -> float:
    """Nearest-rank percentile of a sorted, non-empty list."""
    rank = max(1, -(-len(sorted_values) * percent // 100))
    return sorted_values[rank - 1]


def _duration_hours(hours: float) -> str:
    if hours < 48:
        return ngettext("%(n)d uur", "%(n)d uur", round(hours)) % {"n": round(hours)}
    return duration_days(hours / 24)


def duration_days(days: float) -> str:
    return ngettext("%(n)d dag", "%(n)d dagen", round(days)) % {"n": round(days)}


def week_table(current: dict[dt.date, int], previous: dict[dt.date, int], period: Period) -> FigureTable:
    """Signals per week (Monday to Sunday) beside the same week 52 weeks earlier, in full: only
    for the roles that may see the signals (see `signals_per_week`)."""
    monday = period.start - dt.timedelta(days=period.start.weekday())
    weeks = []
    while monday <= period.end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    year_back = dt.timedelta(weeks=52)
    grid = [[current.get(week, 0), previous.get(week - year_back, 0)] for week in weeks]
    labels = tuple(
        _("week %(number)s (%(monday)s)") % {"number": week.isocalendar().week, "monday": short_date(week)}
        for week in weeks
    )
    return FigureTable(
        "week",
        _("Meldingen per week"),
        labels,
        (period.label, _("52 weken eerder")),
        unsuppressed(grid, row_totals=False),
        note=_(
            "Een week loopt van maandag tot en met zondag; de eerste en laatste week kunnen buiten de periode vallen."
        ),
    )


def _month_label(month: dt.date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"  # "nov. 2026"


def region_tables(organisations, current: dict, previous: dict, period: Period, **others) -> list[FigureTable]:
    """Per municipality of the region: signals and urgent signals, and in `others` (key: (current,
    previous) counts per organisation) trajectories and inspections; always suppressed."""
    columns = (period.label, period.year_earlier().label)
    names = tuple(organisation.name for organisation in organisations)

    def table(key: str, title: str, now: dict, before: dict) -> FigureTable:
        grid = [[now.get(o.pk, 0), before.get(o.pk, 0)] for o in organisations]
        return FigureTable(key, title, names, columns, suppress(grid, row_totals=False, grand_total=False))

    tables = [
        table(key, title, {k: v[index] for k, v in current.items()}, {k: v[index] for k, v in previous.items()})
        for index, key, title in (
            (0, "gemeente", _("Meldingen per gemeente")),
            (1, "gemeente-spoed", _("Spoedmeldingen per gemeente")),
        )
    ]
    titles = {"zorg": _("Zorgtrajecten aangemeld per gemeente"), "controles": _("Controles uitgevoerd per gemeente")}
    tables += [table(f"gemeente-{key}", titles[key], *counts) for key, counts in others.items()]
    return tables


def handover_tables(
    current: HandoverCounts, previous: HandoverCounts, period: Period, partner_types, *, full: bool
) -> list[FigureTable]:
    """Hand-overs per kind of partner, and of those the ones with feedback received, in the
    period beside a year earlier. `partner_types`: (code, label) of the kinds that receive
    hand-overs, in the directory's order. Each table is suppressed on its own: neither splits
    the other's total, and the hand-overs without feedback are not published."""
    columns = (period.label, period.year_earlier().label)
    labels = tuple(label for _code, label in partner_types)

    def grid(field: str) -> list[list[int]]:
        return [
            [getattr(current, field).get(code, 0), getattr(previous, field).get(code, 0)] for code, _l in partner_types
        ]

    return [
        FigureTable(
            "overdracht",
            _("Doorgezet naar partners"),
            labels,
            columns,
            table_of(grid("by_partner_type"), full=full),
            note=_("Een melding kan aan meer dan één partner zijn doorgezet; geteld op de dag van delen."),
        ),
        FigureTable(
            "terugkoppeling",
            _("Doorgezet, en terugkoppeling van de partner ontvangen"),
            labels,
            columns,
            table_of(grid("with_feedback"), full=full),
            note=_("Van de overdrachten hierboven: die waarvan de terugkoppeling is vastgelegd."),
        ),
    ]
