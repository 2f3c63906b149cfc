"""Writes of the reporting app: requesting a version of the annual report (jaarrapportage)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, Organisation
from baken.core.services import audit_record
from baken.reporting.models import AnnualReport
from baken.reporting.tasks import generate_annual_report

#: The first year an annual report can be about (the VNG Kader's and Baken's records start later).
FIRST_YEAR = 2015
#: Longest narrative (toelichting), in characters.
MAX_NARRATIVE = 10_000


def report_years(today) -> range:
    """The years a report may be asked for: from FIRST_YEAR to this year (so far), newest first."""
    return range(today.year, FIRST_YEAR - 1, -1)


@transaction.atomic(durable=True)
def annual_report_request(*, actor: User, year: int | None, narrative: str) -> AnnualReport:
    """A new version of the municipality's annual report of `year`, with the beleidsmaker's
    narrative: numbered after the versions of that year, made by a background task once this
    transaction is committed."""
    if not policy_for(AnnualReport).user_may(actor, "change"):
        raise NotPermitted
    narrative = (narrative or "").replace("\r\n", "\n").strip()
    errors = {}
    this_year = timezone.localdate().year
    if year is None or not FIRST_YEAR <= year <= this_year:
        bounds = {"first": FIRST_YEAR, "last": this_year}
        errors["year"] = _("Kies een jaar van %(first)s tot en met %(last)s.") % bounds
    if len(narrative) > MAX_NARRATIVE:
        errors["narrative"] = _("De toelichting is %(length)s tekens; het mogen er hoogstens %(max)s zijn.") % {
            "length": len(narrative),
            "max": MAX_NARRATIVE,
        }
    if errors:
        raise ValidationError(errors)
    # One request at a time per municipality, so two versions never get the same number.
    Organisation.objects.select_for_update().filter(pk=actor.organisation_id).exists()
    last = AnnualReport.objects.filter(organisation_id=actor.organisation_id, year=year).aggregate(n=Max("version"))
    report = AnnualReport.objects.create(
        organisation_id=actor.organisation_id,
        year=year,
        version=(last["n"] or 0) + 1,
        narrative=narrative,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=report,
        reason=f"jaarrapportage {year}, versie {report.version}",
    )
    transaction.on_commit(lambda: generate_annual_report.enqueue(report_id=report.pk))
    return report
