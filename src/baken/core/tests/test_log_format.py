"""LOG_FORMAT=json: one JSON object per line with the request id; gunicorn's access log likewise,
without query strings."""

import datetime as dt
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config

import baken
from baken.core.log_format import JsonAccessLogger, JsonFormatter
from baken.core.request_context import current_request_id


def _record(message="Signaal %s geopend", args=("S-1",), exc_info=None):
    return logging.LogRecord("baken.test", logging.WARNING, __file__, 1, message, args, exc_info)


def test_a_record_becomes_one_json_line_with_the_request_id():
    token = current_request_id.set("abcdef0123456789")
    try:
        line = JsonFormatter().format(_record())
    finally:
        current_request_id.reset(token)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Signaal S-1 geopend"
    assert (entry["level"], entry["logger"], entry["request_id"]) == ("WARNING", "baken.test", "abcdef0123456789")
    assert dt.datetime.fromisoformat(entry["time"].replace("Z", "+00:00")).tzinfo is not None


def test_outside_a_request_the_id_is_empty_and_exceptions_are_kept():
    try:
        raise ValueError("kapot")
    except ValueError:
        record = _record(exc_info=sys.exc_info())
    record.status_code = 500
    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == ""
    assert entry["status_code"] == 500
    assert "ValueError: kapot" in entry["exception"]


def test_log_format_json_switches_the_console_handler(tmp_path):
    script = (
        "import django, logging; django.setup(); "
        "from baken.core.request_context import current_request_id; current_request_id.set('req-12345678'); "
        "logging.getLogger('baken').error('melding %s', 'S-2')"
    )

    def run(log_format):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "baken.conf.test", "LOG_FORMAT": log_format}
        env.pop("DATABASE_URL", None)
        env["BAKEN_VAR_DIR"] = str(tmp_path)
        # This checkout's code, whichever checkout the virtualenv was installed from.
        env["PYTHONPATH"] = str(Path(baken.__file__).resolve().parents[1])
        return subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stderr.strip()

    entry = json.loads(run("json"))
    assert (entry["message"], entry["request_id"], entry["level"]) == ("melding S-2", "req-12345678", "ERROR")
    assert run("text") == "melding S-2"


def test_gunicorn_access_log_is_json_with_the_request_id_and_without_the_query(caplog):
    config = Config()
    config.set("accesslog", "-")
    logger = JsonAccessLogger(config)
    response = SimpleNamespace(status="404 Not Found", headers=[("X-Request-ID", "0123abcd4567ef89")], sent=1234)
    environ = {
        "REMOTE_ADDR": "192.0.2.1",
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/coordinatie/signalen/",
        "QUERY_STRING": "q=Oosterbroek",
        "RAW_URI": "/coordinatie/signalen/?q=Oosterbroek",
    }
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        logger.access_log.propagate = True
        logger.access(response, SimpleNamespace(headers=[]), environ, dt.timedelta(milliseconds=42))
    (line,) = [record.getMessage() for record in caplog.records if record.name == "gunicorn.access"]
    entry = json.loads(line)
    assert entry["request_id"] == "0123abcd4567ef89"
    assert (entry["method"], entry["path"], entry["status"], entry["bytes"]) == (
        "GET",
        "/coordinatie/signalen/",
        404,
        1234,
    )
    assert entry["duration_ms"] == 42.0
    assert "Oosterbroek" not in line
