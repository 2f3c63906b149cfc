"""The rules of signal_submit and signal_check: every error on its field, nothing saved."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError

from baken.signalling.models import Signal
from baken.signalling.services import SignalInput, signal_check, signal_submit
from baken.testing.snapshots import database_state


def _input(**overrides) -> SignalInput:
    values = {
        "observed_on": dt.date(2026, 11, 1),
        "channel": "balie",
        "description": "Zes mensen slapen in de loods",
        "form_unknown": True,
        "location_description": "Loods achter het station",
    }
    values.update(overrides)
    return SignalInput(**values)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"description": "  "}, "description"),
        ({"observed_on": dt.date(2999, 1, 1)}, "observed_on"),
        ({"form_unknown": False}, "forms"),
        ({"indicator_ids": [999999]}, "indicators"),
        ({"postcode": "9901 AB", "location_description": ""}, "house_number"),
        ({"location_description": ""}, "location_description"),
    ],
)
def test_each_rule_names_its_field_and_saves_nothing(overrides, field, reporter):
    before = database_state()
    for call in (
        lambda: signal_check(reporter=reporter, data=_input(**overrides)),
        lambda: signal_submit(reporter=reporter, data=_input(**overrides), submission_key=uuid.uuid4()),
    ):
        with pytest.raises(ValidationError) as refused:
            call()
        assert field in refused.value.message_dict
    assert database_state() == before


def test_too_many_or_bad_attachments_are_refused(reporter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from baken.signalling.uploads import MAX_ATTACHMENTS
    from baken.testing.signals import png_file

    with pytest.raises(ValidationError) as refused:
        signal_check(reporter=reporter, data=_input(attachments=[png_file() for _ in range(MAX_ATTACHMENTS + 1)]))
    assert "attachments" in refused.value.message_dict
    fake = SimpleUploadedFile("virus.png", b"MZ not an image", content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        signal_check(reporter=reporter, data=_input(attachments=[fake]))
    assert "attachments" in refused.value.message_dict


def test_a_repeated_submission_key_returns_the_first_signal(reporter):
    key = uuid.uuid4()
    first, created = signal_submit(reporter=reporter, data=_input(), submission_key=key)
    again, created_again = signal_submit(reporter=reporter, data=_input(description="Anders"), submission_key=key)
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert Signal.objects.filter(reporter=reporter).count() == 1


def test_a_concurrent_double_submit_returns_the_signal_that_won(reporter, monkeypatch):
    """When the same key was saved between the check and the insert, the IntegrityError is
    answered with the signal that was saved, and the loser's files are removed."""
    from django.db import IntegrityError

    from baken.signalling import services

    key = uuid.uuid4()
    winner, _created = signal_submit(reporter=reporter, data=_input(), submission_key=key)
    deleted = []

    def losing_create(reporter, data, submission_key, indicators, forms, saved_files):
        saved_files.append("bestand")
        raise IntegrityError("duplicate submission key")

    monkeypatch.setattr(services, "_create", losing_create)
    monkeypatch.setattr(services, "_delete_files", lambda files: deleted.extend(files))
    monkeypatch.setattr(Signal.objects, "filter", _first_call_finds_nothing(Signal.objects.filter), raising=False)
    signal, created = signal_submit(reporter=reporter, data=_input(), submission_key=key)
    assert (signal.pk, created, deleted) == (winner.pk, False, ["bestand"])


def _first_call_finds_nothing(real_filter):
    calls = {"n": 0}

    def fake(*args, **kwargs):
        calls["n"] += 1
        rows = real_filter(*args, **kwargs)
        return rows.none() if calls["n"] == 1 else rows

    return fake


def test_an_integrity_error_without_a_winner_is_raised_and_files_removed(reporter, monkeypatch):
    from django.db import IntegrityError

    from baken.signalling import services

    deleted = []

    def failing_create(reporter, data, submission_key, indicators, forms, saved_files):
        saved_files.append("bestand")
        raise IntegrityError("something else")

    monkeypatch.setattr(services, "_create", failing_create)
    monkeypatch.setattr(services, "_delete_files", lambda files: deleted.extend(files))
    with pytest.raises(IntegrityError):
        signal_submit(reporter=reporter, data=_input(), submission_key=uuid.uuid4())
    assert deleted == ["bestand"]
    assert not Signal.objects.exists()
