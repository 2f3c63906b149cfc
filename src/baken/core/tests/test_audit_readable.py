"""The audit log a privacy officer can use (issue 11): rows name the object (its reference number or
name), in Dutch, with the actor's name and roles; search by reference number, person and object;
CSV and PDF exports of the filtered log, themselves audited and safe against CSV injection."""

import csv
import io

import pytest
from django.urls import reverse

from baken.core.models import AuditAction, AuditEvent
from baken.core.services import audit_record, organisation_update_huisstijl
from baken.testing.snapshots import database_state

AUDIT = reverse("core:audit_log")
CSV = reverse("core:audit_log_csv")
PDF = reverse("core:audit_log_pdf")


@pytest.fixture
def officer(make_user, voorbeeld):
    return make_user("privacy_officer", voorbeeld, username="petra", first_name="Petra", last_name="Mulder")


@pytest.fixture
def amir(make_user, voorbeeld):
    return make_user("aandachtsfunctionaris", voorbeeld, username="amir", first_name="Amir", last_name="Bakker")


def _rows(response):
    return response.context["rows"]


def test_rows_name_the_object_and_the_actor_in_dutch(client_for, officer, amir, signal, beheerder, voorbeeld):
    audit_record(actor=amir, action=AuditAction.VIEW, obj=signal, reason="signaal bekeken")
    organisation_update_huisstijl(actor=beheerder, organisation=voorbeeld, changes={"primary_text_colour": "#ffffff"})
    rows = _rows(client_for(officer).get(AUDIT, {"person": "Amir"}))
    (row,) = rows
    assert row.object_label == signal.reference
    assert row.type_label == "melding"
    assert row.actor_name == "Amir Bakker (amir)"
    assert row.actor_roles == "Aandachtsfunctionaris mensenhandel"
    huisstijl = _rows(client_for(officer).get(AUDIT, {"object_type": "core.organisation"}))
    assert huisstijl[0].object_label == "Gemeente Voorbeeld"
    assert huisstijl[0].reason == "huisstijl: tekstkleur op hoofdkleur"
    body = client_for(officer).get(AUDIT, {"reference": signal.reference}).content.decode()
    assert (
        signal.reference in body and f"signalling.signal {signal.pk}" not in body and ">signalling.signal" not in body
    )


def test_role_codes_in_reasons_are_role_names(client_for, officer, beheerder, voorbeeld):
    from baken.accounts.services import user_create

    user_create(
        actor=beheerder,
        organisation=voorbeeld,
        username="nieuw",
        email="n@x.invalid",
        role_codes=["beleidsmaker"],
        clearance=1,
    )
    rows = _rows(client_for(officer).get(AUDIT, {"object_type": "accounts.user", "action": "create"}))
    assert rows[0].reason == "rollen: Beleidsmaker / ketenregisseur"
    assert rows[0].object_label.startswith("nieuw")


def test_an_object_of_another_municipality_is_never_named(officer, signaleerder_zuiderhaven):
    from baken.core.audit_display import object_names
    from baken.testing.signals import make_signal

    foreign = make_signal(signaleerder_zuiderhaven)
    event = AuditEvent(object_type="signalling.signal", object_id=str(foreign.pk))
    assert object_names([event], officer) == {}
    odd = [
        AuditEvent(object_type="nope.nothing", object_id="1"),
        AuditEvent(object_type="signalling.signal", object_id="x" * 30),
    ]
    assert object_names(odd, officer) == {}


def test_search_by_reference_finds_the_signal_and_what_hangs_off_it(client_for, officer, amir, signal, reporter):
    from baken.testing.signals import make_signal

    other = make_signal(reporter, description="Ander signaal")
    attachment = make_signal(reporter, with_attachment=True).attachments.get()
    audit_record(actor=amir, action=AuditAction.VIEW, obj=signal)
    audit_record(actor=amir, action=AuditAction.VIEW, obj=other)
    audit_record(actor=amir, action=AuditAction.VIEW, obj=attachment)
    rows = _rows(client_for(officer).get(AUDIT, {"reference": signal.reference.lower()}))
    assert {(row.event.object_type, row.event.object_id) for row in rows if row.event.actor == amir} == {
        ("signalling.signal", str(signal.pk))
    }
    rows = _rows(client_for(officer).get(AUDIT, {"reference": attachment.signal.reference}))
    assert ("signalling.signalattachment", str(attachment.pk)) in {
        (r.event.object_type, r.event.object_id) for r in rows
    }


