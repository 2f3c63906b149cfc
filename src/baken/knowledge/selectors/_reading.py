"""What every Kennisbank read starts with."""

from django.http import Http404

from baken.knowledge.policies import is_reader


def require_reader(user) -> None:
    if not is_reader(user):
        raise Http404
