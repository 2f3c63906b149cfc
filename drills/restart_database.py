"""Drill 2: restart PostgreSQL under load. While it is down, requests get Baken's own error page
(no stack trace, no debug page); once it is back, Baken recovers by itself (persistent
connections with health checks, no restart of gunicorn); nothing is half-saved."""

import http.client
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import common
import integrity

DOWN_SECONDS = 5
PAGES = ["/", "/signalen/mijn/", "/signalen/nieuw/"]
OWN_ERROR_PAGE = "Er ging iets mis"
LEAKS = ("Traceback", "OperationalError", "psycopg", "Exception Value", "django.db", "Server Error (500)")


class Reader(threading.Thread):
    """A logged-in user opening pages; keeps (time, status, body) of every answer."""

    def __init__(self, baken, username: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.client = common.Client(baken, timeout=30)
        self.client.login(username)
        self.stop = stop
        self.answers: list[tuple[float, int, str]] = []

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            path = PAGES[n % len(PAGES)]
            n += 1
            try:
                answer = self.client.get(path)
                self.answers.append((time.monotonic(), answer.status, answer.text))
            except (OSError, http.client.HTTPException) as error:
                self.answers.append((time.monotonic(), 0, repr(error)))
            time.sleep(0.05)


def main() -> None:
    baken = common.Baken("restart_database", GUNICORN_WORKERS="2")
    baken.setup()
    from django.conf import settings
    from django.db import connection

    database = settings.DATABASES["default"]
    common.check(
        database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True,
        f"persistent connections with health checks (CONN_MAX_AGE={database['CONN_MAX_AGE']}, "
        f"CONN_HEALTH_CHECKS={database['CONN_HEALTH_CHECKS']})",
    )
    version, cluster = common.pg_cluster()
    _organisation, users, _triagers = common.seed_organisation(reporters=4)
    baken.start_web()
    workers_before = sorted(baken.web_workers())
    stop = threading.Event()
    try:
        readers = [Reader(baken, user.username, stop) for user in users[:2]]
        reporters = [common.Reporter(baken, user.username, stop) for user in users[2:]]
        for thread in [*readers, *reporters]:
            thread.start()
        time.sleep(3)
        down_at = time.monotonic()
        subprocess.run(["pg_ctlcluster", version, cluster, "stop", "-m", "fast"], check=True)
        time.sleep(DOWN_SECONDS)
        start_at = time.monotonic()
        subprocess.run(["pg_ctlcluster", version, cluster, "start"], check=True)
        up_at = time.monotonic()
        time.sleep(12)
        stop.set()
        for reader in readers:
            reader.join()
        acknowledged, failed = common.run_reporters(reporters)
        workers_after = sorted(baken.web_workers())
    finally:
        stop.set()
        baken.stop()

    answers = sorted(a for reader in readers for a in reader.answers)
    errors = [a for a in answers if a[1] != 200]
    error_pages = [page for reporter in reporters for page in reporter.error_pages]
    error_pages += [(status, text) for _t, status, text in errors]
    own = [1 for status, text in error_pages if status in (500, 503) and OWN_ERROR_PAGE in text]
    leaks = [text[:200] for _status, text in error_pages if any(leak in text for leak in LEAKS)]
    no_answer = [text for status, text in error_pages if status == 0]
    first_error = min((t for t, _status, _text in errors), default=down_at)
    last_error = max((t for t, _status, _text in errors), default=up_at)
    back = [t for t, status, _text in answers if status == 200 and t > last_error]
    recovery = round(min(back) - start_at, 1) if back else None
    common.info(f"PostgreSQL ({version} {cluster}) stopped for {DOWN_SECONDS} s under load, then started again")
    common.info(f"page requests: {len(answers)}, of which failed: {len(errors)}; intake errors: {len(failed)}")
    common.info(f"error answers: {len(error_pages)}, Baken's own error page: {len(own)}, no answer: {len(no_answer)}")
    common.info(
        f"clients saw errors from {first_error - down_at:.1f} s after the stop for {last_error - first_error:.1f} s; "
        f"pages answered normally again {recovery} s after `pg_ctlcluster start` was called "
        f"(which returned after {up_at - start_at:.1f} s)"
    )
    common.check(bool(error_pages), "requests during the outage failed (the drill hit the outage)")
    common.check(len(own) == len(error_pages), "every failed request got Baken's own error page (500.html)")
    common.check(not leaks, f"no stack trace or database detail in any answer {leaks[:1]}")
    common.check(
        recovery is not None and recovery < 10 and all(s == 200 for t, s, _x in answers if t > up_at),
        "Baken answered normally again by itself within 10 s of the database's start, and kept doing so",
    )
    common.check(workers_before == workers_after, "without a restart of gunicorn's workers")
    connection.close()
    integrity.check_signals(baken.var_dir / "private", acknowledged, failed)
    common.finish("drill restart_database")


if __name__ == "__main__":
    main()
