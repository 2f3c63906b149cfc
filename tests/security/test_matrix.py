"""The generated security matrix: every route of the resolver × every principal, from the tables
in tests/security/matrix.py.

- Own municipality: an allowed principal opens the route; anyone else gets 404 for GET and POST,
  and the refused request changes nothing in any domain table.
- Another municipality: 404 for every route with a tenant row, even holding every role.
- Clearance below the row's level: 404 on every route whose row is a signal.

A new route that no table mentions fails test_every_route_is_classified; a new view that forgets
its check fails here because a denied principal gets an answer other than 404.
"""

from urllib.parse import urlparse

import pytest
from django.core import signals
from django.db import close_old_connections
from django.urls import resolve

from baken.accounts.roles import ROLES
from baken.core.confidentiality import Confidentiality
from tests.security import matrix
from tests.security.matrix import (
    ALLOWED,
    BODIES,
    BODY_ROWS,
    EVERY_ROLE,
    KNOWN_WRONG,
    NATIONAL_ARGS,
    NOBODY,
    NOT_IN_MATRIX,
    POST_ONLY,
    PRINCIPALS,
    REDIRECTS,
    REGIONAL,
    REGIONAL_PRINCIPALS,
    REGIONAL_PRIVACY,
    REPORTER,
    ROLE_PRINCIPALS,
    ROW_MAKERS,
    Row,
    World,
)
from tests.security.test_login_gate import ALLOWED_WITHOUT_LOGIN
from tests.security.urls import all_routes, sample_path

ROUTES = [route for route in all_routes() if route.name not in NOT_IN_MATRIX]
TENANT_ROUTES = [route for route in ROUTES if route.name in ROW_MAKERS]
CONFIDENTIAL_ROUTES = [route for route in TENANT_ROUTES if ROW_MAKERS[route.name].confidential]
CROSS_TENANT_PRINCIPALS = (*ROLE_PRINCIPALS, EVERY_ROLE, REGIONAL, REGIONAL_PRIVACY)

# A POST body for routes that take none of their own: they must answer 405 anyway.
FALLBACK_BODY = {"text": "x", "message": "x", "email": "x@x.nl", "roles": ["beleidsmaker"], "status": "mislukt"}


# Accepted bodies that need not change a row: marking one's own notifications read changes
# nothing when there are none (and every principal may do it); a new password link is an audit
# line and an e-mail sent after commit (which a test transaction never reaches).
# Deleting the own draft changes nothing when there is none (drafts are their owner's only, so the
# matrix cannot give each principal one; signalling/tests/test_drafts.py deletes real ones), and
# "Ingelogd blijven" renews the session, which is no domain data.
WITHOUT_VISIBLE_EFFECT = {
    "core:notifications",
    "accounts:user_resend_link",
    "signalling:intake_draft_delete",
    "core:session_keepalive",
}


def _params(routes, principals):
    params = []
    for route in routes:
        for principal in principals:
            marks = []
            reason = KNOWN_WRONG.get((route.name, principal))
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(pytest.param(route, principal, id=f"{route.name}-{principal}", marks=marks))
    return params


# --- the tables cover every route ---------------------------------------------------------------


def test_every_route_is_classified():
    names = {route.name for route in all_routes()}
    allowed_somewhere = set().union(*ALLOWED.values())
    unclassified = names - NOT_IN_MATRIX - allowed_somewhere - NOBODY
    assert not unclassified, f"add these routes to a role in tests/security/matrix.py, or to NOBODY: {unclassified}"
    assert not NOBODY & allowed_somewhere
    assert not NOT_IN_MATRIX & (allowed_somewhere | NOBODY)
    # The matrix leaves out exactly the routes that test_login_gate.py allows before the second factor.
    second_factor = {"accounts:otp_verify", "accounts:otp_enrol", "accounts:backup_codes", "accounts:logout"}
    assert ALLOWED_WITHOUT_LOGIN | second_factor == NOT_IN_MATRIX
    # No table names a route that is gone.
    named = set(ROW_MAKERS) | set(NATIONAL_ARGS) | set(BODIES) | set(BODY_ROWS) | POST_ONLY
    named |= {route for route, _p in REDIRECTS}
    assert named | allowed_somewhere | NOBODY <= names


def test_every_route_with_an_id_has_a_row_maker():
    with_ids = {route.name for route in ROUTES if route.converters}
    missing = with_ids - set(ROW_MAKERS) - set(NATIONAL_ARGS)
    assert not missing, f"add a row maker (or national arguments) in tests/security/matrix.py: {missing}"
    assert not set(ROW_MAKERS) & set(NATIONAL_ARGS)
    assert set(ROW_MAKERS) | set(NATIONAL_ARGS) <= with_ids


def test_the_table_has_a_column_per_role():
    assert tuple(role.code for role in ROLES) == ROLE_PRINCIPALS
    assert set(ALLOWED) == set(PRINCIPALS)
    assert {principal for _route, principal in REDIRECTS} | {p for _r, p in KNOWN_WRONG} <= set(PRINCIPALS)


