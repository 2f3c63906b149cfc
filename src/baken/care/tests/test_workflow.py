"""The lifecycle table of a care case, edge by edge, through the service that uses it."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from baken.care import services
from baken.care.models import CareCase, CareCaseStatusChange, CarePhase
from baken.care.workflow import CARE_WORKFLOW, CLOSABLE

ALL_EDGES = list(itertools.product(CarePhase.values, CarePhase.values))
USER_EDGES = {(t.source, t.target) for t in CARE_WORKFLOW.transitions if not t.system_only}


def test_the_table_matches_the_domain_brief():
    assert CARE_WORKFLOW.initial_states() == [CarePhase.REGISTERED]
    reachable = {CarePhase.REGISTERED} | {target for _s, target in USER_EDGES}
    assert reachable == set(CarePhase.values)
    assert {s for s in CarePhase.values if not CARE_WORKFLOW.is_open(s)} == {CarePhase.CLOSED, CarePhase.NOT_TAKEN_ON}
    # The main line of §1.5 and its side branches.
    for edge in [
        (CarePhase.REGISTERED, CarePhase.INTAKE),
        (CarePhase.INTAKE, CarePhase.IN_PROGRESS),
        (CarePhase.IN_PROGRESS, CarePhase.AFTERCARE),
        (CarePhase.AFTERCARE, CarePhase.CLOSED),
        (CarePhase.REGISTERED, CarePhase.NOT_TAKEN_ON),
        (CarePhase.INTAKE, CarePhase.ADVICE_ONLY),
        (CarePhase.ADVICE_ONLY, CarePhase.CLOSED),
        (CarePhase.CONTACT_LOST, CarePhase.REOPENED),
        (CarePhase.CONTACT_LOST, CarePhase.CLOSED),
        (CarePhase.REOPENED, CarePhase.IN_PROGRESS),
    ]:
        assert edge in USER_EDGES, edge
    # Nothing leaves "niet in behandeling"; nothing goes back to "aangemeld".
    assert not [e for e in USER_EDGES if e[0] == CarePhase.NOT_TAKEN_ON or e[1] == CarePhase.REGISTERED]


def test_sensitive_steps_need_a_reason():
    for transition in CARE_WORKFLOW.transitions:
        if transition.target in (CarePhase.CLOSED, CarePhase.NOT_TAKEN_ON, CarePhase.CONTACT_LOST, CarePhase.REOPENED):
            assert transition.reason_required, transition


@pytest.mark.parametrize(("source", "target"), ALL_EDGES, ids=lambda v: v)
def test_every_edge(coordinator, case, closing_alone, source, target):
    CareCase.objects.filter(pk=case.pk).update(status=source)  # test set-up: put the case in `source`
    case.refresh_from_db()
    history = CareCaseStatusChange.objects.filter(case=case).count()
    allowed = (source, target) in USER_EDGES
    kwargs = {"reason": "Besproken in het team", "closure_reason": "zelfredzaam"}
    if allowed:
        services.care_case_transition(actor=coordinator, case=case, target=target, **kwargs)
        case.refresh_from_db()
        assert case.status == target
        last = CareCaseStatusChange.objects.filter(case=case).last()
        assert (last.from_status, last.to_status, last.actor) == (source, target, coordinator)
        assert (case.closed_on is not None) == (target == CarePhase.CLOSED)
    else:
        with pytest.raises(ValidationError):
            services.care_case_transition(actor=coordinator, case=case, target=target, **kwargs)
        case.refresh_from_db()
        assert case.status == source
        assert CareCaseStatusChange.objects.filter(case=case).count() == history


@pytest.mark.parametrize("source", CLOSABLE)
def test_closing_needs_a_reason_from_the_list(coordinator, case, closing_alone, source):
    CareCase.objects.filter(pk=case.pk).update(status=source)
    with pytest.raises(ValidationError) as error:
        services.care_case_transition(
            actor=coordinator, case=case, target=CarePhase.CLOSED, reason="Klaar", closure_reason="verzonnen"
        )
    assert "closure_reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.care_case_transition(actor=coordinator, case=case, target=CarePhase.CLOSED, closure_reason="anders")
    assert "reason" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == source and not case.closure_reason
