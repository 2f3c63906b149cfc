"""Requests that Baken's own scripts send in the background (autosave, keep-alive) say so with
this header; they get a short answer instead of a redirect to a page."""

from django.http import HttpRequest

BACKGROUND_HEADER = "X-Baken-Background"


def is_background(request: HttpRequest) -> bool:
    return request.headers.get(BACKGROUND_HEADER) == "1"
