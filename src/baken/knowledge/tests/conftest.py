import pytest

from baken.core.confidentiality import Confidentiality
from baken.partners.models import Partner


@pytest.fixture
def beheerder(make_user, voorbeeld):
    return make_user("functioneel_beheerder", voorbeeld, username="beheer-voorbeeld")


@pytest.fixture
def beheerder_zuiderhaven(make_user, zuiderhaven):
    return make_user("functioneel_beheerder", zuiderhaven, username="beheer-zuiderhaven")


@pytest.fixture
def signaleerder(make_user, voorbeeld):
    return make_user("signaleerder", voorbeeld, username="sanne")


@pytest.fixture
def signaleerder_zuiderhaven(make_user, zuiderhaven):
    return make_user("signaleerder", zuiderhaven, username="zeno")


@pytest.fixture
def aandachtsfunctionaris(make_user, voorbeeld):
    return make_user(
        "aandachtsfunctionaris",
        voorbeeld,
        username="af-voorbeeld",
        first_name="Anouk",
        last_name="Fictief",
        email="anouk@voorbeeld.invalid",
        clearance=Confidentiality.VERTROUWELIJK,
    )


@pytest.fixture
def partners(voorbeeld, zuiderhaven):
    return {
        "acute": Partner.objects.create(
            organisation=voorbeeld,
            name="Alarmnummer",
            partner_type="noodnummer",
            phone="112",
            acute_route=True,
            acute_instruction="Bij direct gevaar.",
            order=1,
        ),
        "riec": Partner.objects.create(
            organisation=voorbeeld, name="RIEC Voorbeeld", partner_type="riec", phone="030-1112223", order=20
        ),
        "foreign": Partner.objects.create(
            organisation=zuiderhaven,
            name="Wijkpost Zuiderhaven",
            partner_type="politie",
            phone="0999-424242",
            acute_route=True,
            order=1,
        ),
    }
