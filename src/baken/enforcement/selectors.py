"""Reads of Handhaven, through the access policies; each takes the acting user.

`cases_at_address` is what Verbinden shows on a signal: that a case exists at the address and
its phase, and whether this user may open it."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from baken.core.access import policy_for
from baken.enforcement.catalogue.loader import Deadline, catalogue
from baken.enforcement.forms import LocationFilter
from baken.enforcement.models import (
    CaseStatusChange,
    EnforcementCase,
    Finding,
    Inspection,
    InspectionStatus,
    Location,
    Measure,
    MeasureStatusChange,
)
from baken.enforcement.workflow import CASE_WORKFLOW, MEASURE_WORKFLOW


def locations(*, user, params) -> tuple[LocationFilter, QuerySet[Location]]:
    base = policy_for(Location).rows_for(user, "view")
    location_filter = LocationFilter(params, queryset=base)
    open_states = [code for code, state in CASE_WORKFLOW.states.items() if state.open]
    visible_cases = policy_for(EnforcementCase).rows_for(user, "view").values("pk")
    rows = location_filter.qs.annotate(
        open_cases=Count("cases", filter=Q(cases__status__in=open_states, cases__in=visible_cases))
    ).order_by("street", "house_number", "id")
    return location_filter, rows


def location_for(*, user, pk: int, action: str = "view") -> Location:
    return policy_for(Location).get_for(user, action, pk=pk)


def location_page(*, user, pk: int) -> dict:
    """Everything known about an address before going out: the register, its licences, the cases
    this user may see with their inspections and measures."""
    location = policy_for(Location).rows_for(user, "view").filter(pk=pk).prefetch_related("parties", "licences").first()
    if location is None:
        raise Http404
    cases = list(
        policy_for(EnforcementCase).rows_for(user, "view").filter(location=location).order_by("-opened_on", "-id")
    )
    inspections = list(
        policy_for(Inspection).rows_for(user, "view").filter(case__location=location).select_related("case")[:20]
    )
    measures = list(
        policy_for(Measure).rows_for(user, "view").filter(case__location=location).select_related("case")[:20]
    )
    today = timezone.localdate()
    licences = [
        {"licence": licence, "expired": bool(licence.valid_until and licence.valid_until < today)}
        for licence in location.licences.all()
    ]
    return {
        "location": location,
        "cases": cases,
        "inspections": inspections,
        "measures": measures,
        "licences": licences,
    }


def case_for(*, user, pk: int) -> EnforcementCase:
    case = (
        policy_for(EnforcementCase)
        .rows_for(user, "view")
        .filter(pk=pk)
        .select_related("location", "signal", "created_by")
        .prefetch_related(
            Prefetch("status_changes", queryset=CaseStatusChange.objects.select_related("actor")),
            Prefetch(
                "inspections",
                queryset=Inspection.objects.prefetch_related("findings").order_by("-planned_for", "-id"),
            ),
            Prefetch("measures", queryset=Measure.objects.order_by("-sent_on", "-id")),
        )
        .first()
    )
    if case is None:
        raise Http404
    return case


def inspection_for(*, user, case_pk: int, pk: int, action: str = "view") -> Inspection:
    return (
        policy_for(Inspection)
        .rows_for(user, action)
        .select_related("case__location", "recorded_by", "handed_signal")
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.order_by("id")))
        .filter(case_id=case_pk, pk=pk)
        .first()
    ) or _not_found()


def measure_for(*, user, case_pk: int, pk: int, action: str = "view") -> Measure:
    return (
        policy_for(Measure)
        .rows_for(user, action)
        .select_related("case__location", "finding")
        .prefetch_related(Prefetch("status_changes", queryset=MeasureStatusChange.objects.select_related("actor")))
        .filter(case_id=case_pk, pk=pk)
        .first()
    ) or _not_found()


def _not_found():
    raise Http404


def planning(*, user) -> QuerySet[Inspection]:
    """Planned inspections of the municipality, soonest first."""
    return (
        policy_for(Inspection)
        .rows_for(user, "view")
        .filter(status=InspectionStatus.PLANNED)
        .select_related("case__location")
        .order_by("planned_for", "id")
    )


@dataclass(frozen=True)
class DeadlineRow:
    deadline: Deadline
    due_on: dt.date
    #: "verlopen", "binnenkort" or "" (in time).
    state: str


def _row(deadline: Deadline, due_on: dt.date | None, today: dt.date) -> DeadlineRow | None:
    if due_on is None:
        return None
    if due_on < today:
        state = "verlopen"
    elif (due_on - today).days <= deadline.warn_before_days:
        state = "binnenkort"
    else:
        state = ""
    return DeadlineRow(deadline, due_on, state)


def measure_deadlines(measure: Measure, *, today: dt.date | None = None) -> list[DeadlineRow]:
    """The deadlines of a measure that still matter in its current step, with their rule and
    source from the catalogue."""
    today = today or timezone.localdate()
    terms = catalogue().deadlines
    status = measure.status
    wanted = []
    if status == "voornemen":
        wanted.append((terms["zienswijze"], measure.view_due_on))
    if status == "besluit":
        wanted.append((terms["begunstigingstermijn"], measure.compliance_due_on))
        if measure.compliance_due_on:
            wanted.append((terms["hercontrole"], terms["hercontrole"].after(measure.compliance_due_on)))
    if status in ("verbeurd", "invordering"):
        wanted.append((terms["betaling"], measure.payment_due_on))
        wanted.append((terms["invordering_verjaring"], measure.collection_lapses_on))
    return [row for row in (_row(deadline, due, today) for deadline, due in wanted) if row is not None]


def open_measures(*, user) -> QuerySet[Measure]:
    open_states = [code for code, state in MEASURE_WORKFLOW.states.items() if state.open]
    return policy_for(Measure).rows_for(user, "view").filter(status__in=open_states).select_related("case__location")


@dataclass(frozen=True)
class CaseAtAddress:
    reference: str
    phase: str
    pk: int
    may_open: bool


def cases_at_address(*, user, postcode: str, house_number: str) -> list[CaseAtAddress]:
    """Enforcement cases at an address that this user may know of (see_phase), with their
    phase; `may_open` only with the rights and clearance to view the case."""
    if not (postcode and house_number):
        return []
    policy = policy_for(EnforcementCase)
    rows = list(
        policy.rows_for(user, "see_phase")
        .filter(location__postcode=postcode, location__house_number__iexact=house_number)
        .order_by("-opened_on", "-id")
        .values_list("pk", "reference", "status")[:10]
    )
    openable = set(
        policy.rows_for(user, "view").filter(pk__in=[pk for pk, *_rest in rows]).values_list("pk", flat=True)
    )
    return [
        CaseAtAddress(reference=reference, phase=CASE_WORKFLOW.label(status), pk=pk, may_open=pk in openable)
        for pk, reference, status in rows
    ]


def home_panel(user) -> dict | None:
    """The start page's enforcement panel: planned inspections and measures with a deadline soon."""
    if not policy_for(Location).user_may(user, "view"):
        return None
    upcoming = list(planning(user=user)[:5])
    measures = [
        {"measure": measure, "deadlines": [row for row in measure_deadlines(measure) if row.state]}
        for measure in open_measures(user=user).order_by("view_due_on")[:50]
    ]
    return {"planned": upcoming, "deadlines": [m for m in measures if m["deadlines"]][:5]}


