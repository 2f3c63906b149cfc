"""Case figures beside the Kader's blocks: the signals received and picked up in time, the care
trajectories registered, the inspections carried out and the measures sent in the assessment's
year. Beleid & regie may not read case data, so reporting registers these sources with
policy/evidence.py at start-up and answers with exactly what its dashboards show the beleidsmaker
for that period: the municipality's totals as shown there (below the threshold "< 11", hidden
where the dashboard hides them) and the share picked up in time only over enough signals."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from baken.care.selectors import care_figure_labels, organisation_care_counts
from baken.enforcement.selectors import enforcement_figure_labels, organisation_enforcement_counts
from baken.policy.evidence import register_source
from baken.reporting.access import may_view_policy_overview
from baken.reporting.care_figures import care_tables
from baken.reporting.enforcement_figures import enforcement_tables
from baken.reporting.exports import cell_text
from baken.reporting.figures import FigureTable, Period, both_periods, lead_times, signal_tables
from baken.signalling.figures import organisation_signal_counts, organisation_signal_lead_times


def year_period(year: int, today: dt.date) -> Period | None:
    """The calendar year up to today; None for a year that has not begun."""
    if year > today.year:
        return None
    return Period(dt.date(year, 1, 1), min(dt.date(year, 12, 31), today))


def _total(tables: list[FigureTable], key: str) -> str:
    """The period's total of one dashboard table, as the dashboard shows it."""
    table = next(t for t in tables if t.key == key).table
    return cell_text(table.column_totals[0], table.threshold)


def _period(user, year: int) -> Period | None:
    # Only for a beleidsmaker in a municipality: the role that sees these figures suppressed.
    return year_period(year, timezone.localdate()) if may_view_policy_overview(user) else None


def signal_evidence(user, year: int) -> list[str]:
    period = _period(user, year)
    if period is None:
        return []
    tables = signal_tables(*both_periods(period, organisation_signal_counts, user.organisation_id), period, full=False)
    durations = both_periods(period, organisation_signal_lead_times, user.organisation_id)
    limit = tables[0].table.threshold
    on_time = lead_times(*durations, period, full=False, limit=limit).rows[0][1][0]
    return [
        _("Cijfers: %(n)s meldingen ontvangen (%(period)s); opgepakt binnen de termijn: %(share)s.")
        % {"n": _total(tables, "maand"), "period": period.label, "share": on_time}
    ]


def care_evidence(user, year: int) -> list[str]:
    period = _period(user, year)
    if period is None:
        return []
    counts = both_periods(period, organisation_care_counts, user.organisation_id, trajectories_only=True)
    tables = care_tables(*counts, period, care_figure_labels(), full=False)
    return [
        _("Cijfers: %(n)s zorgtrajecten aangemeld (%(period)s).")
        % {"n": _total(tables, "fase"), "period": period.label}
    ]


def enforcement_evidence(user, year: int) -> list[str]:
    period = _period(user, year)
    if period is None:
        return []
    counts = both_periods(period, organisation_enforcement_counts, user.organisation_id)
    tables = enforcement_tables(*counts, period, enforcement_figure_labels(), full=False)
    return [
        _("Cijfers: %(inspections)s controles uitgevoerd en %(measures)s maatregelen verzonden (%(period)s).")
        % {
            "inspections": _total(tables, "object"),
            "measures": _total(tables, "maatregel"),
            "period": period.label,
        }
    ]


def register() -> None:
    register_source("signals", signal_evidence)
    register_source("care", care_evidence)
    register_source("enforcement", enforcement_evidence)
