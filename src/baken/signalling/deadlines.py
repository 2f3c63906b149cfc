"""The triage deadline of a signal: urgent ones the same day, others within
BAKEN_TRIAGE_WORKING_DAYS working days."""

import datetime as dt

from django.conf import settings

from baken.core.calendar import add_working_days


def triage_due_on(*, received_on: dt.date, urgent: bool) -> dt.date:
    if urgent:
        return received_on
    return add_working_days(received_on, settings.BAKEN_TRIAGE_WORKING_DAYS)
