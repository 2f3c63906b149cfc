"""Malformed input never makes a 500: for every route from the resolver, every field of its
forms (read from the page itself and from the matrix's valid bodies) gets malformed values
(NUL, huge numbers, Unicode digits, long strings, wrong types, impossible dates, repeated and
missing fields) by GET and by POST, as a user holding every role and as the reporter."""

import re

import pytest

from tests.security.matrix import BODIES, EVERY_ROLE, NOT_IN_MATRIX, REPORTER, World
from tests.security.test_matrix import _close, _row
from tests.security.urls import all_routes, sample_path

ROUTES = [route for route in all_routes() if route.name not in NOT_IN_MATRIX]
MALFORMED = {
    "nul": "a\x00b",
    "huge-number": "9" * 5000,
    "superscript": "²",
    "arabic-indic-digits": "١٢٣",
    "negative": "-1",
    "float": "1.5e300",
    "date": "2026-13-45",
    "long-text": "x" * 300_000,
    "markup": "<script>alert(1)</script>",
    "empty": "",
}
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


def _fields(client, path: str, route, row) -> set[str]:
    page = client.get(path)
    names = set() if page.streaming else set(FIELD.findall(page.content.decode(errors="ignore")))
    _close(page)
    if route.name in BODIES:
        names |= set(BODIES[route.name](row))
    return names - {"csrfmiddlewaretoken"}


@pytest.mark.parametrize("principal", [EVERY_ROLE, REPORTER])
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_no_malformed_value_makes_a_500(client_for, make_user, principal_user, voorbeeld, route, principal):
    user = principal_user(principal)
    row = _row(route, World(make_user, reporter=user if principal == REPORTER else None), voorbeeld)
    client = client_for(user)
    client.raise_request_exception = False
    path = sample_path(route, **row.kwargs)
    fields = sorted(_fields(client, path, route, row)) or ["q"]
    answers = {}
    for label, value in MALFORMED.items():
        data = {name: value for name in fields}
        answers[f"get {label}"] = _close(client.get(path, data if label != "long-text" else {}))
        answers[f"post {label}"] = _close(client.post(path, data))
        answers[f"post twice {label}"] = _close(client.post(path, {name: [value, value] for name in fields}))
    answers["post missing"] = _close(client.post(path, {}))
    assert 500 not in answers.values(), {key: code for key, code in answers.items() if code == 500}
