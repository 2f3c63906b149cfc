"""Access policies: one per model, answering four questions (the shape of Wagtail's
BasePermissionPolicy), so that views, exports, counts, notifications and assignee lists can
never drift apart:

- ``visible(user)``: the rows this user may see at all;
- ``rows_for(user, action)``: the rows on which this user may do ``action``;
- ``user_may(user, action)``: may this user do ``action`` at all (on some row, or to create one);
- ``users_for(row, action)``: which users may do ``action`` on this row.

A row the user may not see is answered with 404, exactly like a row that does not exist.
Anonymous and inactive users are refused here, once, before any policy is asked.

A policy implements three hooks: ``scope`` (visible rows for an active user), ``grants``
(the action-level rule, typically a permission) and, where an action narrows the rows,
``narrow``. Child rows (notes, histories, revisions) follow their parent's policy.
"""

from collections.abc import Iterable
from typing import ClassVar, Generic, TypeVar

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

M = TypeVar("M", bound=models.Model)

_REGISTRY: dict[type[models.Model], "AccessPolicy"] = {}


def is_active_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


class AccessPolicy(Generic[M]):
    model: ClassVar[type[models.Model]]
    #: Actions this policy knows; asking for another is a programming error.
    actions: ClassVar[Iterable[str]] = ("view",)

    # --- the four questions ------------------------------------------------------------

    def visible(self, user) -> QuerySet[M]:
        """Rows of this model that the user may see."""
        if not is_active_user(user):
            return self.model._default_manager.none()
        return self.scope(user)

    def user_may(self, user, action: str) -> bool:
        """May the user do `action` at all (on some row, or to create one)?"""
        self._known(action)
        return is_active_user(user) and self.grants(user, action)

    def rows_for(self, user, action: str) -> QuerySet[M]:
        """Rows on which the user may do `action`."""
        if not self.user_may(user, action):
            return self.model._default_manager.none()
        return self.narrow(user, action, self.scope(user))

    def users_for(self, row: M, action: str) -> QuerySet:
        """Active users who may do `action` on `row`: for notifications, reminders and assignee
        lists, so that nobody is offered a row they would get 404 for."""
        User = get_user_model()
        candidates = self.candidate_users(row)
        allowed = [user.pk for user in candidates if self.allows(user, action, row)]
        return User.objects.filter(pk__in=allowed)

    # --- conveniences built on them --------------------------------------------------------

    def allows(self, user, action: str, obj: M) -> bool:
        """May the user do `action` to this row?"""
        return self.rows_for(user, action).filter(pk=obj.pk).exists()

    def get_visible(self, user, **lookup) -> M:
        """The visible row matching `lookup`, or 404 (also when the row exists but is hidden)."""
        return self._get(self.visible(user), lookup)

    def get_for(self, user, action: str, **lookup) -> M:
        """The row matching `lookup` on which the user may do `action`, or 404."""
        return self._get(self.rows_for(user, action), lookup)

    # --- hooks for each policy ---------------------------------------------------------------

    def scope(self, user) -> QuerySet[M]:
        """Visible rows for an active, signed-in user."""
        raise NotImplementedError

    def grants(self, user, action: str) -> bool:
        """The action-level rule for an active user; by default only "view" is granted."""
        return action == "view"

    def narrow(self, user, action: str, rows: QuerySet[M]) -> QuerySet[M]:
        """Restrict visible rows to those the action applies to; by default all of them."""
        return rows

    def candidate_users(self, row: M) -> QuerySet:
        """Users worth asking about `row`: the active users of its municipality and the regional
        users of that municipality's region. Policies whose rows have no organisation override."""
        User = get_user_model()
        organisation = row.organisation
        scope = Q(organisation_id=organisation.pk)
        if organisation.region_id:
            scope |= Q(region_id=organisation.region_id)
        return User.objects.filter(scope, is_active=True)

    def _known(self, action: str) -> None:
        if action not in self.actions:
            raise ValueError(f"{type(self).__name__} does not know the action {action!r}")

    def _get(self, rows: QuerySet[M], lookup: dict) -> M:
        try:
            return rows.get(**lookup)
        except self.model.DoesNotExist as exc:
            raise Http404 from exc


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
    if not is_active_user(user):
        return Q(pk__in=[])
    if user.organisation_id:
        return Q(**{f"{field}_id": user.organisation_id})
    if user.region_id:
        return Q(**{f"{field}__region_id": user.region_id})
    return Q(pk__in=[])


def confidentiality_scope(user, field: str = "confidentiality") -> Q:
    """Rows at or below the user's clearance (ZGW vertrouwelijkheidaanduiding)."""
    return Q(**{f"{field}__lte": user.clearance})
