"""Middleware of the shell: request id, the login + second-factor gate, refusals as 404, no-store
for signed-in users, Permissions-Policy and the absolute session lifetime."""

import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_otp import user_has_device

from baken.core.client_ip import client_ip
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.request_context import current_client_ip, current_request_id
from baken.core.services import audit_record

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
        # Prometheus, from BAKEN_METRICS_ALLOWED_NETWORKS only (404 to anyone else); no personal data.
        "core:metrics",
        "set_language",
    }
)
#: Views for a user who passed the password step but not yet the second factor.
SECOND_FACTOR_VIEWS = frozenset(
    {"accounts:otp_verify", "accounts:otp_enrol", "accounts:backup_codes", "accounts:logout"}
)


class RequestIdMiddleware:
    """Gives every request an id (from the X-Request-ID header of a trusted proxy, when
    BAKEN_TRUST_REQUEST_ID_HEADER is on, or new) and keeps it, with the
    client's address, in the request context for the audit log: services never see the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a proxy that the installation trusts may name the request; otherwise anyone could
        # write an id of their choosing into the audit log.
        incoming = request.META.get("HTTP_X_REQUEST_ID", "") if settings.BAKEN_TRUST_REQUEST_ID_HEADER else ""
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        id_token = current_request_id.set(request_id)
        ip_token = current_client_ip.set(client_ip(request))
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


# --- response headers and the absolute session lifetime ---------------------------------------
# (imported here, not at the top, so that this block merges cleanly with changes above it)


class NoStoreForAuthenticatedMiddleware:
    """Nothing shown to a logged-in user stays in the browser's or a proxy's cache
    (Cache-Control: no-store). A response that chose its own caching (files, the logo) keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class PermissionsPolicyMiddleware:
    """Tells the browser that no page of Baken may use camera, microphone, location and the like
    (settings.BAKEN_PERMISSIONS_POLICY: feature -> allow-list, empty for none)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.BAKEN_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


#: Session key holding when the user logged in (POSIX timestamp), for the absolute lifetime.
LOGIN_TIME_SESSION_KEY = "baken_login_time"


def remember_login_time(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: the absolute session lifetime counts from the password step."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_TIME_SESSION_KEY] = timezone.now().timestamp()


class SessionLifetimeMiddleware:
    """Ends a session BAKEN_SESSION_MAX_HOURS after login, however active it was: the idle timeout
    alone would let a busy session live for ever. A session without a login time is ended too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._expired(request):
            hours = settings.BAKEN_SESSION_MAX_HOURS
            audit_record(actor=request.user, action=AuditAction.LOGOUT, obj=request.user, reason=_("sessieduur"))
            logout(request)
            messages.info(
                request,
                _("U bent automatisch uitgelogd, omdat u langer dan %(hours)s uur was ingelogd. Log opnieuw in.")
                % {"hours": hours},
            )
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _expired(request) -> bool:
        logged_in_at = request.session.get(LOGIN_TIME_SESSION_KEY)
        if not isinstance(logged_in_at, int | float):
            return True
        return timezone.now().timestamp() - logged_in_at > settings.BAKEN_SESSION_MAX_HOURS * 3600
