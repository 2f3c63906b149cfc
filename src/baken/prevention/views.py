"""Preventie: the list of activities, recording one and moving it through its lifecycle, and the
calendar per school year."""

from django import forms
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
from baken.core.forms import page_number, valid_query
from baken.core.models import AuditAction
from baken.core.services import audit_record, list_view_reason
from baken.partners.selectors import active_partners
from baken.prevention import selectors, services
from baken.prevention.catalogue.loader import catalogue
from baken.prevention.forms import (
    ActivityFilterForm,
    ActivityForm,
    MaterialFilterForm,
    MaterialForm,
    StaffCountForm,
    TrainingForm,
    TransitionForm,
    activity_initial,
    material_initial,
)
from baken.prevention.models import PreventionActivity, PreventionMaterial, Training, school_year_of
from baken.prevention.workflow import ACTIVITY_WORKFLOW

PAGE_SIZE = 25


def _require_prevention(request: HttpRequest) -> None:
    if not policy_for(PreventionActivity).user_may(request.user, "change"):
        raise Http404


@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    _require_prevention(request)
    form = ActivityFilterForm(request.GET, years=selectors.school_years(user=request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.activities(user=request.user, status=data.get("status") or "", school_year=data.get("schooljaar"))
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=PreventionActivity._meta.label_lower,
        reason=list_view_reason(_("preventieactiviteiten"), form),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number(request.GET))
    context = {
        "form": form,
        "page": page,
        "query": valid_query(form),
        "counts": selectors.status_counts(user=request.user),
        "lists": catalogue(),
    }
    return render(request, "prevention/activity_list.html", context)


@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest) -> HttpResponse:
    _require_prevention(request)
    form = ActivityForm(
        request.POST or None,
        partners=active_partners(user=request.user),
        materials=selectors.materials(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De activiteit is gepland."))
            return redirect("prevention:activity", pk=activity.pk)
    return render(request, "prevention/activity_form.html", {"form": form, "activity": None})


@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_prevention(request)
    activity = selectors.activity_for(user=request.user, pk=pk, action="change")
    form = ActivityForm(
        request.POST or None,
        partners=active_partners(user=request.user),
        materials=selectors.materials(user=request.user),
        initial=activity_initial(activity),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De activiteit is opgeslagen."))
            return redirect("prevention:activity", pk=activity.pk)
    return render(request, "prevention/activity_form.html", {"form": form, "activity": activity})


def _detail(request: HttpRequest, activity, transition_form=None) -> HttpResponse:
    lists = catalogue()
    context = {
        "activity": activity,
        "activity_type": lists.label("activity_types", activity.activity_type),
        "target_groups": [lists.label("target_groups", code) for code in activity.target_groups],
        "languages": [lists.label("languages", code) for code in activity.languages],
        "kader_theme": lists.label("kader_themes", activity.kader_theme) if activity.kader_theme else "",
        "transition_form": transition_form or TransitionForm(status=activity.status),
        "is_open": ACTIVITY_WORKFLOW.is_open(activity.status),
        "has_steps": bool(ACTIVITY_WORKFLOW.user_transitions_from(activity.status)),
    }
    status = 400 if transition_form is not None and transition_form.errors else 200
    return render(request, "prevention/activity.html", context, status=status)


@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_prevention(request)
    activity = selectors.activity_for(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=activity)
    return _detail(request, activity)


@require_POST
def activity_transition(request: HttpRequest, pk: int) -> HttpResponse:
    _require_prevention(request)
    activity = selectors.activity_for(user=request.user, pk=pk, action="change")
    form = TransitionForm(request.POST, status=activity.status)
    if form.is_valid():
        try:
            services.activity_transition(actor=request.user, activity=activity, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De status is bijgewerkt."))
            return redirect("prevention:activity", pk=activity.pk)
    return _detail(request, activity, transition_form=form)


class CalendarForm(forms.Form):
    schooljaar = forms.IntegerField(min_value=2000, max_value=2100, required=False)


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    _require_prevention(request)
    form = CalendarForm(request.GET)
    current = school_year_of(timezone.localdate())
    year = (form.cleaned_data["schooljaar"] if form.is_valid() else None) or current
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=PreventionActivity._meta.label_lower,
        reason=list_view_reason(_("preventiekalender"), form),
    )
    lists = catalogue()
    reach = [
        (lists.label("target_groups", code), count, people)
        for code, count, people in selectors.reach_by_target_group(user=request.user, school_year=year)
    ]
    context = {
        "year": year,
        "months": selectors.calendar(user=request.user, school_year=year),
        "reach": reach,
        "previous": year - 1,
        "next": year + 1,
        "lists": lists,
    }
    return render(request, "prevention/calendar.html", context)


# --- signalling capacity ---------------------------------------------------------------------


@require_GET
def capacity(request: HttpRequest) -> HttpResponse:
    _require_prevention(request)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=Training._meta.label_lower,
        reason=_("signalerend vermogen"),
    )
    today = timezone.localdate()
    page = Paginator(selectors.trainings(user=request.user), PAGE_SIZE).get_page(page_number(request.GET))
    context = {
        "departments": selectors.capacity_by_department(user=request.user, today=today),
        "summary": selectors.capacity_summary(user=request.user, today=today),
        "page": page,
        "lists": catalogue(),
        "window": selectors.REFRESHER_WINDOW_DAYS,
    }
    return render(request, "prevention/capacity.html", context)


@require_http_methods(["GET", "POST"])
def training_new(request: HttpRequest) -> HttpResponse:
    _require_prevention(request)
    form = TrainingForm(request.POST or None, partners=active_partners(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.training_create(actor=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De training is vastgelegd."))
            return redirect("prevention:capacity")
    return render(request, "prevention/training_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def staff_counts(request: HttpRequest) -> HttpResponse:
    _require_prevention(request)
    form = StaffCountForm(request.POST or None, initial=selectors.staff_counts(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_counts_set(actor=request.user, counts=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De aantallen medewerkers zijn opgeslagen."))
            return redirect("prevention:capacity")
    return render(request, "prevention/staff_form.html", {"form": form})


# --- the materials library -------------------------------------------------------------------


@require_GET
def material_list(request: HttpRequest) -> HttpResponse:
    _require_prevention(request)
    form = MaterialFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.materials(
        user=request.user,
        audience=data.get("doelgroep") or "",
        language=data.get("taal") or "",
        form=data.get("vorm") or "",
    )
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type=PreventionMaterial._meta.label_lower,
        reason=list_view_reason(_("preventiematerialen"), form),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number(request.GET))
    context = {
        "form": form,
        "page": page,
        "query": valid_query(form),
        "total": selectors.material_count(user=request.user),
        "lists": catalogue(),
    }
    return render(request, "prevention/material_list.html", context)


def _material_form_page(request: HttpRequest, form, material=None) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "prevention/material_form.html", {"form": form, "material": material}, status=status)


@require_http_methods(["GET", "POST"])
def material_new(request: HttpRequest) -> HttpResponse:
    _require_prevention(request)
    form = MaterialForm(request.POST or None, partners=active_partners(user=request.user), initial={"base_revision": 0})
    if request.method == "POST" and form.is_valid():
        try:
            material = services.material_create(
                actor=request.user, values=form.values(), note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het materiaal is toegevoegd aan de bibliotheek."))
            return redirect("prevention:material", pk=material.pk)
    return _material_form_page(request, form)


@require_http_methods(["GET", "POST"])
def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_prevention(request)
    material = selectors.material_for(user=request.user, pk=pk, action="change")
    form = MaterialForm(
        request.POST or None, partners=active_partners(user=request.user), initial=material_initial(material)
    )
    if request.method == "POST" and form.is_valid():
        try:
            material = services.material_update(
                actor=request.user,
                material=material,
                values=form.values(),
                base_revision=form.cleaned_data["base_revision"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Het materiaal is opgeslagen als versie %(number)s.") % {"number": material.revision}
            )
            return redirect("prevention:material", pk=material.pk)
    return _material_form_page(request, form, material)


@require_GET
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_prevention(request)
    material = selectors.material_for(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=material)
    lists = catalogue()
    context = {
        "material": material,
        "audiences": [lists.label("target_groups", code) for code in material.audiences],
        "languages": [lists.label("languages", code) for code in material.languages],
        "form_label": lists.label("material_forms", material.form),
        "evidence_level": lists.label("evidence_levels", material.evidence_level),
        "evidence_to_verify": lists.to_verify("evidence_levels", material.evidence_level),
        "versions": selectors.material_versions(user=request.user, material=material),
        "activities": selectors.activities(user=request.user).filter(material=material)[:PAGE_SIZE],
    }
    return render(request, "prevention/material.html", context)
