"""GET /metrics/: Prometheus text for the monitoring network only, without personal data."""

import re

import pytest
from django.urls import reverse

from baken.signalling.tasks import purge_intake_drafts
from baken.testing.signals import make_signal

URL = "/metrics/"


@pytest.fixture
def monitoring(settings):
    settings.BAKEN_METRICS_ALLOWED_NETWORKS = ["10.0.5.0/24", "2001:db8:5::/48"]
    return settings


def test_the_route_is_core_metrics():
    assert reverse("core:metrics") == URL


@pytest.mark.django_db
def test_nobody_may_read_the_metrics_by_default(client, settings):
    assert settings.BAKEN_METRICS_ALLOWED_NETWORKS == []
    for address in ("127.0.0.1", "10.0.5.7", "::1"):
        response = client.get(URL, REMOTE_ADDR=address)
        assert response.status_code == 404
        assert b"baken_" not in response.content


@pytest.mark.django_db
def test_the_monitoring_network_reads_them_and_others_get_404(client, monitoring):
    client.get(reverse("core:health"), REMOTE_ADDR="192.0.2.1")
    for address in ("10.0.5.7", "2001:db8:5::9"):
        response = client.get(URL, REMOTE_ADDR=address)
        assert response.status_code == 200, address
        assert response["Content-Type"].startswith("text/plain")
        body = response.content.decode()
        assert re.search(r'baken_http_requests_total\{method="GET",status="200",view="core:health"\} \d', body)
        assert "baken_http_request_duration_seconds_bucket" in body
        assert 'baken_build_info{version="' in body
        assert "baken_tasks_oldest_ready_age_seconds 0.0" in body
        assert "baken_database_up 1.0" in body
    for address in ("10.0.6.7", "192.0.2.1", "2001:db8:6::9", "::1"):
        assert client.get(URL, REMOTE_ADDR=address).status_code == 404, address
    assert client.post(URL, REMOTE_ADDR="10.0.5.7").status_code == 405


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_client_counts(client, monitoring):
    monitoring.BAKEN_TRUSTED_PROXIES = ["192.0.2.10"]
    assert client.get(URL, REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="10.0.5.7").status_code == 200
    assert client.get(URL, REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="10.0.6.7").status_code == 404
    # A client that is not a trusted proxy cannot claim to be the monitoring network.
    assert client.get(URL, REMOTE_ADDR="192.0.2.99", HTTP_X_FORWARDED_FOR="10.0.5.7").status_code == 404


@pytest.mark.django_db
def test_tasks_are_counted_by_state(client, monitoring):
    monitoring.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    purge_intake_drafts.enqueue()
    purge_intake_drafts.enqueue()
    body = client.get(URL, REMOTE_ADDR="10.0.5.7").content.decode()
    assert 'baken_tasks{state="ready"} 2.0' in body
    age = float(re.search(r"^baken_tasks_oldest_ready_age_seconds (\S+)$", body, re.M).group(1))
    assert 0 <= age < 60


@pytest.mark.django_db
def test_no_personal_data_or_ids_reach_the_metrics(client, client_for, monitoring, reporter):
    signal = make_signal(reporter, description="Familie Oosterbroek-Vermeulen", location_description="Kade 12")
    detail = reverse("signalling:detail", args=[signal.pk])
    assert client_for(reporter).get(detail, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client_for(reporter).get(detail + "?q=Oosterbroek", REMOTE_ADDR="192.0.2.1").status_code == 200
    body = client.get(URL, REMOTE_ADDR="10.0.5.7").content.decode()
    assert 'view="signalling:detail"' in body
    for secret in ("Oosterbroek", "Vermeulen", "Kade", detail, signal.reference, reporter.username):
        assert secret not in body, secret
    views = set(re.findall(r'view="([^"]*)"', body))
    assert views and all(re.fullmatch(r"[a-z_]+:[a-z_]+|<unresolved>", view) for view in views), views


@pytest.mark.django_db
def test_without_the_database_the_scrape_still_answers(client, monitoring, monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.models import DBTaskResult

    def unavailable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(DBTaskResult.objects, "values", unavailable)
    response = client.get(URL, REMOTE_ADDR="10.0.5.7")
    assert response.status_code == 200
    body = response.content.decode()
    assert "baken_database_up 0.0" in body
    assert "baken_build_info" in body
    assert "baken_tasks{" not in body
