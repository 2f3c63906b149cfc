"""Builds self-assessments, plans and actions for tests, through the services."""

import datetime as dt


def make_assessment(actor, year: int = 2026):
    from baken.policy.services import assessment_create

    return assessment_create(actor=actor, year=year)


def make_plan(actor, **overrides):
    from baken.policy.services import plan_create

    values = {"title": "Uitvoeringsplan mensenhandel 2026-2028", "first_year": 2026, "last_year": 2028} | overrides
    return plan_create(actor=actor, values=values)


def action_values(**overrides) -> dict:
    return {
        "title": "Training balie en toezicht",
        "kader_theme": "signalering",
        "owner": "Team OOV",
        "partners": "CCV",
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2026, 12, 31),
        "budget": None,
        "indicator": "Aandeel getrainde baliemedewerkers",
        "target": "80 %",
    } | overrides


def make_action(actor, plan=None, **overrides):
    from baken.policy.services import action_create

    return action_create(actor=actor, plan=plan or make_plan(actor), values=action_values(**overrides))


def make_risk_picture(actor, year: int = 2026):
    from baken.policy.services import risk_picture_create

    return risk_picture_create(actor=actor, year=year)


def goal_values(**overrides) -> dict:
    return {
        "title": "Elke medewerker aan de balie herkent signalen",
        "kader_theme": "signalering",
        "local_pillar": "",
        "description": "",
        "indicator": "Aandeel getrainde baliemedewerkers",
        "target": "80 % in 2027",
    } | overrides


def make_goal(actor, plan=None, **overrides):
    from baken.policy.services import goal_create

    return goal_create(actor=actor, plan=plan or make_plan(actor), values=goal_values(**overrides))
