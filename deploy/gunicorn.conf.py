"""gunicorn for Baken in production: `gunicorn -c deploy/gunicorn.conf.py baken.wsgi`
(deploy/baken-web.service). Every value can be overridden with an environment variable or on
the command line; the defaults fit one app server behind a TLS-terminating proxy on the same host."""

import os
from pathlib import Path


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: Baken's requests wait on PostgreSQL, not on slow clients (the proxy buffers).
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * _cores() + 1)
worker_class = "sync"
# A request (a PDF export included) that runs longer is killed and logged; the proxy's timeout
# should be a little longer than this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, spread out, so that no slow leak grows without bound.
max_requests = 2000
max_requests_jitter = 200
# The heartbeat file on tmpfs: a worker blocked on a full or slow disk is not taken for dead.
# (gunicorn makes its files there with mkstemp, mode 0600.)
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
# Only this proxy's X-Forwarded-Proto counts (Baken reads X-Forwarded-For itself, through
# BAKEN_TRUSTED_PROXIES); keep both lists the same.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log on stdout (the journal), one JSON line per request with the request id, the path
# without its query string and the duration (baken.core.log_format.JsonAccessLogger).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "baken.core.log_format.JsonAccessLogger"
proc_name = "baken-web"


# /metrics/ adds up the workers' counts from PROMETHEUS_MULTIPROC_DIR (baken.core.metrics).
def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        for stale in Path(directory).glob("*.db"):
            stale.unlink()


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
