"""Drafts of the intake: kept on the server while the reporter types, so that a lost connection, a
closed tab, an expired session or a CSRF failure loses nothing, and attachments survive a
validation error as pending uploads. Reads and writes of drafts live here, apart from
services.py, and follow the same rules: typed keyword-only functions that take the acting user,
every row read through IntakeDraftPolicy (404 for anyone but the owner), writes in one
transaction and audited.

What the audit log records (decided, not every keystroke): the draft's creation, at most one
"bijgewerkt" line per AUDIT_SAVE_EVERY while it is autosaved, every restore (a view of personal
data), every pending upload kept or removed, and its deletion: by the owner, on sending the
signal, or by the purge after BAKEN_DRAFT_DAYS.
"""

import contextlib
import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.core.access import policy_for
from baken.core.drafts import AUDIT_SAVE_EVERY as AUDIT_SAVE_EVERY  # re-exported for the tests
from baken.core.drafts import MAX_VALUE_LENGTH as MAX_VALUE_LENGTH
from baken.core.drafts import MAX_VALUES_PER_FIELD as MAX_VALUES_PER_FIELD
from baken.core.drafts import audit_due, clean_form_data, draft_max_age
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.signalling.models import IntakeDraft, IntakeDraftUpload, Signal
from baken.signalling.uploads import MAX_ATTACHMENTS, check_attachment, is_storage_full, storage_full_message

#: Never kept in a draft: the acute step must be confirmed again, files are pending uploads.
NOT_KEPT = frozenset({"acute_acknowledged", "attachments", "csrfmiddlewaretoken", "remove_upload"})


def _may_report(user) -> bool:
    return policy_for(Signal).user_may(user, "report")


# --- reads -------------------------------------------------------------------------------------


def draft_for(*, user) -> IntakeDraft | None:
    """The user's own draft that has not expired, or None."""
    return (
        policy_for(IntakeDraft)
        .visible(user)
        .filter(updated_at__gte=timezone.now() - draft_max_age())
        .prefetch_related("uploads")
        .first()
    )


def draft_panel(user) -> dict | None:
    """Start-page panel: a report not sent yet waits as a draft (after a closed tab or a new login),
    with a link back to it. Shows only when it was saved, never its content."""
    draft = draft_for(user=user)
    if draft is None:
        return None
    return {"updated_at": draft.updated_at, "uploads": len(draft.uploads.all())}


def draft_uploads(*, user) -> list[IntakeDraftUpload]:
    draft = draft_for(user=user)
    return list(draft.uploads.all()) if draft else []


# --- writes ------------------------------------------------------------------------------------


def clean_draft_data(data, field_names: set[str]) -> dict[str, list[str]]:
    """The intake's fields out of a QueryDict (or a dict of lists): unknown names are dropped;
    a value longer than any field, or more values than any field takes, is refused whole."""
    return clean_form_data(
        data,
        field_names,
        not_kept=NOT_KEPT,
        too_long=_("Het concept is niet bewaard: een veld is langer dan een melding toestaat. Maak het korter."),
    )


def _audit(actor, action: str, draft: IntakeDraft, reason: str) -> None:
    audit_record(actor=actor, action=action, obj=draft, organisation=draft.organisation, reason=reason)


def draft_save(*, actor, data: dict[str, list[str]]) -> tuple[IntakeDraft | None, bool]:
    """Create or replace the actor's draft with `data` (already cleaned). Returns (draft, created);
    (None, False) when `data` belongs to a signal that was sent already (an autosave that arrives
    after the submit must not bring the draft back)."""
    if not _may_report(actor):
        raise NotPermitted
    if _already_sent(actor, data):
        return None, False
    now = timezone.now()
    with transaction.atomic():
        draft = policy_for(IntakeDraft).visible(actor).select_for_update().first()
        created = draft is None
        if created:
            try:
                with transaction.atomic():
                    draft = IntakeDraft.objects.create(
                        organisation_id=actor.organisation_id, owner=actor, data=data, audited_at=now
                    )
            except IntegrityError:  # another tab made it meanwhile: that one is replaced
                draft = policy_for(IntakeDraft).visible(actor).select_for_update().get()
                created = False
        if created:
            _audit(actor, AuditAction.CREATE, draft, _("concept van een melding bewaard"))
            return draft, True
        if draft.updated_at < now - draft_max_age():
            draft.created_at = now  # an expired draft that the purge did not reach yet starts anew
        draft.data = data
        draft.updated_at = now
        if audit_due(draft.audited_at, now):
            draft.audited_at = now
            _audit(actor, AuditAction.UPDATE, draft, _("concept automatisch bijgewerkt"))
        draft.save()
    return draft, False


