"""Counts of hand-overs for figures, never the hand-overs themselves.

The reporting app reads coordination's hand-overs only through these functions: either over the
signals a user may already triage (the aandachtsfunctionaris's own figures, shown in full) or over
a municipality (counts that reporting suppresses before a role that may not see the rows reads
them). A hand-over counts in the period in which it was shared; it has had feedback when the
date the partner's feedback came in is recorded.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from baken.coordination.models import Escalation
from baken.signalling.models import Signal


@dataclass(frozen=True)
class HandoverCounts:
    #: Hand-overs shared in the period, by the partner's type.
    by_partner_type: dict[str, int]
    #: Of those, the ones whose feedback has come in, by the partner's type.
    with_feedback: dict[str, int]


def _counts(escalations: QuerySet[Escalation], start: dt.date, end: dt.date) -> HandoverCounts:
    rows = (
        escalations.filter(shared_on__gte=start, shared_on__lte=end)
        .values_list("partner__partner_type")
        .annotate(n=Count("pk"), fed=Count("pk", filter=Q(feedback_on__isnull=False)))
        .order_by()
    )
    by_type, fed = {}, {}
    for partner_type, n, with_feedback in rows:
        by_type[partner_type], fed[partner_type] = n, with_feedback
    return HandoverCounts(by_type, fed)


def handover_counts(signals: QuerySet[Signal], *, start: dt.date, end: dt.date) -> HandoverCounts:
    """Hand-overs of `signals` shared from `start` up to and including `end`, in one query."""
    return _counts(Escalation.objects.filter(signal__in=signals.values("pk")), start, end)


def organisation_handover_counts(organisation_id: int, *, start: dt.date, end: dt.date) -> HandoverCounts:
    """Every hand-over of one municipality, for figures that are suppressed before anyone who
    may not see the signals reads them."""
    return _counts(Escalation.objects.filter(organisation_id=organisation_id), start, end)
