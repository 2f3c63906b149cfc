"""Writes of Zorg. Every function checks through the access policy that the actor may do it (or
raises NotPermitted), owns the domain rules (ValidationError with Dutch messages), saves in one
transaction, moves phases only through the workflow engine and writes the audit log."""

import calendar
import datetime as dt
import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.nl import bsn

from baken.accounts.models import User
from baken.care import tracks
from baken.care.catalogue.loader import DeadlineRule, catalogue
from baken.care.models import (
    CareCase,
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
    CareReminder,
    CareTrack,
    ClosureRequestStatus,
    ComenshaRegistration,
    ConsentSigner,
    ContactKind,
    DossierType,
    GoalStatus,
    ReferralBasis,
    ShelterPlacement,
    TrackStatus,
)
from baken.care.policies import handovers_for
from baken.care.selectors import age_at, closure_needs_approval, may_set_region, name_revealed
from baken.care.tracks import SPECS, spec_for
from baken.care.workflow import CARE_WORKFLOW, CLOSURE_REQUEST_WORKFLOW
from baken.core.access import policy_for
from baken.core.calendar import add_working_days
from baken.core.dates import short_date
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, Organisation
from baken.core.notify import clear_notifications, notify, subject_of
from baken.core.services import audit_record
from baken.partners.models import Partner

#: From this age a person signs consent themselves; below it, parents or a guardian (NJi).
CONSENT_AGE = 16

#: Tree names for generated pseudonyms: neutral, easy to say on the phone, no nationality.
PSEUDONYM_WORDS = ("Berk", "Eik", "Linde", "Wilg", "Els", "Es", "Hazelaar", "Iep", "Lariks", "Den", "Beuk", "Esdoorn")
MAX_REASON_LENGTH = 300


def suggest_pseudonym() -> str:
    return f"{secrets.choice(PSEUDONYM_WORDS)} {secrets.randbelow(90) + 10}"


def _require(actor: User, action: str, case: CareCase) -> None:
    if not policy_for(CareCase).allows(actor, action, case):
        raise NotPermitted


def _lock(case: CareCase) -> CareCase:
    return CareCase.objects.select_for_update().get(pk=case.pk)


def _clean_pseudonym(pseudonym: str, errors: dict) -> str:
    pseudonym = pseudonym.strip()
    if not pseudonym:
        errors["pseudonym"] = _("Geef een schuilnaam; die staat overal in plaats van de naam.")
    elif len(pseudonym) > 60:
        errors["pseudonym"] = _("Een schuilnaam is hoogstens 60 tekens.")
    return pseudonym


def _create(*, actor: User, organisation: Organisation, values: dict) -> CareCase:
    case = CareCase.objects.create(organisation=organisation, created_by=actor, reference="", **values)
    case.reference = f"ZT-{case.registered_on:%Y}-{case.pk:05d}"
    case.save(update_fields=["reference"])
    CARE_WORKFLOW.record_start(case, actor=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=case)
    return case


@transaction.atomic(durable=True)
def care_case_register(
    *,
    actor: User,
    organisation: Organisation,
    source: str,
    registered_on: dt.date,
    pseudonym: str,
    source_detail: str = "",
    full_name: str = "",
) -> CareCase:
    """An aanmelding from outside Baken (police, KMar, FairWork, a shelter, the victim
    themselves): a case in phase "aangemeld" for a municipality the actor works for."""
    if (
        not policy_for(CareCase).user_may(actor, "manage")
        or not policy_for(Organisation).visible(actor).filter(pk=organisation.pk).exists()
    ):
        raise NotPermitted
    errors: dict[str, str] = {}
    pseudonym = _clean_pseudonym(pseudonym, errors)
    if source not in catalogue().sources:
        errors["source"] = _("Kies wie de aanmelding deed.")
    if registered_on > timezone.localdate():
        errors["registered_on"] = _("De datum van aanmelding kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    return _create(
        actor=actor,
        organisation=organisation,
        values={
            "source": source,
            "source_detail": source_detail.strip(),
            "registered_on": registered_on,
            "pseudonym": pseudonym,
            "full_name": full_name.strip(),
            "responsible": actor,
        },
    )


@transaction.atomic(durable=True)
def care_case_from_handover(*, actor: User, handover, accept: bool, pseudonym: str = "", reason: str = "") -> CareCase:
    """The zorgcoördinator's answer to a signal handed over to zorgcoördinatie: accepted, a care
    case linked to the signal goes to intake; declined, it is recorded as "niet in behandeling"
    with the reason, which the aandachtsfunctionaris sees on the signal."""
    if not handovers_for(actor).filter(pk=handover.pk).exists():
        raise NotPermitted
    if CareCase.objects.filter(handover=handover).exists():
        raise ValidationError(_("Op deze aanmelding is al gereageerd."))
    errors: dict[str, str] = {}
    reason = reason.strip()
    if accept:
        pseudonym = _clean_pseudonym(pseudonym, errors)
    else:
        pseudonym = pseudonym.strip() or suggest_pseudonym()
        if not reason:
            errors["reason"] = _("Geef een reden waarom de aanmelding niet in behandeling wordt genomen.")
    if len(reason) > 2000:
        errors["reason"] = _("De reden is hoogstens 2000 tekens.")
    if errors:
        raise ValidationError(errors)
    case = _create(
        actor=actor,
        organisation=handover.organisation,
        values={
            "source": "gemeente",
            "registered_on": handover.shared_on,
            "pseudonym": pseudonym[:60],
            "signal": handover.signal,
            "handover": handover,
            "responsible": actor,
        },
    )
    if accept:
        CARE_WORKFLOW.record_transition(
            case, CarePhase.INTAKE, actor=actor, changes={"intake_on": timezone.localdate()}
        )
    else:
        CARE_WORKFLOW.record_transition(
            case, CarePhase.NOT_TAKEN_ON, actor=actor, reason=reason, changes={"decline_reason": reason}
        )
    return case


def _closure_fields(target: str, closure_reason: str, errors: dict) -> dict:
    closing = target == CarePhase.CLOSED
    if closing and closure_reason not in catalogue().closure_reasons:
        errors["closure_reason"] = _("Kies de reden van afsluiten.")
    return {"closure_reason": closure_reason if closing else "", "closed_on": timezone.localdate() if closing else None}


