"""Whom the acute panel tells a reporter to call: 112 first, Veilig Thuis second for a minor,
taken from the municipality's directory, and from the national catalogue when the directory
lacks them (a municipality is never left with only a sentence); never a number that is not
acute ("Politie (geen spoed)", Meld Misdaad Anoniem)."""

import pytest

from baken.partners.models import Partner
from baken.partners.selectors import acute_numbers

pytestmark = pytest.mark.django_db


def test_an_empty_directory_gets_112_and_veilig_thuis_from_the_national_catalogue(make_user, voorbeeld):
    Partner.objects.filter(organisation=voorbeeld).update(active=False)
    user = make_user("signaleerder", voorbeeld)
    adult = acute_numbers(user=user, minor=False)
    assert (adult.emergency.phone, adult.minors, adult.others) == ("112", [], [])
    minor = acute_numbers(user=user, minor=True)
    assert minor.emergency.phone == "112"
    assert [(number.name, number.phone) for number in minor.minors] == [("Veilig Thuis", "0800-2000")]


def test_the_directory_comes_first_and_non_acute_numbers_never_show(make_user, voorbeeld):
    user = make_user("signaleerder", voorbeeld)
    Partner.objects.filter(organisation=voorbeeld).update(active=False)
    Partner.objects.create(
        organisation=voorbeeld,
        name="Veilig Thuis Voorbeeldregio",
        partner_type="veilig_thuis",
        phone="0800 2000",
        acute_for_minors=True,
        active=True,
    )
    Partner.objects.create(
        organisation=voorbeeld,
        name="Politie (geen spoed)",
        partner_type="politie",
        phone="0900-8844",
        acute_route=True,
        active=True,
    )
    numbers = acute_numbers(user=user, minor=True)
    assert [number.name for number in numbers.minors] == ["Veilig Thuis Voorbeeldregio"]
    assert "0900-8844" not in [number.phone for number in [numbers.emergency, *numbers.minors, *numbers.others]]
