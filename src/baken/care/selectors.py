"""Reads of Zorg, through the access policy; each takes the acting user."""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.care.catalogue.loader import DeadlineRule, catalogue
from baken.care.models import CareCase, CareCaseStatusChange, CareNameReveal, CarePhase, CareProcedure
from baken.care.policies import handovers_for
from baken.care.workflow import CARE_WORKFLOW
from baken.coordination.selectors import handover_shared_values
from baken.core.access import policy_for
from baken.partners.models import PartnerType
from baken.partners.selectors import handover_partners

#: How long a revealed name stays visible to the user who revealed it.
REVEAL_MINUTES = 15
#: The start page and the list show deadlines this many days ahead.
UPCOMING_DAYS = 14

LIST_FIELDS = (
    "id",
    "reference",
    "pseudonym",
    "status",
    "registered_on",
    "organisation__name",
    "responsible__username",
    "responsible__first_name",
    "responsible__last_name",
)


def cases_visible(*, user) -> QuerySet[CareCase]:
    return policy_for(CareCase).visible(user)


def may_manage(*, user) -> bool:
    return policy_for(CareCase).user_may(user, "manage")


class CaseListForm(forms.Form):
    """The list's filter, read from the query string."""

    fase = forms.ChoiceField(label=_("Fase"), required=False, choices=[("", _("Alle")), *CarePhase.choices])
    open = forms.BooleanField(label=_("Alleen lopende trajecten"), required=False)


def case_list(*, user, params) -> tuple[CaseListForm, QuerySet[CareCase]]:
    form = CaseListForm(params)
    rows = cases_visible(user=user)
    if form.is_valid():
        if form.cleaned_data["fase"]:
            rows = rows.filter(status=form.cleaned_data["fase"])
        if form.cleaned_data["open"]:
            rows = rows.exclude(status__in=[CarePhase.CLOSED, CarePhase.NOT_TAKEN_ON])
    rows = rows.select_related("organisation", "responsible").only(*LIST_FIELDS).order_by("-registered_on", "-id")
    return form, rows


def phase_counts(*, user) -> list[tuple[str, str, int]]:
    counts = dict(
        cases_visible(user=user).order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return [(phase.value, phase.label, counts.get(phase.value, 0)) for phase in CarePhase]


# --- aanmeldingen: hand-overs of signals to zorgcoördinatie ------------------------------------


def _pending(user) -> QuerySet:
    started = CareCase.objects.filter(handover_id=OuterRef("pk"))
    return handovers_for(user).filter(~Exists(started))


def pending_handovers(*, user) -> QuerySet:
    """Hand-overs that no care case has been started (or declined) from yet."""
    return (
        _pending(user)
        .select_related("organisation", "signal")
        .only("id", "shared_on", "purpose", "legal_ground", "organisation__name", "signal__reference")
        .order_by("shared_on", "id")
    )


def handover_for(*, user, pk: int):
    """A pending hand-over the user receives, or 404."""
    handover = _pending(user).filter(pk=pk).select_related("organisation", "signal", "partner", "created_by").first()
    if handover is None:
        raise Http404
    return handover


def handover_values(handover) -> list[tuple[str, str]]:
    return handover_shared_values(handover)


# --- one case -----------------------------------------------------------------------------------


def case_for(*, user, pk: int) -> CareCase:
    """The case with what its page shows, or 404."""
    case = (
        cases_visible(user=user)
        .filter(pk=pk)
        .select_related("organisation", "responsible", "signal", "created_by")
        .prefetch_related(
            Prefetch("status_changes", queryset=CareCaseStatusChange.objects.select_related("actor")),
            Prefetch("procedures", queryset=CareProcedure.objects.order_by("due_on", "id")),
        )
        .first()
    )
    if case is None:
        raise Http404
    return case


def may_read_shelter_address(*, user, case: CareCase) -> bool:
    return policy_for(CareCase).allows(user, "view_shelter_address", case)


def name_revealed(*, user, case: CareCase, now: dt.datetime | None = None) -> bool:
    """Has this user revealed the name in the last REVEAL_MINUTES (with a reason, audited)?"""
    since = (now or timezone.now()) - dt.timedelta(minutes=REVEAL_MINUTES)
    return CareNameReveal.objects.filter(case=case, actor=user, revealed_at__gte=since).exists()


def user_transitions(case: CareCase) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for transition in CARE_WORKFLOW.user_transitions_from(case.status):
        seen.setdefault(transition.target, str(transition.label))
    return list(seen.items())


@dataclass(frozen=True)
class TimelineItem:
    procedure: CareProcedure
    rule: DeadlineRule | None
    days_left: int
    overdue: bool
    reminder_due: bool

    @property
    def done(self) -> bool:
        return self.procedure.done_on is not None


def timeline(case: CareCase, *, today: dt.date | None = None) -> list[TimelineItem]:
    """Every procedure of the case, running ones first by deadline, then the finished ones."""
    today = today or timezone.localdate()
    rules = catalogue().deadlines
    items = []
    for procedure in case.procedures.all():
        open_ = procedure.done_on is None
        items.append(
            TimelineItem(
                procedure=procedure,
                rule=rules.get(procedure.kind),
                days_left=(procedure.due_on - today).days,
                overdue=open_ and procedure.due_on < today,
                reminder_due=open_ and procedure.remind_on <= today,
            )
        )
    return sorted(items, key=lambda item: (item.done, item.procedure.due_on, item.procedure.pk))


def upcoming_deadlines(*, user, days: int = UPCOMING_DAYS, today: dt.date | None = None, limit: int = 20):
    """Running procedures of the user's visible cases due within `days`, or overdue."""
    today = today or timezone.localdate()
    return (
        CareProcedure.objects.filter(
            case__in=cases_visible(user=user), done_on__isnull=True, due_on__lte=today + dt.timedelta(days=days)
        )
        .select_related("case")
        .only("id", "kind", "due_on", "case__id", "case__reference", "case__pseudonym")
        .order_by("due_on", "id")[:limit]
    )


# --- for other pages: the start page, the signal page, the set-up checklist ----------------------


def home_panel(*, user) -> dict | None:
    if not may_manage(user=user):
        return None
    today = timezone.localdate()
    deadlines = list(upcoming_deadlines(user=user, today=today))
    labels = {code: rule.due_label for code, rule in catalogue().deadlines.items()}
    return {
        "pending": pending_handovers(user=user).count(),
        "phases": [row for row in phase_counts(user=user) if row[2]],
        "deadlines": [
            {"item": row, "label": labels.get(row.kind, row.kind), "overdue": row.due_on < today} for row in deadlines
        ],
    }


def care_status_for_signal(*, user, signal) -> dict | None:
    """For the aandachtsfunctionaris' signal page: that a care case exists for the signal, its
    phase and, when it was not taken on, why. Never the case's content."""
    rows = policy_for(CareCase).rows_for(user, "view_phase").filter(signal=signal)
    case = rows.only("id", "status", "decline_reason").order_by("-id").first()
    if case is None:
        return None
    return {
        "phase": case.get_status_display(),
        "declined": case.status == CarePhase.NOT_TAKEN_ON,
        "decline_reason": case.decline_reason if case.status == CarePhase.NOT_TAKEN_ON else "",
    }


def care_handover_partner_set(user) -> bool:
    """Set-up step: a partner for zorgcoördinatie receives hand-overs in this municipality."""
    return handover_partners(user=user).filter(partner_type=PartnerType.CARE_COORDINATOR).exists()
