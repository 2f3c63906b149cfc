"""baken.core.crypto and its keys: encryption with keys from the environment, keyed digests, and
production settings that refuse to start without keys of their own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from baken.core import crypto
from baken.core.crypto import DecryptionError

ROOT = Path(__file__).resolve().parents[4]
OTHER_KEY = Fernet.generate_key().decode()


def test_crypto_round_trip_tampering_and_digests():
    token = crypto.encrypt(b"geheim")
    assert crypto.decrypt(token) == b"geheim" and b"geheim" not in token.encode()
    with pytest.raises(DecryptionError):
        crypto.decrypt(token[:-4] + "AAAA")
    with pytest.raises(DecryptionError):
        crypto.decrypt("é")
    with pytest.raises(DecryptionError):
        crypto.reencrypt("not-a-token")

    digest = crypto.keyed_digest("test", "12345678")
    assert digest.startswith(crypto.current_key_id("test") + "$")
    assert crypto.keyed_digest_matches("test", "12345678", digest)
    assert not crypto.keyed_digest_matches("test", "12345679", digest)
    assert not crypto.keyed_digest_matches("other-purpose", "12345678", digest)
    with override_settings(BAKEN_ENCRYPTION_KEYS=[OTHER_KEY]):
        assert not crypto.keyed_digest_matches("test", "12345678", digest)


def _production_settings_error(keys: str | None) -> str:
    env = {key: value for key, value in os.environ.items() if key != "BAKEN_ENCRYPTION_KEYS"}
    env |= {"SECRET_KEY": "s" * 60, "PYTHONPATH": str(ROOT / "src")}
    if keys is not None:
        env["BAKEN_ENCRYPTION_KEYS"] = keys
    result = subprocess.run(
        [sys.executable, "-c", "import baken.conf.production"], env=env, capture_output=True, text=True, check=False
    )
    return result.stderr


@pytest.mark.parametrize(
    "keys",
    [
        None,
        "",
        "ZGV2ZWxvcG1lbnQtb25seS1iYWtlbi1rZXktMDAwMDA=",
        f"{OTHER_KEY},ZGV2ZWxvcG1lbnQtb25seS1iYWtlbi1rZXktMDAwMDA=",
    ],
    # Stable ids (OTHER_KEY is random): parallel test workers must collect the same tests.
    ids=["unset", "empty", "development-key", "own-key-then-development-key"],
)
def test_production_refuses_to_start_without_its_own_keys(keys):
    assert "BAKEN_ENCRYPTION_KEYS must be set" in _production_settings_error(keys)


def test_production_refuses_a_key_that_is_not_a_fernet_key():
    assert "must be a Fernet key" in _production_settings_error(f"{OTHER_KEY},not-a-key")


def test_production_starts_with_its_own_keys():
    assert _production_settings_error(f"{OTHER_KEY},{Fernet.generate_key().decode()}") == ""
