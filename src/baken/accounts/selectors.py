"""Reads of user accounts, through the access policy."""

from datetime import timedelta

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from baken.accounts.models import AccessRequest, AccessRequestStatus, User
from baken.core.access import policy_for
from baken.core.models import Organisation, Region


def user_list(*, user, search: str = "") -> QuerySet[User]:
    users = policy_for(User).visible(user).prefetch_related("groups").order_by("username")
    if search:
        users = users.filter(
            Q(username__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
        )
    return users


def inactive_users(*, user, days: int) -> QuerySet[User]:
    """Active accounts of the municipality without a login for `days` days (or never, and created
    that long ago), oldest first; only those the user may change."""
    cutoff = timezone.now() - timedelta(days=days)
    never = Q(last_login__isnull=True, date_joined__lt=cutoff)
    return (
        policy_for(User)
        .rows_for(user, "change")
        .filter(Q(last_login__lt=cutoff) | never, is_active=True)
        .prefetch_related("groups")
        .order_by(F("last_login").asc(nulls_first=True), "username")
    )


def user_for_change(*, user, pk: int) -> User:
    return policy_for(User).get_for(user, "change", pk=pk)


def access_requests(*, user, waiting_only: bool = False) -> QuerySet[AccessRequest]:
    rows = (
        policy_for(AccessRequest).visible(user).select_related("subject", "requested_by", "decided_by", "organisation")
    )
    if waiting_only:
        rows = rows.filter(status=AccessRequestStatus.PENDING)
    return rows.order_by("-requested_at", "-id")


def access_request_visible(*, user, pk: int) -> AccessRequest:
    return policy_for(AccessRequest).get_visible(user, pk=pk)


def waiting_access_request(*, user, subject: User) -> AccessRequest | None:
    """The request that waits for an account (at most one), for the account's page."""
    return access_requests(user=user, waiting_only=True).filter(subject=subject).first()


def may_decide(*, user, access_request: AccessRequest) -> bool:
    return policy_for(AccessRequest).allows(user, "decide", access_request)


def may_withdraw(*, user, access_request: AccessRequest) -> bool:
    return policy_for(AccessRequest).allows(user, "withdraw", access_request)


def second_approvers(*, user) -> list[User]:
    """The other active functioneel beheerders of the user's municipality: who could approve
    what this user asks. Empty means only the installation's administrator can."""
    if not user.organisation_id:
        return []
    colleagues = User.objects.filter(organisation_id=user.organisation_id, is_active=True).exclude(pk=user.pk)
    return [colleague for colleague in colleagues if policy_for(User).user_may(colleague, "change")]


def _holders(user, role_code: str) -> int:
    return policy_for(User).visible(user).filter(is_active=True, groups__name=role_code).distinct().count()


def active_role_holders(*, organisation_id: int, role_code: str) -> int:
    """How many active accounts of a municipality hold a role: a count for the Kader's evidence
    (who holds it is read through the account policy, on the accounts pages)."""
    return (
        User.objects.filter(organisation_id=organisation_id, is_active=True, groups__name=role_code).distinct().count()
    )


def officers_set(user) -> bool:
    """Set-up step: at least two active aandachtsfunctionarissen (one stands in for the other)."""
    return _holders(user, "aandachtsfunctionaris") >= 2


def second_beheerder_set(user) -> bool:
    """Set-up step: a second functioneel beheerder, so that four eyes work inside the municipality."""
    return _holders(user, "functioneel_beheerder") >= 2


def privacy_officer_set(user) -> bool:
    return _holders(user, "privacy_officer") >= 1


def access_panel(user) -> dict | None:
    """Start-page panel: waiting requests for a functioneel beheerder to decide, and the latest
    changes of access for the privacy officer."""
    if not policy_for(AccessRequest).user_may(user, "view"):
        return None
    policy = policy_for(AccessRequest)
    to_decide = policy.rows_for(user, "decide").count()
    if policy.user_may(user, "review"):
        # The privacy officer's list: what they have not reviewed yet, oldest first.
        to_review = policy.rows_for(user, "review").select_related("subject").order_by("requested_at", "id")
        return {"to_decide": to_decide, "to_review": list(to_review[:10]), "reviewing": True}
    return {"to_decide": to_decide, "latest": list(access_requests(user=user)[:5])}


def may_review(*, user, access_request: AccessRequest) -> bool:
    return policy_for(AccessRequest).allows(user, "review", access_request)


def municipalities(*, user) -> QuerySet:
    """The municipalities an installatiebeheerder administers, each with its number of active
    functioneel beheerders (one query, however many municipalities)."""
    beheerder = Q(
        users__is_active=True,
        users__groups__permissions__codename="manage_users",
        users__groups__permissions__content_type__app_label="accounts",
    )
    return (
        policy_for(Organisation)
        .rows_for(user, "administer")
        .select_related("region")
        .annotate(beheerders=Count("users", filter=beheerder, distinct=True))
        .order_by("name")
    )


def regions_for_installation(*, user) -> QuerySet:
    """The regions in which an installatiebeheerder registers municipalities: its own, or (national) all."""
    regions = Region.objects.order_by("name")
    return regions.filter(pk=user.region_id) if user.region_id else regions
