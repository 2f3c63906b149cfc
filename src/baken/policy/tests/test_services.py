"""Beleid & regie's services: rules with Dutch errors, nothing half-saved, audit, permissions."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.policy import services
from baken.policy.catalogue.loader import kader
from baken.policy.models import (
    ActionPlan,
    ActionStatus,
    ActionStatusChange,
    AssessmentSnapshot,
    KaderAssessment,
    PlanAction,
)
from baken.policy.workflow import ACTION_WORKFLOW
from baken.testing.policy import action_values, make_action, make_assessment, make_plan

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def _fill(assessment, status="volledig"):
    for item in assessment.items.all():
        services.assessment_item_update(
            actor=assessment.created_by, item=item, values={"status": status, "evidence": "Collegebesluit"}
        )


def test_assessment_starts_with_every_block_of_the_catalogue(beleid):
    assessment = make_assessment(beleid)
    catalogue = kader()
    assert assessment.catalogue_version == catalogue.version
    assert list(assessment.items.values_list("block_code", flat=True)) == [b.code for b in catalogue.blocks]
    assert all(item.to_verify for item in assessment.items.all())  # the [K] blocks stay marked
    assert AuditEvent.objects.filter(object_id=str(assessment.pk), action="create").exists()


@pytest.mark.parametrize("year", [None, 1999, 2200])
def test_assessment_needs_a_sensible_year(beleid, year):
    with pytest.raises(ValidationError) as error:
        make_assessment(beleid, year=year)
    assert "year" in error.value.message_dict
    assert not KaderAssessment.objects.exists()


def test_one_assessment_per_year(beleid):
    make_assessment(beleid)
    with pytest.raises(ValidationError, match="al een zelfevaluatie"):
        make_assessment(beleid)


@pytest.mark.parametrize("role", ["signaleerder", "aandachtsfunctionaris", "functioneel_beheerder"])
def test_only_the_beleidsmaker_writes(make_user, voorbeeld, role):
    other = make_user(role, voorbeeld)
    with pytest.raises(NotPermitted):
        make_assessment(other)
    with pytest.raises(NotPermitted):
        make_plan(other)
    assert not KaderAssessment.objects.exists() and not ActionPlan.objects.exists()


def test_another_municipality_cannot_touch_the_rows(beleid, make_user, zuiderhaven):
    assessment = make_assessment(beleid)
    plan = make_plan(beleid)
    action = make_action(beleid, plan)
    item = assessment.items.first()
    other = make_user("beleidsmaker", zuiderhaven)
    with pytest.raises(NotPermitted):
        services.assessment_item_update(actor=other, item=item, values={"status": "niet"})
    with pytest.raises(NotPermitted):
        services.assessment_adopt(actor=other, assessment=assessment, adopted_by="x", adopted_on=dt.date(2026, 1, 1))
    with pytest.raises(NotPermitted):
        services.action_create(actor=other, plan=plan, values=action_values())
    with pytest.raises(NotPermitted):
        services.action_from_item(actor=other, item=item)
    with pytest.raises(NotPermitted):
        services.action_update(actor=other, action=action, values=action_values(title="Weg"))
    item.refresh_from_db()
    action.refresh_from_db()
    assert item.status == "" and action.title == "Training balie en toezicht"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"status": ""}, "status"),
        ({"status": "misschien"}, "status"),
        ({"status": "volledig", "evidence": " "}, "evidence"),
        ({"status": "niet", "evidence_date": TOMORROW}, "evidence_date"),
    ],
)
def test_item_rules(beleid, values, field):
    item = make_assessment(beleid).items.first()
    with pytest.raises(ValidationError) as error:
        services.assessment_item_update(actor=beleid, item=item, values=values)
    assert field in error.value.message_dict
    item.refresh_from_db()
    assert item.status == ""


def test_item_update_and_audit(beleid):
    item = make_assessment(beleid).items.first()
    services.assessment_item_update(
        actor=beleid,
        item=item,
        values={
            "status": "gedeeltelijk",
            "evidence": " Nota 2025 ",
            "owner": "OOV",
            "target_date": dt.date(2027, 1, 1),
        },
    )
    item.refresh_from_db()
    assert (item.status, item.evidence, item.owner) == ("gedeeltelijk", "Nota 2025", "OOV")
    assert AuditEvent.objects.filter(object_id=str(item.pk), reason__contains="- → gedeeltelijk").exists()


def test_adopt_needs_every_block_and_who_and_when(beleid):
    assessment = make_assessment(beleid)
    with pytest.raises(ValidationError) as error:
        services.assessment_adopt(actor=beleid, assessment=assessment, adopted_by=" ", adopted_on=None)
    assert {"adopted_by", "adopted_on", "__all__"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.assessment_adopt(actor=beleid, assessment=assessment, adopted_by="College", adopted_on=TOMORROW)
    assert "adopted_on" in error.value.message_dict
    assert not AssessmentSnapshot.objects.exists()


def test_adopt_freezes_numbered_snapshots_that_compare(beleid):
    from baken.policy.selectors import compare

    assessment = make_assessment(beleid)
    _fill(assessment, "niet")
    first = services.assessment_adopt(
        actor=beleid, assessment=assessment, adopted_by="College", adopted_on=dt.date(2026, 3, 1)
    )
    item = assessment.items.get(block_code="2B1")
    services.assessment_item_update(actor=beleid, item=item, values={"status": "volledig", "evidence": "Besluit"})
    second = services.assessment_adopt(
        actor=beleid, assessment=assessment, adopted_by="College", adopted_on=dt.date(2026, 9, 1)
    )
    assert (first.number, second.number) == (1, 2)
    assert {row["status"] for row in first.content} == {"niet"}
    differences = compare(first.content, second.content)
    assert [(d.code, d.before, d.after) for d in differences] == [("2B1", "Niet", "Volledig")]
    assert compare(second.content, second.content) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": " "}, "title"),
        ({"first_year": None}, "first_year"),
        ({"last_year": 3000}, "last_year"),
        ({"first_year": 2028, "last_year": 2026}, "last_year"),
        ({"adopted_on": TOMORROW}, "adopted_on"),
    ],
)
def test_plan_rules(beleid, overrides, field):
    with pytest.raises(ValidationError) as error:
        make_plan(beleid, **overrides)
    assert field in error.value.message_dict
    assert not ActionPlan.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"kader_theme": "thema9"}, "kader_theme"),
        ({"ends_on": dt.date(2025, 1, 1)}, "ends_on"),
        ({"budget": Decimal("-1")}, "budget"),
    ],
)
def test_action_rules(beleid, overrides, field):
    plan = make_plan(beleid)
    with pytest.raises(ValidationError) as error:
        make_action(beleid, plan, **overrides)
    assert field in error.value.message_dict
    assert not PlanAction.objects.exists()


def test_actions_are_numbered_per_plan(beleid):
    plan = make_plan(beleid)
    first, second = make_action(beleid, plan), make_action(beleid, plan, title="Tweede")
    assert (first.reference, second.reference) == ("A-1", "A-2")
    assert list(first.status_changes.values_list("to_status", flat=True)) == ["gepland"]


def test_a_gap_becomes_an_action_in_a_new_plan_then_in_the_same(beleid):
    assessment = make_assessment(beleid)
    gap = assessment.items.get(block_code="2B3")
    services.assessment_item_update(
        actor=beleid,
        item=gap,
        values={
            "status": "gedeeltelijk",
            "evidence": "Deel getraind",
            "owner": "HR",
            "target_date": dt.date(2026, 6, 1),
        },
    )
    action = services.action_from_item(actor=beleid, item=gap)
    assert (action.title, action.kader_theme, action.block_code, action.owner) == (
        gap.label,
        "signalering",
        "2B3",
        "HR",
    )
    assert action.ends_on == dt.date(2026, 6, 1) and action.source_item == gap
    assert (action.plan.first_year, action.plan.last_year) == (2026, 2026)
    with pytest.raises(ValidationError, match="al een actie"):
        services.action_from_item(actor=beleid, item=gap)
    other = assessment.items.get(block_code="1B1")
    services.assessment_item_update(actor=beleid, item=other, values={"status": "niet"})
    assert services.action_from_item(actor=beleid, item=other).plan == action.plan
    assert ActionPlan.objects.count() == 1


def test_a_block_in_place_is_no_gap(beleid):
    item = make_assessment(beleid).items.first()
    services.assessment_item_update(actor=beleid, item=item, values={"status": "volledig", "evidence": "Besluit"})
    with pytest.raises(ValidationError, match="niet of gedeeltelijk"):
        services.action_from_item(actor=beleid, item=item)
    assert not PlanAction.objects.exists()


def test_a_gap_goes_into_the_plan_of_its_year(beleid):
    plan = make_plan(beleid, first_year=2025, last_year=2027)
    item = make_assessment(beleid).items.first()
    services.assessment_item_update(actor=beleid, item=item, values={"status": "niet"})
    assert services.action_from_item(actor=beleid, item=item).plan == plan


def test_action_update_fields_and_status(beleid):
    action = make_action(beleid)
    services.action_update(actor=beleid, action=action, values=action_values(owner="Team Veiligheid"), status="lopend")
    action.refresh_from_db()
    assert (action.owner, action.status) == ("Team Veiligheid", "lopend")
    # No change at all writes no audit line.
    before = AuditEvent.objects.count()
    services.action_update(actor=beleid, action=action, values=action_values(owner="Team Veiligheid"))
    assert AuditEvent.objects.count() == before


def test_a_forbidden_status_changes_nothing(beleid):
    action = make_action(beleid)
    with pytest.raises(ValidationError):
        services.action_update(actor=beleid, action=action, values=action_values(owner="Nieuw"), status="gereed")
    action.refresh_from_db()
    assert (action.owner, action.status) == ("Team OOV", "gepland")


ALL_EDGES = list(itertools.product(ActionStatus.values, ActionStatus.values))
ALLOWED = {(t.source, t.target) for t in ACTION_WORKFLOW.transitions}


@pytest.mark.parametrize(("source", "target"), [(s, t) for s, t in ALL_EDGES if s != t])
def test_every_action_edge(beleid, source, target):
    action = make_action(beleid)
    PlanAction.objects.filter(pk=action.pk).update(status=source)
    action.refresh_from_db()
    before = ActionStatusChange.objects.count()
    if (source, target) in ALLOWED:
        services.action_update(actor=beleid, action=action, values=action_values(), status=target, reason="Omdat")
        action.refresh_from_db()
        assert action.status == target and ActionStatusChange.objects.count() == before + 1
    else:
        with pytest.raises(ValidationError):
            services.action_update(actor=beleid, action=action, values=action_values(), status=target, reason="x")
        action.refresh_from_db()
        assert action.status == source and ActionStatusChange.objects.count() == before


def test_dropping_needs_a_reason(beleid):
    action = make_action(beleid)
    with pytest.raises(ValidationError):
        services.action_update(actor=beleid, action=action, values=action_values(), status="vervallen")
    action.refresh_from_db()
    assert action.status == "gepland"


def test_a_plan_is_changed_and_adopted_later_with_the_changed_fields_audited(beleid):
    plan = make_plan(beleid)
    values = {
        "title": plan.title,
        "first_year": 2026,
        "last_year": 2028,
        "adopted_by": " College van B en W ",
        "adopted_on": dt.date(2026, 2, 3),
        "regional_framework": "",
    }
    services.plan_update(actor=beleid, plan=plan, values=values)
    plan.refresh_from_db()
    assert (plan.adopted_by, plan.adopted_on) == ("College van B en W", dt.date(2026, 2, 3))
    line = AuditEvent.objects.filter(action="update", object_id=str(plan.pk)).get()
    assert line.reason == "adopted_by, adopted_on"
    # Saving the same values again changes nothing and writes no line.
    services.plan_update(actor=beleid, plan=plan, values=values)
    assert AuditEvent.objects.filter(action="update", object_id=str(plan.pk)).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": " "}, "title"),
        ({"first_year": 2029}, "last_year"),
        ({"adopted_on": TOMORROW}, "adopted_on"),
    ],
)
def test_a_plan_change_against_the_rules_changes_nothing(beleid, overrides, field):
    plan = make_plan(beleid)
    values = {"title": "Nieuw", "first_year": 2026, "last_year": 2028} | overrides
    with pytest.raises(ValidationError) as error:
        services.plan_update(actor=beleid, plan=plan, values=values)
    assert field in error.value.message_dict
    plan.refresh_from_db()
    assert plan.title == "Uitvoeringsplan mensenhandel 2026-2028"


def test_only_the_own_beleidsmaker_changes_a_plan(beleid, make_user, zuiderhaven, voorbeeld):
    plan = make_plan(beleid)
    values = {"title": "Overgenomen", "first_year": 2026, "last_year": 2028}
    for outsider in (make_user("beleidsmaker", zuiderhaven), make_user("beleidsmaker", region=voorbeeld.region)):
        with pytest.raises(NotPermitted):
            services.plan_update(actor=outsider, plan=plan, values=values)
    plan.refresh_from_db()
    assert plan.title == "Uitvoeringsplan mensenhandel 2026-2028"
