"""Writes of Verbinden: triage decisions, notes, links, merges and escalations.

Every function checks through the access policies that the actor may triage the signal (or
raises NotPermitted), owns the domain rules (ValidationError with Dutch messages), saves in one
transaction, moves statuses only through the workflow engine and writes the audit log.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.accounts.models import User
from baken.coordination.models import (
    SHAREABLE_FIELDS,
    Escalation,
    EscalationStatus,
    LegalGround,
    SignalLink,
    TriageNote,
)
from baken.coordination.selectors import mandatory_route_applies, mandatory_route_met
from baken.coordination.workflow import ESCALATION_WORKFLOW
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.partners.models import Partner
from baken.signalling.models import Signal, SignalOutcome, SignalStatus
from baken.signalling.workflow import SIGNAL_WORKFLOW

MAX_MESSAGE_LENGTH = 500


def _require_triage(actor: User, *signals: Signal) -> None:
    policy = policy_for(Signal)
    for signal in signals:
        if not policy.allows(actor, "triage", signal):
            raise NotPermitted


def _require_escalate(actor: User, signal: Signal) -> None:
    _require_triage(actor, signal)
    if not policy_for(Escalation).user_may(actor, "change"):
        raise NotPermitted


def _lock(signal: Signal) -> Signal:
    """Re-read the signal under a row lock, so two triagers cannot cross each other."""
    return Signal.objects.select_for_update().get(pk=signal.pk)


@transaction.atomic(durable=True)
def signal_transition(
    *,
    actor: User,
    signal: Signal,
    target: str,
    reason: str = "",
    outcome: str = "",
    no_mandatory_route_reason: str = "",
) -> Signal:
    """Move a signal to `target` along an allowed user transition."""
    _require_triage(actor, signal)
    signal = _lock(signal)
    transition = SIGNAL_WORKFLOW.require(signal.status, target)
    reason = reason.strip()
    errors: dict[str, str] = {}
    # The engine refuses a missing reason too; asked here first so that the reason, the outcome
    # and the mandatory route are reported together, not one at a time.
    if transition.reason_required and not reason:
        errors["reason"] = _("Geef een reden voor deze stap.")
    closing = target == SignalStatus.CLOSED
    route_skipped = closing and mandatory_route_applies(signal) and not mandatory_route_met(signal)
    if closing:
        if outcome not in SignalOutcome.values or outcome == SignalOutcome.MERGED:
            errors["outcome"] = _("Kies de uitkomst van het signaal.")
        if route_skipped and not no_mandatory_route_reason.strip():
            errors["no_mandatory_route_reason"] = _(
                "Bij een minderjarige of acuut gevaar moet het signaal naar de politie of Veilig Thuis. "
                "Leg eerst die escalatie vast, of noteer waarom dat niet is gebeurd."
            )
    if errors:
        raise ValidationError(errors)
    if closing and no_mandatory_route_reason.strip() and mandatory_route_applies(signal):
        reason = (
            f"{reason}\n{_('Geen melding aan politie of Veilig Thuis, omdat:')} {no_mandatory_route_reason.strip()}"
        )
    changes = {"outcome": outcome if closing else ""}
    if not closing:
        changes["merged_into"] = None  # a reopened duplicate stands on its own again; the link stays
    SIGNAL_WORKFLOW.record_transition(signal, target, actor=actor, reason=reason, changes=changes)
    return signal


@transaction.atomic(durable=True)
def triage_note_add(*, actor: User, signal: Signal, text: str) -> TriageNote:
    _require_triage(actor, signal)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Een notitie mag niet leeg zijn.")})
    note = TriageNote.objects.create(signal=signal, author=actor, text=text)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=note, organisation=signal.organisation)
    return note


@transaction.atomic(durable=True)
def signal_assign(*, actor: User, signal: Signal, assignee: User | None) -> Signal:
    _require_triage(actor, signal)
    if assignee is not None and not policy_for(Signal).users_for(signal, "triage").filter(pk=assignee.pk).exists():
        raise ValidationError({"assignee": _("Deze collega kan dit signaal niet behandelen.")})
    signal = _lock(signal)
    signal.assigned_to = assignee
    signal.save(update_fields=["assigned_to"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=signal,
        reason=_("toegewezen aan %(name)s") % {"name": assignee.username if assignee else "-"},
    )
    return signal


@transaction.atomic(durable=True)
def signal_share_message(*, actor: User, signal: Signal, message: str) -> Signal:
    """The short message the reporter sees under "Mijn meldingen"."""
    _require_triage(actor, signal)
    message = message.strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            {"message": _("Het bericht mag hoogstens %(count)d tekens lang zijn.") % {"count": MAX_MESSAGE_LENGTH}}
        )
    signal = _lock(signal)
    signal.reporter_message = message
    signal.save(update_fields=["reporter_message"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=signal, reason=_("bericht aan melder"))
    return signal


def _link(actor: User, signal: Signal, other: Signal, reason: str) -> SignalLink:
    first, second = sorted([signal, other], key=lambda s: s.pk)
    link, created = SignalLink.objects.get_or_create(
        first=first, second=second, defaults={"created_by": actor, "reason": reason.strip()[:200]}
    )
    if created:
        for side, partner in ((signal, other), (other, signal)):
            audit_record(actor=actor, action=AuditAction.UPDATE, obj=side, reason=f"gekoppeld aan {partner.reference}")
    return link


@transaction.atomic(durable=True)
def signal_link(*, actor: User, signal: Signal, other: Signal, reason: str = "") -> SignalLink:
    _require_triage(actor, signal, other)
    if signal.pk == other.pk:
        raise ValidationError(_("Een signaal kan niet aan zichzelf worden gekoppeld."))
    return _link(actor, signal, other, reason)


@transaction.atomic(durable=True)
def signal_merge(*, actor: User, duplicate: Signal, into: Signal, reason: str = "") -> Signal:
    """Close `duplicate` as merged into `into` (a system transition of the workflow). Nothing
    is deleted: the duplicate keeps all it recorded, is linked to `into` and shows where it went."""
    _require_triage(actor, duplicate, into)
    if duplicate.pk == into.pk:
        raise ValidationError(_("Een signaal kan niet met zichzelf worden samengevoegd."))
    if into.merged_into_id:
        raise ValidationError(_("Voeg samen met het signaal waarin %(ref)s al is opgegaan.") % {"ref": into.reference})
    duplicate = _lock(duplicate)
    if SIGNAL_WORKFLOW.find(duplicate.status, SignalStatus.CLOSED, system=True) is None:
        raise ValidationError(_("Dit signaal is al afgesloten."))
    _link(actor, duplicate, into, _("samengevoegd"))
    SIGNAL_WORKFLOW.record_transition(
        duplicate,
        SignalStatus.CLOSED,
        actor=actor,
        system=True,
        reason=(_("Samengevoegd met %(ref)s.") % {"ref": into.reference} + f" {reason.strip()}").strip(),
        changes={"outcome": SignalOutcome.MERGED, "merged_into": into},
    )
    return duplicate


def _validate_escalation(
    *, partner, legal_ground, consent_note, shared_fields, purpose, shared_on, status, expected_feedback_on
) -> None:
    errors: dict[str, str] = {}
    if partner is None:
        errors["partner"] = _("Kies een partner.")
    if not purpose.strip():
        errors["purpose"] = _("Beschrijf het doel van het delen.")
    if legal_ground not in LegalGround.values:
        errors["legal_ground"] = _("Kies de grondslag voor het delen.")
    if legal_ground == LegalGround.CONSENT and not consent_note.strip():
        errors["consent_note"] = _("Leg vast wie wanneer toestemming gaf, en waar die is vastgelegd.")
    if not shared_fields:
        errors["shared_fields"] = _("Kies welke gegevens u deelt.")
    elif set(shared_fields) - set(SHAREABLE_FIELDS):
        errors["shared_fields"] = _("Onbekend gegeven gekozen.")
    if shared_on is None:
        errors["shared_on"] = _("Vul de datum in waarop u deelde.")
    elif shared_on > timezone.localdate():
        errors["shared_on"] = _("De datum ligt in de toekomst.")
    if expected_feedback_on and shared_on and expected_feedback_on < shared_on:
        errors["expected_feedback_on"] = _("De terugkoppeling kan niet vóór de datum van delen worden verwacht.")
    if status not in ESCALATION_WORKFLOW.initial_states():
        errors["status"] = _("Een nieuwe escalatie is voorbereid of al verzonden.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic(durable=True)
def escalation_create(
    *,
    actor: User,
    signal: Signal,
    partner: Partner | None,
    channel: str,
    purpose: str,
    legal_ground: str,
    shared_fields: list[str],
    shared_on: dt.date | None,
    contact_person: str = "",
    consent_note: str = "",
    expected_feedback_on: dt.date | None = None,
    status: str = EscalationStatus.PREPARED,
) -> Escalation:
    _require_escalate(actor, signal)
    if partner is not None and not policy_for(Partner).allows(actor, "view", partner):
        partner = None  # a partner the actor cannot see is no choice at all
    _validate_escalation(
        partner=partner,
        legal_ground=legal_ground,
        consent_note=consent_note,
        shared_fields=shared_fields,
        purpose=purpose,
        shared_on=shared_on,
        status=status,
        expected_feedback_on=expected_feedback_on,
    )
    ordered_fields = [name for name in SHAREABLE_FIELDS if name in set(shared_fields)]
    escalation = Escalation(
        organisation_id=signal.organisation_id,
        signal=signal,
        partner=partner,
        contact_person=contact_person.strip(),
        channel=channel,
        purpose=purpose.strip(),
        legal_ground=legal_ground,
        consent_note=consent_note.strip(),
        shared_fields=ordered_fields,
        shared_on=shared_on,
        expected_feedback_on=expected_feedback_on,
        status=status,
        created_by=actor,
    )
    escalation.full_clean()
    escalation.save()
    ESCALATION_WORKFLOW.record_start(escalation, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=escalation,
        reason=f"escalatie naar {partner.name} ({legal_ground}): {', '.join(ordered_fields)}",
    )
    return escalation


@transaction.atomic(durable=True)
def escalation_update(
    *,
    actor: User,
    escalation: Escalation,
    status: str,
    feedback: str = "",
    feedback_on: dt.date | None = None,
    note: str = "",
) -> Escalation:
    """Record the next step of a hand-over (through the workflow), or the partner's feedback."""
    if not policy_for(Escalation).allows(actor, "change", escalation):
        raise NotPermitted
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    feedback = feedback.strip()
    if status == EscalationStatus.FEEDBACK and not feedback:
        raise ValidationError({"feedback": _("Vul de terugkoppeling van de partner in.")})
    if feedback_on and feedback_on > timezone.localdate():
        raise ValidationError({"feedback_on": _("De datum ligt in de toekomst.")})
    changes = {}
    if feedback:
        changes = {"feedback": feedback, "feedback_on": feedback_on or timezone.localdate()}
    if status == escalation.status:
        if not changes:
            raise ValidationError({"status": _("Kies een nieuwe status of vul de terugkoppeling in.")})
        for field, value in changes.items():
            setattr(escalation, field, value)
        escalation.save(update_fields=list(changes))
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=escalation, reason=_("terugkoppeling bijgewerkt"))
        return escalation
    ESCALATION_WORKFLOW.record_transition(escalation, status, actor=actor, reason=note, changes=changes)
    return escalation


