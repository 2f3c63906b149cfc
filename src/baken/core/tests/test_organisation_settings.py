"""Organisation settings in the app: the triage term (in working days, instead of only an
environment variable), the reply address for reporters, and the aandachtsfunctionaris's deputy;
audited with their previous values."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent, Organisation
from baken.core.services import organisation_update_settings
from baken.signalling.deadlines import triage_due_on
from baken.testing.snapshots import database_state, domain_models

SETTINGS = reverse("core:organisation_settings")


def test_the_beheerder_sets_the_triage_term_reply_address_and_deputy(client_for, beheerder, make_user, voorbeeld):
    officer = make_user("aandachtsfunctionaris", voorbeeld, username="amir")
    response = client_for(beheerder).post(
        SETTINGS,
        {"triage_working_days": "5", "reply_email": "meldpunt@voorbeeld.invalid", "officer_deputy": officer.pk},
    )
    assert response.status_code == 302
    voorbeeld.refresh_from_db()
    assert (voorbeeld.triage_working_days, voorbeeld.reply_email, voorbeeld.officer_deputy) == (
        5,
        "meldpunt@voorbeeld.invalid",
        officer,
    )
    event = AuditEvent.objects.get(object_type="core.organisation", actor=beheerder)
    assert "termijn voor triage (werkdagen): - → 5" in event.reason and "- → amir" in event.reason


def test_the_audit_line_keeps_the_previous_value(beheerder, voorbeeld):
    organisation_update_settings(actor=beheerder, organisation=voorbeeld, changes={"triage_working_days": 5})
    organisation_update_settings(actor=beheerder, organisation=voorbeeld, changes={"triage_working_days": 2})
    assert AuditEvent.objects.filter(reason__contains="5 → 2").exists()


def test_the_triage_term_sets_new_deadlines(voorbeeld, settings):
    settings.BAKEN_TRIAGE_WORKING_DAYS = 3
    monday = dt.date(2026, 11, 30)
    assert triage_due_on(received_on=monday, urgent=False) == dt.date(2026, 12, 3)
    assert triage_due_on(received_on=monday, urgent=False, working_days=5) == dt.date(2026, 12, 7)
    assert triage_due_on(received_on=monday, urgent=True, working_days=5) == monday
    voorbeeld.triage_working_days = None
    assert voorbeeld.triage_days == 3


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"triage_working_days": 0}, "triage_working_days"),
        ({"triage_working_days": 21}, "triage_working_days"),
        ({"reply_email": "geen-adres"}, "reply_email"),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(beheerder, voorbeeld, changes, field):
    before = database_state(domain_models())
    with pytest.raises(ValidationError) as error:
        organisation_update_settings(actor=beheerder, organisation=voorbeeld, changes=changes)
    assert field in error.value.message_dict
    assert database_state(domain_models()) == before


def test_the_deputy_must_be_an_active_officer_of_the_municipality(beheerder, make_user, voorbeeld, zuiderhaven):
    candidates = [
        make_user("signaleerder", voorbeeld),
        make_user("aandachtsfunctionaris", voorbeeld, is_active=False),
        make_user("aandachtsfunctionaris", zuiderhaven),
    ]
    for candidate in candidates:
        with pytest.raises(ValidationError, match="vervanger"):
            organisation_update_settings(actor=beheerder, organisation=voorbeeld, changes={"officer_deputy": candidate})
    assert Organisation.objects.get(pk=voorbeeld.pk).officer_deputy is None


def test_the_form_offers_only_officers_and_explains_a_bad_value(client_for, beheerder, make_user, voorbeeld):
    officer = make_user("aandachtsfunctionaris", voorbeeld, username="amir")
    reporter = make_user("signaleerder", voorbeeld, username="sanne")
    client = client_for(beheerder)
    page = client.get(SETTINGS).content.decode()
    assert f'value="{officer.pk}"' in page and f'value="{reporter.pk}"' not in page and "Kies…" in page
    page = client.post(SETTINGS, {"triage_working_days": "abc", "officer_deputy": reporter.pk})
    assert page.status_code == 200 and "geldige keuze" in page.content.decode()


def test_only_the_own_beheerder_changes_settings(make_user, voorbeeld, zuiderhaven):
    for actor in (make_user("aandachtsfunctionaris", voorbeeld), make_user("functioneel_beheerder", zuiderhaven)):
        with pytest.raises(NotPermitted):
            organisation_update_settings(actor=actor, organisation=voorbeeld, changes={"triage_working_days": 1})


def test_unknown_fields_are_a_programming_error(beheerder, voorbeeld):
    with pytest.raises(ValueError):
        organisation_update_settings(actor=beheerder, organisation=voorbeeld, changes={"name": "Anders"})
