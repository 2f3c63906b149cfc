"""Deadlines come from the catalogue file, computed by rule: months, calendar days, working days,
years, or a date from a decision."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from baken.care.catalogue.loader import CATALOGUE_FILE, catalogue, parse
from baken.care.services import add_months, compute_due, procedure_start


def test_every_k_fact_is_flagged_to_verify_and_every_rule_has_a_source():
    data = catalogue()
    assert data.version
    assert data.deadlines and data.sources and data.closure_reasons and data.facts
    for rule in data.deadlines.values():
        assert rule.source.strip(), rule.code
        if rule.basis == "K":
            assert rule.to_verify, rule.code
    for fact in data.facts.values():
        assert fact.basis != "K" or fact.to_verify, fact.code
    assert data.deadlines["plan_evaluatie"].to_verify  # [K/D] in the brief
    assert not data.deadlines["bedenktijd"].to_verify  # [S]


def test_an_unknown_rule_in_the_file_is_refused():
    import tomllib

    data = tomllib.loads(CATALOGUE_FILE.read_text())
    data["deadlines"][0]["rule"] = "maanstanden"
    with pytest.raises(ValueError, match="maanstanden"):
        parse(data)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 15), 3, dt.date(2026, 4, 15)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),  # shorter month: its last day
        (dt.date(2027, 11, 30), 3, dt.date(2028, 2, 29)),  # leap year
        (dt.date(2026, 12, 31), 1, dt.date(2027, 1, 31)),
        (dt.date(2026, 5, 31), 36, dt.date(2029, 5, 31)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_each_rule_kind():
    rules = catalogue().deadlines
    start = dt.date(2026, 11, 27)  # a Friday
    assert compute_due(rules["bedenktijd"], start) == dt.date(2027, 2, 27)  # three months, at most
    assert compute_due(rules["rvb_aanvraag"], start) == dt.date(2026, 12, 11)  # two weeks
    assert compute_due(rules["dublin_beoordeling"], start) == dt.date(2026, 12, 25)  # 20 working days
    assert compute_due(rules["voortgezet_verblijf"], dt.date(2024, 2, 29)) == dt.date(2027, 2, 28)  # three years
    with pytest.raises(ValueError):
        compute_due(rules["b8_vergunning"], start)


def test_a_procedure_gets_its_deadline_and_reminder_from_the_catalogue(coordinator, case):
    procedure = procedure_start(actor=coordinator, case=case, kind="plan_evaluatie", started_on=dt.date(2026, 11, 2))
    assert procedure.due_on == dt.date(2027, 2, 2)  # three months
    assert procedure.remind_on == dt.date(2027, 2, 2) - dt.timedelta(
        days=catalogue().deadlines["plan_evaluatie"].reminder_days
    )
    assert procedure.catalogue_version == catalogue().version


def test_a_decision_date_is_entered_and_checked(coordinator, case, monkeypatch):
    """A free procedure whose date comes from a decision (no such rule is free today: the permit
    has its track, the shelter's planned end its placement; a catalogue may add one)."""
    import dataclasses

    from baken.care import services
    from baken.care.catalogue.loader import DeadlineRule

    rule = DeadlineRule(
        code="besluit",
        label="Besluit",
        due_label="Geldig tot",
        rule="date",
        amount=0,
        reminder_days=14,
        basis="D",
        to_verify=False,
        source="Test",
        explanation="",
        order=99,
    )
    data = catalogue()
    patched = dataclasses.replace(data, deadlines={**data.deadlines, "besluit": rule})
    monkeypatch.setattr(services, "catalogue", lambda: patched)
    with pytest.raises(ValidationError) as error:
        procedure_start(actor=coordinator, case=case, kind="besluit", started_on=dt.date(2026, 11, 2))
    assert "due_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        procedure_start(
            actor=coordinator,
            case=case,
            kind="besluit",
            started_on=dt.date(2026, 11, 2),
            due_on=dt.date(2026, 10, 1),
        )
    assert "due_on" in error.value.message_dict
    permit = procedure_start(
        actor=coordinator, case=case, kind="besluit", started_on=dt.date(2026, 11, 2), due_on=dt.date(2027, 11, 2)
    )
    assert permit.remind_on == dt.date(2027, 11, 2) - dt.timedelta(days=14)  # the catalogue's 14 days
