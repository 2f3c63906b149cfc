"""What the fault drills share: a PostgreSQL cluster and database of their own, Baken in its
production settings (DEBUG off, secure cookies, two-factor login), gunicorn with
deploy/gunicorn.conf.py, the task worker, a small HTTP client that logs in with password and
TOTP code, an SMTP sink that counts mail, and one printed line per check.

The drills restart and fill things, so by default they run on a PostgreSQL cluster of their own
(`15 drills` on port 5434, created when missing; needs root), never on the shared one.
DRILL_DATABASE_URL names another database, DRILL_PG_CLUSTER ("15 main") the cluster it lives in.
"""

import contextlib
import http.client
import io
import os
import re
import secrets
import shutil
import socket
import socketserver
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
GUNICORN = str(Path(PY).parent / "gunicorn")
DEFAULT_URL = "postgres://baken:baken@127.0.0.1:5434/drills_baken"
PASSWORD = "drill-Baken-wachtwoord-2026"
TOTP_KEY = b"drills-totp-key-0001"

# This checkout's code, also when the virtualenv's editable install points at another checkout.
sys.path.insert(0, str(ROOT / "src"))

_failures: list[str] = []


def check(ok: bool, text: str) -> bool:
    """One line per check; the drill exits 1 if any failed (finish())."""
    print(f"{'PASS' if ok else 'FAIL'}  {text}", flush=True)
    if not ok:
        _failures.append(text)
    return ok


def info(text: str) -> None:
    print(f"      {text}", flush=True)


