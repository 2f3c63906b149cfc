import csv
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from baken.care.selectors import (
    care_counts,
    care_figure_labels,
    care_totals_per_organisation,
    ctdc_columns,
    ctdc_records,
    organisation_care_counts,
)
from baken.care.selectors import may_manage as may_manage_care
from baken.coordination.figures import handover_counts, organisation_handover_counts
from baken.core.form_errors import add_service_errors
from baken.core.models import AuditAction
from baken.core.pdf import render_pdf
from baken.core.services import audit_record, list_view_reason
from baken.enforcement.selectors import (
    enforcement_counts,
    enforcement_figure_labels,
    enforcement_figure_rows,
    inspection_totals_per_organisation,
    organisation_enforcement_counts,
)
from baken.partners.selectors import handover_partner_types
from baken.policy.selectors import risk_picture_for, risk_summary
from baken.reporting import selectors, services
from baken.reporting.access import (
    care_basis,
    enforcement_basis,
    may_view_figures,
    may_view_policy_overview,
    region_organisations,
    signal_basis,
)
from baken.reporting.care_figures import care_tables, time_to_shelter
from baken.reporting.ctdc import anonymise
from baken.reporting.enforcement_figures import enforcement_tables, rechecks
from baken.reporting.exports import csv_response, xlsx_response
from baken.reporting.figures import (
    Period,
    both_periods,
    handover_tables,
    lead_times,
    region_tables,
    signal_tables,
    week_table,
)
from baken.reporting.forms import AnnualReportForm, PeriodForm
from baken.reporting.overview import policy_overview
from baken.reporting.services import MAX_NARRATIVE, report_years
from baken.reporting.suppression import threshold
from baken.signalling.figures import (
    organisation_signal_counts,
    organisation_signal_lead_times,
    signal_counts,
    signal_lead_times,
    signal_totals_per_organisation,
    signals_per_week,
)


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
    form, period, _today = _period(request)
    ids = [o.pk for o in organisations]
    tables = region_tables(
        organisations,
        *both_periods(period, signal_totals_per_organisation, ids),
        period,
        zorg=both_periods(period, care_totals_per_organisation, ids),
        controles=both_periods(period, inspection_totals_per_organisation, ids),
    )
    return _page(request, "reporting/region.html", form, period, tables)


@require_GET
def signals(request: HttpRequest) -> HttpResponse:
    """Meldingen in cijfers: the period's signals beside the same period a year earlier."""
    basis = signal_basis(request.user)
    form, period, _today = _period(request)
    if basis.full:
        counts = both_periods(period, signal_counts, basis.rows)
        durations = both_periods(period, signal_lead_times, basis.rows)
    else:
        counts = both_periods(period, organisation_signal_counts, basis.organisation_id)
        durations = both_periods(period, organisation_signal_lead_times, basis.organisation_id)
    if basis.full:
        handovers = both_periods(period, handover_counts, basis.rows)
    else:
        handovers = both_periods(period, organisation_handover_counts, basis.organisation_id)
    tables = signal_tables(*counts, period, full=basis.full)
    if basis.full:
        # Per week only in full: weeks nest inside the months, which the suppressed tables share.
        previous = Period(period.start - dt.timedelta(weeks=52), period.end - dt.timedelta(weeks=52))
        weeks = signals_per_week(basis.rows, start=period.start, end=period.end)
        weeks_before = signals_per_week(basis.rows, start=previous.start, end=previous.end)
        tables.insert(1, week_table(weeks, weeks_before, period))
    tables += handover_tables(*handovers, period, handover_partner_types(), full=basis.full)
    speed = lead_times(*durations, period, full=basis.full, limit=_threshold(tables))
    return _page(request, "reporting/signals.html", form, period, tables, speed=speed, full=basis.full)


@require_GET
def care(request: HttpRequest) -> HttpResponse:
    """Zorg in cijfers: the period's trajectories beside the same period a year earlier."""
    basis = care_basis(request.user)
    form, period, today = _period(request)
    if basis.full:
        current, earlier = both_periods(period, care_counts, basis.rows, today=today)
    else:
        current, earlier = both_periods(period, organisation_care_counts, basis.organisation_id)
    tables = care_tables(current, earlier, period, care_figure_labels(), full=basis.full)
    speed = time_to_shelter(current, earlier, period, full=basis.full, limit=_threshold(tables))
    return _page(request, "reporting/care.html", form, period, tables, speed=speed, full=basis.full)


@require_GET
def care_ctdc(request: HttpRequest) -> HttpResponse:
    """The zorgcoördinator's trajectories of the period as an anonymised, k-anonymous dataset in
    the international (CTDC/HTCDS) shape: the page says how many lines were generalised and
    dropped; ?download=csv gives the lines. Both are audited with the period."""
    basis = care_basis(request.user)
    if not basis.full:
        raise Http404  # record-level, even anonymised: only who may see the trajectories
    form, period, _today = _period(request)
    control_columns, recruitment_columns = ctdc_columns()
    export = anonymise(
        ctdc_records(basis.rows, start=period.start, end=period.end),
        k=threshold(),
        control_columns=control_columns,
        recruitment_columns=recruitment_columns,
    )
    filters = form if form.is_bound else None
    if request.GET.get("download") == "csv":
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="reporting.statistics",
            object_id="ctdc",
            reason=list_view_reason(f"ctdc-csv ({export.step}, {len(export.lines)} regels)", filters),
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="baken-ctdc.csv"'
        writer = csv.writer(response)
        writer.writerow(export.header)
        writer.writerows(export.lines)
        return response
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="reporting.statistics",
        object_id="ctdc",
        reason=list_view_reason("ctdc", filters),
    )
    return render(request, "reporting/ctdc.html", {"form": form, "period": period, "export": export})


