"""The one set of shared fixtures: two municipalities in one region, users with roles in each, a
signal and the partners that tests across apps need. App conftests keep only what is their own
(intake form data, uploads)."""

import pytest
from django.test import Client

from baken.core.confidentiality import Confidentiality
from baken.testing.auth import login_verified
from baken.testing.factories import OrganisationFactory, RegionFactory, UserFactory
from baken.testing.owner_flush import flush_through_owner
from baken.testing.signals import make_signal


def pytest_configure(config):
    # PostgreSQL as the runtime role (.ci/run): transactional tests' TRUNCATE goes through the owner.
    flush_through_owner()


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Creating the test database (migrating it, some 40 s per process on SQLite) runs with line
    coverage paused: measured, it took 70 s instead of 41, and the migrations are outside the
    measured code anyway. The code they call is measured where tests call it."""
    if fixturedef.argname != "django_db_setup":
        return (yield)
    import coverage

    measuring = coverage.Coverage.current()
    if measuring is None:
        return (yield)
    measuring.stop()
    try:
        return (yield)
    finally:
        measuring.start()


@pytest.fixture
def region(db):
    return RegionFactory(name="Regio Test", slug="regio-test")


@pytest.fixture
def voorbeeld(region):
    return OrganisationFactory(name="Gemeente Voorbeeld", slug="voorbeeld", cbs_code="GM9901", region=region)


@pytest.fixture
def zuiderhaven(region):
    return OrganisationFactory(name="Gemeente Zuiderhaven", slug="zuiderhaven", cbs_code="GM9902", region=region)


@pytest.fixture
def make_user(db):
    def make(role: str | None = None, organisation=None, clearance=Confidentiality.INTERN, **kwargs):
        roles = [role] if isinstance(role, str) else list(role or [])
        return UserFactory(roles=roles, organisation=organisation, clearance=clearance, **kwargs)

    return make


@pytest.fixture
def client_for():
    def make(user) -> Client:
        return login_verified(Client(), user)

    return make


# --- people -------------------------------------------------------------------------------------


@pytest.fixture
def reporter(make_user, voorbeeld):
    return make_user("signaleerder", voorbeeld, username="melder")


@pytest.fixture
def signaleerder(make_user, voorbeeld):
    return make_user("signaleerder", voorbeeld, username="sanne")


@pytest.fixture
def signaleerder_zuiderhaven(make_user, zuiderhaven):
    return make_user("signaleerder", zuiderhaven, username="zeno")


@pytest.fixture
def triager(make_user, voorbeeld):
    return make_user("aandachtsfunctionaris", voorbeeld, username="af", clearance=Confidentiality.VERTROUWELIJK)


@pytest.fixture
def aandachtsfunctionaris(make_user, voorbeeld):
    """An aandachtsfunctionaris with a name and address, as the meldroute shows them."""
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
def beheerder(make_user, voorbeeld):
    return make_user("functioneel_beheerder", voorbeeld, username="beheer-voorbeeld")


@pytest.fixture
def beheerder_zuiderhaven(make_user, zuiderhaven):
    return make_user("functioneel_beheerder", zuiderhaven, username="beheer-zuiderhaven")


# --- rows ---------------------------------------------------------------------------------------


@pytest.fixture
def signal(reporter):
    return make_signal(
        reporter, description="Matrassen in de loods", postcode="9901 AB", house_number="14", location_description=""
    )


@pytest.fixture
def police(voorbeeld):
    from baken.partners.models import Partner

    return Partner.objects.create(organisation=voorbeeld, name="Politie basisteam", partner_type="politie")


@pytest.fixture
def inspectorate(voorbeeld):
    from baken.partners.models import Partner

    return Partner.objects.create(organisation=voorbeeld, name="Arbeidsinspectie", partner_type="arbeidsinspectie")


@pytest.fixture
def partners(voorbeeld, zuiderhaven):
    """An acute number and a regional partner of Voorbeeld, and an acute number of Zuiderhaven."""
    from baken.partners.models import Partner

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
