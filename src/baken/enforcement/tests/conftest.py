import datetime as dt

import pytest
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.enforcement.services import LocationInput, case_open, inspection_plan, location_save


@pytest.fixture
def inspector(make_user, voorbeeld):
    return make_user("toezichthouder", voorbeeld, username="tom", clearance=Confidentiality.VERTROUWELIJK)


@pytest.fixture
def jurist(make_user, voorbeeld):
    return make_user("handhavingsjurist", voorbeeld, username="julia", clearance=Confidentiality.VERTROUWELIJK)


def location_input(**overrides) -> LocationInput:
    values = {
        "street": "Havenweg",
        "house_number": "14",
        "postcode": "9901 AB",
        "city": "Voorbeeld",
        "object_type": "logies",
        "name": "Logies De Kade",
        "kvk_number": "12345678",
        "registered_residents": 4,
    }
    return LocationInput(**(values | overrides))


@pytest.fixture
def location(inspector):
    return location_save(actor=inspector, location=None, data=location_input())


@pytest.fixture
def case(inspector, location):
    return case_open(actor=inspector, location=location, theme="huisvesting_arbeidsmigranten", reason="eigen_onderzoek")


@pytest.fixture
def inspection(inspector, case):
    return inspection_plan(actor=inspector, case=case, planned_for=timezone.now() + dt.timedelta(days=2), team="Tom")
