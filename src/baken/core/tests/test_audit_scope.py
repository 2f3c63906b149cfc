"""Every audit row has a reader (security finding #2): a municipality's rows its privacy officer,
a region's rows the regional privacy officer, the national rows (no organisation, no region) the
installation's administrator through `manage.py audit_log --national`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from baken.core.models import AuditAction, AuditEvent
from baken.core.services import audit_record
from baken.testing.factories import RegionFactory

AUDIT = reverse("core:audit_log")
LOGIN = reverse("accounts:login")


@pytest.fixture
def regional_officer(make_user, region):
    return make_user("privacy_officer", None, region=region, username="privacy-regio")


@pytest.fixture
def regional_coordinator(make_user, region):
    return make_user("zorgcoordinator", None, region=region, username="zorg-regio")


def test_what_a_regional_account_does_carries_its_region(regional_coordinator, region):
    event = audit_record(actor=regional_coordinator, action=AuditAction.VIEW, object_type="care.carecase")
    assert (event.organisation_id, event.region_id) == (None, region.pk)


def test_a_row_about_a_municipality_stays_the_municipality_s(regional_coordinator, voorbeeld):
    event = audit_record(actor=regional_coordinator, action=AuditAction.VIEW, obj=voorbeeld)
    assert (event.organisation_id, event.region_id) == (voorbeeld.pk, None)


def test_a_region_can_be_given_explicitly(db, region):
    event = audit_record(actor=None, username="taak", region=region, action=AuditAction.EXPORT)
    assert (event.organisation_id, event.region_id) == (None, region.pk)


def test_a_given_region_wins_over_a_municipal_actor_s_organisation(make_user, voorbeeld, region):
    """A municipal user acting on a region's own row (a regional self-assessment): the region's
    privacy officer reads it, not the actor's municipality's."""
    actor = make_user("beleidsmaker", voorbeeld)
    event = audit_record(actor=actor, region=region, action=AuditAction.VIEW, object_type="policy.kaderassessment")
    assert (event.organisation_id, event.region_id) == (None, region.pk)
    plain = audit_record(actor=actor, action=AuditAction.VIEW, object_type="policy.kaderassessment")
    assert (plain.organisation_id, plain.region_id) == (voorbeeld.pk, None)


def test_a_row_never_has_two_scopes(db, voorbeeld, region):
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(organisation=voorbeeld, region=region, action=AuditAction.VIEW)


def test_failed_login_of_a_regional_account_carries_its_region(client, regional_coordinator, region):
    client.post(LOGIN, {"username": "zorg-regio", "password": "wrong-password-123"})
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (event.actor_username, event.organisation_id, event.region_id) == ("zorg-regio", None, region.pk)


def test_failed_login_of_an_unknown_name_is_national(client, db):
    client.post(LOGIN, {"username": "niemand", "password": "wrong-password-123"})
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (event.organisation_id, event.region_id) == (None, None)


def test_regional_privacy_officer_reads_the_region_s_rows_only(
    client_for, regional_officer, regional_coordinator, make_user, voorbeeld
):
    elsewhere = RegionFactory(name="Regio Elders", slug="regio-elders")
    audit_record(actor=regional_coordinator, action=AuditAction.EXPORT, reason="regio-rij")
    audit_record(actor=make_user("signaleerder", voorbeeld), action=AuditAction.EXPORT, reason="gemeente-rij")
    audit_record(actor=None, username="niemand", action=AuditAction.LOGIN_FAILED, reason="landelijke-rij")
    audit_record(actor=None, username="x", region=elsewhere, action=AuditAction.EXPORT, reason="andere-regio-rij")
    response = client_for(regional_officer).get(AUDIT)
    assert response.status_code == 200
    reasons = {event.reason for event in response.context["page"].object_list}
    assert "regio-rij" in reasons
    assert not reasons & {"gemeente-rij", "landelijke-rij", "andere-regio-rij"}


def test_municipal_privacy_officer_does_not_read_the_region_s_rows(
    client_for, make_user, voorbeeld, regional_coordinator
):
    audit_record(actor=regional_coordinator, action=AuditAction.EXPORT, reason="regio-rij")
    response = client_for(make_user("privacy_officer", voorbeeld)).get(AUDIT)
    assert "regio-rij" not in {event.reason for event in response.context["page"].object_list}


def test_a_regional_account_without_the_role_cannot_read_the_log(client_for, regional_coordinator):
    assert client_for(regional_coordinator).get(AUDIT).status_code == 404


@pytest.mark.parametrize("page", ["abc", "²", "0", "-3", "9" * 30, "\u0661"])
def test_page_parameter_is_read_through_a_form(client_for, make_user, voorbeeld, page):
    officer = make_user("privacy_officer", voorbeeld)
    response = client_for(officer).get(AUDIT, {"pagina": page})
    assert response.status_code == 200 and response.context["page"].number == 1


def test_pagination_links_carry_only_valid_filter_values(client_for, make_user, voorbeeld):
    officer = make_user("privacy_officer", voorbeeld, username="po")
    for _ in range(55):
        audit_record(actor=officer, action=AuditAction.EXPORT)
    client = client_for(officer)
    response = client.get(AUDIT, {"action": "export", "date_from": "2026-13-45", "rommel": "<x>", "pagina": "1"})
    assert response.context["query"] == "action=export"
    response = client.get(AUDIT, {"action": "export", "date_from": "2020-01-02", "pagina": "2"})
    assert response.context["page"].number == 2
    assert response.context["query"] == "action=export&date_from=2020-01-02"


def test_the_administrator_reads_national_rows_with_a_command(db, voorbeeld, region):
    audit_record(actor=None, username="niemand", action=AuditAction.LOGIN_FAILED, reason="landelijk")
    audit_record(actor=None, username="x", organisation=voorbeeld, action=AuditAction.EXPORT, reason="gemeente")
    audit_record(actor=None, username="y", region=region, action=AuditAction.EXPORT, reason="regio")
    out = io.StringIO()
    call_command("audit_log", "--national", "--action", "login_failed", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and "niemand" in lines[0] and "landelijk" in lines[0]
    # The consultation is logged, in the national scope.
    assert AuditEvent.objects.filter(
        actor_username="manage.py audit_log", organisation=None, region=None, object_type="core.auditlog"
    ).exists()
    out = io.StringIO()
    call_command("audit_log", "--national", stdout=out)
    assert "gemeente" not in out.getvalue() and "regio" not in out.getvalue()
    with pytest.raises(CommandError):
        call_command("audit_log")
