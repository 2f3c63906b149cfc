"""Access policies for user accounts and for the requests that change their access."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from baken.accounts.models import AccessRequest, AccessRequestStatus, User
from baken.core.access import AccessPolicy, register
from baken.core.permissions import (
    has_permission,
    installation_managers_for,
    is_installation_manager,
    users_with_permission,
)


def _manages_users(user) -> bool:
    return bool(user.organisation_id) and has_permission(user, "accounts.manage_users")


def _reads_audit_log(user) -> bool:
    return bool(user.organisation_id) and has_permission(user, "core.view_auditlog")


def _decides_as_installation(user) -> bool:
    return is_installation_manager(user) and has_permission(user, "accounts.decide_as_installation")


def _without_second_approver() -> Exists:
    """No active functioneel beheerder of the request's municipality could decide it: none but
    the one who asked and the account it concerns. Then the installation decides (ADR 0010)."""
    others = (
        users_with_permission("accounts.manage_users")
        .filter(organisation_id=OuterRef("organisation_id"))
        .exclude(pk=OuterRef("requested_by_id"))
        .exclude(pk=OuterRef("subject_id"))
    )
    return ~Exists(others)


@register
class UserPolicy(AccessPolicy[User]):
    """The functioneel beheerder sees and manages the accounts of their own municipality.

    Nobody changes their own roles or status through these screens, and nobody changes a
    superuser's: a functioneel beheerder cannot grant themselves case access.
    """

    model = User
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[User]:
        if not self.grants(user, "view"):
            return User.objects.none()
        return User.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return _manages_users(user)

    def narrow(self, user, action: str, rows: QuerySet[User]) -> QuerySet[User]:
        if action == "change":
            return rows.exclude(pk=user.pk).exclude(is_superuser=True)
        return rows

    def candidate_users(self, row: User) -> QuerySet[User]:
        return User.objects.filter(organisation_id=row.organisation_id, is_active=True)


@register
class AccessRequestPolicy(AccessPolicy[AccessRequest]):
    """Four eyes: the functioneel beheerders of the municipality see its access requests; a
    waiting request is decided by one of them who neither asked for it nor is its subject, and
    withdrawn only by whoever asked. The privacy officer reads them (never decides) and marks
    each as reviewed.

    The installatiebeheerder (national, or of a region: its municipalities) is the fallback second
    pair of eyes: it sees and decides the waiting requests that no functioneel beheerder of the
    municipality could decide, and keeps seeing those it decided; nothing else of the municipality."""

    model = AccessRequest
    actions = ("view", "decide", "withdraw", "review")

    def scope(self, user) -> QuerySet[AccessRequest]:
        if _decides_as_installation(user):
            rows = AccessRequest.objects.all()
            if user.region_id:
                rows = rows.filter(organisation__region_id=user.region_id)
            waiting_alone = Q(status=AccessRequestStatus.PENDING) & Q(_without_second_approver())
            return rows.filter(waiting_alone | Q(decided_by_id=user.pk))
        if not self.grants(user, "view"):
            return AccessRequest.objects.none()
        return AccessRequest.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        if action == "view":
            return _manages_users(user) or _reads_audit_log(user) or _decides_as_installation(user)
        if action == "review":
            return _reads_audit_log(user)
        if action == "decide":
            return _manages_users(user) or _decides_as_installation(user)
        return _manages_users(user)

    def narrow(self, user, action: str, rows: QuerySet[AccessRequest]) -> QuerySet[AccessRequest]:
        waiting = rows.filter(status=AccessRequestStatus.PENDING)
        if action == "decide":
            return waiting.exclude(requested_by_id=user.pk).exclude(subject_id=user.pk)
        if action == "withdraw":
            return waiting.filter(requested_by_id=user.pk)
        if action == "review":
            return rows.filter(reviewed_at__isnull=True)
        return rows

    def candidate_users(self, row: AccessRequest) -> QuerySet[User]:
        organisation = row.organisation
        scope = Q(organisation_id=organisation.pk) | Q(
            pk__in=installation_managers_for(organisation.region_id).values("pk")
        )
        if organisation.region_id:
            scope |= Q(region_id=organisation.region_id)
        return User.objects.filter(scope, is_active=True)
