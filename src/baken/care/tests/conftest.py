"""Fixtures of the care tests: zorgcoördinatoren of Voorbeeld and of the region, a signal handed
over to zorgcoördinatie, and a care case started from it."""

import datetime as dt

import pytest

from baken.core.confidentiality import Confidentiality


@pytest.fixture
def coordinator(make_user, voorbeeld):
    return make_user("zorgcoordinator", voorbeeld, clearance=Confidentiality.CONFIDENTIEEL, username="zoe")


@pytest.fixture
def regional_coordinator(make_user, region):
    return make_user("zorgcoordinator", None, region=region, clearance=Confidentiality.GEHEIM, username="ruben")


@pytest.fixture
def care_partner(voorbeeld):
    from baken.partners.models import Partner

    return Partner.objects.create(organisation=voorbeeld, name="Zorgcoördinatie regio", partner_type="zorgcoordinator")


@pytest.fixture
def make_handover(triager, care_partner):
    from baken.coordination.services import escalation_create
    from baken.testing.signals import make_signal

    def make(signal=None, **overrides):
        values = {
            "channel": "beveiligde_mail",
            "purpose": "Opvang en begeleiding",
            "legal_ground": "wettelijke_taak",
            "shared_fields": ["reference", "people", "description"],
            "shared_on": dt.date(2026, 11, 2),
            "status": "verzonden",
        }
        values.update(overrides)
        signal = signal or make_signal(triager, description="Vrouw zonder paspoort in chalet")
        return escalation_create(actor=triager, signal=signal, partner=care_partner, **values)

    return make


@pytest.fixture
def handover(make_handover):
    return make_handover()


@pytest.fixture
def case(coordinator, handover):
    from baken.care.services import care_case_from_handover

    return care_case_from_handover(actor=coordinator, handover=handover, accept=True, pseudonym="Linde 14")


@pytest.fixture
def closing_alone(regional_coordinator):
    """The region agreed that a zorgcoördinator closes a trajectory without a second one."""
    from baken.care.services import care_region_setting_set

    return care_region_setting_set(actor=regional_coordinator, closure_needs_approval=False)
