import datetime as dt

import pytest
from django.utils import timezone

from baken.demo.history import HISTORY_SIZE, QUIET_DAYS, load_demo_history
from baken.demo.loader import load_demo_data
from baken.reporting.figures import Period, signal_tables
from baken.signalling.figures import organisation_signal_counts
from baken.signalling.models import Signal, SignalStatus

pytestmark = pytest.mark.django_db


def test_two_years_of_closed_history_once_with_unique_references():
    load_demo_data()
    voorbeeld = Signal.objects.filter(organisation__slug="voorbeeld")
    today = timezone.localdate()
    old = voorbeeld.filter(submitted_at__date__lt=today - dt.timedelta(days=QUIET_DAYS))
    assert old.count() == HISTORY_SIZE["voorbeeld"]
    assert set(old.values_list("status", flat=True)) == {SignalStatus.CLOSED}
    assert old.earliest("submitted_at").submitted_at.date() >= today - dt.timedelta(days=730)
    assert voorbeeld.values("reference").distinct().count() == voorbeeld.count()
    organisation = old.first().organisation
    assert load_demo_history(organisation) == 0  # idempotent

    # The beleidsmaker's figures over the last year show some figures and hide some.
    period = Period.last_twelve_months(today)
    previous = period.year_earlier()
    tables = signal_tables(
        organisation_signal_counts(organisation.pk, start=period.start, end=period.end),
        organisation_signal_counts(organisation.pk, start=previous.start, end=previous.end),
        period,
        full=False,
    )
    figures = [f for t in tables for _label, cells in t.rows for f in cells]
    assert any(f.hidden for f in figures) and any(not f.hidden and f.value >= 11 for f in figures)
