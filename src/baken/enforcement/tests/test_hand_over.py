"""Debrief: "signaal mensenhandel doorzetten" creates a signal in the aandachtsfunctionaris's
inbox through the intake service, with the inspector as reporter and the inspection linked."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.coordination.selectors import inbox
from baken.core.models import AuditEvent
from baken.enforcement.services import InspectionRecord, inspection_hand_over, inspection_record
from baken.signalling.models import Signal

pytestmark = pytest.mark.django_db


def record(inspector, inspection):
    data = InspectionRecord(
        performed_at=timezone.now() - dt.timedelta(hours=2), situation="toegang_verleend", outcome="overtreding"
    )
    inspection_record(actor=inspector, inspection=inspection, data=data)
    inspection.refresh_from_db()


def test_the_debriefs_signal_arrives_in_triage(inspector, inspection, triager, location):
    record(inspector, inspection)
    signal = inspection_hand_over(
        actor=inspector,
        inspection=inspection,
        description="Bewoners zonder eigen paspoort",
        people_count=3,
        submission_key=uuid.uuid4(),
    )
    inspection.refresh_from_db()
    assert inspection.handed_signal == signal
    assert signal.reporter == inspector
    assert signal.channel == "controle"
    assert (signal.postcode, signal.house_number) == (location.postcode, location.house_number)
    assert signal.people_count == 3
    _filter, rows = inbox(user=triager, params={})
    assert signal in rows
    assert AuditEvent.objects.filter(actor=inspector, object_id=str(inspection.pk), action="update").exists()


def test_a_double_click_makes_one_signal_and_a_second_hand_over_is_refused(inspector, inspection):
    record(inspector, inspection)
    key = uuid.uuid4()
    first = inspection_hand_over(
        actor=inspector, inspection=inspection, description="Slapen in de loods", people_count=None, submission_key=key
    )
    again = inspection_hand_over(
        actor=inspector, inspection=inspection, description="Slapen in de loods", people_count=None, submission_key=key
    )
    assert first == again
    with pytest.raises(ValidationError) as error:  # another click, another key: refused
        inspection_hand_over(
            actor=inspector, inspection=inspection, description="Meer", people_count=None, submission_key=uuid.uuid4()
        )
    assert "al een melding gedaan" in str(error.value)
    assert Signal.objects.count() == 1


def test_hand_over_needs_a_recorded_inspection_and_a_description(inspector, inspection):
    with pytest.raises(ValidationError) as error:
        inspection_hand_over(
            actor=inspector, inspection=inspection, description="Iets", people_count=None, submission_key=uuid.uuid4()
        )
    assert "Leg eerst de controle vast" in str(error.value)
    record(inspector, inspection)
    with pytest.raises(ValidationError):
        inspection_hand_over(
            actor=inspector, inspection=inspection, description="  ", people_count=None, submission_key=uuid.uuid4()
        )
    assert not Signal.objects.exists()


def test_the_inspection_page_hands_over(client_for, inspector, inspection):
    record(inspector, inspection)
    url = reverse("enforcement:hand_over", args=[inspection.case_id, inspection.pk])
    client = client_for(inspector)
    empty = client.post(url, {"doorzetten-description": "", "doorzetten-submission_key": str(uuid.uuid4())})
    assert empty.status_code == 400
    assert "Beschrijf wat u zag of hoorde." in empty.content.decode()
    response = client.post(
        url, {"doorzetten-description": "Matrassen in de loods", "doorzetten-submission_key": str(uuid.uuid4())}
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    signal = Signal.objects.get()
    assert f"Gemeld als melding {signal.reference}" in page
