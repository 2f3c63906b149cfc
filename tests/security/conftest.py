"""Fixtures of the generated security tests: the principals of the matrix and a municipality
outside the region."""

import pytest

from baken.accounts.roles import ROLES
from baken.core.confidentiality import Confidentiality
from tests.security.matrix import EVERY_ROLE, INSTALLATION_NATIONAL, REGIONAL, REGIONAL_PRIVACY, REPORTER


@pytest.fixture
def elsewhere(db):
    """A municipality outside the region: the "other municipality" of a regional account."""
    from baken.testing.factories import OrganisationFactory, RegionFactory

    region = RegionFactory(name="Regio Elders", slug="regio-elders")
    return OrganisationFactory(name="Gemeente Elders", slug="elders", cbs_code="GM9903", region=region)


@pytest.fixture
def principal_user(make_user, voorbeeld, region):
    def make(principal: str):
        top = Confidentiality.ZEER_GEHEIM
        if principal == REGIONAL:
            return make_user("zorgcoordinator", None, region=region, clearance=top)
        if principal == REGIONAL_PRIVACY:
            return make_user("privacy_officer", None, region=region, clearance=top)
        if principal == "installatiebeheerder":
            return make_user("installatiebeheerder", None, region=region, clearance=top)
        if principal == INSTALLATION_NATIONAL:
            return make_user("installatiebeheerder", None, clearance=top)
        if principal == REPORTER:
            return make_user("signaleerder", voorbeeld)
        if principal == EVERY_ROLE:
            return make_user([role.code for role in ROLES], voorbeeld, clearance=top)
        return make_user(principal, voorbeeld, clearance=top)

    return make
