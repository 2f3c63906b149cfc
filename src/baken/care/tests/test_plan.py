"""The care plan: goals per life domain, agreed actions with who and by when, and its review on
the timeline every three months (the catalogue's term), rescheduled when a review is held."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.care import selectors, services
from baken.care.models import CarePhase, CarePlanAction, CarePlanGoal, CareProcedure, GoalStatus
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.testing.care import move_to


def _goal(actor, case, **overrides):
    values = {"domain": "huisvesting", "description": "Een eigen kamer met huurcontract"} | overrides
    return services.plan_goal_add(actor=actor, case=case, **values)


def _action(actor, case, goal, **overrides):
    values = {"description": "Inschrijven bij de woningcorporatie", "owner": "de persoon, met de zorgcoördinator"}
    values |= {"due_on": timezone.localdate() + dt.timedelta(days=10)} | overrides
    return services.plan_action_add(actor=actor, case=case, goal=goal, **values)


def _reviews(case):
    return CareProcedure.objects.filter(case=case, kind=services.PLAN_REVIEW).order_by("id")


def test_the_first_goal_puts_the_review_three_months_ahead(coordinator, case):
    today = timezone.localdate()
    goal = _goal(coordinator, case)
    assert (goal.status, goal.closed_on) == (GoalStatus.OPEN, None)
    review = _reviews(case).get()
    assert review.started_on == today and review.due_on == services.add_months(today, 3)
    _goal(coordinator, case, domain="inkomen", description="Rvb-uitkering")
    assert _reviews(case).count() == 1  # one review runs at a time
    assert AuditEvent.objects.filter(object_type="care.careplangoal").count() == 2


def test_holding_the_review_schedules_the_next(coordinator, case):
    _goal(coordinator, case)
    review = _reviews(case).get()
    held = timezone.localdate()
    services.procedure_complete(actor=coordinator, case=case, procedure=review, done_on=held, outcome="Besproken")
    reviews = list(_reviews(case))
    assert len(reviews) == 2 and reviews[1].started_on == held and reviews[1].due_on == services.add_months(held, 3)
    assert reviews[1].done_on is None


def test_actions_with_who_and_by_when(coordinator, case):
    goal = _goal(coordinator, case)
    action = _action(coordinator, case, goal)
    services.plan_action_done(actor=coordinator, case=case, action=action, done_on=timezone.localdate())
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()
    with pytest.raises(ValidationError):  # done once
        services.plan_action_done(actor=coordinator, case=case, action=action, done_on=timezone.localdate())


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"description": " "}, "description"),
        ({"description": "x" * 301}, "description"),
        ({"owner": ""}, "owner"),
        ({"owner": "x" * 121}, "owner"),
        ({"due_on": dt.date(2020, 1, 1)}, "due_on"),
        ({"due_on": dt.date.today() + dt.timedelta(days=800)}, "due_on"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_actions_are_refused(coordinator, case, overrides, field):
    goal = _goal(coordinator, case)
    with pytest.raises(ValidationError) as error:
        _action(coordinator, case, goal, **overrides)
    assert field in error.value.message_dict
    assert not CarePlanAction.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"domain": "verzonnen"}, "domain"),
        ({"description": ""}, "description"),
        ({"description": "x" * 301}, "description"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_goals_are_refused(coordinator, case, overrides, field):
    with pytest.raises(ValidationError) as error:
        _goal(coordinator, case, **overrides)
    assert field in error.value.message_dict
    assert not CarePlanGoal.objects.exists() and not _reviews(case).exists()


@pytest.fixture(params=["now", "just_after_local_midnight"])
def clock(request):
    """Also at 00:30 in the Netherlands (23:30 UTC): the UTC date of a row's creation is then the
    day before the local date, which a check of "not before it was made" must not take for it."""
    if request.param == "now":
        yield
        return
    with time_machine.travel(dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC), tick=True):
        yield


def test_closing_a_goal(clock, coordinator, case):
    goal = _goal(coordinator, case)
    today = timezone.localdate()
    for status, closed_on, field in (
        ("lopend", today, "status"),
        ("bereikt", today + dt.timedelta(days=1), "closed_on"),
        ("bereikt", today - dt.timedelta(days=1), "closed_on"),
    ):
        with pytest.raises(ValidationError) as error:
            services.plan_goal_close(actor=coordinator, case=case, goal=goal, status=status, closed_on=closed_on)
        assert field in error.value.message_dict
    services.plan_goal_close(actor=coordinator, case=case, goal=goal, status="bereikt", closed_on=today)
    goal.refresh_from_db()
    assert (goal.status, goal.closed_on) == (GoalStatus.ACHIEVED, today)
    with pytest.raises(ValidationError):
        services.plan_goal_close(actor=coordinator, case=case, goal=goal, status="vervallen", closed_on=today)
    with pytest.raises(ValidationError) as error:  # no new action on a closed goal
        _action(coordinator, case, goal)
    assert "__all__" in error.value.message_dict


def test_an_action_done_before_it_was_agreed_is_refused(clock, coordinator, case):
    action = _action(coordinator, case, _goal(coordinator, case))
    for done_on in (timezone.localdate() + dt.timedelta(days=1), timezone.localdate() - dt.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.plan_action_done(actor=coordinator, case=case, action=action, done_on=done_on)
    action.refresh_from_db()
    assert action.done_on is None


def test_only_who_may_manage_the_case_and_only_its_own_rows(coordinator, case, triager, make_handover):
    goal = _goal(coordinator, case)
    action = _action(coordinator, case, goal)
    with pytest.raises(NotPermitted):
        _goal(triager, case)
    other = services.care_case_from_handover(actor=coordinator, handover=make_handover(), accept=True, pseudonym="Es 5")
    with pytest.raises(NotPermitted):
        services.plan_goal_close(
            actor=coordinator, case=other, goal=goal, status="bereikt", closed_on=timezone.localdate()
        )
    with pytest.raises(NotPermitted):
        _action(coordinator, other, goal)
    with pytest.raises(NotPermitted):
        services.plan_action_done(actor=coordinator, case=other, action=action, done_on=timezone.localdate())


def test_a_closed_case_takes_no_plan_and_no_next_review(coordinator, regional_coordinator, case):
    _goal(coordinator, case)
    closed = move_to(coordinator, case, CarePhase.ADVICE_ONLY, CarePhase.CLOSED, approver=regional_coordinator)
    with pytest.raises(ValidationError):
        _goal(coordinator, closed)
    review = _reviews(closed).get()
    services.procedure_complete(actor=coordinator, case=closed, procedure=review, done_on=timezone.localdate())
    assert _reviews(closed).count() == 1


def test_due_actions_on_the_start_page(client_for, coordinator, case):
    goal = _goal(coordinator, case)
    _action(coordinator, case, goal, description="Afspraak huisarts maken")
    later = _action(coordinator, case, goal, description="Later", due_on=timezone.localdate() + dt.timedelta(days=40))
    due = list(selectors.plan_actions_due(user=coordinator))
    assert [row.description for row in due] == ["Afspraak huisarts maken"] and later not in due
    assert "Afspraak huisarts maken" in client_for(coordinator).get(reverse("home:index")).text


def test_the_plan_through_the_case_page(client_for, coordinator, case):
    client = client_for(coordinator)
    refused = client.post(reverse("care:goal_add", args=[case.pk]), {"doel-domain": "huisvesting"})
    assert refused.status_code == 400 and "Dit veld is verplicht." in refused.text
    client.post(
        reverse("care:goal_add", args=[case.pk]), {"doel-domain": "huisvesting", "doel-description": "Eigen kamer"}
    )
    goal = CarePlanGoal.objects.get()
    due = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    url = reverse("care:plan_action_add", args=[case.pk, goal.pk])
    bad = client.post(
        url, {f"a{goal.pk}-description": "Bellen", f"a{goal.pk}-owner": "Zoë", f"a{goal.pk}-due_on": "2020-01-01"}
    )
    assert bad.status_code == 400 and "De uiterste datum ligt in het verleden." in bad.text
    assert (
        client.post(
            url, {f"a{goal.pk}-description": "Bellen", f"a{goal.pk}-owner": "Zoë", f"a{goal.pk}-due_on": due}
        ).status_code
        == 302
    )
    action = CarePlanAction.objects.get()
    done = reverse("care:plan_action_done", args=[case.pk, action.pk])
    assert client.post(done, {f"d{action.pk}-done_on": timezone.localdate().isoformat()}).status_code == 302
    close = reverse("care:goal_close", args=[case.pk, goal.pk])
    assert (
        client.post(
            close, {f"g{goal.pk}-status": "bereikt", f"g{goal.pk}-closed_on": timezone.localdate().isoformat()}
        ).status_code
        == 302
    )
    page = client.get(reverse("care:case", args=[case.pk])).text
    assert "Huisvesting en opvang: Eigen kamer" in page and "Bereikt" in page and "Evaluatie trajectplan" in page


def test_plan_rows_of_another_case_are_404(client_for, coordinator, case, make_handover):
    goal = _goal(coordinator, case)
    action = _action(coordinator, case, goal)
    other = services.care_case_from_handover(actor=coordinator, handover=make_handover(), accept=True, pseudonym="Es 5")
    client = client_for(coordinator)
    assert client.post(reverse("care:goal_close", args=[other.pk, goal.pk]), {}).status_code == 404
    assert client.post(reverse("care:plan_action_add", args=[other.pk, goal.pk]), {}).status_code == 404
    assert client.post(reverse("care:plan_action_done", args=[other.pk, action.pk]), {}).status_code == 404
