"""Reads of Casusoverleg. Every read goes through the models' access policies and takes the
acting user; the care case an aanmelding links to is checked through care's selectors only."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baken.care.selectors import cases_visible
from baken.core.access import policy_for
from baken.core.crypto import blind_index_filter
from baken.enforcement.selectors import cases_visible as enforcement_cases_visible
from baken.meetings.catalogue.loader import catalogue
from baken.meetings.models import (
    ActionStatus,
    AgendaItem,
    Attendee,
    CaseReferral,
    DocumentDispatch,
    Meeting,
    MeetingAction,
    ReferralStatus,
    SharingLogEntry,
)
from baken.meetings.policies import may_run
from baken.meetings.workflow import CLOSURE_TARGETS, DECIDED_ELSEWHERE, REFERRAL_WORKFLOW
from baken.signalling.figures import exploitation_forms
from baken.signalling.models import Signal

__all__ = ["may_run"]

#: Phases of an aanmelding waiting for the weekly triage.
TRIAGE_PHASES = (ReferralStatus.REGISTERED, ReferralStatus.IN_TRIAGE)


def care_case_visible(*, user, organisation, pk: int) -> bool:
    """Does the user see the care case `pk` of this municipality (the link holds an id only)?"""
    return cases_visible(user=user).filter(pk=pk, organisation=organisation).exists()


#: What an aanmelding can link to: the field holding the id, the label, the page that opens it.
LINKS = {
    "signal": ("signal_id", _("Signaal"), "coordination:signal"),
    "care_case": ("care_case_id", _("Zorgtraject"), "care:case"),
    "enforcement_case": ("enforcement_case_id", _("Handhavingszaak"), "enforcement:case"),
}


def _linkable(kind: str, user) -> QuerySet:
    """The records of this kind the user may open: signals they may triage, care and
    enforcement cases through those apps' selectors."""
    if kind == "signal":
        return policy_for(Signal).rows_for(user, "triage")
    if kind == "care_case":
        return cases_visible(user=user)
    return enforcement_cases_visible(user=user)


def linkable_id(*, user, organisation, kind: str, reference: str) -> int | None:
    """The id of the record of this kind with this kenmerk in the municipality, if the user may
    open it; None otherwise (a hidden record and a missing one look the same)."""
    return (
        _linkable(kind, user)
        .filter(organisation=organisation, reference=reference)
        .values_list("pk", flat=True)
        .first()
    )


def referral_links(*, user, referral: CaseReferral) -> list[dict]:
    """The aanmelding's links: kenmerk and page for a record the user may open, otherwise only
    that a link exists. No content of the linked record."""
    links = []
    for kind, (field, label, url_name) in LINKS.items():
        pk = getattr(referral, field)
        if pk is None:
            continue
        reference = _linkable(kind, user).filter(pk=pk).values_list("reference", flat=True).first()
        links.append(
            {"label": label, "reference": reference, "url": reverse(url_name, args=[pk]) if reference else None}
        )
    return links


def runners_for(referral: CaseReferral) -> QuerySet:
    """Users who may run the meetings about this aanmelding: the procesregisseur is one of them."""
    return policy_for(CaseReferral).users_for(referral, "manage")


def last_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """The most recent weekly triage cut-off at or before `now` (catalogue: weekday and time)."""
    now = timezone.localtime(now or timezone.now())
    days_back = (now.weekday() - catalogue().cutoff_weekday) % 7
    day = now.date() - dt.timedelta(days=days_back)
    cutoff = timezone.make_aware(dt.datetime.combine(day, catalogue().cutoff_time))
    if cutoff > now:
        cutoff -= dt.timedelta(days=7)
    return cutoff


