"""Re-encrypts every encrypted column under the first key of BAKEN_ENCRYPTION_KEYS.

Replacing a key: put the new key first (keep the old one after it), restart, run this command,
then remove the old key. Keyed digests (backup codes) cannot be re-encrypted, they are one-way:
the command counts those still made under an older key; they match only while that key is
listed (backup codes are replaced when the user enrols again; password-reset counts expire
within the hour)."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from baken.core import crypto

BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Re-encrypts all encrypted columns under the first key of BAKEN_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        for model in apps.get_models():
            ciphertext_fields = [f for f in model._meta.concrete_fields if isinstance(f, crypto.CiphertextField)]
            if ciphertext_fields:
                count = self._reencrypt(model, [f.attname for f in ciphertext_fields])
                self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
            for field in model._meta.concrete_fields:
                if isinstance(field, crypto.KeyedDigestField):
                    self._report_digests(model, field)

    def _reencrypt(self, model, names: list[str]) -> int:
        count = 0
        pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH_SIZE):
            with transaction.atomic():
                rows = model._default_manager.select_for_update().filter(pk__in=pks[start : start + BATCH_SIZE])
                for row in rows.values("pk", *names):
                    changes = {name: crypto.reencrypt(row[name]) for name in names if row[name]}
                    model._default_manager.filter(pk=row["pk"]).update(**changes)
                    count += 1
        return count

    def _report_digests(self, model, field) -> None:
        # A model with a keyed-digest column names the digest's purpose in DIGEST_PURPOSE.
        purpose = model.DIGEST_PURPOSE
        current = crypto.current_key_id(purpose)
        older = model._default_manager.exclude(**{f"{field.attname}__startswith": f"{current}$"}).count()
        self.stdout.write(
            f"{model._meta.label}.{field.name}: {older} digests under an older key "
            "(one-way: they match only while that key stays listed)"
        )
