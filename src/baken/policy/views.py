"""Beleid & regie: the Kader self-assessment, its adoption and comparison, the action plan, and
the regional overview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from baken.core.access import policy_for
from baken.core.form_errors import add_service_errors
from baken.core.forms import page_number
from baken.core.models import AuditAction
from baken.core.pdf import render_pdf
from baken.core.services import audit_record, list_view_reason
from baken.policy import selectors, services
from baken.policy.catalogue.loader import kader
from baken.policy.evidence import evidence_for
from baken.policy.forms import (
    ActionEditForm,
    ActionForm,
    AdoptForm,
    AssessmentForm,
    CompareForm,
    GoalForm,
    ItemForm,
    LocalBlockForm,
    PlanForm,
    ProgressForm,
    RiskIntelligenceForm,
    RiskPictureForm,
    RiskRowForm,
    WithdrawBlockForm,
)
from baken.policy.models import ActionPlan, KaderAssessment, LocalKaderBlock, PlanAction, RiskPicture

PAGE_SIZE = 20


def _require(request: HttpRequest, action: str = "view", model=KaderAssessment) -> None:
    """404 unless the user may do `action` on some row of `model` (a regional beleidsmaker keeps
    the region's own self-assessment, but no action plan or risk picture)."""
    if not policy_for(model).user_may(request.user, action):
        raise Http404


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    _require(request)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=KaderAssessment._meta.label_lower,
        reason=list_view_reason(_("beleid")),
    )
    context = {
        "assessments": Paginator(selectors.municipal_assessments(user=request.user), PAGE_SIZE).get_page(
            page_number(request.GET)
        ),
        "region_assessments": selectors.region_assessments(user=request.user)[:PAGE_SIZE],
        "plans": selectors.plans(user=request.user)[:PAGE_SIZE],
        "may_change": policy_for(KaderAssessment).user_may(request.user, "change"),
        "may_change_plans": policy_for(ActionPlan).user_may(request.user, "change"),
        "regional": None if request.user.organisation_id else selectors.regional_overview(user=request.user),
        "block_statuses": selectors.BLOCK_STATUSES,
        "action_statuses": selectors.ACTION_STATUSES,
    }
    return render(request, "policy/index.html", context)


