"""The beleidsmaker's figures of a period, as the overview page and the annual report both show
them: the signal, care and enforcement tables of the municipality, always suppressed (the
beleidsmaker may not see the rows behind them), and the overview's own tables: the headline
figures taken from those tables as shown, prevention reach, training, the VNG Kader's status and
the action plan's progress (read through the policy and prevention apps' selectors)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from baken.care.selectors import care_figure_labels, organisation_care_counts
from baken.enforcement.selectors import enforcement_figure_labels, organisation_enforcement_counts
from baken.policy.selectors import action_statuses_on, block_statuses
from baken.prevention.selectors import capacity_by_department, capacity_summary, reach_by_target_group
from baken.reporting.care_figures import care_tables, time_to_shelter
from baken.reporting.enforcement_figures import enforcement_tables, rechecks
from baken.reporting.figures import FigureTable, LeadTimes, Period, both_periods, lead_times, signal_tables
from baken.reporting.policy_figures import (
    action_table,
    headline_table,
    kader_table,
    reach_table,
    school_year_of,
    training_table,
)
from baken.signalling.figures import organisation_signal_counts, organisation_signal_lead_times


@dataclass(frozen=True)
class PolicyOverview:
    #: The dashboards' tables and lead times (signals, time to shelter, rechecks, the latter
    #: withheld over too few rows); None unless asked for: the annual report shows them, the
    #: overview page only its headline figures, taken from those tables.
    signals: list[FigureTable] | None
    care: list[FigureTable] | None
    enforcement: list[FigureTable] | None
    speeds: tuple[LeadTimes, LeadTimes, LeadTimes] | None
    #: The overview's own tables: headline figures, reach, training, Kader, action plan.
    tables: list[FigureTable]
    capacity: object


def _first(tables: list[FigureTable], key: str) -> FigureTable:
    return next(t for t in tables if t.key == key)


def policy_overview(
    user, period: Period, today: dt.date, *, kader_year: int | None = None, sections: bool = False
) -> PolicyOverview:
    """The figures of `period` beside a year earlier for a beleidsmaker (reporting.view_statistics
    in a municipality: the caller checks), suppressed exactly as the dashboards suppress them.
    `kader_year`: only self-assessments of that year or before (the annual report's year);
    `sections`: also every table and lead time of the dashboards. Without, only what the headline
    figures are taken from is counted: the trajectories, not the shelter placements, closures
    and costs, and no lead times (a query of their own for the signals)."""
    organisation_id = user.organisation_id
    previous = period.year_earlier()
    signals = both_periods(period, organisation_signal_counts, organisation_id)
    care = both_periods(period, organisation_care_counts, organisation_id, trajectories_only=not sections)
    enforcement = both_periods(period, organisation_enforcement_counts, organisation_id)
    signal_figures = signal_tables(*signals, period, full=False)
    care_figures = care_tables(*care, period, care_figure_labels(), full=False)
    enforcement_figures = enforcement_tables(*enforcement, period, enforcement_figure_labels(), full=False)
    speeds = None
    if sections:
        limit = signal_figures[0].table.threshold
        durations = both_periods(period, organisation_signal_lead_times, organisation_id)
        speeds = (
            lead_times(*durations, period, full=False, limit=limit),
            time_to_shelter(*care, period, full=False, limit=limit),
            rechecks(*enforcement, period, full=False, limit=limit),
        )
    year = school_year_of(period)
    departments = capacity_by_department(user=user, today=today)
    tables = [
        headline_table(
            [
                (_("Meldingen"), _first(signal_figures, "maand")),
                (_("Zorgtrajecten aangemeld"), _first(care_figures, "fase")),
                (_("Controles uitgevoerd"), _first(enforcement_figures, "object")),
                (_("Maatregelen verzonden"), _first(enforcement_figures, "maatregel")),
            ],
            period,
        ),
        reach_table(
            reach_by_target_group(user=user, school_year=year),
            reach_by_target_group(user=user, school_year=year - 1),
            year,
        ),
        training_table(departments),
        kader_table(block_statuses(user=user, organisation_id=organisation_id, until_year=kader_year)),
        action_table(
            action_statuses_on(user=user, organisation_id=organisation_id, day=period.end),
            action_statuses_on(user=user, organisation_id=organisation_id, day=previous.end),
            period,
        ),
    ]
    return PolicyOverview(
        signals=signal_figures if sections else None,
        care=care_figures if sections else None,
        enforcement=enforcement_figures if sections else None,
        speeds=speeds,
        tables=[table for table in tables if table is not None],
        capacity=capacity_summary(user=user, today=today),
    )
