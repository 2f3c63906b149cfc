"""An id that cannot be a database key (more than 18 digits) answers 404 on every route that
takes one, on SQLite and PostgreSQL alike, instead of overflowing in the database (a 500)."""

import pytest

from tests.security.urls import all_routes, sample_path

ROUTES_WITH_IDS = [route for route in all_routes() if "IdConverter" in route.converters.values()]


def test_every_integer_id_uses_the_bounded_converter():
    assert ROUTES_WITH_IDS
    assert not [route.name for route in all_routes() if "IntConverter" in route.converters.values()]


@pytest.mark.parametrize("route", ROUTES_WITH_IDS, ids=lambda route: route.name)
def test_a_twenty_digit_id_is_not_found(client_for, make_user, voorbeeld, route):
    from baken.accounts.roles import ROLES

    user = make_user([role.code for role in ROLES], voorbeeld, clearance=8)
    huge = {kwarg: "9" * 20 for kwarg, converter in route.converters.items() if converter == "IdConverter"}
    client = client_for(user)
    assert client.get(sample_path(route, **huge)).status_code == 404
    assert client.post(sample_path(route, **huge)).status_code == 404