def _lapse_waiting_closure(case: CareCase, actor: User) -> None:
    """The case moved on while a proposal to close it waited: the proposal lapses."""
    waiting = CareClosureRequest.objects.select_for_update().filter(case=case, status=ClosureRequestStatus.PENDING)
    for request in waiting:
        CLOSURE_REQUEST_WORKFLOW.record_transition(
            request, ClosureRequestStatus.LAPSED, actor=actor, system=True, reason=_("fase gewijzigd")
        )
        clear_notifications(subject=subject_of(request))


@transaction.atomic(durable=True)
def care_case_transition(
    *, actor: User, case: CareCase, target: str, reason: str = "", closure_reason: str = ""
) -> CareCase:
    _require(actor, "manage", case)
    case = _lock(case)
    transition = CARE_WORKFLOW.require(case.status, target)
    reason = reason.strip()
    errors: dict[str, str] = {}
    if transition.reason_required and not reason:
        errors["reason"] = _("Geef een reden voor deze stap.")
    changes = _closure_fields(target, closure_reason, errors)
    if errors:
        raise ValidationError(errors)
    if target == CarePhase.CLOSED and closure_needs_approval(case):
        raise ValidationError(
            _("In deze regio sluit een tweede zorgcoördinator het traject af: stel het afsluiten voor.")
        )
    if target == CarePhase.INTAKE:
        changes["intake_on"] = timezone.localdate()
    if target == CarePhase.NOT_TAKEN_ON:
        changes["decline_reason"] = reason
    _lapse_waiting_closure(case, actor)
    CARE_WORKFLOW.record_transition(case, target, actor=actor, reason=reason, changes=changes)
    return case


# --- closing with a second zorgcoördinator's approval --------------------------------------------


@transaction.atomic(durable=True)
def care_closure_propose(*, actor: User, case: CareCase, closure_reason: str, reason: str) -> CareClosureRequest:
    """Propose to close the trajectory: it closes when another zorgcoördinator who may manage the
    case approves. They are notified; the case keeps its phase meanwhile."""
    _require(actor, "manage", case)
    case = _lock(case)
    CARE_WORKFLOW.require(case.status, CarePhase.CLOSED)
    reason = reason.strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Geef een reden voor deze stap.")
    elif len(reason) > 2000:
        errors["reason"] = _("De toelichting is hoogstens 2000 tekens.")
    _closure_fields(CarePhase.CLOSED, closure_reason, errors)
    if errors:
        raise ValidationError(errors)
    if CareClosureRequest.objects.filter(case=case, status=ClosureRequestStatus.PENDING).exists():
        raise ValidationError(_("Er wacht al een voorstel om dit traject af te sluiten."))
    request = CareClosureRequest.objects.create(
        case=case, closure_reason=closure_reason, reason=reason, requested_by=actor
    )
    CLOSURE_REQUEST_WORKFLOW.record_start(request, actor=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=request, organisation=case.organisation)
    approvers = policy_for(CareCase).users_for(case, "manage").exclude(pk=actor.pk)
    notify(
        recipients=approvers,
        organisation_id=case.organisation_id,
        message=_("Voorstel om zorgtraject %(reference)s af te sluiten wacht op uw goedkeuring")
        % {"reference": case.reference},
        url=reverse("care:case", args=[case.pk]) + "#afsluiten",
        subject=subject_of(request),
    )
    return request


def _waiting(case: CareCase, request: CareClosureRequest) -> CareClosureRequest:
    request = CareClosureRequest.objects.select_for_update().get(pk=request.pk, case=case)
    request.case = case
    if request.status != ClosureRequestStatus.PENDING:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    return request


@transaction.atomic(durable=True)
def care_closure_decide(
    *, actor: User, case: CareCase, request: CareClosureRequest, approve: bool, reason: str = ""
) -> CareClosureRequest:
    """A second zorgcoördinator approves (the case closes, with the proposal's reason) or refuses
    (with a reason, the case keeps its phase). Nobody decides on their own proposal."""
    _require(actor, "manage", case)
    case = _lock(case)
    request = _waiting(case, request)
    if request.requested_by_id == actor.pk:
        raise ValidationError(_("Een tweede zorgcoördinator beslist over uw voorstel, niet uzelf."))
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Geef een reden waarom het traject nog niet af kan.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("De toelichting is hoogstens 2000 tekens.")})
    decided = {"decided_by": actor, "decided_at": timezone.now(), "decision_reason": "" if approve else reason}
    if approve:
        changes = _closure_fields(CarePhase.CLOSED, request.closure_reason, {})
        CARE_WORKFLOW.record_transition(case, CarePhase.CLOSED, actor=actor, reason=request.reason, changes=changes)
        CLOSURE_REQUEST_WORKFLOW.record_transition(request, ClosureRequestStatus.APPROVED, actor=actor, changes=decided)
    else:
        CLOSURE_REQUEST_WORKFLOW.record_transition(
            request, ClosureRequestStatus.REFUSED, actor=actor, reason=reason, changes=decided
        )
        notify(
            recipients=[request.requested_by],
            organisation_id=case.organisation_id,
            message=_("Uw voorstel om zorgtraject %(reference)s af te sluiten is afgewezen")
            % {"reference": case.reference},
            url=reverse("care:case", args=[case.pk]) + "#afsluiten",
        )
    clear_notifications(subject=subject_of(request))
    return request


@transaction.atomic(durable=True)
def care_closure_withdraw(*, actor: User, case: CareCase, request: CareClosureRequest) -> CareClosureRequest:
    """Whoever proposed to close takes the proposal back."""
    _require(actor, "manage", case)
    case = _lock(case)
    request = _waiting(case, request)
    if request.requested_by_id != actor.pk:
        raise ValidationError(_("Alleen wie het voorstel deed, kan het intrekken."))
    CLOSURE_REQUEST_WORKFLOW.record_transition(request, ClosureRequestStatus.WITHDRAWN, actor=actor)
    clear_notifications(subject=subject_of(request))
    return request


