"""Zorg: the zorgcoördinator's list of trajectories and aanmeldingen, a trajectory's page with its
timeline, and its actions. Views stay thin: selectors read, services write."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from baken.care import selectors, services
from baken.care.catalogue.loader import catalogue
from baken.care.forms import (
    CaseRegisterForm,
    HandoverDecisionForm,
    ProcedureDoneForm,
    ProcedureForm,
    RevealForm,
    ShelterAddressForm,
    TransitionForm,
)
from baken.care.models import CareCase, CareProcedure
from baken.care.workflow import CARE_WORKFLOW
from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number, valid_query
from baken.core.models import AuditAction, Organisation
from baken.core.services import audit_record, list_view_reason

PAGE_SIZE = 25


def _require_care(request: HttpRequest) -> None:
    if not selectors.may_manage(user=request.user):
        raise Http404


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    _require_care(request)
    form, rows = selectors.case_list(user=request.user, params=request.GET)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=CareCase._meta.label_lower,
        reason=list_view_reason(_("zorgtrajecten"), form),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number(request.GET))
    context = {
        "form": form,
        "page": page,
        "query": valid_query(form),
        "counts": selectors.phase_counts(user=request.user),
        "handovers": list(selectors.pending_handovers(user=request.user)[:50]),
        "deadlines": selectors.home_panel(user=request.user)["deadlines"],
    }
    return render(request, "care/index.html", context)


@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    _require_care(request)
    organisations = policy_for(Organisation).visible(request.user).order_by("name")
    form = CaseRegisterForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.care_case_register(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De aanmelding is vastgelegd."))
            return redirect("care:case", pk=case.pk)
    elif request.method == "GET":
        form.initial["pseudonym"] = services.suggest_pseudonym()
    status = 400 if form.errors else 200
    return render(request, "care/case_new.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    _require_care(request)
    row = selectors.handover_for(user=request.user, pk=pk)
    form = HandoverDecisionForm(request.POST or None, initial={"pseudonym": services.suggest_pseudonym()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.care_case_from_handover(
                actor=request.user,
                handover=row,
                accept=data["decision"] == "aannemen",
                pseudonym=data["pseudonym"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if data["decision"] == "aannemen":
                messages.success(request, _("Het zorgtraject is gestart."))
                return redirect("care:case", pk=case.pk)
            messages.success(
                request, _("De aanmelding is niet in behandeling genomen; de aandachtsfunctionaris ziet de reden.")
            )
            return redirect("care:index")
    if request.method == "GET":
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=row, reason=_("aanmelding zorg"))
    context = {"handover": row, "values": selectors.handover_values(row), "form": form}
    return render(request, "care/handover.html", context, status=400 if form.errors else 200)


def _case_page(request: HttpRequest, case: CareCase, **forms) -> HttpResponse:
    user = request.user
    transitions = selectors.user_transitions(case)
    rules = catalogue().deadlines
    items = selectors.timeline(case)
    context = {
        "case": case,
        "source": catalogue().sources.get(case.source),
        "closure_reason": catalogue().closure_reasons.get(case.closure_reason),
        "name_revealed": selectors.name_revealed(user=user, case=case),
        "may_read_shelter_address": selectors.may_read_shelter_address(user=user, case=case),
        "timeline": [{"item": item, "done_form": ProcedureDoneForm(prefix=f"p{item.procedure.pk}")} for item in items],
        "rules": rules.values(),
        "is_open": CARE_WORKFLOW.is_open(case.status),
        "transition_form": forms.get("transition_form") or TransitionForm(transitions=transitions),
        "reveal_form": forms.get("reveal_form") or RevealForm(),
        "shelter_form": forms.get("shelter_form") or ShelterAddressForm(initial={"address": case.shelter_address}),
        "procedure_form": forms.get("procedure_form") or ProcedureForm(),
        "today": timezone.localdate(),
    }
    done_form = forms.get("done_form")
    if done_form is not None:
        for row in context["timeline"]:
            if done_form.prefix == f"p{row['item'].procedure.pk}":
                row["done_form"] = done_form
    status = 400 if any(form is not None and form.errors for form in forms.values()) else 200
    return render(request, "care/case.html", context, status=status)


@require_GET
def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=case, reason=_("zorgtraject"))
    return _case_page(request, case)


def _action(request: HttpRequest, pk: int, form, form_key: str, perform) -> HttpResponse:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    if form.is_valid():
        try:
            perform(case, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("care:case", pk=case.pk)
    return _case_page(request, case, **{form_key: form})


@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    form = TransitionForm(request.POST, transitions=selectors.user_transitions(case))

    def perform(case, data):
        services.care_case_transition(
            actor=request.user,
            case=case,
            target=data["target"],
            reason=data["reason"],
            closure_reason=data["closure_reason"],
        )
        messages.success(request, _("De fase is gewijzigd."))

    return _action(request, pk, form, "transition_form", perform)


@require_POST
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(case, data):
        services.care_name_reveal(actor=request.user, case=case, reason=data["reason"])

    return _action(request, pk, RevealForm(request.POST), "reveal_form", perform)


@require_POST
def shelter_address(request: HttpRequest, pk: int) -> HttpResponse:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    if not selectors.may_read_shelter_address(user=request.user, case=case):
        raise Http404

    def perform(case, data):
        services.care_shelter_address_set(actor=request.user, case=case, address=data["address"])
        messages.success(request, _("Het opvangadres is opgeslagen."))

    return _action(request, pk, ShelterAddressForm(request.POST), "shelter_form", perform)


@require_POST
def procedure_add(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(case, data):
        services.procedure_start(actor=request.user, case=case, **data)
        messages.success(request, _("De procedure staat op de tijdlijn."))

    return _action(request, pk, ProcedureForm(request.POST), "procedure_form", perform)


@require_POST
def procedure_done(request: HttpRequest, pk: int, procedure_pk: int) -> HttpResponse:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    procedure = CareProcedure.objects.filter(case=case, pk=procedure_pk).first()
    if procedure is None:
        raise Http404
    form = ProcedureDoneForm(request.POST, prefix=f"p{procedure.pk}")

    def perform(case, data):
        services.procedure_complete(actor=request.user, case=case, procedure=procedure, **data)
        messages.success(request, _("De procedure is afgerond."))

    return _action(request, pk, form, "done_form", perform)
