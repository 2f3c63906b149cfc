"""deploy/: gunicorn's configuration is valid for gunicorn and sizes itself; the systemd units,
the daily script and the crontab name only commands and files that exist."""

import os
import re
import runpy
from pathlib import Path

import pytest
from django.core.management import get_commands
from gunicorn.config import Config

from baken.core.log_format import JsonAccessLogger

DEPLOY = Path(__file__).resolve().parents[4] / "deploy"


def _load(monkeypatch, **env):
    for name in ("GUNICORN_WORKERS", "GUNICORN_BIND", "GUNICORN_TIMEOUT", "PROMETHEUS_MULTIPROC_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


def test_gunicorn_accepts_every_value_and_sizes_the_workers_from_the_cores(monkeypatch):
    values = _load(monkeypatch)
    config = Config()
    applied = {name: value for name, value in values.items() if name in config.settings}
    for name, value in applied.items():
        config.set(name, value)
    assert {"bind", "workers", "timeout", "accesslog", "logger_class", "forwarded_allow_ips"} <= applied.keys()
    assert config.workers == 2 * len(os.sched_getaffinity(0)) + 1
    assert config.logger_class is JsonAccessLogger
    assert config.bind == ["127.0.0.1:8000"]
    assert _load(monkeypatch, GUNICORN_WORKERS="3", GUNICORN_BIND="0.0.0.0:9000")["workers"] == 3


def test_the_metrics_files_of_old_workers_are_cleared(monkeypatch, tmp_path):
    directory = tmp_path / "metrics"
    directory.mkdir()
    (directory / "counter_123.db").write_bytes(b"old")
    values = _load(monkeypatch, PROMETHEUS_MULTIPROC_DIR=str(directory))
    values["on_starting"](None)
    assert list(directory.iterdir()) == []
    values["child_exit"](None, type("Worker", (), {"pid": 123})())


def _deploy_texts():
    return {path.name: path.read_text() for path in DEPLOY.iterdir() if path.is_file()}


@pytest.mark.parametrize("name", sorted(_deploy_texts()))
def test_deploy_files_name_only_existing_commands_and_files(name):
    text = _deploy_texts()[name]
    commands = set(get_commands())
    named = set(re.findall(r"manage\.py (?:help )?([a-z_]+)", text)) | set(re.findall(r"^run ([a-z_]+)", text, re.M))
    unknown = named - commands
    assert not unknown, unknown
    for deployed in re.findall(r"/opt/baken/deploy/([\w.-]+)", text):
        assert (DEPLOY / deployed).is_file(), deployed


def test_the_daily_script_runs_every_daily_command():
    text = (DEPLOY / "baken-daily").read_text()
    daily = {
        "send_triage_reminders",
        "send_care_reminders",
        "send_enforcement_reminders",
        "send_meeting_escalations",
        "purge_intake_drafts",
        "purge_inspection_drafts",
        "purge_expired",
        "purge_orphan_files",
        "audit_verify",
    }
    assert set(re.findall(r"^\s*run ([a-z_]+)", text, re.M)) == daily
    assert os.access(DEPLOY / "baken-daily", os.X_OK)
