"""`make load`: Baken under concurrent load, the way it runs in production, on this machine.

1. bench/load/prepare.py seeds LOAD_DATABASE_URL (500,000 signals, one municipality with
   100,000 of them, care trajectories and locations there) and makes 50 sessions;
2. gunicorn (deploy/gunicorn.conf.py) serves Baken with the production settings on that
   database, with the task worker (`manage.py db_worker`) beside it;
3. Locust (headless) plays 20 reporters, 10 aandachtsfunctionarissen, 10 zorgcoördinatoren and
   10 toezichthouders for 30 s unmeasured (warm-up), then for LOAD_DURATION (5 minutes) with
   think times, then 50 users ask /health/ without pause for 30 s: the server's ceiling in the
   same run;
4. afterwards the database is compared with what the clients saw acknowledged (warm-up included).

Fails (exit 1) on a server error, a lost or duplicated signal, or a page whose p95 is 300 ms or
more. Writes var/load/report.md (Markdown) and prints it. Never part of `make test`.
"""

import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "load"
PYTHON = ROOT / ".venv" / "bin" / "python"
LOCUST = ROOT / ".venv-load" / "bin" / "locust"
DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://baken:baken@127.0.0.1:5432/baken_load")
DURATION = os.environ.get("LOAD_DURATION", "5m")
HEALTH_DURATION = os.environ.get("LOAD_HEALTH_DURATION", "30s")
#: The same users first, unmeasured: five cold gunicorn workers (imports, templates, catalogues,
#: connections) would otherwise keep the 50 users' first requests waiting in the listen queue.
WARMUP_DURATION = os.environ.get("LOAD_WARMUP_DURATION", "30s")
THINK_SCALE = os.environ.get("LOAD_THINK_SCALE", "1")
USERS = 50
P95_LIMIT_MS = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def keys() -> dict:
    """The server's secrets, made once and kept beside the data they encrypt (var/load)."""
    path = VAR / "keys.json"
    if not path.exists():
        path.write_text(
            json.dumps(
                {"SECRET_KEY": secrets.token_urlsafe(64), "BAKEN_ENCRYPTION_KEYS": Fernet.generate_key().decode()}
            )
        )
    return json.loads(path.read_text())


def environment(port: int) -> dict:
    return {
        **os.environ,
        **keys(),
        "PYTHONPATH": str(ROOT / "src"),
        "DATABASE_URL": DATABASE_URL,
        "BAKEN_VAR_DIR": str(VAR / "server"),
        "DJANGO_SETTINGS_MODULE": "baken.conf.production",
        "ALLOWED_HOSTS": "127.0.0.1",
        "BAKEN_BASE_URL": f"https://127.0.0.1:{port}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(VAR / "mail"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_LOG_LEVEL": "warning",
        "PROMETHEUS_MULTIPROC_DIR": str(VAR / "metrics"),
    }


def wait_for(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            # As behind the TLS proxy (the production settings redirect plain http).
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=2):  # noqa: S310  (our own server on localhost)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} within {seconds} s")


