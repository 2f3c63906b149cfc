"""The generated security matrix: every route of the resolver × every principal, from the tables
in tests/security/matrix.py.

- Own municipality, allowed: one test per (route, allowed principal), each with a fresh row: the
  principal opens the route, and its valid POST succeeds and changes data.
- Own municipality, refused: one test per route. Every principal refused on it gets 404 for GET
  and POST (405 for a method the view never takes), all against one shared row, between one
  snapshot before and one after: together the refused requests change nothing in any domain
  table. A refused request that changes nothing leaves the row as the next principal finds it,
  so sharing it weakens no check; if the snapshots differ, each refused principal is replayed
  alone from the state before (a savepoint), with its own snapshots, to name who changed what.
- Another municipality: per route, every principal of CROSS_TENANT_PRINCIPALS (one user holding
  every role among them) gets 404 on a row in another municipality, again with one snapshot pair.
- Clearance below the row's level: 404 on every route whose row is a signal.

A pair in KNOWN_WRONG stays a test of its own (an allowed pair, or a refused pair as a group of
one with its own row and snapshots), marked xfail(strict=True): it turns into a failure once the
view is fixed. A refused test reports every principal whose answer was wrong, and the tables a
refused request changed.

A new route that no table mentions fails test_every_route_is_classified; a new view that forgets
its check fails here because a denied principal gets an answer other than 404.
"""

from urllib.parse import urlparse

import pytest
from django.core import mail, signals
from django.db import close_old_connections, transaction
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
# matrix cannot give each principal one; signalling/tests/test_drafts.py and
# enforcement/tests/test_field_form.py delete real ones), and
# "Ingelogd blijven" renews the session, which is no domain data; an inzage export is a PDF and
# an audit line.
WITHOUT_VISIBLE_EFFECT = {
    "core:notifications",
    "accounts:user_resend_link",
    "signalling:intake_draft_delete",
    "enforcement:inspection_draft_delete",
    "core:session_keepalive",
    "meetings:subject_export",
}
# Accepted POSTs that answer with a document instead of a redirect: the inzage export is a POST so
# that the person's name stays out of URLs and server logs.
ANSWERS_WITH_A_DOCUMENT = {"meetings:subject_export"}


def _params(routes, principals):
    """One test per (route, principal); a pair in KNOWN_WRONG is marked xfail(strict=True)."""
    params = []
    for route in routes:
        for principal in principals:
            marks = []
            reason = KNOWN_WRONG.get((route.name, principal))
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(pytest.param(route, principal, id=f"{route.name}-{principal}", marks=marks))
    return params


def _group_params(routes, principals_of):
    """One test per route for all the principals `principals_of(route)` returns, refused
    together against one row. A pair in KNOWN_WRONG is left out of its route's group and gets a
    group of one of its own, marked xfail(strict=True), so that a view that wrongly lets it in
    (and may change the row) neither hides nor disturbs the others, and its fix is noticed."""
    params = []
    for route in routes:
        principals = principals_of(route)
        known_wrong = [principal for principal in principals if (route.name, principal) in KNOWN_WRONG]
        group = tuple(principal for principal in principals if principal not in known_wrong)
        if group:
            params.append(pytest.param(route, group, id=route.name))
        for principal in known_wrong:
            mark = pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[route.name, principal])
            params.append(pytest.param(route, (principal,), id=f"{route.name}-{principal}", marks=[mark]))
    return params


def _refused(route) -> list[str]:
    return [principal for principal in PRINCIPALS if route.name not in ALLOWED[principal]]


def _allowed(route) -> list[str]:
    return [principal for principal in PRINCIPALS if route.name in ALLOWED[principal]]


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


def _attempt(client, route, row: Row) -> dict[str, int]:
    path = sample_path(route, **row.kwargs)
    return {"get": _close(client.get(path)), "post": _close(client.post(path, _body(route, row)))}


def _outbox() -> list:
    return getattr(mail, "outbox", [])


