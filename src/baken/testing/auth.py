"""The only way to pass the second factor without a code: for the automated tests."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from baken.accounts.models import AuthenticatorDevice


def login_verified(client: Client, user) -> Client:
    """Log `user` in on the test client as if password and TOTP had both been given."""
    device = AuthenticatorDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = AuthenticatorDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def login_password_only(client: Client, user) -> Client:
    """Logged in with a password but without the second factor."""
    client.force_login(user)
    return client
