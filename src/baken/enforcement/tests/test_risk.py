"""Risk-based planning: each factor with its weight from the catalogue, and nothing from another
municipality or beyond the clearance."""

import datetime as dt

import pytest
from django.utils import timezone

from baken.enforcement.catalogue.loader import catalogue
from baken.enforcement.risk import priorities
from baken.enforcement.services import InspectionRecord, case_open, inspection_record

pytestmark = pytest.mark.django_db


def factors(row) -> dict[str, int]:
    return {factor.label.split(" (")[0]: factor.points for factor in row.factors}


def test_signals_at_the_address_count_with_their_weight(inspector, location, signal):
    weights = catalogue().planning
    [row] = priorities(user=inspector)
    assert factors(row)["Signalen op dit adres"] == weights.per_signal
    assert row.score == sum(factors(row).values())


def test_old_signals_and_other_addresses_do_not_count(inspector, location, signal):
    signal.submitted_at = timezone.now() - dt.timedelta(days=400)
    signal.save(update_fields=["submitted_at"])
    [row] = priorities(user=inspector)
    assert factors(row)["Signalen op dit adres"] == 0


def test_a_recent_inspection_lowers_the_priority(inspector, location, inspection):
    before = priorities(user=inspector)[0]
    inspection_record(
        actor=inspector,
        inspection=inspection,
        data=InspectionRecord(
            performed_at=timezone.now() - dt.timedelta(hours=1),
            situation="toegang_verleend",
            outcome="geen_overtreding",
        ),
    )
    after = priorities(user=inspector)[0]
    assert factors(before)["Tijd sinds de laatste controle"] == catalogue().planning.max_months_uninspected
    assert factors(after)["Tijd sinds de laatste controle"] == 0
    assert after.score < before.score


def test_a_partner_request_on_a_confidential_case_stays_hidden_without_clearance(
    inspector, location, signal, make_user, voorbeeld, triager
):
    from baken.core.confidentiality import Confidentiality
    from baken.enforcement.services import case_link_signal

    case = case_open(actor=inspector, location=location, theme="huisvesting_arbeidsmigranten", reason="partner")
    assert factors(priorities(user=inspector)[0])["Verzoek van een partner"] == catalogue().planning.partner_request
    case_link_signal(actor=triager, case=case, signal=signal)
    junior = make_user("toezichthouder", voorbeeld, username="junior", clearance=Confidentiality.ZAAKVERTROUWELIJK)
    assert factors(priorities(user=junior)[0])["Verzoek van een partner"] == 0


def test_another_municipality_sees_none_of_these_locations(location, make_user, zuiderhaven):
    outsider = make_user("toezichthouder", zuiderhaven, username="olaf")
    assert priorities(user=outsider) == []
