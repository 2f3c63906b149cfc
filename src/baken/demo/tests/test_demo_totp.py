"""The demo accounts keep their documented TOTP key, stored encrypted like every key."""

import base64
import io

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import override_settings

from baken.accounts.models import AuthenticatorDevice
from baken.accounts.tests.test_second_factor_secrets import all_raw_values
from baken.demo import catalogue

OTHER_KEY = Fernet.generate_key().decode()


def test_the_demo_accounts_keep_their_known_totp_key(db):
    call_command("load_demo_data", stdout=io.StringIO())
    device = AuthenticatorDevice.objects.get(user__username="aandachtsfunctionaris-voorbeeld")
    assert device.bin_key == base64.b32decode(catalogue.DEMO_TOTP_BASE32)
    assert catalogue.DEMO_TOTP_BASE32 not in all_raw_values(["accounts_authenticatordevice"])
    # Under another key (a changed environment) the loader sets the known key again.
    with override_settings(BAKEN_ENCRYPTION_KEYS=[OTHER_KEY]):
        call_command("load_demo_data", stdout=io.StringIO())
        device.refresh_from_db()
        assert device.bin_key == base64.b32decode(catalogue.DEMO_TOTP_BASE32)


# --- the data migration -------------------------------------------------------------------
