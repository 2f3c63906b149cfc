"""Writes of the core app: audit log and organisation huisstijl."""

from typing import Any

from django.db import models, transaction

from baken.core.models import AuditAction, AuditEvent, Organisation
from baken.core.request_context import current_request_id


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor,
    action: AuditAction | str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    organisation: Organisation | None = None,
    reason: str = "",
    request=None,
    username: str = "",
) -> AuditEvent:
    """Append one line to the audit log. The only way code writes to it."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        if organisation is None:
            organisation = getattr(obj, "organisation", None) if not isinstance(obj, Organisation) else obj
    if organisation is None and is_user:
        organisation = actor.organisation
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_username=(actor.get_username() if is_user else username)[:150],
        organisation=organisation,
        action=action,
        object_type=object_type[:60],
        object_id=str(object_id)[:64],
        reason=reason[:255],
        request_id=current_request_id.get(),
        ip_address=client_ip(request),
    )


HUISSTIJL_FIELDS = ("logo", "primary_colour", "primary_text_colour", "link_colour")


@transaction.atomic
def organisation_update_huisstijl(*, actor, organisation: Organisation, changes: dict[str, Any], request=None):
    """Apply validated huisstijl changes and log them."""
    unknown = set(changes) - set(HUISSTIJL_FIELDS)
    if unknown:
        raise ValueError(f"Not huisstijl fields: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=organisation,
        reason=f"huisstijl: {', '.join(sorted(changes))}",
        request=request,
    )
    return organisation


def notifications_mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's own notifications as read (all, or the given ones)."""
    from django.utils import timezone

    from baken.core.access import policy_for
    from baken.core.models import Notification

    unread = policy_for(Notification).visible(user).filter(read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def organisation_create(
    *, name: str, slug: str, cbs_code: str, region=None, actor=None, colours: dict[str, str] | None = None
) -> Organisation:
    """Register a municipality (installation and demo). Validates the CBS code and colours."""
    organisation = Organisation(name=name, slug=slug, cbs_code=cbs_code, region=region, **(colours or {}))
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=organisation, reason=cbs_code)
    return organisation