def assert_all_denied(client_for, route, attempts: dict[str, tuple[object, Row]]):
    """Every principal of `attempts` (principal -> (user, row)) gets the refusal, and together
    their requests change nothing: one snapshot before all of them and one after. Only when the
    snapshots differ is each principal replayed alone, from the state before (a savepoint), with
    snapshots of its own, to name the culprit. Collects every wrong answer and change, and
    asserts once, naming the route, each principal and what it was answered."""
    expected = denied_answers(route.name)
    # Logging in saves a second-factor device and the last login: before the first snapshot.
    clients = {principal: client_for(user) for principal, (user, _row) in attempts.items()}
    start, sent = transaction.savepoint(), len(_outbox())
    before = matrix.snapshot()
    answers = {principal: _attempt(clients[principal], route, row) for principal, (_user, row) in attempts.items()}
    changed = matrix.changes(before, matrix.snapshot())
    problems = [
        f"{principal} was answered {answer}, not {expected}"
        for principal, answer in answers.items()
        if answer != expected
    ]
    if not changed:
        transaction.savepoint_commit(start)
    else:
        problems.append(f"the refused requests changed {sorted(changed)}")
        # A request that changed data may also have changed what the next principal was
        # answered: replay each alone from the state before, with its own login and snapshots.
        culprits = 0
        for principal, (user, row) in attempts.items():
            transaction.savepoint_rollback(start)
            del _outbox()[sent:]
            client = client_for(user)
            alone = matrix.snapshot()
            answer = _attempt(client, route, row)
            diff = matrix.changes(alone, matrix.snapshot())
            if diff:
                culprits += 1
                problems.append(f"{principal} alone (answered {answer}) changed {diff}")
            elif answer != expected and answer != answers[principal]:
                problems.append(f"{principal} alone was answered {answer}, not {expected}")
        if not culprits:
            problems.append(f"no principal alone changed anything; together they changed {changed}")
    assert not problems, f"{route.name}:\n" + "\n".join(problems)


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
    assert _close(client.post(path, _body(route, row))) == (200 if route.name in ANSWERS_WITH_A_DOCUMENT else 302)
    assert matrix.changes(before, matrix.snapshot()) or route.name in WITHOUT_VISIBLE_EFFECT


# --- the matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "principal"), [param for route in ROUTES for param in _params([route], _allowed(route))]
)
def test_own_municipality(client_for, make_user, principal_user, voorbeeld, route, principal):
    """An allowed principal, with a fresh row of its own: its POST changes data."""
    user = principal_user(principal)
    world = World(make_user, reporter=user if principal == REPORTER else None)
    row = _row(route, world, voorbeeld)
    assert_allowed(client_for(user), route, principal, row)


@pytest.mark.parametrize(("route", "principals"), _group_params(ROUTES, _refused))
def test_own_municipality_refused(client_for, make_user, principal_user, voorbeeld, route, principals):
    """Every principal refused on the route, against one row (the reporter's own where the
    reporter is among them): the refusal for each, and no change for all of them together."""
    users = {principal: principal_user(principal) for principal in principals}
    row = _row(route, World(make_user, reporter=users.get(REPORTER)), voorbeeld)
    assert_all_denied(client_for, route, {principal: (user, row) for principal, user in users.items()})


@pytest.mark.parametrize(("route", "principals"), _group_params(TENANT_ROUTES, lambda route: CROSS_TENANT_PRINCIPALS))
def test_other_municipality(client_for, make_user, principal_user, zuiderhaven, elsewhere, route, principals):
    """Every cross-tenant principal against one row in its other municipality (Zuiderhaven; for
    a regional account, a municipality outside its region): one row per municipality for all."""
    world, rows = World(make_user), {}
    attempts = {}
    for principal in principals:
        other = elsewhere if principal in REGIONAL_PRINCIPALS else zuiderhaven
        if other.pk not in rows:
            rows[other.pk] = _row(route, world, other)
        attempts[principal] = (principal_user(principal), rows[other.pk])
    assert_all_denied(client_for, route, attempts)


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
