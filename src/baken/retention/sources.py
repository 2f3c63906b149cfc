"""Where each kind of record in the retention catalogue lives: its rows, the date that starts its
term (ZGW brondatum), its reference and what must go before it. Only identifiers and dates are
read here: nothing that ends up in the deletion log is personal data."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, F, Model, OuterRef, QuerySet, Subquery
from django.utils import timezone

from baken.care.models import CareCase
from baken.coordination.models import Escalation
from baken.enforcement.models import CaseStatus, CaseStatusChange, EnforcementCase, InspectionDraft, Measure
from baken.meetings.models import CaseReferral, DocumentDispatch, Meeting
from baken.signalling.models import IntakeDraft, Signal, SignalStatus, SignalStatusChange


@dataclass(frozen=True)
class Source:
    #: The rows of this kind that have reached the end of their life (closed, held), annotated
    #: with `retention_start`: a date or a datetime.
    rows: Callable[[], QuerySet]
    model: type[Model]
    reference: Callable[[Model], str] = lambda row: ""
    created_on: Callable[[Model], dt.date | None] = lambda row: None
    #: Rows that must be deleted before the record itself (they protect it), in order.
    before: Callable[[Model], list[Model]] = lambda row: []
    #: `retention_start` is a datetime (else a date).
    datetime_start: bool = True

    def start_date(self, row: Model) -> dt.date:
        start = row.retention_start
        return timezone.localdate(start) if isinstance(start, dt.datetime) else start


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value is not None else None


def _closed_signals(handed_over: bool) -> QuerySet:
    closed_at = (
        SignalStatusChange.objects.filter(signal=OuterRef("pk"), to_status=SignalStatus.CLOSED)
        .order_by("-changed_at", "-id")
        .values("changed_at")[:1]
    )
    return (
        Signal.objects.filter(status=SignalStatus.CLOSED)
        .annotate(
            retention_start=Subquery(closed_at),
            handed_over=Exists(Escalation.objects.filter(signal=OuterRef("pk"))),
        )
        .filter(handed_over=handed_over, retention_start__isnull=False)
    )


def _closed_enforcement_cases() -> QuerySet:
    closed_at = (
        CaseStatusChange.objects.filter(case=OuterRef("pk"), to_status=CaseStatus.CLOSED)
        .order_by("-changed_at", "-id")
        .values("changed_at")[:1]
    )
    return (
        EnforcementCase.objects.filter(status=CaseStatus.CLOSED)
        .annotate(retention_start=Subquery(closed_at))
        .filter(retention_start__isnull=False)
    )


def _signal_before(signal: Signal) -> list[Model]:
    """The hand-over records of a signal protect it: they go with it."""
    return list(Escalation.objects.filter(signal=signal))


def _signal_source(handed_over: bool) -> Source:
    return Source(
        rows=lambda: _closed_signals(handed_over),
        model=Signal,
        reference=lambda row: row.reference,
        created_on=lambda row: _local_date(row.submitted_at),
        before=_signal_before,
    )


def _with_start(queryset: QuerySet, field: str) -> QuerySet:
    return queryset.filter(**{f"{field}__isnull": False}).annotate(retention_start=F(field))


SOURCES: dict[str, Source] = {
    "signal_closed": _signal_source(False),
    "signal_handed_over": _signal_source(True),
    "care_case": Source(
        rows=lambda: _with_start(CareCase.objects.all(), "closed_on"),
        model=CareCase,
        reference=lambda row: row.reference,
        created_on=lambda row: row.registered_on,
        datetime_start=False,
    ),
    "enforcement_case": Source(
        rows=_closed_enforcement_cases,
        model=EnforcementCase,
        # A measure protects the finding it was based on (both go with the case).
        before=lambda case: list(Measure.objects.filter(case=case)),
        reference=lambda row: row.reference,
        created_on=lambda row: row.opened_on,
    ),
    "case_referral": Source(
        rows=lambda: _with_start(CaseReferral.objects.all(), "closed_on"),
        model=CaseReferral,
        reference=lambda row: row.reference,
        created_on=lambda row: _local_date(row.created_at),
        datetime_start=False,
    ),
    "meeting": Source(
        rows=lambda: _with_start(Meeting.objects.all(), "starts_at"),
        model=Meeting,
        # The dispatch log (append-only) protects the meeting: it goes with it.
        before=lambda meeting: list(DocumentDispatch.objects.filter(meeting=meeting)),
        reference=lambda row: f"{row.meeting_type} {timezone.localdate(row.starts_at):%Y-%m-%d}",
        created_on=lambda row: _local_date(row.created_at),
    ),
    "intake_draft": Source(
        rows=lambda: _with_start(IntakeDraft.objects.all(), "updated_at"),
        model=IntakeDraft,
        created_on=lambda row: _local_date(row.created_at),
    ),
    "inspection_draft": Source(
        rows=lambda: _with_start(InspectionDraft.objects.all(), "updated_at"),
        model=InspectionDraft,
        created_on=lambda row: _local_date(row.created_at),
    ),
}
