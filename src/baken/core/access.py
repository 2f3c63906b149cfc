"""Access policies: one per model, answering both "which rows may this user see" and
"may this user do X to this row". Views, API, exports, counts and dashboards all use them.

A row the user may not see is answered with 404, exactly like a row that does not exist.
"""

from collections.abc import Iterable
from typing import ClassVar, Generic, TypeVar

from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

M = TypeVar("M", bound=models.Model)

_REGISTRY: dict[type[models.Model], "AccessPolicy"] = {}


class AccessPolicy(Generic[M]):
    model: ClassVar[type[models.Model]]
    #: Actions this policy knows; asking for another is a programming error.
    actions: ClassVar[Iterable[str]] = ("view",)

    def visible(self, user) -> QuerySet[M]:
        """Rows of this model that the user may see."""
        raise NotImplementedError

    def allows(self, user, action: str, obj: M) -> bool:
        """May the user do `action` to `obj`? `obj` must be visible to the user first."""
        if action not in self.actions:
            raise ValueError(f"{type(self).__name__} does not know the action {action!r}")
        return self.visible(user).filter(pk=obj.pk).exists() and self.permits(user, action, obj)

    def permits(self, user, action: str, obj: M) -> bool:
        """Action-specific rule on a row already known to be visible."""
        return action == "view"

    def get_visible(self, user, **lookup) -> M:
        """The visible row matching `lookup`, or 404 (also when the row exists but is hidden)."""
        try:
            return self.visible(user).get(**lookup)
        except self.model.DoesNotExist as exc:
            raise Http404 from exc

    def get_for(self, user, action: str, **lookup) -> M:
        """The visible row on which the user may do `action`, or 404."""
        obj = self.get_visible(user, **lookup)
        if not self.permits(user, action, obj):
            raise Http404
        return obj


def register(policy_class: type[AccessPolicy]) -> type[AccessPolicy]:
    _REGISTRY[policy_class.model] = policy_class()
    return policy_class


def policy_for(model: type[M]) -> AccessPolicy[M]:
    return _REGISTRY[model]


def registered_policies() -> dict[type[models.Model], AccessPolicy]:
    return dict(_REGISTRY)


def organisation_scope(user, field: str = "organisation") -> Q:
    """Rows owned by the user's municipality or, for regional users, by their region's
    municipalities. An account with neither sees nothing."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.organisation_id:
        return Q(**{f"{field}_id": user.organisation_id})
    if user.region_id:
        return Q(**{f"{field}__region_id": user.region_id})
    return Q(pk__in=[])


def confidentiality_scope(user, field: str = "confidentiality") -> Q:
    """Rows at or below the user's clearance (ZGW vertrouwelijkheidaanduiding)."""
    return Q(**{f"{field}__lte": user.clearance})
