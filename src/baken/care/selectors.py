"""Reads of Zorg, through the access policy; each takes the acting user."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.care.catalogue.loader import DeadlineRule, Entry, catalogue
from baken.care.models import (
    REAL_CONTACT,
    CareCase,
    CareCaseStatusChange,
    CareClosureRequest,
    CareContact,
    CareNameReveal,
    CarePhase,
    CarePlanAction,
    CarePlanGoal,
    CareProcedure,
    CareProvider,
    CareReferral,
    CareRegionSetting,
    CareTrack,
    CareTrackChange,
    ClosureRequestStatus,
    ComenshaRegistration,
    ShelterPlacement,
)
from baken.care.policies import handovers_for
from baken.care.tracks import INCOME, LEGAL, TrackSpec, spec_for
from baken.care.workflow import CARE_WORKFLOW
from baken.coordination.selectors import handover_shared_values
from baken.core.access import policy_for
from baken.core.crypto import blind_index_filter
from baken.core.db_functions import DaysBetween
from baken.partners.models import PartnerType
from baken.partners.selectors import handover_partners

#: How long a revealed name stays visible to the user who revealed it.
REVEAL_MINUTES = 15
#: The start page and the list show deadlines this many days ahead.
UPCOMING_DAYS = 14

LIST_FIELDS = (
    "id",
    "reference",
    "pseudonym",
    "status",
    "registered_on",
    "organisation__name",
    "responsible__username",
    "responsible__first_name",
    "responsible__last_name",
)


def cases_visible(*, user) -> QuerySet[CareCase]:
    return policy_for(CareCase).visible(user)


def cases_with_identity(*, user, bsn: str = "", name: str = "") -> QuerySet[CareCase]:
    """The visible cases of exactly this BSN and/or name (normalised: spacing, case and accents
    ignored), found through the blind indexes: the columns themselves are encrypted. Nothing
    when neither is given. The caller audits the search (it looks for a person)."""
    if not bsn.strip() and not name.strip():
        return CareCase.objects.none()
    rows = cases_visible(user=user)
    if bsn.strip():
        rows = rows.filter(blind_index_filter(CareCase, "bsn_index", bsn))
    if name.strip():
        rows = rows.filter(blind_index_filter(CareCase, "name_index", name))
    return rows


def may_manage(*, user) -> bool:
    return policy_for(CareCase).user_may(user, "manage")


class CaseListForm(forms.Form):
    """The list's filter, read from the query string."""

    fase = forms.ChoiceField(label=_("Fase"), required=False, choices=[("", _("Alle")), *CarePhase.choices])
    open = forms.BooleanField(label=_("Alleen lopende trajecten"), required=False)
    mijn = forms.BooleanField(label=_("Alleen trajecten op mijn naam"), required=False)


def case_list(*, user, params) -> tuple[CaseListForm, "CaseListRows"]:
    form = CaseListForm(params)
    rows = cases_visible(user=user)
    if form.is_valid():
        if form.cleaned_data["fase"]:
            rows = rows.filter(status=form.cleaned_data["fase"])
        if form.cleaned_data["open"]:
            rows = rows.exclude(status__in=[CarePhase.CLOSED, CarePhase.NOT_TAKEN_ON])
        if form.cleaned_data["mijn"]:
            rows = rows.filter(responsible=user)
    return form, CaseListRows(rows)


class CaseListRows:
    """The list's rows for the paginator: how many there are, and a page of them in one query
    that first takes the page's ids, in order, from the index (carecase_scope_idx) and then reads
    those rows with what the list shows. Sorting the rows themselves would read every case of a
    region (bench/care.py). Both steps keep the policy's filter."""

    ordered = True
    ORDER = ("-registered_on", "-id")

    def __init__(self, rows: QuerySet[CareCase]):
        self.rows = rows

    def count(self) -> int:
        return self.rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[CareCase]:
        page = self.rows.order_by(*self.ORDER).values("pk")[key]
        return list(
            self.rows.filter(pk__in=page)
            .select_related("organisation", "responsible")
            .only(*LIST_FIELDS)
            .order_by(*self.ORDER)
        )


def _counts_per_phase(user) -> dict[str, tuple[int, int]]:
    """Per phase: the visible cases, and those of them on the user's name; one query."""
    rows = (
        cases_visible(user=user)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"), mine=Count("id", filter=Q(responsible=user)))
        .values_list("status", "n", "mine")
    )
    return {status: (n, mine) for status, n, mine in rows}


def phase_counts(*, user, counts: dict[str, tuple[int, int]] | None = None) -> list[tuple[str, str, int]]:
    counts = _counts_per_phase(user) if counts is None else counts
    return [(phase.value, phase.label, counts.get(phase.value, (0, 0))[0]) for phase in CarePhase]


# --- aanmeldingen: hand-overs of signals to zorgcoördinatie ------------------------------------


def _pending(user) -> QuerySet:
    started = CareCase.objects.filter(handover_id=OuterRef("pk"))
    return handovers_for(user).filter(~Exists(started))


def pending_handovers(*, user) -> QuerySet:
    """Hand-overs that no care case has been started (or declined) from yet."""
    return (
        _pending(user)
        .select_related("organisation", "signal")
        .only("id", "shared_on", "purpose", "legal_ground", "organisation__name", "signal__reference")
        .order_by("shared_on", "id")
    )


