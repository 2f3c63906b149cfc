"""Refuse a request body above the configured maximum before anything reads it.

Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) leave file uploads out and apply while the body
is parsed; this answers 413 from the Content-Length header alone, so an oversized upload is never
read into memory or onto disk. The reverse proxy should hold the same limit (see the README).
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
        return self.get_response(request)
