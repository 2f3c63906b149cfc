"""The access policy of the reporting app's one table: the annual report (jaarrapportage).

Its versions are the beleidsmaker's of the municipality (reporting.view_statistics on an account
of a municipality): they see, request and download those of their own municipality. Everyone
else, a regional account included, sees none and gets 404. A report holds only the figures the
beleidsmaker's dashboards show (suppressed below the threshold), the state of the approach and
the narrative."""

from django.db.models import QuerySet

from baken.core.access import AccessPolicy, register
from baken.reporting.access import may_view_policy_overview
from baken.reporting.models import AnnualReport


@register
class AnnualReportPolicy(AccessPolicy):
    model = AnnualReport
    actions = ("view", "change")

    def scope(self, user) -> QuerySet:
        if not may_view_policy_overview(user):
            return AnnualReport.objects.none()
        return AnnualReport.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return may_view_policy_overview(user)
