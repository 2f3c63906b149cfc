"""Access policies for the core models: organisations and the audit log."""

from django.db.models import Q, QuerySet

from baken.core.access import AccessPolicy, register
from baken.core.models import AuditEvent, Notification, Organisation
from baken.core.permissions import has_permission


@register
class OrganisationPolicy(AccessPolicy[Organisation]):
    model = Organisation
    actions = ("view", "manage_huisstijl")

    def visible(self, user) -> QuerySet[Organisation]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return Organisation.objects.none()
        if user.organisation_id:
            return Organisation.objects.filter(pk=user.organisation_id)
        if user.region_id:
            return Organisation.objects.filter(region_id=user.region_id)
        return Organisation.objects.none()

    def permits(self, user, action: str, obj: Organisation) -> bool:
        if action == "view":
            return True
        if action == "manage_huisstijl":
            return obj.pk == user.organisation_id and has_permission(user, "core.manage_huisstijl")
        return False


@register
class AuditEventPolicy(AccessPolicy[AuditEvent]):
    """Only the privacy officer reads the log, and only of their own organisation."""

    model = AuditEvent

    def visible(self, user) -> QuerySet[AuditEvent]:
        if not has_permission(user, "core.view_auditlog") or not user.organisation_id:
            return AuditEvent.objects.none()
        return AuditEvent.objects.filter(Q(organisation_id=user.organisation_id))


@register
class NotificationPolicy(AccessPolicy[Notification]):
    """A notification is for its recipient only."""

    model = Notification

    def visible(self, user) -> QuerySet[Notification]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return Notification.objects.none()
        return Notification.objects.filter(recipient_id=user.pk)
