"""Who sees which figures. Figures are not rows, so there is no access policy of their own: they
are counted over rows that the signal's access policy grants, or over a municipality's rows for a
role that may see only suppressed figures."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from baken.care.selectors import cases_visible
from baken.care.selectors import may_manage as may_manage_care
from baken.core.access import policy_for
from baken.core.models import Organisation
from baken.core.permissions import has_permission
from baken.enforcement.selectors import enforcement_figure_rows
from baken.signalling.models import Signal

STATISTICS_PERMISSION = "reporting.view_statistics"


@dataclass(frozen=True)
class SignalBasis:
    #: The rows the user may triage (counted and shown in full), or None: the municipality's rows,
    #: counted and suppressed.
    rows: QuerySet[Signal] | None
    organisation_id: int

    @property
    def full(self) -> bool:
        return self.rows is not None


@dataclass(frozen=True)
class CareBasis:
    #: The trajectories the zorgcoördinator may see (counted and shown in full), or None: the
    #: municipality's trajectories, counted and suppressed.
    rows: QuerySet | None
    organisation_id: int | None

    @property
    def full(self) -> bool:
        return self.rows is not None


def may_view_figures(user) -> bool:
    return bool(user.organisation_id) and (
        policy_for(Signal).user_may(user, "triage") or has_permission(user, STATISTICS_PERMISSION)
    )


def signal_basis(user) -> SignalBasis:
    """The aandachtsfunctionaris counts the signals they may triage, in full; the beleidsmaker
    the municipality's signals, suppressed; anyone else gets 404."""
    if not may_view_figures(user):
        raise Http404
    if policy_for(Signal).user_may(user, "triage"):
        return SignalBasis(policy_for(Signal).rows_for(user, "triage"), user.organisation_id)
    return SignalBasis(None, user.organisation_id)


def region_organisations(user) -> QuerySet:
    """The municipalities whose figures a regional account compares: those of its region (the
    organisation's access policy), for a regional account with reporting.view_statistics; 404
    for anyone else. Every figure on that page is suppressed: nobody may see another
    municipality's rows."""
    if user.organisation_id or not user.region_id or not has_permission(user, STATISTICS_PERMISSION):
        raise Http404
    return policy_for(Organisation).visible(user).order_by("name")


def care_basis(user) -> CareBasis:
    """The zorgcoördinator (municipal or regional) counts the trajectories they may see, in full;
    anyone else who may see the municipality's figures gets them suppressed; others 404."""
    if may_manage_care(user=user):
        return CareBasis(cases_visible(user=user), user.organisation_id)
    if may_view_figures(user):
        return CareBasis(None, user.organisation_id)
    raise Http404


def may_view_care_figures(user) -> bool:
    return may_manage_care(user=user) or may_view_figures(user)


@dataclass(frozen=True)
class EnforcementBasis:
    #: The inspections, measures and Bibob tests the enforcer may see (counted and shown in full),
    #: or None: the municipality's, counted and suppressed.
    rows: tuple[QuerySet, QuerySet, QuerySet] | None
    organisation_id: int | None

    @property
    def full(self) -> bool:
        return self.rows is not None


def may_view_enforcement_figures(user) -> bool:
    return enforcement_figure_rows(user=user) is not None or may_view_figures(user)


def enforcement_basis(user) -> EnforcementBasis:
    """The toezichthouder and handhavingsjurist count the inspections and measures they may see,
    in full; anyone else who may see the municipality's figures gets them suppressed; others 404."""
    rows = enforcement_figure_rows(user=user)
    if rows is not None:
        return EnforcementBasis(rows, user.organisation_id)
    if may_view_figures(user):
        return EnforcementBasis(None, user.organisation_id)
    raise Http404


def may_view_policy_overview(user) -> bool:
    """The beleidsmaker's overview: reporting.view_statistics in a municipality."""
    return bool(user.organisation_id) and has_permission(user, STATISTICS_PERMISSION)
