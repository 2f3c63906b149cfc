"""Drafts of the inspection form: kept on the server while the inspector types in the field, so
that a lost connection or a closed tab loses nothing that reached the server, and a submit made
without a connection is sent when it returns (baken/server-draft.js). The rules are the intake's
(core/drafts.py): per user, never in the browser's storage, every row read through
InspectionDraftPolicy (404 for anyone but its owner, and only while they may record the
inspection at the case's level), audited sparingly, deleted when the inspection is recorded or
BAKEN_DRAFT_DAYS after its last change.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.core.access import policy_for
from baken.core.drafts import audit_due, clean_form_data, draft_max_age
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.enforcement.models import EnforcementCase, Inspection, InspectionDraft


def _audit(actor, action: str, draft: InspectionDraft, reason: str) -> None:
    audit_record(actor=actor, action=action, obj=draft, organisation=draft.organisation, reason=reason)


def clean_inspection_data(data, field_names) -> dict[str, list[str]]:
    return clean_form_data(
        data,
        field_names,
        too_long=_("Het concept is niet bewaard: een veld is langer dan een controle toestaat. Maak het korter."),
    )


def draft_for(*, user, inspection: Inspection) -> InspectionDraft | None:
    """The user's own draft of this inspection that has not expired, or None."""
    return (
        policy_for(InspectionDraft)
        .visible(user)
        .filter(inspection_id=inspection.pk, updated_at__gte=timezone.now() - draft_max_age())
        .first()
    )


def draft_save(*, actor, inspection: Inspection, data: dict[str, list[str]]) -> tuple[InspectionDraft, bool]:
    """Create or replace the actor's draft of `inspection` with `data` (already cleaned), at the
    case's confidentiality. Returns (draft, created)."""
    if not policy_for(Inspection).allows(actor, "change", inspection):
        raise NotPermitted
    now = timezone.now()
    level = EnforcementCase.objects.values_list("confidentiality", flat=True).get(pk=inspection.case_id)
    with transaction.atomic():
        # The actor may record this inspection at the case's level (checked above), so their own
        # draft of it is theirs to read; get_or_create settles two tabs saving at once.
        draft, created = InspectionDraft.objects.select_for_update().get_or_create(
            owner=actor,
            inspection=inspection,
            defaults={
                "organisation_id": inspection.organisation_id,
                "confidentiality": level,
                "data": data,
                "audited_at": now,
            },
        )
        if created:
            _audit(actor, AuditAction.CREATE, draft, _("concept van een controle bewaard"))
            return draft, True
        if draft.updated_at < now - draft_max_age():
            draft.created_at = now  # an expired draft that the purge did not reach yet starts anew
        draft.data = data
        draft.confidentiality = level
        draft.updated_at = now
        if audit_due(draft.audited_at, now):
            draft.audited_at = now
            _audit(actor, AuditAction.UPDATE, draft, _("concept van een controle automatisch bijgewerkt"))
        draft.save()
    return draft, False


def draft_restored(*, actor, draft: InspectionDraft) -> None:
    """Log that the draft was shown to its owner again (the form filled in from it)."""
    _audit(actor, AuditAction.VIEW, draft, _("concept teruggezet in het controleformulier"))


def draft_delete(*, actor, inspection: Inspection, reason: str) -> bool:
    """Delete the actor's draft of `inspection` (by the owner, or because it was recorded).
    Returns whether there was one."""
    draft = policy_for(InspectionDraft).visible(actor).filter(inspection_id=inspection.pk).first()
    if draft is None:
        return False
    with transaction.atomic():
        _audit(actor, AuditAction.DELETE, draft, reason)
        draft.delete()
    return True


def drafts_purge(*, now=None) -> int:
    """System job: delete every inspection draft not changed for BAKEN_DRAFT_DAYS."""
    cutoff = (now or timezone.now()) - draft_max_age()
    expired = list(InspectionDraft.objects.filter(updated_at__lt=cutoff).select_related("organisation"))
    reason = _("concept na %(days)s dagen verwijderd") % {"days": settings.BAKEN_DRAFT_DAYS}
    with transaction.atomic():
        for draft in expired:
            _audit(None, AuditAction.DELETE, draft, reason)
        InspectionDraft.objects.filter(pk__in=[draft.pk for draft in expired]).delete()
    return len(expired)
