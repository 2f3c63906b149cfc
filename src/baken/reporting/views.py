import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from baken.care.selectors import (
    care_counts,
    care_figure_labels,
    care_totals_per_organisation,
    organisation_care_counts,
)
from baken.care.selectors import may_manage as may_manage_care
from baken.enforcement.selectors import (
    enforcement_counts,
    enforcement_figure_labels,
    enforcement_figure_rows,
    inspection_totals_per_organisation,
    organisation_enforcement_counts,
)
from baken.reporting.access import (
    care_basis,
    enforcement_basis,
    may_view_figures,
    may_view_policy_overview,
    region_organisations,
    signal_basis,
)
from baken.reporting.care_figures import care_tables, time_to_shelter
from baken.reporting.enforcement_figures import enforcement_tables, rechecks
from baken.reporting.exports import csv_response, xlsx_response
from baken.reporting.figures import Period, lead_times, region_tables, signal_tables
from baken.reporting.forms import PeriodForm
from baken.reporting.overview import policy_overview
from baken.signalling.figures import organisation_signal_counts, signal_counts, signal_totals_per_organisation


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The menu's "Cijfers": a municipality's figures, or a regional account's comparison."""
    if may_view_figures(request.user):
        return redirect("reporting:signals")
    if may_manage_care(user=request.user):
        return redirect("reporting:care")
    if enforcement_figure_rows(user=request.user) is not None:
        return redirect("reporting:enforcement")
    region_organisations(request.user)  # 404 for anyone without figures
    return redirect("reporting:region")


@require_GET
def region(request: HttpRequest) -> HttpResponse:
    """The region's municipalities side by side; every figure suppressed."""
    organisations = list(region_organisations(request.user))
    form, period, previous, _today = _period(request)
    ids = [o.pk for o in organisations]
    tables = region_tables(
        organisations,
        *_both(period, previous, signal_totals_per_organisation, ids),
        period,
        zorg=_both(period, previous, care_totals_per_organisation, ids),
        controles=_both(period, previous, inspection_totals_per_organisation, ids),
    )
    return _page(request, "reporting/region.html", form, period, tables)


@require_GET
def signals(request: HttpRequest) -> HttpResponse:
    """Meldingen in cijfers: the period's signals beside the same period a year earlier."""
    basis = signal_basis(request.user)
    form, period, previous, _today = _period(request)
    if basis.full:
        current, earlier = _both(period, previous, signal_counts, basis.rows)
    else:
        current, earlier = _both(period, previous, organisation_signal_counts, basis.organisation_id)
    tables = signal_tables(current, earlier, period, full=basis.full)
    speed = lead_times(current, earlier, period, full=basis.full, limit=_threshold(tables))
    return _page(request, "reporting/signals.html", form, period, tables, speed=speed, full=basis.full)


@require_GET
def care(request: HttpRequest) -> HttpResponse:
    """Zorg in cijfers: the period's trajectories beside the same period a year earlier."""
    basis = care_basis(request.user)
    form, period, previous, today = _period(request)
    if basis.full:
        current, earlier = _both(period, previous, care_counts, basis.rows, today=today)
    else:
        current, earlier = _both(period, previous, organisation_care_counts, basis.organisation_id)
    tables = care_tables(current, earlier, period, care_figure_labels(), full=basis.full)
    speed = time_to_shelter(current, earlier, period, full=basis.full, limit=_threshold(tables))
    return _page(request, "reporting/care.html", form, period, tables, speed=speed, full=basis.full)


@require_GET
def enforcement(request: HttpRequest) -> HttpResponse:
    """Handhaving in cijfers: the period's inspections and measures beside a year earlier."""
    basis = enforcement_basis(request.user)
    form, period, previous, today = _period(request)
    if basis.full:
        current, earlier = _both(period, previous, enforcement_counts, *basis.rows, today=today)
    else:
        current, earlier = _both(period, previous, organisation_enforcement_counts, basis.organisation_id)
    tables = enforcement_tables(current, earlier, period, enforcement_figure_labels(), full=basis.full)
    speed = rechecks(current, earlier, period, full=basis.full, limit=_threshold(tables))
    return _page(request, "reporting/enforcement.html", form, period, tables, speed=speed, full=basis.full)


@require_GET
def policy(request: HttpRequest) -> HttpResponse:
    """Het overzicht voor beleid: the headline figures of the municipality (suppressed), prevention
    reach per target group and training coverage per department."""
    if not may_view_policy_overview(request.user):
        raise Http404
    form, period, _previous, today = _period(request)
    overview = policy_overview(request.user, period, today)
    return _page(request, "reporting/policy.html", form, period, overview.tables, capacity=overview.capacity)


def _period(request: HttpRequest) -> tuple[PeriodForm, Period, Period, dt.date]:
    """The chosen period (the last twelve months when none or an invalid one is asked for), the
    same period a year earlier, and today."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    period = form.period if form.is_valid() else Period.last_twelve_months(today)
    return form, period, period.year_earlier(), today


def _both(period: Period, previous: Period, count, *args, **kwargs):
    """A selector's counts for the period and for the same period a year earlier."""
    return (
        count(*args, start=period.start, end=period.end, **kwargs),
        count(*args, start=previous.start, end=previous.end, **kwargs),
    )


def _threshold(tables) -> int:
    return tables[0].table.threshold


def _page(request: HttpRequest, template: str, form, period: Period, tables, **context) -> HttpResponse:
    """A figures page, or one of its tables as a download when one is asked for."""
    if download := _download(request, tables, form):
        return download
    context |= {"form": form, "period": period, "tables": tables, "threshold": _threshold(tables)}
    return render(request, template, context)


def _download(request: HttpRequest, tables, form) -> HttpResponse | None:
    """One table of the page as CSV (?csv=key) or XLSX (?xlsx=key), or None when none is asked for."""
    for kind, respond in (("csv", csv_response), ("xlsx", xlsx_response)):
        download = request.GET.get(kind)
        if download is not None:
            table = next((t for t in tables if t.key == download), None)
            if table is None:
                raise Http404
            return respond(request, table, form)
    return None
