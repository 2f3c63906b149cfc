"""Structured logs: one JSON object per line, with the request id, for LOG_FORMAT=json
(settings.LOGGING) and for gunicorn's access log (deploy/gunicorn.conf.py).

Neither writes query strings, referrers, request bodies or user names: a query string can hold a
search for a person's name, and the logs leave the application's access control."""

import datetime as dt
import json
import logging

from gunicorn.glogging import Logger as GunicornLogger

from baken.core.request_context import current_request_id


def _now(created: float) -> str:
    return dt.datetime.fromtimestamp(created, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, request_id (of the request being served, else empty) and,
    for an exception, its traceback; a django.request record adds its status code."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": _now(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id.get(),
        }
        status_code = getattr(record, "status_code", None)
        if status_code is not None:
            entry["status_code"] = status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class JsonAccessLogger(GunicornLogger):
    """gunicorn's access log as JSON lines: the request id is the X-Request-ID that
    RequestIdMiddleware put on the response; the path without its query string."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        headers = resp.headers.items() if hasattr(resp.headers, "items") else resp.headers
        response_headers = {name.lower(): value for name, value in headers}
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        entry = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "type": "access",
            "request_id": response_headers.get("x-request-id", ""),
            "remote_addr": environ.get("REMOTE_ADDR", ""),
            "method": environ.get("REQUEST_METHOD", ""),
            "path": environ.get("PATH_INFO", ""),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:  # pragma: no cover - gunicorn's own behaviour: log and go on
            self.exception("access log")
