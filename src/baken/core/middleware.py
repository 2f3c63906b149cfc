"""Request id and the login + second-factor gate in front of every view."""

import re
import uuid

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django_otp import user_has_device

from baken.core.exceptions import NotPermitted
from baken.core.request_context import current_client_ip, current_request_id

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

#: Views anyone may reach: logging in, resetting a password, health checks, language switch.
PUBLIC_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "core:health",
        "set_language",
    }
)
#: Views for a user who passed the password step but not yet the second factor.
SECOND_FACTOR_VIEWS = frozenset(
    {"accounts:otp_verify", "accounts:otp_enrol", "accounts:backup_codes", "accounts:logout"}
)


class RequestIdMiddleware:
    """Gives every request an id (from a trusted proxy header or new) and keeps it, with the
    client's address, in the request context for the audit log: services never see the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        id_token = current_request_id.set(request_id)
        ip_token = current_client_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(id_token)
            current_client_ip.reset(ip_token)
        response["X-Request-ID"] = request_id
        return response


class NotPermittedMiddleware:
    """The one place where a service's refusal becomes an answer: 404, exactly like a row that
    does not exist, so that a refusal reveals nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotPermitted):
            from django.core.handlers.exception import response_for_exception

            # The 404 handler logs the refusal; this marks it as the service's.
            request.refused_by = "NotPermitted"

            return response_for_exception(request, Http404())
        return None


def view_name_for(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


class TwoFactorRequiredMiddleware:
    """Every view needs a logged-in user who passed the second factor, except PUBLIC_VIEWS.

    There is no setting to switch this off. Users without a confirmed device are sent to
    enrolment before anything else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view_name = view_name_for(request.path_info)
        if view_name in PUBLIC_VIEWS or request.path_info.startswith(settings.STATIC_URL):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if user.is_verified() or view_name in SECOND_FACTOR_VIEWS:
            return self.get_response(request)
        if user_has_device(user, confirmed=True):
            return redirect("accounts:otp_verify")
        return redirect("accounts:otp_enrol")
