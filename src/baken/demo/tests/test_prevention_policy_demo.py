"""The demo's prevention and policy data: two school years of activities and a self-assessment
with gaps turned into actions for Voorbeeld, a smaller set for Zuiderhaven, the region's own
self-assessment; idempotent."""

import io

import pytest
from django.core.management import call_command

from baken.policy.models import KaderAssessment, PlanAction, PlanGoal, RiskPicture
from baken.prevention.models import (
    PreventionActivity,
    PreventionMaterial,
    PreventionMaterialRevision,
    StaffCount,
    Training,
)

pytestmark = pytest.mark.django_db


def _counts():
    return (
        PreventionActivity.objects.count(),
        KaderAssessment.objects.count(),
        PlanAction.objects.count(),
        Training.objects.count(),
        RiskPicture.objects.count(),
        PreventionMaterialRevision.objects.count(),
        PlanGoal.objects.count(),
    )


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
    trained = Training.objects.filter(organisation__slug="voorbeeld")
    assert len({training.department for training in trained}) == 4
    assert StaffCount.objects.filter(organisation__slug="voorbeeld").count() == 4
    assert Training.objects.filter(organisation__slug="zuiderhaven").count() < trained.count()
    picture = RiskPicture.objects.get(organisation__slug="voorbeeld")
    assessed = picture.rows.exclude(level="")
    assert assessed.count() == 3 and all(row.rationale for row in assessed)
    assert RiskPicture.objects.get(organisation__slug="zuiderhaven").rows.exclude(level="").count() == 1
    library = PreventionMaterial.objects.filter(organisation__slug="voorbeeld")
    assert library.count() == 5 and {material.revision for material in library} == {1, 2}
    assert PreventionActivity.objects.filter(organisation__slug="voorbeeld", material__isnull=False).exists()
    assert 0 < PreventionMaterial.objects.filter(organisation__slug="zuiderhaven").count() < library.count()
    goals = PlanGoal.objects.filter(organisation__slug="voorbeeld")
    assert goals.count() == 3 and goals.filter(kader_theme="", local_pillar__gt="").count() == 1
    assert actions.filter(goal__isnull=False).exists() and actions.filter(goal__isnull=True).exists()
    region_assessment = KaderAssessment.objects.get(region__name="Regio Voorbeeld")
    assert region_assessment.created_by.username == "beleid-regio" and region_assessment.organisation is None
    assessed = region_assessment.items.exclude(status="")
    assert assessed.count() == 5 and assessed.filter(status="niet").exists()
    before = _counts()
    call_command("load_demo_data", stdout=io.StringIO())
    assert _counts() == before
