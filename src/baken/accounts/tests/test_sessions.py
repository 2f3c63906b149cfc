"""Session fixation and the absolute session lifetime beside the idle timeout."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from baken.accounts.tests.test_login import ENROL, HOME, LOGIN, VERIFY, current_token, enrolled_user  # noqa: F401
from baken.testing.factories import TEST_PASSWORD


def test_session_key_is_renewed_after_the_code_step(client, enrolled_user):  # noqa: F811
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    after_password = client.session.session_key
    device = TOTPDevice.objects.get(user=enrolled_user)
    assert client.post(VERIFY, {"token": current_token(device)}).url == HOME
    assert client.session.session_key != after_password
    assert client.get(HOME).status_code == 200


def test_session_key_is_renewed_after_enrolment(client, make_user, voorbeeld):
    user = make_user("signaleerder", voorbeeld, username="nieuw")
    client.post(LOGIN, {"username": "nieuw", "password": TEST_PASSWORD})
    client.get(ENROL)
    after_password = client.session.session_key
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(ENROL, {"token": current_token(device)}).url == reverse("accounts:backup_codes")
    assert client.session.session_key != after_password
    assert client.get(reverse("accounts:backup_codes")).status_code == 200
    assert client.get(HOME).status_code == 200

