"""Views of the shell: health check, huisstijl, logo, notifications, audit log, errors."""

import filetype
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import Resolver404
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from baken.core import selectors
from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import HuisstijlForm, OrganisationSettingsForm, page_number
from baken.core.models import AuditAction, AuditEvent
from baken.core.services import (
    audit_record,
    audit_refusal,
    notification_mark_read,
    notifications_mark_read,
    organisation_update_huisstijl,
    organisation_update_settings,
)

AUDIT_PAGE_SIZE = 50
NOTIFICATIONS_PAGE_SIZE = 25


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_http_methods(["GET", "POST"])
def huisstijl(request: HttpRequest) -> HttpResponse:
    organisation = selectors.organisation_for_huisstijl(user=request.user)
    form = HuisstijlForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        try:
            if changes:
                organisation.refresh_from_db()
                organisation_update_huisstijl(actor=request.user, organisation=organisation, changes=changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De huisstijl is opgeslagen."))
            return redirect("core:huisstijl")
    return render(request, "core/huisstijl.html", {"form": form, "organisation": organisation})


@require_http_methods(["GET", "POST"])
def organisation_settings(request: HttpRequest) -> HttpResponse:
    """The municipality's settings: triage term, reply address for reporters, the deputy."""
    organisation = selectors.organisation_for_huisstijl(user=request.user)
    form = OrganisationSettingsForm(
        request.POST if request.method == "POST" else None,
        instance=organisation,
        deputies=selectors.deputy_candidates(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        organisation.refresh_from_db()
        try:
            if changes:
                organisation_update_settings(actor=request.user, organisation=organisation, changes=changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("core:organisation_settings")
    return render(request, "core/organisation_settings.html", {"form": form, "organisation": organisation})


@require_GET
def organisation_logo(request: HttpRequest, slug: str) -> FileResponse:
    organisation = selectors.organisation_visible(user=request.user, slug=slug)
    if not organisation.logo:
        raise Http404
    handle = organisation.logo.open("rb")
    kind = filetype.guess(handle.read(512))
    handle.seek(0)
    # The type comes from the content, as it was checked on upload; never from the name.
    response = FileResponse(handle, content_type=kind.mime if kind else "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's in-app notifications (they hold a reference and a link, no case content)."""
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        return redirect("core:notifications")
    page = Paginator(selectors.notifications(user=request.user), NOTIFICATIONS_PAGE_SIZE).get_page(
        page_number(request.GET)
    )
    return render(request, "core/notifications.html", {"page": page})


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification as read; another user's answers 404 (NotPermitted)."""
    notification_mark_read(user=request.user, pk=pk)
    messages.success(request, _("Het bericht is als gelezen gemarkeerd."))
    return redirect("core:notifications")


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """The privacy officer's view of the audit log of their own organisation (or region). Query
    parameters are read only through the filter's form and the page form."""
    if not policy_for(AuditEvent).user_may(request.user, "view"):
        raise Http404
    # Logged before the query, so the page and its counts include this very consultation.
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="core.auditlog",
        reason=_("auditlog geraadpleegd"),
    )
    audit_filter = selectors.audit_event_list(user=request.user, params=request.GET)
    page = Paginator(audit_filter.qs, AUDIT_PAGE_SIZE).get_page(page_number(request.GET))
    return render(
        request,
        "core/audit_log.html",
        {"filter": audit_filter, "page": page, "query": audit_filter.querystring()},
    )


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    """Every 404 ends here. One raised inside a resolved view for a signed-in, verified user is
    an access policy's refusal (a hidden row answers exactly like a missing one), and so is a
    service's NotPermitted: both are logged. A path that matches no route (Resolver404) is not
    a refusal and is not logged; anonymous and unverified users never reach a view."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if (
        match is not None
        and not isinstance(exception, Resolver404)
        and user is not None
        and user.is_authenticated
        and getattr(user, "is_verified", lambda: False)()
    ):
        audit_refusal(
            actor=user,
            route=match.view_name,
            ids={**{str(index): value for index, value in enumerate(match.args)}, **match.kwargs},
            source=getattr(request, "refused_by", ""),
        )
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever broke must not break the error page too.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a stale or missing form token, explained in the shell (never Django's page)."""
    return render(request, "403_csrf.html", status=403)
