"""The idle-timeout warning of signed-in pages and its keep-alive ("Ingelogd blijven")."""

import pytest
from django.test import Client
from django.urls import reverse

from baken.core.background import BACKGROUND_HEADER

KEEPALIVE = reverse("core:session_keepalive")
INTAKE = "/signalen/nieuw/"


# --- the idle-timeout warning -------------------------------------------------------------------


def test_signed_in_pages_carry_the_warning_with_the_timeout(client_for, reporter, settings):
    settings.SESSION_COOKIE_AGE = 1800
    settings.BAKEN_IDLE_WARNING_SECONDS = 120
    body = client_for(reporter).get(reverse("home:index")).content.decode()
    assert 'role="alertdialog"' in body and 'data-idle-seconds="1800" data-warn-seconds="120"' in body
    assert "Ingelogd blijven" in body and "over ongeveer 2 minuten uitgelogd" in body
    assert "baken/session.js" in body
    login_page = Client().get(reverse("accounts:login")).content.decode()
    assert "session-timeout" not in login_page and "baken/session.js" not in login_page


def test_keepalive_renews_the_session(client_for, reporter):
    from django.contrib.sessions.models import Session

    client = client_for(reporter)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=Session.objects.get(session_key=key).expire_date)
    before = Session.objects.get(session_key=key).expire_date
    response = client.post(KEEPALIVE, {"next": "/"}, headers={BACKGROUND_HEADER: "1"})
    assert response.status_code == 204
    assert Session.objects.get(session_key=key).expire_date >= before


@pytest.mark.parametrize(
    ("next_url", "target"),
    [(INTAKE, INTAKE), ("https://elders.example/", "/"), ("//elders.example/", "/"), ("0", "/"), ("", "/")],
)
def test_keepalive_without_javascript_goes_back_only_within_baken(client_for, reporter, next_url, target):
    response = client_for(reporter).post(KEEPALIVE, {"next": next_url})
    assert response.status_code == 302 and response.url == target


def test_keepalive_after_the_session_ended_goes_to_the_login(reporter):
    response = Client().post(KEEPALIVE, {}, headers={BACKGROUND_HEADER: "1"})
    assert response.status_code == 302 and "/inloggen/" in response.url
