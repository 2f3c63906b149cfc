"""Access policies of retention: the own municipality's terms and legal holds for its
functioneel beheerder; its deletion log also for its privacy officer. Regional and installation
accounts see none of them."""

from django.db.models import QuerySet

from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission
from baken.retention.models import DeletionLog, LegalHold, RetentionOverride

MANAGE_PERMISSION = "retention.manage_retention"
AUDIT_PERMISSION = "core.view_auditlog"


class _OwnMunicipality(AccessPolicy):
    actions = ("view", "change")

    def scope(self, user) -> QuerySet:
        if not user.organisation_id:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)


@register
class RetentionOverridePolicy(_OwnMunicipality):
    model = RetentionOverride


@register
class LegalHoldPolicy(_OwnMunicipality):
    model = LegalHold


@register
class DeletionLogPolicy(_OwnMunicipality):
    """Read-only: written by the purge alone."""

    model = DeletionLog
    actions = ("view",)

    def grants(self, user, action: str) -> bool:
        return super().grants(user, action) or (bool(user.organisation_id) and has_permission(user, AUDIT_PERMISSION))
