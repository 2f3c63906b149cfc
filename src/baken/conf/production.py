"""Production: PostgreSQL through DATABASE_URL, secrets from the environment, TLS everywhere."""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from baken.conf.base import *  # noqa: F403
from baken.conf.database import *  # noqa: F403
from baken.conf.env import env_bool, env_int, env_list, env_str
from baken.conf.security import *  # noqa: F403

BAKEN_ENVIRONMENT = "production"
DEBUG = False

SECRET_KEY = env_str("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")

# Comma-separated Fernet keys (`Fernet.generate_key()`): the first encrypts, all decrypt.
BAKEN_ENCRYPTION_KEYS = env_list("BAKEN_ENCRYPTION_KEYS", [])
if not BAKEN_ENCRYPTION_KEYS or DEVELOPMENT_ENCRYPTION_KEY in BAKEN_ENCRYPTION_KEYS:  # noqa: F405
    raise ImproperlyConfigured("BAKEN_ENCRYPTION_KEYS must be set to one or more keys of your own (see the README).")
for _key in BAKEN_ENCRYPTION_KEYS:
    try:
        Fernet(_key)
    except ValueError as _error:
        raise ImproperlyConfigured(
            "Each BAKEN_ENCRYPTION_KEYS entry must be a Fernet key (32 bytes, base64)."
        ) from _error

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env_bool("BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
