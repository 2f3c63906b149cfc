"""Reads of the partner directory, through its access policy; each takes the acting user."""

from django.db.models import QuerySet

from baken.core.access import policy_for
from baken.partners.models import Partner


def acute_contacts(*, user) -> QuerySet[Partner]:
    """Whom to call now: the own municipality's acute route, in its chosen order."""
    return (
        policy_for(Partner)
        .visible(user)
        .filter(organisation_id=user.organisation_id, acute_route=True, active=True)
        .order_by("order", "name")
    )


def partners_visible(*, user) -> QuerySet[Partner]:
    return policy_for(Partner).visible(user).select_related("organisation").order_by("order", "name")


def active_partners(*, user) -> QuerySet[Partner]:
    """The active partners the user sees (phone numbers only included)."""
    return partners_visible(user=user).filter(active=True)


def handover_partners(*, user) -> QuerySet[Partner]:
    """Partners a hand-over can go to: not a phone number only, such as 112."""
    return active_partners(user=user).filter(receives_handovers=True)


def local_partners_set(user) -> bool:
    """Set-up step: the municipality keeps at least one partner of its own (the national ones
    come from the catalogue)."""
    return policy_for(Partner).rows_for(user, "change").filter(active=True).exists()


def partner_for_change(*, user, pk: int) -> Partner:
    return policy_for(Partner).get_for(user, "change", pk=pk)
