"""The demo's prevention and policy data: two school years of activities and a self-assessment
with gaps turned into actions for Voorbeeld, a smaller set for Zuiderhaven; idempotent."""

import io

import pytest
from django.core.management import call_command

from baken.policy.models import KaderAssessment, PlanAction
from baken.prevention.models import PreventionActivity

pytestmark = pytest.mark.django_db


def _counts():
    return (PreventionActivity.objects.count(), KaderAssessment.objects.count(), PlanAction.objects.count())


def test_demo_prevention_and_policy():
    call_command("load_demo_data", stdout=io.StringIO())
    voorbeeld = PreventionActivity.objects.filter(organisation__slug="voorbeeld")
    years = {activity.school_year for activity in voorbeeld}
    assert len(years) == 2
    assert voorbeeld.count() > PreventionActivity.objects.filter(organisation__slug="zuiderhaven").count() > 0
    assessment = KaderAssessment.objects.get(organisation__slug="voorbeeld")
    assert assessment.snapshots.count() == 1
    actions = PlanAction.objects.filter(organisation__slug="voorbeeld")
    assert actions.exists() and all(action.source_item.is_gap for action in actions)
    assert PlanAction.objects.filter(organisation__slug="zuiderhaven").count() < actions.count()
    before = _counts()
    call_command("load_demo_data", stdout=io.StringIO())
    assert _counts() == before
