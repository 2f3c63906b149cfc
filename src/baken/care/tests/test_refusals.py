"""The care services' remaining refusals: a partner of another municipality, a closed case, a
placement of another case, and texts past their length. Each refusal saves nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from baken.care import services
from baken.care.catalogue.loader import catalogue
from baken.care.models import CarePhase, CareReferral, ComenshaRegistration, ShelterPlacement
from baken.core.exceptions import NotPermitted
from baken.partners.models import Partner


@pytest.fixture
def foreign_partner(zuiderhaven):
    return Partner.objects.create(organisation=zuiderhaven, name="Opvang Zuiderhaven", partner_type="zorgcoordinator")


def _refer(coordinator, case, partner, **overrides):
    values = {
        "service_type": "medisch",
        "partner": partner,
        "requested_on": dt.date(2026, 11, 20),
        "shared": "Naam en hulpvraag",
        "legal_basis": "publieke_taak",
    }
    return services.referral_create(actor=coordinator, case=case, **(values | overrides))


def _place(coordinator, case, partner, **overrides):
    values = {"shelter_type": "cosm", "provider": partner, "started_on": dt.date(2026, 11, 1)}
    return services.shelter_place(actor=coordinator, case=case, **(values | overrides))


def _close(coordinator, case):
    for target in (CarePhase.ADVICE_ONLY, CarePhase.CLOSED):
        case = services.care_case_transition(
            actor=coordinator,
            case=case,
            target=target,
            reason="Test",
            closure_reason=next(iter(catalogue().closure_reasons)) if target == CarePhase.CLOSED else "",
        )
    return case


def test_a_partner_of_another_municipality_is_refused(coordinator, case, foreign_partner):
    with pytest.raises(ValidationError) as error:
        _refer(coordinator, case, foreign_partner)
    assert "partner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _place(coordinator, case, foreign_partner)
    assert "provider" in error.value.message_dict
    assert not CareReferral.objects.exists() and not ShelterPlacement.objects.exists()


def test_a_closed_case_takes_no_referral_or_shelter(coordinator, case, care_partner):
    closed = _close(coordinator, case)
    for action in (_refer, _place):
        with pytest.raises(ValidationError) as error:
            action(coordinator, closed, care_partner)
        assert "__all__" in error.value.message_dict
    assert not CareReferral.objects.exists() and not ShelterPlacement.objects.exists()


def test_texts_past_their_length_are_refused(coordinator, case, care_partner):
    with pytest.raises(ValidationError) as error:
        _refer(coordinator, case, care_partner, shared="x" * 501)
    assert "shared" in error.value.message_dict
    referral = _refer(coordinator, case, care_partner)
    with pytest.raises(ValidationError) as error:
        services.referral_update(
            actor=coordinator, case=case, referral=referral, implemented_on=dt.date(2026, 11, 25), outcome="x" * 301
        )
    assert "outcome" in error.value.message_dict
    placement = _place(coordinator, case, care_partner)
    with pytest.raises(ValidationError) as error:
        services.shelter_end(
            actor=coordinator, case=case, placement=placement, ended_on=dt.date(2026, 11, 20), reason="x" * 301
        )
    assert "reason" in error.value.message_dict
    registration = {
        "reported_on": dt.date(2026, 11, 25),
        "legal_basis": "publieke_taak",
        "dossier_type": "registratie_opvang",
        "exploitation_form": "arbeid",
        "sector": "landbouw",
    }
    for field, value in (("reference", "x" * 41), ("intake_info", "x" * 1001)):
        with pytest.raises(ValidationError) as error:
            services.comensha_register(actor=coordinator, case=case, **registration, **{field: value})
        assert field in error.value.message_dict
    referral.refresh_from_db()
    placement.refresh_from_db()
    assert (referral.outcome, placement.ended_on, ComenshaRegistration.objects.count()) == ("", None, 0)


def test_a_placement_of_another_case_is_refused(coordinator, case, care_partner, make_handover):
    other = services.care_case_from_handover(
        actor=coordinator, handover=make_handover(), accept=True, pseudonym="Eik 20"
    )
    placement = _place(coordinator, other, care_partner)
    with pytest.raises(NotPermitted):
        services.shelter_end(
            actor=coordinator, case=case, placement=placement, ended_on=dt.date(2026, 11, 20), reason="Weg"
        )
    placement.refresh_from_db()
    assert placement.ended_on is None
