"""The workflow tables of signals and escalations: every allowed and every forbidden edge, for
users and for the system, through the services that use them."""

import datetime as dt
import itertools

import pytest
import time_machine
from django.core.exceptions import ValidationError

from baken.coordination import services
from baken.coordination.models import EscalationStatus, EscalationStatusChange
from baken.coordination.workflow import ESCALATION_WORKFLOW
from baken.core.exceptions import NotPermitted
from baken.signalling.models import SignalStatus, SignalStatusChange
from baken.signalling.workflow import SIGNAL_WORKFLOW
from baken.testing.signals import make_signal

TRANSITIONS = SIGNAL_WORKFLOW.transitions
find_transition = SIGNAL_WORKFLOW.find

ALL_EDGES = list(itertools.product(SignalStatus.values, SignalStatus.values))
USER_EDGES = {(t.source, t.target) for t in TRANSITIONS if not t.system_only}
SYSTEM_EDGES = {(t.source, t.target) for t in TRANSITIONS if t.system_only}


def test_new_is_system_only_and_every_state_is_reachable():
    assert SIGNAL_WORKFLOW.initial_states() == []
    assert SIGNAL_WORKFLOW.initial_states(system=True) == [SignalStatus.NEW]
    assert all(target != SignalStatus.NEW for _source, target in USER_EDGES | SYSTEM_EDGES)
    reachable = {SignalStatus.NEW} | {target for _s, target in USER_EDGES}
    assert reachable == set(SignalStatus.values)


def test_sensitive_transitions_need_a_reason():
    for transition in TRANSITIONS:
        if transition.target == SignalStatus.CLOSED and not transition.system_only:
            assert transition.reason_required, transition
        if transition.code == "reopen":
            assert transition.reason_required


def _put_in(signal, status):
    """Walk a signal to `status` along allowed edges (test set-up through the service)."""
    path = {
        SignalStatus.NEW: [],
        SignalStatus.IN_PROGRESS: [SignalStatus.IN_PROGRESS],
        SignalStatus.CLOSED: [SignalStatus.IN_PROGRESS, SignalStatus.CLOSED],
    }.get(status, [SignalStatus.IN_PROGRESS, status])
    return path


@pytest.mark.parametrize(("source", "target"), ALL_EDGES, ids=lambda v: v)
def test_every_user_edge(triager, signal, source, target):
    for step in _put_in(signal, source):
        services.signal_transition(actor=triager, signal=signal, target=step, reason="opzet", outcome="geen_aanwijzing")
    signal.refresh_from_db()
    assert signal.status == source
    history_before = SignalStatusChange.objects.filter(signal=signal).count()
    allowed = (source, target) in USER_EDGES
    assert (find_transition(source, target) is not None) == allowed
    if allowed:
        services.signal_transition(
            actor=triager, signal=signal, target=target, reason="test", outcome="geen_aanwijzing"
        )
        signal.refresh_from_db()
        assert signal.status == target
        assert SignalStatusChange.objects.filter(signal=signal).count() == history_before + 1
        last = SignalStatusChange.objects.filter(signal=signal).last()
        assert (last.from_status, last.to_status, last.actor) == (source, target, triager)
    else:
        with pytest.raises(ValidationError):
            services.signal_transition(
                actor=triager, signal=signal, target=target, reason="test", outcome="geen_aanwijzing"
            )
        signal.refresh_from_db()
        assert signal.status == source
        assert SignalStatusChange.objects.filter(signal=signal).count() == history_before


