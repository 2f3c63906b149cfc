"""A full upload disk (ENOSPC) while a report is sent: a Dutch message on the form, not a 500;
nothing saved, no partial file; the text stays in the draft (drills/full_disk.py does this on a
real, full tmpfs)."""

import datetime as dt
import errno
import uuid
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from baken.core.storage import PrivateStorage
from baken.signalling.models import IntakeDraft, IntakeDraftUpload, Signal, SignalAttachment
from baken.signalling.services import SignalInput, signal_submit
from baken.signalling.tests.conftest import png_upload
from baken.testing.signals import make_signal, png_file

INTAKE = reverse("signalling:intake")
FULL = OSError(errno.ENOSPC, "No space left on device")


def storage_fails(error: OSError):
    return mock.patch("django.core.files.storage.InMemoryStorage._save", side_effect=error)


@pytest.mark.django_db
def test_a_full_disk_gives_a_dutch_message_and_keeps_the_draft(client_for, reporter, intake_data):
    with storage_fails(FULL):
        response = client_for(reporter).post(INTAKE, intake_data(attachments=[png_upload()]))
    assert response.status_code == 200
    assert "de opslag is vol" in response.content.decode()
    assert not Signal.objects.exists() and not SignalAttachment.objects.exists()
    draft = IntakeDraft.objects.get(owner=reporter)
    assert draft.data["description"] == ["Matrassen in de loods, zes mensen slapen er."]
    assert not IntakeDraftUpload.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_with_a_form_error_and_saves_nothing(reporter):
    with storage_fails(FULL), pytest.raises(ValidationError) as refused:
        make_signal(reporter, with_attachment=True)
    assert "de opslag is vol" in refused.value.message_dict["attachments"][0]
    assert not Signal.objects.exists()


@pytest.mark.django_db
def test_other_disk_errors_are_not_taken_for_a_full_disk(reporter):
    with storage_fails(OSError(errno.EIO, "I/O error")), pytest.raises(OSError):
        make_signal(reporter, with_attachment=True)
    assert not Signal.objects.exists()


@pytest.mark.django_db
def test_other_disk_errors_while_keeping_a_draft_are_not_hidden(client_for, reporter, intake_data):
    client = client_for(reporter)
    client.raise_request_exception = True
    # Not sent (no description), so the photo goes to the draft: a disk that fails otherwise than
    # full is an error for the operator, not a form message.
    with storage_fails(OSError(errno.EIO, "I/O error")), pytest.raises(OSError):
        client.post(INTAKE, intake_data(description="", attachments=[png_upload()]))
    assert not IntakeDraftUpload.objects.exists()


class FailsHalfway(ContentFile):
    """Content whose second chunk cannot be written: the disk filled up during the write."""

    def chunks(self, chunk_size=None):
        yield b"x" * 1000
        raise OSError(errno.ENOSPC, "No space left on device")


def test_the_private_storage_leaves_no_partial_file(tmp_path):
    storage = PrivateStorage(location=tmp_path)
    with pytest.raises(OSError):
        storage.save("bijlagen/foto.png", FailsHalfway(b"", name="foto.png"))
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []
    assert storage.save("bijlagen/foto.png", ContentFile(b"png")) == "bijlagen/foto.png"


def test_an_existing_name_still_gets_a_new_one(tmp_path):
    storage = PrivateStorage(location=tmp_path)
    first = storage.save("a.txt", ContentFile(b"1"))
    with mock.patch.object(PrivateStorage, "get_available_name", side_effect=[first, "b.txt"]):
        assert storage.save("a.txt", ContentFile(b"2")) == "b.txt"
    assert (tmp_path / first).read_bytes() == b"1"


@pytest.mark.django_db
def test_a_report_sent_again_once_there_is_room(reporter):
    key = uuid.uuid4()
    with storage_fails(FULL), pytest.raises(ValidationError):
        _submit(reporter, key)
    signal, created = _submit(reporter, key)
    assert created and signal.attachments.count() == 1


def _submit(reporter, key):
    data = SignalInput(
        observed_on=dt.date(2026, 11, 1),
        channel="balie",
        description="Testsignaal",
        form_unknown=True,
        location_description="Balie",
        attachments=[png_file()],
    )
    return signal_submit(reporter=reporter, data=data, submission_key=key)