def handover_for(*, user, pk: int):
    """A pending hand-over the user receives, or 404."""
    handover = _pending(user).filter(pk=pk).select_related("organisation", "signal", "partner", "created_by").first()
    if handover is None:
        raise Http404
    return handover


def handover_values(handover) -> list[tuple[str, str]]:
    return handover_shared_values(handover)


# --- one case -----------------------------------------------------------------------------------


def case_for(*, user, pk: int) -> CareCase:
    """The case with what its page shows, or 404."""
    case = (
        cases_visible(user=user)
        .filter(pk=pk)
        .select_related("organisation", "responsible", "comensha_registration__reported_by", "signal", "created_by")
        .prefetch_related(
            Prefetch("status_changes", queryset=CareCaseStatusChange.objects.select_related("actor")),
            Prefetch("procedures", queryset=CareProcedure.objects.order_by("due_on", "id")),
            Prefetch("referrals", queryset=CareReferral.objects.select_related("partner").order_by("due_on", "id")),
            Prefetch("shelter_placements", queryset=ShelterPlacement.objects.select_related("provider")),
            Prefetch("plan_goals", queryset=CarePlanGoal.objects.prefetch_related("actions")),
            # Newest first (the model's order): contact_status and the page's list share them.
            Prefetch("contacts", queryset=CareContact.objects.select_related("created_by")),
            Prefetch(
                "tracks",
                queryset=CareTrack.objects.prefetch_related(
                    Prefetch("status_changes", queryset=CareTrackChange.objects.select_related("actor"))
                ),
            ),
        )
        .first()
    )
    if case is None:
        raise Http404
    return case


def may_read_shelter_address(*, user, case: CareCase) -> bool:
    return policy_for(CareCase).allows(user, "view_shelter_address", case)


def name_revealed(*, user, case: CareCase, now: dt.datetime | None = None) -> bool:
    """Has this user revealed the name in the last REVEAL_MINUTES (with a reason, audited)?"""
    since = (now or timezone.now()) - dt.timedelta(minutes=REVEAL_MINUTES)
    return CareNameReveal.objects.filter(case=case, actor=user, revealed_at__gte=since).exists()


#: Below this age a person is a minor.
ADULT_AGE = 18


def identity_facts(case: CareCase) -> list[tuple[str, str]]:
    """Who the person is on paper: read only after the name was revealed."""
    facts = [
        (str(_("Andere namen")), case.aliases),
        (str(_("Ouders, voogd of wettelijk vertegenwoordiger")), case.guardian),
        (str(_("BSN")), case.bsn),
        (str(_("V-nummer")), case.v_number),
    ]
    return [(label, value) for label, value in facts if value]


def general_facts(case: CareCase, *, today: dt.date | None = None) -> list[tuple[str, str]]:
    """What everyone who sees the case may read about the person: age (and minor), sex,
    nationality, languages, residence status, accompanying children."""
    today = today or timezone.localdate()
    facts: list[tuple[str, str]] = []
    if case.birth_date:
        age = age_at(case.birth_date, today)
        text = _("%(age)s jaar") % {"age": age}
        if case.birth_date_estimated:
            text += " " + str(_("(geschat)"))
        if age < ADULT_AGE:
            text += " — " + str(_("minderjarig"))
        facts.append((str(_("Leeftijd")), text))
    facts += [
        (str(_("Geslacht")), str(case.get_sex_display()) if case.sex else ""),
        (str(_("Nationaliteit")), case.nationality),
        (str(_("Talen")), case.languages + (" — " + str(_("tolk nodig")) if case.interpreter_needed else "")),
        (str(_("Verblijfsstatus")), str(case.get_residence_status_display())),
        (str(_("Meegekomen kinderen")), str(case.accompanying_children) if case.accompanying_children else ""),
    ]
    return [(label, value) for label, value in facts if value]


def case_methods(case: CareCase) -> dict[str, list]:
    """The case's means of control and ways of recruitment as catalogue entries (label and
    HTCDS code), in the catalogue's order; a code a later catalogue dropped shows as itself."""
    data = catalogue()

    def entries(codes, values):
        return [values.get(code) or Entry(code=code, label=code, htcds_code="", order=0) for code in codes]

    return {
        "control": entries(case.control_methods, data.control_methods),
        "recruitment": entries(case.recruitment_methods, data.recruitment_methods),
    }


def person_facts(case: CareCase, *, revealed: bool, today: dt.date | None = None) -> list[tuple[str, str]]:
    """What the case page says about the person: the identity only to a user who revealed it."""
    return (identity_facts(case) if revealed else []) + general_facts(case, today=today)


def summary_context(case: CareCase, *, sections: list[str], today: dt.date | None = None) -> dict:
    """What a trajectory summary holds, only for the chosen sections (the shelter address is
    never one of them)."""
    today = today or timezone.localdate()
    data = catalogue()
    context: dict = {}
    if "identiteit" in sections:
        context["identity"] = [(str(_("Naam")), case.full_name), *identity_facts(case)]
    if "persoon" in sections:
        context["person"] = general_facts(case, today=today)
    if "tijdlijn" in sections:
        context["timeline"] = timeline(case, today=today)
    if "sporen" in sections:
        context["tracks"] = list(case.tracks.all())
    if "plan" in sections:
        context["plan"] = [(data.life_domains.get(goal.domain), goal) for goal in case.plan_goals.all()]
    if "verwijzingen" in sections:
        context["referrals"] = [(data.service_types.get(row.service_type), row) for row in case.referrals.all()]
    if "opvang" in sections:
        context["placements"] = [
            (data.shelter_types.get(row.shelter_type), row) for row in case.shelter_placements.all()
        ]
    if "contacten" in sections:
        context["contacts"] = list(case.contacts.all()[:50])
    return context