@transaction.atomic(durable=True)
def care_region_setting_set(*, actor: User, closure_needs_approval: bool) -> CareRegionSetting:
    """A regional zorgcoördinator records what the region agreed for closing trajectories."""
    if not may_set_region(user=actor):
        raise NotPermitted
    setting = CareRegionSetting.objects.select_for_update().filter(region_id=actor.region_id).first()
    if setting is None:
        setting = CareRegionSetting(region_id=actor.region_id)
    before = setting.closure_needs_approval if setting.pk else None
    setting.closure_needs_approval = closure_needs_approval
    setting.changed_by = actor
    setting.save()
    if before != closure_needs_approval:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=setting,
            region=setting.region,
            reason="afsluiten met goedkeuring" if closure_needs_approval else "afsluiten zonder goedkeuring",
        )
    return setting


@transaction.atomic(durable=True)
def care_name_reveal(*, actor: User, case: CareCase, reason: str) -> CareNameReveal:
    """Show the victim's name to the actor for a short while: a deliberate act with a reason,
    in the audit log and in the case's own list of reveals."""
    _require(actor, "view", case)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden om de naam te tonen.")})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError({"reason": _("De reden is hoogstens 300 tekens.")})
    reveal = CareNameReveal.objects.create(case=case, actor=actor, reason=reason)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=case, reason=f"naam getoond: {reason}")
    return reveal


#: The fields of the person that the person page edits, in its order.
PERSON_FIELDS = (
    "full_name",
    "aliases",
    "birth_date",
    "birth_date_estimated",
    "sex",
    "nationality",
    "languages",
    "interpreter_needed",
    "guardian",
    "bsn",
    "v_number",
    "residence_status",
    "accompanying_children",
)
#: The most accompanying children Baken accepts (a typing error above it).
MAX_CHILDREN = 20


@transaction.atomic(durable=True)
def care_person_update(*, actor: User, case: CareCase, values: dict) -> CareCase:
    """Record who the person is. Only after the actor revealed the name (with a reason, audited):
    nobody overwrites an identity they cannot see. The log names the fields, never their values."""
    _require(actor, "manage", case)
    if not name_revealed(user=actor, case=case):
        raise ValidationError(_("Toon eerst de naam, met een reden; daarna kunt u de persoonsgegevens wijzigen."))
    case = _lock(case)
    values = {name: values[name] for name in PERSON_FIELDS if name in values}
    for name in ("full_name", "aliases", "languages", "guardian", "v_number"):
        if name in values:
            values[name] = values[name].strip()
    if "nationality" in values:
        values["nationality"] = values["nationality"].strip().upper()
    errors: dict[str, str] = {}
    if values.get("bsn"):
        values["bsn"] = bsn.compact(values["bsn"])
        if not bsn.is_valid(values["bsn"]):
            errors["bsn"] = _("Dit BSN klopt niet: controleer de negen cijfers.")
    birth_date = values.get("birth_date")
    if birth_date is not None and not dt.date(1900, 1, 1) <= birth_date <= timezone.localdate():
        errors["birth_date"] = _("De geboortedatum ligt in de toekomst of voor 1900.")
    if values.get("accompanying_children", 0) > MAX_CHILDREN:
        errors["accompanying_children"] = _("Vul een aantal tot en met 20 in.")
    before = {name: getattr(case, name) for name in values}
    for name, value in values.items():
        setattr(case, name, value)
    try:
        case.full_clean(validate_constraints=False, validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(errors)
    changed = [name for name in values if getattr(case, name) != before[name]]
    if changed:
        case.save(update_fields=changed)
        labels = ", ".join(str(CareCase._meta.get_field(name).verbose_name) for name in changed)
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=case, reason=f"persoonsgegevens: {labels}")
    return case


@transaction.atomic(durable=True)
def care_shelter_address_set(*, actor: User, case: CareCase, address: str) -> CareCase:
    """The shelter address is geheim: only written (and read) with that clearance."""
    _require(actor, "view_shelter_address", case)
    _require(actor, "manage", case)
    address = address.strip()
    if len(address) > 500:
        raise ValidationError({"address": _("Het adres is hoogstens 500 tekens.")})
    case = _lock(case)
    case.shelter_address = address
    case.save(update_fields=["shelter_address"])
    # The address itself never goes into the log.
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=case, reason="opvangadres gewijzigd")
    return case


