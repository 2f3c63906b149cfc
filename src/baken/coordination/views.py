"""Triage: the aandachtsfunctionaris' inbox, the signal page and its actions, escalations and
the hand-over PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from baken.coordination import presentation, search, selectors, services
from baken.coordination.export import signal_csv_chunks, signals_csv
from baken.coordination.forms import (
    AssignForm,
    AwaitingFeedbackForm,
    BulkActionForm,
    EscalationForm,
    EscalationUpdateForm,
    LinkForm,
    MessageForm,
    NoteForm,
    ReferenceForm,
    TransitionForm,
)
from baken.coordination.handover import shared_rows
from baken.coordination.models import Escalation
from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number, valid_query
from baken.core.models import AuditAction
from baken.core.pdf import render_pdf
from baken.core.services import audit_record, list_view_reason
from baken.enforcement.selectors import cases_at_address
from baken.signalling.models import Signal, SignalStatus
from baken.signalling.workflow import SIGNAL_WORKFLOW

INBOX_PAGE_SIZE = 25


def _require_triage(request: HttpRequest) -> None:
    if not policy_for(Signal).user_may(request.user, "triage"):
        raise Http404


class InboxPage:
    """A page of the inbox without a total count: whether there is a previous and a next page."""

    def __init__(self, object_list: list, number: int, has_next: bool):
        self.object_list = object_list
        self.number = number
        self.has_next = has_next
        self.has_previous = number > 1
        self.has_other_pages = self.has_previous or has_next
        self.previous_page_number = number - 1
        self.next_page_number = number + 1


def _inbox_response(request: HttpRequest, params, *, bulk_form=None, status: int = 200) -> HttpResponse:
    """The inbox for `params` (a query string's values), audited as one view of the list."""
    signal_filter, rows = selectors.inbox(user=request.user, params=params)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Signal._meta.label_lower,
        reason=list_view_reason(_("triage-inbox"), signal_filter.form),
    )
    number = page_number(params)
    signals, has_next = selectors.inbox_page(rows, number=number, size=INBOX_PAGE_SIZE)
    # A page beyond the last (an old bookmark, fewer signals now): the first page, with a note.
    # Without a count of all rows the last page is not known; the first one is one query away.
    beyond = number if not signals and number > 1 else None
    if beyond:
        number = 1
        signals, has_next = selectors.inbox_page(rows, number=number, size=INBOX_PAGE_SIZE)
    query = _without_blanks(valid_query(signal_filter.form))
    context = {
        "filter": signal_filter,
        "signals": signals,
        "rows": presentation.inbox_rows(signals),
        "page": InboxPage(signals, number, has_next),
        "query": query,
        "page_query": _with_page(query, number),
        "beyond": beyond,
        "counts": selectors.inbox_quick_counts(user=request.user),
        "today": timezone.localdate(),
        "bulk_form": bulk_form or _bulk_form(request),
        "selected": set(bulk_form.data.getlist("signals")) if bulk_form is not None else set(),
    }
    # htmx swaps the results only; a history restore (Back to a pushed URL: the page keeps no
    # snapshot in the browser's storage, see inbox.html) and a refused bulk action get the page.
    partial = request.htmx and not request.htmx.history_restore_request and bulk_form is None
    template = "coordination/_inbox_results.html" if partial else "coordination/inbox.html"
    response = render(request, template, context, status=status)
    if partial:
        # The address bar shows the filters that apply, without the form's empty fields.
        page_query = context["page_query"]
        response["HX-Push-Url"] = reverse("coordination:inbox") + (f"?{page_query}" if page_query else "")
    return response


def _without_blanks(query: str) -> str:
    """A filter query without the parameters that filter nothing (an empty field, "unknown")."""
    params = QueryDict(mutable=True)
    for name, values in QueryDict(query).lists():
        kept = [value for value in values if value not in ("", "unknown")]
        if kept:
            params.setlist(name, kept)
    return params.urlencode()


def _with_page(query: str, number: int) -> str:
    params = QueryDict(query, mutable=True)
    if number > 1:
        params["pagina"] = str(number)
    return params.urlencode()


def _bulk_form(request: HttpRequest, data=None) -> BulkActionForm:
    return BulkActionForm(
        data,
        signals=selectors.triage_queryset(user=request.user),
        colleagues=selectors.triage_colleagues(user=request.user),
    )


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    _require_triage(request)
    return _inbox_response(request, request.GET)