def user_transitions(case: CareCase) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for transition in CARE_WORKFLOW.user_transitions_from(case.status):
        seen.setdefault(transition.target, str(transition.label))
    return list(seen.items())


# --- closing with four eyes ---------------------------------------------------------------------


def closure_needs_approval(case: CareCase) -> bool:
    """Does closing this case need a second zorgcoördinator? What its region agreed
    (CareRegionSetting); yes for a municipality without a region or a region without a setting."""
    region_id = case.organisation.region_id
    if region_id is None:
        return True
    setting = CareRegionSetting.objects.filter(region_id=region_id).only("closure_needs_approval").first()
    return True if setting is None else setting.closure_needs_approval


def region_setting(*, user) -> CareRegionSetting | None:
    """The setting of a regional zorgcoördinator's region (None: the defaults apply)."""
    return CareRegionSetting.objects.filter(region_id=user.region_id).first()


def may_set_region(*, user) -> bool:
    return bool(user.region_id and not user.organisation_id) and may_manage(user=user)


def closure_requests(case: CareCase) -> list[CareClosureRequest]:
    return list(case.closure_requests.select_related("requested_by", "decided_by"))


def closure_approvers(case: CareCase, *, proposer) -> int:
    """How many other zorgcoördinatoren could approve closing this case."""
    return policy_for(CareCase).users_for(case, "manage").exclude(pk=proposer.pk).count()


def closures_to_approve(*, user) -> QuerySet[CareClosureRequest]:
    """Proposals to close that wait for this user: on cases they may manage, by someone else."""
    return (
        CareClosureRequest.objects.filter(
            case__in=policy_for(CareCase).rows_for(user, "manage"), status=ClosureRequestStatus.PENDING
        )
        .exclude(requested_by=user)
        .select_related("case")
        .order_by("requested_at", "id")
    )


@dataclass(frozen=True)
class ContactStatus:
    #: The last real contact (an attempt does not count), or None.
    last_on: dt.date | None
    #: Days since the last real contact, or since the case began when there was none.
    days_without: int
    #: The next contact agreed at the latest contact, and whether that day has passed.
    next_by: dt.date | None
    next_overdue: bool
    #: Long without contact in an open phase: the page proposes 'contact verloren'.
    propose_lost: bool
    lost_after_days: int


def contact_status(case: CareCase, *, today: dt.date | None = None) -> ContactStatus:
    """How long the person has been out of contact, and whether to propose 'contact verloren'
    (after the catalogue's contact_lost_days, in a phase that can lose contact)."""
    today = today or timezone.localdate()
    contacts = list(case.contacts.all())
    real = [contact.contact_on for contact in contacts if contact.kind in REAL_CONTACT]
    last_on = max(real, default=None)
    since = last_on or timezone.localtime(case.created_at).date()
    days_without = max((today - since).days, 0)
    latest = contacts[0] if contacts else None  # ordered newest first
    next_by = latest.next_contact_by if latest is not None else None
    lost_after = catalogue().contact_lost_days
    can_lose = any(target == CarePhase.CONTACT_LOST for target, _label in user_transitions(case))
    return ContactStatus(
        last_on=last_on,
        days_without=days_without,
        next_by=next_by,
        next_overdue=next_by is not None and next_by < today,
        propose_lost=can_lose and days_without > lost_after,
        lost_after_days=lost_after,
    )


@dataclass(frozen=True)
class TimelineItem:
    procedure: CareProcedure
    rule: DeadlineRule | None
    days_left: int
    overdue: bool
    reminder_due: bool
    #: The legal or income track whose step put this deadline here, if any.
    track: CareTrack | None = None
    #: A date from which something is possible (continued stay) has come: "nu aan te vragen".
    available: bool = False

    @property
    def done(self) -> bool:
        return self.procedure.done_on is not None


def _timeline_item(procedure: CareProcedure, rule: DeadlineRule | None, today: dt.date, track=None) -> TimelineItem:
    open_ = procedure.done_on is None
    eligibility = rule is not None and rule.eligibility
    return TimelineItem(
        procedure=procedure,
        rule=rule,
        days_left=(procedure.due_on - today).days,
        overdue=open_ and procedure.due_on < today and not eligibility,
        reminder_due=open_ and procedure.remind_on <= today,
        track=track,
        available=open_ and eligibility and procedure.due_on <= today,
    )


def timeline(case: CareCase, *, today: dt.date | None = None) -> list[TimelineItem]:
    """Every procedure of the case, running ones first by deadline, then the finished ones."""
    today = today or timezone.localdate()
    rules = catalogue().deadlines
    tracks = {track.pk: track for track in case.tracks.all()}
    items = [
        _timeline_item(procedure, rules.get(procedure.kind), today, tracks.get(procedure.track_id))
        for procedure in case.procedures.all()
    ]
    return sorted(items, key=lambda item: (item.done, item.procedure.due_on, item.procedure.pk))


