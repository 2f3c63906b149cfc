"""Lead times and outcomes against a hand-computed history."""

import datetime as dt

import pytest
import time_machine

from baken.coordination.services import signal_transition
from baken.reporting.figures import Period, lead_times, signal_tables
from baken.signalling.figures import signal_counts, signal_lead_times
from baken.signalling.models import Signal
from baken.testing.signals import make_signal

# The durations are computed in SQL, written for each database (core.db_functions).
pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

MONDAY_9 = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)  # 09:00 in Amsterdam


@pytest.fixture
def timed(reporter, triager):
    with time_machine.travel(MONDAY_9, tick=False):
        quick, late, waiting = (make_signal(reporter) for _ in range(3))
    with time_machine.travel(MONDAY_9 + dt.timedelta(hours=5), tick=False):
        signal_transition(actor=triager, signal=quick, target="in_behandeling")
    with time_machine.travel(MONDAY_9 + dt.timedelta(days=3), tick=False):
        signal_transition(
            actor=triager, signal=quick, target="afgesloten", outcome="onvoldoende_informatie", reason="Niets gevonden"
        )
    with time_machine.travel(MONDAY_9 + dt.timedelta(days=10), tick=False):
        signal_transition(actor=triager, signal=late, target="in_behandeling")
    return quick, late, waiting


def test_lead_times_and_outcomes_match_the_hand_computed_figures(timed, voorbeeld):
    period = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    signals = Signal.objects.filter(organisation=voorbeeld)
    durations = signal_lead_times(signals, start=period.start, end=period.end)
    none = signal_lead_times(Signal.objects.none(), start=period.start, end=period.end)
    rows = dict(lead_times(durations, none, period, full=True, limit=11).rows)
    # quick: 5 hours, on time; late: 10 days, after its deadline of three working days; waiting: not yet.
    assert rows["Opgepakt binnen de termijn"][0] == "50 %"
    assert rows["Tijd tot oppakken (mediaan)"][0] == "5 uur"
    assert rows["Negen op de tien opgepakt binnen"][0] == "10 dagen"
    assert rows["Tijd tot afsluiten (mediaan)"][0] == "3 dagen"
    assert rows["Tijd tot afsluiten (mediaan)"][1] == "te weinig meldingen"

    counts = signal_counts(signals, start=period.start, end=period.end)
    empty = signal_counts(Signal.objects.none(), start=period.start, end=period.end)
    outcome = next(t for t in signal_tables(counts, empty, period, full=True) if t.key == "uitkomst")
    values = {label: cells[0].value for label, cells in outcome.rows}
    assert values["Onvoldoende informatie"] == 1
    assert sum(values.values()) == 1


def test_lead_times_over_fewer_signals_than_the_threshold_are_not_shown_in_suppressed_figures(timed, voorbeeld):
    period = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    durations = signal_lead_times(Signal.objects.filter(organisation=voorbeeld), start=period.start, end=period.end)
    rows = dict(lead_times(durations, durations, period, full=False, limit=11).rows)
    assert {value for values in rows.values() for value in values} == {"te weinig meldingen"}


def test_the_period_and_the_deadline_are_local_days_not_utc_days(reporter, triager, voorbeeld):
    """Amsterdam is an hour ahead of UTC in winter: 00:10 on 1 December there is still 30
    November in UTC, and 23:30 on a deadline day is still that day there."""
    amsterdam = dt.timezone(dt.timedelta(hours=1))
    with time_machine.travel(dt.datetime(2026, 11, 30, 23, 30, tzinfo=amsterdam), tick=False):
        last_evening = make_signal(reporter)
    with time_machine.travel(dt.datetime(2026, 12, 1, 0, 10, tzinfo=amsterdam), tick=False):
        next_night = make_signal(reporter)
    Signal.objects.filter(pk__in=[last_evening.pk, next_night.pk]).update(triage_due_on=dt.date(2026, 12, 1))
    with time_machine.travel(dt.datetime(2026, 12, 1, 23, 30, tzinfo=amsterdam), tick=False):
        signal_transition(actor=triager, signal=last_evening, target="in_behandeling")
    with time_machine.travel(dt.datetime(2026, 12, 2, 0, 30, tzinfo=amsterdam), tick=False):
        signal_transition(actor=triager, signal=next_night, target="in_behandeling")

    rows = Signal.objects.filter(organisation=voorbeeld)
    november = signal_counts(rows, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    december = signal_counts(rows, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31))
    assert (november.total, december.total) == (1, 1)
    # Picked up at 23:30 on its deadline day: on time, after 24 hours.
    november_times = signal_lead_times(rows, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    assert november_times.pick_ups == ((24.0, True),)
    # Picked up half an hour into the day after its deadline: late, after 24 hours and 20 minutes.
    [(hours, on_time)] = signal_lead_times(rows, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31)).pick_ups
    assert (round(hours, 3), on_time) == (24.333, False)
