"""Database selection: embedded SQLite (WAL) by default, PostgreSQL through DATABASE_URL."""

import dj_database_url

from baken.conf.base import VAR_DIR
from baken.conf.env import env_str

DATABASE_URL = env_str("DATABASE_URL", "")

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "baken.sqlite3",
            "OPTIONS": {
                # WAL lets readers and one writer work side by side; IMMEDIATE transactions avoid
                # "database is locked" upgrades when two requests write at once.
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                    " PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
