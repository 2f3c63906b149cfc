"""Goals of the action plan: per Kader theme or local pillar, actions that belong to one, the
plan page and its PDF grouped by goal, and who may add or change them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.policy import selectors, services
from baken.policy.models import PlanAction, PlanGoal
from baken.testing.policy import action_values, goal_values, make_action, make_goal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


# --- services ----------------------------------------------------------------------------------


def test_goals_are_numbered_per_plan_and_audited(beleid):
    plan = make_plan(beleid)
    first = make_goal(beleid, plan)
    second = make_goal(beleid, plan, kader_theme="", local_pillar="Arbeidsmigranten in de haven")
    other = make_goal(beleid, make_plan(beleid, title="Ander plan"))
    assert [first.reference, second.reference, other.reference] == ["D-1", "D-2", "D-1"]
    assert first.organisation_id == beleid.organisation_id
    assert first.pillar_label == "2. Signalerend vermogen"
    assert second.pillar_label == "Arbeidsmigranten in de haven"
    assert AuditEvent.objects.filter(object_id=str(first.pk), action="create").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": " "}, "title"),
        ({"kader_theme": "bestaat_niet"}, "kader_theme"),
        ({"kader_theme": "", "local_pillar": ""}, "kader_theme"),
        ({"kader_theme": "beleid", "local_pillar": "Haven"}, "local_pillar"),
    ],
)
def test_goal_rules_in_dutch_and_nothing_saved(beleid, overrides, field):
    plan = make_plan(beleid)
    with pytest.raises(ValidationError) as error:
        make_goal(beleid, plan, **overrides)
    assert field in error.value.message_dict
    assert not PlanGoal.objects.exists()


def test_goal_update_changes_and_audits_only_what_changed(beleid):
    goal = make_goal(beleid)
    unchanged = services.goal_update(actor=beleid, goal=goal, values=goal_values())
    assert unchanged.updated_at == goal.updated_at
    assert not AuditEvent.objects.filter(object_id=str(goal.pk), action="update").exists()
    services.goal_update(actor=beleid, goal=goal, values=goal_values(kader_theme="", local_pillar="Haven"))
    goal.refresh_from_db()
    assert (goal.kader_theme, goal.local_pillar) == ("", "Haven")
    event = AuditEvent.objects.get(object_id=str(goal.pk), action="update")
    assert "local_pillar" in event.reason


def test_goal_refusals_for_other_roles_and_municipalities(beleid, make_user, voorbeeld, zuiderhaven):
    goal = make_goal(beleid)
    for intruder in (make_user("beleidsmaker", zuiderhaven), make_user("aandachtsfunctionaris", voorbeeld)):
        with pytest.raises(NotPermitted):
            services.goal_create(actor=intruder, plan=goal.plan, values=goal_values())
        with pytest.raises(NotPermitted):
            services.goal_update(actor=intruder, goal=goal, values=goal_values(title="Overgenomen"))
    goal.refresh_from_db()
    assert goal.title == goal_values()["title"] and PlanGoal.objects.count() == 1


def test_an_action_belongs_to_a_goal_of_its_own_plan(beleid):
    plan = make_plan(beleid)
    goal = make_goal(beleid, plan)
    action = make_action(beleid, plan, goal=goal)
    assert action.goal == goal and list(goal.actions.all()) == [action]
    foreign_goal = make_goal(beleid, make_plan(beleid, title="Ander plan"))
    with pytest.raises(ValidationError) as error:
        make_action(beleid, plan, goal=foreign_goal)
    assert "goal" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.action_update(actor=beleid, action=action, values=action_values(goal=foreign_goal))
    services.action_update(actor=beleid, action=action, values=action_values(goal=None))
    action.refresh_from_db()
    assert action.goal is None and PlanAction.objects.count() == 1


# --- policy and selectors ----------------------------------------------------------------------


def test_goal_policy_follows_the_plan(beleid, make_user, voorbeeld, zuiderhaven, region):
    goal = make_goal(beleid)
    policy = policy_for(PlanGoal)
    assert policy.allows(beleid, "change", goal)
    assert not policy.visible(make_user("beleidsmaker", zuiderhaven)).exists()
    assert not policy.visible(make_user("aandachtsfunctionaris", voorbeeld)).exists()
    regional = make_user("beleidsmaker", None, region=region)
    assert policy.allows(regional, "view", goal) and not policy.user_may(regional, "change")


def test_sections_group_actions_under_goals_with_the_loose_ones_last(beleid):
    plan = make_plan(beleid)
    first, second = make_goal(beleid, plan), make_goal(beleid, plan, title="Tweede doel")
    loose = make_action(beleid, plan, title="Zonder doel")
    under_second = make_action(beleid, plan, title="Bij doel 2", goal=second)
    goals = list(selectors.plan_goals(user=beleid, plan=plan))
    sections = selectors.plan_sections(goals, selectors.plan_actions(user=beleid, plan=plan))
    assert [(section.goal, section.actions) for section in sections] == [
        (first, []),
        (second, [under_second]),
        (None, [loose]),
    ]
    assert [s.goal for s in selectors.plan_sections(goals, [under_second])] == [first, second]


# --- pages -------------------------------------------------------------------------------------


def test_add_and_edit_a_goal_and_see_the_plan_grouped(client_for, beleid):
    plan = make_plan(beleid)
    client = client_for(beleid)
    new = reverse("policy:goal_new", args=[plan.pk])
    assert client.get(new).status_code == 200
    response = client.post(new, {"title": "Bewustwording op scholen", "kader_theme": "bewustwording"})
    assert response.status_code == 302 and response.url == reverse("policy:plan", args=[plan.pk])
    goal = PlanGoal.objects.get()
    client.post(
        reverse("policy:action_new", args=[plan.pk]),
        {"title": "Gastlessen VO", "kader_theme": "bewustwording", "goal": str(goal.pk)},
    )
    make_action(beleid, plan, title="Losse actie")
    page = client.get(reverse("policy:plan", args=[plan.pk])).content.decode()
    assert "D-1: Bewustwording op scholen" in page and "Acties zonder doel" in page
    assert page.index("Gastlessen VO") < page.index("Acties zonder doel") < page.index("Losse actie")
    edit = reverse("policy:goal", args=[goal.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"title": "Bewustwording", "local_pillar": "Scholen en jeugd"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.kader_theme, goal.local_pillar) == ("Bewustwording", "", "Scholen en jeugd")
    pdf = client.get(reverse("policy:plan_pdf", args=[plan.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_goal_bad_input_is_400_in_dutch_and_nothing_saved(client_for, beleid):
    plan = make_plan(beleid)
    client = client_for(beleid)
    new = reverse("policy:goal_new", args=[plan.pk])
    missing = client.post(new, {"kader_theme": "beleid"})
    assert missing.status_code == 400 and "Dit veld is verplicht" in missing.content.decode()
    neither = client.post(new, {"title": "Doel"})
    assert neither.status_code == 400 and "of vul een lokale pijler in" in neither.content.decode()
    assert not PlanGoal.objects.exists()
    goal = make_goal(beleid, plan)
    both = client.post(
        reverse("policy:goal", args=[goal.pk]), {"title": "Doel", "kader_theme": "beleid", "local_pillar": "Haven"}
    )
    assert both.status_code == 400 and "niet allebei" in both.content.decode()
    goal.refresh_from_db()
    assert goal.local_pillar == ""


def test_goal_pages_of_another_municipality_or_role_are_404(client_for, beleid, make_user, voorbeeld, zuiderhaven):
    goal = make_goal(beleid)
    body = {"title": "Overgenomen", "kader_theme": "beleid"}
    for intruder in (make_user("beleidsmaker", zuiderhaven), make_user("aandachtsfunctionaris", voorbeeld)):
        client = client_for(intruder)
        for url in (reverse("policy:goal_new", args=[goal.plan_id]), reverse("policy:goal", args=[goal.pk])):
            assert client.get(url).status_code == 404
            assert client.post(url, body).status_code == 404
    goal.refresh_from_db()
    assert goal.title != "Overgenomen" and PlanGoal.objects.count() == 1
