"""The domain rules of the Verbinden services: each refusal is a ValidationError on the
right field, and a refused write changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from baken.coordination import services
from baken.partners.models import Partner
from baken.testing.signals import make_signal
from baken.testing.snapshots import database_state


def _refused(call, field=None):
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        call()
    assert database_state() == before
    if field is not None:
        assert field in refused.value.message_dict, refused.value
    return refused.value


def _escalation(**overrides):
    values = {
        "channel": "telefoon",
        "purpose": "Controle afstemmen",
        "legal_ground": "wettelijke_taak",
        "shared_fields": ["reference"],
        "shared_on": timezone.localdate(),
    }
    values.update(overrides)
    return values


def test_an_empty_note_is_refused(triager, signal):
    _refused(lambda: services.triage_note_add(actor=triager, signal=signal, text="   "), "text")


def test_a_too_long_message_to_the_reporter_is_refused(triager, signal):
    message = "x" * (services.MAX_MESSAGE_LENGTH + 1)
    _refused(lambda: services.signal_share_message(actor=triager, signal=signal, message=message), "message")


def test_a_signal_is_not_linked_or_merged_with_itself(triager, signal):
    _refused(lambda: services.signal_link(actor=triager, signal=signal, other=signal))
    _refused(lambda: services.signal_merge(actor=triager, duplicate=signal, into=signal))


def test_merge_into_a_merged_signal_or_of_a_closed_one_is_refused(triager, reporter, signal):
    duplicate = make_signal(reporter)
    third = make_signal(reporter)
    services.signal_merge(actor=triager, duplicate=duplicate, into=signal)
    duplicate.refresh_from_db()
    error = _refused(lambda: services.signal_merge(actor=triager, duplicate=third, into=duplicate))
    assert duplicate.reference in error.messages[0]
    # The duplicate is closed now: merging it again is refused.
    _refused(lambda: services.signal_merge(actor=triager, duplicate=duplicate, into=third))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"partner": None}, "partner"),
        ({"purpose": " "}, "purpose"),
        ({"legal_ground": "gevoel"}, "legal_ground"),
        ({"legal_ground": "toestemming", "consent_note": ""}, "consent_note"),
        ({"shared_fields": []}, "shared_fields"),
        ({"shared_fields": ["bsn"]}, "shared_fields"),
        ({"shared_on": None}, "shared_on"),
        ({"shared_on": dt.date(2999, 1, 1)}, "shared_on"),
        ({"expected_feedback_on": dt.date(2000, 1, 1)}, "expected_feedback_on"),
        ({"status": "teruggekoppeld"}, "status"),
    ],
)
def test_escalation_rules(overrides, field, triager, signal, police):
    values = {"partner": police, **_escalation(**overrides)}
    _refused(lambda: services.escalation_create(actor=triager, signal=signal, **values), field)


def test_a_partner_the_actor_cannot_see_is_no_choice(triager, signal, zuiderhaven):
    foreign = Partner.objects.create(organisation=zuiderhaven, name="Elders", partner_type="politie")
    _refused(
        lambda: services.escalation_create(actor=triager, signal=signal, partner=foreign, **_escalation()), "partner"
    )


@pytest.fixture
def escalation(triager, signal, police):
    return services.escalation_create(actor=triager, signal=signal, partner=police, **_escalation(status="verzonden"))


def test_escalation_update_rules(triager, escalation):
    update = services.escalation_update
    _refused(lambda: update(actor=triager, escalation=escalation, status="teruggekoppeld"), "feedback")
    _refused(
        lambda: update(
            actor=triager, escalation=escalation, status="bevestigd", feedback="x", feedback_on=dt.date(2999, 1, 1)
        ),
        "feedback_on",
    )
    _refused(lambda: update(actor=triager, escalation=escalation, status=escalation.status), "status")


def test_feedback_without_a_new_status_is_recorded(triager, escalation):
    from baken.core.models import AuditEvent

    updated = services.escalation_update(
        actor=triager, escalation=escalation, status=escalation.status, feedback="Controle gepland"
    )
    assert (updated.status, updated.feedback, updated.feedback_on) == (
        "verzonden",
        "Controle gepland",
        timezone.localdate(),
    )
    assert AuditEvent.objects.filter(object_id=str(escalation.pk), reason="terugkoppeling bijgewerkt").exists()


def test_feedback_with_the_next_status_moves_the_workflow(triager, escalation):
    updated = services.escalation_update(
        actor=triager, escalation=escalation, status="teruggekoppeld", feedback="Aangehouden", note="Gebeld"
    )
    assert (updated.status, updated.feedback) == ("teruggekoppeld", "Aangehouden")
    assert updated.status_changes.last().to_status == "teruggekoppeld"