# --- helpers ---------------------------------------------------------------------------------------


def _row(route, world: World, organisation) -> Row:
    if route.name in ROW_MAKERS:
        return ROW_MAKERS[route.name].build(world, organisation)
    if route.name in BODY_ROWS:
        return BODY_ROWS[route.name](world, organisation)
    if route.name in NATIONAL_ARGS:
        return Row(dict(NATIONAL_ARGS[route.name][0]))
    return Row()


def _body(route, row: Row) -> dict:
    return BODIES[route.name](row) if route.name in BODIES else FALLBACK_BODY


def denied_answers(name: str) -> dict[str, int]:
    """What a refused principal gets: 404 for every method the view takes, as for a row that
    does not exist. 405 only for a method the view never takes: require_GET / require_POST
    refuse it before anything is looked up, so it reveals nothing about the row.

    No view answers 403 to a refused principal by design: the services raise PermissionDenied,
    but only behind a view check that has already answered 404. So 403 is never accepted here."""
    if name in POST_ONLY:
        return {"get": 405, "post": 404}
    if name not in BODIES:
        return {"get": 404, "post": 405}
    return {"get": 404, "post": 404}


def _close(response) -> int:
    # File and PDF responses hold their content open. Closing a response sends request_finished,
    # whose close_old_connections would close the test's database connection on PostgreSQL (it is
    # inside the test transaction), so it is unhooked meanwhile, as Django's test client does.
    signals.request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        signals.request_finished.connect(close_old_connections)
    return response.status_code


def assert_denied(client, route, row: Row):
    path = sample_path(route, **row.kwargs)
    before = matrix.snapshot()
    answers = {"get": _close(client.get(path)), "post": _close(client.post(path, _body(route, row)))}
    assert answers == denied_answers(route.name)
    assert matrix.changes(before, matrix.snapshot()) == {}


def assert_allowed(client, route, principal: str, row: Row):
    path = sample_path(route, **row.kwargs)
    response = client.get(path)
    if route.name in POST_ONLY:
        assert _close(response) == 405
    elif (route.name, principal) in REDIRECTS:
        assert _close(response) == 302
        assert resolve(urlparse(response.url).path).view_name == REDIRECTS[route.name, principal]
    else:
        assert _close(response) == 200
    if route.name not in BODIES:
        assert _close(client.post(path, FALLBACK_BODY)) == 405
        return
    # The body is one the view accepts from this principal: it succeeds with its redirect and
    # changes data. That is what makes the same body, sent by a denied principal, a real attempt.
    before = matrix.snapshot()
    assert _close(client.post(path, _body(route, row))) == 302
    assert matrix.changes(before, matrix.snapshot()) or route.name in WITHOUT_VISIBLE_EFFECT


# --- the matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("route", "principal"), _params(ROUTES, PRINCIPALS))
def test_own_municipality(client_for, make_user, principal_user, voorbeeld, route, principal):
    user = principal_user(principal)
    world = World(make_user, reporter=user if principal == REPORTER else None)
    row = _row(route, world, voorbeeld)
    client = client_for(user)
    if route.name in ALLOWED[principal]:
        assert_allowed(client, route, principal, row)
    else:
        assert_denied(client, route, row)


@pytest.mark.parametrize(("route", "principal"), _params(TENANT_ROUTES, CROSS_TENANT_PRINCIPALS))
def test_other_municipality(client_for, make_user, principal_user, zuiderhaven, elsewhere, route, principal):
    # A regional account sees the municipalities of its region; its "other" one lies outside it.
    other = elsewhere if principal in REGIONAL_PRINCIPALS else zuiderhaven
    row = _row(route, World(make_user), other)
    assert_denied(client_for(principal_user(principal)), route, row)


@pytest.mark.parametrize("route", CONFIDENTIAL_ROUTES, ids=lambda route: route.name)
def test_clearance_below_the_row(client_for, make_user, voorbeeld, route):
    from baken.signalling.models import Signal

    row = _row(route, World(make_user), voorbeeld)
    Signal.objects.filter(organisation=voorbeeld).update(confidentiality=Confidentiality.VERTROUWELIJK)
    triager = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.INTERN)
    assert_denied(client_for(triager), route, row)


def test_clearance_at_the_rows_level_is_enough(client_for, make_user, voorbeeld):
    """The other side of the boundary above: the same triage user at exactly the row's level."""
    from django.urls import reverse

    from baken.signalling.models import Signal

    row = matrix.signal_row(World(make_user), voorbeeld)
    Signal.objects.filter(organisation=voorbeeld).update(confidentiality=Confidentiality.VERTROUWELIJK)
    triager = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.VERTROUWELIJK)
    assert client_for(triager).get(reverse("coordination:signal", kwargs=row.kwargs)).status_code == 200
