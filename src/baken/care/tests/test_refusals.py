"""The care services' remaining refusals: a partner of another municipality, a closed case, a
placement of another case, and texts past their length. Each refusal saves nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from baken.care import services
from baken.care.models import CarePhase, CareReferral, ComenshaRegistration, ShelterPlacement
from baken.core.exceptions import NotPermitted
from baken.partners.models import Partner
from baken.testing.care import move_to, place, refer, register


@pytest.fixture
def foreign_partner(zuiderhaven):
    return Partner.objects.create(organisation=zuiderhaven, name="Opvang Zuiderhaven", partner_type="zorgcoordinator")


def test_a_partner_of_another_municipality_is_refused(coordinator, case, foreign_partner):
    with pytest.raises(ValidationError) as error:
        refer(coordinator, case, foreign_partner)
    assert "partner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        place(coordinator, case, foreign_partner)
    assert "provider" in error.value.message_dict
    assert not CareReferral.objects.exists() and not ShelterPlacement.objects.exists()


def test_a_closed_case_takes_no_referral_or_shelter(coordinator, regional_coordinator, case, care_partner):
    closed = move_to(coordinator, case, CarePhase.ADVICE_ONLY, CarePhase.CLOSED, approver=regional_coordinator)
    for action in (refer, place):
        with pytest.raises(ValidationError) as error:
            action(coordinator, closed, care_partner)
        assert "__all__" in error.value.message_dict
    assert not CareReferral.objects.exists() and not ShelterPlacement.objects.exists()


def test_texts_past_their_length_are_refused(coordinator, case, care_partner):
    with pytest.raises(ValidationError) as error:
        refer(coordinator, case, care_partner, shared="x" * 501)
    assert "shared" in error.value.message_dict
    referral = refer(coordinator, case, care_partner)
    with pytest.raises(ValidationError) as error:
        services.referral_update(
            actor=coordinator, case=case, referral=referral, implemented_on=dt.date(2026, 11, 25), outcome="x" * 301
        )
    assert "outcome" in error.value.message_dict
    placement = place(coordinator, case, care_partner)
    with pytest.raises(ValidationError) as error:
        services.shelter_end(
            actor=coordinator, case=case, placement=placement, ended_on=dt.date(2026, 11, 20), reason="x" * 301
        )
    assert "reason" in error.value.message_dict
    for field, value in (("reference", "x" * 41), ("intake_info", "x" * 1001)):
        with pytest.raises(ValidationError) as error:
            register(coordinator, case, **{field: value})
        assert field in error.value.message_dict
    referral.refresh_from_db()
    placement.refresh_from_db()
    assert (referral.outcome, placement.ended_on, ComenshaRegistration.objects.count()) == ("", None, 0)


def test_a_placement_of_another_case_is_refused(coordinator, case, care_partner, make_handover):
    other = services.care_case_from_handover(
        actor=coordinator, handover=make_handover(), accept=True, pseudonym="Eik 20"
    )
    placement = place(coordinator, other, care_partner)
    with pytest.raises(NotPermitted):
        services.shelter_end(
            actor=coordinator, case=case, placement=placement, ended_on=dt.date(2026, 11, 20), reason="Weg"
        )
    placement.refresh_from_db()
    assert placement.ended_on is None
