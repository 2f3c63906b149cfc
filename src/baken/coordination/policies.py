"""Access policy for partners: the own municipality's, plus those shared in the region."""

from django.db.models import Q, QuerySet

from baken.coordination.models import Partner
from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission


@register
class PartnerPolicy(AccessPolicy[Partner]):
    model = Partner
    actions = ("view", "change")

    def visible(self, user) -> QuerySet[Partner]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return Partner.objects.none()
        if user.organisation_id:
            region_id = user.organisation.region_id
            shared = Q(shared_in_region=True, organisation__region_id=region_id) if region_id else Q(pk__in=[])
            return Partner.objects.filter(Q(organisation_id=user.organisation_id) | shared)
        if user.region_id:
            return Partner.objects.filter(organisation__region_id=user.region_id, shared_in_region=True)
        return Partner.objects.none()

    def permits(self, user, action: str, obj: Partner) -> bool:
        if action == "view":
            return True
        return obj.organisation_id == user.organisation_id and has_permission(user, "coordination.manage_partners")