@pytest.mark.parametrize("source", SignalStatus.values)
def test_every_system_edge(triager, signal, reporter, source):
    """The only system transition a user can cause is a merge: from every open state it closes
    the duplicate through the engine; from a closed one it is refused and changes nothing."""
    for step in _put_in(signal, source):
        services.signal_transition(actor=triager, signal=signal, target=step, reason="opzet", outcome="geen_aanwijzing")
    into = make_signal(reporter, description="Het originele signaal")
    history_before = SignalStatusChange.objects.filter(signal=signal).count()
    allowed = (source, SignalStatus.CLOSED) in SYSTEM_EDGES
    assert allowed == SIGNAL_WORKFLOW.is_open(source)
    if allowed:
        services.signal_merge(actor=triager, duplicate=signal, into=into, reason="dubbel")
        signal.refresh_from_db()
        assert (signal.status, signal.outcome, signal.merged_into_id) == ("afgesloten", "samengevoegd", into.pk)
        last = SignalStatusChange.objects.filter(signal=signal).last()
        assert (last.from_status, last.to_status, last.actor) == (source, SignalStatus.CLOSED, triager)
    else:
        with pytest.raises(ValidationError):
            services.signal_merge(actor=triager, duplicate=signal, into=into)
        signal.refresh_from_db()
        assert signal.status == source and signal.merged_into_id is None
    assert SignalStatusChange.objects.filter(signal=signal).count() == history_before + (1 if allowed else 0)
    assert {(t.source, t.target) for t in TRANSITIONS if t.system_only} == SYSTEM_EDGES


def test_the_signal_keeps_the_moments_of_its_history(triager, signal, reporter):
    """picked_up_at is when the signal first left 'nieuw', closed_at when it was last closed:
    the very times of those history rows, through every path that changes a status."""

    def history(**condition):
        return list(SignalStatusChange.objects.filter(signal=signal, **condition).values_list("changed_at", flat=True))

    assert (signal.picked_up_at, signal.closed_at) == (None, None)
    moment = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    for hours, step in enumerate(
        [SignalStatus.IN_PROGRESS, SignalStatus.CLOSED, SignalStatus.IN_PROGRESS, SignalStatus.CLOSED]
    ):
        with time_machine.travel(moment + dt.timedelta(hours=hours), tick=False):
            services.signal_transition(
                actor=triager, signal=signal, target=step, reason="stap", outcome="geen_aanwijzing"
            )
    signal.refresh_from_db()
    [picked_up] = history(from_status=SignalStatus.NEW)
    assert signal.picked_up_at == picked_up == moment
    assert signal.closed_at == max(history(to_status=SignalStatus.CLOSED)) == moment + dt.timedelta(hours=3)

    duplicate = make_signal(reporter, description="Dezelfde situatie")
    with time_machine.travel(moment + dt.timedelta(days=1), tick=False):
        services.signal_merge(actor=triager, duplicate=duplicate, into=signal, reason="dubbel")
    duplicate.refresh_from_db()
    assert duplicate.picked_up_at == duplicate.closed_at == moment + dt.timedelta(days=1)


def test_reason_is_required_where_the_table_says(triager, signal):
    services.signal_transition(actor=triager, signal=signal, target="in_behandeling")
    with pytest.raises(ValidationError) as error:
        services.signal_transition(actor=triager, signal=signal, target="afgesloten", outcome="geen_aanwijzing")
    assert "reason" in error.value.message_dict
    signal.refresh_from_db()
    assert signal.status == "in_behandeling"


def test_closing_needs_an_outcome_and_never_merged_by_hand(triager, signal):
    services.signal_transition(actor=triager, signal=signal, target="in_behandeling")
    for outcome in ("", "samengevoegd", "onzin"):
        with pytest.raises(ValidationError) as error:
            services.signal_transition(
                actor=triager, signal=signal, target="afgesloten", reason="klaar", outcome=outcome
            )
        assert "outcome" in error.value.message_dict
    services.signal_transition(
        actor=triager, signal=signal, target="afgesloten", reason="klaar", outcome="onvoldoende_informatie"
    )
    signal.refresh_from_db()
    assert (signal.status, signal.outcome) == ("afgesloten", "onvoldoende_informatie")


