"""Moves the second factors out of django-otp's tables, where the TOTP key and the backup codes
were stored in clear, into Baken's own: the TOTP key encrypted, each backup code as a keyed
digest (docs/adr/0005). The old rows are deleted. Needs BAKEN_ENCRYPTION_KEYS as the application
will use it.

Backwards, the TOTP keys are decrypted into django-otp's table again; backup codes cannot be
(they are one-way): those users get new codes by enrolling again."""

import binascii

from django.db import migrations

from baken.core import crypto

BACKUP_CODE_DIGEST_PURPOSE = "backup-code"  # as baken.accounts.models at the time of writing
COPIED_DEVICE_FIELDS = (
    "user_id",
    "name",
    "confirmed",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "created_at",
    "last_used_at",
)
COPIED_TOTP_FIELDS = ("step", "t0", "digits", "tolerance", "drift", "last_t")


def _copy(source, fields) -> dict:
    return {field: getattr(source, field) for field in fields}


def move_devices_forwards(apps, schema_editor) -> None:
    db = schema_editor.connection.alias
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    AuthenticatorDevice = apps.get_model("accounts", "AuthenticatorDevice")
    BackupCodeDevice = apps.get_model("accounts", "BackupCodeDevice")
    BackupCode = apps.get_model("accounts", "BackupCode")

    for old in TOTPDevice.objects.using(db).order_by("pk"):
        new = AuthenticatorDevice.objects.using(db).create(
            encrypted_key=crypto.encrypt(binascii.unhexlify(old.key)),
            **_copy(old, COPIED_DEVICE_FIELDS + COPIED_TOTP_FIELDS),
        )
        # created_at is auto_now_add: keep the enrolment date of the old row.
        AuthenticatorDevice.objects.using(db).filter(pk=new.pk).update(created_at=old.created_at)
    TOTPDevice.objects.using(db).all().delete()

    for old in StaticDevice.objects.using(db).order_by("pk"):
        device = BackupCodeDevice.objects.using(db).create(**_copy(old, COPIED_DEVICE_FIELDS))
        BackupCodeDevice.objects.using(db).filter(pk=device.pk).update(created_at=old.created_at)
        tokens = list(old.token_set.using(db).values_list("token", flat=True))
        BackupCode.objects.using(db).bulk_create(
            BackupCode(
                device=device,
                digest=crypto.keyed_digest(BACKUP_CODE_DIGEST_PURPOSE, f"{old.user_id}:{token}"),
            )
            for token in tokens
        )
    StaticDevice.objects.using(db).all().delete()  # and their tokens (cascade)


def move_devices_backwards(apps, schema_editor) -> None:
    db = schema_editor.connection.alias
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    AuthenticatorDevice = apps.get_model("accounts", "AuthenticatorDevice")
    BackupCodeDevice = apps.get_model("accounts", "BackupCodeDevice")
    for new in AuthenticatorDevice.objects.using(db).order_by("pk"):
        TOTPDevice.objects.using(db).create(
            key=crypto.decrypt(new.encrypted_key).hex(),
            **_copy(new, COPIED_DEVICE_FIELDS + COPIED_TOTP_FIELDS),
        )
    AuthenticatorDevice.objects.using(db).all().delete()
    BackupCodeDevice.objects.using(db).all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_second_factor_devices"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(move_devices_forwards, move_devices_backwards)]
