"""Prometheus metrics for the monitoring network only (GET /metrics/).

What is exposed holds no personal data and no case content: requests counted by method, route
name (never the path with its ids) and status; their duration; the task queue by state and the
age of the oldest waiting task; Baken's version. The endpoint answers 404, like any unknown URL,
to every client address outside BAKEN_METRICS_ALLOWED_NETWORKS (empty, the default: to all).

Under gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR to an empty directory that the
workers share (deploy/baken-web.service): each worker's counts are then added up at scrape time."""

import ipaddress
import os
import time
from functools import lru_cache

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from baken.core.client_ip import client_ip

REQUESTS = Counter(
    "baken_http_requests", "HTTP requests by method, route name and status.", ["method", "view", "status"]
)
DURATION = Histogram(
    "baken_http_request_duration_seconds",
    "Time to answer a request, by method and route name.",
    ["method", "view"],
    buckets=(0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10),
)


@lru_cache(maxsize=4)
def _networks(entries: tuple[str, ...]):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def is_monitoring_client(request: HttpRequest) -> bool:
    address = client_ip(request)
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in _networks(tuple(settings.BAKEN_METRICS_ALLOWED_NETWORKS)))


class MetricsMiddleware:
    """Counts and times every request; the route name is known once the view has been resolved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match is not None else "<unresolved>"
        method = request.method if request.method in {"GET", "POST", "HEAD", "OPTIONS"} else "other"
        REQUESTS.labels(method, view, str(response.status_code)).inc()
        DURATION.labels(method, view).observe(time.perf_counter() - started)
        return response


class TaskQueueCollector:
    """Read at scrape time from django-tasks' table: the same figure from every worker."""

    def collect(self):
        from django.db import DatabaseError
        from django.db.models import Count, Min
        from django_tasks_db.models import DBTaskResult

        from baken.core.backup import baken_version

        yield InfoMetricFamily("baken_build", "Baken's version.", value={"version": baken_version()})
        try:
            states = list(DBTaskResult.objects.values("status").annotate(n=Count("id")).order_by("status"))
            oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
        except DatabaseError:
            # The scrape still answers (process and request figures) and says the database is away.
            yield GaugeMetricFamily("baken_database_up", "Whether the database answered this scrape.", value=0)
            return
        yield GaugeMetricFamily("baken_database_up", "Whether the database answered this scrape.", value=1)
        by_state = GaugeMetricFamily("baken_tasks", "Background tasks by state.", labels=["state"])
        for row in states:
            by_state.add_metric([row["status"].lower()], row["n"])
        yield by_state
        age = (timezone.now() - oldest).total_seconds() if oldest else 0
        yield GaugeMetricFamily(
            "baken_tasks_oldest_ready_age_seconds", "How long the oldest task waiting to run has waited.", value=age
        )


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not is_monitoring_client(request):
        raise Http404
    scraped = CollectorRegistry(auto_describe=False)
    scraped.register(TaskQueueCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(scraped)
        body = generate_latest(scraped)
    else:
        body = generate_latest(REGISTRY) + generate_latest(scraped)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
