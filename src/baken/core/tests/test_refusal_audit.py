"""Refused access is logged as PERMISSION_DENIED: a 404 from an access policy inside a view, and a
service's NotPermitted. At most one row per user, route and minute; a path that matches no route
is not a refusal."""

from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import resolve, reverse

from baken.core.exceptions import NotPermitted
from baken.core.middleware import NotPermittedMiddleware
from baken.core.models import AuditAction, AuditEvent
from baken.core.services import audit_refusal


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def refusals():
    return AuditEvent.objects.filter(action=AuditAction.PERMISSION_DENIED)


def test_refused_detail_writes_one_row_with_route_and_ids(client_for, signaleerder, signal, voorbeeld):
    # Another reporter's signal: the policy hides it, so the view answers 404.
    response = client_for(signaleerder).get(reverse("signalling:detail", args=[signal.pk]))
    assert response.status_code == 404
    row = refusals().get()
    assert row.actor == signaleerder and row.organisation == voorbeeld
    assert row.reason == f"signalling:detail pk={signal.pk}"
    assert row.object_type == "" and row.object_id == ""


def test_twenty_refusals_in_one_minute_write_one_row(client_for, signaleerder, signal):
    client = client_for(signaleerder)
    with time_machine.travel("2026-11-30 12:00:05", tick=False):
        for _ in range(20):
            assert client.get(reverse("signalling:detail", args=[signal.pk])).status_code == 404
    assert refusals().count() == 1
    with time_machine.travel("2026-11-30 12:01:05", tick=False):
        client.get(reverse("signalling:detail", args=[signal.pk]))
    assert refusals().count() == 2, "a new minute writes a new row"


def test_refusals_on_another_route_or_by_another_user_are_logged_apart(client_for, make_user, voorbeeld, signal):
    first, second = make_user("signaleerder", voorbeeld), make_user("signaleerder", voorbeeld)
    with time_machine.travel("2026-11-30 12:00:05", tick=False):
        client_for(first).get(reverse("signalling:detail", args=[signal.pk]))
        client_for(first).get(reverse("signalling:submitted", args=[signal.pk]))
        client_for(second).get(reverse("signalling:detail", args=[signal.pk]))
    assert refusals().count() == 3


def test_not_permitted_from_a_service_is_logged(signaleerder, voorbeeld):
    request = RequestFactory().post(reverse("core:huisstijl"))
    request.user = signaleerder
    request.user.is_verified = lambda: True
    request.resolver_match = resolve(reverse("core:huisstijl"))
    response = NotPermittedMiddleware(lambda r: None).process_exception(request, NotPermitted())
    assert response.status_code == 404
    row = refusals().get()
    assert row.reason == "core:huisstijl (NotPermitted)" and row.organisation == voorbeeld


def test_path_matching_no_route_is_not_a_refusal(client_for, signaleerder):
    assert client_for(signaleerder).get("/bestaat-niet/12/").status_code == 404
    assert not refusals().exists()


def test_unverified_user_is_not_logged(client, signaleerder, signal):
    client.force_login(signaleerder)
    client.get(reverse("signalling:detail", args=[signal.pk]))
    assert not refusals().exists()


def test_counted_refusal_whose_key_just_expired_writes_nothing(signaleerder):
    assert audit_refusal(actor=signaleerder, route="x:y", ids={"pk": 1}) is not None
    with mock.patch.object(cache, "incr", side_effect=ValueError):
        assert audit_refusal(actor=signaleerder, route="x:y", ids={"pk": 1}) is None
    assert refusals().count() == 1


def test_privacy_officer_filters_on_refusals(client_for, make_user, voorbeeld, signaleerder, signal):
    client_for(signaleerder).get(reverse("signalling:detail", args=[signal.pk]))
    body = (
        client_for(make_user("privacy_officer", voorbeeld))
        .get(reverse("core:audit_log"), {"action": AuditAction.PERMISSION_DENIED})
        .content.decode()
    )
    assert f"signalling:detail pk={signal.pk}" in body
