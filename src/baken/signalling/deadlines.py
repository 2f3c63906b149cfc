"""The triage deadline of a signal: urgent ones the same day, others within the municipality's
triage term in working days (its setting, or BAKEN_TRIAGE_WORKING_DAYS)."""

import datetime as dt

from django.conf import settings

from baken.core.calendar import add_working_days


def triage_due_on(*, received_on: dt.date, urgent: bool, working_days: int | None = None) -> dt.date:
    if urgent:
        return received_on
    return add_working_days(received_on, working_days or settings.BAKEN_TRIAGE_WORKING_DAYS)
