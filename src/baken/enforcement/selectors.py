"""Reads of Handhaven, through the access policies; each takes the acting user.

`cases_at_address` is what Verbinden shows on a signal: that a case exists at the address and
its phase, and whether this user may open it."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from baken.core.access import policy_for
from baken.core.dates import local_days
from baken.enforcement.catalogue.loader import Deadline, catalogue
from baken.enforcement.forms import LocationFilter
from baken.enforcement.models import (
    BarrierLink,
    BibobTest,
    CaseStatusChange,
    EnforcementCase,
    Finding,
    Inspection,
    InspectionPhoto,
    InspectionStatus,
    LetterTemplate,
    Location,
    Measure,
    MeasureAppeal,
    MeasureStatusChange,
)
from baken.enforcement.workflow import CASE_WORKFLOW, MEASURE_WORKFLOW


def locations(*, user, params) -> tuple[LocationFilter, QuerySet[Location]]:
    base = policy_for(Location).rows_for(user, "view")
    location_filter = LocationFilter(params, queryset=base)
    open_states = [code for code, state in CASE_WORKFLOW.states.items() if state.open]
    # A count per row shown, not a join grouped over the whole register: the page shows 25 of
    # perhaps 20,000 locations, and its row count needs no grouping either.
    open_cases = (
        policy_for(EnforcementCase)
        .rows_for(user, "view")
        .filter(location=OuterRef("pk"), status__in=open_states)
        .order_by()
        .values("location")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = location_filter.qs.annotate(open_cases=Coalesce(Subquery(open_cases), 0)).order_by(
        "street", "house_number", "id"
    )
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


def cases_visible(*, user) -> QuerySet[EnforcementCase]:
    """The enforcement cases the user may open (Casusoverleg links an aanmelding to one)."""
    return policy_for(EnforcementCase).rows_for(user, "view")


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
            "bibob_tests",
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


def inspection_photos(*, user, inspection: Inspection) -> list[InspectionPhoto]:
    return list(policy_for(InspectionPhoto).visible(user).filter(inspection_id=inspection.pk).order_by("id"))


def inspection_photo(*, user, case_pk: int, inspection_pk: int, pk: int) -> InspectionPhoto:
    return (
        policy_for(InspectionPhoto)
        .visible(user)
        .select_related("inspection__organisation")
        .filter(inspection__case_id=case_pk, inspection_id=inspection_pk, pk=pk)
        .first()
    ) or _not_found()


def measure_for(*, user, case_pk: int, pk: int, action: str = "view") -> Measure:
    return (
        policy_for(Measure)
        .rows_for(user, action)
        .select_related("case__location", "finding")
        .prefetch_related(
            Prefetch("status_changes", queryset=MeasureStatusChange.objects.select_related("actor")),
            Prefetch("appeals", queryset=MeasureAppeal.objects.order_by("lodged_on", "id")),
        )
        .filter(case_id=case_pk, pk=pk)
        .first()
    ) or _not_found()


def appeal_for(*, user, case_pk: int, measure_pk: int, pk: int, action: str = "view") -> MeasureAppeal:
    measures = policy_for(Measure).rows_for(user, action).filter(case_id=case_pk, pk=measure_pk)
    return (
        MeasureAppeal.objects.filter(measure__in=measures, pk=pk).select_related("measure__case").first()
    ) or _not_found()


@dataclass(frozen=True)
class AppealRow:
    appeal: MeasureAppeal
    #: A bezwaar lodged after the bezwaartermijn (the body decides whether that is excusable).
    late: bool


def appeals(measure: Measure, *, today: dt.date | None = None) -> tuple[list[AppealRow], "DeadlineRow | None"]:
    """The measure's appeals (from its prefetch) and, while no bezwaar is lodged, the
    bezwaartermijn from the catalogue, counted from the decision."""
    if measure.decided_on is None:
        return [], None
    term = catalogue().deadlines["bezwaartermijn"]
    due = term.after(measure.decided_on)
    rows = [
        AppealRow(appeal, late=appeal.kind == "bezwaar" and appeal.lodged_on > due) for appeal in measure.appeals.all()
    ]
    lodged = any(row.appeal.kind == "bezwaar" for row in rows)
    return rows, (None if lodged else _row(term, due, today or timezone.localdate()))


def letter_text(*, organisation_id: int, kind: str):
    """The letter text a municipality uses: its own version, or the standard text. Read by
    whoever may generate the letter from a case (not through the beheerder's policy)."""
    from baken.enforcement.letters import LetterText, standard_letters

    own = LetterTemplate.objects.filter(organisation_id=organisation_id, kind=kind).first()
    if own is None:
        return standard_letters()[kind]
    return LetterText(kind, own.title, own.body, own.revision)


def letter_template_for(*, user, kind: str) -> tuple[LetterTemplate | None, list]:
    """The beheerder's template of one kind (None: the standard text applies) and its versions."""
    rows = policy_for(LetterTemplate).rows_for(user, "view").filter(kind=kind)
    template = rows.prefetch_related("revisions__changed_by").first()
    return template, list(template.revisions.all()) if template else []


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


def bibob_for(*, user, case_pk: int, pk: int) -> BibobTest:
    """A Bibob test, seen with its case (404 beyond the user's clearance, as the case)."""
    return (
        policy_for(BibobTest)
        .rows_for(user, "view")
        .filter(case_id=case_pk, pk=pk)
        .select_related("case__location")
        .first()
    ) or _not_found()


def bibob_deadlines(test: BibobTest, *, today: dt.date | None = None) -> list[DeadlineRow]:
    """The LBB's advice deadline while the advice is awaited (and no decision taken)."""
    if test.decision or test.lbb_advice_received_on:
        return []
    row = _row(catalogue().deadlines["bibob_advies"], test.lbb_advice_due_on, today or timezone.localdate())
    return [row] if row else []


@dataclass(frozen=True)
class Suspension:
    """The decision term is suspended from the LBB request until the advice arrives, at most
    until the advice deadline (eight weeks plus at most four)."""

    start: dt.date
    end: dt.date
    days: int
    ongoing: bool


def bibob_suspension(test: BibobTest, *, today: dt.date | None = None) -> Suspension | None:
    if test.lbb_requested_on is None or test.lbb_advice_due_on is None:
        return None
    today = today or timezone.localdate()
    ongoing = test.lbb_advice_received_on is None and today < test.lbb_advice_due_on
    end = test.lbb_advice_received_on or min(today, test.lbb_advice_due_on)
    end = min(end, test.lbb_advice_due_on)
    return Suspension(test.lbb_requested_on, end, (end - test.lbb_requested_on).days, ongoing)


@dataclass(frozen=True)
class DueDeadline:
    """A deadline that asks for attention (in its warning period or passed), with its record: a
    measure or a Bibob test."""

    row: DeadlineRow
    measure: Measure | None = None
    bibob_test: BibobTest | None = None

    @property
    def case(self) -> EnforcementCase:
        return (self.measure or self.bibob_test).case


def _lookahead() -> int:
    """Days ahead a stored date can matter: the longest warning period, plus the hercontrole's
    day after the begunstigingstermijn."""
    return max(deadline.warn_before_days for deadline in catalogue().deadlines.values()) + 1


def deadlines_due(
    measures: QuerySet[Measure], bibob_tests: QuerySet[BibobTest], *, today: dt.date
) -> list[DueDeadline]:
    """The deadlines of these measures and Bibob tests that are in their warning period or
    passed, soonest first. Narrowed in the database to rows with a date near enough."""
    horizon = today + dt.timedelta(days=_lookahead())
    open_states = [code for code, state in MEASURE_WORKFLOW.states.items() if state.open]
    near = (
        Q(status="voornemen", view_due_on__lte=horizon)
        | Q(status="besluit", compliance_due_on__lte=horizon)
        | Q(status__in=["verbeurd", "invordering"], payment_due_on__lte=horizon)
        | Q(status__in=["verbeurd", "invordering"], collection_lapses_on__lte=horizon)
    )
    due = [
        DueDeadline(row, measure=measure)
        for measure in measures.filter(near, status__in=open_states).select_related("case__location")
        for row in measure_deadlines(measure, today=today)
        if row.state
    ]
    tests = bibob_tests.filter(
        decision="", lbb_advice_received_on__isnull=True, lbb_advice_due_on__lte=horizon
    ).select_related("case__location")
    due += [
        DueDeadline(row, bibob_test=test) for test in tests for row in bibob_deadlines(test, today=today) if row.state
    ]
    return sorted(due, key=lambda item: (item.row.due_on, item.case.pk))


#: What a listed deadline shows of its case: the reference and the address (Location.address).
_LISTED_CASE = (
    "case",
    "case__reference",
    "case__location",
    "case__location__street",
    "case__location__house_number",
    "case__location__postcode",
    "case__location__city",
)
#: What the deadlines are computed from (measure_deadlines, bibob_deadlines).
_MEASURE_DATES = ("status", "view_due_on", "compliance_due_on", "payment_due_on", "collection_lapses_on")
_BIBOB_DATES = ("decision", "lbb_advice_received_on", "lbb_advice_due_on")


def my_deadlines(*, user, today: dt.date | None = None) -> list[DueDeadline]:
    """The deadlines that ask this user's attention: of the measures and Bibob tests they may
    work on, in open cases. Only what the list shows is loaded: a municipality can have
    thousands of deadlines passed, and each is a measure, a case and a location."""
    open_cases = [code for code, state in CASE_WORKFLOW.states.items() if state.open]
    return deadlines_due(
        policy_for(Measure)
        .rows_for(user, "change")
        .filter(case__status__in=open_cases)
        .only(*_MEASURE_DATES, *_LISTED_CASE),
        policy_for(BibobTest)
        .rows_for(user, "change")
        .filter(case__status__in=open_cases)
        .only(*_BIBOB_DATES, *_LISTED_CASE),
        today=today or timezone.localdate(),
    )


#: Deadlines shown on the register and the start page; all of them on their own page.
DEADLINES_SHOWN = 5


def deadlines_first(*, user) -> tuple[list[DueDeadline], int]:
    """The earliest of the user's deadlines that ask attention, and how many there are."""
    deadlines = my_deadlines(user=user)
    return deadlines[:DEADLINES_SHOWN], len(deadlines)


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
    deadlines, total = deadlines_first(user=user)
    return {"planned": upcoming, "deadlines": deadlines, "deadlines_total": total}


def enforcement_team_set(user) -> bool:
    """Set-up step: the municipality has a toezichthouder and a handhavingsjurist."""
    from baken.accounts.models import User

    accounts = policy_for(User).visible(user).filter(is_active=True)
    return all(accounts.filter(groups__name=role).exists() for role in ("toezichthouder", "handhavingsjurist"))


@dataclass(frozen=True)
class RaisedBarrier:
    barrier_key: str
    text: str
    times: int
    first_on: dt.date
    last_on: dt.date


def barriers_raised(*, user, model_code: str) -> dict[str, list[RaisedBarrier]]:
    """Per step of a barrier model: which barriers the user's municipality raised through
    inspections and measures, how often and when (first and last). For the Kennisbank's model
    page: counts and dates only, never a case, an address or a party, and only over the links the
    user may see through `BarrierLink`'s policy (the cases they may open, at their clearance), so
    that a count of one and its date cannot point a reader without access to a sensitive case."""
    if not user.organisation_id:
        return {}
    rows = (
        policy_for(BarrierLink)
        .scope(user)
        .filter(organisation_id=user.organisation_id, model_code=model_code)
        .values("step_code", "barrier_key")
        .annotate(times=Count("id"), first_on=Min("raised_on"), last_on=Max("raised_on"), text=Max("barrier_text"))
        .order_by("step_code", "-last_on", "barrier_key")
    )
    raised: dict[str, list[RaisedBarrier]] = {}
    for row in rows:
        raised.setdefault(row["step_code"], []).append(
            RaisedBarrier(row["barrier_key"], row["text"], row["times"], row["first_on"], row["last_on"])
        )
    return raised


def barrier_links_of(source) -> list[BarrierLink]:
    """The links of an inspection or a measure the caller already holds through its policy."""
    return list(source.barrier_links.order_by("id"))


# --- figures for the reporting app: counts, never the cases themselves ---------------------------


@dataclass(frozen=True)
class EnforcementCounts:
    """Counts of the inspections performed in a period (split by object type and by outcome, each
    adding up to `inspections`), their findings by checklist item, the measures sent in it (split
    by type and by stand, each adding up to `measures`), the rechecks that fell due in it, and the
    Bibob tests decided in it by decision."""

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
    #: Bibob tests decided in the period, by decision (catalogue code).
    bibob_by_decision: dict[str, int]


def enforcement_counts(
    inspections: QuerySet[Inspection],
    measures: QuerySet[Measure],
    bibob_tests: QuerySet[BibobTest],
    *,
    start: dt.date,
    end: dt.date,
    today=None,
) -> EnforcementCounts:
    """Counts over `inspections`, `measures` and `bibob_tests` (the rows an enforcer may see, or a
    municipality's for figures that reporting suppresses), in a constant number of queries."""
    from django.db.models import Min

    today = today or timezone.localdate()
    done = inspections.filter(status=InspectionStatus.DONE, **local_days("performed_at", start, end)).order_by()
    by_object_type: Counter = Counter()
    by_outcome: Counter = Counter()
    for object_type, outcome, n in done.values_list("case__location__object_type", "outcome").annotate(n=Count("pk")):
        by_object_type[object_type] += n
        by_outcome[outcome] += n
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
        inspections_by_object_type=dict(by_object_type),
        inspections_by_outcome=dict(by_outcome),
        findings_by_item=findings,
        measures=sum(by_status.values()),
        measures_by_type=by_type,
        measures_by_status=by_status,
        rechecks_on_time=tuple(on_time),
        bibob_by_decision=dict(
            bibob_tests.filter(decided_on__gte=start, decided_on__lte=end)
            .values_list("decision")
            .annotate(n=Count("pk"))
            .order_by()
        ),
    )