def finish(name: str) -> None:
    if _failures:
        print(f"{name}: FAILED ({len(_failures)} of the checks)", flush=True)
        sys.exit(1)
    print(f"{name}: passed", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- PostgreSQL ---------------------------------------------------------------------------------


def database_url() -> str:
    return os.environ.get("DRILL_DATABASE_URL", DEFAULT_URL)


def pg_cluster() -> tuple[str, str]:
    """(version, name) of the cluster that the drill may restart."""
    if "DRILL_PG_CLUSTER" in os.environ:
        version, name = os.environ["DRILL_PG_CLUSTER"].split()
        return version, name
    return "15", "drills"


def ensure_cluster() -> None:
    """Create and start the drills' own cluster (port 5434, role baken/baken) when the default
    database is used and it is not there yet."""
    if "DRILL_DATABASE_URL" in os.environ:
        return
    version, name = pg_cluster()
    listed = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout
    if not any(line.split()[:2] == [version, name] for line in listed.splitlines()):
        subprocess.run(["pg_createcluster", version, name, "--port", "5434"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["pg_ctlcluster", version, name, "start"], check=False, capture_output=True)
    role = "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='baken') THEN "
    role += "CREATE ROLE baken LOGIN SUPERUSER PASSWORD 'baken'; END IF; END$$;"
    subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-q", "-p", "5434", "-c", role],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def recreate_database() -> None:
    import psycopg

    url = urllib.parse.urlsplit(database_url())
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- Baken in production shape ------------------------------------------------------------------


class Baken:
    """Settings, database, gunicorn and the task worker of one drill."""

    def __init__(self, name: str, **extra_env: str):
        self.name = name
        self.var_dir = ROOT / "var" / "drills" / name
        self.port = free_port()
        self.base = f"127.0.0.1:{self.port}"
        self.procs: list[subprocess.Popen] = []
        self.gunicorn: subprocess.Popen | None = None
        self.logs = self.var_dir / "logs"
        from cryptography.fernet import Fernet

        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "baken.conf.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "BAKEN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "DATABASE_URL": database_url(),
            "BAKEN_VAR_DIR": str(self.var_dir),
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": f"https://{self.base}",
            "SECURE_SSL_REDIRECT": "0",  # the drill plays the TLS proxy: it sends X-Forwarded-Proto
            "BAKEN_BASE_URL": f"https://{self.base}",
            "GUNICORN_BIND": self.base,
            "GUNICORN_WORKERS": "2",
            "GUNICORN_LOG_LEVEL": "warning",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
            **extra_env,
        }

    def setup(self) -> None:
        """(Re)create the database, migrate, collect static files, and load Django here too so
        the drill can seed and count with the ORM."""
        ensure_cluster()
        recreate_database()
        private = self.var_dir / "private"
        private.mkdir(parents=True, exist_ok=True)
        for left in private.iterdir():  # the files of an earlier run (a mount point itself stays)
            rmtree(left) if left.is_dir() else left.unlink()
        self.logs.mkdir(parents=True, exist_ok=True)
        os.environ.update(self.env)
        import django

        django.setup()
        from django.core.management import call_command

        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        info(f"database {database_url().rsplit('/', 1)[-1]} created and migrated in {time.monotonic() - started:.0f} s")
        # One collected copy of the static files for every drill (STATIC_ROOT is BAKEN_VAR_DIR/static).
        static = ROOT / "var" / "drills" / "static"
        static.mkdir(parents=True, exist_ok=True)
        link = self.var_dir / "static"
        if not link.exists():
            link.symlink_to(static)
        if not (static / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen:
        out = open(self.logs / log, "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc

    def start_web(self) -> None:
        self.gunicorn = self._spawn([GUNICORN, "-c", "deploy/gunicorn.conf.py", "baken.wsgi"], "gunicorn.log")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if Client(self).get("/health/").status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /health/ within 60 s (see " + str(self.logs) + ")")

    def web_workers(self) -> list[int]:
        children = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def start_worker(self) -> subprocess.Popen:
        args = [PY, "manage.py", "db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay", "-v", "0"]
        return self._spawn(args, "worker.log")

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.procs = []


def seed_organisation(*, reporters: int = 0, triagers: int = 0):
    """A municipality with reporters and aandachtsfunctionarissen, each with password and a TOTP
    authenticator whose key the drill knows. Returns (organisation, reporters, triagers)."""
    from baken.accounts.models import AuthenticatorDevice
    from baken.core.confidentiality import Confidentiality
    from baken.testing.factories import OrganisationFactory, UserFactory

    organisation = OrganisationFactory(name="Gemeente Oefenstad", slug="oefenstad", cbs_code="GM9990")

    def users(role: str, count: int, clearance: int):
        made = []
        for n in range(count):
            user = UserFactory(
                username=f"{role}-{n}",
                email=f"{role}-{n}@oefenstad.invalid",
                organisation=organisation,
                roles=[role],
                clearance=clearance,
            )
            user.set_password(PASSWORD)
            user.save()
            device = AuthenticatorDevice(user=user, name="authenticator", confirmed=True)
            device.set_key(TOTP_KEY)
            device.save()
            made.append(user)
        return made

    return (
        organisation,
        users("signaleerder", reporters, Confidentiality.INTERN),
        users("aandachtsfunctionaris", triagers, Confidentiality.VERTROUWELIJK),
    )


# --- HTTP ---------------------------------------------------------------------------------------


def totp_code(key: bytes) -> str:
    """The current code of the drill account's authenticator (django-otp's RFC 6238 TOTP)."""
    from django_otp.oath import totp

    return f"{totp(key):06d}"


class Response:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Client:
    """A browser behind the TLS proxy: keeps cookies, sends X-Forwarded-Proto and Origin."""

    def __init__(self, baken: Baken, timeout: float = 30):
        self.baken = baken
        self.cookies: dict[str, str] = {}
        self.timeout = timeout

    def request(self, method: str, path: str, body: bytes = b"", content_type: str = "") -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.baken.port, timeout=self.timeout)
        headers = {
            "Host": self.baken.base,
            "X-Forwarded-Proto": "https",
            "Accept-Language": "nl",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if method == "POST":
            headers["Origin"] = f"https://{self.baken.base}"
            headers["Referer"] = f"https://{self.baken.base}{path}"
            headers["Content-Type"] = content_type
        try:
            conn.request(method, path, body=body or None, headers=headers)
            raw = conn.getresponse()
            data = raw.read()
        finally:
            conn.close()
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _sep, val = cookie.partition("=")
                if val and "max-age=0" not in value.lower():
                    self.cookies[key.strip()] = val.strip('"')
                else:
                    self.cookies.pop(key.strip(), None)
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]] = ()) -> Response:
        boundary = uuid.uuid4().hex
        out = io.BytesIO()
        for name, value in fields:
            out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, filename, content in files:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
            )
            out.write(content + b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, out.getvalue(), f"multipart/form-data; boundary={boundary}")

    def csrf(self, path: str) -> tuple[str, Response]:
        page = self.get(path)
        match = CSRF_INPUT.search(page.text)
        if not match:
            raise RuntimeError(f"no CSRF token on {path} ({page.status})")
        return match.group(1), page

    def login(self, username: str) -> None:
        """Password, then the authenticator's code: the real two-factor login."""
        token, _page = self.csrf("/account/inloggen/")
        answer = self.post(
            "/account/inloggen/",
            [("csrfmiddlewaretoken", token), ("username", username), ("password", PASSWORD)],
        )
        if answer.status != 302:
            raise RuntimeError(f"login of {username} refused ({answer.status})")
        token, _page = self.csrf("/account/inloggen/code/")
        answer = self.post("/account/inloggen/code/", [("csrfmiddlewaretoken", token), ("token", totp_code(TOTP_KEY))])
        if answer.status != 302:
            raise RuntimeError(f"second factor of {username} refused ({answer.status})")