@dataclass(frozen=True)
class TimelineDate:
    """A date of the trajectory kept in its own section of the page (a referral's expected answer,
    a stay's planned end), shown on the timeline too so that every date is in one place."""

    label: str
    due_label: str
    due_on: dt.date
    overdue: bool
    #: the section of the case page that records it
    anchor: str


def timeline_dates(case: CareCase, *, today: dt.date | None = None) -> list[TimelineDate]:
    """Referrals still without an answer and stays still running with a planned end, by date
    (from the prefetched rows of case_for)."""
    today = today or timezone.localdate()
    data = catalogue()
    rows = []
    for referral in case.referrals.all():
        if referral.implemented_on is None and referral.consent_withdrawn_on is None:
            service = data.service_types.get(referral.service_type)
            rows.append(
                TimelineDate(
                    label=_("Verwijzing: %(service)s, %(partner)s")
                    % {
                        "service": service.label if service else referral.service_type,
                        "partner": referral.partner.name,
                    },
                    due_label=_("Antwoord verwacht"),
                    due_on=referral.due_on,
                    overdue=referral.due_on < today,
                    anchor="referrals",
                )
            )
    for placement in case.shelter_placements.all():
        if placement.ended_on is None and placement.planned_end_on is not None:
            kind = data.shelter_types.get(placement.shelter_type)
            rows.append(
                TimelineDate(
                    label=_("Opvang: %(type)s, %(provider)s")
                    % {"type": kind.label if kind else placement.shelter_type, "provider": placement.provider.name},
                    due_label=_("Geplande einddatum opvang"),
                    due_on=placement.planned_end_on,
                    overdue=placement.planned_end_on < today,
                    anchor="shelter",
                )
            )
    return sorted(rows, key=lambda row: row.due_on)


@dataclass(frozen=True)
class TrackRow:
    track: CareTrack
    spec: TrackSpec
    is_open: bool
    #: (target state, label) of the steps a user may take next
    steps: list[tuple[str, str]]
    #: the track's deadlines on the timeline, running first
    deadlines: list[TimelineItem]


def track_rows(case: CareCase, *, today: dt.date | None = None) -> dict[str, list[TrackRow]]:
    """The case's legal track and its income and insurance, each procedure with its stand, its
    next steps and its deadlines (from the prefetched rows of case_for)."""
    today = today or timezone.localdate()
    rules = catalogue().deadlines
    deadlines: dict[int, list[TimelineItem]] = {}
    for procedure in case.procedures.all():
        if procedure.track_id:
            deadlines.setdefault(procedure.track_id, []).append(
                _timeline_item(procedure, rules.get(procedure.kind), today)
            )
    groups: dict[str, list[TrackRow]] = {LEGAL: [], INCOME: []}
    for track in case.tracks.all():
        spec = spec_for(track.kind)
        steps: dict[str, str] = {}
        for transition in spec.workflow.user_transitions_from(track.status):
            steps.setdefault(transition.target, str(transition.label))
        groups[spec.group].append(
            TrackRow(
                track=track,
                spec=spec,
                is_open=spec.workflow.is_open(track.status),
                steps=list(steps.items()),
                deadlines=sorted(deadlines.get(track.pk, []), key=lambda row: (row.done, row.procedure.due_on)),
            )
        )
    return groups


#: Phases in which nothing is to be done any more: their dates are not on anybody's list.
FINISHED_PHASES = (CarePhase.CLOSED, CarePhase.NOT_TAKEN_ON)


def _open_cases(user) -> QuerySet[CareCase]:
    return cases_visible(user=user).exclude(status__in=FINISHED_PHASES)


def _eligibility_kinds() -> set[str]:
    """Deadline kinds that are a date from which something is possible (continued stay): once
    reached they are "nu aan te vragen", never overdue."""
    return {code for code, rule in catalogue().deadlines.items() if rule.eligibility}


def upcoming_deadlines(*, user, days: int = UPCOMING_DAYS, today: dt.date | None = None, limit: int = 20):
    """Running procedures of the user's open cases due from today up to `days` ahead, and the
    dates from which something is possible (continued stay) already reached. Overdue ones are in
    overdue_deadlines."""
    today = today or timezone.localdate()
    return (
        CareProcedure.objects.filter(
            case__in=_open_cases(user), done_on__isnull=True, due_on__lte=today + dt.timedelta(days=days)
        )
        .filter(Q(due_on__gte=today) | Q(kind__in=_eligibility_kinds()))
        .select_related("case")
        .only("id", "kind", "due_on", "case__id", "case__reference", "case__pseudonym")
        .order_by("due_on", "id")[:limit]
    )


def overdue_deadlines(*, user, today: dt.date | None = None):
    """Running procedures of the user's open cases whose deadline has passed (not the dates from
    which something is possible)."""
    today = today or timezone.localdate()
    return (
        CareProcedure.objects.filter(case__in=_open_cases(user), done_on__isnull=True, due_on__lt=today)
        .exclude(kind__in=_eligibility_kinds())
        .select_related("case")
        .only("id", "kind", "due_on", "case__id", "case__reference", "case__pseudonym")
        .order_by("due_on", "id")
    )