def organisation_enforcement_counts(organisation_id: int, *, start: dt.date, end: dt.date) -> EnforcementCounts:
    """Counts of every inspection and measure of one municipality, whatever its confidentiality,
    for figures that reporting suppresses before anyone who may not see the cases reads them."""
    return enforcement_counts(
        Inspection.objects.filter(organisation_id=organisation_id),
        Measure.objects.filter(organisation_id=organisation_id),
        BibobTest.objects.filter(organisation_id=organisation_id),
        start=start,
        end=end,
    )


def enforcement_figure_rows(*, user) -> tuple[QuerySet[Inspection], QuerySet[Measure], QuerySet[BibobTest]] | None:
    """The inspections, measures and Bibob tests a toezichthouder or handhavingsjurist may see, or
    None for anyone else: the rows their figures are counted over in full."""
    if not policy_for(EnforcementCase).user_may(user, "view"):
        return None
    return (
        policy_for(Inspection).rows_for(user, "view"),
        policy_for(Measure).rows_for(user, "view"),
        policy_for(BibobTest).rows_for(user, "view"),
    )


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
        "bibob_decisions": [(code, choice.label) for code, choice in cat.bibob_decisions.items()],
    }


def inspection_totals_per_organisation(organisation_ids: list[int], *, start: dt.date, end: dt.date) -> dict[int, int]:
    """Inspections carried out from `start` to `end` per organisation, in one query; for the
    region's comparison, which reporting suppresses before anyone reads it."""
    rows = (
        Inspection.objects.filter(
            organisation_id__in=organisation_ids,
            status=InspectionStatus.DONE,
            **local_days("performed_at", start, end),
        )
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)
