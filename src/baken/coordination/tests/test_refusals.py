"""The coordination services' remaining refusals and edges: an assignee who may not triage, a
message past its length, an unknown standard message, empty bulk selections, the referral
steps of a signal already handed over, and the reporter told once of a message given with a
status step that does not change what they see."""

import pytest
from django.core.exceptions import ValidationError

from baken.coordination import services
from baken.core.models import Notification
from baken.signalling.models import Signal, SignalStatus
from baken.signalling.status import coarse_status
from baken.signalling.workflow import SIGNAL_WORKFLOW


def test_a_step_with_an_assignee_who_may_not_triage_changes_nothing(triager, reporter, signal):
    with pytest.raises(ValidationError) as error:
        services.signal_transition(actor=triager, signal=signal, target=SignalStatus.IN_PROGRESS, assignee=reporter)
    assert "assignee" in error.value.message_dict
    signal.refresh_from_db()
    assert (signal.status, signal.assigned_to) == (SignalStatus.NEW, None)


def test_a_message_past_its_length_changes_nothing(triager, signal):
    with pytest.raises(ValidationError) as error:
        services.signal_transition(
            actor=triager,
            signal=signal,
            target=SignalStatus.IN_PROGRESS,
            message="x" * (services.MAX_MESSAGE_LENGTH + 1),
        )
    assert "message" in error.value.message_dict
    signal.refresh_from_db()
    assert (signal.status, signal.reporter_message) == (SignalStatus.NEW, "")


def test_an_unknown_standard_message_is_refused(triager, signal):
    with pytest.raises(ValidationError) as error:
        services.signal_share_message(actor=triager, signal=signal, message="", message_template="bestaat-niet")
    assert "message_template" in error.value.message_dict
    signal.refresh_from_db()
    assert signal.reporter_message == ""


def test_empty_bulk_selections_are_refused(triager):
    with pytest.raises(ValidationError):
        services.signals_bulk_assign(actor=triager, signals=[], assignee=triager)
    with pytest.raises(ValidationError):
        services.signals_bulk_transition(actor=triager, signals=[], target=SignalStatus.IN_PROGRESS, reason="x")


def test_a_signal_handed_over_needs_no_more_steps_to_be_handed_over():
    assert services.referral_steps(SignalStatus.REFERRED) == []
    assert services.may_refer(SignalStatus.REFERRED)


def test_a_message_with_a_step_the_reporter_does_not_see_is_news_once(triager, reporter, signal):
    """A step between two statuses the reporter sees alike (both 'Opgepakt'): the status does
    not tell them, so the message does, once."""
    step = next(
        transition
        for transition in SIGNAL_WORKFLOW.transitions
        if not transition.system_only
        and transition.target != SignalStatus.CLOSED
        and coarse_status(transition.source) == coarse_status(transition.target)
    )
    Signal.objects.filter(pk=signal.pk).update(status=step.source)
    signal.refresh_from_db()
    before = Notification.objects.filter(recipient=reporter).count()
    services.signal_transition(
        actor=triager, signal=signal, target=step.target, reason="Verder bij de partner", message="We volgen het."
    )
    signal.refresh_from_db()
    assert (signal.status, signal.reporter_message) == (step.target, "We volgen het.")
    assert Notification.objects.filter(recipient=reporter).count() == before + 1
