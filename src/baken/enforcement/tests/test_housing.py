"""The SNF norm checks: at, just under and just over each limit, and "onbekend" without data."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from baken.enforcement.housing import failed_norm_count, snf_checks
from baken.enforcement.models import Location
from baken.enforcement.services import location_save
from baken.enforcement.tests.conftest import location_input


def housing(**values) -> Location:
    base = {
        "object_type": "logies",
        "housing_norm": "",
        "floor_area": None,
        "bedroom_areas": [],
        "toilets": None,
        "showers": None,
        "registered_residents": None,
        "observed_residents": None,
    }
    return Location(**(base | values))


def result(location: Location, code: str):
    return next(check for check in snf_checks(location) if check.norm.code == code)


@pytest.mark.parametrize(
    ("object_type", "norm", "area", "passed"),
    [
        ("logies", "", "100.0", True),  # 10 m² per person, logies: at the limit
        ("logies", "", "99.0", False),  # 9.9
        ("logies", "", "101.0", True),
        ("woning", "", "120.0", True),  # 12 m² in a dwelling: at the limit
        ("woning", "", "119.0", False),  # 11.9
        ("logies", "woning", "110.0", False),  # the municipality chose the dwelling norm
        ("woning", "logies", "100.0", True),
    ],
)
def test_floor_area_per_person(object_type, norm, area, passed):
    location = housing(object_type=object_type, housing_norm=norm, floor_area=Decimal(area), observed_residents=10)
    expected_code = "gbo_per_persoon_logies" if (norm or object_type) == "logies" else "gbo_per_persoon_woning"
    check = result(location, expected_code)
    assert check.passed is passed


@pytest.mark.parametrize(
    ("areas", "passed"),
    [(["7", "7"], True), (["6.9", "7"], False), (["7.1", "7"], True)],  # 3.5 m² per person, 4 people
)
def test_bedroom_floor_per_person(areas, passed):
    check = result(housing(bedroom_areas=areas, observed_residents=4), "slaapkamer_per_persoon")
    assert check.passed is passed


@pytest.mark.parametrize(
    ("residents", "facilities", "passed"),
    [(8, 1, True), (9, 1, False), (16, 2, True), (17, 2, False), (0, 0, True), (3, 0, False)],
)
def test_one_toilet_and_one_shower_per_eight(residents, facilities, passed):
    location = housing(toilets=facilities, showers=facilities, observed_residents=residents)
    assert result(location, "personen_per_toilet").passed is passed
    assert result(location, "personen_per_douche").passed is passed


@pytest.mark.parametrize(("registered", "observed", "passed"), [(6, 6, True), (6, 7, False), (6, 5, False)])
def test_registered_equals_observed(registered, observed, passed):
    check = result(housing(registered_residents=registered, observed_residents=observed), "bewoning_gelijk")
    assert check.passed is passed


def test_without_data_the_checks_say_unknown_instead_of_passing():
    checks = snf_checks(housing())
    assert len(checks) == 5
    assert all(check.passed is None for check in checks)


def test_the_brp_count_is_used_until_an_inspection_saw_the_residents():
    location = housing(floor_area=Decimal("50"), registered_residents=5)
    assert result(location, "gbo_per_persoon_logies").passed is True
    location.observed_residents = 6
    assert result(location, "gbo_per_persoon_logies").passed is False


def test_other_object_types_have_no_housing_checks():
    assert snf_checks(housing(object_type="nagelstudio", floor_area=Decimal(5), observed_residents=9)) == []


def test_each_result_carries_its_rule_and_source():
    for check in snf_checks(housing()):
        assert check.norm.source
        assert check.norm.minimum is not None or check.norm.maximum is not None or check.norm.code == "bewoning_gelijk"


@pytest.mark.django_db
def test_housing_data_is_saved_and_checked(inspector):
    location = location_save(
        actor=inspector,
        location=None,
        data=location_input(
            floor_area=Decimal("35"),
            bedroom_areas=(Decimal("9.5"), Decimal("6")),
            toilets=1,
            showers=1,
            transport="Busje van het uitzendbureau",
        ),
    )
    location.refresh_from_db()
    assert location.bedroom_areas == ["9.5", "6"]
    assert result(location, "gbo_per_persoon_logies").passed is False  # 35 / 4 = 8.8 m²
    assert result(location, "slaapkamer_per_persoon").passed is True  # 15.5 / 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"floor_area": Decimal(0)}, "floor_area"),
        ({"bedroom_areas": (Decimal(-1),)}, "bedroom_areas"),
        ({"toilets": 1000}, "toilets"),
        ({"housing_norm": "kelder"}, "housing_norm"),
    ],
)
def test_bad_housing_input_is_refused(inspector, overrides, field):
    with pytest.raises(ValidationError) as error:
        location_save(actor=inspector, location=None, data=location_input(**overrides))
    assert field in error.value.message_dict
    assert not Location.objects.exists()


def test_measured_values_are_written_the_dutch_way():
    location = housing(floor_area=Decimal("100"), toilets=3, observed_residents=10)
    assert result(location, "gbo_per_persoon_logies").measured == "10 m² per persoon"
    assert result(location, "personen_per_toilet").measured == "3,33 personen per stuk"


@given(
    object_type=st.sampled_from(["logies", "woning", "recreatiepark", "agrarisch", "bedrijfspand"]),
    housing_norm=st.sampled_from(["", "logies", "woning"]),
    floor_area=st.none() | st.decimals(min_value=0, max_value=400, places=2),
    bedroom_areas=st.lists(st.decimals(min_value=1, max_value=40, places=1).map(float), max_size=6),
    toilets=st.none() | st.integers(min_value=0, max_value=6),
    showers=st.none() | st.integers(min_value=0, max_value=6),
    registered=st.none() | st.integers(min_value=0, max_value=40),
    observed=st.none() | st.integers(min_value=0, max_value=40),
)
@settings(max_examples=300, deadline=None)
def test_the_failure_count_for_ranking_agrees_with_the_checks_in_words(
    object_type, housing_norm, floor_area, bedroom_areas, toilets, showers, registered, observed
):
    """The risk planning ranks by failed_norm_count (no words, for speed) and shows snf_checks:
    both must find the same failures for any register data."""
    location = housing(
        object_type=object_type,
        housing_norm=housing_norm,
        floor_area=floor_area,
        bedroom_areas=bedroom_areas,
        toilets=toilets,
        showers=showers,
        registered_residents=registered,
        observed_residents=observed,
    )
    assert failed_norm_count(location) == sum(1 for check in snf_checks(location) if check.passed is False)
