"""Writes of Zorg. Every function checks through the access policy that the actor may do it (or
raises NotPermitted), owns the domain rules (ValidationError with Dutch messages), saves in one
transaction, moves phases only through the workflow engine and writes the audit log."""

import calendar
import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.accounts.models import User
from baken.care.catalogue.loader import DeadlineRule, catalogue
from baken.care.models import CareCase, CareNameReveal, CarePhase, CareProcedure
from baken.care.policies import handovers_for
from baken.care.workflow import CARE_WORKFLOW
from baken.core.access import policy_for
from baken.core.calendar import add_working_days
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, Organisation
from baken.core.services import audit_record

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
    closing = target == CarePhase.CLOSED
    if closing and closure_reason not in catalogue().closure_reasons:
        errors["closure_reason"] = _("Kies de reden van afsluiten.")
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    changes: dict = {"closure_reason": closure_reason if closing else "", "closed_on": today if closing else None}
    if target == CarePhase.INTAKE:
        changes["intake_on"] = today
    if target == CarePhase.NOT_TAKEN_ON:
        changes["decline_reason"] = reason
    CARE_WORKFLOW.record_transition(case, target, actor=actor, reason=reason, changes=changes)
    return case


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
    return procedure