def _lock_all(signals: list[Signal]) -> list[Signal]:
    """Re-read the signals under row locks, in id order (two bulk actions cannot deadlock)."""
    locked = {s.pk: s for s in Signal.objects.select_for_update().filter(pk__in=[s.pk for s in signals]).order_by("pk")}
    return [locked[s.pk] for s in signals]


@transaction.atomic(durable=True)
def signals_bulk_assign(*, actor: User, signals: list[Signal], assignee: User | None) -> list[Signal]:
    """Assign several signals at once: all or nothing. If the assignee may not take one of them
    (its confidentiality), nothing changes and the error names those signals."""
    _require_triage(actor, *signals)
    if not signals:
        raise ValidationError({"signals": _("Selecteer eerst een of meer signalen.")})
    if assignee is not None:
        refused = [
            signal.reference
            for signal in signals
            if not policy_for(Signal).users_for(signal, "triage").filter(pk=assignee.pk).exists()
        ]
        if refused:
            raise ValidationError(
                {
                    "assignee": _("%(name)s kan deze signalen niet behandelen: %(references)s. Er is niets gewijzigd.")
                    % {"name": assignee.get_full_name() or assignee.username, "references": ", ".join(refused)}
                }
            )
    signals = _lock_all(signals)
    for signal in signals:
        signal.assigned_to = assignee
        signal.save(update_fields=["assigned_to"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=signal,
            reason=_("toegewezen aan %(name)s (selectie)") % {"name": assignee.username if assignee else "-"},
        )
    return signals


@transaction.atomic(durable=True)
def signals_bulk_transition(
    *, actor: User, signals: list[Signal], target: str, reason: str = "", outcome: str = ""
) -> list[Signal]:
    """Move several signals to `target` along the workflow, with one reason for all: all or
    nothing. A signal that may not make the step (no such transition from its status, or an
    acute or minor signal being closed: those are closed one by one on their own page, where the
    mandatory route is checked) stops the whole action, and the error names it."""
    _require_triage(actor, *signals)
    if not signals:
        raise ValidationError({"signals": _("Selecteer eerst een of meer signalen.")})
    signals = _lock_all(signals)
    reason = reason.strip()
    closing = target == SignalStatus.CLOSED
    errors: dict[str, str] = {}
    no_step = [s.reference for s in signals if SIGNAL_WORKFLOW.find(s.status, target) is None]
    if no_step:
        errors["target"] = _("Deze signalen kunnen niet naar '%(target)s': %(references)s. Er is niets gewijzigd.") % {
            "target": SIGNAL_WORKFLOW.label(target),
            "references": ", ".join(no_step),
        }
    elif closing:
        own_page = [s.reference for s in signals if mandatory_route_applies(s)]
        if own_page:
            errors["target"] = _(
                "Sluit signalen met een minderjarige of acuut gevaar af op hun eigen pagina: %(references)s. "
                "Er is niets gewijzigd."
            ) % {"references": ", ".join(own_page)}
    if not no_step and not reason and any(SIGNAL_WORKFLOW.find(s.status, target).reason_required for s in signals):
        errors["reason"] = _("Geef een reden voor deze stap.")
    if closing and (outcome not in SignalOutcome.values or outcome == SignalOutcome.MERGED):
        errors["outcome"] = _("Kies de uitkomst van het signaal.")
    if errors:
        raise ValidationError(errors)
    for signal in signals:
        changes = {"outcome": outcome if closing else ""}
        if not closing:
            changes["merged_into"] = None
        SIGNAL_WORKFLOW.record_transition(signal, target, actor=actor, reason=reason, changes=changes)
    return signals
