"""Background work of the reporting app, run by the task engine (django-tasks)."""

from django_tasks import task

from baken.reporting.annual_report import generate


@task()
def generate_annual_report(*, report_id: int) -> str:
    """Make the PDF of one version of the annual report; returns its final status."""
    return generate(report_id)
