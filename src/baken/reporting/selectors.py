"""Reads of the annual report's versions, through their access policy (policies.py)."""

from django.db.models import QuerySet

from baken.core.access import policy_for
from baken.reporting.models import AnnualReport, ReportStatus


def may_request_annual_report(*, user) -> bool:
    return policy_for(AnnualReport).user_may(user, "change")


def annual_reports(*, user, year: int) -> QuerySet[AnnualReport]:
    """The versions of `year` the user may see, newest first, without their PDF."""
    return (
        policy_for(AnnualReport)
        .visible(user)
        .filter(year=year)
        .defer("pdf")
        .select_related("created_by")
        .order_by("-version")
    )


def annual_report_years(*, user) -> list[int]:
    """The years of which the user may see a version, newest first."""
    rows = policy_for(AnnualReport).visible(user).order_by("-year").values_list("year", flat=True).distinct()
    return list(rows)


def finished_annual_report(*, user, pk: int) -> AnnualReport:
    """A version whose PDF is made, or 404 (also for one of another municipality)."""
    return policy_for(AnnualReport).get_visible(user, pk=pk, status=ReportStatus.DONE)