@require_GET
def inbox_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every signal of the inbox with the filters given (not only one page), as CSV: streamed
    row by row from the database, so a municipality's whole history never sits in memory.
    Audited as one export of the list, with the filter and the number of signals."""
    _require_triage(request)
    signal_filter, rows = selectors.inbox(user=request.user, params=request.GET)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type=Signal._meta.label_lower,
        reason=list_view_reason(
            _("CSV-export van de inbox (%(count)d meldingen)") % {"count": rows.count()}, signal_filter.form
        ),
    )
    response = StreamingHttpResponse(
        signal_csv_chunks(selectors.export_rows(rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meldingen-{timezone.localdate():%Y%m%d}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _return_params(request: HttpRequest) -> QueryDict:
    """The inbox view the bulk action came from (its filters and page), only as the inbox's own
    validated parameters: the redirect never goes anywhere but the inbox."""
    raw = QueryDict(request.POST.get("terug", "")[:2000])
    signal_filter = selectors.InboxFilter(raw, queryset=Signal.objects.none(), user=request.user)
    return QueryDict(_with_page(valid_query(signal_filter.form), page_number(raw)))


@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Assign, change the status of, or export the signals selected in the inbox: all or nothing."""
    _require_triage(request)
    form = _bulk_form(request, request.POST)
    back = _return_params(request)
    if form.is_valid():
        data = form.cleaned_data
        signals = list(selectors.signals_for_bulk(user=request.user, ids=[s.pk for s in data["signals"]]))
        if data["action"] == BulkActionForm.EXPORT:
            return _export(request, signals)
        try:
            if data["action"] == BulkActionForm.ASSIGN:
                services.signals_bulk_assign(actor=request.user, signals=signals, assignee=data["assignee"])
                done = _("%(count)d meldingen zijn toegewezen.")
            else:
                services.signals_bulk_transition(
                    actor=request.user,
                    signals=signals,
                    target=data["target"],
                    reason=data["reason"],
                    outcome=data["outcome"],
                )
                done = _("De status van %(count)d meldingen is bijgewerkt.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done % {"count": len(signals)})
            query = back.urlencode()
            return redirect(reverse("coordination:inbox") + (f"?{query}" if query else ""))
    return _inbox_response(request, back, bulk_form=form, status=400)


def _export(request: HttpRequest, signals: list) -> HttpResponse:
    for signal in signals:
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            obj=signal,
            reason=_("CSV-export van een selectie (%(count)d meldingen)") % {"count": len(signals)},
        )
    response = HttpResponse(signals_csv(signals), content_type="text/csv; charset=utf-8")
    filename = f"meldingen-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _signal_page(request: HttpRequest, signal, **forms) -> HttpResponse:
    colleagues = selectors.colleagues_who_may_triage(signal=signal)
    links = selectors.signal_links(user=request.user, signal=signal)
    context = {
        "signal": signal,
        "note_form": forms.get("note_form") or NoteForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(colleagues=colleagues, initial={"assignee": signal.assigned_to_id}),
        "transition_form": forms.get("transition_form")
        or TransitionForm(status=signal.status, colleagues=colleagues, initial={"assignee": signal.assigned_to_id}),
        "message_form": forms.get("message_form") or MessageForm(initial={"message": signal.reporter_message}),
        "link_form": forms.get("link_form") or LinkForm(prefix="link"),
        "merge_form": forms.get("merge_form") or ReferenceForm(prefix="merge"),
        "related": selectors.related_signals(user=request.user, signal=signal),
        "links": links,
        "linked": [row["signal"] for row in links],
        "is_open": SIGNAL_WORKFLOW.is_open(signal.status),
        "mandatory_route": selectors.mandatory_route_applies(signal),
        "mandatory_route_met": selectors.mandatory_route_met(signal),
        "may_escalate": policy_for(Escalation).user_may(request.user, "change"),
        "enforcement_cases": cases_at_address(
            user=request.user, postcode=signal.postcode, house_number=signal.house_number
        ),
    }
    status = 400 if any(form is not None and form.errors for form in forms.values()) else 200
    return render(request, "coordination/signal.html", context, status=status)


@require_GET
def signal_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require_triage(request)
    signal = selectors.signal_for_triage(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=signal, reason=_("triagepagina"))
    if signal.addition_waiting:
        services.signal_additions_seen(actor=request.user, signal=signal)
    return _signal_page(request, signal)


