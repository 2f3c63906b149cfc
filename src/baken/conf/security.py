"""Security settings that hold in every environment: passwords, 2FA, lockout, sessions, CSP."""

from csp.constants import NONCE, NONE, SELF

from baken.conf.env import env_int

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out account before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout per account (username, and username with IP address), never per IP address alone:
# a whole town hall shares one address and one person must not lock out their colleagues.
AXES_FAILURE_LIMIT = env_int("BAKEN_LOCKOUT_FAILURES", 5)
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_COOLOFF_TIME = env_int("BAKEN_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# The same client address as the audit log: the proxy's X-Forwarded-For only from BAKEN_TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "baken.core.client_ip.client_ip"

# Idle sessions end: every request renews the expiry, so the age is the idle timeout.
SESSION_COOKIE_AGE = env_int("BAKEN_IDLE_TIMEOUT_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
# Beside the idle timeout: a session ends this many hours after login, however active it is.
BAKEN_SESSION_MAX_HOURS = env_int("BAKEN_SESSION_MAX_HOURS", 10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

OTP_TOTP_ISSUER = "Baken"
OTP_TOTP_THROTTLE_FACTOR = 1
BAKEN_BACKUP_CODE_COUNT = 10

# Keys for secrets at rest (TOTP keys, backup-code digests): baken.core.crypto. Production
# requires BAKEN_ENCRYPTION_KEYS; development and tests use this fixed key, which is the base64 of
# "development-only-baken-key-00000" and is refused by the production settings.
DEVELOPMENT_ENCRYPTION_KEY = "ZGV2ZWxvcG1lbnQtb25seS1iYWtlbi1rZXktMDAwMDA="

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# No 'unsafe-inline' anywhere, in every mode: the organisation's colour tokens come in one
# <style> element that carries the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Powerful browser features Baken never uses: denied to every page and frame.
BAKEN_PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}

# The language switch's cookie: not readable by scripts, not sent on cross-site requests
# (and only over TLS in production).
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Baken's own page, in Dutch and in the huisstijl, when a form's CSRF token is missing or stale.
CSRF_FAILURE_VIEW = "baken.core.views.csrf_failure"

# Signed-in pages warn this many seconds before the idle timeout ends the session, with a button
# that keeps it alive (baken/session.js and core:session_keepalive).
BAKEN_IDLE_WARNING_SECONDS = env_int("BAKEN_IDLE_WARNING_SECONDS", 120)