def locust(env: dict, classes: list[str], duration: str, csv_prefix: Path, port: int) -> None:
    subprocess.run(  # noqa: S603
        [
            str(LOCUST),
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "-u",
            str(USERS),
            "-r",
            "10",
            "-t",
            duration,
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(csv_prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            *classes,
        ],
        env=env,
        check=False,  # Locust exits 1 when a request failed; the checks below say which.
    )


def stats(csv_prefix: Path) -> list[dict]:
    with open(f"{csv_prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def server_errors(log: Path) -> int:
    errors = 0
    for line in log.read_text().splitlines():
        try:
            errors += int(json.loads(line).get("status", 0)) >= 500
        except (ValueError, AttributeError):
            continue
    return errors


def signal_check(data: dict) -> dict:
    acknowledged = [line.strip() for line in (VAR / "acknowledged.txt").read_text().splitlines() if line.strip()]
    failed = [line for line in (VAR / "failed.txt").read_text().splitlines() if line.strip()]
    with psycopg.connect(DATABASE_URL) as connection:
        rows = connection.execute(
            "SELECT s.id::text, (SELECT count(*) FROM signalling_signalattachment a WHERE a.signal_id = s.id) "
            "FROM signalling_signal s WHERE s.reporter_id = ANY(%s) ORDER BY s.id OFFSET %s",
            (data["reporter_ids"], data["signals_before"]),
        ).fetchall()
    stored = [pk for pk, _files in rows]
    return {
        "acknowledged": len(acknowledged),
        "failed submissions": len(failed),
        "stored": len(stored),
        "acknowledged but not stored (lost)": len(set(acknowledged) - set(stored)),
        "acknowledged twice": len(acknowledged) - len(set(acknowledged)),
        "stored but never acknowledged": len(set(stored) - set(acknowledged)),
        "stored without a photo": sum(1 for _pk, files in rows if files < 1),
    }


def main() -> int:
    VAR.mkdir(parents=True, exist_ok=True)
    for name in ("acknowledged.txt", "failed.txt"):
        (VAR / name).write_text("")
    port = free_port()
    env = environment(port)
    data_file = VAR / "data.json"
    prepare_env = {**env, "DJANGO_SETTINGS_MODULE": "baken.conf.bench"}
    subprocess.run(  # noqa: S603
        [str(PYTHON), str(ROOT / "bench" / "load" / "prepare.py"), str(data_file)], env=prepare_env, check=True
    )
    subprocess.run(  # noqa: S603
        [str(PYTHON), "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env=env, cwd=ROOT, check=True
    )
    data = json.loads(data_file.read_text())
    log = VAR / "gunicorn.log"
    with open(log, "w") as access, open(VAR / "worker.log", "w") as worker_log:
        worker = subprocess.Popen(  # noqa: S603
            [str(PYTHON), "manage.py", "db_worker", "--no-reload"],
            env=env,
            cwd=ROOT,
            stdout=worker_log,
            stderr=worker_log,
        )
        server = subprocess.Popen(  # noqa: S603
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "baken.wsgi"],
            env=env,
            cwd=ROOT,
            stdout=access,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/health/")
            locust_env = {
                **os.environ,
                "LOAD_DATA": str(data_file),
                "LOAD_ACK_FILE": str(VAR / "acknowledged.txt"),
                "LOAD_FAILED_FILE": str(VAR / "failed.txt"),
            }
            users = ["Reporter", "Triage", "Care", "Inspector"]
            locust(locust_env, users, WARMUP_DURATION, VAR / "warmup", port)
            started = time.monotonic()
            locust(locust_env, users, DURATION, VAR / "app", port)
            app_seconds = time.monotonic() - started
            locust(locust_env, ["Health"], HEALTH_DURATION, VAR / "health", port)
            time.sleep(5)  # the worker's last e-mails
        finally:
            for process in (server, worker):
                process.send_signal(signal.SIGTERM)
            for process in (server, worker):
                process.wait(timeout=60)
    return report(stats(VAR / "app"), stats(VAR / "health"), server_errors(log), signal_check(data), app_seconds)


def report(app: list[dict], health: list[dict], errors: int, signals: dict, seconds: float) -> int:
    pages = [row for row in app if row["Name"] != "Aggregated"]
    total = next(row for row in app if row["Name"] == "Aggregated")
    health_total = next(row for row in health if row["Name"] == "Aggregated")
    slow = [row["Name"] for row in pages if float(row["95%"]) >= P95_LIMIT_MS]
    lost = signals["acknowledged but not stored (lost)"] + signals["acknowledged twice"]
    lines = [
        f"### `make load`: {USERS} users for {seconds:.0f} s on {os.cpu_count()} cores, PostgreSQL, gunicorn "
        f"(think times × {THINK_SCALE})",
        "",
        "| page | requests | failures | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
            f"{row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} |"
            for row in pages
        ),
        "",
        f"All pages: {total['Request Count']} requests, {float(total['Requests/s']):.1f} per second, "
        f"p50 {total['50%']} ms, p95 {total['95%']} ms; /health/ alone, right after: "
        f"{float(health_total['Requests/s']):.0f} per second (p95 {health_total['95%']} ms).",
        f"Server errors (5xx in the access log): {errors}.",
        "Signals: " + ", ".join(f"{name} {value}" for name, value in signals.items()) + ".",
        "",
        "Targets: 0 server errors "
        + ("met" if errors == 0 else "**missed**")
        + "; no lost or duplicated signal "
        + ("met" if lost == 0 else "**missed**")
        + f"; p95 < {P95_LIMIT_MS} ms on every page "
        + ("met" if not slow else "**missed** by " + ", ".join(slow))
        + ".",
    ]
    text = "\n".join(lines) + "\n"
    (VAR / "report.md").write_text(text)
    print(text)
    return 1 if errors or lost or slow else 0


if __name__ == "__main__":
    sys.exit(main())
