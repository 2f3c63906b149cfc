"""Selectors for figures: counts of signals, never the signals themselves.

The reporting app reads signalling only through these functions. They take either the rows a
user may already see (an aandachtsfunctionaris's own queue: the counts may be shown in full) or an
organisation (its counts go to roles that may not see the rows, and reporting suppresses them).
Merged duplicates are not counted: they live on in the signal they were merged into.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from baken.signalling.models import ExploitationForm, Signal, SignalOutcome


@dataclass(frozen=True)
class SignalCounts:
    total: int
    by_month: dict[dt.date, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_form: dict[str, int] = field(default_factory=dict)
    form_unknown: int = 0
    urgent: int = 0


def signal_counts(rows: QuerySet[Signal], *, start: dt.date, end: dt.date) -> SignalCounts:
    """Counts of `rows` reported from `start` up to and including `end` (local dates), in a
    constant number of queries."""
    rows = rows.filter(submitted_at__date__gte=start, submitted_at__date__lte=end).exclude(outcome=SignalOutcome.MERGED)
    by_month: Counter = Counter()
    for month, n in rows.annotate(month=TruncMonth("submitted_at")).values_list("month").annotate(n=Count("pk")):
        by_month[month.date() if isinstance(month, dt.datetime) else month] += n
    by_channel = dict(rows.values_list("channel").annotate(n=Count("pk")).order_by())
    by_form = dict(rows.filter(forms__isnull=False).values_list("forms__code").annotate(n=Count("pk")).order_by())
    return SignalCounts(
        total=rows.count(),
        by_month=dict(by_month),
        by_channel=by_channel,
        by_form=by_form,
        form_unknown=rows.filter(forms__isnull=True).count(),
        urgent=rows.filter(is_urgent=True).count(),
    )


def organisation_signal_counts(organisation_id: int, *, start: dt.date, end: dt.date) -> SignalCounts:
    """Counts of every signal of one municipality, for figures that are suppressed before anyone
    who may not see the rows reads them."""
    return signal_counts(Signal.objects.filter(organisation_id=organisation_id), start=start, end=end)


def exploitation_forms() -> list[tuple[str, str]]:
    """(code, label) of the forms of exploitation, in their catalogue order."""
    return list(ExploitationForm.objects.order_by("order", "code").values_list("code", "label"))
