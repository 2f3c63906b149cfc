"""Session fixation and the absolute session lifetime beside the idle timeout."""

import datetime as dt

import time_machine
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from baken.accounts.models import AuthenticatorDevice
from baken.accounts.tests.test_login import ENROL, HOME, LOGIN, VERIFY, current_token, enrolled_user  # noqa: F401
from baken.testing.factories import TEST_PASSWORD


def test_session_key_is_renewed_after_the_code_step(client, enrolled_user):  # noqa: F811
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    after_password = client.session.session_key
    device = AuthenticatorDevice.objects.get(user=enrolled_user)
    assert client.post(VERIFY, {"token": current_token(device)}).url == HOME
    assert client.session.session_key != after_password
    assert client.get(HOME).status_code == 200


def test_session_key_is_renewed_after_enrolment(client, make_user, voorbeeld):
    user = make_user("signaleerder", voorbeeld, username="nieuw")
    client.post(LOGIN, {"username": "nieuw", "password": TEST_PASSWORD})
    client.get(ENROL)
    after_password = client.session.session_key
    device = AuthenticatorDevice.objects.get(user=user, confirmed=False)
    assert client.post(ENROL, {"token": current_token(device)}).url == reverse("accounts:backup_codes")
    assert client.session.session_key != after_password
    assert client.get(reverse("accounts:backup_codes")).status_code == 200
    assert client.get(HOME).status_code == 200


def test_default_maximum_is_ten_hours():
    assert settings.BAKEN_SESSION_MAX_HOURS == 10


@override_settings(BAKEN_SESSION_MAX_HOURS=2)
def test_active_session_ends_after_the_maximum_lifetime(client_for, enrolled_user):  # noqa: F811
    client = client_for(enrolled_user)
    start = timezone.now()
    # Activity every 20 minutes keeps the idle timeout away, up to the maximum.
    for minutes in range(0, 120, 20):
        with time_machine.travel(start + dt.timedelta(minutes=minutes)):
            assert client.get(HOME).status_code == 200, minutes
    with time_machine.travel(start + dt.timedelta(minutes=121)):
        response = client.get(HOME)
        assert response.status_code == 302 and response.url.startswith(LOGIN)
        page = client.get(response.url).content.decode()
        assert "langer dan 2 uur" in page
        # Logged out for good: the next request goes to login again.
        assert client.get(HOME).url.startswith(LOGIN)
