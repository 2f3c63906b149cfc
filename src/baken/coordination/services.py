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
from baken.coordination.catalogue.loader import message_template
from baken.coordination.models import (
    SHAREABLE_FIELDS,
    Escalation,
    EscalationStatus,
    LegalGround,
    SignalLink,
    TriageNote,
)
from baken.coordination.selectors import escalation_partners, mandatory_route_applies, mandatory_route_met
from baken.coordination.workflow import ESCALATION_WORKFLOW
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.notify import clear_notifications, subject_of
from baken.core.services import audit_record
from baken.partners.models import Partner
from baken.signalling.models import Signal, SignalOutcome, SignalStatus
from baken.signalling.notifications import notify_reporter
from baken.signalling.status import coarse_status
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


def _after_status_change(signal: Signal, previous: str) -> None:
    """What follows any status step: handled signals retire the notifications that announced
    them; a new coarse status is news for the reporter."""
    if signal.status != SignalStatus.NEW:
        clear_notifications(subject=subject_of(signal))
    if coarse_status(previous) != coarse_status(signal.status):
        notify_reporter(signal)


def _move(signal: Signal, target: str, *, actor: User, reason: str = "", changes: dict | None = None) -> None:
    previous = signal.status
    SIGNAL_WORKFLOW.record_transition(signal, target, actor=actor, reason=reason, changes=changes)
    _after_status_change(signal, previous)


def _message_text(message: str, template_code: str) -> str:
    """The message as written; an empty message with a chosen template takes the template's text."""
    message = message.strip()
    if not message and template_code:
        template = message_template(template_code)
        message = template.text if template else ""
    return message


def _store_message(actor: User, signal: Signal, message: str) -> None:
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            {"message": _("Het bericht mag hoogstens %(count)d tekens lang zijn.") % {"count": MAX_MESSAGE_LENGTH}}
        )
    signal.reporter_message = message
    signal.save(update_fields=["reporter_message"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=signal, reason=_("bericht aan melder"))
    if message:
        notify_reporter(signal)


@transaction.atomic(durable=True)
def signal_transition(
    *,
    actor: User,
    signal: Signal,
    target: str,
    reason: str = "",
    outcome: str = "",
    no_mandatory_route_reason: str = "",
    assignee: User | None = None,
    message: str = "",
    message_template: str = "",
    no_message_reason: str = "",
) -> Signal:
    """Move a signal to `target` along an allowed user transition. Closing a signal with acute
    danger or a minor needs an assignee and a message to the reporter (or why not); the
    assignee and the message given here are saved in the same step, or nothing is."""
    _require_triage(actor, signal)
    signal = _lock(signal)
    transition = SIGNAL_WORKFLOW.require(signal.status, target)
    reason = reason.strip()
    message = _message_text(message, message_template)
    no_message_reason = no_message_reason.strip()
    errors: dict[str, str] = {}
    # The engine refuses a missing reason too; asked here first so that the reason, the outcome
    # and the mandatory route are reported together, not one at a time.
    if transition.reason_required and not reason:
        errors["reason"] = _("Geef een reden voor deze stap.")
    if message_template and message_template_is_unknown(message_template):
        errors["message_template"] = _("Kies een van de standaardberichten.")
    if assignee is not None and not policy_for(Signal).users_for(signal, "triage").filter(pk=assignee.pk).exists():
        errors["assignee"] = _("Deze collega kan deze melding niet behandelen.")
    closing = target == SignalStatus.CLOSED
    urgent = mandatory_route_applies(signal)
    route_skipped = closing and urgent and not mandatory_route_met(signal)
    if closing:
        if outcome not in SignalOutcome.values or outcome == SignalOutcome.MERGED:
            errors["outcome"] = _("Kies de uitkomst van de melding.")
        if route_skipped and not no_mandatory_route_reason.strip():
            errors["no_mandatory_route_reason"] = _(
                "Bij een minderjarige of acuut gevaar moet de melding naar de politie of Veilig Thuis. "
                "Zet de melding eerst door, of noteer waarom dat niet is gebeurd."
            )
        if urgent and assignee is None and not signal.assigned_to_id:
            errors["assignee"] = _(
                "Een melding met acuut gevaar of een minderjarige sluit u pas af als iemand die behandelt. "
                "Kies aan wie de melding is toegewezen."
            )
        if urgent and not message and not no_message_reason:
            errors["message"] = _(
                "Stuur de melder een bericht (kies een standaardtekst of schrijf er een), "
                "of noteer waarom de melder geen bericht krijgt."
            )
    if len(message) > MAX_MESSAGE_LENGTH:
        errors["message"] = _("Het bericht mag hoogstens %(count)d tekens lang zijn.") % {"count": MAX_MESSAGE_LENGTH}
    if errors:
        raise ValidationError(errors)
    if closing and no_mandatory_route_reason.strip() and urgent:
        reason = (
            f"{reason}\n{_('Geen melding aan politie of Veilig Thuis, omdat:')} {no_mandatory_route_reason.strip()}"
        )
    if closing and urgent and not message:
        reason = f"{reason}\n{_('Geen bericht aan de melder, omdat:')} {no_message_reason}"
    if assignee is not None and assignee.pk != signal.assigned_to_id:
        _assign(actor, signal, assignee)
    changes = {"outcome": outcome if closing else ""}
    if not closing:
        changes["merged_into"] = None  # a reopened duplicate stands on its own again; the link stays
    previous = signal.status
    SIGNAL_WORKFLOW.record_transition(signal, target, actor=actor, reason=reason, changes=changes)
    if message:
        # Saved without a second notification: the status step below tells the reporter once.
        signal.reporter_message = message
        signal.save(update_fields=["reporter_message"])
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=signal, reason=_("bericht aan melder"))
        if coarse_status(previous) == coarse_status(signal.status):
            notify_reporter(signal)
    _after_status_change(signal, previous)
    return signal


