"""Malformed input never makes a 500: for every route from the resolver, every field of its
forms (read from the page itself, from its links and from the matrix's valid bodies) gets
malformed values (NUL, huge numbers, numbers just past 64 bits, Unicode digits, 1 MB strings,
files, JSON, impossible dates, repeated and missing fields) by GET and by POST, as each principal
of the matrix, so that every role reaches the forms only it sees.

What runs:

- **Routes a principal may open** (ALLOWED in matrix.py), one test per route. The user holding
  every role gets the full fuzz on every route. Then each principal that may open the route reads
  its page: a page showing a set of fields not fuzzed yet on this route gets the full fuzz as that
  principal; a page with the same fields as one already fuzzed (same view, same form), and a
  download (PDF, attachment, logo: no form for any role), get one GET and one POST with a
  different malformed value in each name. Answers: anything but 500.
- **Refused routes**, per route for every principal refused on it and anonymous, against one row:
  a GET and a POST with mixed malformed values. A refused route answers 404 (405 for a method the view never
  takes) before any form is read, exactly as test_matrix.py proves with valid bodies; here the
  answer must be that same refusal, not merely "no 500". Anonymous is sent to the login page.
- **Before login**: the public routes as anonymous, the second-factor routes as a user who gave
  the password only; full fuzz.

Every principal x every route x every value would be about eight times the requests for no more
reach: a refused route reads no field, and a principal who sees the same form runs the same code
on it. Runtimes: tests/security/README.md.
"""

import functools
import re
from html import unescape
from itertools import cycle
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils.functional import cached_property

from baken.core import pdf
from baken.core.limits import NulByteMiddleware
from baken.core.middleware import PUBLIC_VIEWS, SECOND_FACTOR_VIEWS
from baken.knowledge import cards
from baken.testing.auth import login_password_only
from tests.security.matrix import ALLOWED, BODIES, EVERY_ROLE, NOT_IN_MATRIX, PRINCIPALS, REPORTER, World
from tests.security.test_matrix import _close, _row, denied_answers
from tests.security.urls import all_routes, sample_path

# Run without line coverage (pytest-cov's marker): the fuzz is about answers, not reach, and
# measuring its some 40,000 requests made it about 60 % slower (tests/security/README.md).
pytestmark = [pytest.mark.embedded_db, pytest.mark.no_cover]

ROUTES = [route for route in all_routes() if route.name not in NOT_IN_MATRIX]
BEFORE_LOGIN = [route for route in all_routes() if route.name in PUBLIC_VIEWS | SECOND_FACTOR_VIEWS]
ANONYMOUS = "anoniem"

MEGABYTE = 1024 * 1024
MALFORMED = {
    "nul": "a\x00b",
    "huge-number": "9" * 5000,
    # Just past a signed 64-bit integer (twenty nines are the same class: past every integer column).
    "past-64-bits": "9223372036854775808",
    "below-64-bits": "-9223372036854775809",
    "superscript": "²",
    # Decimal digits of another script (int() takes them; fullwidth "１２３" is the same class).
    "arabic-indic-digits": "١٢٣",
    "negative": "-1",
    "float": "1.5e300",
    "not-a-number": "NaN",
    "date": "2026-13-45",
    "long-text": "x" * MEGABYTE,
    "markup": "<script>alert(1)</script>",
    "empty": "",
}
#: Values also sent twice under each name (a list where one value is expected).
TWICE = ("past-64-bits", "superscript", "empty")
#: Names that views read from the query string without a form field on the page.
ALWAYS = {"pagina", "next", "q"}
FIELD = re.compile(r'<(?:input|select|textarea|button)[^>]*\bname="([^"]+)"')
LINK = re.compile(r'\b(?:href|hx-get|action)="([^"]*\?[^"]*)"')
#: Keep each request under Django's parsing limit, so a long value reaches the form rather than
#: being refused with a 400 while the body is read.
BODY_BUDGET = settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 3 // 4


@pytest.fixture(autouse=True)
def _each_document_laid_out_once(monkeypatch):
    """A download answers most malformed values with the same document. WeasyPrint lays out each
    distinct HTML document once per test, and again whenever a value changes the document: the
    fuzz is about what the views do with the request (every request still runs the view and
    renders its template); the layout engine has the PDF tests."""
    original = pdf.html_to_pdf

    @functools.lru_cache(maxsize=32)
    def lay_out(html: str, stylesheets: tuple[str, ...]) -> bytes:
        return original(html, stylesheets=stylesheets)

    def html_to_pdf(html: str, *, stylesheets=()) -> bytes:
        return lay_out(html, tuple(stylesheets))

    for module in (pdf, cards):
        monkeypatch.setattr(module, "html_to_pdf", html_to_pdf)


