"""Secrets at rest, with keys that live in the environment (settings.BAKEN_ENCRYPTION_KEYS), never
in the database: a copy of the database alone reveals no TOTP key and cannot be used to test
guesses of a backup code.

- `encrypt`/`decrypt`: Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) through
  MultiFernet: the first key encrypts, every listed key decrypts, so a key is replaced by putting
  the new one first and running `manage.py rotate_encryption_key`. Columns holding ciphertext are
  `CiphertextField`s, so that command finds them all.
- `keyed_digest`/`keyed_digest_matches`: HMAC-SHA256 under a key derived (HKDF) from an
  encryption key, for values that are only ever compared (backup codes, an e-mail address to
  count password-reset requests). The digest names the key that made it, so a digest made under an
  older key still matches while that key is listed. Digests cannot be re-keyed: they are one-way.
- `EncryptedTextField`/`EncryptedDateField`: model fields that hold plain values in Python and a
  Fernet token in the column (identities of persons, docs/adr/0018). They only support `isnull`
  lookups; exact-match search goes through a `BlindIndexField` next to them: a keyed digest of the
  normalised value, kept up to date on save and re-keyed by the rotation command (it can be
  recomputed, unlike a backup-code digest, because the value itself is stored encrypted).
"""

import base64
import datetime as dt
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django import forms
from django.conf import settings
from django.core import validators
from django.core.exceptions import FieldError
from django.db import models


class DecryptionError(Exception):
    """The value was not encrypted under any of the configured keys, or it was altered."""


class CiphertextField(models.TextField):
    """A column that holds a Fernet token made by `encrypt`, never a plain value.
    `manage.py rotate_encryption_key` re-encrypts every column of this type."""


class KeyedDigestField(models.CharField):
    """A column that holds a `keyed_digest`; its model names the digest's purpose in
    `DIGEST_PURPOSE`. `manage.py rotate_encryption_key` counts the values made under an older key
    (they cannot be re-keyed)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 80)
        super().__init__(*args, **kwargs)


def _configured_keys() -> tuple[str, ...]:
    return tuple(settings.BAKEN_ENCRYPTION_KEYS)


@lru_cache(maxsize=8)
def _multi_fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(plaintext: bytes) -> str:
    """Encrypt under the first configured key; the result is ASCII text."""
    return _multi_fernet(_configured_keys()).encrypt(plaintext).decode("ascii")


def decrypt(token: str) -> bytes:
    """Decrypt a value made by `encrypt` under any configured key."""
    try:
        return _multi_fernet(_configured_keys()).decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError) as error:
        raise DecryptionError("The value cannot be decrypted with the configured keys.") from error


def reencrypt(token: str) -> str:
    """The same plaintext, encrypted under the first configured key."""
    try:
        return _multi_fernet(_configured_keys()).rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError) as error:
        raise DecryptionError("The value cannot be decrypted with the configured keys.") from error


@lru_cache(maxsize=32)
def _derived_key(key: str, purpose: str) -> tuple[str, bytes]:
    """An HMAC key for one purpose, derived from one encryption key, and its short public id."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"baken:{purpose}".encode()).derive(
        base64.urlsafe_b64decode(key)
    )
    key_id = hashlib.sha256(b"baken-key-id:" + derived).hexdigest()[:8]
    return key_id, derived


def _purpose_keys(purpose: str) -> list[tuple[str, bytes]]:
    return [_derived_key(key, purpose) for key in _configured_keys()]


def current_key_id(purpose: str) -> str:
    """The id that digests made now carry (the first configured key's)."""
    return _purpose_keys(purpose)[0][0]