def _already_sent(actor, data: dict[str, list[str]]) -> bool:
    keys = data.get("submission_key", [])
    try:
        key = uuid.UUID(keys[0]) if len(keys) == 1 else None
    except ValueError:
        return False
    return key is not None and policy_for(Signal).rows_for(actor, "view_own").filter(submission_key=key).exists()


def draft_restored(*, actor, draft: IntakeDraft) -> None:
    """Log that the draft was shown to its owner again (the intake filled in from it)."""
    _audit(actor, AuditAction.VIEW, draft, _("concept teruggezet in het meldformulier"))


@dataclass
class KeptUploads:
    """What became of the files of one request: kept as pending uploads, or refused with a reason
    (the page names each file that must be added again)."""

    kept: list[IntakeDraftUpload] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    not_kept: list[str] = field(default_factory=list)


def draft_keep_uploads(*, actor, draft: IntakeDraft, uploads: list) -> KeptUploads:
    """Keep the files that pass the content checks of an attachment as pending uploads of the
    draft, up to the number a signal may carry; report the others by name."""
    if not policy_for(IntakeDraft).visible(actor).filter(pk=draft.pk).exists():
        raise NotPermitted
    result = KeptUploads()
    room = MAX_ATTACHMENTS - draft.uploads.count()
    for upload in uploads:
        try:
            checked = check_attachment(upload)
        except ValidationError as error:
            result.refused.extend(error.messages)
            continue
        if room <= 0:
            result.not_kept.append(upload.name)
            continue
        pending = IntakeDraftUpload(
            draft=draft,
            original_name=upload.name[:200],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        try:
            pending.file.save(f"bijlage.{checked.extension}", upload, save=False)
        except OSError as error:
            if not is_storage_full(error):
                raise
            result.refused.append(storage_full_message())
            break
        try:
            pending.save()
        except BaseException:
            _delete_files([pending.file])
            raise
        room -= 1
        result.kept.append(pending)
        _audit(actor, AuditAction.UPDATE, draft, _("bijlage bij concept bewaard"))
    return result


def draft_remove_uploads(*, actor, pks: list[int]) -> int:
    """Remove the actor's pending uploads with these ids; ids of anyone else's are ignored."""
    if not _may_report(actor):
        raise NotPermitted
    draft = draft_for(user=actor)
    if draft is None or not pks:
        return 0
    doomed = list(draft.uploads.filter(pk__in=pks))
    with transaction.atomic():
        IntakeDraftUpload.objects.filter(pk__in=[upload.pk for upload in doomed]).delete()
        for _upload in doomed:
            _audit(actor, AuditAction.UPDATE, draft, _("bijlage uit concept verwijderd"))
    _delete_files([upload.file for upload in doomed])
    return len(doomed)


def draft_open_uploads(*, actor, exclude: list[int] = ()) -> list[File]:
    """The pending uploads as files for signal_submit (the caller closes them)."""
    return [
        File(upload.file.open("rb"), name=upload.original_name)
        for upload in draft_uploads(user=actor)
        if upload.pk not in set(exclude)
    ]


def draft_delete(*, actor, reason: str) -> bool:
    """Delete the actor's draft and its pending uploads (by the owner, or because the signal was
    sent). Returns whether there was one."""
    if not _may_report(actor):
        raise NotPermitted
    draft = policy_for(IntakeDraft).visible(actor).first()
    if draft is None:
        return False
    _delete_drafts([draft], actor=actor, reason=reason)
    return True


def drafts_purge(*, now: dt.datetime | None = None) -> int:
    """System job: delete every draft not changed for BAKEN_DRAFT_DAYS, with its files."""
    cutoff = (now or timezone.now()) - draft_max_age()
    expired = list(IntakeDraft.objects.filter(updated_at__lt=cutoff).select_related("organisation"))
    for draft in expired:
        _delete_drafts(
            [draft], actor=None, reason=_("concept na %(days)s dagen verwijderd") % {"days": settings.BAKEN_DRAFT_DAYS}
        )
    return len(expired)


def _delete_drafts(drafts: list[IntakeDraft], *, actor, reason: str) -> None:
    files = [upload.file for upload in IntakeDraftUpload.objects.filter(draft__in=drafts)]
    with transaction.atomic():
        for draft in drafts:
            _audit(actor, AuditAction.DELETE, draft, reason)
        IntakeDraft.objects.filter(pk__in=[draft.pk for draft in drafts]).delete()
    _delete_files(files)


def _delete_files(files) -> None:
    for stored in files:
        with contextlib.suppress(OSError):
            stored.storage.delete(stored.name)
