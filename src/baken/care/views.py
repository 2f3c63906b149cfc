"""Zorg: the zorgcoördinator's list of trajectories and aanmeldingen, a trajectory's page with its
timeline, and its actions. Views stay thin: selectors read, services write."""

import csv
import datetime as dt
import io
from decimal import Decimal

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
    ClosureDecisionForm,
    ComenshaForm,
    ContactForm,
    GoalCloseForm,
    GoalForm,
    HandoverDecisionForm,
    MethodsForm,
    PersonForm,
    PlanActionDoneForm,
    PlanActionForm,
    ProcedureDoneForm,
    ProcedureForm,
    ProviderForm,
    ReferralForm,
    ReferralUpdateForm,
    RegionSettingForm,
    RevealForm,
    ShelterAddressForm,
    ShelterCostsForm,
    ShelterEndForm,
    ShelterForm,
    SummaryForm,
    TrackForm,
    TrackStepForm,
    TransitionForm,
)
from baken.care.models import (
    CareCase,
    CareClosureRequest,
    CarePhase,
    CarePlanAction,
    CarePlanGoal,
    CareProcedure,
    CareReferral,
    ClosureRequestStatus,
    ShelterPlacement,
)
from baken.care.workflow import CARE_WORKFLOW
from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number, valid_query
from baken.core.models import AuditAction, Organisation
from baken.core.pdf import render_pdf
from baken.core.services import audit_record, list_view_reason
from baken.partners.selectors import handover_partners

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
    panel = selectors.home_panel(user=request.user)  # the user may manage care (checked above)
    context = {
        "form": form,
        "page": page,
        "query": valid_query(form),
        "counts": panel["counts"],
        "handovers": list(selectors.pending_handovers(user=request.user)[:50]),
        "panel": panel,
        "may_set_region": selectors.may_set_region(user=request.user),
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
    closures = selectors.closure_requests(case)
    name_revealed = selectors.name_revealed(user=user, case=case)
    waiting = next((row for row in closures if row.status == ClosureRequestStatus.PENDING), None)
    is_open = CARE_WORKFLOW.is_open(case.status)
    closable = CARE_WORKFLOW.find(case.status, CarePhase.CLOSED) is not None
    needs_approval = selectors.closure_needs_approval(case)
    context = {
        "case": case,
        "source": catalogue().sources.get(case.source),
        "closure_reason": catalogue().closure_reasons.get(case.closure_reason),
        "name_revealed": name_revealed,
        "may_read_shelter_address": selectors.may_read_shelter_address(user=user, case=case),
        # One timeline: the procedures and the dates of referrals and shelter, running ones by date.
        "timeline": sorted(
            [
                *({"item": item, "done_form": ProcedureDoneForm(prefix=f"p{item.procedure.pk}")} for item in items),
                *({"date": date} for date in selectors.timeline_dates(case)),
            ],
            key=lambda row: (
                (row["item"].done, row["item"].procedure.due_on) if "item" in row else (False, row["date"].due_on)
            ),
        ),
        "rules": rules.values(),
        "is_open": is_open,
        "transition_form": forms.get("transition_form") or TransitionForm(transitions=transitions),
        "reveal_form": forms.get("reveal_form") or RevealForm(),
        "shelter_form": forms.get("shelter_form") or ShelterAddressForm(initial={"address": case.shelter_address}),
        "procedure_form": forms.get("procedure_form") or ProcedureForm(),
        "methods": selectors.case_methods(case),
        "methods_form": forms.get("methods_form")
        or MethodsForm(
            prefix="methoden",
            initial={"control_methods": case.control_methods, "recruitment_methods": case.recruitment_methods},
        ),
        "referral_form": forms.get("referral_form") or ReferralForm(partners=handover_partners(user=user)),
        "referrals": [
            {
                "referral": referral,
                "service": catalogue().service_types.get(referral.service_type),
                "overdue": referral.implemented_on is None and referral.due_on < timezone.localdate(),
                "form": ReferralUpdateForm(prefix=f"v{referral.pk}"),
            }
            for referral in case.referrals.all()
        ],
        "placement_form": forms.get("placement_form") or ShelterForm(partners=handover_partners(user=user)),
        "placements": [
            {
                "placement": placement,
                "type": catalogue().shelter_types.get(placement.shelter_type),
                "payer": catalogue().payers.get(placement.payer),
                "days": selectors.placement_days(placement, placement.started_on, dt.date.max, timezone.localdate()),
                "form": ShelterEndForm(prefix=f"o{placement.pk}"),
            }
            for placement in case.shelter_placements.all()
        ],
        "contacts": case.contacts.all(),
        "contact_status": selectors.contact_status(case),
        "contact_form": forms.get("contact_form") or ContactForm(),
        "closure_requests": closures,
        "closure_waiting": waiting,
        "closure_waiting_reason": catalogue().closure_reasons.get(waiting.closure_reason) if waiting else None,
        "closure_form": forms.get("closure_form")
        or (ClosureDecisionForm(proposer=waiting.requested_by_id == user.pk) if waiting else None),
        "closure_needs_approval": needs_approval,
        # Who could approve is asked of the policy user by user: only where closing is a next step.
        "closure_approvers": selectors.closure_approvers(case, proposer=user) if closable and needs_approval else None,
        "comensha": getattr(case, "comensha_registration", None),
        "comensha_form": forms.get("comensha_form") or _comensha_form(case),
        "today": timezone.localdate(),
        "person": selectors.person_facts(case, revealed=name_revealed),
        "goal_form": forms.get("goal_form") or GoalForm(),
        "plan": _plan_rows(case, forms),
        "track_form": forms.get("track_form") or TrackForm(),
        "track_groups": _track_groups(case, forms),
    }
    end_form = forms.get("placement_end_form")
    if end_form is not None:
        for row in context["placements"]:
            if end_form.prefix == f"o{row['placement'].pk}":
                row["form"] = end_form
    for row in context["placements"]:
        cost = row["placement"].cost_per_day
        row["total"] = cost * row["days"] if cost is not None else None
    update_form = forms.get("referral_update_form")
    if update_form is not None:
        for row in context["referrals"]:
            if update_form.prefix == f"v{row['referral'].pk}":
                row["form"] = update_form
    done_form = forms.get("done_form")
    if done_form is not None:
        for row in context["timeline"]:
            if "item" in row and done_form.prefix == f"p{row['item'].procedure.pk}":
                row["done_form"] = done_form
    status = 400 if any(form is not None and form.errors for form in forms.values()) else 200
    return render(request, "care/case.html", context, status=status)


def _plan_rows(case: CareCase, forms: dict) -> list[dict]:
    """The plan's goals with their actions and forms; a form sent back with errors in its place."""
    today = timezone.localdate()
    domains = catalogue().life_domains
    sent = {form.prefix: form for form in forms.values() if form is not None and form.prefix}
    rows = []
    for goal in case.plan_goals.all():
        actions = [
            {
                "action": action,
                "overdue": action.done_on is None and action.due_on < today,
                "form": sent.get(f"d{action.pk}") or PlanActionDoneForm(prefix=f"d{action.pk}"),
            }
            for action in goal.actions.all()
        ]
        rows.append(
            {
                "goal": goal,
                "domain": domains.get(goal.domain),
                "actions": actions,
                "close_form": sent.get(f"g{goal.pk}") or GoalCloseForm(prefix=f"g{goal.pk}"),
                "action_form": sent.get(f"a{goal.pk}") or PlanActionForm(prefix=f"a{goal.pk}"),
            }
        )
    return rows


def _track_groups(case: CareCase, forms: dict) -> list[dict]:
    """The legal track and income and insurance, each procedure with its step form (a form sent
    back with errors in its place)."""
    sent = {form.prefix: form for form in forms.values() if form is not None and form.prefix}
    groups = selectors.track_rows(case)
    titles = {"juridisch": _("Juridisch spoor"), "inkomen": _("Inkomen en verzekering")}
    return [
        {
            "code": code,
            "title": titles[code],
            "rows": [
                {
                    "row": row,
                    "form": sent.get(f"s{row.track.pk}")
                    or (TrackStepForm(prefix=f"s{row.track.pk}", steps=row.steps) if row.steps else None),
                }
                for row in rows
            ],
        }
        for code, rows in groups.items()
    ]


def _comensha_form(case: CareCase) -> ComenshaForm:
    registration = getattr(case, "comensha_registration", None)
    if registration is None:
        return ComenshaForm()
    fields = ComenshaForm.base_fields
    return ComenshaForm(initial={name: getattr(registration, name) for name in fields})


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
        if data["target"] == CarePhase.CLOSED and selectors.closure_needs_approval(case):
            services.care_closure_propose(
                actor=request.user, case=case, closure_reason=data["closure_reason"], reason=data["reason"]
            )
            messages.success(request, _("Het voorstel om af te sluiten wacht op een tweede zorgcoördinator."))
            return
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
def closure_decide(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    closure = CareClosureRequest.objects.filter(case=case, pk=request_pk).first()
    if closure is None:
        raise Http404
    form = ClosureDecisionForm(request.POST, proposer=closure.requested_by_id == request.user.pk)

    def perform(case, data):
        decision = data["decision"]
        if decision == ClosureDecisionForm.WITHDRAW:
            services.care_closure_withdraw(actor=request.user, case=case, request=closure)
            messages.success(request, _("Het voorstel om af te sluiten is ingetrokken."))
            return
        approve = decision == ClosureDecisionForm.APPROVE
        services.care_closure_decide(
            actor=request.user, case=case, request=closure, approve=approve, reason=data["reason"]
        )
        messages.success(request, _("Het traject is afgesloten.") if approve else _("Het voorstel is afgewezen."))

    return _action(request, pk, form, "closure_form", perform)


@require_http_methods(["GET", "POST"])
def region_settings(request: HttpRequest) -> HttpResponse:
    """A regional zorgcoördinator records what the region agreed; nobody else has this page."""
    if not selectors.may_set_region(user=request.user):
        raise Http404
    setting = selectors.region_setting(user=request.user)
    initial = {"closure_needs_approval": setting.closure_needs_approval if setting else True}
    form = RegionSettingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.care_region_setting_set(
            actor=request.user, closure_needs_approval=form.cleaned_data["closure_needs_approval"]
        )
        messages.success(request, _("De instelling van de regio is opgeslagen."))
        return redirect("care:region_settings")
    return render(request, "care/region_settings.html", {"form": form, "setting": setting})


@require_POST
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(case, data):
        services.care_name_reveal(actor=request.user, case=case, reason=data["reason"])

    response = _action(request, pk, RevealForm(request.POST), "reveal_form", perform)
    if response.status_code == 302 and request.POST.get("then") == "persoon":
        return redirect("care:person", pk=pk)
    return response


@require_http_methods(["GET", "POST"])
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """Who the person is. The form (and the identity in it) only after the name was revealed."""
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    revealed = selectors.name_revealed(user=request.user, case=case)
    if request.method == "GET":
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=case, reason=_("persoonsgegevens"))
    if not revealed:
        if request.method == "POST":
            raise Http404
        context = {"case": case, "revealed": False, "reveal_form": RevealForm()}
        return render(request, "care/person.html", context)
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            try:
                services.care_person_update(actor=request.user, case=case, values=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De persoonsgegevens zijn opgeslagen."))
                return redirect("care:case", pk=case.pk)
    else:
        form = PersonForm(initial={name: getattr(case, name) for name in services.PERSON_FIELDS})
    context = {"case": case, "revealed": True, "form": form}
    return render(request, "care/person.html", context, status=400 if form.errors else 200)


@require_POST
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(case, data):
        services.plan_goal_add(actor=request.user, case=case, **data)
        messages.success(request, _("Het doel staat in het plan."))

    return _action(request, pk, GoalForm(request.POST), "goal_form", perform)


def _goal(request: HttpRequest, pk: int, goal_pk: int) -> CarePlanGoal:
    _require_care(request)
    goal = CarePlanGoal.objects.filter(case=selectors.case_for(user=request.user, pk=pk), pk=goal_pk).first()
    if goal is None:
        raise Http404
    return goal


def _plan_action(request: HttpRequest, pk: int, action_pk: int) -> CarePlanAction:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    action = CarePlanAction.objects.filter(goal__case=case, pk=action_pk).first()
    if action is None:
        raise Http404
    return action


@require_POST
def goal_close(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    goal = _goal(request, pk, goal_pk)

    def perform(case, data):
        services.plan_goal_close(actor=request.user, case=case, goal=goal, **data)
        messages.success(request, _("Het doel is afgerond."))

    return _action(request, pk, GoalCloseForm(request.POST, prefix=f"g{goal.pk}"), "goal_close_form", perform)


@require_POST
def plan_action_add(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    goal = _goal(request, pk, goal_pk)

    def perform(case, data):
        services.plan_action_add(actor=request.user, case=case, goal=goal, **data)
        messages.success(request, _("De afspraak staat in het plan."))

    return _action(request, pk, PlanActionForm(request.POST, prefix=f"a{goal.pk}"), "plan_action_form", perform)


@require_POST
def plan_action_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = _plan_action(request, pk, action_pk)

    def perform(case, data):
        services.plan_action_done(actor=request.user, case=case, action=action, **data)
        messages.success(request, _("De afspraak is gedaan."))

    form = PlanActionDoneForm(request.POST, prefix=f"d{action.pk}")
    return _action(request, pk, form, "plan_action_done_form", perform)


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
def methods(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(case, data):
        services.care_methods_set(actor=request.user, case=case, **data)
        messages.success(request, _("De middelen van controle en manieren van werven zijn opgeslagen."))

    return _action(request, pk, MethodsForm(request.POST, prefix="methoden"), "methods_form", perform)


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


@require_POST
def track_add(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(case, data):
        services.track_start(actor=request.user, case=case, **data)
        messages.success(request, _("Het spoor staat op het traject; de termijnen staan op de tijdlijn."))

    return _action(request, pk, TrackForm(request.POST), "track_form", perform)


@require_POST
def track_step(request: HttpRequest, pk: int, track_pk: int) -> HttpResponse:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    track = next((row for row in case.tracks.all() if row.pk == track_pk), None)
    if track is None:
        raise Http404
    steps = next(row.steps for rows in selectors.track_rows(case).values() for row in rows if row.track.pk == track.pk)
    form = TrackStepForm(request.POST, prefix=f"s{track.pk}", steps=steps)

    def perform(case, data):
        services.track_step(actor=request.user, case=case, track=track, **data)
        messages.success(request, _("De stap is vastgelegd."))

    return _action(request, pk, form, "track_step_form", perform)


@require_POST
def referral_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReferralForm(request.POST, partners=handover_partners(user=request.user))

    def perform(case, data):
        services.referral_create(actor=request.user, case=case, **data)
        messages.success(request, _("De verwijzing is vastgelegd."))

    return _action(request, pk, form, "referral_form", perform)


@require_POST
def referral_update(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    referral = CareReferral.objects.filter(case=case, pk=referral_pk).first()
    if referral is None:
        raise Http404
    form = ReferralUpdateForm(request.POST, prefix=f"v{referral.pk}")

    def perform(case, data):
        services.referral_update(actor=request.user, case=case, referral=referral, **data)
        messages.success(request, _("De verwijzing is bijgewerkt."))

    return _action(request, pk, form, "referral_update_form", perform)


@require_POST
def shelter_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = ShelterForm(request.POST, partners=handover_partners(user=request.user))

    def perform(case, data):
        services.shelter_place(actor=request.user, case=case, **data)
        messages.success(request, _("De opvang is vastgelegd."))

    return _action(request, pk, form, "placement_form", perform)


@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(case, data):
        services.contact_record(actor=request.user, case=case, **data)
        messages.success(request, _("Het contact is vastgelegd."))

    return _action(request, pk, ContactForm(request.POST), "contact_form", perform)


@require_POST
def shelter_end(request: HttpRequest, pk: int, placement_pk: int) -> HttpResponse:
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    placement = ShelterPlacement.objects.filter(case=case, pk=placement_pk).first()
    if placement is None:
        raise Http404
    form = ShelterEndForm(request.POST, prefix=f"o{placement.pk}")

    def perform(case, data):
        services.shelter_end(actor=request.user, case=case, placement=placement, **data)
        messages.success(request, _("De opvang is beëindigd."))

    return _action(request, pk, form, "placement_end_form", perform)


@require_GET
def shelter_costs(request: HttpRequest) -> HttpResponse:
    """Days and costs of shelter per payer in a period (default: this year up to today)."""
    _require_care(request)
    today = timezone.localdate()
    form = ShelterCostsForm(request.GET or None)
    start, end = dt.date(today.year, 1, 1), today
    if form.is_valid():
        start = form.cleaned_data["van"] or start
        end = form.cleaned_data["tot"] or end
    totals = selectors.shelter_costs(user=request.user, start=start, end=end, today=today)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=ShelterPlacement._meta.label_lower,
        reason=f"opvangkosten {start.isoformat()} – {end.isoformat()}",
    )
    context = {
        "form": form if form.is_bound else ShelterCostsForm(initial={"van": start, "tot": end}),
        "start": start,
        "end": end,
        "totals": totals,
        "sum_days": sum(row.days for row in totals),
        "sum_amount": sum((row.amount for row in totals), Decimal(0)),
    }
    return render(request, "care/shelter_costs.html", context, status=400 if form.errors else 200)


@require_POST
def comensha(request: HttpRequest, pk: int) -> HttpResponse:
    form = ComenshaForm(request.POST)

    def perform(case, data):
        services.comensha_register(actor=request.user, case=case, **data)
        messages.success(request, _("De CoMensha-registratie is vastgelegd."))

    return _action(request, pk, form, "comensha_form", perform)


@require_GET
def comensha_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Exactly the fields of CoMensha's form, as CSV or PDF; logged as an export."""
    _require_care(request)
    if fmt not in ("csv", "pdf"):
        raise Http404
    case = selectors.case_for(user=request.user, pk=pk)
    registration = getattr(case, "comensha_registration", None)
    if registration is None:
        raise Http404
    fields = selectors.comensha_fields(case, registration)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([label for label, _value in fields])
        writer.writerow([csv_safe(value) for _label, value in fields])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        pdf = render_pdf("care/comensha_pdf.html", {"case": case, "fields": fields}, organisation=case.organisation)
        response = HttpResponse(pdf, content_type="application/pdf")
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=registration,
        organisation=case.organisation,
        reason=f"CoMensha-registratie {case.reference} ({fmt})",
    )
    response["Content-Disposition"] = f'attachment; filename="comensha-{case.reference}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    """A trajectory summary for a warm hand-over: the user chooses what goes in (never the
    shelter address), names who it is for, and downloads a PDF; logged as an export. A GET form:
    it changes nothing but the log, like the other downloads."""
    _require_care(request)
    case = selectors.case_for(user=request.user, pk=pk)
    revealed = selectors.name_revealed(user=request.user, case=case)
    form = SummaryForm(request.GET if "sections" in request.GET or "recipient" in request.GET else None)
    if form.is_bound and form.is_valid():
        sections = form.cleaned_data["sections"]
        if "identiteit" in sections and not revealed:
            form.add_error("sections", _("Toon eerst de naam, met een reden, om naam en identiteit op te nemen."))
        else:
            recipient = form.cleaned_data["recipient"].strip()
            context = {"case": case, "sections": sections, "recipient": recipient}
            context |= selectors.summary_context(case, sections=sections)
            pdf = render_pdf("care/summary_pdf.html", context, organisation=case.organisation)
            audit_record(
                actor=request.user,
                action=AuditAction.EXPORT,
                obj=case,
                reason=f"samenvatting voor {recipient}: {', '.join(sections)}",
            )
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="samenvatting-{case.reference}.pdf"'
            response["Cache-Control"] = "private, no-store"
            return response
    context = {"case": case, "form": form, "revealed": revealed}
    return render(request, "care/summary.html", context, status=400 if form.errors else 200)


@require_GET
def providers(request: HttpRequest) -> HttpResponse:
    """The region's shelter and care providers, with the number that answers at night."""
    _require_care(request)
    form, rows = selectors.providers_for(user=request.user, params=request.GET)
    page = Paginator(rows, PAGE_SIZE).get_page(page_number(request.GET))
    labels = {code: entry.label for code, entry in catalogue().shelter_types.items()}
    payers = {code: entry.label for code, entry in catalogue().payers.items()}
    rows = [
        {
            "provider": provider,
            "types": [labels.get(code, code) for code in provider.shelter_types],
            "payer": payers.get(provider.payer, ""),
        }
        for provider in page
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": valid_query(form),
        "may_keep": selectors.may_keep_providers(user=request.user),
    }
    return render(request, "care/providers.html", context)


@require_http_methods(["GET", "POST"])
def provider_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not selectors.may_keep_providers(user=request.user):
        raise Http404
    provider = selectors.provider_for(user=request.user, pk=pk, action="change") if pk else None
    if request.method == "POST":
        form = ProviderForm(request.POST)
        if form.is_valid():
            try:
                services.provider_save(actor=request.user, provider=provider, values=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De aanbieder is opgeslagen."))
                return redirect("care:providers")
    else:
        initial = {name: getattr(provider, name) for name in services.PROVIDER_FIELDS} if provider else None
        form = ProviderForm(initial=initial)
    context = {"form": form, "provider": provider}
    return render(request, "care/provider_form.html", context, status=400 if form.errors else 200)


def csv_safe(value: str) -> str:
    """No formula injection when the CSV is opened in a spreadsheet."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