def test_reporter_cannot_change_status(reporter, signal):
    with pytest.raises(NotPermitted):
        services.signal_transition(actor=reporter, signal=signal, target="in_behandeling")
    signal.refresh_from_db()
    assert signal.status == "nieuw"


ESCALATION_EDGES = list(itertools.product(EscalationStatus.values, EscalationStatus.values))
ESCALATION_USER_EDGES = {(t.source, t.target) for t in ESCALATION_WORKFLOW.transitions}
ESCALATION_PATHS = {
    EscalationStatus.PREPARED: [],
    EscalationStatus.SENT: [EscalationStatus.SENT],
    EscalationStatus.CONFIRMED: [EscalationStatus.SENT, EscalationStatus.CONFIRMED],
    EscalationStatus.FEEDBACK: [EscalationStatus.SENT, EscalationStatus.FEEDBACK],
    EscalationStatus.FAILED: [EscalationStatus.FAILED],
}


def _escalation(triager, signal, police, status=EscalationStatus.PREPARED):
    import datetime as dt

    return services.escalation_create(
        actor=triager,
        signal=signal,
        partner=police,
        channel="telefoon",
        purpose="Onderzoek",
        legal_ground="wettelijke_taak",
        shared_fields=["reference"],
        shared_on=dt.date.today(),
        status=status,
    )


@pytest.mark.parametrize(("source", "target"), ESCALATION_EDGES, ids=lambda v: v)
def test_every_escalation_edge(triager, signal, police, source, target):
    escalation = _escalation(triager, signal, police)
    for step in ESCALATION_PATHS[source]:
        services.escalation_update(actor=triager, escalation=escalation, status=step, feedback="antwoord")
    escalation.refresh_from_db()
    assert escalation.status == source
    history_before = EscalationStatusChange.objects.filter(escalation=escalation).count()
    allowed = (source, target) in ESCALATION_USER_EDGES
    if source == target:
        # Not a transition: only new feedback text may be recorded without a step.
        with pytest.raises(ValidationError):
            services.escalation_update(actor=triager, escalation=escalation, status=target)
    elif allowed:
        services.escalation_update(actor=triager, escalation=escalation, status=target, feedback="antwoord")
        escalation.refresh_from_db()
        assert escalation.status == target
        last = EscalationStatusChange.objects.filter(escalation=escalation).last()
        assert (last.from_status, last.to_status, last.actor) == (source, target, triager)
    else:
        with pytest.raises(ValidationError):
            services.escalation_update(actor=triager, escalation=escalation, status=target, feedback="antwoord")
        escalation.refresh_from_db()
        assert escalation.status == source
    expected = history_before + (1 if allowed and source != target else 0)
    assert EscalationStatusChange.objects.filter(escalation=escalation).count() == expected


def test_failed_escalation_never_goes_back_to_prepared(triager, signal, police):
    escalation = _escalation(triager, signal, police)
    services.escalation_update(actor=triager, escalation=escalation, status=EscalationStatus.FAILED)
    with pytest.raises(ValidationError):
        services.escalation_update(actor=triager, escalation=escalation, status=EscalationStatus.PREPARED)
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.FAILED


def test_feedback_needs_text(triager, signal, police):
    escalation = _escalation(triager, signal, police, status=EscalationStatus.SENT)
    with pytest.raises(ValidationError) as error:
        services.escalation_update(actor=triager, escalation=escalation, status=EscalationStatus.FEEDBACK)
    assert "feedback" in error.value.message_dict
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.SENT


@pytest.mark.parametrize("status", [EscalationStatus.CONFIRMED, EscalationStatus.FEEDBACK, EscalationStatus.FAILED])
def test_escalation_starts_only_in_an_initial_state(triager, signal, police, status):
    with pytest.raises(ValidationError) as error:
        _escalation(triager, signal, police, status=status)
    assert "status" in error.value.message_dict
    assert not signal.escalations.exists()
