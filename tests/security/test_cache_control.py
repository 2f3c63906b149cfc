"""Pages for a logged-in user are never stored by the browser or a proxy (Cache-Control: no-store).

The routes come from the URL resolver, so a new view that forgets it fails here.
"""

from django.http import FileResponse, HttpResponse
from django.test import RequestFactory

from baken.accounts.roles import ROLES
from baken.core.confidentiality import Confidentiality
from tests.security.urls import all_routes, sample_path


def test_every_page_for_a_logged_in_user_has_no_store(make_user, voorbeeld, client_for):
    user = make_user([role.code for role in ROLES], voorbeeld, clearance=Confidentiality.ZEER_GEHEIM)
    client = client_for(user)
    checked, offenders = [], []
    for route in all_routes():
        if route.name in {"accounts:logout", "set_language"}:
            continue
        response = client.get(sample_path(route))
        if response.status_code != 200:
            continue  # 404 for a sample id, 405 for POST-only views, redirects
        checked.append(route.name)
        if isinstance(response, FileResponse):
            continue
        if "no-store" not in response.get("Cache-Control", ""):
            offenders.append(route.name)
    assert {"home:index", "core:audit_log", "accounts:user_list"} <= set(checked)
    assert offenders == []


def test_a_response_with_its_own_cache_control_keeps_it(make_user, voorbeeld):
    from baken.core.middleware import NoStoreForAuthenticatedMiddleware

    request = RequestFactory().get("/logo/")
    request.user = make_user("signaleerder", voorbeeld)

    def view(request):
        response = HttpResponse(b"png", content_type="image/png")
        response["Cache-Control"] = "private, max-age=3600"
        return response

    response = NoStoreForAuthenticatedMiddleware(view)(request)
    assert response["Cache-Control"] == "private, max-age=3600"
