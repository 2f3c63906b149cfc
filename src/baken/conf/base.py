"""Settings shared by every environment: apps, middleware, templates, i18n, static files."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from baken.conf.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("BAKEN_VAR_DIR", str(BASE_DIR / "var")))

# Which kind of deployment this is; the demo-data command refuses to run in "production".
BAKEN_ENVIRONMENT = "development"

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "django_filters",
    "baken.core",
    "baken.accounts",
    "baken.partners",
    "baken.signalling",
    "baken.coordination",
    "baken.knowledge",
    "baken.care",
    "baken.prevention",
    "baken.policy",
    "baken.reporting",
    "baken.enforcement",
    "baken.meetings",
    "baken.retention",
    "baken.home",
    "baken.demo",
    # After baken.core: its `db_worker` (the task engine's worker with a heartbeat, and recovery
    # of tasks that a dead worker left running) takes the place of django_tasks_db's.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "baken.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "baken.core.middleware.RequestIdMiddleware",
    # Counts and times requests for /metrics/ (route names only, no paths).
    "baken.core.metrics.MetricsMiddleware",
    # Before sessions and CSRF read the body: an oversized request is refused from its header.
    "baken.core.limits.RequestSizeLimitMiddleware",
    "baken.core.limits.NulByteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "baken.core.locale_middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sees every response to a logged-in user, whichever middleware below answers.
    "baken.core.middleware.NoStoreForAuthenticatedMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "baken.core.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages, so that the login page can say why the session ended.
    "baken.core.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes goes last so that it sees the outcome of the login view.
    "axes.middleware.AxesMiddleware",
    # Last, so that it is the first to see a view's exception: a service's refusal answers 404.
    "baken.core.middleware.NotPermittedMiddleware",
]

ROOT_URLCONF = "baken.urls"
WSGI_APPLICATION = "baken.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "baken.home.context_processors.shell",
            ],
            # The shared filters (one date format: |datum, |datumtijd) need no {% load %}.
            "builtins": ["baken.core.templatetags.baken_tags"],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "accounts:login"

# Dutch is the default language; English is available through the language switch.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/utrecht", BASE_DIR / "node_modules/@utrecht/component-library-css/dist"),
    ("vendor/utrecht-tokens", BASE_DIR / "node_modules/@utrecht/design-tokens/dist"),
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
    # The NL Design System font (the design tokens name "Noto Sans Variable" first).
    ("vendor/noto-sans", BASE_DIR / "node_modules/@fontsource-variable/noto-sans"),
]
STORAGES = {
    # Uploads (logos, signal attachments) are private: never under STATIC or a public URL;
    # they are served only by views that apply the access policy.
    "default": {
        "BACKEND": "baken.core.storage.PrivateStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private")},
    },
    "staticfiles": {"BACKEND": "baken.core.storage.StaticStorage"},
}
MEDIA_ROOT = VAR_DIR / "private"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# The largest request body Baken reads at all: five attachments of 10 MB and the form around them.
BAKEN_MAX_REQUEST_MB = env_int("BAKEN_MAX_REQUEST_MB", 55)
BAKEN_MAX_REQUEST_BYTES = BAKEN_MAX_REQUEST_MB * 1024 * 1024
# The longest query string Baken parses (an address with its filters; gunicorn's request line
# limit is 4 KB).
BAKEN_MAX_QUERY_BYTES = env_int("BAKEN_MAX_QUERY_BYTES", 8 * 1024)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Baken <noreply@baken.local>")

# LOG_FORMAT=json: one JSON object per line with the request id (baken.core.log_format); the
# default "text" stays readable for a terminal.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "baken.core.log_format.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", **({"formatter": "json"} if LOG_FORMAT == "json" else {})}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

FORM_RENDERER = "baken.core.forms_renderer.BakenFormRenderer"

# Background work: django-tasks with its database backend (works on SQLite, scales on
# PostgreSQL with several `manage.py db_worker` processes).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task worker not seen for this long is taken for dead (killed, its machine gone): the tasks it
# left running go back in the queue (baken.core: db_worker, tasks_requeue_abandoned). Longer than
# any pause of a live worker's heartbeat; a task that then runs twice skips the mails it sent.
BAKEN_TASK_WORKER_TIMEOUT_SECONDS = env_int("BAKEN_TASK_WORKER_TIMEOUT_SECONDS", 60)

# Absolute address of this installation, for links in e-mails.
BAKEN_BASE_URL = env_str("BAKEN_BASE_URL", "http://127.0.0.1:8000")

# Triage must start within this many working days (urgent signals: the same day).
BAKEN_TRIAGE_WORKING_DAYS = env_int("BAKEN_TRIAGE_WORKING_DAYS", 3)
# A draft of the intake that was not changed for this many days is deleted (manage.py purge_intake_drafts).
BAKEN_DRAFT_DAYS = env_int("BAKEN_DRAFT_DAYS", 7)
# Fill in street and town from postcode + house number at intake with the PDOK Locatieserver (BAG),
# for example https://api.pdok.nl/bzk/locatieserver/search/v3_1/free. Empty (the default): off, and
# the intake takes street + house number + town or postcode + house number as typed.
BAKEN_ADDRESS_LOOKUP_URL = env_str("BAKEN_ADDRESS_LOOKUP_URL", "")
# Accounts without a login for this many days are listed for the functioneel beheerder to deactivate.
BAKEN_INACTIVE_ACCOUNT_DAYS = env_int("BAKEN_INACTIVE_ACCOUNT_DAYS", 90)
# Figures that leave the case roles hide counts below this (reporting/suppression.py; never below 11).
BAKEN_SUPPRESSION_THRESHOLD = env_int("BAKEN_SUPPRESSION_THRESHOLD", 11)
# The municipalities' wijk boundaries for the map beside the signals per wijk: <CBS code>.geojson
# (reporting/wijk_map.py).
BAKEN_WIJK_BOUNDARIES_DIR = env_str("BAKEN_WIJK_BOUNDARIES_DIR", str(VAR_DIR / "wijkgrenzen"))
# Take the request id for the audit log from the X-Request-ID header (only behind a proxy that sets it).
BAKEN_TRUST_REQUEST_ID_HEADER = env_bool("BAKEN_TRUST_REQUEST_ID_HEADER", False)
# Addresses or networks of the proxies in front of Baken: from these only, X-Forwarded-For names the
# client (baken.core.client_ip), for the audit log, the lockout and the password-reset limits.
BAKEN_TRUSTED_PROXIES = env_list("BAKEN_TRUSTED_PROXIES", [])
# Password-reset e-mails per hour, per e-mail address entered and per client address.
BAKEN_PASSWORD_RESET_PER_ACCOUNT = env_int("BAKEN_PASSWORD_RESET_PER_ACCOUNT", 3)
BAKEN_PASSWORD_RESET_PER_ADDRESS = env_int("BAKEN_PASSWORD_RESET_PER_ADDRESS", 10)
# Client addresses or networks (comma-separated) that may read /metrics/ (Prometheus); empty, the
# default: nobody, the endpoint answers 404. Checked on the client address (baken.core.client_ip).
BAKEN_METRICS_ALLOWED_NETWORKS = env_list("BAKEN_METRICS_ALLOWED_NETWORKS", [])
