"""Baken's own CSRF page (core.views.csrf_failure) keeps the intake's input as the draft."""

import pytest
from django.test import Client
from django.urls import reverse

from baken.core.background import BACKGROUND_HEADER
from baken.signalling.models import IntakeDraft, IntakeDraftUpload, Signal
from baken.signalling.tests.conftest import png_upload
from baken.testing.auth import login_verified

INTAKE = reverse("signalling:intake")
OWN_ORIGIN = "http://testserver"


@pytest.fixture
def strict_client(reporter):
    """A browser that sends a form without its (stale) token: CSRF checks enforced."""
    return login_verified(Client(enforce_csrf_checks=True), reporter)


def test_a_stale_token_on_the_intake_shows_bakens_page_and_keeps_the_input(strict_client, intake_data):
    data = intake_data(description="Wat ik een half uur lang typte", attachments=[png_upload("loods.png")])
    response = strict_client.post(INTAKE, data, HTTP_ORIGIN=OWN_ORIGIN)
    body = response.content.decode()
    assert response.status_code == 403
    assert [t.name for t in response.templates][:2] == ["403_csrf.html", "base.html"]
    assert "Het formulier is verlopen" in body and "als concept bewaard" in body
    assert f'href="{INTAKE}">Terug naar uw melding</a>' in body
    assert "CSRF verification failed" not in body and "Forbidden" not in body
    assert Signal.objects.count() == 0
    assert IntakeDraft.objects.get().data["description"] == ["Wat ik een half uur lang typte"]
    assert IntakeDraftUpload.objects.get().original_name == "loods.png"
    # The link back: the intake restores it (GET needs no token).
    restored = strict_client.get(INTAKE).content.decode()
    assert "Wat ik een half uur lang typte</textarea>" in restored and "loods.png" in restored


@pytest.mark.parametrize("origin", [None, "https://baken.example.org", "http://testserver.evil.example"])
def test_without_our_own_origin_nothing_is_kept(strict_client, intake_data, origin):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    response = strict_client.post(INTAKE, intake_data(description="Van elders"), **headers)
    assert response.status_code == 403 and "Het formulier is verlopen" in response.content.decode()
    assert "Terug naar uw melding" not in response.content.decode()
    assert not IntakeDraft.objects.exists()


def test_a_stale_token_on_the_autosave_keeps_the_text_and_says_so(strict_client):
    draft_url = reverse("signalling:intake_draft")
    response = strict_client.post(
        draft_url, {"description": "Autosave"}, HTTP_ORIGIN=OWN_ORIGIN, headers={BACKGROUND_HEADER: "1"}
    )
    assert response.status_code == 403 and response["Content-Type"].startswith("text/plain")
    assert "als concept bewaard" in response.content.decode()
    assert IntakeDraft.objects.get().data == {"description": ["Autosave"]}


def test_a_stale_token_elsewhere_keeps_nothing_and_explains(client_for, make_user, voorbeeld, reporter):
    beheerder = login_verified(Client(enforce_csrf_checks=True), make_user("functioneel_beheerder", voorbeeld))
    response = beheerder.post(reverse("core:huisstijl"), {"primary_colour": "#000000"}, HTTP_ORIGIN=OWN_ORIGIN)
    assert response.status_code == 403 and "probeer het nog een keer" in response.content.decode()
    # A user who may not report gets no draft from a stale intake form either.
    response = beheerder.post(INTAKE, {"description": "x"}, HTTP_ORIGIN=OWN_ORIGIN)
    assert response.status_code == 403 and not IntakeDraft.objects.exists()
    background = beheerder.post(
        reverse("core:notifications"), {}, HTTP_ORIGIN=OWN_ORIGIN, headers={BACKGROUND_HEADER: "1"}
    )
    assert background.status_code == 403 and "Laad de pagina opnieuw" in background.content.decode()


def test_an_overlong_value_on_a_stale_intake_keeps_nothing(strict_client):
    response = strict_client.post(INTAKE, {"description": "x" * 10_001}, HTTP_ORIGIN=OWN_ORIGIN)
    assert response.status_code == 403 and not IntakeDraft.objects.exists()


def test_an_anonymous_post_goes_to_the_login_and_keeps_nothing(intake_data):
    response = Client(enforce_csrf_checks=True).post(INTAKE, intake_data(), HTTP_ORIGIN=OWN_ORIGIN)
    assert response.status_code == 302 and "/inloggen/" in response.url
    assert not IntakeDraft.objects.exists()