def message_template_is_unknown(code: str) -> bool:
    return message_template(code) is None


@transaction.atomic(durable=True)
def signal_additions_seen(*, actor: User, signal: Signal) -> bool:
    """Someone who may triage opened the signal: the reporter's additions no longer wait."""
    _require_triage(actor, signal)
    updated = Signal.objects.filter(pk=signal.pk, addition_waiting=True).update(addition_waiting=False)
    if updated:
        signal.addition_waiting = False
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=signal, reason=_("aanvulling van de melder gezien"))
    return bool(updated)


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
        raise ValidationError({"assignee": _("Deze collega kan deze melding niet behandelen.")})
    signal = _lock(signal)
    _assign(actor, signal, assignee)
    return signal


def _assign(actor: User, signal: Signal, assignee: User | None) -> None:
    signal.assigned_to = assignee
    signal.save(update_fields=["assigned_to"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=signal,
        reason=_("toegewezen aan %(name)s") % {"name": assignee.username if assignee else "-"},
    )


@transaction.atomic(durable=True)
def signal_share_message(*, actor: User, signal: Signal, message: str, message_template: str = "") -> Signal:
    """The short message the reporter sees under "Mijn meldingen"; the reporter hears that there
    is news (in Baken, and by e-mail if they chose so)."""
    _require_triage(actor, signal)
    if message_template and message_template_is_unknown(message_template):
        raise ValidationError({"message_template": _("Kies een van de standaardberichten.")})
    signal = _lock(signal)
    _store_message(actor, signal, _message_text(message, message_template))
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
        raise ValidationError(_("Een melding kan niet aan zichzelf worden gekoppeld."))
    return _link(actor, signal, other, reason)


@transaction.atomic(durable=True)
def signal_merge(*, actor: User, duplicate: Signal, into: Signal, reason: str = "") -> Signal:
    """Close `duplicate` as merged into `into` (a system transition of the workflow). Nothing
    is deleted: the duplicate keeps all it recorded, is linked to `into` and shows where it went."""
    _require_triage(actor, duplicate, into)
    if duplicate.pk == into.pk:
        raise ValidationError(_("Een melding kan niet met zichzelf worden samengevoegd."))
    if into.merged_into_id:
        raise ValidationError(_("Voeg samen met de melding waarin %(ref)s al is opgegaan.") % {"ref": into.reference})
    duplicate = _lock(duplicate)
    if SIGNAL_WORKFLOW.find(duplicate.status, SignalStatus.CLOSED, system=True) is None:
        raise ValidationError(_("Deze melding is al afgesloten."))
    _link(actor, duplicate, into, _("samengevoegd"))
    previous = duplicate.status
    SIGNAL_WORKFLOW.record_transition(
        duplicate,
        SignalStatus.CLOSED,
        actor=actor,
        system=True,
        reason=(_("Samengevoegd met %(ref)s.") % {"ref": into.reference} + f" {reason.strip()}").strip(),
        changes={"outcome": SignalOutcome.MERGED, "merged_into": into},
    )
    _after_status_change(duplicate, previous)
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
        errors["status"] = _("Een nieuwe overdracht is voorbereid of al verzonden.")
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
    set_referred: bool = False,
) -> Escalation:
    """Record a hand-over. With `set_referred`, the signal moves to "doorgezet" through the
    workflow in the same transaction: both are saved, or neither."""
    _require_escalate(actor, signal)
    if partner is not None and not escalation_partners(user=actor).filter(pk=partner.pk).exists():
        partner = None  # 112, Meld Misdaad Anoniem, the municipality itself or a hidden partner: no choice
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
    if set_referred:
        _refer(actor, signal, partner)
    return escalation