def _fields(client, path: str, route_name: str, row) -> tuple[list[str], bool]:
    """The names to fuzz, and whether the route answers this client with a page of its own
    (200 and HTML: not a download, a redirect or a refusal)."""
    page = client.get(path)
    names = set()
    html = page.status_code == 200 and not page.streaming and page["Content-Type"].startswith("text/html")
    if html:
        html = page.content.decode(errors="ignore")
        names |= set(FIELD.findall(html))
        for link in LINK.findall(html):
            names |= {key for key, _value in parse_qsl(urlsplit(unescape(link)).query, keep_blank_values=True)}
    _close(page)
    if route_name in BODIES:
        names |= set(BODIES[route_name](row))
    return sorted((names | ALWAYS) - {"csrfmiddlewaretoken"}), html


def _chunks(fields: list[str], value: str, repeats: int) -> list[list[str]]:
    size = max(1, BODY_BUDGET // max(1, len(value.encode()) * repeats))
    return [fields[start : start + size] for start in range(0, len(fields), size)]


class _QueryStringReads:
    """Counts the reads of a request's query string (`request.GET`) by views, forms and
    templates; the middleware's NUL check, which reads every request's, is left out."""

    count = 0
    paused = False

    @classmethod
    def watching(cls, method):
        def read(self, *args, **kwargs):
            if not cls.paused:
                cls.count += 1
            return method(self, *args, **kwargs)

        return read


_READS = ("__getitem__", "__contains__", "__iter__", "__len__", "get", "getlist", "items", "lists", "values", "keys")
_WatchedQueryDict = type(
    "_WatchedQueryDict", (QueryDict,), {name: _QueryStringReads.watching(getattr(QueryDict, name)) for name in _READS}
)


@pytest.fixture(autouse=True)
def _query_string_reads(monkeypatch):
    parse, carries_nul = WSGIRequest.GET.func, NulByteMiddleware._carries_nul

    def query_string(request):
        parsed = parse(request)
        parsed.__class__ = _WatchedQueryDict
        return parsed

    def nul_check(request):
        _QueryStringReads.paused = True
        try:
            return carries_nul(request)
        finally:
            _QueryStringReads.paused = False

    watched = cached_property(query_string)
    watched.__set_name__(WSGIRequest, "GET")
    monkeypatch.setattr(WSGIRequest, "GET", watched)
    monkeypatch.setattr(NulByteMiddleware, "_carries_nul", staticmethod(nul_check))


def _reads_query_string(client, path: str, fields: list[str]) -> tuple[bool, int]:
    """Whether the route reads its query string when every name is in it (one GET with mixed
    malformed values); and that GET's answer."""
    before = _QueryStringReads.count
    status = _close(client.get(path, _mixed(fields)))
    return _QueryStringReads.count > before, status


def fuzz(client, path: str, fields: list[str]) -> dict[str, int]:
    """Every malformed value in every field, by GET and POST (once and repeated), plus a file,
    a JSON body and an empty body where a form is expected. Returns the answers by case.

    A route that does not read its query string with every name in it (most forms: they read
    the body) gets that one GET with mixed values, not one per value: no value can reach code that
    never looks (the size and NUL refusals of the middleware are fuzzed on the routes that do)."""
    answers = {}
    reads, answers["get mixed"] = _reads_query_string(client, path, fields)
    for label, value in MALFORMED.items():
        for number, chunk in enumerate(_chunks(fields, value, 1)):
            if reads:
                answers[f"get {label} {number}"] = _close(client.get(path, dict.fromkeys(chunk, value)))
            answers[f"post {label} {number}"] = _close(client.post(path, dict.fromkeys(chunk, value)))
        for number, chunk in enumerate(_chunks(fields, value, 2) if label in TWICE else []):
            twice = {name: [value, value] for name in chunk}
            answers[f"post twice {label} {number}"] = _close(client.post(path, twice))
    files = {name: SimpleUploadedFile(f"{name}.html", b"<p>x</p>", "text/html") for name in fields}
    answers["post files"] = _close(client.post(path, files))
    answers["post json"] = _close(client.post(path, '{"a": [1]}', content_type="application/json"))
    answers["post missing"] = _close(client.post(path, {}))
    return answers


def _assert_no_500(answers: dict[str, int]) -> None:
    assert 500 not in answers.values(), sorted(key for key, code in answers.items() if code == 500)


def _principals(route) -> list[str]:
    return [principal for principal in PRINCIPALS if route.name in ALLOWED[principal]] + [EVERY_ROLE]


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_no_malformed_value_makes_a_500(client_for, make_user, principal_user, voorbeeld, route):
    """Each principal that may open the route reads its page; each distinct set of fields found
    is fuzzed in full as the first principal that showed it (the user with every role first, so
    the union of the forms is fuzzed whatever the others see). A principal whose page shows the
    same fields, or a download, sends one request with a different malformed value per name."""
    users = {principal: principal_user(principal) for principal in reversed(_principals(route))}
    # One row for all: the reporter's own where the reporter may open the route.
    row = _row(route, World(make_user, reporter=users.get(REPORTER)), voorbeeld)
    fuzzed: set[tuple[str, ...]] = set()
    answers = {}
    for principal, user in users.items():
        client = client_for(user)
        client.raise_request_exception = False
        path = sample_path(route, **row.kwargs)
        fields, html = _fields(client, path, route.name, row)
        if principal == EVERY_ROLE or (html and tuple(fields) not in fuzzed):
            if html:
                fuzzed.add(tuple(fields))
            found = fuzz(client, path, fields)
        else:
            found = {"get mixed": _close(client.get(path, _mixed(fields)))}
            found["post mixed"] = _close(client.post(path, _mixed(fields)))
        answers |= {f"{principal}: {case}": code for case, code in found.items()}
    _assert_no_500(answers)


def _mixed(fields) -> dict[str, str]:
    """One request's worth of malformed values, a different one per field (NUL aside: the
    middleware refuses it before any view, which the full fuzz covers)."""
    values = cycle(value for label, value in MALFORMED.items() if label not in {"nul", "long-text"})
    return {name: next(values) for name in sorted(fields)}


#: The refused routes are split over this many tests (routes round-robin), so that two workers
#: share them; within a test each route's row is made once for every principal refused on it.
REFUSED_CHUNKS = 8


@pytest.mark.parametrize("chunk", range(REFUSED_CHUNKS))
def test_refused_routes_refuse_malformed_values_too(client_for, make_user, principal_user, voorbeeld, chunk):
    clients = {}

    def client_of(principal):
        if principal not in clients:
            user = None if principal == ANONYMOUS else principal_user(principal)
            client = Client() if user is None else client_for(user)
            client.raise_request_exception = False
            clients[principal] = (client, user)
        return clients[principal]

    wrong = {}
    for route in ROUTES[chunk::REFUSED_CHUNKS]:
        refused = [principal for principal in PRINCIPALS if route.name not in ALLOWED[principal]] + [ANONYMOUS]
        # One row for all of them: the reporter's own where the reporter is refused (as in
        # test_matrix.test_own_municipality_refused); a refused request changes nothing.
        reporter = client_of(REPORTER)[1] if REPORTER in refused else None
        row = _row(route, World(make_user, reporter=reporter), voorbeeld)
        path = sample_path(route, **row.kwargs)
        fields = set(BODIES[route.name](row)) if route.name in BODIES else set()
        data = _mixed(fields | ALWAYS)
        too_long = len(urlencode(data, doseq=True)) > settings.BAKEN_MAX_QUERY_BYTES
        for principal in refused:
            client = client_of(principal)[0]
            get, post = client.get(path, data), client.post(path, data)
            answers = {"get": _close(get), "post": _close(post)}
            expected = denied_answers(route.name)
            if principal == ANONYMOUS:
                # The login gate answers first: to the login page, whatever was sent.
                answers = {
                    method: (answers[method], response.get("Location", "").split("?")[0])
                    for method, response in (("get", get), ("post", post))
                }
                expected = dict.fromkeys(("get", "post"), (302, reverse("accounts:login")))
            if too_long:
                # Refused before anything else, the login gate included (core/limits.py).
                expected = {**expected, "get": (414, "") if principal == ANONYMOUS else 414}
            if answers != expected:
                wrong[f"{principal}: {route.name}"] = answers
    assert not wrong, wrong


@pytest.mark.parametrize("route", BEFORE_LOGIN, ids=lambda route: route.name)
def test_no_malformed_value_makes_a_500_before_login(make_user, voorbeeld, route):
    client = Client(raise_request_exception=False)
    if route.name in SECOND_FACTOR_VIEWS:
        login_password_only(client, make_user(["signaleerder", "aandachtsfunctionaris"], voorbeeld))
    path = sample_path(route)
    _assert_no_500(fuzz(client, path, _fields(client, path, route.name, None)[0]))


def test_the_query_string_watch_tells_a_reading_view_from_a_form(client_for, principal_user):
    """The full GET fuzz is skipped only where the watch saw no read: it must see the audit log's
    filters read, and see no read where a form reads only its body, NUL check or not."""
    client = client_for(principal_user(EVERY_ROLE))
    assert _reads_query_string(client, reverse("core:audit_log"), ["actie", "pagina"]) == (True, 200)
    assert _reads_query_string(client, reverse("core:organisation_settings"), ["naam"]) == (False, 200)