def png_bytes(size: int = 200) -> bytes:
    """A photo: a PNG of `size`×`size` pixels of noise (does not compress, so it has weight)."""
    import zlib

    rows = b"".join(b"\x00" + secrets.token_bytes(size * 3) for _ in range(size))
    chunk = lambda kind, data: (  # noqa: E731
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def intake_fields(token: str, submission_key: str, description: str) -> list[tuple[str, str]]:
    return [
        ("csrfmiddlewaretoken", token),
        ("submission_key", submission_key),
        ("observed_on", time.strftime("%Y-%m-%d")),
        ("channel", "balie"),
        ("description", description),
        ("form_unknown", "on"),
        ("minor_involved", "onbekend"),
        ("location_description", "Balie van het stadhuis"),
    ]


# --- files and e-mail ---------------------------------------------------------------------------


def files_under(directory: Path) -> set[str]:
    return {str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file()}


class SmtpSink(socketserver.ThreadingTCPServer):
    """An SMTP server that takes `delay` seconds before it asks for a message's content (a busy
    relay) and keeps (recipient, subject) of each message it accepted at the final dot: from then
    on the message is delivered, whether or not the sender lives to hear the 250."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.received: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]


class _SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 sink")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("HELO", "EHLO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.reply("250 ok")
            elif verb == "DATA":
                time.sleep(self.server.delay)  # a busy relay: slow to take the message, quick to commit it
                self.reply("354 go on")
                lines = []
                while (body := self.rfile.readline()) not in (b".\r\n", b".\n"):
                    if not body:  # the sender died before the final dot: nothing was delivered
                        return
                    lines.append(body.decode(errors="replace"))
                subject = next((x[8:].strip() for x in lines if x.lower().startswith("subject:")), "")
                with self.server.lock:
                    self.server.received.extend((rcpt, subject) for rcpt in recipients)
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


def rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


# --- reporters under load -----------------------------------------------------------------------

REFERENCE = re.compile(r"SIG-GM\d{4}-\d{4}-\d{4,}")
SUBMITTED = re.compile(r"^/signalen/(\d+)/ontvangen/$")


class Reporter(threading.Thread):
    """A logged-in reporter who keeps sending the intake with a photo until `stop` is set.
    Each submission ends as acknowledged (the confirmation page with its reference) or failed
    (an error status or a broken connection), never both."""

    def __init__(self, baken: Baken, username: str, stop: threading.Event, photo_size: int = 250):
        super().__init__(daemon=True)
        self.client = Client(baken, timeout=30)
        self.client.login(username)
        self.stop, self.photo_size = stop, photo_size
        self.acknowledged: dict[str, str] = {}
        self.failed: list[str] = []
        self.both: list[str] = []
        self.error_pages: list[tuple[int, str]] = []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                token, _page = self.client.csrf("/signalen/nieuw/")
            except (OSError, http.client.HTTPException, RuntimeError):
                time.sleep(0.2)
                continue
            key = str(uuid.uuid4())
            fields = intake_fields(token, key, f"Drill: loods met matrassen ({key[:8]})")
            try:
                answer = self.client.post(
                    "/signalen/nieuw/", fields, [("attachments", "foto.png", png_bytes(self.photo_size))]
                )
            except (OSError, http.client.HTTPException):
                self.failed.append(key)
                continue
            location = urllib.parse.urlsplit(answer.headers.get("location", "")).path
            if answer.status == 302 and SUBMITTED.match(location):
                self.acknowledged[key] = self._reference(location)
            else:
                self.failed.append(key)
                self.error_pages.append((answer.status, answer.text))
                if REFERENCE.search(answer.text):
                    self.both.append(key)

    def _reference(self, location: str) -> str:
        for _attempt in range(60):  # the confirmation may have to wait for the database to be back
            with contextlib.suppress(OSError, http.client.HTTPException):
                page = self.client.get(location)
                if page.status == 200 and (found := REFERENCE.findall(page.text)):
                    return found[0]
            time.sleep(0.5)
        return f"(confirmation page of {location} not readable)"


def run_reporters(reporters: list[Reporter]) -> tuple[dict[str, str], list[str]]:
    acknowledged: dict[str, str] = {}
    failed: list[str] = []
    for reporter in reporters:
        reporter.join()
        acknowledged.update(reporter.acknowledged)
        failed.extend(reporter.failed)
    return acknowledged, failed