@transaction.atomic(durable=True)
def care_methods_set(
    *, actor: User, case: CareCase, control_methods: list[str], recruitment_methods: list[str]
) -> CareCase:
    """Record the means of control and the ways of recruitment (several each) from the
    catalogue's value lists, with the catalogue version they were chosen from."""
    _require(actor, "manage", case)
    _require_open(case)
    data = catalogue()
    errors: dict[str, str] = {}
    if any(code not in data.control_methods for code in control_methods):
        errors["control_methods"] = _("Kies middelen van controle uit de lijst.")
    if any(code not in data.recruitment_methods for code in recruitment_methods):
        errors["recruitment_methods"] = _("Kies manieren van werven uit de lijst.")
    if errors:
        raise ValidationError(errors)
    case = _lock(case)
    # In the catalogue's order, each once.
    case.control_methods = [code for code in data.control_methods if code in control_methods]
    case.recruitment_methods = [code for code in data.recruitment_methods if code in recruitment_methods]
    case.methods_catalogue_version = data.version
    case.save(update_fields=["control_methods", "recruitment_methods", "methods_catalogue_version"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        reason=f"middelen van controle en werving (catalogus {data.version})",
    )
    return case


# --- the timeline: procedures and their deadlines ------------------------------------------------


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later; the last day of that month when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def compute_due(rule: DeadlineRule, started_on: dt.date) -> dt.date:
    """The deadline a catalogue rule gives from a start date (not for rules of kind "date")."""
    if rule.rule == "months":
        return add_months(started_on, rule.amount)
    if rule.rule == "years":
        return add_months(started_on, 12 * rule.amount)
    if rule.rule == "working_days":
        return add_working_days(started_on, rule.amount)
    if rule.rule == "days":
        return started_on + dt.timedelta(days=rule.amount)
    raise ValueError(f"rule {rule.rule!r} has no computed deadline")


@transaction.atomic(durable=True)
def procedure_start(
    *,
    actor: User,
    case: CareCase,
    kind: str,
    started_on: dt.date,
    due_on: dt.date | None = None,
    note: str = "",
) -> CareProcedure:
    """Put a procedure on the case's timeline, its deadline computed from the catalogue (or, for
    a deadline set by a decision, given)."""
    _require(actor, "manage", case)
    if not CARE_WORKFLOW.is_open(case.status):
        raise ValidationError(_("Dit zorgtraject is afgesloten; heropen het eerst."))
    data = catalogue()
    rule = data.deadlines.get(kind)
    errors: dict[str, str] = {}
    if rule is None:
        raise ValidationError({"kind": _("Kies een procedure uit de lijst.")})
    if kind in tracks.track_deadlines():
        raise ValidationError(
            {
                "kind": _(
                    "%(label)s legt u vast onder 'Juridisch spoor' of 'Inkomen en verzekering'; "
                    "de termijn komt dan vanzelf op de tijdlijn."
                )
                % {"label": rule.label}
            }
        )
    if kind == tracks.SHELTER_END:
        raise ValidationError(
            {
                "kind": _(
                    "Het geplande einde van de opvang legt u vast bij de opvang zelf (onder 'Opvang'); "
                    "Baken herinnert u er dan op tijd aan."
                )
            }
        )
    if rule.needs_date:
        if due_on is None:
            errors["due_on"] = _("Vul de datum in uit het besluit of de afspraak.")
        elif due_on < started_on:
            errors["due_on"] = _("De uiterste datum ligt voor de startdatum.")
    else:
        due_on = compute_due(rule, started_on)
    if len(note.strip()) > 300:
        errors["note"] = _("De toelichting is hoogstens 300 tekens.")
    if errors:
        raise ValidationError(errors)
    procedure = CareProcedure.objects.create(
        case=case,
        kind=kind,
        started_on=started_on,
        due_on=due_on,
        remind_on=due_on - dt.timedelta(days=rule.reminder_days),
        note=note.strip(),
        catalogue_version=data.version,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=procedure, organisation=case.organisation)
    return procedure


@transaction.atomic(durable=True)
def procedure_complete(
    *, actor: User, case: CareCase, procedure: CareProcedure, done_on: dt.date, outcome: str = ""
) -> CareProcedure:
    _require(actor, "manage", case)
    if procedure.case_id != case.pk:
        raise NotPermitted
    procedure = CareProcedure.objects.select_for_update().get(pk=procedure.pk)
    errors: dict[str, str] = {}
    if procedure.done_on is not None:
        errors["done_on"] = _("Deze procedure is al afgerond.")
    elif done_on < procedure.started_on:
        errors["done_on"] = _("De procedure kan niet eerder zijn afgerond dan ze begon.")
    elif done_on > timezone.localdate():
        errors["done_on"] = _("De datum van afronden kan niet in de toekomst liggen.")
    if len(outcome.strip()) > 300:
        errors["outcome"] = _("De uitkomst is hoogstens 300 tekens.")
    if errors:
        raise ValidationError(errors)
    procedure.done_on = done_on
    procedure.outcome = outcome.strip()
    procedure.save(update_fields=["done_on", "outcome"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=procedure, organisation=case.organisation)
    if procedure.kind == PLAN_REVIEW and CARE_WORKFLOW.is_open(case.status):
        # A review held: the next one, the catalogue's term after it.
        _schedule_review(actor, case, done_on)
    return procedure


# --- the care plan -------------------------------------------------------------------------------

#: The timeline procedure that reviews the plan (every three months by default, care.toml).
PLAN_REVIEW = "plan_evaluatie"
#: An agreed action is due at most this far ahead; further is a typing error.
MAX_ACTION_DAYS = 2 * 366


def _require_open(case: CareCase) -> None:
    if not CARE_WORKFLOW.is_open(case.status):
        raise ValidationError(_("Dit zorgtraject is afgesloten; heropen het eerst."))


def _child(queryset, pk: int):
    """A row of the plan, locked, that belongs to the case; NotPermitted otherwise."""
    row = queryset.select_for_update().filter(pk=pk).first()
    if row is None:
        raise NotPermitted
    return row


def _schedule_review(actor: User, case: CareCase, started_on: dt.date) -> CareProcedure | None:
    """Put the plan's next review on the timeline, unless one is already running."""
    if CareProcedure.objects.filter(case=case, kind=PLAN_REVIEW, done_on__isnull=True).exists():
        return None
    data = catalogue()
    rule = data.deadlines[PLAN_REVIEW]
    due_on = compute_due(rule, started_on)
    procedure = CareProcedure.objects.create(
        case=case,
        kind=PLAN_REVIEW,
        started_on=started_on,
        due_on=due_on,
        remind_on=due_on - dt.timedelta(days=rule.reminder_days),
        catalogue_version=data.version,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=procedure, organisation=case.organisation)
    return procedure


@transaction.atomic(durable=True)
def plan_goal_add(*, actor: User, case: CareCase, domain: str, description: str) -> CarePlanGoal:
    """A goal in one life domain. The first goal puts the plan's review on the timeline."""
    _require(actor, "manage", case)
    _require_open(case)
    description = description.strip()
    errors: dict[str, str] = {}
    if domain not in catalogue().life_domains:
        errors["domain"] = _("Kies een levensdomein uit de lijst.")
    if not description:
        errors["description"] = _("Beschrijf het doel.")
    elif len(description) > 300:
        errors["description"] = _("Het doel is hoogstens 300 tekens.")
    if errors:
        raise ValidationError(errors)
    goal = CarePlanGoal.objects.create(case=case, domain=domain, description=description, created_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=goal, organisation=case.organisation)
    _schedule_review(actor, case, timezone.localdate())
    return goal


@transaction.atomic(durable=True)
def plan_goal_close(
    *, actor: User, case: CareCase, goal: CarePlanGoal, status: str, closed_on: dt.date
) -> CarePlanGoal:
    """A goal reached, not reached, or dropped, on a date."""
    _require(actor, "manage", case)
    goal = _child(CarePlanGoal.objects.filter(case=case), goal.pk)
    errors: dict[str, str] = {}
    if goal.status != GoalStatus.OPEN:
        errors["status"] = _("Dit doel is al afgerond.")
    elif status not in (GoalStatus.ACHIEVED, GoalStatus.NOT_ACHIEVED, GoalStatus.DROPPED):
        errors["status"] = _("Kies bereikt, niet bereikt of vervallen.")
    if closed_on > timezone.localdate():
        errors["closed_on"] = _("De datum kan niet in de toekomst liggen.")
    elif closed_on < timezone.localdate(goal.created_at):
        errors["closed_on"] = _("De datum ligt voor het doel werd gesteld.")
    if errors:
        raise ValidationError(errors)
    goal.status, goal.closed_on = status, closed_on
    goal.save(update_fields=["status", "closed_on"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=goal, organisation=case.organisation, reason=status)
    return goal


@transaction.atomic(durable=True)
def plan_action_add(
    *, actor: User, case: CareCase, goal: CarePlanGoal, description: str, owner: str, due_on: dt.date
) -> CarePlanAction:
    """An agreed action towards an open goal: what, who, by when."""
    _require(actor, "manage", case)
    _require_open(case)
    goal = _child(CarePlanGoal.objects.filter(case=case), goal.pk)
    description, owner = description.strip(), owner.strip()
    errors: dict[str, str] = {}
    if goal.status != GoalStatus.OPEN:
        errors["__all__"] = _("Dit doel is afgerond; stel een nieuw doel.")
    if not description:
        errors["description"] = _("Beschrijf de afspraak.")
    elif len(description) > 300:
        errors["description"] = _("De afspraak is hoogstens 300 tekens.")
    if not owner:
        errors["owner"] = _("Noteer wie de afspraak uitvoert.")
    elif len(owner) > 120:
        errors["owner"] = _("Wie: hoogstens 120 tekens.")
    today = timezone.localdate()
    if due_on < today:
        errors["due_on"] = _("De uiterste datum ligt in het verleden.")
    elif (due_on - today).days > MAX_ACTION_DAYS:
        errors["due_on"] = _("De uiterste datum ligt meer dan twee jaar vooruit.")
    if errors:
        raise ValidationError(errors)
    action = CarePlanAction.objects.create(
        goal=goal, description=description, owner=owner, due_on=due_on, created_by=actor
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=action, organisation=case.organisation)
    return action


@transaction.atomic(durable=True)
def plan_action_done(*, actor: User, case: CareCase, action: CarePlanAction, done_on: dt.date) -> CarePlanAction:
    _require(actor, "manage", case)
    action = _child(CarePlanAction.objects.filter(goal__case=case), action.pk)
    errors: dict[str, str] = {}
    if action.done_on is not None:
        errors["done_on"] = _("Deze afspraak is al gedaan.")
    elif done_on > timezone.localdate():
        errors["done_on"] = _("De datum kan niet in de toekomst liggen.")
    elif done_on < timezone.localdate(action.created_at):
        errors["done_on"] = _("De datum ligt voor de afspraak werd gemaakt.")
    if errors:
        raise ValidationError(errors)
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=action, organisation=case.organisation)
    return action


# --- contacts ----------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def contact_record(
    *,
    actor: User,
    case: CareCase,
    contact_on: dt.date,
    kind: str,
    note: str = "",
    next_contact_by: dt.date | None = None,
) -> CareContact:
    """Record a contact with the person (or an attempt) and, if agreed, when the next is needed."""
    _require(actor, "manage", case)
    errors: dict[str, str] = {}
    if not CARE_WORKFLOW.is_open(case.status):
        errors["__all__"] = _("Dit zorgtraject is afgesloten; heropen het eerst.")
    if kind not in ContactKind.values:
        errors["kind"] = _("Kies de soort contact.")
    if contact_on > timezone.localdate():
        errors["contact_on"] = _("Een contact kan niet in de toekomst liggen.")
    if next_contact_by is not None and next_contact_by < contact_on:
        errors["next_contact_by"] = _("Het volgende contact ligt na dit contact.")
    if len(note.strip()) > 300:
        errors["note"] = _("De notitie is hoogstens 300 tekens.")
    if errors:
        raise ValidationError(errors)
    contact = CareContact.objects.create(
        case=case,
        contact_on=contact_on,
        kind=kind,
        note=note.strip(),
        next_contact_by=next_contact_by,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=contact, organisation=case.organisation)
    return contact


# --- referrals: a legal basis per transfer ---------------------------------------------------------


@transaction.atomic(durable=True)
def referral_create(
    *,
    actor: User,
    case: CareCase,
    service_type: str,
    partner: Partner,
    requested_on: dt.date,
    shared: str,
    legal_basis: str = "",
    consent_signed_by: str = "",
    override_reason: str = "",
) -> CareReferral:
    """Refer the victim to a service. Every transfer records its legal basis; consent records who
    signed (the person from 16, parents or guardian under 16); without a basis only with an
    explicit override and its reason."""
    _require(actor, "manage", case)
    if not policy_for(Partner).allows(actor, "view", partner):
        raise ValidationError({"partner": _("Kies een organisatie uit de partnerlijst.")})
    types = catalogue().service_types
    errors: dict[str, str] = {}
    override_reason = override_reason.strip()
    shared = shared.strip()
    if not CARE_WORKFLOW.is_open(case.status):
        errors["__all__"] = _("Dit zorgtraject is afgesloten; heropen het eerst.")
    if service_type not in types:
        errors["service_type"] = _("Kies de soort dienst.")
    if requested_on > timezone.localdate():
        errors["requested_on"] = _("De datum van de verwijzing kan niet in de toekomst liggen.")
    if not shared:
        errors["shared"] = _("Noteer welke gegevens u deelt.")
    elif len(shared) > 500:
        errors["shared"] = _("Hoogstens 500 tekens.")
    if legal_basis and legal_basis not in ReferralBasis.values:
        errors["legal_basis"] = _("Kies een grondslag uit de lijst.")
    elif not legal_basis and not override_reason:
        errors["legal_basis"] = _(
            "Geen verwijzing zonder grondslag. Kies de grondslag, of leg vast waarom u zonder grondslag deelt."
        )
    if len(override_reason) > 300:
        errors["override_reason"] = _("Hoogstens 300 tekens.")
    _check_consent(case, legal_basis, consent_signed_by, requested_on, errors)
    if errors:
        raise ValidationError(errors)
    referral = CareReferral.objects.create(
        case=case,
        service_type=service_type,
        partner=partner,
        requested_on=requested_on,
        due_on=requested_on + dt.timedelta(days=types[service_type].response_days),
        legal_basis=legal_basis,
        consent_signed_by=consent_signed_by,
        override_reason="" if legal_basis else override_reason,
        shared=shared,
        created_by=actor,
    )
    basis = legal_basis or f"geen grondslag: {override_reason}"
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=referral,
        organisation=case.organisation,
        reason=f"verwijzing ({basis})",
    )
    return referral