def referral_steps(status: str) -> list[str]:
    """The workflow steps that bring a signal in `status` to "doorgezet": none when it is there
    already; a new signal is first taken into treatment. Empty too when no path exists (a closed
    signal is reopened on its own page, with a reason, before it can be handed over again)."""
    if status == SignalStatus.REFERRED:
        return []
    if SIGNAL_WORKFLOW.find(status, SignalStatus.REFERRED):
        return [SignalStatus.REFERRED]
    # Only a new signal is first taken into treatment; a closed one is never reopened on the side.
    if (
        status == SignalStatus.NEW
        and SIGNAL_WORKFLOW.find(status, SignalStatus.IN_PROGRESS)
        and SIGNAL_WORKFLOW.find(SignalStatus.IN_PROGRESS, SignalStatus.REFERRED)
    ):
        return [SignalStatus.IN_PROGRESS, SignalStatus.REFERRED]
    return []


def may_refer(status: str) -> bool:
    return status == SignalStatus.REFERRED or bool(referral_steps(status))


def _refer(actor: User, signal: Signal, partner: Partner) -> None:
    signal = _lock(signal)
    if not may_refer(signal.status):
        raise ValidationError(
            {"set_referred": _("Deze melding is afgesloten; heropen de melding eerst om die door te zetten.")}
        )
    reason = _("Doorgezet naar %(partner)s.") % {"partner": partner.name}
    for step in referral_steps(signal.status):
        _move(signal, step, actor=actor, reason=reason, changes={"merged_into": None})


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
        clear_notifications(subject=subject_of(escalation))
        return escalation
    ESCALATION_WORKFLOW.record_transition(escalation, status, actor=actor, reason=note, changes=changes)
    if not ESCALATION_WORKFLOW.is_open(escalation.status):
        clear_notifications(subject=subject_of(escalation))  # no more waiting for feedback
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
        raise ValidationError({"signals": _("Selecteer eerst een of meer meldingen.")})
    if assignee is not None:
        refused = [
            signal.reference
            for signal in signals
            if not policy_for(Signal).users_for(signal, "triage").filter(pk=assignee.pk).exists()
        ]
        if refused:
            raise ValidationError(
                {
                    "assignee": _("%(name)s kan deze meldingen niet behandelen: %(references)s. Er is niets gewijzigd.")
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
        raise ValidationError({"signals": _("Selecteer eerst een of meer meldingen.")})
    signals = _lock_all(signals)
    reason = reason.strip()
    closing = target == SignalStatus.CLOSED
    errors: dict[str, str] = {}
    no_step = [s.reference for s in signals if SIGNAL_WORKFLOW.find(s.status, target) is None]
    if no_step:
        errors["target"] = _("Deze meldingen kunnen niet naar '%(target)s': %(references)s. Er is niets gewijzigd.") % {
            "target": SIGNAL_WORKFLOW.label(target),
            "references": ", ".join(no_step),
        }
    elif closing:
        own_page = [s.reference for s in signals if mandatory_route_applies(s)]
        if own_page:
            errors["target"] = _(
                "Sluit meldingen met een minderjarige of acuut gevaar af op hun eigen pagina: %(references)s. "
                "Er is niets gewijzigd."
            ) % {"references": ", ".join(own_page)}
    if not no_step and not reason and any(SIGNAL_WORKFLOW.find(s.status, target).reason_required for s in signals):
        errors["reason"] = _("Geef een reden voor deze stap.")
    if closing and (outcome not in SignalOutcome.values or outcome == SignalOutcome.MERGED):
        errors["outcome"] = _("Kies de uitkomst van de melding.")
    if errors:
        raise ValidationError(errors)
    for signal in signals:
        changes = {"outcome": outcome if closing else ""}
        if not closing:
            changes["merged_into"] = None
        SIGNAL_WORKFLOW.record_transition(signal, target, actor=actor, reason=reason, changes=changes)
    return signals