def _action(request: HttpRequest, pk: int, form, form_key: str, perform) -> HttpResponse:
    """Run one action of the signal page: on success back to the page, on error the page
    again with the errors and nothing changed."""
    _require_triage(request)
    signal = selectors.signal_for_triage(user=request.user, pk=pk)
    if form.is_valid():
        try:
            perform(signal, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("coordination:signal", pk=signal.pk)
    return _signal_page(request, signal, **{form_key: form})


@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(signal, data):
        services.triage_note_add(actor=request.user, signal=signal, text=data["text"])
        messages.success(request, _("De notitie is toegevoegd."))

    return _action(request, pk, NoteForm(request.POST), "note_form", perform)


@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    _require_triage(request)
    signal = selectors.signal_for_triage(user=request.user, pk=pk)
    form = AssignForm(request.POST, colleagues=selectors.colleagues_who_may_triage(signal=signal))

    def perform(signal, data):
        services.signal_assign(actor=request.user, signal=signal, assignee=data["assignee"])
        messages.success(request, _("De toewijzing is opgeslagen."))

    return _action(request, pk, form, "assign_form", perform)


@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    _require_triage(request)
    signal = selectors.signal_for_triage(user=request.user, pk=pk)
    form = TransitionForm(
        request.POST, status=signal.status, colleagues=selectors.colleagues_who_may_triage(signal=signal)
    )

    def perform(signal, data):
        services.signal_transition(
            actor=request.user,
            signal=signal,
            target=data["target"],
            reason=data["reason"],
            outcome=data["outcome"],
            no_mandatory_route_reason=data["no_mandatory_route_reason"],
            assignee=data["assignee"],
            message=data["message"],
            message_template=data["message_template"],
            no_message_reason=data["no_message_reason"],
        )
        messages.success(request, _("De status is bijgewerkt."))

    return _action(request, pk, form, "transition_form", perform)


@require_POST
def share_message(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(signal, data):
        services.signal_share_message(
            actor=request.user, signal=signal, message=data["message"], message_template=data["message_template"]
        )
        messages.success(request, _("Het bericht aan de melder is opgeslagen."))

    return _action(request, pk, MessageForm(request.POST), "message_form", perform)


def _other_signal(request: HttpRequest, signal, reference: str):
    other = (
        selectors.triage_queryset(user=request.user)
        .filter(organisation_id=signal.organisation_id, reference=reference)
        .first()
    )
    if other is None:
        raise ValidationError({"reference": _("Geen melding met dit kenmerk gevonden.")})
    return other


def _link_target(request: HttpRequest, signal, data):
    """The signal chosen in the lookup (by id), or named by its reference (either form)."""
    candidates = selectors.triage_queryset(user=request.user).filter(organisation_id=signal.organisation_id)
    if data.get("other"):
        other = candidates.filter(pk=data["other"]).first()
    else:
        other = candidates.filter(reference=data["reference"].strip().upper()).first()
        if other is None:
            number = search.reference_number(data["reference"])
            if number is not None:
                other = candidates.filter(year=number[1], sequence=number[2]).first()
    if other is None:
        raise ValidationError({"reference": _("Geen melding met dit kenmerk gevonden.")})
    return other


@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(signal, data):
        other = _link_target(request, signal, data)
        services.signal_link(actor=request.user, signal=signal, other=other, reason=data["reason"])
        messages.success(request, _("De meldingen zijn gekoppeld."))

    return _action(request, pk, LinkForm(request.POST, prefix="link"), "link_form", perform)


@require_GET
def link_lookup(request: HttpRequest, pk: int) -> HttpResponse:
    """Signals to link to, found by reference, address or business among those the user may
    triage in the same municipality: a fragment for htmx under the search field, or (without
    JavaScript) the signal page's link form again with the results."""
    _require_triage(request)
    signal = selectors.signal_for_triage(user=request.user, pk=pk)
    form = LinkForm(request.GET, prefix="link")
    query = form.cleaned_data.get("reference", "") if form.is_valid() else ""
    candidates = selectors.link_candidates(user=request.user, signal=signal, query=query)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Signal._meta.label_lower,
        reason=list_view_reason(_("koppelen-zoeken"), form),
    )
    context = {"signal": signal, "candidates": candidates, "query": query, "link_form": form}
    template = "coordination/_link_candidates.html" if request.htmx else "coordination/link_lookup.html"
    return render(request, template, context)


@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(signal, data):
        into = _other_signal(request, signal, data["reference"])
        services.signal_merge(actor=request.user, duplicate=signal, into=into, reason=data["reason"])
        messages.success(request, _("Deze melding is samengevoegd met %(ref)s.") % {"ref": into.reference})

    return _action(request, pk, ReferenceForm(request.POST, prefix="merge"), "merge_form", perform)


@require_http_methods(["GET", "POST"])
def escalation_new(request: HttpRequest, pk: int) -> HttpResponse:
    _require_triage(request)
    if not policy_for(Escalation).user_may(request.user, "change"):
        raise Http404
    signal = selectors.signal_for_triage(user=request.user, pk=pk)
    may_refer = signal.status != SignalStatus.REFERRED and services.may_refer(signal.status)
    form = EscalationForm(
        request.POST or None, partners=selectors.escalation_partners(user=request.user), may_refer=may_refer
    )
    if request.method == "POST" and form.is_valid():
        try:
            escalation = services.escalation_create(actor=request.user, signal=signal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.cleaned_data.get("set_referred"):
                messages.success(
                    request,
                    _("Het doorzetten is vastgelegd en de melding staat op 'doorgezet'. Download de overdracht."),
                )
            else:
                messages.success(request, _("Het doorzetten is vastgelegd. Download de overdracht om te versturen."))
            return redirect("coordination:escalation", pk=signal.pk, escalation_pk=escalation.pk)
    return render(request, "coordination/escalation_form.html", {"signal": signal, "form": form})


@require_http_methods(["GET", "POST"])
def escalation_detail(request: HttpRequest, pk: int, escalation_pk: int) -> HttpResponse:
    _require_triage(request)
    escalation = selectors.escalation_for(user=request.user, signal_pk=pk, pk=escalation_pk)
    form = EscalationUpdateForm(
        request.POST or None, initial={"status": escalation.status, "feedback": escalation.feedback}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.escalation_update(actor=request.user, escalation=escalation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De overdracht is bijgewerkt."))
            return redirect("coordination:escalation", pk=pk, escalation_pk=escalation.pk)
    elif request.method == "GET":
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=escalation)
    context = {"escalation": escalation, "signal": escalation.signal, "form": form, "shared": shared_rows(escalation)}
    return render(request, "coordination/escalation.html", context)


@require_GET
def escalation_pdf(request: HttpRequest, pk: int, escalation_pk: int) -> HttpResponse:
    _require_triage(request)
    escalation = selectors.escalation_for(user=request.user, signal_pk=pk, pk=escalation_pk)
    pdf = render_pdf(
        "coordination/handover_pdf.html",
        {
            "escalation": escalation,
            "signal": escalation.signal,
            "shared": shared_rows(escalation),
            "officer": escalation.created_by,
            "generated_at": timezone.now(),
            "generated_by": request.user,
        },
        organisation=escalation.signal.organisation,
    )
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=escalation,
        reason=f"overdracht {escalation.signal.reference}: {', '.join(escalation.shared_fields)}",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="overdracht-{escalation.signal.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def escalations(request: HttpRequest) -> HttpResponse:
    """Escalations that wait for the partner's feedback: overdue first."""
    _require_triage(request)
    form = AwaitingFeedbackForm(request.GET)
    rows = selectors.awaiting_feedback(user=request.user)
    if form.is_valid() and form.cleaned_data["overdue"]:
        rows = rows.filter(expected_feedback_on__lt=timezone.localdate())
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Escalation._meta.label_lower,
        reason=list_view_reason(_("doorgezet, wacht op terugkoppeling"), form),
    )
    page = Paginator(rows, INBOX_PAGE_SIZE).get_page(page_number(request.GET))
    return render(
        request,
        "coordination/escalations.html",
        {"form": form, "page": page, "query": valid_query(form), "today": timezone.localdate()},
    )


@require_GET
def signal_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The signal as a document to print: what was reported, notes, links, escalations and
    history; no forms."""
    _require_triage(request)
    signal = selectors.signal_for_triage(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=signal, reason=_("afdrukweergave"))
    context = {
        "signal": signal,
        "linked": selectors.linked_signals(user=request.user, signal=signal),
        "printed_at": timezone.now(),
    }
    return render(request, "coordination/signal_print.html", context)
