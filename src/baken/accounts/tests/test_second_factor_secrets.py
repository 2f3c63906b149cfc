"""Secrets at rest (issue 9, finding 9): the database holds no TOTP key and no backup code in
clear; a wrong environment key decrypts nothing; login with either still works; existing
django-otp devices are moved and encrypted by the data migration; keys can be rotated."""

import base64
import datetime as dt
import importlib
import io
from types import SimpleNamespace

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from baken.accounts import services
from baken.accounts.models import AuthenticatorDevice, BackupCode, BackupCodeDevice
from baken.accounts.tests.test_login import HOME, LOGIN, VERIFY, current_token, enrolled_user  # noqa: F401
from baken.core.crypto import DecryptionError
from baken.testing.factories import TEST_PASSWORD

DEV_KEY = "ZGV2ZWxvcG1lbnQtb25seS1iYWtlbi1rZXktMDAwMDA="
OTHER_KEY = Fernet.generate_key().decode()


def raw_column(table: str, column: str) -> list[str]:
    """The column's values exactly as the database holds them, past the ORM."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)}")
        return [str(value) for (value,) in cursor.fetchall()]


def all_raw_values(tables: list[str]) -> str:
    quote = connection.ops.quote_name
    text = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")
            text.extend(str(value) for row in cursor.fetchall() for value in row)
    return " ".join(text)


SECOND_FACTOR_TABLES = [
    "accounts_authenticatordevice",
    "accounts_backupcodedevice",
    "accounts_backupcode",
    "otp_totp_totpdevice",
    "otp_static_staticdevice",
    "otp_static_statictoken",
]


def test_the_totp_key_is_stored_only_encrypted(make_user, voorbeeld):
    user = make_user("signaleerder", voorbeeld, username="nieuw")
    device = services.totp_device_start(user=user)
    key = device.bin_key
    assert len(key) == 20
    stored = all_raw_values(SECOND_FACTOR_TABLES)
    assert key.hex() not in stored.lower()
    assert base64.b32encode(key).decode() not in stored.upper()
    (ciphertext,) = raw_column("accounts_authenticatordevice", "encrypted_key")
    assert Fernet(DEV_KEY).decrypt(ciphertext.encode()) == key
    assert not TOTPDevice.objects.exists()


def test_backup_codes_are_stored_only_as_keyed_digests(enrolled_user):  # noqa: F811
    codes = services.backup_codes_regenerate(user=enrolled_user)
    assert len(codes) == 10
    stored = all_raw_values(SECOND_FACTOR_TABLES)
    assert not [code for code in codes if code in stored]
    digests = raw_column("accounts_backupcode", "digest")
    assert len(digests) == 10 and all(len(digest.split("$")[1]) == 64 for digest in digests)
    assert not StaticToken.objects.exists()


def test_a_wrong_environment_key_decrypts_nothing_and_accepts_no_backup_code(enrolled_user):  # noqa: F811
    device = AuthenticatorDevice.objects.get(user=enrolled_user)
    code = services.backup_codes_regenerate(user=enrolled_user)[0]
    with override_settings(BAKEN_ENCRYPTION_KEYS=[OTHER_KEY]):
        with pytest.raises(DecryptionError):
            device.bin_key
        assert not BackupCodeDevice.objects.get(user=enrolled_user).verify_token(code)
    assert len(device.bin_key) == 20


def test_totp_then_backup_code_log_in_and_a_backup_code_works_once(client, enrolled_user):  # noqa: F811
    device = AuthenticatorDevice.objects.get(user=enrolled_user)
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    assert client.post(VERIFY, {"token": current_token(device)}).url == HOME
    assert client.session["otp_device_id"] == f"accounts.authenticatordevice/{device.pk}"
    assert client.get(HOME).status_code == 200

    code = services.backup_codes_regenerate(user=enrolled_user)[3]
    client.post(reverse("accounts:logout"))
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    assert client.post(VERIFY, {"token": code}).url == HOME
    assert BackupCode.objects.filter(device__user=enrolled_user).count() == 9

    client.post(reverse("accounts:logout"))
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=60)):
        client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
        assert client.post(VERIFY, {"token": code}).status_code == 200
        assert client.get(HOME).url == VERIFY


def test_a_backup_code_of_one_user_does_not_work_for_another(make_user, voorbeeld):
    first = make_user("signaleerder", voorbeeld, username="een")
    second = make_user("signaleerder", voorbeeld, username="twee")
    code = services.backup_codes_regenerate(user=first)[0]
    services.backup_codes_regenerate(user=second)
    assert services.second_factor_verify(user=second, token=code).device is None
    assert services.second_factor_verify(user=first, token=code).device is not None


def test_second_factor_remove_all_deletes_authenticator_and_backup_codes(client_for, enrolled_user):  # noqa: F811
    services.backup_codes_regenerate(user=enrolled_user)
    client = client_for(enrolled_user)
    assert client.get(HOME).status_code == 200

    assert services.second_factor_remove_all(user=enrolled_user) == 2
    assert not user_has_device(enrolled_user, confirmed=None)
    assert not BackupCode.objects.filter(device__user=enrolled_user).exists()
    # The session's device is gone: the next request goes to enrolment.
    assert client.get(HOME).url == reverse("accounts:otp_enrol")


def test_the_data_migration_moves_and_encrypts_existing_django_otp_devices(client, enrolled_user):  # noqa: F811
    AuthenticatorDevice.objects.filter(user=enrolled_user).delete()
    key = bytes(range(20))
    created = timezone.now() - dt.timedelta(days=100)
    old_totp = TOTPDevice.objects.create(user=enrolled_user, name="authenticator", confirmed=True, key=key.hex())
    TOTPDevice.objects.filter(pk=old_totp.pk).update(created_at=created)
    old_static = StaticDevice.objects.create(user=enrolled_user, name="backup", confirmed=True)
    StaticToken.objects.create(device=old_static, token="12345678")
    StaticToken.objects.create(device=old_static, token="87654321")

    migration = importlib.import_module("baken.accounts.migrations.0004_move_second_factor_secrets")
    # The functions use only the editor's connection (a real editor cannot open inside a test's
    # transaction on SQLite).
    schema_editor = SimpleNamespace(connection=connection)
    migration.move_devices_forwards(apps, schema_editor)

    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists() and not StaticToken.objects.exists()
    stored = all_raw_values(SECOND_FACTOR_TABLES)
    assert key.hex() not in stored and "12345678" not in stored and "87654321" not in stored
    device = AuthenticatorDevice.objects.get(user=enrolled_user)
    assert device.bin_key == key and device.confirmed and device.created_at == created
    assert BackupCode.objects.filter(device__user=enrolled_user).count() == 2

    # The moved devices log in as before; a backup code works once.
    client.post(LOGIN, {"username": "amir", "password": TEST_PASSWORD})
    totp = TOTP(key, device.step, device.t0, device.digits, device.drift)
    assert client.post(VERIFY, {"token": f"{totp.token():06d}"}).url == HOME
    assert services.second_factor_verify(user=enrolled_user, token="12345678").device is not None
    assert services.second_factor_verify(user=enrolled_user, token="12345678").device is None

    migration.move_devices_backwards(apps, schema_editor)
    assert TOTPDevice.objects.get(user=enrolled_user).key == key.hex()
    assert not AuthenticatorDevice.objects.exists() and not BackupCodeDevice.objects.exists()


# --- key rotation -------------------------------------------------------------------------


def test_rotate_encryption_key_re_encrypts_under_the_new_first_key(enrolled_user):  # noqa: F811
    device = AuthenticatorDevice.objects.get(user=enrolled_user)
    key = device.bin_key
    code = services.backup_codes_regenerate(user=enrolled_user)[0]
    with override_settings(BAKEN_ENCRYPTION_KEYS=[OTHER_KEY, DEV_KEY]):
        out = io.StringIO()
        call_command("rotate_encryption_key", stdout=out)
        assert "accounts.AuthenticatorDevice: 1 rows re-encrypted" in out.getvalue()
        assert "accounts.BackupCode.digest: 10 digests under an older key" in out.getvalue()
        # The old key still lists: backup codes made under it still work.
        assert BackupCodeDevice.objects.get(user=enrolled_user).verify_token(code)
    # Only the new key now: the TOTP key decrypts, nothing needs the old key for it.
    with override_settings(BAKEN_ENCRYPTION_KEYS=[OTHER_KEY]):
        device.refresh_from_db()
        assert device.bin_key == key
    with pytest.raises(DecryptionError):
        device.bin_key
