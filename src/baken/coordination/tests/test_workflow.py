"""The workflow table: every allowed and every forbidden edge, for users and for the system."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from baken.coordination import services
from baken.coordination.workflow import STATES, TRANSITIONS, find_transition
from baken.signalling.models import SignalStatus, SignalStatusChange

ALL_EDGES = list(itertools.product(SignalStatus.values, SignalStatus.values))
USER_EDGES = {(t.source, t.target) for t in TRANSITIONS if not t.system_only}
SYSTEM_EDGES = {(t.source, t.target) for t in TRANSITIONS if t.system_only}


def test_new_is_system_only_and_every_state_is_reachable():
    assert not STATES[SignalStatus.NEW].user_settable
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


@pytest.mark.parametrize(("source", "target"), ALL_EDGES, ids=lambda v: v)
def test_every_system_edge(source, target):
    assert (find_transition(source, target, system=True) is not None) == ((source, target) in SYSTEM_EDGES)
    if (source, target) in SYSTEM_EDGES:
        assert target == SignalStatus.CLOSED and source != SignalStatus.CLOSED


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
    with pytest.raises(ValidationError):
        services.signal_transition(actor=reporter, signal=signal, target="in_behandeling")
    signal.refresh_from_db()
    assert signal.status == "nieuw"
