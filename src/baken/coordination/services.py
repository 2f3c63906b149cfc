"""Writes of Verbinden: triage decisions, notes, links, merges, escalations and partners.

Every function checks that the actor may triage the signal, saves in one transaction, appends
history and writes the audit log. Nothing is edited in place that the record must remember.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.coordination.models import (
    SHAREABLE_FIELDS,
    Escalation,
    EscalationStatus,
    EscalationStatusChange,
    LegalGround,
    Partner,
    PartnerType,
    SignalLink,
    TriageNote,
)
from baken.coordination.workflow import find_transition
from baken.core.access import policy_for
from baken.core.models import AuditAction
from baken.core.permissions import has_permission
from baken.core.services import audit_record
from baken.signalling.models import MinorInvolved, Signal, SignalOutcome, SignalStatus, SignalStatusChange

MANDATORY_ROUTE_TYPES = (PartnerType.POLICE, PartnerType.VEILIG_THUIS)


def _require_triage(actor, signal: Signal) -> None:
    if not policy_for(Signal).permits(actor, "triage", signal):
        raise ValidationError(_("U mag dit signaal niet behandelen."))


def _lock(signal: Signal) -> Signal:
    """Re-read the signal under a row lock, so two triagers cannot cross each other."""
    return Signal.objects.select_for_update().get(pk=signal.pk)


def mandatory_route_applies(signal: Signal) -> bool:
    return signal.acute_danger or signal.minor_involved == MinorInvolved.YES


def mandatory_route_met(signal: Signal) -> bool:
    return (
        Escalation.objects.filter(signal=signal, partner__partner_type__in=MANDATORY_ROUTE_TYPES)
        .exclude(status=EscalationStatus.FAILED)
        .exists()
    )


@transaction.atomic
def signal_transition(
    *,
    actor,
    signal: Signal,
    target: str,
    reason: str = "",
    outcome: str = "",
    no_mandatory_route_reason: str = "",
    request=None,
) -> Signal:
    """Move a signal to `target` along an allowed user transition."""
    _require_triage(actor, signal)
    signal = _lock(signal)
    transition = find_transition(signal.status, target)
    if transition is None:
        raise ValidationError(
            _("Van '%(source)s' naar '%(target)s' is geen toegestane stap.")
            % {"source": SignalStatus(signal.status).label, "target": SignalStatus(target).label}
        )
    reason = reason.strip()
    errors: dict[str, str] = {}
    if transition.reason_required and not reason:
        errors["reason"] = _("Geef een reden voor deze stap.")
    if target == SignalStatus.CLOSED:
        if outcome not in SignalOutcome.values or outcome == SignalOutcome.MERGED:
            errors["outcome"] = _("Kies de uitkomst van het signaal.")
        if (
            mandatory_route_applies(signal)
            and not mandatory_route_met(signal)
            and not no_mandatory_route_reason.strip()
        ):
            errors["no_mandatory_route_reason"] = _(
                "Bij een minderjarige of acuut gevaar moet het signaal naar de politie of Veilig Thuis. "
                "Leg eerst die escalatie vast, of noteer waarom dat niet is gebeurd."
            )
    if errors:
        raise ValidationError(errors)
    if target == SignalStatus.CLOSED and no_mandatory_route_reason.strip() and mandatory_route_applies(signal):
        reason = (
            f"{reason}\n{_('Geen melding aan politie of Veilig Thuis, omdat:')} {no_mandatory_route_reason.strip()}"
        )
    previous = signal.status
    signal.status = target
    signal.outcome = outcome if target == SignalStatus.CLOSED else ""
    if target != SignalStatus.CLOSED:
        signal.merged_into = None  # a reopened duplicate stands on its own again; the link stays
    signal.save(update_fields=["status", "outcome", "merged_into"])
    SignalStatusChange.objects.create(signal=signal, from_status=previous, to_status=target, actor=actor, reason=reason)
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=signal, reason=f"status: {previous} → {target}", request=request
    )
    return signal


@transaction.atomic
def triage_note_add(*, actor, signal: Signal, text: str, request=None) -> TriageNote:
    _require_triage(actor, signal)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Een notitie mag niet leeg zijn.")})
    note = TriageNote.objects.create(signal=signal, author=actor, text=text)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=note, organisation=signal.organisation, request=request)
    return note


@transaction.atomic
def signal_assign(*, actor, signal: Signal, assignee, request=None) -> Signal:
    _require_triage(actor, signal)
    if assignee is not None and not policy_for(Signal).permits(assignee, "triage", signal):
        raise ValidationError({"assignee": _("Deze collega kan dit signaal niet behandelen.")})
    signal = _lock(signal)
    signal.assigned_to = assignee
    signal.save(update_fields=["assigned_to"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=signal,
        reason=_("toegewezen aan %(name)s") % {"name": assignee.username if assignee else "-"},
        request=request,
    )
    return signal


@transaction.atomic
def signal_share_message(*, actor, signal: Signal, message: str, request=None) -> Signal:
    """The short message the reporter sees under "Mijn meldingen"."""
    _require_triage(actor, signal)
    message = message.strip()
    if len(message) > 500:
        raise ValidationError({"message": _("Het bericht mag hoogstens 500 tekens lang zijn.")})
    signal = _lock(signal)
    signal.reporter_message = message
    signal.save(update_fields=["reporter_message"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=signal, reason=_("bericht aan melder"), request=request)
    return signal


@transaction.atomic
def signal_link(*, actor, signal: Signal, other: Signal, reason: str = "", request=None) -> SignalLink:
    _require_triage(actor, signal)
    _require_triage(actor, other)
    if signal.pk == other.pk:
        raise ValidationError(_("Een signaal kan niet aan zichzelf worden gekoppeld."))
    first, second = sorted([signal, other], key=lambda s: s.pk)
    link, created = SignalLink.objects.get_or_create(
        first=first, second=second, defaults={"created_by": actor, "reason": reason.strip()[:200]}
    )
    if created:
        for side, partner in ((signal, other), (other, signal)):
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=side,
                reason=f"gekoppeld aan {partner.reference}",
                request=request,
            )
    return link


@transaction.atomic
def signal_merge(*, actor, duplicate: Signal, into: Signal, reason: str = "", request=None) -> Signal:
    """Close `duplicate` as merged into `into`. Nothing is deleted: the duplicate keeps all it
    recorded, is linked to `into` and shows where it went."""
    _require_triage(actor, duplicate)
    _require_triage(actor, into)
    if duplicate.pk == into.pk:
        raise ValidationError(_("Een signaal kan niet met zichzelf worden samengevoegd."))
    if into.merged_into_id:
        raise ValidationError(_("Voeg samen met het signaal waarin %(ref)s al is opgegaan.") % {"ref": into.reference})
    duplicate = _lock(duplicate)
    transition = find_transition(duplicate.status, SignalStatus.CLOSED, system=True)
    if transition is None:
        raise ValidationError(_("Dit signaal is al afgesloten."))
    signal_link(actor=actor, signal=duplicate, other=into, reason=_("samengevoegd"), request=request)
    previous = duplicate.status
    duplicate.status = SignalStatus.CLOSED
    duplicate.outcome = SignalOutcome.MERGED
    duplicate.merged_into = into
    duplicate.save(update_fields=["status", "outcome", "merged_into"])
    SignalStatusChange.objects.create(
        signal=duplicate,
        from_status=previous,
        to_status=SignalStatus.CLOSED,
        actor=actor,
        reason=(_("Samengevoegd met %(ref)s.") % {"ref": into.reference} + f" {reason.strip()}").strip(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=duplicate,
        reason=f"samengevoegd met {into.reference}",
        request=request,
    )
    return duplicate


def _validate_escalation(signal, partner, legal_ground, consent_note, shared_fields, purpose, shared_on) -> None:
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
    if shared_on and shared_on > timezone.localdate():
        errors["shared_on"] = _("De datum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def escalation_create(
    *,
    actor,
    signal: Signal,
    partner: Partner | None,
    channel: str,
    purpose: str,
    legal_ground: str,
    shared_fields: list[str],
    shared_on: dt.date,
    contact_person: str = "",
    consent_note: str = "",
    expected_feedback_on: dt.date | None = None,
    status: str = EscalationStatus.PREPARED,
    request=None,
) -> Escalation:
    _require_triage(actor, signal)
    if not has_permission(actor, "coordination.manage_escalation"):
        raise ValidationError(_("U mag geen signalen escaleren."))
    if partner is not None and not policy_for(Partner).visible(actor).filter(pk=partner.pk).exists():
        partner = None
    _validate_escalation(signal, partner, legal_ground, consent_note, shared_fields, purpose, shared_on)
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
    EscalationStatusChange.objects.create(escalation=escalation, from_status="", to_status=status, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=escalation,
        reason=f"escalatie naar {partner.name} ({legal_ground}): {', '.join(ordered_fields)}",
        request=request,
    )
    return escalation


@transaction.atomic
def escalation_update(
    *,
    actor,
    escalation: Escalation,
    status: str,
    feedback: str = "",
    feedback_on: dt.date | None = None,
    note: str = "",
    request=None,
) -> Escalation:
    _require_triage(actor, escalation.signal)
    if not has_permission(actor, "coordination.manage_escalation"):
        raise ValidationError(_("U mag geen escalaties wijzigen."))
    if status not in EscalationStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    if status == EscalationStatus.FEEDBACK and not feedback.strip():
        raise ValidationError({"feedback": _("Vul de terugkoppeling van de partner in.")})
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    previous = escalation.status
    escalation.status = status
    if feedback.strip():
        escalation.feedback = feedback.strip()
        escalation.feedback_on = feedback_on or timezone.localdate()
    escalation.save(update_fields=["status", "feedback", "feedback_on"])
    if previous != status:
        EscalationStatusChange.objects.create(
            escalation=escalation, from_status=previous, to_status=status, actor=actor, note=note.strip()[:300]
        )
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=escalation, reason=f"status: {previous} → {status}", request=request
    )
    return escalation


PARTNER_FIELDS = (
    "name",
    "partner_type",
    "contact_person",
    "phone",
    "email",
    "expertise",
    "sharing_basis",
    "shared_in_region",
    "acute_route",
    "acute_instruction",
    "order",
    "active",
)


@transaction.atomic
def partner_save(*, actor, partner: Partner | None, values: dict, request=None) -> Partner:
    """Create or change a partner of the actor's own municipality."""
    if not has_permission(actor, "coordination.manage_partners") or not actor.organisation_id:
        raise ValidationError(_("U mag de partners niet beheren."))
    creating = partner is None
    if creating:
        partner = Partner(organisation_id=actor.organisation_id)
    elif partner.organisation_id != actor.organisation_id:
        raise ValidationError(_("Deze partner hoort bij een andere gemeente."))
    for name in PARTNER_FIELDS:
        if name in values:
            setattr(partner, name, values[name])
    partner.full_clean()
    partner.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE if creating else AuditAction.UPDATE, obj=partner, request=request
    )
    return partner
