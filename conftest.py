"""Shared fixtures: two municipalities in one region, and users with roles in each."""

import pytest
from django.test import Client

from baken.core.confidentiality import Confidentiality
from baken.testing.auth import login_verified
from baken.testing.factories import OrganisationFactory, RegionFactory, UserFactory


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