def triage_queue(*, user, now: dt.datetime | None = None) -> dict:
    """The weekly triage: aanmeldingen in before the last cut-off (this triage), and those that
    came in after it (the next one). Both oldest first."""
    cutoff = last_cutoff(now)
    waiting = (
        policy_for(CaseReferral)
        .rows_for(user, "manage")
        .filter(status__in=TRIAGE_PHASES)
        .select_related("organisation")
        .order_by("received_at", "id")
    )
    return {
        "cutoff": cutoff,
        "next_cutoff": cutoff + dt.timedelta(days=7),
        "this_week": waiting.filter(received_at__lte=cutoff),
        "next_week": waiting.filter(received_at__gt=cutoff),
    }


class ReferralListForm(forms.Form):
    fase = forms.ChoiceField(label=_("Fase"), required=False, choices=[("", _("Alle")), *ReferralStatus.choices])


def referral_list(*, user, params) -> tuple[ReferralListForm, QuerySet[CaseReferral]]:
    form = ReferralListForm(params)
    rows = policy_for(CaseReferral).visible(user).select_related("organisation", "process_director")
    if form.is_valid() and form.cleaned_data["fase"]:
        rows = rows.filter(status=form.cleaned_data["fase"])
    return form, rows.order_by("-received_at", "-id")


def referrals_with_name(*, user, name: str) -> QuerySet[CaseReferral]:
    """The visible aanmeldingen recorded with exactly this name (normalised: spacing, case and
    accents ignored), through the blind index: the name column is encrypted. Nothing for an
    empty name. The caller audits the search."""
    if not name.strip():
        return CaseReferral.objects.none()
    return policy_for(CaseReferral).visible(user).filter(blind_index_filter(CaseReferral, "name_index", name))


def subject_records(*, user, name: str, birth_date: dt.date | None = None) -> list[dict]:
    """Everything the partnership holds about one person, for a data-subject request through the
    contactpunt (WGS): per aanmelding recorded with exactly this name (the blind index; spacing,
    case and accents ignored) that the user runs, its agenda items, the sharing log and the
    actions. With a date of birth, an aanmelding with another recorded date is left out; one
    without a recorded date stays in, marked, for the chair to check. The caller audits."""
    if not name.strip():
        return []
    referrals = [
        referral
        for referral in policy_for(CaseReferral)
        .rows_for(user, "manage")
        .filter(blind_index_filter(CaseReferral, "name_index", name))
        .select_related("organisation")
        .order_by("received_at", "id")
        if birth_date is None or referral.birth_date in (None, birth_date)
    ]
    ids = [referral.pk for referral in referrals]
    items = list(
        policy_for(AgendaItem)
        .visible(user)
        .filter(referral_id__in=ids)
        .select_related("meeting")
        .order_by("meeting__starts_at", "id")
    )
    sharing = policy_for(SharingLogEntry).visible(user).filter(agenda_item__referral_id__in=ids)
    actions = policy_for(MeetingAction).visible(user).filter(agenda_item__referral_id__in=ids)
    by_item: dict[int, dict] = {}
    form_labels = dict(exploitation_forms())
    records = []
    for referral in referrals:
        record = {
            "referral": referral,
            "criteria": criteria_labels(referral),
            "birth_date_unknown": birth_date is not None and referral.birth_date is None,
            "items": [],
        }
        records.append(record)
        for item in items:
            if item.referral_id == referral.pk:
                entry = catalogue().meeting_types.get(item.meeting.meeting_type)
                by_item[item.pk] = {
                    "item": item,
                    "meeting_type": entry.label if entry else item.meeting.meeting_type,
                    "analysis": analysis_of(item, form_labels=form_labels),
                    "sharing": [],
                    "actions": [],
                }
                record["items"].append(by_item[item.pk])
    for entry in sharing.order_by("recorded_at", "id"):
        basis = catalogue().legal_bases.get(entry.legal_basis)
        by_item[entry.agenda_item_id]["sharing"].append(
            {"entry": entry, "categories": category_labels(entry), "basis": basis.label if basis else entry.legal_basis}
        )
    for action in actions.order_by("due_on", "id"):
        by_item[action.agenda_item_id]["actions"].append(action)
    return records


