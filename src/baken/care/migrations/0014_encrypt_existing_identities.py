"""Encrypts the identity columns of existing care cases and fills their blind indexes
(docs/adr/0018). Needs BAKEN_ENCRYPTION_KEYS, like the application. Reversible: the reverse
writes the plain values back."""

from functools import partial

from django.db import migrations

from baken.core.crypto import decrypt_existing_rows, encrypt_existing_rows

FIELDS = ("full_name", "aliases", "birth_date", "guardian", "bsn", "v_number", "shelter_address")


class Migration(migrations.Migration):
    dependencies = [("care", "0013_identity_encrypted_columns")]

    operations = [
        migrations.RunPython(
            partial(encrypt_existing_rows, model="care.CareCase", fields=FIELDS),
            partial(decrypt_existing_rows, model="care.CareCase", fields=FIELDS),
        )
    ]
