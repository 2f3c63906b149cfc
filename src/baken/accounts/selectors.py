"""Reads of user accounts, through the access policy."""

from django.db.models import Q, QuerySet

from baken.accounts.models import User
from baken.core.access import policy_for


def user_list(*, user, search: str = "") -> QuerySet[User]:
    users = policy_for(User).visible(user).prefetch_related("groups").order_by("username")
    if search:
        users = users.filter(
            Q(username__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
        )
    return users


def user_for_change(*, user, pk: int) -> User:
    return policy_for(User).get_for(user, "change", pk=pk)
