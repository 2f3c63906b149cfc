"""Reads of partner data, through the access policy."""

from django.db.models import QuerySet

from baken.coordination.models import Partner
from baken.core.access import policy_for


def acute_contacts(*, user) -> QuerySet[Partner]:
    """Whom to call now: the own municipality's acute route, in its chosen order."""
    return (
        policy_for(Partner)
        .visible(user)
        .filter(organisation_id=user.organisation_id, acute_route=True, active=True)
        .order_by("order", "name")
    )
