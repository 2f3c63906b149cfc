"""Database selection: embedded SQLite (WAL) by default, PostgreSQL through DATABASE_URL."""

import dj_database_url

from baken.conf.base import VAR_DIR
from baken.conf.env import env_str

DATABASE_URL = env_str("DATABASE_URL", "")

#: PostgreSQL's JIT compiler starts above an estimated cost that Baken's reads of a whole register
#: reach (risk-based planning over 20,000 locations: 0.67 s of compiling for 0.16 s of work), and
#: no query of a web request runs long enough to win that back (docs/benchmarks.md).
POSTGRESQL_SESSION = "-c jit=off"


def from_url(url: str) -> dict:
    """The default database of a DATABASE_URL; on PostgreSQL with Baken's session settings added
    to any the URL gives (?options=…)."""
    database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} {POSTGRESQL_SESSION}".strip()
    return database


if DATABASE_URL:
    DATABASES = {"default": from_url(DATABASE_URL)}
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
