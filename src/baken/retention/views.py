"""The privacy officer's pages for requests of data subjects: the list of requests (and a new
one), a request with its searches and notes, the result of a search (metadata only) and the
inzage export as PDF. Every page is audited; the identity values searched on never are."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number
from baken.core.models import AuditAction
from baken.core.pdf import render_pdf
from baken.core.services import audit_record, list_view_reason
from baken.retention import subject_selectors as selectors
from baken.retention import subject_services as services
from baken.retention.forms import SubjectNoteForm, SubjectRequestForm, SubjectSearchForm
from baken.retention.models import SubjectRequest

PAGE_SIZE = 20


def _require(request: HttpRequest) -> None:
    if not policy_for(SubjectRequest).user_may(request.user, "view"):
        raise Http404


@require_http_methods(["GET", "POST"])
def subject_requests(request: HttpRequest) -> HttpResponse:
    """The requests of the municipality, newest first, and the form for a new one."""
    _require(request)
    form = SubjectRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.subject_request_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het verzoek is vastgelegd. Zoek nu de gegevens van de betrokkene."))
            return redirect("retention:subject_request", pk=row.pk)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=SubjectRequest._meta.label_lower,
        reason=list_view_reason(_("verzoeken van betrokkenen")),
    )
    page = Paginator(selectors.subject_requests(user=request.user), PAGE_SIZE).get_page(page_number(request.GET))
    return render(
        request,
        "retention/subject_requests.html",
        {"form": form, "page": page, "rows": page.object_list},
        status=400 if form.errors else 200,
    )


def _request_page(request: HttpRequest, row: SubjectRequest, *, search_form=None, note_form=None, status=200):
    context = {
        "row": row,
        "notes": selectors.subject_notes(user=request.user, request=row),
        "searches": selectors.subject_searches(user=request.user, request=row),
        "search_form": search_form or SubjectSearchForm(),
        "note_form": note_form or SubjectNoteForm(),
    }
    return render(request, "retention/subject_request.html", context, status=status)


@require_GET
def subject_request(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    row = selectors.subject_request_for(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=row, reason=_("verzoek van betrokkene bekeken"))
    return _request_page(request, row)


@require_POST
def subject_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Search for the person (by POST: the values stay out of addresses and logs)."""
    _require(request)
    row = selectors.subject_request_for(user=request.user, pk=pk, action="change")
    form = SubjectSearchForm(request.POST)
    if form.is_valid():
        try:
            search = services.subject_search_run(actor=request.user, request=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("retention:subject_result", pk=search.pk)
    return _request_page(request, row, search_form=form, status=400)


@require_POST
def subject_note(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    row = selectors.subject_request_for(user=request.user, pk=pk, action="change")
    form = SubjectNoteForm(request.POST)
    if form.is_valid():
        try:
            services.subject_note_add(actor=request.user, request=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De notitie is vastgelegd."))
            return redirect("retention:subject_request", pk=row.pk)
    return _request_page(request, row, note_form=form, status=400)


@require_GET
def subject_result(request: HttpRequest, pk: int) -> HttpResponse:
    """What the search found: per record its kind, reference, dates, purposes, recipients and
    retention term. Never the content."""
    _require(request)
    search = selectors.subject_search_for(user=request.user, pk=pk)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=search,
        organisation=search.request.organisation,
        reason=_("verzoek van betrokkene %(reference)s: resultaat bekeken") % {"reference": search.request.reference},
    )
    context = {"search": search, "row": search.request, "records": selectors.held_records(search=search)}
    return render(request, "retention/subject_result.html", context)


@require_GET
def subject_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The inzage export (AVG art. 15) of a search's result, as PDF in the huisstijl."""
    _require(request)
    search = selectors.subject_search_for(user=request.user, pk=pk)
    context = {
        "search": search,
        "row": search.request,
        "records": selectors.held_records(search=search),
        "today": timezone.localdate(),
    }
    pdf = render_pdf("retention/subject_export_pdf.html", context, organisation=search.request.organisation)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=search,
        organisation=search.request.organisation,
        reason=_("verzoek van betrokkene %(reference)s: inzage geëxporteerd (pdf)")
        % {"reference": search.request.reference},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-{search.request_id}-{search.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
