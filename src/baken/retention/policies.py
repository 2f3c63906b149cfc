"""Access policies of retention: the own municipality's terms and legal holds for its
functioneel beheerder; its deletion log also for its privacy officer. Regional and installation
accounts see none of them."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission
from baken.retention.models import (
    DeletionLog,
    LegalHold,
    RetentionOverride,
    SubjectRequest,
    SubjectRequestNote,
    SubjectSearch,
)

MANAGE_PERMISSION = "retention.manage_retention"
AUDIT_PERMISSION = "core.view_auditlog"
SUBJECT_PERMISSION = "retention.handle_subject_request"


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


class _SubjectRequestRow(AccessPolicy):
    """A data-subject request and what hangs off it: the own municipality's, for its privacy
    officer only (retention.handle_subject_request). Rows of another municipality are out of
    scope, so they answer 404."""

    actions = ("view", "change")
    organisation_path = "organisation_id"

    def scope(self, user) -> QuerySet:
        if not self.grants(user, "view"):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{self.organisation_path: user.organisation_id})

    def grants(self, user, action: str) -> bool:
        return bool(user.organisation_id) and has_permission(user, SUBJECT_PERMISSION)

    def candidate_users(self, row):
        request = getattr(row, "request", row)
        return get_user_model().objects.filter(organisation_id=request.organisation_id, is_active=True)


@register
class SubjectRequestPolicy(_SubjectRequestRow):
    model = SubjectRequest


@register
class SubjectRequestNotePolicy(_SubjectRequestRow):
    """Append-only: written once, read with its request."""

    model = SubjectRequestNote
    actions = ("view",)
    organisation_path = "request__organisation_id"


@register
class SubjectSearchPolicy(_SubjectRequestRow):
    """Append-only: written once, read with its request."""

    model = SubjectSearch
    actions = ("view",)
    organisation_path = "request__organisation_id"