def open_referrals(*, user, days: int | None = None, today: dt.date | None = None, limit: int = 20):
    """Referrals of the user's open cases still without an answer (not carried out, consent not
    withdrawn), by the date the answer is due; with `days`, only those due within it or overdue."""
    today = today or timezone.localdate()
    rows = CareReferral.objects.filter(
        case__in=_open_cases(user), implemented_on__isnull=True, consent_withdrawn_on__isnull=True
    )
    if days is not None:
        rows = rows.filter(due_on__lte=today + dt.timedelta(days=days))
    return (
        rows.select_related("case", "partner")
        .only("id", "service_type", "due_on", "case__id", "case__pseudonym", "partner__name")
        .order_by("due_on", "id")[:limit]
    )


def _plan_actions(user, window: dict) -> QuerySet[CarePlanAction]:
    return (
        CarePlanAction.objects.filter(goal__case__in=_open_cases(user), done_on__isnull=True, **window)
        .select_related("goal__case")
        .only("id", "description", "owner", "due_on", "goal__id", "goal__case__id", "goal__case__pseudonym")
        .order_by("due_on", "id")
    )


def plan_actions_due(*, user, days: int = UPCOMING_DAYS, today: dt.date | None = None, limit: int = 20):
    """Agreed actions of care plans of the user's open cases, not done, due from today up to
    `days` ahead (overdue ones are in overdue_items)."""
    today = today or timezone.localdate()
    return _plan_actions(user, {"due_on__gte": today, "due_on__lte": today + dt.timedelta(days=days)})[:limit]


def _placements(user, window: dict) -> QuerySet[ShelterPlacement]:
    return (
        ShelterPlacement.objects.filter(case__in=_open_cases(user), ended_on__isnull=True, **window)
        .select_related("case")
        .only("id", "shelter_type", "planned_end_on", "case__id", "case__pseudonym")
        .order_by("planned_end_on", "id")
    )


def shelter_ending(*, user, days: int = UPCOMING_DAYS, today: dt.date | None = None, limit: int = 20):
    """Running shelter placements of the user's open cases whose planned end falls from today up
    to `days` ahead (passed ones are in overdue_items)."""
    today = today or timezone.localdate()
    return _placements(user, {"planned_end_on__gte": today, "planned_end_on__lte": today + dt.timedelta(days=days)})[
        :limit
    ]


@dataclass(frozen=True)
class OverdueItem:
    case_id: int
    pseudonym: str
    label: str
    due_on: dt.date
    #: the section of the case page where it is handled
    anchor: str


def overdue_items(*, user, today: dt.date | None = None, limit: int = 30) -> tuple[list[OverdueItem], int]:
    """Everything past its date on the user's open cases, one list by date: deadlines, answers
    to referrals, agreed actions of the plans and planned ends of shelter. Returns the first
    `limit` rows and how many there are in all."""
    today = today or timezone.localdate()
    data = catalogue()
    referrals = (
        CareReferral.objects.filter(
            case__in=_open_cases(user),
            implemented_on__isnull=True,
            consent_withdrawn_on__isnull=True,
            due_on__lt=today,
        )
        .select_related("case", "partner")
        .only("id", "service_type", "due_on", "case__id", "case__pseudonym", "partner__name")
        .order_by("due_on", "id")
    )
    total = 0
    rows: list[OverdueItem] = []

    def take(queryset, make) -> None:
        # The first `limit` rows and how many there are in all, in one query whatever the number
        # (the window counts every row before LIMIT): a count query only past the limit would
        # make the page's queries grow with the data.
        nonlocal total
        found = list(queryset.annotate(overdue_total=Window(Count("pk")))[:limit])
        total += found[0].overdue_total if found else 0
        rows.extend(make(row) for row in found)

    take(
        overdue_deadlines(user=user, today=today),
        lambda row: OverdueItem(
            row.case.pk, row.case.pseudonym, _label(data.deadlines, row.kind, "due_label"), row.due_on, "timeline"
        ),
    )
    take(
        referrals,
        lambda row: OverdueItem(
            row.case.pk,
            row.case.pseudonym,
            _("Antwoord op verwijzing: %(service)s (%(partner)s)")
            % {"service": _label(data.service_types, row.service_type), "partner": row.partner.name},
            row.due_on,
            "referrals",
        ),
    )
    take(
        _plan_actions(user, {"due_on__lt": today}),
        lambda row: OverdueItem(
            row.goal.case.pk,
            row.goal.case.pseudonym,
            _("Afspraak: %(description)s") % {"description": row.description},
            row.due_on,
            "plan",
        ),
    )
    take(
        _placements(user, {"planned_end_on__lt": today}),
        lambda row: OverdueItem(
            row.case.pk,
            row.case.pseudonym,
            _("Gepland einde opvang: %(type)s") % {"type": _label(data.shelter_types, row.shelter_type)},
            row.planned_end_on,
            "shelter",
        ),
    )
    return sorted(rows, key=lambda row: (row.due_on, row.pseudonym))[:limit], total


def _label(entries: dict, code: str, attribute: str = "label") -> str:
    entry = entries.get(code)
    return getattr(entry, attribute) if entry else code


