"""Password-reset requests are limited per e-mail address and per client address (issue 9,
finding 11). A limited request gets the same answer, sends nothing and is audited once."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from baken.accounts.models import PasswordResetRequest
from baken.core.client_ip import client_ip
from baken.core.models import AuditAction, AuditEvent

RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")


@pytest.fixture
def account(make_user, voorbeeld):
    return make_user("signaleerder", voorbeeld, username="amir", email="amir@voorbeeld.nl")


def ask(client, email: str, address: str = "192.0.2.10", **headers):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address, **headers)


def limit_rows():
    return AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, reason__startswith="wachtwoordherstel geweigerd")


def test_per_account_the_fourth_request_in_an_hour_sends_nothing_and_is_audited_once(client, account, voorbeeld):
    for _attempt in range(3):
        assert ask(client, "amir@voorbeeld.nl").url == DONE
    assert len(mail.outbox) == 3

    # Another address, other case: still the same account, still the same neutral answer.
    fourth = ask(client, "AMIR@voorbeeld.nl ", address="198.51.100.7")
    assert fourth.status_code == 302 and fourth.url == DONE
    assert ask(client, "amir@voorbeeld.nl").url == DONE
    assert len(mail.outbox) == 3
    (row,) = limit_rows()
    assert row.organisation == voorbeeld and row.actor_username == "amir" and row.actor is None
    assert row.reason == "wachtwoordherstel geweigerd: te veel aanvragen voor dit e-mailadres"
    assert row.ip_address == "198.51.100.7"

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=61)):
        assert ask(client, "amir@voorbeeld.nl").url == DONE
        assert len(mail.outbox) == 4


def test_per_client_address_the_eleventh_request_in_an_hour_is_refused(client, account):
    for number in range(10):
        assert ask(client, f"onbekend{number}@example.org").url == DONE
    assert ask(client, "amir@voorbeeld.nl").url == DONE
    assert ask(client, "amir@voorbeeld.nl").url == DONE
    assert mail.outbox == []
    (row,) = limit_rows()
    assert row.reason == "wachtwoordherstel geweigerd: te veel aanvragen vanaf dit adres"
    assert row.organisation.slug == "voorbeeld"
    # Another address is not held back.
    assert ask(client, "amir@voorbeeld.nl", address="192.0.2.11").url == DONE
    assert len(mail.outbox) == 1


def test_an_unknown_address_is_limited_and_audited_without_a_municipality(client, db):
    for _attempt in range(4):
        assert ask(client, "niemand@example.org").url == DONE
    (row,) = limit_rows()
    assert row.organisation is None and row.actor_username == ""


@override_settings(BAKEN_PASSWORD_RESET_PER_ACCOUNT=1, BAKEN_PASSWORD_RESET_PER_ADDRESS=2)
def test_the_limits_are_settings(client, account):
    ask(client, "amir@voorbeeld.nl")
    ask(client, "amir@voorbeeld.nl")
    assert len(mail.outbox) == 1
    ask(client, "ander@example.org")
    ask(client, "derde@example.org")
    assert limit_rows().count() == 2


def test_the_address_entered_is_not_stored_and_old_requests_are_removed(client, account):
    ask(client, "amir@voorbeeld.nl")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_passwordresetrequest")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert "amir" not in stored and "192.0.2.10" in stored
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=61)):
        ask(client, "ander@example.org")
    assert PasswordResetRequest.objects.count() == 1


def test_a_forged_forwarded_for_header_does_not_escape_the_address_limit(client, account):
    for number in range(11):
        ask(client, f"onbekend{number}@example.org", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    (row,) = limit_rows()
    assert row.ip_address == "192.0.2.10"


@override_settings(BAKEN_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, account):
    for number in range(10):
        ask(client, f"onbekend{number}@example.org", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    ask(client, "amir@voorbeeld.nl", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert len(mail.outbox) == 1
    ask(client, "amir@voorbeeld.nl", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert len(mail.outbox) == 1
    (row,) = limit_rows()
    assert row.ip_address == "203.0.113.5"


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], "192.0.2.1", "203.0.113.9", "192.0.2.1"),  # no trusted proxy: the header is ignored
        (["10.0.0.1"], "192.0.2.1", "203.0.113.9", "192.0.2.1"),  # not from the proxy: ignored
        (["10.0.0.1"], "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (["10.0.0.1"], "10.0.0.1", "", "10.0.0.1"),
        # A client's own header is kept on the left by the proxy: read from the right.
        (["10.0.0.1"], "10.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (["10.0.0.0/8"], "10.0.0.1", "203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (["10.0.0.0/8"], "10.0.0.1", "10.0.0.3, 10.0.0.2", "10.0.0.3"),
        (["10.0.0.1"], "10.0.0.1", "nonsense", "10.0.0.1"),
        (["2001:db8::/48"], "2001:db8::1", "2001:DB8:ffff::1, 2001:db8::2", "2001:db8:ffff::1"),
        ([], "", "", None),
    ],
)
def test_client_ip_trusts_forwarded_for_only_from_listed_proxies(trusted, remote, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(BAKEN_TRUSTED_PROXIES=trusted):
        assert client_ip(request) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="serialisation under real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_parallel_requests_cannot_slip_past_the_account_limit():
    from django.db import connections

    from baken.accounts.services import password_reset_request

    outcomes, errors = [], []
    barrier = threading.Barrier(12)

    def request(number: int):
        try:
            barrier.wait()
            outcomes.append(password_reset_request(email="doel@example.org", client_ip=f"192.0.2.{number}"))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request, args=(number,)) for number in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert outcomes.count(True) == 3 and outcomes.count(False) == 9
    assert limit_rows().count() == 1