def referral_for(*, user, pk: int, action: str = "view") -> CaseReferral:
    rows = policy_for(CaseReferral).rows_for(user, action).select_related("organisation", "process_director")
    return get_object_or_404(rows, pk=pk)


def referral_history(referral: CaseReferral):
    return referral.status_changes.select_related("actor")


def user_transitions(referral: CaseReferral) -> list[tuple[str, str]]:
    """The plain steps the phase form offers (not the triage's outcome, not "besproken")."""
    if referral.status == ReferralStatus.IN_TRIAGE:
        return []
    return [
        (t.target, str(t.label))
        for t in REFERRAL_WORKFLOW.user_transitions_from(referral.status)
        if t.target not in DECIDED_ELSEWHERE or t.target == ReferralStatus.SCHEDULED
    ]


def closure_transitions(referral: CaseReferral) -> list[tuple[str, str]]:
    """Closure and afschaling as far as the phase allows them (the closure form)."""
    return [
        (t.target, str(t.label))
        for t in REFERRAL_WORKFLOW.user_transitions_from(referral.status)
        if t.target in CLOSURE_TARGETS
    ]


def referral_agenda(*, user, referral: CaseReferral) -> QuerySet[AgendaItem]:
    return policy_for(AgendaItem).visible(user).filter(referral=referral).select_related("meeting")


def meetings_list(*, user) -> QuerySet[Meeting]:
    return policy_for(Meeting).rows_for(user, "manage").select_related("organisation", "chair")


def attending(*, user) -> QuerySet[Meeting]:
    """Meetings the user attends as a Baken user."""
    return (
        policy_for(Meeting)
        .visible(user)
        .filter(attendees__user=user)
        .select_related("organisation", "chair")
        .order_by("-starts_at", "-id")
    )


def meeting_for(*, user, pk: int, action: str = "view") -> Meeting:
    return policy_for(Meeting).get_for(user, action, pk=pk)


def may_manage_meeting(*, user, meeting: Meeting) -> bool:
    return policy_for(Meeting).allows(user, "manage", meeting)


def attendees_of(*, user, meeting: Meeting) -> QuerySet[Attendee]:
    return policy_for(Attendee).visible(user).filter(meeting=meeting).select_related("user")


def agenda_of(*, user, meeting: Meeting) -> QuerySet[AgendaItem]:
    return policy_for(AgendaItem).visible(user).filter(meeting=meeting).select_related("referral")


def item_for(*, user, meeting: Meeting, pk: int, action: str = "view") -> AgendaItem:
    rows = policy_for(AgendaItem).rows_for(user, action).filter(meeting=meeting).select_related("referral", "meeting")
    return get_object_or_404(rows, pk=pk)


def sharing_log_of(*, user, item: AgendaItem) -> QuerySet[SharingLogEntry]:
    return policy_for(SharingLogEntry).visible(user).filter(agenda_item=item).select_related("recorded_by")


def actions_of(*, user, item: AgendaItem) -> QuerySet[MeetingAction]:
    return policy_for(MeetingAction).visible(user).filter(agenda_item=item).select_related("owner_user")


def action_for(*, user, item: AgendaItem, pk: int, action: str = "manage") -> MeetingAction:
    rows = policy_for(MeetingAction).rows_for(user, action).filter(agenda_item=item)
    return get_object_or_404(rows, pk=pk)


def action_owners(*, user, item: AgendaItem) -> QuerySet:
    """Baken users who may own an action of this item: attendees of its meeting who may see it."""
    seats = attendees_of(user=user, meeting=item.meeting).exclude(user=None).select_related("user")
    policy = policy_for(AgendaItem)
    allowed = [seat.user_id for seat in seats if seat.user.is_active and policy.allows(seat.user, "view", item)]
    return get_user_model().objects.filter(pk__in=allowed)


def reportable(*, user, actions: list[MeetingAction]) -> set[int]:
    """Ids of those actions whose status and result the user may record (policy "report")."""
    rows = policy_for(MeetingAction).rows_for(user, "report").filter(pk__in=[action.pk for action in actions])
    return set(rows.values_list("pk", flat=True))


