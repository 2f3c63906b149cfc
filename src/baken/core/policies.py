"""Access policies for the core models: organisations, the audit log and notifications."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from baken.core.access import AccessPolicy, register
from baken.core.models import AuditEvent, Notification, Organisation
from baken.core.permissions import has_permission, installation_managers_for, is_installation_manager


@register
class OrganisationPolicy(AccessPolicy[Organisation]):
    """A municipality sees itself; a regional account sees its region's municipalities; a national
    installatiebeheerder sees every municipality (its name, code and region: no case content).
    Only the own functioneel beheerder manages the huisstijl; only an installatiebeheerder
    administers municipalities (creates them and their first functioneel beheerder), nationally
    or in its own region."""

    model = Organisation
    actions = ("view", "manage_huisstijl", "administer")

    def scope(self, user) -> QuerySet[Organisation]:
        if user.organisation_id:
            return Organisation.objects.filter(pk=user.organisation_id)
        if user.region_id:
            return Organisation.objects.filter(region_id=user.region_id)
        if is_installation_manager(user):
            return Organisation.objects.all()
        return Organisation.objects.none()

    def grants(self, user, action: str) -> bool:
        if action == "manage_huisstijl":
            return bool(user.organisation_id) and has_permission(user, "core.manage_huisstijl")
        if action == "administer":
            return is_installation_manager(user)
        return action == "view"

    def narrow(self, user, action: str, rows: QuerySet[Organisation]) -> QuerySet[Organisation]:
        if action == "manage_huisstijl":
            return rows.filter(pk=user.organisation_id)
        return rows

    def candidate_users(self, row: Organisation):
        scope = Q(organisation_id=row.pk) | (Q(region_id=row.region_id) if row.region_id else Q(pk__in=[]))
        scope |= Q(pk__in=installation_managers_for(row.region_id).values("pk"))
        return get_user_model().objects.filter(scope, is_active=True)


@register
class AuditEventPolicy(AccessPolicy[AuditEvent]):
    """Only a privacy officer reads the log: a municipality's privacy officer the rows of their
    organisation; a regional privacy officer (an account of a region, no organisation) the rows
    of their region, which are not those of the region's municipalities (each has its own
    privacy officer). Rows of the national scope (neither organisation nor region) are read by
    the installation's administrator with `manage.py audit_log --national`, not on the web
    (docs/adr/0004-audit-log.md)."""

    model = AuditEvent

    def scope(self, user) -> QuerySet[AuditEvent]:
        if not self.grants(user, "view"):
            return AuditEvent.objects.none()
        if user.organisation_id:
            return AuditEvent.objects.filter(organisation_id=user.organisation_id)
        return AuditEvent.objects.filter(region_id=user.region_id, organisation__isnull=True)

    def grants(self, user, action: str) -> bool:
        return (
            action == "view"
            and bool(user.organisation_id or user.region_id)
            and has_permission(user, "core.view_auditlog")
        )


@register
class NotificationPolicy(AccessPolicy[Notification]):
    """A notification is for its recipient only."""

    model = Notification

    def scope(self, user) -> QuerySet[Notification]:
        return Notification.objects.filter(recipient_id=user.pk)

    def candidate_users(self, row: Notification):
        return get_user_model().objects.filter(pk=row.recipient_id, is_active=True)
