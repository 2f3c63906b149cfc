"""The Casusoverleg demo: a weekly triage with three aanmeldingen, one Zorgtafel with attendees
from police, Veilig Thuis and a shelter on their legal bases, a sharing log and agreed actions,
one overdue, and the analysis of the case at the table; loading twice changes nothing. Built on
the demo's accounts only (fast)."""

import pytest
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.demo.meetings import load_demo_meetings
from baken.meetings.models import AgendaItem, CaseReferral, Meeting, MeetingAction, SharingLogEntry
from baken.meetings.selectors import triage_queue


@pytest.mark.django_db
def test_demo_meetings(make_user, voorbeeld):
    coordinator = make_user(
        "zorgcoordinator", voorbeeld, clearance=Confidentiality.CONFIDENTIEEL, username="zorgcoordinator-voorbeeld"
    )
    make_user(
        "aandachtsfunctionaris",
        voorbeeld,
        clearance=Confidentiality.CONFIDENTIEEL,
        username="aandachtsfunctionaris-voorbeeld",
    )
    assert load_demo_meetings(voorbeeld) == 4
    queue = triage_queue(user=coordinator, now=timezone.now() + timezone.timedelta(days=7))
    assert queue["this_week"].count() == 3
    meeting = Meeting.objects.get()
    assert {a.legal_basis for a in meeting.attendees.all()} == {"wgs", "convenant", "toestemming"}
    assert SharingLogEntry.objects.count() == 3
    assert MeetingAction.objects.filter(due_on__lt=timezone.localdate(), status="open").count() == 1
    assert CaseReferral.objects.get(pseudonym="Wilg 31").status == "in_uitvoering"
    item = AgendaItem.objects.get(referral__pseudonym="Wilg 31")
    assert item.hypothesis == "aanwijzingen" and item.safety_level == "zorgelijk"
    assert load_demo_meetings(voorbeeld) == 0
    assert CaseReferral.objects.count() == 4
