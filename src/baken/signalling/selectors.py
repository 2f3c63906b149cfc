"""Reads of Signaleren. Every read goes through the access policies and takes the acting user."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery, prefetch_related_objects

from baken.core.access import policy_for
from baken.signalling.models import (
    Indicator,
    Signal,
    SignalAddition,
    SignalAttachment,
    SignalIndicator,
    SignalStatusChange,
)


@dataclass(frozen=True)
class IndicatorGroupChoices:
    label: str
    code: str
    indicators: list[Indicator]


def intake_indicators(*, user, form_codes: list[str] | None = None) -> list[Indicator]:
    """Active indicators the user may pick, filtered by the chosen forms (none chosen: all)."""
    indicators = (
        policy_for(Indicator)
        .visible(user)
        .filter(active=True)
        .select_related("group")
        .order_by("group__order", "order", "code")
    )
    if form_codes:
        indicators = indicators.filter(forms__code__in=form_codes).distinct()
    return list(indicators)


def group_indicators(indicators: list[Indicator]) -> list[IndicatorGroupChoices]:
    return [
        IndicatorGroupChoices(label=group.label, code=group.code, indicators=list(items))
        for group, items in groupby(indicators, key=lambda indicator: indicator.group)
    ]


def my_signals(*, user) -> QuerySet[Signal]:
    """The reporter's own signals: reference, date, coarse status and the shared message."""
    return (
        policy_for(Signal)
        .visible(user)
        .filter(reporter_id=user.pk)
        .only("id", "reference", "submitted_at", "observed_on", "status", "is_urgent", "reporter_message")
        .order_by("-submitted_at", "-id")
    )


def signal_own(*, user, pk: int) -> Signal:
    """One of the user's own signals (for the confirmation page), or 404."""
    return policy_for(Signal).get_for(user, "view_own", pk=pk)


def signal_detail(*, user, pk: int) -> tuple[Signal, bool]:
    """The signal and whether the user may triage it; for the reporter's own view the related
    rows are loaded too (triage users are sent to the triage page, which loads its own)."""
    policy = policy_for(Signal)
    signal = policy.get_visible(user, pk=pk)
    if policy.allows(user, "triage", signal):
        return signal, True
    prefetch_related_objects(
        [signal],
        "forms",
        Prefetch("indicators", queryset=SignalIndicator.objects.order_by("id")),
        Prefetch("attachments", queryset=SignalAttachment.objects.order_by("id")),
    )
    return signal, False


def signal_attachment(*, user, signal_pk: int, pk: int) -> SignalAttachment:
    return policy_for(SignalAttachment).get_visible(user, pk=pk, signal_id=signal_pk)


def catalogue(*, user) -> QuerySet[Indicator]:
    """The whole catalogue the user can see (national and own local rows), for management."""
    return (
        policy_for(Indicator)
        .visible(user)
        .select_related("group", "organisation", "ilo_indicator")
        .prefetch_related("forms")
        .order_by("group__order", "order", "code")
    )


def local_indicators_set(user) -> bool:
    """Set-up step: the municipality added at least one signal of its own to the catalogue."""
    return policy_for(Indicator).rows_for(user, "change").exists()


def indicator_for_change(*, user, pk: int) -> Indicator:
    return policy_for(Indicator).get_for(user, "change", pk=pk)


def indicator_revisions(*, indicator: Indicator):
    """The versions of an indicator the caller already got through `indicator_for_change`."""
    return indicator.revisions.select_related("changed_by").order_by("-revision")


def my_signal_rows(*, user) -> QuerySet[Signal]:
    """The reporter's own signals for "Mijn meldingen": reference, received date, address or
    business, the status and since when (the last step into the current status)."""
    since = (
        SignalStatusChange.objects.filter(signal=OuterRef("pk"), to_status=OuterRef("status"))
        .order_by("-changed_at", "-id")
        .values("changed_at")[:1]
    )
    return (
        my_signals(user=user)
        .only(
            "id",
            "reference",
            "submitted_at",
            "status",
            "is_urgent",
            "reporter_message",
            "street",
            "house_number",
            "postcode",
            "city",
            "business_name",
            "location_description",
        )
        .annotate(status_since=Subquery(since))
    )


def own_signal_additions(*, signal: Signal) -> QuerySet[SignalAddition]:
    """What the reporter added later to a signal the caller already got through its policy
    (signal_detail); additions are read only with their signal, like triage notes."""
    return signal.additions.order_by("created_at", "id")