def keyed_digest(purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` under the current key for `purpose`, as '<key id>$<hex>'."""
    key_id, key = _purpose_keys(purpose)[0]
    return f"{key_id}${hmac.new(key, value.encode(), hashlib.sha256).hexdigest()}"


def keyed_digest_matches(purpose: str, value: str, digest: str) -> bool:
    """Whether `digest` is the keyed digest of `value`, under whichever listed key made it.
    Compared in constant time."""
    key_id, _, expected = digest.partition("$")
    for candidate_id, key in _purpose_keys(purpose):
        if candidate_id == key_id:
            actual = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
            return hmac.compare_digest(actual, expected)
    return False


def under_primary_key(token: str) -> bool:
    """Whether `token` was made under the first configured key (nothing to rotate)."""
    try:
        Fernet(_configured_keys()[0]).decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


class EncryptedTextField(CiphertextField):
    """Text in Python, a Fernet token in the column; an empty value stays empty (it reveals only
    that nothing was filled in). `max_length` applies to the plain text (form and full_clean).
    Only `isnull` lookups: a token differs on every save, so `filter(field=...)` could never
    match; use the field's `BlindIndexField` instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def plain_to_text(self, value) -> str:
        return str(value)

    def text_to_plain(self, text: str):
        return text

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return self.text_to_plain(decrypt(value).decode())
        except DecryptionError as error:
            raise DecryptionError(
                f"{self.model._meta.label}.{self.name} cannot be decrypted with the configured keys "
                "(BAKEN_ENCRYPTION_KEYS): a key is missing or wrong."
            ) from error

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None or value == "":
            return value
        return encrypt(self.plain_to_text(value).encode())

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(f"{self.name} is encrypted: search through its blind index, not with '{lookup_name}'.")
        return super().get_lookup(lookup_name)

    def value_to_string(self, obj) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else self.plain_to_text(value)


class EncryptedDateField(EncryptedTextField):
    """A date in Python (ISO text, encrypted, in the column); NULL when unknown."""

    _date = models.DateField()

    def to_python(self, value):
        return self._date.to_python(value)

    def plain_to_text(self, value) -> str:
        return value.isoformat()

    def text_to_plain(self, text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    def formfield(self, **kwargs):
        return models.Field.formfield(self, **{"form_class": forms.DateField, **kwargs})


def normalise_digits(value: str) -> str:
    """A number such as a BSN: only its digits."""
    return re.sub(r"\D", "", value or "")


def normalise_name(value: str) -> str:
    """A name for an exact match: case, accents, punctuation and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", (value or "").casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


class BlindIndexField(models.CharField):
    """A keyed digest ('<key id>$<hex>', `keyed_digest`) of the normalised value of the encrypted
    field `source`, for exact-match search without decrypting. Computed on save; empty when the
    source is empty. Its key is derived from the encryption keys for the purpose
    'blind-index:<model>.<source>', so the rotation command re-keys it with the values."""

    def __init__(self, *args, source: str = "", normalise: Callable[[str], str] = normalise_name, **kwargs):
        kwargs.setdefault("max_length", 80)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        self.source = source
        self.normalise = normalise
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs["normalise"] = self.normalise
        for key, default in (("max_length", 80), ("blank", True), ("editable", False), ("db_index", True)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        return name, path, args, kwargs

    @property
    def purpose(self) -> str:
        return f"blind-index:{self.model._meta.label_lower}.{self.source}"

    def digest(self, value) -> str:
        normalised = self.normalise(str(value or ""))
        return keyed_digest(self.purpose, normalised) if normalised else ""

    def candidates(self, value) -> list[str]:
        """The digests `value` has under every configured key (for a search during rotation)."""
        normalised = self.normalise(str(value or ""))
        if not normalised:
            return []
        return [
            f"{key_id}${hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()}"
            for key_id, key in _purpose_keys(self.purpose)
        ]

    def pre_save(self, model_instance, add):
        value = self.digest(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def blind_index_update_fields(model, update_fields):
    """`update_fields` with the blind indexes of any encrypted field in it (for Model.save)."""
    if update_fields is None:
        return None
    update_fields = set(update_fields)
    for field in model._meta.concrete_fields:
        if isinstance(field, BlindIndexField) and field.source in update_fields:
            update_fields.add(field.name)
    return update_fields


def blind_index_filter(model, field_name: str, value) -> models.Q:
    """A filter for rows whose `field_name` (a BlindIndexField) matches `value` under any key;
    matches nothing for an empty value."""
    candidates = model._meta.get_field(field_name).candidates(value)
    return models.Q(**{f"{field_name}__in": candidates}) if candidates else models.Q(pk__in=[])


def encrypt_existing_rows(apps, schema_editor, *, model: str, fields: tuple[str, ...], batch_size: int = 500):
    """Data migration: encrypt the plain values of `fields` (columns already altered to text by
    the schema migration before it) and fill the model's blind indexes. Raw SQL, so that the
    historical model's decrypting fields do not read the plain values."""
    _convert_rows(apps, schema_editor, model=model, fields=fields, batch_size=batch_size, forward=True)


def decrypt_existing_rows(apps, schema_editor, *, model: str, fields: tuple[str, ...], batch_size: int = 500):
    """The reverse of `encrypt_existing_rows`: plain values back, blind indexes emptied."""
    _convert_rows(apps, schema_editor, model=model, fields=fields, batch_size=batch_size, forward=False)


def _convert_rows(apps, schema_editor, *, model, fields, batch_size, forward):
    historical = apps.get_model(model)
    indexes = [f for f in historical._meta.concrete_fields if isinstance(f, BlindIndexField)]
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table = quote(historical._meta.db_table)
    columns = [historical._meta.get_field(name).column for name in fields]
    # Names are quoted identifiers from the model, no user input.
    listed = ", ".join(quote(c) for c in columns)
    select = f"SELECT {quote('id')}, {listed} FROM {table} WHERE {quote('id')} > %s ORDER BY {quote('id')}"  # noqa: S608
    targets = [*columns, *(index.column for index in indexes)]
    update = f"UPDATE {table} SET {', '.join(f'{quote(c)} = %s' for c in targets)} WHERE {quote('id')} = %s"  # noqa: S608
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(select + f" LIMIT {int(batch_size)}", [last])
            rows = cursor.fetchall()
            if not rows:
                return
            for pk, *values in rows:
                last = pk
                texts = ["" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v) for v in values]
                if forward:
                    plain = dict(zip(fields, texts, strict=True))
                    new = [
                        encrypt(t.encode()) if t else None if v is None else ""
                        for t, v in zip(texts, values, strict=True)
                    ]
                    digests = [index.digest(plain.get(index.source, "")) for index in indexes]
                else:
                    new = [decrypt(t).decode() if t else v for t, v in zip(texts, values, strict=True)]
                    digests = ["" for _index in indexes]
                cursor.execute(update, [*new, *digests, pk])
