import pytest

from baken.core.confidentiality import Confidentiality
from baken.partners.models import Partner
from baken.testing.signals import make_signal


@pytest.fixture
def reporter(make_user, voorbeeld):
    return make_user("signaleerder", voorbeeld, username="melder")


@pytest.fixture
def triager(make_user, voorbeeld):
    return make_user("aandachtsfunctionaris", voorbeeld, username="af", clearance=Confidentiality.VERTROUWELIJK)


@pytest.fixture
def signal(reporter):
    return make_signal(
        reporter, description="Matrassen in de loods", postcode="9901 AB", house_number="14", location_description=""
    )


@pytest.fixture
def police(voorbeeld):
    return Partner.objects.create(organisation=voorbeeld, name="Politie basisteam", partner_type="politie")


@pytest.fixture
def inspectorate(voorbeeld):
    return Partner.objects.create(organisation=voorbeeld, name="Arbeidsinspectie", partner_type="arbeidsinspectie")
