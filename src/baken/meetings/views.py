"""Casusoverleg: the weekly triage queue and the meetings, an aanmelding's page, a meeting's
page (attendees with their legal basis, agenda) and an agenda item's page (sharing log,
actions). Views stay thin: selectors read, services write; every view of personal data is
audited, and a refused row answers 404."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number, valid_query
from baken.core.models import AuditAction, Organisation
from baken.core.pdf import render_pdf
from baken.core.services import audit_record, list_view_reason
from baken.meetings import selectors, services
from baken.meetings.catalogue.loader import catalogue
from baken.meetings.forms import (
    ActionForm,
    ActionUpdateForm,
    AgendaForm,
    AnalysisForm,
    AttendeeForm,
    ClosureForm,
    DiscussedForm,
    DispatchForm,
    LinkForm,
    MeetingForm,
    ReferralForm,
    SharingForm,
    SubjectRequestForm,
    TransitionForm,
    TriageForm,
)
from baken.meetings.models import AgendaItem, CaseReferral, Meeting, ReferralStatus
from baken.meetings.policies import runners_of
from baken.meetings.workflow import CLOSURE_TARGETS

PAGE_SIZE = 25


def _require_run(request: HttpRequest) -> None:
    if not selectors.may_run(request.user):
        raise Http404


def _organisations(request: HttpRequest):
    return policy_for(Organisation).visible(request.user).order_by("name")


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The weekly triage queue and the meetings."""
    _require_run(request)
    queue = selectors.triage_queue(user=request.user)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=CaseReferral._meta.label_lower,
        reason=list_view_reason(_("triage casusoverleg")),
    )
    page = Paginator(selectors.meetings_list(user=request.user), PAGE_SIZE).get_page(page_number(request.GET))
    context = {
        "queue": queue,
        "this_week": selectors.with_labels(queue["this_week"][:100]),
        "next_week": selectors.with_labels(queue["next_week"][:100]),
        "page": page,
    }
    selectors.with_labels(page.object_list)
    return render(request, "meetings/index.html", context)


@require_GET
def referrals(request: HttpRequest) -> HttpResponse:
    _require_run(request)
    form, rows = selectors.referral_list(user=request.user, params=request.GET)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=CaseReferral._meta.label_lower,
        reason=list_view_reason(_("aanmeldingen casusoverleg"), form),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number(request.GET))
    return render(request, "meetings/referrals.html", {"form": form, "page": page, "query": valid_query(form)})


