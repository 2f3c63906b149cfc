"""Limits on what a request may carry, applied before any view, form or query sees it.

Size: refuse a request body above the configured maximum before anything reads it, and a query
string above its own maximum before it is parsed.

Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) leave file uploads out and apply while the body
is parsed; this answers 413 from the Content-Length header alone, so an oversized upload is never
read into memory or onto disk. The reverse proxy should hold the same limit (see the README).
No Baken page needs a long query string (its longest filters are a few hundred bytes); gunicorn
already refuses a request line over 4 KB, and this holds the same line when Django is reached
another way, so a megabyte of query is never parsed, searched or echoed into a form.
"""

from django.conf import settings
from django.template.response import TemplateResponse


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.BAKEN_MAX_REQUEST_BYTES:
            response = TemplateResponse(request, "413.html", {"limit_mb": settings.BAKEN_MAX_REQUEST_MB}, status=413)
            return response.render()
        if len(request.META.get("QUERY_STRING", "")) > settings.BAKEN_MAX_QUERY_BYTES:
            limit_kb = settings.BAKEN_MAX_QUERY_BYTES // 1024
            return TemplateResponse(request, "414.html", {"limit_kb": limit_kb}, status=414).render()
        return self.get_response(request)


class NulByteMiddleware:
    """Refuse a request whose path, query or form fields contain a NUL character: PostgreSQL
    cannot store one (a query with it fails with a 500) and it has no use in any Baken field.
    Checked before authentication, so the login form and the lockout library never see it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_nul(request):
            response = TemplateResponse(request, "400.html", status=400)
            return response.render()
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request) -> bool:
        if "\x00" in request.path:
            return True
        sources = [request.GET]
        if request.method == "POST":
            sources.append(request.POST)
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for data in sources
            for key, values in data.lists()
        )
