"""Working days (Monday to Friday). Public holidays are not yet counted."""

import datetime as dt


def add_working_days(start: dt.date, days: int) -> dt.date:
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
