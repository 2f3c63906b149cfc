"""The audit log is append-only and readable only by the privacy officer of the organisation."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import override_settings
from django.urls import reverse

from baken.core.append_only import AppendOnlyError
from baken.core.models import AuditAction, AuditEvent
from baken.core.services import audit_record

pytestmark = pytest.mark.both_databases

AUDIT = reverse("core:audit_log")


@pytest.fixture
def event(make_user, voorbeeld):
    return audit_record(actor=make_user("signaleerder", voorbeeld), action=AuditAction.VIEW, reason="test")


def test_orm_refuses_update_and_delete(event):
    event.reason = "herschreven"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="herschreven")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == "test"


@pytest.mark.owner_role  # the runtime role is refused before the trigger: test_database_roles.py
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_trigger_refuses_raw_update_and_delete(event):
    for statement in ("UPDATE core_auditevent SET reason = 'x'", "DELETE FROM core_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.get(pk=event.pk).reason == "test"


@override_settings(BAKEN_TRUST_REQUEST_ID_HEADER=True)
def test_audit_row_records_who_what_when_and_request(client_for, make_user, voorbeeld):
    officer = make_user("privacy_officer", voorbeeld)
    response = client_for(officer).get(AUDIT, HTTP_X_REQUEST_ID="req-12345678")
    assert response["X-Request-ID"] == "req-12345678"
    row = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="core.auditlog")
    assert row.actor == officer and row.organisation == voorbeeld and row.request_id == "req-12345678"
    assert row.ip_address == "127.0.0.1" and row.timestamp is not None


def test_request_id_from_an_untrusted_client_is_not_taken(client_for, make_user, voorbeeld):
    officer = make_user("privacy_officer", voorbeeld)
    response = client_for(officer).get(AUDIT, HTTP_X_REQUEST_ID="forged-12345678")
    row = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="core.auditlog")
    assert row.request_id != "forged-12345678" and len(row.request_id) == 32
    assert response["X-Request-ID"] == row.request_id


def test_privacy_officer_sees_only_own_organisation(client_for, make_user, voorbeeld, zuiderhaven):
    own = make_user("signaleerder", voorbeeld, username="eigen-medewerker")
    other = make_user("signaleerder", zuiderhaven, username="andere-medewerker")
    audit_record(actor=own, action=AuditAction.LOGIN)
    audit_record(actor=other, action=AuditAction.LOGIN)
    body = client_for(make_user("privacy_officer", voorbeeld)).get(AUDIT).content.decode()
    assert "eigen-medewerker" in body
    assert "andere-medewerker" not in body


def test_audit_log_filters_and_paginates(client_for, make_user, voorbeeld):
    actor = make_user("signaleerder", voorbeeld, username="sanne")
    for _ in range(60):
        audit_record(actor=actor, action=AuditAction.VIEW, object_type="signalling.signal", object_id=7)
    audit_record(actor=actor, action=AuditAction.EXPORT, object_type="signalling.signal", object_id=8)
    client = client_for(make_user("privacy_officer", voorbeeld))
    page_one = client.get(AUDIT, {"action": "view", "actor": "sanne"})
    assert page_one.context["page"].paginator.count == 60
    assert len(page_one.context["page"].object_list) == 50
    page_two = client.get(AUDIT, {"action": "view", "actor": "sanne", "pagina": 2})
    assert len(page_two.context["page"].object_list) == 10
    exported = client.get(AUDIT, {"action": "export"})
    assert [e.object_id for e in exported.context["page"].object_list] == ["8"]


@pytest.mark.parametrize("role", ["signaleerder", "aandachtsfunctionaris", "functioneel_beheerder", "beleidsmaker"])
def test_nobody_else_can_read_the_audit_log(client_for, make_user, voorbeeld, role):
    assert client_for(make_user(role, voorbeeld)).get(AUDIT).status_code == 404


def test_superuser_without_role_cannot_read_the_audit_log(client_for, make_user, voorbeeld):
    boss = make_user(None, voorbeeld, is_superuser=True, is_staff=True)
    assert client_for(boss).get(AUDIT).status_code == 404


def test_audit_list_query_count_is_constant(client_for, make_user, voorbeeld, django_assert_max_num_queries):
    actor = make_user("signaleerder", voorbeeld)
    client = client_for(make_user("privacy_officer", voorbeeld))
    audit_record(actor=actor, action=AuditAction.VIEW)
    with django_assert_max_num_queries(50) as few:
        client.get(AUDIT)
    for _ in range(40):
        audit_record(actor=actor, action=AuditAction.VIEW)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(AUDIT)
