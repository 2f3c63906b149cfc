"""Triage deadlines in working days (Monday to Friday; public holidays are not yet counted)."""

import datetime as dt

from django.conf import settings


def add_working_days(start: dt.date, days: int) -> dt.date:
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def triage_due_on(*, received_on: dt.date, urgent: bool) -> dt.date:
    """Urgent signals: the same day. Others: BAKEN_TRIAGE_WORKING_DAYS working days later."""
    if urgent:
        return received_on
    return add_working_days(received_on, settings.BAKEN_TRIAGE_WORKING_DAYS)
