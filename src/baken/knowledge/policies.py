"""Access policies of the Kennisbank.

The national base (files) is readable by every signed-in user and has no rows. What a
municipality adds or adapts is visible to its own users only: a regional user, who belongs
to no municipality, reads the national base. Only the functioneel beheerder of the
municipality (knowledge.manage_knowledge) changes it and reads its version history; a
withdrawn local page is visible to them only.
"""

from django.db.models import QuerySet

from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission
from baken.knowledge.models import (
    BarrierStatus,
    BarrierStatusRevision,
    LocalPage,
    LocalPageRevision,
    SearchSynonym,
)

MANAGE_PERMISSION = "knowledge.manage_knowledge"


def _manages(user) -> bool:
    return bool(user.organisation_id) and has_permission(user, MANAGE_PERMISSION)


class OwnMunicipality(AccessPolicy):
    """Rows of the user's own municipality; the beheerder changes them."""

    actions = ("view", "change")

    def scope(self, user) -> QuerySet:
        return (
            self.model.objects.filter(organisation_id=user.organisation_id)
            if user.organisation_id
            else self.model.objects.none()
        )

    def grants(self, user, action: str) -> bool:
        return action == "view" or (action == "change" and _manages(user))


@register
class LocalPagePolicy(OwnMunicipality):
    model = LocalPage

    def narrow(self, user, action: str, rows: QuerySet[LocalPage]) -> QuerySet[LocalPage]:
        if action == "view" and not _manages(user):
            return rows.filter(is_active=True)
        return rows


@register
class BarrierStatusPolicy(OwnMunicipality):
    model = BarrierStatus


@register
class SearchSynonymPolicy(OwnMunicipality):
    """The municipality's own search words: every user of it searches with them (view); the
    beheerder adds and removes them (change)."""

    model = SearchSynonym


class BeheerderHistory(AccessPolicy):
    """The history of a row is the beheerder's: it names colleagues and withdrawn texts."""

    parent_field: str

    def scope(self, user) -> QuerySet:
        if not _manages(user):
            return self.model.objects.none()
        return self.model.objects.filter(**{f"{self.parent_field}__organisation_id": user.organisation_id})

    def grants(self, user, action: str) -> bool:
        return action == "view" and _manages(user)

    def candidate_users(self, row):
        return super().candidate_users(getattr(row, self.parent_field))


@register
class LocalPageRevisionPolicy(BeheerderHistory):
    model = LocalPageRevision
    parent_field = "page"


@register
class BarrierStatusRevisionPolicy(BeheerderHistory):
    model = BarrierStatusRevision
    parent_field = "status"
