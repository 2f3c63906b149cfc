"""Login with password and mandatory TOTP, enrolment, backup codes, lockout, idle timeout."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP

from baken.accounts.models import AuthenticatorDevice, BackupCode
from baken.accounts.views import NEXT_SESSION_KEY
from baken.core.models import AuditAction, AuditEvent
from baken.testing.factories import TEST_PASSWORD, TOTPDeviceFactory

pytestmark = pytest.mark.both_databases

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:otp_verify")
ENROL = reverse("accounts:otp_enrol")
HOME = reverse("home:index")


def current_token(device: AuthenticatorDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.fixture
def enrolled_user(make_user, voorbeeld):
    user = make_user("aandachtsfunctionaris", voorbeeld, username="amir")
    TOTPDeviceFactory(user=user)
    return user


def test_password_then_totp_lands_on_start_page_and_is_audited(client, enrolled_user):
    response = client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response.url == VERIFY
    # Password alone opens nothing.
    assert client.get(HOME).url == VERIFY

    device = AuthenticatorDevice.objects.get(user=enrolled_user)
    response = client.post(VERIFY, {"token": current_token(device)})
    assert response.status_code == 302 and response.url == HOME
    assert client.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(actor=enrolled_user, action=AuditAction.LOGIN).count() == 1


def test_login_keeps_the_requested_page_and_refuses_foreign_next(client, enrolled_user):
    client.post(LOGIN + "?next=/audit/", {"username": "amir", "password": TEST_PASSWORD, "next": "/audit/"})
    device = AuthenticatorDevice.objects.get(user=enrolled_user)
    assert client.post(VERIFY, {"token": current_token(device)}).url == "/audit/"

    client.logout()
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD, "next": "https://evil.example/"})
    # A new code step later (throttling resets on success).
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=60)):
        assert client.post(VERIFY, {"token": current_token(device)}).url == HOME


def test_wrong_password_is_refused_and_audited(client, enrolled_user):
    response = client.post(LOGIN, {"username": "amir", "password": "wrong-password-123"})
    assert response.status_code == 200
    assert "onjuist" in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor_username == "amir" and event.actor is None
    # Written for the account's municipality, so its privacy officer sees it.
    assert event.organisation == enrolled_user.organisation


def test_failed_login_for_an_unknown_name_has_no_municipality(client, db):
    client.post(LOGIN, {"username": "niemand", "password": "wrong-password-123"})
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor_username == "niemand" and event.organisation is None


def test_wrong_code_is_refused_and_audited(client, enrolled_user):
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    response = client.post(VERIFY, {"token": "000000"})
    assert response.status_code == 200
    assert "onjuist" in response.content.decode()
    assert client.get(HOME).url == VERIFY
    assert AuditEvent.objects.filter(actor=enrolled_user, action=AuditAction.LOGIN_FAILED).exists()


def test_user_without_device_is_forced_to_enrol_and_gets_backup_codes(client, make_user, voorbeeld):
    user = make_user("signaleerder", voorbeeld, username="nieuw")
    client.post(LOGIN, {"username": "nieuw", "password": TEST_PASSWORD})
    assert client.get(HOME).url == ENROL
    assert client.get(VERIFY).url == ENROL

    page = client.get(ENROL)
    assert page.status_code == 200
    assert "data:image/svg+xml;charset=utf-8,%3Csvg%20xmlns" in page.content.decode()  # a standalone SVG
    device = AuthenticatorDevice.objects.get(user=user, confirmed=False)

    bad = client.post(ENROL, {"token": "123456"})
    assert bad.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed

    # django-otp throttles after a failure: the next try is accepted after a short wait.
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        response = client.post(ENROL, {"token": current_token(device)})
    assert response.url == reverse("accounts:backup_codes")
    codes_page = client.get(response.url).content.decode()
    codes = re.findall(r"<code>(\d{8})</code>", codes_page)
    assert len(set(codes)) == 10 and BackupCode.objects.filter(device__user=user).count() == 10
    # Shown once only.
    assert client.get(reverse("accounts:backup_codes")).url == HOME
    assert client.get(HOME).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_backup_code_works_once(client, enrolled_user):
    from baken.accounts.services import backup_codes_regenerate

    code = backup_codes_regenerate(user=enrolled_user)[0]
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    assert client.post(VERIFY, {"token": code}).url == HOME
    client.post(reverse("accounts:logout"))
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    assert client.post(VERIFY, {"token": code}).status_code == 200
    assert client.get(HOME).url == VERIFY


def test_lockout_after_five_failures_is_per_account(client, enrolled_user, make_user, voorbeeld):
    colleague = make_user("signaleerder", voorbeeld, username="collega")
    TOTPDeviceFactory(user=colleague)
    for _attempt in range(5):
        client.post(LOGIN, {"username": "amir", "password": "wrong-password-123"})
    locked = client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    lockouts = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, reason="account tijdelijk geblokkeerd")
    assert lockouts.exists() and {event.organisation for event in lockouts} == {voorbeeld}

    # Same town-hall IP address, other account: not locked out.
    response = client.post(LOGIN, {"username": "collega", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response.url == VERIFY


def test_idle_session_ends_after_thirty_minutes(client_for, enrolled_user):
    client = client_for(enrolled_user)
    assert client.get(HOME).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=29)):
        assert client.get(HOME).status_code == 200  # activity renews the session
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=29 + 31)):
        response = client.get(HOME)
        assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_logout_is_post_only_and_audited(client_for, enrolled_user):
    client = client_for(enrolled_user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert AuditEvent.objects.filter(actor=enrolled_user, action=AuditAction.LOGOUT).exists()
    assert client.get(HOME).status_code == 302


def test_password_reset_by_email_does_not_skip_second_factor(client, enrolled_user):
    client.post(reverse("accounts:password_reset"), {"email": enrolled_user.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/wachtwoord/nieuw/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new_password = "een-nieuw-lang-wachtwoord-2026"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.url == reverse("accounts:password_reset_complete")
    client.post(LOGIN, {"username": "amir", "password": new_password})
    assert client.get(HOME).url == VERIFY


def test_password_reset_for_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_short_password_is_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("kort-2026")


def test_a_code_held_back_by_the_back_off_says_so_and_is_not_accepted(client, enrolled_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    device = AuthenticatorDevice.objects.get(user=enrolled_user)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        first = client.post(VERIFY, {"token": "000000" if current_token(device) != "000000" else "111111"})
        assert "onjuist of verlopen" in first.content.decode()
        with CaptureQueriesContext(connection) as queries:
            held = client.post(VERIFY, {"token": current_token(device)})
    body = held.content.decode()
    assert held.status_code == 200 and "te veel verkeerde codes" in body and "Wacht" in body
    assert not client.session.get("otp_device_id")
    if connection.vendor == "postgresql":
        assert any("FOR UPDATE" in query["sql"] for query in queries.captured_queries)
    with time_machine.travel(now + dt.timedelta(seconds=60)):
        assert client.post(VERIFY, {"token": current_token(device)}).url == HOME


def test_a_next_longer_than_its_field_goes_home(client, enrolled_user):
    # Between the form field's 2,000 and Django's own 2,048 (url_has_allowed_host_and_scheme).
    long_next = "/audit/?" + "a" * 2030
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD, "next": long_next})
    assert client.session[NEXT_SESSION_KEY] == HOME


def test_a_username_longer_than_the_field_is_refused_before_authentication(client, enrolled_user):
    from axes.models import AccessAttempt

    response = client.post(LOGIN, {"username": "9" * 5000, "password": "x"})
    assert response.status_code == 200
    assert "niet meer dan 150 tekens" in response.content.decode()
    assert not AccessAttempt.objects.exists()  # never reached authenticate() and django-axes