@require_GET
def enforcement(request: HttpRequest) -> HttpResponse:
    """Handhaving in cijfers: the period's inspections and measures beside a year earlier."""
    basis = enforcement_basis(request.user)
    form, period, today = _period(request)
    if basis.full:
        current, earlier = both_periods(period, enforcement_counts, *basis.rows, today=today)
    else:
        current, earlier = both_periods(period, organisation_enforcement_counts, basis.organisation_id)
    tables = enforcement_tables(current, earlier, period, enforcement_figure_labels(), full=basis.full)
    speed = rechecks(current, earlier, period, full=basis.full, limit=_threshold(tables))
    return _page(request, "reporting/enforcement.html", form, period, tables, speed=speed, full=basis.full)


@require_GET
def policy(request: HttpRequest) -> HttpResponse:
    """Het overzicht voor beleid: the headline figures of the municipality (suppressed), prevention
    reach per target group and training coverage per department."""
    if not may_view_policy_overview(request.user):
        raise Http404
    form, period, today = _period(request)
    overview = policy_overview(request.user, period, today)
    return _page(request, "reporting/policy.html", form, period, overview.tables, capacity=overview.capacity)


def _period(request: HttpRequest) -> tuple[PeriodForm, Period, dt.date]:
    """The chosen period (the last twelve months when none or an invalid one is asked for), and
    today; figures.both_periods counts it beside the same period a year earlier."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    period = form.period if form.is_valid() else Period.last_twelve_months(today)
    return form, period, today


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


@require_GET
def risk_picture_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A local risk picture (policy) for the council, with the signals per wijk of its year
    beside the year before: the policy app reads no signals, so its PDF is made here, with the
    wijk table and map exactly as the signals dashboard shows them to this user (suppressed for
    the beleidsmaker). Without figure rights (a regional account) the PDF has no wijk figures."""
    picture = risk_picture_for(user=request.user, pk=pk)
    summary = risk_summary(user=request.user, picture=picture)
    wijk, full = None, False
    if may_view_figures(request.user) and request.user.organisation_id == picture.organisation_id:
        basis = signal_basis(request.user)
        period = Period(dt.date(picture.year, 1, 1), dt.date(picture.year, 12, 31))
        if basis.full:
            counts = both_periods(period, signal_counts, basis.rows)
        else:
            counts = both_periods(period, organisation_signal_counts, basis.organisation_id)
        wijk = next(t for t in signal_tables(*counts, period, full=basis.full) if t.key == "wijk")
        full = basis.full
    context = {
        "picture": picture,
        "organisation": picture.organisation,
        "summary": summary,
        "wijk": wijk,
        "full": full,
        "today": timezone.localdate(),
    }
    pdf = render_pdf("reporting/risk_picture_pdf.html", context, organisation=picture.organisation)
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=picture, reason="risicobeeld")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="risicobeeld-{picture.year}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def annual_reports(request: HttpRequest) -> HttpResponse:
    """Het jaarverslag: the beleidsmaker asks for a year's report with a narrative; each request
    is a new version, made in the background. The page lists the versions of the chosen year
    (?jaar=) and refreshes itself while one is being made."""
    if not selectors.may_request_annual_report(user=request.user):
        raise Http404
    today = timezone.localdate()
    years = list(report_years(today))
    year = _chosen_year(request.GET.get("jaar"), years)
    form = AnnualReportForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.annual_report_request(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Versie %(version)s van de jaarrapportage %(year)s wordt gemaakt.")
                % {"version": report.version, "year": report.year},
            )
            return redirect(f"{reverse('reporting:annual_reports')}?jaar={report.year}")
    versions = list(selectors.annual_reports(user=request.user, year=year))
    context = {
        "form": form,
        "year": year,
        "years": years,
        "years_with_versions": selectors.annual_report_years(user=request.user),
        "versions": versions,
        "running": any(version.open for version in versions),
        "max_narrative": MAX_NARRATIVE,
    }
    return render(request, "reporting/annual_reports.html", context, status=400 if form.errors else 200)


def _chosen_year(value: str | None, years: list[int]) -> int:
    """The year asked for in ?jaar=, or last year when none or an impossible one is asked for."""
    default = years[1] if len(years) > 1 else years[0]
    if value and value.isascii() and value.isdigit() and len(value) == 4 and int(value) in years:
        return int(value)
    return default


@require_GET
def annual_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One finished version's PDF; logged as an export."""
    report = selectors.finished_annual_report(user=request.user, pk=pk)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=report,
        reason=f"jaarrapportage {report.year}, versie {report.version} (pdf)",
    )
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="jaarrapportage-{report.year}-versie-{report.version}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
