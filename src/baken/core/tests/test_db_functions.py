"""The database functions written for both databases give the same numbers on each."""

import datetime as dt

import pytest
from django.db.models import DateField, DateTimeField, Value

from baken.core.db_functions import DaysBetween, SecondsBetween
from baken.core.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def _one(expression):
    return Organisation.objects.annotate(result=expression).values_list("result", flat=True)[:1].get()


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (dt.date(2026, 11, 1), dt.date(2026, 11, 1), 0),
        (dt.date(2026, 11, 1), dt.date(2026, 11, 30), 29),
        (dt.date(2026, 12, 31), dt.date(2027, 1, 1), 1),
        (dt.date(2024, 2, 28), dt.date(2024, 3, 1), 2),  # over a leap day
        (dt.date(2026, 11, 30), dt.date(2026, 11, 1), -29),
    ],
)
def test_days_between_two_dates(voorbeeld, start, end, days):
    result = _one(DaysBetween(Value(start, output_field=DateField()), Value(end, output_field=DateField())))
    assert result == days


def test_seconds_between_two_moments(voorbeeld):
    start = dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.UTC)
    end = dt.datetime(2026, 10, 26, 0, 45, tzinfo=dt.UTC)  # over the change to winter time: UTC counts on
    result = _one(SecondsBetween(Value(start, output_field=DateTimeField()), Value(end, output_field=DateTimeField())))
    # SQLite's julianday() is a float: exact to well under a millisecond.
    assert result == pytest.approx(25 * 3600 + 15 * 60, abs=0.001)


def test_a_missing_date_gives_no_number(voorbeeld):
    assert _one(DaysBetween(Value(None, output_field=DateField()), Value(dt.date(2026, 1, 1)))) is None
