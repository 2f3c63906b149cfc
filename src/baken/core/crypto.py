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
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
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
