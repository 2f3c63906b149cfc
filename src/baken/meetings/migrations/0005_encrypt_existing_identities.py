"""Encrypts the identity columns of existing case-meeting referrals (aanmeldingen) and fills their blind indexes
(docs/adr/0018). Needs BAKEN_ENCRYPTION_KEYS, like the application. Reversible: the reverse
writes the plain values back."""

from functools import partial

from django.db import migrations

from baken.core.crypto import decrypt_existing_rows, encrypt_existing_rows

FIELDS = ("full_name", "birth_date")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_identity_encrypted_columns")]

    operations = [
        migrations.RunPython(
            partial(encrypt_existing_rows, model="meetings.CaseReferral", fields=FIELDS),
            partial(decrypt_existing_rows, model="meetings.CaseReferral", fields=FIELDS),
        )
    ]
