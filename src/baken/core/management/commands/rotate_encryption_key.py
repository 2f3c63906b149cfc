"""Re-encrypts every encrypted column under the first key of BAKEN_ENCRYPTION_KEYS and re-keys
the blind indexes (`manage.py rotate_keys` is the same command).

Replacing a key: put the new key first (keep the old one after it), restart, run this command,
then remove the old key. It works in batches (one transaction each) and can be stopped and run
again: values already under the first key are left alone, so a second run resumes where the first
stopped. Blind indexes (CareCase name and BSN, CaseReferral name) are recomputed from the
decrypted values under the new key; until then a search matches a digest under any listed key.
Keyed digests of backup codes cannot be re-encrypted, they are one-way: the command counts those
still made under an older key; they match only while that key is listed (backup codes are
replaced when the user enrols again; password-reset counts expire within the hour)."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast

from baken.core import crypto

BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Re-encrypts all encrypted columns and re-keys blind indexes under the first key of BAKEN_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Rows per transaction.")

    def handle(self, *args, batch_size: int = BATCH_SIZE, **options):
        for model in apps.get_models():
            fields = model._meta.concrete_fields
            ciphertext = [f for f in fields if isinstance(f, crypto.CiphertextField)]
            indexes = [f for f in fields if isinstance(f, crypto.BlindIndexField)]
            if ciphertext or indexes:
                rows, values = self._rotate(model, ciphertext, indexes, max(1, batch_size))
                self.stdout.write(
                    f"{model._meta.label}: {rows} rows re-encrypted ({values} values, blind indexes included)"
                )
            for field in fields:
                if isinstance(field, crypto.KeyedDigestField):
                    self._report_digests(model, field)

    def _rotate(self, model, ciphertext, indexes, batch_size: int) -> tuple[int, int]:
        """Rows and values changed. The raw column (a Fernet token) is read through a cast to
        text, so that an encrypted field's own decryption is bypassed."""
        raw = {f"raw_{field.attname}": Cast(field.attname, output_field=models.TextField()) for field in ciphertext}
        manager = model._default_manager
        changed_rows = changed_values = 0
        last = None
        while True:
            with transaction.atomic():
                batch = manager.select_for_update().order_by("pk")
                if last is not None:
                    batch = batch.filter(pk__gt=last)
                rows = list(
                    batch.annotate(**raw).values("pk", *raw, *(index.attname for index in indexes))[:batch_size]
                )
                if not rows:
                    return changed_rows, changed_values
                for row in rows:
                    last = row["pk"]
                    changes = self._changes(model, row, ciphertext, indexes)
                    if changes:
                        manager.filter(pk=row["pk"]).update(**changes)
                        changed_rows += 1
                        changed_values += len(changes)

    def _changes(self, model, row, ciphertext, indexes) -> dict:
        changes = {}
        for field in ciphertext:
            token = row[f"raw_{field.attname}"]
            if token and not crypto.under_primary_key(token):
                try:
                    token = crypto.reencrypt(token)
                except crypto.DecryptionError as error:
                    raise crypto.DecryptionError(
                        f"{model._meta.label}.{field.name} of row {row['pk']} cannot be decrypted with the configured "
                        "keys (BAKEN_ENCRYPTION_KEYS): is the old key still listed after the new one?"
                    ) from error
                changes[field.attname] = models.Value(token, output_field=models.TextField())
        stale = [
            i
            for i in indexes
            if row[i.attname] and not row[i.attname].startswith(crypto.current_key_id(i.purpose) + "$")
        ]
        if stale:
            instance = model._default_manager.only(*(i.source for i in stale)).get(pk=row["pk"])
            for index in stale:
                changes[index.attname] = index.digest(getattr(instance, index.source))
        return changes

    def _report_digests(self, model, field) -> None:
        # A model with a keyed-digest column names the digest's purpose in DIGEST_PURPOSE.
        purpose = model.DIGEST_PURPOSE
        current = crypto.current_key_id(purpose)
        older = model._default_manager.exclude(**{f"{field.attname}__startswith": f"{current}$"}).count()
        self.stdout.write(
            f"{model._meta.label}.{field.name}: {older} digests under an older key "
            "(one-way: they match only while that key stays listed)"
        )
