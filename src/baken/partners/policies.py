"""Access policy of the partner directory."""

from django.db.models import Q, QuerySet

from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission
from baken.partners.models import Partner

MANAGE_PERMISSION = "partners.manage_partners"


@register
class PartnerPolicy(AccessPolicy[Partner]):
    """The own municipality's partners, plus those another municipality shares in the region.
    Only the own functioneel beheerder changes them, and not the national ones: the national
    catalogue owns those."""

    model = Partner
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[Partner]:
        if user.organisation_id:
            region_id = user.organisation.region_id
            shared = Q(shared_in_region=True, organisation__region_id=region_id) if region_id else Q(pk__in=[])
            return Partner.objects.filter(Q(organisation_id=user.organisation_id) | shared)
        if user.region_id:
            return Partner.objects.filter(organisation__region_id=user.region_id, shared_in_region=True)
        return Partner.objects.none()

    def grants(self, user, action: str) -> bool:
        if action == "change":
            return bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)
        return action == "view"

    def narrow(self, user, action: str, rows: QuerySet[Partner]) -> QuerySet[Partner]:
        if action == "change":
            return rows.filter(organisation_id=user.organisation_id, national_code="")
        return rows