@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    _require_run(request)
    form = ReferralForm(request.POST or None, organisations=_organisations(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            referral = services.referral_register(actor=request.user, organisation=organisation, values=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De aanmelding is vastgelegd; zij staat in de triage."))
            return redirect("meetings:referral", pk=referral.pk)
    return render(request, "meetings/referral_new.html", {"form": form}, status=400 if form.errors else 200)


def _referral_page(request: HttpRequest, referral: CaseReferral, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    context = {
        "referral": referral,
        "criteria": selectors.criteria_labels(referral),
        "urgency": catalogue().urgencies.get(referral.urgency),
        "decision": catalogue().decisions.get(referral.triage_decision),
        "history": selectors.referral_history(referral),
        "agenda": selectors.referral_agenda(user=user, referral=referral),
        # A refused form is shown with its errors even when the phase no longer offers it.
        "show_triage": referral.status == ReferralStatus.IN_TRIAGE or "triage_form" in forms,
        "show_transition": bool(selectors.user_transitions(referral)) or "transition_form" in forms,
        "transition_form": forms.get("transition_form")
        or TransitionForm(transitions=selectors.user_transitions(referral)),
        "triage_form": forms.get("triage_form") or TriageForm(directors=selectors.runners_for(referral)),
        "show_closure": bool(selectors.closure_transitions(referral)) or "closure_form" in forms,
        "closure_form": forms.get("closure_form") or ClosureForm(transitions=selectors.closure_transitions(referral)),
        "closure_outcome": catalogue().closure_outcomes.get(referral.closure_outcome),
        "links": selectors.referral_links(user=user, referral=referral),
        "link_form": forms.get("link_form") or LinkForm(),
    }
    return render(request, "meetings/referral.html", context, status=status)


@require_GET
def referral(request: HttpRequest, pk: int) -> HttpResponse:
    _require_run(request)
    row = selectors.referral_for(user=request.user, pk=pk, action="manage")
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=row, reason=_("aanmelding casusoverleg"))
    return _referral_page(request, row)


@require_POST
def referral_transition(request: HttpRequest, pk: int) -> HttpResponse:
    _require_run(request)
    row = selectors.referral_for(user=request.user, pk=pk, action="manage")
    form = TransitionForm(request.POST, transitions=selectors.user_transitions(row))
    if form.is_valid():
        try:
            services.referral_transition(
                actor=request.user,
                referral=row,
                target=form.cleaned_data["target"],
                reason=form.cleaned_data["reason"],
                escalated_to=form.cleaned_data.get("escalated_to", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De fase is gewijzigd."))
            return redirect("meetings:referral", pk=row.pk)
    return _referral_page(request, row, status=400, transition_form=form)


@require_POST
def referral_triage(request: HttpRequest, pk: int) -> HttpResponse:
    _require_run(request)
    row = selectors.referral_for(user=request.user, pk=pk, action="manage")
    form = TriageForm(request.POST, directors=selectors.runners_for(row))
    if form.is_valid():
        try:
            services.triage_decide(actor=request.user, referral=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het besluit van de triage is vastgelegd."))
            return redirect("meetings:referral", pk=row.pk)
    return _referral_page(request, row, status=400, triage_form=form)


@require_POST
def referral_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the aanmelding or scale it down to the regular chain, with outcome and hand-back."""
    _require_run(request)
    row = selectors.referral_for(user=request.user, pk=pk, action="manage")
    form = ClosureForm(request.POST, transitions=selectors.closure_transitions(row))
    if form.is_valid():
        try:
            services.referral_close(actor=request.user, referral=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De aanmelding is afgesloten."))
            return redirect("meetings:referral", pk=row.pk)
    return _referral_page(request, row, status=400, closure_form=form)


@require_POST
def referral_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the aanmelding to a signal, care case or enforcement case (by kenmerk; ids only)."""
    _require_run(request)
    row = selectors.referral_for(user=request.user, pk=pk, action="manage")
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            services.referral_link(actor=request.user, referral=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De verwijzing is vastgelegd."))
            return redirect("meetings:referral", pk=row.pk)
    return _referral_page(request, row, status=400, link_form=form)


def _chairs(request: HttpRequest):
    """Who may chair: users who may run the meetings of a municipality the actor works for."""
    users = get_user_model().objects.none()
    for organisation in _organisations(request):
        users |= runners_of(organisation)
    return users.distinct().order_by("last_name", "first_name", "username")


@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    _require_run(request)
    form = MeetingForm(request.POST or None, organisations=_organisations(request), chairs=_chairs(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_plan(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het overleg is gepland. Voeg deelnemers en agendapunten toe."))
            return redirect("meetings:meeting", pk=meeting.pk)
    elif request.method == "GET":
        form.initial["chair"] = request.user.pk
    return render(request, "meetings/meeting_new.html", {"form": form}, status=400 if form.errors else 200)


def _attendee_users(meeting: Meeting):
    """Baken users who may sit at this meeting: active users of its municipality and its region."""
    return policy_for(Meeting).candidate_users(meeting).order_by("last_name", "first_name", "username")


def _meeting_page(request: HttpRequest, meeting: Meeting, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    manage = selectors.may_manage_meeting(user=user, meeting=meeting)
    context = {
        "meeting": meeting,
        "meeting_type": catalogue().meeting_types.get(meeting.meeting_type),
        "manage": manage,
        "attendees": selectors.attendees_of(user=user, meeting=meeting),
        "bases": catalogue().legal_bases,
        "agenda": selectors.agenda_of(user=user, meeting=meeting),
    }
    if manage:
        context["attendee_form"] = forms.get("attendee_form") or AttendeeForm(users=_attendee_users(meeting))
        context["agenda_form"] = forms.get("agenda_form") or AgendaForm(
            referrals=selectors.schedulable(user=user, meeting=meeting)
        )
        context["dispatches"] = selectors.dispatches_of(user=user, meeting=meeting)
        context["dispatch_form"] = forms.get("dispatch_form") or DispatchForm(
            attendees=selectors.attendees_of(user=user, meeting=meeting).filter(user=None)
        )
    return render(request, "meetings/meeting.html", context, status=status)


@require_GET
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.meeting_for(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=row, reason=_("casusoverleg"))
    return _meeting_page(request, row)


@require_POST
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.meeting_for(user=request.user, pk=pk, action="manage")
    form = AttendeeForm(request.POST, users=_attendee_users(row))
    if form.is_valid():
        try:
            services.attendee_add(actor=request.user, meeting=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De deelnemer is toegevoegd."))
            return redirect("meetings:meeting", pk=row.pk)
    return _meeting_page(request, row, status=400, attendee_form=form)


@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.meeting_for(user=request.user, pk=pk, action="manage")
    form = AgendaForm(request.POST, referrals=selectors.schedulable(user=request.user, meeting=row))
    if form.is_valid():
        try:
            services.agenda_item_add(actor=request.user, meeting=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De aanmelding staat op de agenda."))
            return redirect("meetings:meeting", pk=row.pk)
    return _meeting_page(request, row, status=400, agenda_form=form)


def _item_page(request: HttpRequest, item: AgendaItem, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    meeting = item.meeting
    manage = policy_for(AgendaItem).allows(user, "manage", item)
    attendees = selectors.attendees_of(user=user, meeting=meeting)
    actions = list(selectors.actions_of(user=user, item=item))
    reportable = selectors.reportable(user=user, actions=actions)
    context = {
        "item": item,
        "meeting": meeting,
        "manage": manage,
        "analysis": selectors.analysis_of(item),
        "actions": [
            {
                "action": action,
                "form": ActionUpdateForm(prefix=f"a{action.pk}", initial={"status": action.status})
                if action.pk in reportable
                else None,
            }
            for action in actions
        ],
    }
    if manage:
        context["sharing_log"] = [
            {
                "entry": entry,
                "categories": selectors.category_labels(entry),
                "basis": catalogue().legal_bases.get(entry.legal_basis),
            }
            for entry in selectors.sharing_log_of(user=user, item=item)
        ]
        context["discussed_form"] = forms.get("discussed_form") or DiscussedForm()
        # A refused form is shown with its errors, also the one refused because the aanmelding closed.
        analysis_form = forms.get("analysis_form")
        if analysis_form is None and item.referral.status not in CLOSURE_TARGETS:
            analysis_form = AnalysisForm.for_item(item)
        context["analysis_form"] = analysis_form
        context["sharing_form"] = forms.get("sharing_form") or SharingForm(attendees=attendees)
        context["action_form"] = forms.get("action_form") or ActionForm(
            users=selectors.action_owners(user=user, item=item)
        )
        context["update_errors"] = forms.get("update_form")
    return render(request, "meetings/item.html", context, status=status)


@require_GET
def item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(user=request.user, pk=pk)
    row = selectors.item_for(user=request.user, meeting=meeting, pk=item_pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=row, organisation=meeting.organisation)
    return _item_page(request, row)


def _managed_item(request: HttpRequest, pk: int, item_pk: int) -> AgendaItem:
    meeting = selectors.meeting_for(user=request.user, pk=pk, action="manage")
    return selectors.item_for(user=request.user, meeting=meeting, pk=item_pk, action="manage")


@require_POST
def item_discussed(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    row = _managed_item(request, pk, item_pk)
    form = DiscussedForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_discussed(actor=request.user, item=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het agendapunt is besproken; de aanmelding staat op 'besproken'."))
            return redirect("meetings:item", pk=pk, item_pk=row.pk)
    return _item_page(request, row, status=400, discussed_form=form)


@require_POST
def item_analysis(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    row = _managed_item(request, pk, item_pk)
    form = AnalysisForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_analyse(actor=request.user, item=row, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De analyse is vastgelegd."))
            return redirect("meetings:item", pk=pk, item_pk=row.pk)
    return _item_page(request, row, status=400, analysis_form=form)


@require_POST
def sharing_add(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    row = _managed_item(request, pk, item_pk)
    form = SharingForm(request.POST, attendees=selectors.attendees_of(user=request.user, meeting=row.meeting))
    if form.is_valid():
        try:
            services.sharing_record(actor=request.user, item=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Vastgelegd in het deellog."))
            return redirect("meetings:item", pk=pk, item_pk=row.pk)
    return _item_page(request, row, status=400, sharing_form=form)


@require_POST
def action_add(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    row = _managed_item(request, pk, item_pk)
    form = ActionForm(request.POST, users=selectors.action_owners(user=request.user, item=row))
    if form.is_valid():
        try:
            services.action_add(actor=request.user, item=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De actie is vastgelegd."))
            return redirect("meetings:item", pk=pk, item_pk=row.pk)
    return _item_page(request, row, status=400, action_form=form)


@require_POST
def action_update(request: HttpRequest, pk: int, item_pk: int, action_pk: int) -> HttpResponse:
    """The runners, and the owner of the action (an attendee), record its status and result."""
    meeting = selectors.meeting_for(user=request.user, pk=pk)
    row = selectors.item_for(user=request.user, meeting=meeting, pk=item_pk)
    action = selectors.action_for(user=request.user, item=row, pk=action_pk, action="report")
    form = ActionUpdateForm(request.POST, prefix=f"a{action.pk}")
    if form.is_valid():
        try:
            services.action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De actie is bijgewerkt."))
            return redirect("meetings:item", pk=pk, item_pk=row.pk)
    return _item_page(request, row, status=400, update_form=form)


@require_GET
def attending(request: HttpRequest) -> HttpResponse:
    """The meetings a Baken user attends: their agenda items and their organisation's actions."""
    page = Paginator(selectors.attending(user=request.user), PAGE_SIZE).get_page(page_number(request.GET))
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Meeting._meta.label_lower,
        reason=list_view_reason(_("mijn casusoverleggen")),
    )
    selectors.with_labels(page.object_list)
    actions = selectors.my_open_actions(user=request.user)[:50]
    return render(request, "meetings/attending.html", {"page": page, "actions": actions, "today": timezone.localdate()})


def _meeting_pdf(request: HttpRequest, row, *, template: str, document: str, extra: dict, items: int) -> HttpResponse:
    """A meeting document (agenda, verslag) as a PDF in the huisstijl of the meeting's
    municipality, pseudonymised, with its attendees and their legal basis; logged as an export."""
    context = {
        "meeting": row,
        "meeting_type": catalogue().meeting_types.get(row.meeting_type),
        "attendees": [
            {"attendee": attendee, "basis": catalogue().legal_bases.get(attendee.legal_basis)}
            for attendee in selectors.attendees_of(user=request.user, meeting=row)
        ],
        **extra,
    }
    pdf = render_pdf(template, context, organisation=row.organisation)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=row,
        reason=f"{document} (pdf): {items} agendapunten",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document}-casusoverleg-{row.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda: for the runners and the attendees of this meeting only (each sees the items
    they may see)."""
    row = selectors.meeting_for(user=request.user, pk=pk)
    agenda = list(selectors.agenda_of(user=request.user, meeting=row))
    return _meeting_pdf(
        request,
        row,
        template="meetings/agenda_pdf.html",
        document="agenda",
        extra={"agenda": agenda},
        items=len(agenda),
    )


@require_http_methods(["GET", "POST"])
def subject_export(request: HttpRequest) -> HttpResponse:
    """A data-subject request to the partnership (the contactpunt, WGS): for one person, found by
    name (and date of birth) as recorded with the aanmeldingen, every aanmelding, agenda item,
    sharing-log entry and action about them, as one PDF. For those who run the meetings; logged
    with the request's reference and the number of aanmeldingen, never with the name."""
    _require_run(request)
    form = SubjectRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        records = selectors.subject_records(
            user=request.user, name=form.cleaned_data["full_name"], birth_date=form.cleaned_data["birth_date"]
        )
        reference = form.cleaned_data["request_reference"]
        pdf = render_pdf(
            "meetings/subject_pdf.html",
            {"records": records, "request_reference": reference, "produced_at": timezone.now()},
            organisation=request.user.organisation,
        )
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="meetings.subjectrequest",
            reason=f"inzageverzoek {reference} (pdf): {len(records)} aanmeldingen",
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="inzage-casusoverleg.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "meetings/subject.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
def dispatch_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the chair sent the agenda or the minutes to an external attendee."""
    row = selectors.meeting_for(user=request.user, pk=pk, action="manage")
    form = DispatchForm(
        request.POST, attendees=selectors.attendees_of(user=request.user, meeting=row).filter(user=None)
    )
    if form.is_valid():
        try:
            services.dispatch_record(actor=request.user, meeting=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Vastgelegd dat het stuk is verstuurd."))
            return redirect("meetings:meeting", pk=row.pk)
    return _meeting_page(request, row, status=400, dispatch_form=form)


@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes (verslag), with pseudonyms only: for the runners and the attendees of this
    meeting (each sees the items and actions they may see)."""
    row = selectors.meeting_for(user=request.user, pk=pk)
    minutes = selectors.minutes_of(user=request.user, meeting=row)
    return _meeting_pdf(
        request,
        row,
        template="meetings/minutes_pdf.html",
        document="verslag",
        extra={"minutes": minutes},
        items=len(minutes),
    )
