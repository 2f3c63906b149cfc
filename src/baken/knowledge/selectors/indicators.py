"""Signals: the indicator catalogue of the intake, one anchor per indicator."""

from functools import cache
from itertools import groupby

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from baken.core.access import is_active_user, policy_for
from baken.knowledge.content import BarrierModel, BarrierStep, barrier_models, signal_list_title
from baken.knowledge.presenters import SignalListGroup, SignalListSummary
from baken.signalling.models import ExploitationForm, Indicator


def indicator_url(indicator: Indicator) -> str:
    return reverse("knowledge:signals", args=[indicator.group.catalogue_list]) + f"#{indicator.code}"


def visible_indicators(user) -> QuerySet[Indicator]:
    if not is_active_user(user):
        raise Http404
    return policy_for(Indicator).visible(user).select_related("group", "ilo_indicator", "om_cluster")


def signal_lists(*, user) -> list[SignalListSummary]:

    rows = (
        visible_indicators(user)
        .values("group__catalogue_list")
        .annotate(count=Count("id"), critical=Count("id", filter=Q(critical=True)), first=Min("group__order"))
        .order_by("first")
    )
    return [
        SignalListSummary(
            code=row["group__catalogue_list"],
            title=signal_list_title(row["group__catalogue_list"]),
            count=row["count"],
            critical=row["critical"],
        )
        for row in rows
    ]


@cache
def barrier_references() -> dict[str, list[tuple[BarrierModel, BarrierStep]]]:
    """Indicator code -> the barrier model steps that name it."""
    references: dict[str, list] = {}
    for model in barrier_models().values():
        for step in model.steps:
            for code in step.signals:
                references.setdefault(code, []).append((model, step))
    return references


def signal_list(*, user, code: str) -> tuple[str, list[SignalListGroup]]:
    """The indicators of one list, grouped as in the intake, each with its explanation."""
    indicators = list(
        visible_indicators(user)
        .filter(group__catalogue_list=code)
        .prefetch_related(Prefetch("forms", queryset=ExploitationForm.objects.order_by("order")))
        .order_by("group__order", "order", "code")
    )
    if not indicators:
        raise Http404
    references = barrier_references()
    for indicator in indicators:
        indicator.barrier_steps = references.get(indicator.code, [])
    groups = [
        SignalListGroup(code=group.code, title=group.label, indicators=list(items))
        for group, items in groupby(indicators, key=lambda indicator: indicator.group)
    ]
    return signal_list_title(code), groups


def signals_for_form(*, user, form_code: str) -> list[SignalListGroup]:
    """Active indicators of one form of exploitation, per list, for the form's page."""
    indicators = (
        visible_indicators(user)
        .filter(forms__code=form_code, active=True)
        .order_by("group__order", "order", "code")
        .distinct()
    )
    return [
        SignalListGroup(code=list_code, title=signal_list_title(list_code), indicators=list(items))
        for list_code, items in groupby(indicators, key=lambda indicator: indicator.group.catalogue_list)
    ]
