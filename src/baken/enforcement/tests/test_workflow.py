"""Every edge of the two lifecycles, allowed and forbidden."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from baken.enforcement.models import CaseStatus, MeasureStatus
from baken.enforcement.workflow import CASE_WORKFLOW, MEASURE_WORKFLOW

CASE_EDGES = {
    (CaseStatus.SUPERVISION, CaseStatus.ENFORCEMENT),
    (CaseStatus.SUPERVISION, CaseStatus.CLOSED),
    (CaseStatus.ENFORCEMENT, CaseStatus.CLOSED),
    (CaseStatus.ENFORCEMENT, CaseStatus.SUPERVISION),
    (CaseStatus.CLOSED, CaseStatus.SUPERVISION),
}
M = MeasureStatus
MEASURE_EDGES = {
    (M.INTENT, M.VIEW_RECEIVED),
    (M.INTENT, M.DECISION),
    (M.VIEW_RECEIVED, M.DECISION),
    (M.INTENT, M.RENOUNCED),
    (M.VIEW_RECEIVED, M.RENOUNCED),
    (M.DECISION, M.RECHECK),
    (M.RECHECK, M.COMPLIED),
    (M.RECHECK, M.FORFEITED),
    (M.FORFEITED, M.COLLECTION),
    (M.COLLECTION, M.RECHECK),
    (M.COLLECTION, M.CLOSED),
}


@pytest.mark.parametrize(
    ("workflow", "edges", "states"),
    [(CASE_WORKFLOW, CASE_EDGES, CaseStatus.values), (MEASURE_WORKFLOW, MEASURE_EDGES, MeasureStatus.values)],
    ids=["case", "measure"],
)
def test_every_edge_allowed_or_refused(workflow, edges, states):
    for source, target in itertools.product(states, repeat=2):
        if (source, target) in edges:
            assert workflow.require(source, target)
        else:
            with pytest.raises(ValidationError):
                workflow.require(source, target)


def test_sensitive_steps_need_a_reason():
    assert CASE_WORKFLOW.find(CaseStatus.CLOSED, CaseStatus.SUPERVISION).reason_required
    assert MEASURE_WORKFLOW.find(M.INTENT, M.RENOUNCED).reason_required
    assert MEASURE_WORKFLOW.find(M.COLLECTION, M.CLOSED).reason_required


def test_a_measure_moves_a_case_to_enforcement_as_the_system():
    assert CASE_WORKFLOW.find(CaseStatus.SUPERVISION, CaseStatus.ENFORCEMENT, system=True)
    assert MEASURE_WORKFLOW.initial_states() == [M.INTENT]
    assert not MEASURE_WORKFLOW.is_open(M.COMPLIED)