def my_phase_counts(*, user, counts: dict[str, tuple[int, int]] | None = None) -> list[tuple[str, str, int]]:
    """The user's own trajectories (on their name) that they may still see, per phase; only
    phases with any."""
    counts = _counts_per_phase(user) if counts is None else counts
    mine = {status: own for status, (_n, own) in counts.items()}
    return [(phase.value, phase.label, mine[phase.value]) for phase in CarePhase if mine.get(phase.value)]


# --- shelter costs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PayerTotal:
    code: str
    label: str
    placements: int
    days: int
    amount: Decimal
    unpriced_days: int


def placement_days(placement, start: dt.date, end: dt.date, today: dt.date) -> int:
    """Days of the placement within [start, end], counting a running stay up to today."""
    last = min(placement.ended_on or today, end)
    first = max(placement.started_on, start)
    return max(0, (last - first).days + 1)


def shelter_costs(*, user, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[PayerTotal]:
    """Days and costs of shelter per payer in a period, over the cases the user may read."""
    return _payer_totals(cases_visible(user=user), start=start, end=end, today=today or timezone.localdate())


#: Sums of costs: whole euros and cents, room for a region's years.
MONEY = DecimalField(max_digits=16, decimal_places=2)


def _payer_totals(cases: QuerySet[CareCase], *, start: dt.date, end: dt.date, today: dt.date) -> list[PayerTotal]:
    """Days and costs of shelter per payer of the placements of `cases` that overlap the period,
    in the catalogue's order of payers; a stay without a cost per day counts its days separately.
    The database counts the days (a running stay up to today) and adds them up per payer."""
    days = DaysBetween(
        Greatest("started_on", Value(start)), Least(Coalesce("ended_on", Value(today)), Value(end))
    ) + Value(1)
    rows = (
        ShelterPlacement.objects.filter(case__in=cases, started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .annotate(days=days)
        .filter(days__gt=0)
        .values_list("payer")
        .annotate(
            placements=Count("pk"),
            total_days=Sum("days"),
            amount=Sum(ExpressionWrapper(F("cost_per_day") * F("days"), output_field=MONEY)),
            unpriced=Sum("days", filter=Q(cost_per_day__isnull=True)),
        )
        .order_by()
    )
    totals = {
        payer: {"placements": n, "days": total_days, "amount": amount or Decimal(0), "unpriced": unpriced or 0}
        for payer, n, total_days, amount, unpriced in rows
    }
    payers = catalogue().payers
    return [
        PayerTotal(
            code=code,
            label=payers[code].label if code in payers else code,
            placements=values["placements"],
            days=values["days"],
            amount=values["amount"],
            unpriced_days=values["unpriced"],
        )
        for code, values in sorted(totals.items(), key=lambda item: payers[item[0]].order if item[0] in payers else 999)
    ]


# --- CoMensha: exactly the fields of the form -----------------------------------------------------


def comensha_fields(case: CareCase, registration: ComenshaRegistration) -> list[tuple[str, str]]:
    """The fields CoMensha's registration form asks for, in its order, for the export (PDF and
    CSV). No name, no address: country of origin, age, sex, exploitation and intake information."""
    cat = catalogue()
    if case.birth_date:
        age = str(age_at(case.birth_date, registration.reported_on))
        if case.birth_date_estimated:
            age += " (" + str(_("geschat")) + ")"
    else:
        age = str(_("onbekend"))
    form = cat.exploitation_forms.get(registration.exploitation_form)
    sector = cat.sectors.get(registration.sector)
    source = cat.sources.get(case.source)
    return [
        (str(_("Kenmerk CoMensha")), registration.reference),
        (str(_("Datum melding")), registration.reported_on.isoformat()),
        (str(_("Gemeld door")), f"{case.organisation.name}"),
        (str(_("Aangemeld door (bron)")), source.label if source else case.source),
        (str(_("Grondslag")), str(registration.get_legal_basis_display())),
        (str(_("Soort dossier")), str(registration.get_dossier_type_display())),
        (str(_("Vorm van uitbuiting")), form.label if form else registration.exploitation_form),
        (str(_("Sector")), sector.label if sector else registration.sector),
        (str(_("Land van herkomst")), case.nationality or str(_("onbekend"))),
        (str(_("Leeftijd")), age),
        (str(_("Geslacht")), str(case.get_sex_display()) if case.sex else str(_("onbekend"))),
        (str(_("Toelichting bij de intake")), registration.intake_info),
    ]


def age_at(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


# --- for other pages: the start page, the signal page, the set-up checklist ----------------------


def home_panel(*, user) -> dict | None:
    """The zorgcoördinator's day, for the start page and /zorg/: aanmeldingen waiting, closures
    to approve, all trajectories and their own per phase, everything overdue, deadlines in the
    next 14 days, referrals without an answer, agreed actions and shelter ending soon. All
    through the policy (cases_visible)."""
    if not may_manage(user=user):
        return None
    today = timezone.localdate()
    cat = catalogue()
    overdue, overdue_total = overdue_items(user=user, today=today)
    counts = _counts_per_phase(user)
    mine = my_phase_counts(user=user, counts=counts)
    every_phase = phase_counts(user=user, counts=counts)
    return {
        "pending": pending_handovers(user=user).count(),
        "closures": list(closures_to_approve(user=user)[:20]),
        #: every phase, also those without cases (the list page's filter counts)
        "counts": every_phase,
        "phases": [row for row in every_phase if row[2]],
        "my_phases": mine,
        "mine": sum(count for code, _label, count in mine if code not in FINISHED_PHASES),
        "overdue": overdue,
        "overdue_total": overdue_total,
        "deadlines": [
            {"item": row, "label": _label(cat.deadlines, row.kind, "due_label"), "overdue": False}
            for row in upcoming_deadlines(user=user, today=today)
        ],
        "referrals": [
            {"item": row, "label": _label(cat.service_types, row.service_type), "overdue": row.due_on < today}
            for row in open_referrals(user=user, today=today)
        ],
        "plan_actions": [{"item": row, "overdue": False} for row in plan_actions_due(user=user, today=today)],
        "shelter": [
            {"item": row, "label": _label(cat.shelter_types, row.shelter_type), "overdue": False}
            for row in shelter_ending(user=user, today=today)
        ],
    }


def care_status_for_signal(*, user, signal) -> dict | None:
    """For the aandachtsfunctionaris' signal page: that a care case exists for the signal, its
    phase and, when it was not taken on, why. Never the case's content."""
    rows = policy_for(CareCase).rows_for(user, "view_phase").filter(signal=signal)
    case = rows.only("id", "status", "decline_reason").order_by("-id").first()
    if case is None:
        return None
    return {
        "phase": case.get_status_display(),
        "declined": case.status == CarePhase.NOT_TAKEN_ON,
        "decline_reason": case.decline_reason if case.status == CarePhase.NOT_TAKEN_ON else "",
    }


def care_handover_partner_set(user) -> bool:
    """Set-up step: a partner for zorgcoördinatie receives hand-overs in this municipality."""
    return handover_partners(user=user).filter(partner_type=PartnerType.CARE_COORDINATOR).exists()


# --- the regional provider directory --------------------------------------------------------------


class ProviderFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), required=False)
    q = forms.CharField(label=_("Zoeken"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle soorten"))] + [
            (code, entry.label) for code, entry in catalogue().shelter_types.items()
        ]


def providers_for(*, user, params) -> tuple:
    """The providers of the user's region, filtered by kind and text; inactive ones last."""
    form = ProviderFilterForm(params)
    rows = policy_for(CareProvider).visible(user).select_related("changed_by").order_by("-active", "name", "id")
    if form.is_valid():
        kind, text = form.cleaned_data["soort"], form.cleaned_data["q"].strip()
        if kind:
            rows = rows.filter(shelter_types__icontains=f'"{kind}"')  # a code in the JSON list, on every backend
        if text:
            rows = rows.filter(
                Q(name__icontains=text) | Q(target_groups__icontains=text) | Q(languages__icontains=text)
            )
    return form, rows


def provider_for(*, user, pk: int, action: str = "view") -> CareProvider:
    row = policy_for(CareProvider).rows_for(user, action).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def may_keep_providers(*, user) -> bool:
    return policy_for(CareProvider).user_may(user, "change")


# --- figures for the reporting app: counts, never the cases themselves ---------------------------


@dataclass(frozen=True)
class CareCounts:
    """Counts of the trajectories registered in a period (each split below adds up to `total`),
    the placements started in it, the trajectories closed in it, and shelter costs per payer."""

    total: int
    by_phase: dict[str, int]
    #: CoMensha's exploitation form and dossier type; "" where the case is not registered there.
    by_form: dict[str, int]
    by_dossier_type: dict[str, int]
    #: "minor" / "adult" at registration, "" without a birth date.
    by_age_group: dict[str, int]
    #: Nationality code (ISO 3166), "" when unknown.
    by_nationality: dict[str, int]
    #: Placements that started in the period, by shelter type.
    placements_by_type: dict[str, int]
    #: Per trajectory registered in the period that went to shelter: days to the first placement.
    days_to_shelter: tuple[int, ...]
    #: Trajectories closed in the period, by closure reason.
    closures_by_reason: dict[str, int]
    costs: tuple[PayerTotal, ...]


def care_counts(
    cases: QuerySet[CareCase],
    *,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    trajectories_only: bool = False,
) -> CareCounts:
    """Counts over `cases` (the rows a zorgcoördinator may see, or a municipality's for figures
    that reporting suppresses), in a constant number of queries; the rows are read as values only.
    With `trajectories_only`, only the trajectories registered in the period (phase, form, age,
    nationality, dossier, time to shelter): no placements, closures or costs, which are then empty."""
    # Imported here so that these additions stay one block at the end of the module.
    from collections import Counter

    from django.db.models import Min

    today = today or timezone.localdate()
    registered = cases.filter(registered_on__gte=start, registered_on__lte=end).order_by()
    phases, forms, dossiers, ages, nationalities = Counter(), Counter(), Counter(), Counter(), Counter()
    to_shelter: list[int] = []
    rows = registered.annotate(first_shelter=Min("shelter_placements__started_on")).values_list(
        "status",
        "comensha_registration__exploitation_form",
        "comensha_registration__dossier_type",
        "birth_date",
        "nationality",
        "registered_on",
        "first_shelter",
    )
    for status, form, dossier, birth_date, nationality, registered_on, first_shelter in rows:
        phases[status] += 1
        forms[form or ""] += 1
        dossiers[dossier or ""] += 1
        ages["" if birth_date is None else "minor" if age_at(birth_date, registered_on) < 18 else "adult"] += 1
        nationalities[nationality or ""] += 1
        if first_shelter is not None:
            to_shelter.append(max(0, (first_shelter - registered_on).days))
    placements, closures, costs = {}, {}, ()
    if not trajectories_only:
        placements = dict(
            ShelterPlacement.objects.filter(case__in=cases, started_on__gte=start, started_on__lte=end)
            .values_list("shelter_type")
            .annotate(n=Count("pk"))
            .order_by()
        )
        closures = dict(
            cases.filter(status=CarePhase.CLOSED, closed_on__gte=start, closed_on__lte=end)
            .values_list("closure_reason")
            .annotate(n=Count("pk"))
            .order_by()
        )
        costs = tuple(_payer_totals(cases, start=start, end=end, today=today))
    return CareCounts(
        total=sum(phases.values()),
        by_phase=dict(phases),
        by_form=dict(forms),
        by_dossier_type=dict(dossiers),
        by_age_group=dict(ages),
        by_nationality=dict(nationalities),
        placements_by_type=placements,
        days_to_shelter=tuple(sorted(to_shelter)),
        closures_by_reason=closures,
        costs=costs,
    )


def organisation_care_counts(
    organisation_id: int, *, start: dt.date, end: dt.date, trajectories_only: bool = False
) -> CareCounts:
    """Counts of every trajectory of one municipality, whatever its confidentiality, for figures
    that reporting suppresses before anyone who may not see the cases reads them."""
    return care_counts(
        CareCase.objects.filter(organisation_id=organisation_id),
        start=start,
        end=end,
        trajectories_only=trajectories_only,
    )


def care_figure_labels() -> dict[str, list[tuple[str, str]]]:
    """(code, label) in catalogue order of what the care figures are split by."""
    from baken.care.models import DossierType

    cat = catalogue()
    return {
        "phases": [(phase.value, str(phase.label)) for phase in CarePhase],
        "dossier_types": [(kind.value, str(kind.label)) for kind in DossierType],
        "forms": [(code, entry.label) for code, entry in cat.exploitation_forms.items()],
        "shelter_types": [(code, entry.label) for code, entry in cat.shelter_types.items()],
        "closure_reasons": [(code, entry.label) for code, entry in cat.closure_reasons.items()],
        "payers": [(code, entry.label) for code, entry in cat.payers.items()],
    }


def care_totals_per_organisation(organisation_ids: list[int], *, start: dt.date, end: dt.date) -> dict[int, int]:
    """Trajectories registered from `start` to `end` per organisation, in one query; for the
    region's comparison, which reporting suppresses before anyone reads it."""
    rows = (
        CareCase.objects.filter(organisation_id__in=organisation_ids, registered_on__gte=start, registered_on__lte=end)
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


# --- for the anonymised international export (reporting/ctdc.py) ---------------------------------

#: Baken's sex codes as HTCDS gender values.
HTCDS_GENDER = {"man": "Male", "vrouw": "Female", "transgender": "Transgender/NonConforming"}


@dataclass(frozen=True)
class CtdcRecord:
    """One trajectory as the international dataset describes a victim: no name, no date, no
    place below the country; the reporting app generalises and drops until k-anonymous."""

    year: int
    gender: str
    #: Age at registration, None without a birth date.
    age: int | None
    #: ISO 3166 code, "" when unknown.
    citizenship: str
    #: HTCDS code of the form of exploitation registered with CoMensha, "" when not registered.
    exploitation: str
    control: frozenset[str]
    recruitment: frozenset[str]


def ctdc_records(cases: QuerySet[CareCase], *, start: dt.date, end: dt.date) -> list[CtdcRecord]:
    """The trajectories among `cases` registered from `start` to `end`, in one query, read as
    values only; methods of control and recruitment by their HTCDS codes (catalogue)."""
    cat = catalogue()
    forms = {code: entry.htcds_code for code, entry in cat.exploitation_forms.items()}
    control = {code: entry.htcds_code for code, entry in cat.control_methods.items() if entry.htcds_code}
    recruitment = {code: entry.htcds_code for code, entry in cat.recruitment_methods.items() if entry.htcds_code}
    rows = (
        cases.filter(registered_on__gte=start, registered_on__lte=end)
        .order_by()
        .values_list(
            "registered_on",
            "sex",
            "birth_date",
            "nationality",
            "comensha_registration__exploitation_form",
            "control_methods",
            "recruitment_methods",
        )
    )
    return [
        CtdcRecord(
            year=registered_on.year,
            gender=HTCDS_GENDER.get(sex, "Unknown"),
            age=None if birth_date is None else age_at(birth_date, registered_on),
            citizenship=nationality or "",
            exploitation=forms.get(form or "", ""),
            control=frozenset(control[code] for code in methods or [] if code in control),
            recruitment=frozenset(recruitment[code] for code in recruited or [] if code in recruitment),
        )
        for registered_on, sex, birth_date, nationality, form, methods, recruited in rows.iterator(chunk_size=2000)
    ]


def ctdc_columns() -> tuple[list[str], list[str]]:
    """The HTCDS codes of the methods of control and of recruitment in the catalogue, in order:
    one yes/no column each in the export."""
    cat = catalogue()
    return (
        [entry.htcds_code for entry in cat.control_methods.values() if entry.htcds_code],
        [entry.htcds_code for entry in cat.recruitment_methods.values() if entry.htcds_code],
    )