def enforcement_team_set(user) -> bool:
    """Set-up step: the municipality has a toezichthouder and a handhavingsjurist."""
    from baken.accounts.models import User

    accounts = policy_for(User).visible(user).filter(is_active=True)
    return all(accounts.filter(groups__name=role).exists() for role in ("toezichthouder", "handhavingsjurist"))


# --- figures for the reporting app: counts, never the cases themselves ---------------------------


@dataclass(frozen=True)
class EnforcementCounts:
    """Counts of the inspections performed in a period (split by object type and by outcome, each
    adding up to `inspections`), their findings by checklist item, the measures sent in it (split
    by type and by stand, each adding up to `measures`), and the rechecks that fell due in it."""

    inspections: int
    inspections_by_object_type: dict[str, int]
    #: The debrief's outcome; "" where none is recorded.
    inspections_by_outcome: dict[str, int]
    #: Findings by checklist item; "" for a finding outside the checklist.
    findings_by_item: dict[str, int]
    measures: int
    measures_by_type: dict[str, int]
    measures_by_status: dict[str, int]
    #: Per measure whose recheck fell due in the period (up to yesterday): done by that day.
    rechecks_on_time: tuple[bool, ...]


def enforcement_counts(
    inspections: QuerySet[Inspection], measures: QuerySet[Measure], *, start: dt.date, end: dt.date, today=None
) -> EnforcementCounts:
    """Counts over `inspections` and `measures` (the rows an enforcer may see, or a municipality's
    for figures that reporting suppresses), in a constant number of queries."""
    from django.db.models import Min

    today = today or timezone.localdate()
    done = inspections.filter(
        status=InspectionStatus.DONE, performed_at__date__gte=start, performed_at__date__lte=end
    ).order_by()
    by_object_type = dict(done.values_list("case__location__object_type").annotate(n=Count("pk")))
    by_outcome = dict(done.values_list("outcome").annotate(n=Count("pk")))
    findings = dict(
        Finding.objects.filter(inspection__in=done).values_list("checklist_code").annotate(n=Count("pk")).order_by()
    )
    sent = measures.filter(sent_on__gte=start, sent_on__lte=end).order_by()
    by_type = dict(sent.values_list("intent_type").annotate(n=Count("pk")))
    by_status = dict(sent.values_list("status").annotate(n=Count("pk")))
    recheck = catalogue().deadlines["hercontrole"]
    last_due = min(end, today - dt.timedelta(days=1))
    candidates = (
        measures.filter(compliance_due_on__isnull=False, compliance_due_on__lte=last_due)
        .filter(compliance_due_on__gte=start - dt.timedelta(days=62))
        .annotate(rechecked_at=Min("status_changes__changed_at", filter=Q(status_changes__to_status="hercontrole")))
        .values_list("compliance_due_on", "rechecked_at")
        .order_by()
    )
    on_time = []
    for compliance_due_on, rechecked_at in candidates:
        due = recheck.after(compliance_due_on)
        if start <= due <= last_due:
            on_time.append(rechecked_at is not None and timezone.localtime(rechecked_at).date() <= due)
    return EnforcementCounts(
        inspections=sum(by_outcome.values()),
        inspections_by_object_type=by_object_type,
        inspections_by_outcome=by_outcome,
        findings_by_item=findings,
        measures=sum(by_status.values()),
        measures_by_type=by_type,
        measures_by_status=by_status,
        rechecks_on_time=tuple(on_time),
    )