@transaction.atomic(durable=True)
def referral_update(
    *,
    actor: User,
    case: CareCase,
    referral: CareReferral,
    implemented_on: dt.date | None = None,
    outcome: str = "",
    consent_withdrawn_on: dt.date | None = None,
) -> CareReferral:
    """Record the answer to a referral, or that consent was withdrawn."""
    _require(actor, "manage", case)
    if referral.case_id != case.pk:
        raise NotPermitted
    referral = CareReferral.objects.select_for_update().get(pk=referral.pk)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    for field, value in (("implemented_on", implemented_on), ("consent_withdrawn_on", consent_withdrawn_on)):
        if value is not None and not referral.requested_on <= value <= today:
            errors[field] = _("Kies een datum tussen de verwijzing en vandaag.")
    if consent_withdrawn_on is not None and referral.legal_basis != ReferralBasis.CONSENT:
        errors["consent_withdrawn_on"] = _("Deze verwijzing rust niet op toestemming.")
    if len(outcome.strip()) > 300:
        errors["outcome"] = _("De uitkomst is hoogstens 300 tekens.")
    if implemented_on is None and consent_withdrawn_on is None and not outcome.strip():
        errors["__all__"] = _("Vul een datum of een uitkomst in.")
    if errors:
        raise ValidationError(errors)
    referral.implemented_on = implemented_on or referral.implemented_on
    referral.consent_withdrawn_on = consent_withdrawn_on or referral.consent_withdrawn_on
    referral.outcome = outcome.strip() or referral.outcome
    referral.save(update_fields=["implemented_on", "consent_withdrawn_on", "outcome"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=referral, organisation=case.organisation)
    if referral.implemented_on or referral.consent_withdrawn_on:
        clear_notifications(subject=subject_of(referral))  # no more waiting for the answer
    return referral


def _check_consent(case: CareCase, legal_basis: str, consent_signed_by: str, on: dt.date, errors: dict) -> None:
    """Consent is signed by the person from 16, by parents or guardian below (NJi)."""
    if legal_basis == ReferralBasis.CONSENT:
        if consent_signed_by not in ConsentSigner.values:
            errors["consent_signed_by"] = _("Noteer wie de toestemming tekende.")
        elif case.birth_date is not None:
            minor = age_at(case.birth_date, on) < CONSENT_AGE
            if minor and consent_signed_by == ConsentSigner.PERSON:
                errors["consent_signed_by"] = _("Onder 16 jaar tekenen de ouders of de voogd.")
            if not minor and consent_signed_by != ConsentSigner.PERSON:
                errors["consent_signed_by"] = _("Vanaf 16 jaar tekent de betrokkene zelf.")
    elif consent_signed_by:
        errors["consent_signed_by"] = _("Alleen invullen bij toestemming als grondslag.")


# --- shelter and its costs ---------------------------------------------------------------------


@transaction.atomic(durable=True)
def shelter_place(
    *,
    actor: User,
    case: CareCase,
    shelter_type: str,
    provider: Partner,
    started_on: dt.date,
    planned_end_on: dt.date | None = None,
    payer: str = "",
    cost_per_day: Decimal | None = None,
) -> ShelterPlacement:
    """Record a stay in shelter. The payer defaults to the usual payer of the shelter type."""
    _require(actor, "manage", case)
    if not policy_for(Partner).allows(actor, "view", provider):
        raise ValidationError({"provider": _("Kies een aanbieder uit de partnerlijst.")})
    types = catalogue().shelter_types
    errors: dict[str, str] = {}
    if not CARE_WORKFLOW.is_open(case.status):
        errors["__all__"] = _("Dit zorgtraject is afgesloten; heropen het eerst.")
    if shelter_type not in types:
        errors["shelter_type"] = _("Kies de soort opvang.")
    payer = payer or (types[shelter_type].payer if shelter_type in types else "")
    if payer not in catalogue().payers:
        errors["payer"] = _("Kies wie de opvang betaalt.")
    if started_on > timezone.localdate():
        errors["started_on"] = _("De opvang kan niet in de toekomst begonnen zijn.")
    if planned_end_on is not None and planned_end_on < started_on:
        errors["planned_end_on"] = _("Het geplande einde ligt na het begin.")
    if cost_per_day is not None and not Decimal(0) <= cost_per_day < Decimal(100000):
        errors["cost_per_day"] = _("Vul een bedrag per dag in van 0 tot 100.000 euro.")
    if errors:
        raise ValidationError(errors)
    placement = ShelterPlacement.objects.create(
        case=case,
        shelter_type=shelter_type,
        provider=provider,
        payer=payer,
        started_on=started_on,
        planned_end_on=planned_end_on,
        cost_per_day=cost_per_day,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=placement, organisation=case.organisation)
    return placement


@transaction.atomic(durable=True)
def shelter_end(
    *, actor: User, case: CareCase, placement: ShelterPlacement, ended_on: dt.date, reason: str
) -> ShelterPlacement:
    _require(actor, "manage", case)
    if placement.case_id != case.pk:
        raise NotPermitted
    placement = ShelterPlacement.objects.select_for_update().get(pk=placement.pk)
    reason = reason.strip()
    errors: dict[str, str] = {}
    if placement.ended_on is not None:
        errors["__all__"] = _("Deze opvang is al beëindigd.")
    if not placement.started_on <= ended_on <= timezone.localdate():
        errors["ended_on"] = _("Kies een datum tussen het begin van de opvang en vandaag.")
    if not reason:
        errors["reason"] = _("Noteer waarom de opvang eindigde.")
    elif len(reason) > 300:
        errors["reason"] = _("Hoogstens 300 tekens.")
    if errors:
        raise ValidationError(errors)
    placement.ended_on = ended_on
    placement.end_reason = reason
    placement.save(update_fields=["ended_on", "end_reason"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=placement, organisation=case.organisation)
    clear_notifications(subject=subject_of(placement))
    return placement


# --- CoMensha registration --------------------------------------------------------------------


@transaction.atomic(durable=True)
def comensha_register(
    *,
    actor: User,
    case: CareCase,
    reported_on: dt.date,
    legal_basis: str,
    dossier_type: str,
    exploitation_form: str,
    sector: str,
    consent_signed_by: str = "",
    reference: str = "",
    intake_info: str = "",
) -> ComenshaRegistration:
    """Record (or correct) the registration with CoMensha. A basis is required: investigative
    services have a statutory duty; others report on a public task or with written consent."""
    _require(actor, "manage", case)
    reference = reference.strip()
    intake_info = intake_info.strip()
    errors: dict[str, str] = {}
    if reported_on > timezone.localdate():
        errors["reported_on"] = _("De meldingsdatum kan niet in de toekomst liggen.")
    elif reported_on < case.registered_on:
        errors["reported_on"] = _("De melding bij CoMensha ligt niet voor de aanmelding.")
    if legal_basis not in ReferralBasis.values:
        errors["legal_basis"] = _("Kies de grondslag waarop u meldt.")
    if dossier_type not in DossierType.values:
        errors["dossier_type"] = _("Kies het soort dossier.")
    if exploitation_form not in catalogue().exploitation_forms:
        errors["exploitation_form"] = _("Kies de vorm van uitbuiting (of 'Onbekend').")
    if sector not in catalogue().sectors:
        errors["sector"] = _("Kies de sector (of 'Anders of onbekend').")
    if len(reference) > 40:
        errors["reference"] = _("Een kenmerk is hoogstens 40 tekens.")
    if len(intake_info) > 1000:
        errors["intake_info"] = _("Hoogstens 1000 tekens.")
    _check_consent(case, legal_basis, consent_signed_by, reported_on, errors)
    if errors:
        raise ValidationError(errors)
    registration, created = ComenshaRegistration.objects.update_or_create(
        case=case,
        defaults={
            "reported_on": reported_on,
            "reported_by": actor,
            "legal_basis": legal_basis,
            "consent_signed_by": consent_signed_by,
            "reference": reference,
            "dossier_type": dossier_type,
            "exploitation_form": exploitation_form,
            "sector": sector,
            "intake_info": intake_info,
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=registration,
        organisation=case.organisation,
        reason=f"CoMensha-registratie ({legal_basis})",
    )
    return registration


# --- the regional directory of providers ---------------------------------------------------------

PROVIDER_FIELDS = (
    "name",
    "shelter_types",
    "payer",
    "target_groups",
    "places",
    "places_free",
    "places_checked_on",
    "intake_conditions",
    "phone_24h",
    "phone",
    "email",
    "languages",
    "active",
)


@transaction.atomic(durable=True)
def provider_save(*, actor: User, provider: CareProvider | None, values: dict) -> CareProvider:
    """Add or change a provider of the actor's region (regional zorgcoördinator only)."""
    policy = policy_for(CareProvider)
    if provider is None:
        if not policy.user_may(actor, "change"):
            raise NotPermitted
        provider = CareProvider(region_id=actor.region_id)
    else:
        if not policy.allows(actor, "change", provider):
            raise NotPermitted
        provider = CareProvider.objects.select_for_update().get(pk=provider.pk)
    values = {name: values[name] for name in PROVIDER_FIELDS if name in values}
    for name in ("name", "target_groups", "intake_conditions", "phone_24h", "phone", "email", "languages"):
        if name in values:
            values[name] = values[name].strip()
    data = catalogue()
    errors: dict[str, str] = {}
    types = values.get("shelter_types", provider.shelter_types)
    if not types or any(code not in data.shelter_types for code in types):
        errors["shelter_types"] = _("Kies wat de aanbieder biedt.")
    if values.get("payer") and values["payer"] not in data.payers:
        errors["payer"] = _("Kies de betaler uit de lijst.")
    places, free = values.get("places"), values.get("places_free")
    if places is not None and free is not None and free > places:
        errors["places_free"] = _("Er zijn niet meer plaatsen vrij dan er zijn.")
    if values.get("places_checked_on") and values["places_checked_on"] > timezone.localdate():
        errors["places_checked_on"] = _("De datum kan niet in de toekomst liggen.")
    creating = provider.pk is None
    for name, value in values.items():
        setattr(provider, name, value)
    provider.changed_by = actor
    same_name = CareProvider.objects.filter(region_id=provider.region_id, name__iexact=provider.name)
    if provider.name and same_name.exclude(pk=provider.pk).exists():
        errors["name"] = _("Deze regio heeft al een aanbieder met die naam.")
    try:
        provider.full_clean(exclude=["changed_by", "region"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(errors)
    provider.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=provider,
        region=provider.region,
    )
    return provider


# --- the legal track, income and insurance -------------------------------------------------------


def _open_deadline(actor: User, case: CareCase, track: CareTrack, code: str, on: dt.date, due_on: dt.date | None):
    data = catalogue()
    rule = data.deadlines[code]
    due_on = due_on or compute_due(rule, on)
    procedure = CareProcedure.objects.create(
        case=case,
        track=track,
        kind=code,
        started_on=on,
        due_on=due_on,
        remind_on=due_on - dt.timedelta(days=rule.reminder_days),
        catalogue_version=data.version,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=procedure, organisation=case.organisation)
    return procedure


def _eligibility_settled(case: CareCase, deadline: str) -> bool:
    """The wait for eligibility is over for good: what it waits for was applied for or granted."""
    settled = tracks.ELIGIBILITY_SETTLED_BY.get(deadline)
    if settled is None:
        return False
    kind, states = settled
    return CareTrack.objects.filter(case=case, kind=kind, status__in=states).exists()


def _apply_track_effects(actor: User, case: CareCase, track: CareTrack, on: dt.date, valid_until: dt.date | None):
    """What entering the track's state does to its deadlines on the timeline (care/tracks.py)."""
    for effect in spec_for(track.kind).effects.get(track.status, ()):
        # A deadline kind runs once per case, whichever track (or user) started it: applying for
        # continued stay ends the wait that the permit's grant put on the timeline.
        running = (
            CareProcedure.objects.select_for_update()
            .filter(case=case, kind=effect.deadline, done_on__isnull=True)
            .order_by("due_on", "id")
            .first()
        )
        if effect.effect == tracks.CLOSE:
            if running is not None:
                running.done_on = max(on, running.started_on)
                running.outcome = str(TrackStatus(track.status).label)
                running.save(update_fields=["done_on", "outcome"])
                audit_record(actor=actor, action=AuditAction.UPDATE, obj=running, organisation=case.organisation)
        elif effect.effect == tracks.MOVE and running is not None:
            rule = catalogue().deadlines[effect.deadline]
            running.due_on = valid_until
            running.remind_on = valid_until - dt.timedelta(days=rule.reminder_days)
            running.save(update_fields=["due_on", "remind_on"])
            # A new date is reminded of again.
            CareReminder.objects.filter(procedure=running).delete()
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=running,
                organisation=case.organisation,
                reason=f"termijn verschoven naar {valid_until.isoformat()}",
            )
        elif running is None and effect.effect != tracks.CLOSE:
            if _eligibility_settled(case, effect.deadline):
                continue
            given = valid_until if effect.effect == tracks.MOVE or effect.until else None
            _open_deadline(actor, case, track, effect.deadline, on, given)


def _check_track_dates(
    spec, state: str, on: dt.date, valid_until: dt.date | None, errors: dict, *, after: dt.date | None = None
) -> None:
    """The step's date and, where the state asks for one, its "valid until" date."""
    if on > timezone.localdate():
        errors["on"] = _("De datum kan niet in de toekomst liggen.")
    elif after is not None and on < after:
        errors["on"] = _("De datum ligt voor de vorige stap.")
    need = spec.valid_until.get(state)
    if valid_until is None:
        if need == tracks.REQUIRED:
            errors["valid_until"] = _("Vul in tot wanneer het besluit geldt.")
        return
    if need is None:
        errors["valid_until"] = _("Bij deze stap hoort geen datum 'geldig tot'; laat het veld leeg.")
    elif valid_until <= on:
        errors["valid_until"] = _("De datum 'geldig tot' ligt na de datum van de stap.")
    else:
        for effect in spec.effects.get(state, ()):
            rule = catalogue().deadlines[effect.deadline]
            if effect.until and valid_until > compute_due(rule, on):
                errors["valid_until"] = _("Dat is later dan de termijn toestaat (%(rule)s): uiterlijk %(date)s.") % {
                    "rule": rule.label.lower(),
                    "date": short_date(compute_due(rule, on)),
                }


def _check_track_text(detail: str, reason: str, errors: dict) -> None:
    if len(detail) > 200:
        errors["detail"] = _("De toelichting is hoogstens 200 tekens.")
    if len(reason) > 2000:
        errors["reason"] = _("De reden is hoogstens 2000 tekens.")


@transaction.atomic(durable=True)
def track_start(
    *,
    actor: User,
    case: CareCase,
    kind: str,
    status: str,
    on: dt.date,
    valid_until: dt.date | None = None,
    detail: str = "",
) -> CareTrack:
    """Put a procedure of the legal track or of income and insurance on the case, in one of its
    initial states (an offered bedenktijd, an Rvb right that arose, a permit already granted);
    its deadlines go on the timeline."""
    _require(actor, "manage", case)
    _require_open(case)
    if kind not in SPECS:
        raise ValidationError({"kind": _("Kies wat u vastlegt.")})
    spec = spec_for(kind)
    detail = detail.strip()
    errors: dict[str, str] = {}
    if status not in spec.workflow.initial_states():
        errors["kind"] = _("Zo kan dit spoor niet beginnen; kies een stand uit de lijst.")
    elif spec.workflow.is_open(status) and any(
        spec.workflow.is_open(row.status) for row in CareTrack.objects.filter(case=case, kind=kind)
    ):
        errors["kind"] = _("Dit spoor loopt al voor dit traject; zet daar de volgende stap.")
    if not errors:
        _check_track_dates(spec, status, on, valid_until, errors)
    _check_track_text(detail, "", errors)
    if errors:
        raise ValidationError(errors)
    track = CareTrack.objects.create(
        case=case,
        kind=kind,
        status=status,
        started_on=on,
        status_on=on,
        decided_on=on if status in spec.decisions else None,
        valid_until=valid_until,
        detail=detail,
        created_by=actor,
    )
    spec.workflow.record_start(track, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=track,
        organisation=case.organisation,
        reason=f"zorgtraject {case.reference}, {kind}: {status}",
    )
    _apply_track_effects(actor, case, track, on, valid_until)
    return track


@transaction.atomic(durable=True)
def track_step(
    *,
    actor: User,
    case: CareCase,
    track: CareTrack,
    target: str,
    on: dt.date,
    valid_until: dt.date | None = None,
    reason: str = "",
) -> CareTrack:
    """The next step of a track along its table (accepted, granted with a date until which the
    permit is valid, extended, refused with a reason, ...); its deadlines follow."""
    _require(actor, "manage", case)
    _require_open(case)
    track = _child(CareTrack.objects.filter(case=case), track.pk)
    spec = spec_for(track.kind)
    transition = spec.workflow.require(track.status, target)
    reason = reason.strip()
    errors: dict[str, str] = {}
    if transition.reason_required and not reason:
        errors["reason"] = _("Geef een reden voor deze stap.")
    _check_track_dates(spec, target, on, valid_until, errors, after=track.status_on)
    extending = target == TrackStatus.EXTENDED and track.valid_until is not None
    if extending and valid_until is not None and valid_until <= track.valid_until:
        errors["valid_until"] = _("Een verlenging loopt langer dan de huidige datum 'geldig tot'.")
    _check_track_text("", reason, errors)
    if errors:
        raise ValidationError(errors)
    changes: dict = {"status_on": on}
    if target in spec.decisions:
        changes["decided_on"] = on
    if valid_until is not None:
        changes["valid_until"] = valid_until
    # One audit line per step, this one: who (the actor), what (the kind, from and to state),
    # which case; read by the case's municipality, also when a regional account took the step.
    spec.workflow.record_transition(track, target, actor=actor, reason=reason, changes=changes, audit=False)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=track,
        organisation=case.organisation,
        reason=f"zorgtraject {case.reference}, {track.kind}: {transition.source} → {target}",
    )
    _apply_track_effects(actor, case, track, on, valid_until)
    return track
