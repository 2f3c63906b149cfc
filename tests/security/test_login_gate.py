"""Every URL needs login plus a verified second factor, except an explicit allow-list.

The routes come from the URL resolver, so a new view that forgets the gate fails here.
"""

import pytest
from django.urls import reverse

from baken.core.middleware import PUBLIC_VIEWS, SECOND_FACTOR_VIEWS
from baken.testing.auth import login_password_only
from tests.security.urls import all_routes, sample_path

ALLOWED_WITHOUT_LOGIN = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "core:health",
    "core:metrics",
    "set_language",
}
GATED_ROUTES = [route for route in all_routes() if route.name not in ALLOWED_WITHOUT_LOGIN]


def test_allow_list_is_exactly_the_agreed_one():
    # Widening the middleware's allow-list must be a deliberate change of this test too.
    assert PUBLIC_VIEWS == ALLOWED_WITHOUT_LOGIN
    assert {"accounts:otp_verify", "accounts:otp_enrol", "accounts:backup_codes", "accounts:logout"} == set(
        SECOND_FACTOR_VIEWS
    )


def test_routes_are_enumerated():
    names = {route.name for route in all_routes()}
    assert {"home:index", "core:audit_log", "accounts:user_edit"} <= names
    assert len(GATED_ROUTES) >= 8


@pytest.mark.parametrize("route", GATED_ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, db, route, method):
    response = getattr(client, method)(sample_path(route))
    assert response.status_code == 302, route
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("route", [r for r in GATED_ROUTES if r.name not in SECOND_FACTOR_VIEWS], ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_password_without_second_factor_opens_nothing(client, make_user, voorbeeld, route, method):
    everything = ["signaleerder", "aandachtsfunctionaris", "functioneel_beheerder", "privacy_officer"]
    login_password_only(client, make_user(everything, voorbeeld))
    response = getattr(client, method)(sample_path(route))
    assert response.status_code == 302, route
    assert response.url in {reverse("accounts:otp_enrol"), reverse("accounts:otp_verify")}