def organisation_enforcement_counts(organisation_id: int, *, start: dt.date, end: dt.date) -> EnforcementCounts:
    """Counts of every inspection and measure of one municipality, whatever its confidentiality,
    for figures that reporting suppresses before anyone who may not see the cases reads them."""
    return enforcement_counts(
        Inspection.objects.filter(organisation_id=organisation_id),
        Measure.objects.filter(organisation_id=organisation_id),
        start=start,
        end=end,
    )


def enforcement_figure_rows(*, user) -> tuple[QuerySet[Inspection], QuerySet[Measure]] | None:
    """The inspections and measures a toezichthouder or handhavingsjurist may see, or None for
    anyone else: the rows their figures are counted over in full."""
    if not policy_for(EnforcementCase).user_may(user, "view"):
        return None
    return policy_for(Inspection).rows_for(user, "view"), policy_for(Measure).rows_for(user, "view")


def enforcement_figure_labels() -> dict[str, list[tuple[str, str]]]:
    """(code, label) in catalogue order of what the enforcement figures are split by."""
    from baken.enforcement.models import MeasureStatus, ObjectType, Outcome

    cat = catalogue()
    items: dict[str, str] = {}
    for item in cat.checklist:
        items.setdefault(item.code, item.label)
    return {
        "object_types": [(kind.value, str(kind.label)) for kind in ObjectType],
        "outcomes": [(outcome.value, str(outcome.label)) for outcome in Outcome],
        "checklist": list(items.items()),
        "intent_types": [(code, choice.label) for code, choice in cat.intent_types.items()],
        "measure_statuses": [(status.value, str(status.label)) for status in MeasureStatus],
    }