@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest) -> HttpResponse:
    _require(request, "change")
    form = AssessmentForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(actor=request.user, year=form.cleaned_data["year"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De zelfevaluatie is aangemaakt. Beoordeel per bouwsteen hoe het staat."))
            return redirect("policy:assessment", pk=assessment.pk)
    owner_region = None if request.user.organisation_id else request.user.region
    context = {"form": form, "kader": kader(), "owner_region": owner_region}
    return render(request, "policy/assessment_new.html", context)


def _summary(assessment) -> list[tuple[str, int]]:
    counts = selectors.status_summary(assessment)
    rows = [(label, counts.get(code, 0)) for code, label in selectors.BLOCK_STATUSES]
    return [*rows, (_("Nog niet beoordeeld"), counts.get("open", 0))]


def _assessment_page(request, assessment, adopt_form=None) -> HttpResponse:
    sections = selectors.assessment_sections(assessment)
    own = request.user.organisation_id == assessment.organisation_id
    for section in sections:
        for item in section.items:
            # Baken's own figures are those of the user's municipality: a regional reader sees none.
            item.baken_evidence = (
                evidence_for(user=request.user, block_code=item.block_code, year=assessment.year) if own else []
            )
    context = {
        "assessment": assessment,
        "sections": sections,
        "summary": _summary(assessment),
        "snapshots": selectors.snapshots(assessment),
        "adopt_form": adopt_form or AdoptForm(initial={"adopted_on": timezone.localdate()}),
        "may_change": policy_for(KaderAssessment).allows(request.user, "change", assessment),
        "kader": kader(),
        "block_statuses": selectors.BLOCK_STATUSES,
    }
    status = 400 if adopt_form is not None and adopt_form.errors else 200
    return render(request, "policy/assessment.html", context, status=status)


@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    assessment = selectors.assessment_for(user=request.user, pk=pk)
    audit_record(
        actor=request.user, action=AuditAction.VIEW, obj=assessment, **services.assessment_audit_scope(assessment)
    )
    return _assessment_page(request, assessment)


@require_POST
def assessment_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change")
    assessment = selectors.assessment_for(user=request.user, pk=pk, action="change")
    form = AdoptForm(request.POST)
    if form.is_valid():
        try:
            snapshot = services.assessment_adopt(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Versie %(n)s is vastgesteld en bevroren.") % {"n": snapshot.number})
            return redirect("policy:assessment", pk=assessment.pk)
    return _assessment_page(request, assessment, adopt_form=form)


@require_GET
def assessment_compare(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    assessment = selectors.assessment_for(user=request.user, pk=pk)
    form = CompareForm(request.GET)
    if not form.is_valid():
        raise Http404
    versions = {snapshot.number: snapshot for snapshot in selectors.snapshots(assessment)}
    first_number = form.cleaned_data["van"] or max(versions, default=None)
    second_number = form.cleaned_data["naar"]
    first = versions.get(first_number)
    second = versions.get(second_number) if second_number else None
    if (first_number and first is None) or (second_number and second is None):
        raise Http404
    current = second.content if second else services.snapshot_content(assessment)
    differences = selectors.compare(first.content, current) if first else []
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=assessment,
        **services.assessment_audit_scope(assessment),
        reason="vergelijking",
    )
    context = {
        "assessment": assessment,
        "first": first,
        "second": second,
        "differences": differences,
    }
    return render(request, "policy/compare.html", context)


@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change")
    item = selectors.item_for(user=request.user, pk=pk, action="change")
    initial = {name: getattr(item, name) for name in services.ITEM_FIELDS}
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_item_update(actor=request.user, item=item, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Bouwsteen %(code)s is bijgewerkt.") % {"code": item.block_code})
            return redirect(f"{item_url(item)}")
    context = {
        "item": item,
        "form": form,
        "theme": kader().theme_label(item.theme),
        "plateau": kader().plateau_label(item.plateau),
        "evidence": evidence_for(user=request.user, block_code=item.block_code, year=item.assessment.year)
        if request.user.organisation_id == item.assessment.organisation_id
        else [],
    }
    return render(request, "policy/item_form.html", context)


def item_url(item) -> str:
    from django.urls import reverse

    return reverse("policy:assessment", kwargs={"pk": item.assessment_id}) + f"#bouwsteen-{item.block_code}"


@require_POST
def item_action(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change")
    item = selectors.item_for(user=request.user, pk=pk, action="change")
    try:
        action = services.action_from_item(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(item_url(item))
    messages.success(
        request, _("Actie %(ref)s staat in %(plan)s.") % {"ref": action.reference, "plan": action.plan.title}
    )
    return redirect("policy:action", pk=action.pk)


# --- the action plan ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    _require(request, "change", ActionPlan)
    year = timezone.localdate().year
    form = PlanForm(request.POST or None, initial={"first_year": year, "last_year": year + 2})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het uitvoeringsplan is aangemaakt."))
            return redirect("policy:plan", pk=plan.pk)
    return render(request, "policy/plan_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the plan, or record its adoption by the college or the council."""
    _require(request, "change", ActionPlan)
    plan = selectors.plan_for(user=request.user, pk=pk, action="change")
    form = PlanForm(request.POST or None, initial={name: getattr(plan, name) for name in services.PLAN_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het uitvoeringsplan is opgeslagen."))
            return redirect("policy:plan", pk=plan.pk)
    return render(request, "policy/plan_form.html", {"form": form, "plan": plan}, status=400 if form.errors else 200)


def _plan_context(request, plan) -> dict:
    actions = list(selectors.plan_actions(user=request.user, plan=plan))
    goals = list(selectors.plan_goals(user=request.user, plan=plan))
    return {
        "plan": plan,
        "actions": actions,
        "goals": goals,
        "sections": selectors.plan_sections(goals, actions),
        "counts": selectors.action_status_counts(actions),
        "action_statuses": selectors.ACTION_STATUSES,
        "may_change": policy_for(ActionPlan).allows(request.user, "change", plan),
    }


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, model=ActionPlan)
    plan = selectors.plan_for(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=plan)
    return render(request, "policy/plan.html", _plan_context(request, plan))


@require_GET
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan as a raadsinformatiebrief, in the municipality's huisstijl."""
    _require(request, model=ActionPlan)
    plan = selectors.plan_for(user=request.user, pk=pk)
    context = _plan_context(request, plan) | {"today": timezone.localdate()}
    pdf = render_pdf("policy/plan_pdf.html", context, organisation=plan.organisation)
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=plan, reason="raadsinformatiebrief")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="uitvoeringsplan-{plan.first_year}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change", ActionPlan)
    plan = selectors.plan_for(user=request.user, pk=pk, action="change")
    form = ActionForm(request.POST or None, goals=selectors.plan_goals(user=request.user, plan=plan))
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(actor=request.user, plan=plan, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Actie %(ref)s is toegevoegd.") % {"ref": action.reference})
            return redirect("policy:plan", pk=plan.pk)
    status = 400 if form.errors else 200
    return render(request, "policy/action_form.html", {"form": form, "plan": plan, "action": None}, status=status)


@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int, progress_form=None) -> HttpResponse:
    _require(request, model=ActionPlan)
    action = selectors.action_for(user=request.user, pk=pk)
    may_change = policy_for(PlanAction).allows(request.user, "change", action)
    if request.method == "POST" and not may_change:
        raise Http404
    initial = {name: getattr(action, name) for name in services.ACTION_FIELDS} | {"goal": action.goal_id}
    # A progress note posted to action_progress comes back here with its errors, the edit form unbound.
    editing = request.method == "POST" and progress_form is None
    form = ActionEditForm(
        request.POST if editing else None,
        initial=initial,
        goals=selectors.plan_goals(user=request.user, plan=action.plan),
        status=action.status,
        status_label=action.get_status_display(),
    )
    if editing and form.is_valid():
        data = dict(form.cleaned_data)
        status, reason = data.pop("status"), data.pop("reason")
        try:
            services.action_update(actor=request.user, action=action, values=data, status=status, reason=reason)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Actie %(ref)s is opgeslagen.") % {"ref": action.reference})
            return redirect("policy:plan", pk=action.plan_id)
    elif request.method == "GET":
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=action)
    context = {
        "form": form,
        "plan": action.plan,
        "action": action,
        "may_change": may_change,
        "history": action.status_changes.select_related("actor"),
        "progress_notes": action.progress_notes.select_related("author"),
        "progress_form": progress_form or _progress_form(),
    }
    return render(request, "policy/action_form.html", context, status=400 if progress_form or form.errors else 200)


@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a goal to an action plan, under a Kader theme or a local pillar."""
    _require(request, "change", ActionPlan)
    plan = selectors.plan_for(user=request.user, pk=pk, action="change")
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(actor=request.user, plan=plan, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Doel %(ref)s is toegevoegd.") % {"ref": goal.reference})
            return redirect("policy:plan", pk=plan.pk)
    context = {"form": form, "plan": plan, "goal": None}
    return render(request, "policy/goal_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change", ActionPlan)
    goal = selectors.goal_for(user=request.user, pk=pk, action="change")
    initial = {name: getattr(goal, name) for name in services.GOAL_FIELDS}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(actor=request.user, goal=goal, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Doel %(ref)s is opgeslagen.") % {"ref": goal.reference})
            return redirect("policy:plan", pk=goal.plan_id)
    context = {"form": form, "plan": goal.plan, "goal": goal}
    return render(request, "policy/goal_form.html", context, status=400 if form.errors else 200)


def _progress_form(data=None) -> ProgressForm:
    today = timezone.localdate()
    return ProgressForm(data, initial={"year": today.year, "quarter": (today.month - 1) // 3 + 1})


@require_POST
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a quarterly progress note to an action."""
    _require(request, "change", ActionPlan)
    action = selectors.action_for(user=request.user, pk=pk, action="change")
    form = _progress_form(request.POST)
    if form.is_valid():
        try:
            services.action_progress_add(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De voortgang van %(ref)s is vastgelegd.") % {"ref": action.reference})
            return redirect("policy:action", pk=action.pk)
    return action_edit(request, pk, progress_form=form)


# --- the local risk picture ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def risk_index(request: HttpRequest) -> HttpResponse:
    """The risk pictures per year; a new year's picture is started here."""
    _require(request, model=RiskPicture)
    may_change = policy_for(RiskPicture).user_may(request.user, "change")
    form = RiskPictureForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not may_change:
            raise Http404
        if form.is_valid():
            try:
                picture = services.risk_picture_create(actor=request.user, year=form.cleaned_data["year"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Het risicobeeld is aangemaakt. Beschrijf per vorm van uitbuiting wat er speelt.")
                )
                return redirect("policy:risk", pk=picture.pk)
    else:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            object_type=RiskPicture._meta.label_lower,
            reason=list_view_reason(_("risicobeelden")),
        )
    page = Paginator(selectors.risk_pictures(user=request.user), PAGE_SIZE).get_page(page_number(request.GET))
    context = {"form": form, "page": page, "may_change": may_change, "regional": not request.user.organisation_id}
    return render(request, "policy/risk_index.html", context, status=400 if form.errors else 200)


def _risk_context(request: HttpRequest, picture: RiskPicture) -> dict:
    summary = selectors.risk_summary(user=request.user, picture=picture)
    return {
        "picture": picture,
        "organisation": picture.organisation,
        "rows": summary.rows,
        "level_counts": summary.level_counts,
        "open_count": summary.open_count,
        "may_change": policy_for(RiskPicture).allows(request.user, "change", picture),
    }


@require_GET
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, model=RiskPicture)
    picture = selectors.risk_picture_for(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=picture)
    return render(request, "policy/risk.html", _risk_context(request, picture))


@require_http_methods(["GET", "POST"])
def risk_intelligence(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change", RiskPicture)
    picture = selectors.risk_picture_for(user=request.user, pk=pk, action="change")
    form = RiskIntelligenceForm(request.POST or None, initial={"partner_intelligence": picture.partner_intelligence})
    if request.method == "POST" and form.is_valid():
        services.risk_picture_update(
            actor=request.user, picture=picture, partner_intelligence=form.cleaned_data["partner_intelligence"]
        )
        messages.success(request, _("De informatie van partners is opgeslagen."))
        return redirect("policy:risk", pk=picture.pk)
    return render(request, "policy/risk_intelligence.html", {"form": form, "picture": picture})


@require_http_methods(["GET", "POST"])
def risk_row_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change", RiskPicture)
    row = selectors.risk_row_for(user=request.user, pk=pk, action="change")
    initial = {"sectors": row.sectors, "level": row.level, "rationale": row.rationale, "assessed_on": row.assessed_on}
    form = RiskRowForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_row_update(actor=request.user, row=row, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(form)s is bijgewerkt.") % {"form": row.form.label})
            return redirect(f"{reverse('policy:risk', args=[row.picture_id])}#vorm-{row.form.code}")
    return render(request, "policy/risk_row.html", {"form": form, "row": row}, status=400 if form.errors else 200)


# --- the municipality's own version of the Kader catalogue ---------------------------------------


def _require_catalogue(request: HttpRequest, action: str = "view") -> None:
    if not policy_for(LocalKaderBlock).user_may(request.user, action):
        raise Http404


@require_GET
def kader_catalogue(request: HttpRequest) -> HttpResponse:
    """The Kader's blocks as the municipality assesses itself: national text, local text, own blocks."""
    _require_catalogue(request)
    context = {
        "sections": selectors.local_catalogue(user=request.user),
        "kader": kader(),
        "may_change": policy_for(LocalKaderBlock).user_may(request.user, "change"),
    }
    return render(request, "policy/kader_catalogue.html", context)


@require_http_methods(["GET", "POST"])
def local_block_new(request: HttpRequest) -> HttpResponse:
    """Adjust a national block's text (?bouwsteen=<code>), or add a block of the municipality's own."""
    _require_catalogue(request, "change")
    code = request.GET.get("bouwsteen") or None
    national = kader().block(code) if code else None
    if code and national is None:
        raise Http404
    initial = {"label": national.label if national else "", "base_revision": 0}
    form = LocalBlockForm(request.POST or None, own=national is None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            block = services.local_block_create(actor=request.user, code=code, values=values, note=values["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Bouwsteen %(code)s is opgeslagen als versie 1.") % {"code": block.code})
            return redirect("policy:kader_catalogue")
    context = {"form": form, "national": national}
    return render(request, "policy/local_block_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def local_block_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A local block with its versions; the beheerder saves a new version."""
    _require_catalogue(request, "change")
    block = selectors.local_block_for(user=request.user, pk=pk, action="change")
    national = None if block.is_own else kader().block(block.code)
    initial = {"label": block.label, "theme": block.theme, "plateau": block.plateau, "base_revision": block.revision}
    form = LocalBlockForm(request.POST or None, own=block.is_own, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            services.local_block_update(
                actor=request.user,
                block=block,
                values=values,
                base_revision=values["base_revision"],
                note=values["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Bouwsteen %(code)s is opgeslagen.") % {"code": block.code})
            return redirect("policy:kader_catalogue")
    context = {
        "form": form,
        # Not "block": Django's {% block %} tags put their own "block" into the context.
        "local_block": block,
        "national": national,
        "withdraw_form": WithdrawBlockForm(initial={"base_revision": block.revision}),
        "revisions": selectors.local_block_revisions(user=request.user, block=block),
    }
    return render(request, "policy/local_block_form.html", context, status=400 if form.errors else 200)


@require_POST
def local_block_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    _require_catalogue(request, "change")
    block = selectors.local_block_for(user=request.user, pk=pk, action="change")
    form = WithdrawBlockForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.local_block_withdraw(
            actor=request.user,
            block=block,
            base_revision=form.cleaned_data["base_revision"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("policy:local_block", pk=block.pk)
    messages.success(request, _("Bouwsteen %(code)s is ingetrokken.") % {"code": block.code})
    return redirect("policy:kader_catalogue")
