"""Handhaven: the location register, cases, inspections in the field and measures."""

import csv
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from baken.core.access import policy_for
from baken.core.background import is_background
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number, valid_query
from baken.core.models import AuditAction
from baken.core.pdf import render_pdf
from baken.core.services import audit_record, list_view_reason
from baken.enforcement import drafts, letters, risk, selectors, services
from baken.enforcement.catalogue.loader import catalogue
from baken.enforcement.forms import (
    AppealDecisionForm,
    AppealForm,
    BarrierLinkForm,
    BibobForm,
    BibobStartForm,
    CaseForm,
    CaseTransitionForm,
    FindingForm,
    HandOverForm,
    InspectionPhotoForm,
    InspectionPlanForm,
    InspectionRecordForm,
    LetterTemplateForm,
    LicenceForm,
    LocationForm,
    MeasureForm,
    MeasureStepForm,
    PartyForm,
)
from baken.enforcement.housing import snf_checks
from baken.enforcement.models import (
    BibobTest,
    EnforcementCase,
    Inspection,
    LetterKind,
    LetterTemplate,
    Location,
    Measure,
)
from baken.enforcement.workflow import CASE_WORKFLOW, MEASURE_WORKFLOW

PAGE_SIZE = 25


def _require(request: HttpRequest, model, action: str = "view") -> None:
    if not policy_for(model).user_may(request.user, action):
        raise Http404


# --- the location register -------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    _require(request, Location)
    location_filter, rows = selectors.locations(user=request.user, params=request.GET)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Location._meta.label_lower,
        reason=list_view_reason(_("locatieregister"), location_filter.form),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number(request.GET))
    deadlines, total = selectors.deadlines_first(user=request.user) if page.number == 1 else (None, 0)
    context = {
        "filter": location_filter,
        "page": page,
        "query": valid_query(location_filter.form),
        "my_deadlines": deadlines,
        "my_deadlines_total": total,
    }
    return render(request, "enforcement/index.html", context)


@require_GET
def deadlines(request: HttpRequest) -> HttpResponse:
    """All deadlines that ask this user's attention, paged: the register shows the first few."""
    _require(request, Location)
    rows = selectors.my_deadlines(user=request.user)
    audit_record(
        actor=request.user, action=AuditAction.VIEW, object_type=Measure._meta.label_lower, reason=_("mijn termijnen")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number(request.GET))
    return render(request, "enforcement/deadlines.html", {"page": page, "query": ""})