def schedulable(*, user, meeting: Meeting) -> QuerySet[CaseReferral]:
    """Planned aanmeldingen of the meeting's municipality not yet on its agenda."""
    return (
        policy_for(CaseReferral)
        .rows_for(user, "manage")
        .filter(organisation=meeting.organisation, status=ReferralStatus.SCHEDULED)
        .exclude(agenda_items__meeting=meeting)
        .order_by("received_at", "id")
    )


def labels(entries: dict, codes) -> list[str]:
    return [entries[code].label if code in entries else code for code in codes]


def criteria_labels(referral: CaseReferral) -> list[str]:
    return labels(catalogue().criteria, referral.criteria)


def category_labels(entry: SharingLogEntry) -> list[str]:
    return labels(catalogue().categories, entry.categories)


def analysis_of(item: AgendaItem, *, form_labels: dict[str, str] | None = None) -> dict | None:
    """The item's analysis with the catalogue's labels for display, or None when none was
    recorded. The caller has the item through its policy; over several items it passes
    `form_labels` (dict of exploitation_forms()), read once."""
    if not item.hypothesis:
        return None
    entries = catalogue()
    hypothesis = entries.hypotheses.get(item.hypothesis)
    level = entries.safety_levels.get(item.safety_level)
    forms = dict(exploitation_forms()) if form_labels is None else form_labels
    return {
        "problem_domains": labels(entries.problem_domains, item.problem_domains),
        "risk_factors": item.risk_factors,
        "protective_factors": item.protective_factors,
        "hypothesis": hypothesis.label if hypothesis else item.hypothesis,
        "forms": [forms.get(code, code) for code in item.hypothesis_forms],
        "safety_level": level.label if level else item.safety_level,
        "safety_concern": bool(level and level.note_required),
        "safety_note": item.safety_note,
        "analysed_at": item.analysed_at,
    }


def with_labels(rows) -> list:
    """The rows as a list, each with the catalogue's label of its urgency (an aanmelding) or
    its type (a meeting) for display."""
    rows = list(rows)
    for row in rows:
        if isinstance(row, CaseReferral):
            entry = catalogue().urgencies.get(row.urgency)
            row.urgency_label = entry.label if entry else row.urgency
        else:
            entry = catalogue().meeting_types.get(row.meeting_type)
            row.type_label = entry.label if entry else row.meeting_type
    return rows


def my_open_actions(*, user) -> QuerySet[MeetingAction]:
    """The user's task list from case meetings: open actions they own, soonest first."""
    return (
        policy_for(MeetingAction)
        .visible(user)
        .filter(owner_user=user, status=ActionStatus.OPEN)
        .select_related("agenda_item__referral", "agenda_item__meeting")
        .order_by("due_on", "id")
    )


def home_panel(user) -> dict | None:
    """The start page's panel for attendees: their open actions and their next meetings, with
    the way to "Mijn casusoverleggen". Left out for users who attend no meeting."""
    meetings = attending(user=user)
    if not meetings.exists():
        return None
    return {
        "actions": list(my_open_actions(user=user)[:5]),
        "upcoming": with_labels(meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at", "id")[:3]),
        "today": timezone.localdate(),
    }


def dispatches_of(*, user, meeting: Meeting) -> QuerySet[DocumentDispatch]:
    return policy_for(DocumentDispatch).visible(user).filter(meeting=meeting).select_related("attendee", "sent_by")


def minutes_of(*, user, meeting: Meeting) -> list[dict]:
    """The minutes' agenda: per item the pseudonym, whether the person was invited and attended,
    the summary, the analysis and the actions the user may see. No identity field, no aanmelding
    text."""
    form_labels = dict(exploitation_forms())
    return [
        {
            "item": item,
            "analysis": analysis_of(item, form_labels=form_labels),
            "actions": list(actions_of(user=user, item=item)),
        }
        for item in agenda_of(user=user, meeting=meeting)
    ]
