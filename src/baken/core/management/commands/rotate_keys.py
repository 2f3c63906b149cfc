"""`manage.py rotate_keys`: the name issue 17 and the ADR use for `rotate_encryption_key`
(docs/adr/0018): re-encrypts every encrypted column and re-keys the blind indexes, in batches,
resumable."""

from baken.core.management.commands.rotate_encryption_key import Command as RotateEncryptionKey


class Command(RotateEncryptionKey):
    pass
