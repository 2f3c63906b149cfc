"""Fixtures of the case-meeting tests: zorgcoördinatoren of Voorbeeld, Zuiderhaven and the region,
an aanmelding, a meeting with a planned aanmelding on its agenda, and an attendee who is a Baken
user (an aandachtsfunctionaris of Voorbeeld)."""

import pytest

from baken.core.confidentiality import Confidentiality
from baken.testing.meetings import make_attendee, make_item, make_meeting, make_referral


@pytest.fixture
def coordinator(make_user, voorbeeld):
    return make_user("zorgcoordinator", voorbeeld, clearance=Confidentiality.CONFIDENTIEEL, username="zoe")


@pytest.fixture
def other_coordinator(make_user, zuiderhaven):
    return make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.CONFIDENTIEEL, username="zara")


@pytest.fixture
def regional_coordinator(make_user, region):
    return make_user("zorgcoordinator", None, region=region, clearance=Confidentiality.GEHEIM, username="ruben")


@pytest.fixture
def referral(coordinator, voorbeeld):
    return make_referral(coordinator, voorbeeld)


@pytest.fixture
def meeting(coordinator, voorbeeld):
    return make_meeting(coordinator, voorbeeld)


@pytest.fixture
def item(coordinator, voorbeeld, meeting):
    return make_item(coordinator, voorbeeld, meeting=meeting)


@pytest.fixture
def colleague(make_user, voorbeeld):
    """An aandachtsfunctionaris of Voorbeeld, cleared for confidentieel: attends meetings."""
    return make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.CONFIDENTIEEL, username="anouk")


@pytest.fixture
def seat(coordinator, meeting, colleague):
    return make_attendee(coordinator, meeting, user=colleague, name="Anouk", organisation_name="Gemeente Voorbeeld")
