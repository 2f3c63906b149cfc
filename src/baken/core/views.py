"""Views of the shell: health check, huisstijl, logo, notifications, audit log, errors."""

import csv
import io

import filetype
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import Resolver404, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from baken.core import selectors
from baken.core.access import policy_for
from baken.core.background import is_background
from baken.core.csrf_keep import keep_after_csrf_failure
from baken.core.form_errors import add_service_errors
from baken.core.forms import HuisstijlForm, OrganisationSettingsForm, ReturnPathForm, page_number
from baken.core.models import AuditAction, AuditEvent
from baken.core.pdf import render_pdf
from baken.core.services import (
    audit_record,
    audit_refusal,
    list_view_reason,
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
        request.FILES if request.method == "POST" else None,
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


def _audit_filter(request: HttpRequest, reason: str, action=AuditAction.VIEW):
    """The privacy officer's filtered log; the consultation or export is logged first, so the page
    and its counts include this very line."""
    if not policy_for(AuditEvent).user_may(request.user, "view"):
        raise Http404
    audit_filter = selectors.audit_event_list(user=request.user, params=request.GET)
    audit_record(
        actor=request.user,
        action=action,
        object_type="core.auditlog",
        reason=list_view_reason(reason, audit_filter.form),
    )
    return audit_filter


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
    audit_filter = _audit_filter(request, _("auditlog geraadpleegd"))
    page = Paginator(audit_filter.qs, AUDIT_PAGE_SIZE).get_page(page_number(request.GET))
    context = {
        "filter": audit_filter,
        "page": page,
        "rows": selectors.audit_rows(user=request.user, events=page.object_list),
        "query": audit_filter.querystring(),
        "export_limit": AUDIT_EXPORT_LIMIT,
    }
    return render(request, "core/audit_log.html", context)


#: The most rows one export holds (a request under AVG art. 15 is answered with a filtered log).
AUDIT_EXPORT_LIMIT = 5000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value) -> str:
    """A cell that a spreadsheet shows as text, never runs as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _export_rows(request: HttpRequest, audit_filter):
    events = list(audit_filter.qs[:AUDIT_EXPORT_LIMIT])
    return selectors.audit_rows(user=request.user, events=events), audit_filter.qs.count() > len(events)


@require_GET
def audit_log_csv(request: HttpRequest) -> HttpResponse:
    """The filtered log as CSV (semicolons and a BOM, as Dutch spreadsheets expect)."""
    audit_filter = _audit_filter(request, _("auditlog geëxporteerd (csv)"), action=AuditAction.EXPORT)
    rows, _truncated = _export_rows(request, audit_filter)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            _("Tijdstip"),
            _("Persoon"),
            _("Rollen"),
            _("Actie"),
            _("Soort object"),
            _("Object"),
            _("Object-id"),
            _("Toelichting"),
            _("Verzoek-id"),
            _("IP-adres"),
        ]
    )
    for row in rows:
        event = row.event
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    timezone.localtime(event.timestamp).strftime("%d-%m-%Y %H:%M:%S"),
                    row.actor_name,
                    row.actor_roles,
                    event.get_action_display(),
                    row.type_label,
                    row.object_label,
                    event.object_id,
                    row.reason,
                    event.request_id,
                    event.ip_address,
                )
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="auditlog-{timezone.localdate():%Y%m%d}.csv"'
    return response


@require_GET
def audit_log_pdf(request: HttpRequest) -> HttpResponse:
    """The filtered log as a PDF, for answering a request under AVG article 15."""
    audit_filter = _audit_filter(request, _("auditlog geëxporteerd (pdf)"), action=AuditAction.EXPORT)
    rows, truncated = _export_rows(request, audit_filter)
    context = {
        "rows": rows,
        "truncated": truncated,
        "limit": AUDIT_EXPORT_LIMIT,
        "filters": list_view_reason(_("filter"), audit_filter.form),
        "made_by": request.user,
        "made_at": timezone.now(),
    }
    organisation = request.user.organisation
    pdf = render_pdf("core/audit_log_pdf.html", context, organisation=organisation)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="auditlog-{timezone.localdate():%Y%m%d}.pdf"'
    return response


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
    """CSRF_FAILURE_VIEW: a stale or missing form token, explained in the shell (never Django's page).
    Where an app keeps such a form's input (the intake keeps it as a draft), the page says so and
    links back to it."""
    kept = keep_after_csrf_failure(request)
    if is_background(request):
        message = kept["message"] if kept else _("Het formulier is verlopen. Laad de pagina opnieuw.")
        return HttpResponse(message, status=403, content_type="text/plain; charset=utf-8")
    return render(request, "403_csrf.html", {"kept": kept}, status=403)


@require_POST
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """ "Ingelogd blijven": every request renews the idle timeout (SESSION_SAVE_EVERY_REQUEST), so
    this one only has to arrive. The script gets 204; a form without JavaScript goes back."""
    if is_background(request):
        return HttpResponse(status=204)
    asked = ReturnPathForm({"next": request.POST.get("next", "")})
    target = asked.cleaned_data["next"] if asked.is_valid() else ""
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        target = reverse("home:index")
    return HttpResponseRedirect(target)
