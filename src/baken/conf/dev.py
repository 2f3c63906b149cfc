"""Local development and the `make run` demo: embedded SQLite, console e-mail.

2FA, lockout, CSP and audit are exactly as in production; only transport security
(secure cookies, HSTS) is left out because the demo is served over plain http on localhost.
"""

from baken.conf.base import *  # noqa: F403
from baken.conf.database import *  # noqa: F403
from baken.conf.env import env_bool, env_list, env_str
from baken.conf.security import *  # noqa: F403

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-for-local-demo-do-not-use-in-production-0000")
DEBUG = env_bool("DJANGO_DEBUG", False)
BAKEN_ENCRYPTION_KEYS = env_list("BAKEN_ENCRYPTION_KEYS", [DEVELOPMENT_ENCRYPTION_KEY])  # noqa: F405
