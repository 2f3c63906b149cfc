"""The lifecycle table of an aanmelding, edge by edge, through the services that use it."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from baken.meetings import services
from baken.meetings.models import CaseReferral, CaseReferralStatusChange, ReferralStatus
from baken.meetings.workflow import CLOSURE_TARGETS, DECIDED_ELSEWHERE, REFERRAL_WORKFLOW

S = ReferralStatus
ALL_EDGES = list(itertools.product(S.values, S.values))
USER_EDGES = {(t.source, t.target) for t in REFERRAL_WORKFLOW.transitions if not t.system_only}
#: Edges the plain phase service may take: not the triage's outcome, not "besproken", not the
#: closure (services.referral_close: test_follow_up.py).
PLAIN_EDGES = {(s, t) for s, t in USER_EDGES if s != S.IN_TRIAGE and t not in (S.DISCUSSED, *CLOSURE_TARGETS)}


def test_the_table_matches_the_domain_brief():
    assert REFERRAL_WORKFLOW.initial_states() == [S.REGISTERED]
    reachable = {S.REGISTERED} | {target for _s, target in USER_EDGES}
    assert reachable == set(S.values)
    assert {s for s in S.values if not REFERRAL_WORKFLOW.is_open(s)} == {S.REJECTED, S.SCALED_DOWN, S.CLOSED}
    main_line = [S.REGISTERED, S.IN_TRIAGE, S.SCHEDULED, S.DISCUSSED, S.IN_PROGRESS, S.EVALUATION, S.CLOSED]
    for edge in itertools.pairwise(main_line):
        assert edge in USER_EDGES, edge
    for edge in [
        (S.IN_TRIAGE, S.REJECTED),
        (S.IN_TRIAGE, S.ADVICE),
        (S.EVALUATION, S.SCALED_DOWN),
        (S.IN_PROGRESS, S.ESCALATED),
        (S.ESCALATED, S.IN_PROGRESS),
    ]:
        assert edge in USER_EDGES, edge
    # Nothing leaves a closed phase; nothing goes back to "aangemeld".
    assert not [e for e in USER_EDGES if not REFERRAL_WORKFLOW.is_open(e[0]) or e[1] == S.REGISTERED]
    assert set(DECIDED_ELSEWHERE) == {S.REJECTED, S.ADVICE, S.SCHEDULED, S.DISCUSSED, S.SCALED_DOWN, S.CLOSED}


def test_sensitive_steps_need_a_reason():
    for transition in REFERRAL_WORKFLOW.transitions:
        if transition.target in (S.REJECTED, S.ADVICE, S.SCALED_DOWN, S.CLOSED, S.ESCALATED):
            assert transition.reason_required, transition


@pytest.mark.parametrize(("source", "target"), ALL_EDGES, ids=lambda v: v)
def test_every_edge_of_the_phase_service(coordinator, referral, source, target):
    CaseReferral.objects.filter(pk=referral.pk).update(status=source)  # set-up: put it in `source`
    referral.refresh_from_db()
    history = CaseReferralStatusChange.objects.filter(referral=referral).count()
    if (source, target) in PLAIN_EDGES:
        services.referral_transition(
            actor=coordinator, referral=referral, target=target, reason="Besproken", escalated_to="management"
        )
        referral.refresh_from_db()
        assert referral.status == target
        last = CaseReferralStatusChange.objects.filter(referral=referral).last()
        assert (last.from_status, last.to_status, last.actor) == (source, target, coordinator)
    else:
        with pytest.raises(ValidationError):
            services.referral_transition(
                actor=coordinator, referral=referral, target=target, reason="Besproken", escalated_to="management"
            )
        referral.refresh_from_db()
        assert referral.status == source
        assert CaseReferralStatusChange.objects.filter(referral=referral).count() == history


@pytest.mark.parametrize(
    ("decision", "target"),
    [("ico", S.SCHEDULED), ("zorgtafel", S.SCHEDULED), ("advies", S.ADVICE), ("andere_route", S.REJECTED)],
)
def test_the_triage_decision_sets_the_outcome(coordinator, referral, decision, target):
    services.referral_transition(actor=coordinator, referral=referral, target=S.IN_TRIAGE)
    referral.refresh_from_db()
    services.triage_decide(
        actor=coordinator, referral=referral, decision=decision, rationale="Zo besloten", process_director=coordinator
    )
    referral.refresh_from_db()
    assert referral.status == target
    assert referral.triage_decision == decision and referral.triage_rationale == "Zo besloten"
    assert referral.triaged_by == coordinator and referral.triaged_at is not None
    assert referral.process_director == (None if target == S.REJECTED else coordinator)
    assert referral.status_changes.last().reason.endswith("Zo besloten")