@require_http_methods(["GET", "POST"])
def location_create(request: HttpRequest) -> HttpResponse:
    _require(request, Location, "change")
    form = LocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            location = services.location_save(actor=request.user, location=None, data=form.to_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De locatie is geregistreerd."))
            return redirect("enforcement:location", pk=location.pk)
    status = 400 if form.errors else 200
    return render(request, "enforcement/location_form.html", {"form": form, "location": None}, status=status)


@require_http_methods(["GET", "POST"])
def location_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Location, "change")
    location = selectors.location_for(user=request.user, pk=pk, action="change")
    form = LocationForm(request.POST or None, initial=LocationForm.initial_for(location))
    if request.method == "POST" and form.is_valid():
        try:
            services.location_save(actor=request.user, location=location, data=form.to_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De locatie is bijgewerkt."))
            return redirect("enforcement:location", pk=location.pk)
    status = 400 if form.errors else 200
    return render(request, "enforcement/location_form.html", {"form": form, "location": location}, status=status)


def _location_page(request: HttpRequest, pk: int, **forms) -> HttpResponse:
    context = selectors.location_page(user=request.user, pk=pk)
    object_type = context["location"].object_type
    context |= {
        "party_form": forms.get("party_form") or PartyForm(),
        "licence_form": forms.get("licence_form") or LicenceForm(),
        "checklist": catalogue().checklist_for(object_type),
        "norm_checks": snf_checks(context["location"]),
        "catalogue_version": catalogue().version,
        "today": timezone.localdate(),
    }
    status = 400 if any(form.errors for form in forms.values()) else 200
    return render(request, "enforcement/location.html", context, status=status)


@require_GET
def location(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Location)
    response = _location_page(request, pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, object_type=Location._meta.label_lower, object_id=pk)
    return response


@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Location, "change")
    location = selectors.location_for(user=request.user, pk=pk, action="change")
    form = PartyForm(request.POST)
    if form.is_valid():
        try:
            services.party_add(actor=request.user, location=location, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De betrokkene is toegevoegd."))
            return redirect("enforcement:location", pk=pk)
    return _location_page(request, pk, party_form=form)


@require_POST
def licence_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Location, "change")
    location = selectors.location_for(user=request.user, pk=pk, action="change")
    form = LicenceForm(request.POST)
    if form.is_valid():
        try:
            services.licence_add(actor=request.user, location=location, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De vergunning is toegevoegd."))
            return redirect("enforcement:location", pk=pk)
    return _location_page(request, pk, licence_form=form)


# --- cases --------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, EnforcementCase)
    location = selectors.location_for(user=request.user, pk=pk)
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, location=location, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Zaak %(reference)s is geopend.") % {"reference": case.reference})
            return redirect("enforcement:case", pk=case.pk)
    status = 400 if form.errors else 200
    return render(request, "enforcement/case_form.html", {"form": form, "location": location}, status=status)


def _case_page(request: HttpRequest, pk: int, transition_form=None) -> HttpResponse:
    case = selectors.case_for(user=request.user, pk=pk)
    policy = policy_for(EnforcementCase)
    context = {
        "case": case,
        "is_open": CASE_WORKFLOW.is_open(case.status),
        "transition_form": transition_form or CaseTransitionForm(status=case.status),
        "may_inspect": policy.allows(request.user, "inspect", case),
        "may_measure": policy.allows(request.user, "measure", case),
        "measures": [
            {"measure": measure, "deadlines": selectors.measure_deadlines(measure)} for measure in case.measures.all()
        ],
        "bibob_tests": [
            {"test": test, "deadlines": selectors.bibob_deadlines(test)} for test in case.bibob_tests.all()
        ],
    }
    return render(request, "enforcement/case.html", context, status=400 if transition_form else 200)


@require_GET
def case(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, EnforcementCase)
    response = _case_page(request, pk)
    audit_record(
        actor=request.user, action=AuditAction.VIEW, object_type=EnforcementCase._meta.label_lower, object_id=pk
    )
    return response


@require_POST
def case_transition(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, EnforcementCase)
    case = selectors.case_for(user=request.user, pk=pk)
    form = CaseTransitionForm(request.POST, status=case.status)
    if form.is_valid():
        try:
            services.case_transition(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De fase is bijgewerkt."))
            return redirect("enforcement:case", pk=pk)
    return _case_page(request, pk, transition_form=form)


# --- inspections ------------------------------------------------------------------------------------------


@require_GET
def planning(request: HttpRequest) -> HttpResponse:
    _require(request, Inspection)
    rows = selectors.planning(user=request.user)
    audit_record(
        actor=request.user, action=AuditAction.VIEW, object_type=Inspection._meta.label_lower, reason=_("planning")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number(request.GET))
    return render(request, "enforcement/planning.html", {"page": page, "query": ""})


@require_GET
def priorities(request: HttpRequest) -> HttpResponse:
    _require(request, Location)
    rows = risk.ranked(user=request.user)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Location._meta.label_lower,
        reason=_("risicogestuurde planning"),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number(request.GET))
    page.object_list = risk.explained(page.object_list, user=request.user)
    context = {"page": page, "query": "", "weights": catalogue().planning, "version": catalogue().version}
    return render(request, "enforcement/priorities.html", context)


@require_GET
def priorities_export(request: HttpRequest) -> HttpResponse:
    _require(request, Location)
    rows = risk.priorities(user=request.user)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type=Location._meta.label_lower,
        reason=_("risicogestuurde planning, %(count)s locaties") % {"count": len(rows)},
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="risicogestuurde-planning.csv"'
    writer = csv.writer(response, delimiter=";")
    factor_labels = [factor.label for factor in rows[0].factors] if rows else []
    writer.writerow([_("Adres"), _("Postcode"), _("Soort object"), _("Prioriteit"), *factor_labels])
    for row in rows:
        location = row.location
        writer.writerow(
            [
                _safe_cell(location.address),
                location.postcode,
                location.get_object_type_display(),
                row.score,
                *(f"{factor.value} ({factor.points})" for factor in row.factors),
            ]
        )
    return response


def _safe_cell(value: str) -> str:
    """No formulas in a spreadsheet (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_http_methods(["GET", "POST"])
def inspection_new(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, EnforcementCase, "inspect")
    case = policy_for(EnforcementCase).get_for(request.user, "inspect", pk=pk)
    form = InspectionPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_plan(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De controle is gepland."))
            return redirect("enforcement:inspection", pk=pk, inspection_pk=inspection.pk)
    status = 400 if form.errors else 200
    return render(request, "enforcement/inspection_new.html", {"form": form, "case": case}, status=status)


def _record_initial(inspection: Inspection) -> dict:
    initial = {
        "performed_at": timezone.localtime(inspection.performed_at or timezone.now()).strftime("%Y-%m-%dT%H:%M"),
        "situation": inspection.situation,
        "people_present": inspection.people_present,
        "observed_residents": inspection.observed_residents,
        "notes": inspection.notes,
        "outcome": inspection.outcome,
    }
    return initial | {f"check_{code}": answer for code, answer in inspection.checklist.items()}


def _draft_saved_text(draft) -> str:
    return _(
        "Concept opgeslagen om %(time)s. Alleen u ziet het; na %(days)s dagen zonder wijziging wordt het verwijderd."
    ) % {"time": timezone.localtime(draft.updated_at).strftime("%H:%M"), "days": settings.BAKEN_DRAFT_DAYS}


def _draft_initial(inspection: Inspection, draft, form: InspectionRecordForm) -> dict:
    """The form's initial values: the inspection as recorded, with the user's draft over it."""
    initial = _record_initial(inspection)
    if draft is None:
        return initial
    data = QueryDict(mutable=True)
    for name, values in draft.data.items():
        data.setlist(name, values)
    return initial | {
        name: field.widget.value_from_datadict(data, {}, form.add_prefix(name))
        for name, field in form.fields.items()
        if name in draft.data
    }


def _inspection_page(
    request,
    inspection,
    record_form=None,
    finding_form=None,
    hand_over_form=None,
    barrier_form=None,
    photo_form=None,
    draft=None,
) -> HttpResponse:
    object_type = inspection.case.location.object_type
    may_change = policy_for(Inspection).allows(request.user, "change", inspection) and CASE_WORKFLOW.is_open(
        inspection.case.status
    )
    restored = False
    if record_form is None and may_change:
        draft = drafts.draft_for(user=request.user, inspection=inspection)
        record_form = InspectionRecordForm(object_type=object_type)
        record_form.initial = _draft_initial(inspection, draft, record_form)
        if draft is not None:
            restored = True
            drafts.draft_restored(actor=request.user, draft=draft)
    context = {
        "inspection": inspection,
        "case": inspection.case,
        "may_change": may_change,
        "may_measure": policy_for(EnforcementCase).allows(request.user, "measure", inspection.case),
        "record_form": record_form,
        "draft": draft,
        "draft_restored": restored,
        "draft_saved_text": _draft_saved_text(draft) if draft else "",
        "finding_form": finding_form or FindingForm(object_type=object_type),
        "photo_form": photo_form or InspectionPhotoForm(),
        "photos": selectors.inspection_photos(user=request.user, inspection=inspection),
        "checklist_labels": {item.code: item.label for item in catalogue().checklist_for(object_type)},
        "hand_over_form": hand_over_form or HandOverForm(initial={"submission_key": uuid.uuid4()}),
        "barrier_form": barrier_form or BarrierLinkForm(),
        "barrier_links": selectors.barrier_links_of(inspection),
        "may_link": inspection.status == "uitgevoerd"
        and CASE_WORKFLOW.is_open(inspection.case.status)
        and policy_for(EnforcementCase).allows(request.user, "measure", inspection.case),
    }
    status = (
        400
        if (finding_form or hand_over_form or barrier_form or photo_form or (record_form and record_form.errors))
        else 200
    )
    return render(request, "enforcement/inspection.html", context, status=status)


@require_GET
def inspection(request: HttpRequest, pk: int, inspection_pk: int) -> HttpResponse:
    _require(request, Inspection)
    found = selectors.inspection_for(user=request.user, case_pk=pk, pk=inspection_pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=found)
    return _inspection_page(request, found)


@require_POST
def inspection_record(request: HttpRequest, pk: int, inspection_pk: int) -> HttpResponse:
    """The field form: what was found, the checklist and the debrief's outcome. Sent, it deletes
    the inspector's draft; refused, what was typed is kept as the draft."""
    _require(request, Inspection, "change")
    found = selectors.inspection_for(user=request.user, case_pk=pk, pk=inspection_pk, action="change")
    form = InspectionRecordForm(request.POST, object_type=found.case.location.object_type)
    if form.is_valid():
        try:
            services.inspection_record(actor=request.user, inspection=found, data=form.to_record())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            drafts.draft_delete(
                actor=request.user, inspection=found, reason=_("concept verwijderd: controle vastgelegd")
            )
            messages.success(request, _("De controle is vastgelegd."))
            return redirect("enforcement:inspection", pk=pk, inspection_pk=inspection_pk)
    try:
        data = drafts.clean_inspection_data(request.POST, form.fields)
    except ValidationError:  # the form says what is too long; the draft keeps its last good state
        draft = drafts.draft_for(user=request.user, inspection=found)
    else:
        draft, _created = drafts.draft_save(actor=request.user, inspection=found, data=data)
    return _inspection_page(request, found, record_form=form, draft=draft)


@require_POST
def inspection_draft(request: HttpRequest, pk: int, inspection_pk: int) -> HttpResponse:
    """Autosave of the field form (baken/server-draft.js): debounced while typing, once more when
    the page is hidden, and again when a lost connection returns."""
    _require(request, Inspection, "change")
    found = selectors.inspection_for(user=request.user, case_pk=pk, pk=inspection_pk, action="change")
    form = InspectionRecordForm(object_type=found.case.location.object_type)
    try:
        data = drafts.clean_inspection_data(request.POST, form.fields)
    except ValidationError as error:
        if is_background(request):
            return HttpResponse(error.messages[0], status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, error.messages[0])
        return redirect("enforcement:inspection", pk=pk, inspection_pk=inspection_pk)
    draft, _created = drafts.draft_save(actor=request.user, inspection=found, data=data)
    if is_background(request):
        return JsonResponse({"text": _draft_saved_text(draft)})
    messages.success(request, _("Uw concept is bewaard."))
    return redirect("enforcement:inspection", pk=pk, inspection_pk=inspection_pk)


@require_POST
def inspection_draft_delete(request: HttpRequest, pk: int, inspection_pk: int) -> HttpResponse:
    """ "Concept verwijderen": the user's draft of this inspection is gone; the form shows what is
    recorded (or is empty again)."""
    _require(request, Inspection, "change")
    found = selectors.inspection_for(user=request.user, case_pk=pk, pk=inspection_pk, action="change")
    if drafts.draft_delete(actor=request.user, inspection=found, reason=_("concept verwijderd door de gebruiker")):
        messages.success(request, _("Het concept is verwijderd."))
    return redirect("enforcement:inspection", pk=pk, inspection_pk=inspection_pk)


@require_POST
def inspection_photo_add(request: HttpRequest, pk: int, inspection_pk: int) -> HttpResponse:
    _require(request, Inspection, "change")
    found = selectors.inspection_for(user=request.user, case_pk=pk, pk=inspection_pk, action="change")
    form = InspectionPhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.inspection_photo_add(actor=request.user, inspection=found, upload=form.cleaned_data["photo"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De foto is toegevoegd."))
            return redirect("enforcement:inspection", pk=pk, inspection_pk=inspection_pk)
    return _inspection_page(request, found, photo_form=form)


@require_GET
def inspection_photo(request: HttpRequest, pk: int, inspection_pk: int, photo_pk: int) -> FileResponse:
    """A photo of the inspection, as a download: never cached, never sniffed, always audited."""
    _require(request, Inspection)
    photo = selectors.inspection_photo(user=request.user, case_pk=pk, inspection_pk=inspection_pk, pk=photo_pk)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=photo.inspection,
        object_type="enforcement.inspectionphoto",
        object_id=photo.pk,
        reason=_("foto van een controle gedownload"),
    )
    response = FileResponse(
        photo.file.open("rb"), as_attachment=True, filename=photo.original_name, content_type=photo.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def inspection_hand_over(request: HttpRequest, pk: int, inspection_pk: int) -> HttpResponse:
    """Debrief: "signaal mensenhandel doorzetten" to the aandachtsfunctionaris."""
    _require(request, Inspection, "change")
    found = selectors.inspection_for(user=request.user, case_pk=pk, pk=inspection_pk, action="change")
    form = HandOverForm(request.POST)
    if form.is_valid():
        try:
            signal = services.inspection_hand_over(
                actor=request.user,
                inspection=found,
                description=form.cleaned_data["description"],
                people_count=form.cleaned_data["people_count"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("De melding %(reference)s staat bij de aandachtsfunctionaris.") % {"reference": signal.reference},
            )
            return redirect("enforcement:inspection", pk=pk, inspection_pk=inspection_pk)
    return _inspection_page(request, found, hand_over_form=form)


@require_POST
def finding_add(request: HttpRequest, pk: int, inspection_pk: int) -> HttpResponse:
    _require(request, Inspection, "change")
    found = selectors.inspection_for(user=request.user, case_pk=pk, pk=inspection_pk, action="change")
    form = FindingForm(request.POST, object_type=found.case.location.object_type)
    if form.is_valid():
        try:
            services.finding_add(actor=request.user, inspection=found, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De bevinding is toegevoegd."))
            return redirect("enforcement:inspection", pk=pk, inspection_pk=inspection_pk)
    return _inspection_page(request, found, finding_form=form)


# --- measures ----------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, EnforcementCase, "measure")
    case = selectors.case_for(user=request.user, pk=pk)
    if not policy_for(EnforcementCase).allows(request.user, "measure", case):
        raise Http404
    findings = [finding for inspection in case.inspections.all() for finding in inspection.findings.all()]
    initial = {"sent_on": timezone.localdate(), "finding": request.GET.get("bevinding", "")}
    form = MeasureForm(request.POST or None, findings=findings, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_start(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het voornemen is vastgelegd; de termijnen lopen."))
            return redirect("enforcement:measure", pk=pk, measure_pk=measure.pk)
    status = 400 if form.errors else 200
    zienswijze = catalogue().deadlines["zienswijze"]
    context = {"form": form, "case": case, "zienswijze": zienswijze}
    return render(request, "enforcement/measure_new.html", context, status=status)


@require_http_methods(["GET", "POST"])
def measure(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    _require(request, Measure)
    found = selectors.measure_for(user=request.user, case_pk=pk, pk=measure_pk)
    form = MeasureStepForm(request.POST or None, status=found.status)
    if request.method == "POST":
        if not policy_for(Measure).allows(request.user, "change", found):
            raise Http404
        if form.is_valid():
            try:
                services.measure_step(actor=request.user, measure=found, data=form.to_step())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De maatregel is bijgewerkt."))
                return redirect("enforcement:measure", pk=pk, measure_pk=measure_pk)
    else:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=found)
    return _measure_page(request, found, form=form)


def _measure_page(
    request: HttpRequest, found: Measure, *, form=None, appeal_form=None, decision_form=None, barrier_form=None
):
    table = catalogue()
    appeal_rows, objection_term = selectors.appeals(found)
    decision_forms = {
        row.appeal.pk: decision_form
        if decision_form is not None and decision_form.appeal.pk == row.appeal.pk
        else AppealDecisionForm(appeal=row.appeal)
        for row in appeal_rows
        if row.appeal.pending
    }
    may_change = policy_for(Measure).allows(request.user, "change", found)
    context = {
        "measure": found,
        "case": found.case,
        "form": form or MeasureStepForm(status=found.status),
        "is_open": MEASURE_WORKFLOW.is_open(found.status),
        "case_open": CASE_WORKFLOW.is_open(found.case.status),
        "may_change": may_change,
        "deadlines": selectors.measure_deadlines(found),
        "intent_label": getattr(table.intent_types.get(found.intent_type), "label", found.intent_type),
        "decision": table.decision_types.get(found.decision_type),
        "catalogue_version": table.version,
        "appeals": [{"row": row, "form": decision_forms.get(row.appeal.pk)} for row in appeal_rows],
        "objection_term": objection_term,
        "appeal_form": appeal_form or AppealForm(),
        "letters": [(kind, LetterKind(kind).label) for kind in letters.available_kinds(found)],
        "barrier_form": barrier_form or BarrierLinkForm(),
        "barrier_links": selectors.barrier_links_of(found),
        "may_link": may_change and CASE_WORKFLOW.is_open(found.case.status),
    }
    bound = [f for f in (form, appeal_form, decision_form, barrier_form) if f is not None and f.is_bound]
    status = 400 if any(f.errors for f in bound) else 200
    return render(request, "enforcement/measure.html", context, status=status)


@require_POST
def appeal_add(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    """Bezwaar, beroep or voorlopige voorziening, beside the measure's own track."""
    _require(request, Measure, "change")
    found = selectors.measure_for(user=request.user, case_pk=pk, pk=measure_pk, action="change")
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            services.appeal_add(actor=request.user, measure=found, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het rechtsmiddel is vastgelegd."))
            return redirect("enforcement:measure", pk=pk, measure_pk=measure_pk)
    return _measure_page(request, found, appeal_form=form)


@require_POST
def appeal_decide(request: HttpRequest, pk: int, measure_pk: int, appeal_pk: int) -> HttpResponse:
    _require(request, Measure, "change")
    appeal = selectors.appeal_for(user=request.user, case_pk=pk, measure_pk=measure_pk, pk=appeal_pk, action="change")
    form = AppealDecisionForm(request.POST, appeal=appeal)
    if form.is_valid():
        try:
            services.appeal_decide(actor=request.user, appeal=appeal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De uitkomst is vastgelegd."))
            return redirect("enforcement:measure", pk=pk, measure_pk=measure_pk)
    found = selectors.measure_for(user=request.user, case_pk=pk, pk=measure_pk)
    return _measure_page(request, found, decision_form=form)


# --- Bibob test --------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def bibob_new(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, EnforcementCase, "measure")
    case = policy_for(EnforcementCase).get_for(request.user, "measure", pk=pk)
    form = BibobStartForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            test = services.bibob_start(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De Bibob-toets is gestart."))
            return redirect("enforcement:bibob", pk=pk, bibob_pk=test.pk)
    status = 400 if form.errors else 200
    return render(request, "enforcement/bibob_new.html", {"form": form, "case": case}, status=status)


@require_http_methods(["GET", "POST"])
def bibob(request: HttpRequest, pk: int, bibob_pk: int) -> HttpResponse:
    _require(request, BibobTest)
    found = selectors.bibob_for(user=request.user, case_pk=pk, pk=bibob_pk)
    may_change = policy_for(BibobTest).allows(request.user, "change", found)
    form = BibobForm(request.POST or None, initial=BibobForm.initial_for(found))
    if request.method == "POST":
        if not may_change:
            raise Http404
        if form.is_valid():
            try:
                services.bibob_update(actor=request.user, test=found, data=form.to_input())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De Bibob-toets is bijgewerkt."))
                return redirect("enforcement:bibob", pk=pk, bibob_pk=bibob_pk)
    else:
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=found)
    table = catalogue()
    context = {
        "test": found,
        "case": found.case,
        "form": form,
        "may_change": may_change and not found.decision and CASE_WORKFLOW.is_open(found.case.status),
        "trigger": table.bibob_triggers.get(found.trigger),
        "advice": table.bibob_advice_levels.get(found.advice_level),
        "decision": table.bibob_decisions.get(found.decision),
        "advice_term": table.deadlines["bibob_advies"],
        "deadlines": selectors.bibob_deadlines(found),
        "suspension": selectors.bibob_suspension(found),
        "catalogue_version": table.version,
    }
    return render(request, "enforcement/bibob.html", context, status=400 if form.errors else 200)


# --- letters -----------------------------------------------------------------------------------------------


@require_GET
def letter_pdf(request: HttpRequest, pk: int, measure_pk: int, kind: str) -> HttpResponse:
    """A letter (voornemen, besluit, hercontrole) as PDF in the huisstijl, filled from the case;
    logged as an export."""
    _require(request, Measure)
    found = selectors.measure_for(user=request.user, case_pk=pk, pk=measure_pk)
    if kind not in letters.available_kinds(found):
        raise Http404
    organisation = found.case.organisation
    text = selectors.letter_text(organisation_id=organisation.pk, kind=kind)
    values = letters.letter_values(found, organisation_name=organisation.name, today=timezone.localdate())
    context = {"case": found.case, "title": letters.fill(text.title, values), "body": letters.fill(text.body, values)}
    pdf = render_pdf("enforcement/letter_pdf.html", context, organisation=organisation)
    version = _("versie %(number)s") % {"number": text.revision} if text.revision else _("standaardtekst")
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=found, reason=f"brief {kind} ({version})")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{found.case.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def letter_templates(request: HttpRequest) -> HttpResponse:
    _require(request, LetterTemplate, "change")
    own = {row.kind: row for row in policy_for(LetterTemplate).rows_for(request.user, "view")}
    rows = [(kind, label, own.get(kind)) for kind, label in LetterKind.choices]
    return render(request, "enforcement/letter_templates.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def letter_template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    _require(request, LetterTemplate, "change")
    if kind not in LetterKind.values:
        raise Http404
    template, revisions = selectors.letter_template_for(user=request.user, kind=kind)
    current = selectors.letter_text(organisation_id=request.user.organisation_id, kind=kind)
    initial = {"title": current.title, "body": current.body, "base_revision": template.revision if template else 0}
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_template_save(actor=request.user, kind=kind, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De brief is opgeslagen als nieuwe versie."))
            return redirect("enforcement:letter_template_edit", kind=kind)
    context = {
        "kind": kind,
        "label": LetterKind(kind).label,
        "form": form,
        "template": template,
        "revisions": revisions,
        "fields": letters.FIELDS.items(),
    }
    return render(request, "enforcement/letter_template_edit.html", context, status=400 if form.errors else 200)


# --- barrier links -----------------------------------------------------------------------------------------


def _link_barrier(request: HttpRequest, **source) -> BarrierLinkForm | None:
    """Link the posted barrier; the bound form with its errors, or None when it was saved."""
    form = BarrierLinkForm(request.POST)
    if form.is_valid():
        try:
            services.barrier_link_add(actor=request.user, barrier=form.cleaned_data["barrier"], **source)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De barrière is gekoppeld."))
            return None
    return form


@require_POST
def inspection_barrier(request: HttpRequest, pk: int, inspection_pk: int) -> HttpResponse:
    _require(request, EnforcementCase, "measure")
    found = selectors.inspection_for(user=request.user, case_pk=pk, pk=inspection_pk)
    if not policy_for(EnforcementCase).allows(request.user, "measure", found.case):
        raise Http404
    form = _link_barrier(request, inspection=found)
    if form is None:
        return redirect("enforcement:inspection", pk=pk, inspection_pk=inspection_pk)
    return _inspection_page(request, found, barrier_form=form)


@require_POST
def measure_barrier(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    _require(request, Measure, "change")
    found = selectors.measure_for(user=request.user, case_pk=pk, pk=measure_pk, action="change")
    form = _link_barrier(request, measure=found)
    if form is None:
        return redirect("enforcement:measure", pk=pk, measure_pk=measure_pk)
    return _measure_page(request, found, barrier_form=form)


@require_POST
def letter_template_restore(request: HttpRequest, kind: str, revision_pk: int) -> HttpResponse:
    _require(request, LetterTemplate, "change")
    try:
        base_revision = int(request.POST.get("base_revision", ""))
    except ValueError:
        base_revision = -1
    try:
        services.letter_template_restore(
            actor=request.user, kind=kind, revision_pk=revision_pk, base_revision=base_revision
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De eerdere versie is teruggezet als nieuwe versie."))
    return redirect("enforcement:letter_template_edit", kind=kind)
