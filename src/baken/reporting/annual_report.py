"""The annual report (jaarrapportage) of a municipality as a PDF in its huisstijl: the year's
figures beside the year before, as the beleidsmaker's dashboards show them (suppressed below the
threshold: overview.py, never around suppression.py), the VNG Kader's status and the action
plan's progress, and the beleidsmaker's narrative. Made by a background task (tasks.py) with its
progress written on the version, so that the page can show it."""

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from baken.core.pdf import render_pdf
from baken.reporting.access import may_view_policy_overview
from baken.reporting.figures import Period
from baken.reporting.models import AnnualReport, ReportStatus
from baken.reporting.overview import policy_overview

logger = logging.getLogger(__name__)

TEMPLATE = "reporting/annual_report_pdf.html"


class GenerationRefused(Exception):
    """The report cannot be made; the message says why, in Dutch, to the beleidsmaker."""


def report_period(year: int, today: dt.date) -> Period:
    """The calendar year, or for the current year the part of it up to today."""
    return Period(dt.date(year, 1, 1), min(dt.date(year, 12, 31), today))


def report_context(report: AnnualReport, today: dt.date) -> dict:
    """What the PDF shows, computed as the beleidsmaker who asked for it: never more than their
    dashboards show them today."""
    user = report.created_by
    if not (user.is_active and may_view_policy_overview(user) and user.organisation_id == report.organisation_id):
        raise GenerationRefused(_("Wie de rapportage aanvroeg, mag de cijfers van deze gemeente niet meer zien."))
    period = report_period(report.year, today)
    overview = policy_overview(user, period, period.end, kader_year=report.year, sections=True)
    return {
        "report": report,
        "period": period,
        "previous": period.year_earlier(),
        "overview": overview,
        "sections": [
            (_("Meldingen"), _("Doorlooptijden"), overview.speeds[0], overview.signals),
            (_("Zorg"), _("Tijd tot opvang"), overview.speeds[1], overview.care),
            (_("Handhaving"), _("Termijnen"), overview.speeds[2], overview.enforcement),
        ],
        "threshold": overview.signals[0].table.threshold,
        "has_kader": any(table.key == "kader" for table in overview.tables),
        "produced_at": timezone.now(),
    }


def _mark(report: AnnualReport, **fields) -> None:
    AnnualReport.objects.filter(pk=report.pk).update(**fields)


def generate(report_id: int) -> str:
    """Make the PDF of a queued version; a version that was started already is left alone.
    Returns the version's status at the end."""
    report = AnnualReport.objects.select_related("organisation", "created_by").defer("pdf").get(pk=report_id)
    with translation.override(settings.LANGUAGE_CODE):
        # Taken from the queue in one statement, so that a second run of the task leaves it alone.
        started = AnnualReport.objects.filter(pk=report.pk, status=ReportStatus.QUEUED).update(
            status=ReportStatus.RUNNING, progress=10, step=_("Cijfers verzamelen")
        )
        if not started:
            return AnnualReport.objects.values_list("status", flat=True).get(pk=report.pk)
        try:
            context = report_context(report, timezone.localdate())
            _mark(report, progress=60, step=_("PDF opmaken"))
            pdf = render_pdf(TEMPLATE, context, organisation=report.organisation)
        except GenerationRefused as refusal:
            return _fail(report, str(refusal))
        except Exception as error:
            logger.exception("Annual report %s failed", report.pk)
            return _fail(
                report,
                _("De rapportage kon niet worden gemaakt (%(kind)s). Vraag haar opnieuw aan.")
                % {"kind": type(error).__name__},
            )
    _mark(report, status=ReportStatus.DONE, progress=100, step="", pdf=pdf, finished_at=timezone.now())
    return ReportStatus.DONE


def _fail(report: AnnualReport, message: str) -> str:
    _mark(report, status=ReportStatus.FAILED, step="", error=message[:300], finished_at=timezone.now())
    return ReportStatus.FAILED