def test_search_by_person_and_by_object(client_for, officer, amir, signal, make_user, voorbeeld):
    sanne = make_user("signaleerder", voorbeeld, username="sanne", first_name="Sanne", last_name="de Vries")
    audit_record(actor=amir, action=AuditAction.VIEW, obj=signal)
    audit_record(actor=sanne, action=AuditAction.LOGIN, obj=sanne)
    client = client_for(officer)
    assert {r.event.actor_username for r in _rows(client.get(AUDIT, {"person": "sanne de vries"}))} == {"sanne"}
    assert _rows(client.get(AUDIT, {"person": "sanne bakker"})) == []
    by_object = _rows(client.get(AUDIT, {"object_type": "signalling.signal", "object_id": signal.pk}))
    assert by_object and all(row.event.object_id == str(signal.pk) for row in by_object)


def test_bad_search_input_gets_a_dutch_error_and_no_500(client_for, officer):
    response = client_for(officer).get(AUDIT, {"reference": "x" * 41, "date_from": "gisteren", "action": "raden"})
    assert response.status_code == 200
    errors = response.context["filter"].form.errors
    assert set(errors) == {"reference", "date_from", "action"}
    assert "niet meer dan 40 tekens" in str(errors["reference"])


def test_csv_export_is_filtered_audited_and_injection_safe(client_for, officer, make_user, voorbeeld, signal):
    evil = make_user("signaleerder", voorbeeld, username="evil", first_name='=HYPERLINK("x")', last_name="")
    audit_record(actor=evil, action=AuditAction.VIEW, obj=signal, reason="+31 6 bel mij")
    audit_record(actor=officer, action=AuditAction.LOGIN)
    response = client_for(officer).get(CSV, {"person": "evil"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][:4] == ["Tijdstip", "Persoon", "Rollen", "Actie"]
    (row,) = table[1:]
    assert row[1].startswith("'=HYPERLINK") and row[5] == signal.reference and row[7] == "'+31 6 bel mij"
    export = AuditEvent.objects.filter(actor=officer, action=AuditAction.EXPORT).get()
    assert export.object_type == "core.auditlog" and "person=evil" in export.reason and "csv" in export.reason


def test_pdf_export_is_a_pdf_and_audited(client_for, officer, amir, signal):
    audit_record(actor=amir, action=AuditAction.VIEW, obj=signal)
    response = client_for(officer).get(PDF, {"person": "amir"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(actor=officer, action=AuditAction.EXPORT, reason__contains="pdf").count() == 1


@pytest.mark.parametrize("url", [AUDIT, CSV, PDF])
@pytest.mark.parametrize("role", ["functioneel_beheerder", "aandachtsfunctionaris", "installatiebeheerder"])
def test_nobody_else_reads_or_exports(client_for, make_user, voorbeeld, url, role):
    user = make_user(role, None if role == "installatiebeheerder" else voorbeeld)
    before = database_state([AuditEvent])
    assert client_for(user).get(url).status_code == 404
    assert (
        not AuditEvent.objects.exclude(pk__in=[row[0] for row in before["core.auditevent"]])
        .exclude(action=AuditAction.PERMISSION_DENIED)
        .exists()
    )


def test_regional_officer_sees_and_exports_its_region_only(client_for, make_user, region, voorbeeld):
    regional = make_user("privacy_officer", None, region=region, username="privacy-regio")
    coordinator = make_user("zorgcoordinator", None, region=region, username="zorg-regio", first_name="Ruben")
    municipal = make_user("signaleerder", voorbeeld, username="gemeentelijk")
    audit_record(actor=coordinator, action=AuditAction.LOGIN, obj=coordinator)
    audit_record(actor=municipal, action=AuditAction.LOGIN)
    rows = _rows(client_for(regional).get(AUDIT))
    names = {row.event.actor_username for row in rows}
    assert "zorg-regio" in names and "gemeentelijk" not in names
    assert any(row.object_label.startswith("zorg-regio") for row in rows)
    text = client_for(regional).get(CSV).content.decode("utf-8-sig")
    assert "zorg-regio" in text and "gemeentelijk" not in text


def test_page_and_export_query_counts_are_constant(client_for, officer, amir, reporter, django_assert_max_num_queries):
    from baken.testing.signals import make_signal

    client = client_for(officer)
    audit_record(actor=amir, action=AuditAction.VIEW, obj=make_signal(reporter))
    with django_assert_max_num_queries(80) as few_page:
        client.get(AUDIT)
    with django_assert_max_num_queries(80) as few_csv:
        client.get(CSV)
    for _ in range(30):
        audit_record(actor=amir, action=AuditAction.VIEW, obj=make_signal(reporter))
        audit_record(actor=reporter, action=AuditAction.LOGIN, obj=reporter)
    with django_assert_max_num_queries(
        len(few_page.captured_queries) + 1
    ):  # + one query for the new object type (accounts)
        client.get(AUDIT)
    with django_assert_max_num_queries(len(few_csv.captured_queries) + 1):
        client.get(CSV)
