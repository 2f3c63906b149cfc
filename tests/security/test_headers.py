"""Response headers and cookies that the outside security test asked for."""

import importlib

from django.conf import settings
from django.test import Client
from django.urls import reverse

PERMISSIONS_DENIED = ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"]


def test_permissions_policy_denies_powerful_features(client, db):
    for path in (reverse("accounts:login"), reverse("core:health")):
        header = client.get(path)["Permissions-Policy"]
        directives = {part.strip() for part in header.split(",")}
        assert directives == {f"{feature}=()" for feature in PERMISSIONS_DENIED}


def test_language_cookie_is_httponly_and_lax(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_language_cookie_is_secure_in_production(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DATABASE_URL", "postgres://baken:baken@localhost:5432/baken")
    monkeypatch.setenv("BAKEN_ENCRYPTION_KEYS", "qWLUmnZRp0vd8Lb9Yqzn1X0d6dbsCB1P4vfAqHcaG6E=")
    production = importlib.import_module("baken.conf.production")
    assert production.LANGUAGE_COOKIE_SECURE is True
    assert production.LANGUAGE_COOKIE_HTTPONLY is True
    assert production.LANGUAGE_COOKIE_SAMESITE == "Lax"


def test_csrf_failure_is_bakens_own_dutch_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert [t.name for t in response.templates][:2] == ["403_csrf.html", "base.html"]
    page = response.content.decode()
    assert "Het formulier is verlopen" in page
    assert "Forbidden" not in page and "CSRF verification failed" not in page
