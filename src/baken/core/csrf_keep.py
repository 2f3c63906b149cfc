"""Keeping the input of a form whose CSRF token was refused (a page left open past a login in
another tab, say). Apps register a keeper per view name; Baken's CSRF page (core.views.csrf_failure)
calls it and says what was kept. A keeper runs only for a signed-in, verified user and a request
whose Origin header is Baken's own: then the browser itself vouches that the form came from a Baken
page, and only the token was stale. A cross-site request never reaches a keeper."""

from collections.abc import Callable

from django.http import HttpRequest
from django.urls import Resolver404, resolve

#: What a keeper returns: a link back to the kept input and a sentence that says what was kept.
Kept = dict[str, str]

_KEEPERS: dict[str, Callable[[HttpRequest], Kept | None]] = {}


def register_csrf_keeper(view_name: str, keeper: Callable[[HttpRequest], Kept | None]) -> None:
    _KEEPERS[view_name] = keeper


def same_origin(request: HttpRequest) -> bool:
    origin = request.META.get("HTTP_ORIGIN", "")
    return bool(origin) and origin == f"{request.scheme}://{request.get_host()}"


def keep_after_csrf_failure(request: HttpRequest) -> Kept | None:
    user = getattr(request, "user", None)
    if request.method != "POST" or user is None or not user.is_authenticated:
        return None
    if not getattr(user, "is_verified", lambda: False)() or not same_origin(request):
        return None
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        return None
    keeper = _KEEPERS.get(view_name)
    return keeper(request) if keeper else None
