"""Daily account administration: a new password link, no account without a role by accident,
clearance by role, and deactivating accounts that have not logged in for a long time."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from baken.accounts.models import AccessRequest, AccessRequestStatus, User
from baken.accounts.roles import default_clearance
from baken.accounts.services import user_resend_password_link, users_deactivate
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.testing.snapshots import database_state, domain_models

INACTIVE = reverse("accounts:inactive_users")


def _long_ago(user, days=120):
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(days=days))


def test_resending_the_password_link_mails_the_account_only(
    client_for, beheerder, make_user, voorbeeld, django_capture_on_commit_callbacks
):
    colleague = make_user("signaleerder", voorbeeld, email="sanne@voorbeeld.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(beheerder).post(reverse("accounts:user_resend_link", args=[colleague.pk]), follow=True)
    assert "nieuwe link verstuurd" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["sanne@voorbeeld.invalid"]]
    assert "/account/wachtwoord/nieuw/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(object_id=str(colleague.pk), reason="wachtwoordlink opnieuw verstuurd").exists()


def test_no_link_without_an_address_and_never_for_another_municipality(beheerder, make_user, voorbeeld, zuiderhaven):
    from django.core.exceptions import ValidationError

    without = make_user("signaleerder", voorbeeld, email="")
    with pytest.raises(ValidationError):
        user_resend_password_link(actor=beheerder, user=without)
    with pytest.raises(NotPermitted):
        user_resend_password_link(actor=beheerder, user=make_user("signaleerder", zuiderhaven))
    assert mail.outbox == []


def test_an_account_without_a_role_needs_a_confirmation(client_for, beheerder, voorbeeld):
    client = client_for(beheerder)
    data = {"username": "zonder.rol", "email": "z@voorbeeld.invalid", "clearance": 3}
    page = client.post(reverse("accounts:user_create"), data)
    assert page.status_code == 200 and "Kies minstens één rol" in page.content.decode()
    assert not User.objects.filter(username="zonder.rol").exists()
    assert client.post(reverse("accounts:user_create"), {**data, "confirm_no_role": "on"}).status_code == 302
    assert User.objects.get(username="zonder.rol").groups.count() == 0


def test_the_clearance_defaults_to_what_the_roles_need(client_for, beheerder, make_user, voorbeeld):
    assert default_clearance(["signaleerder"]) == Confidentiality.INTERN
    assert default_clearance(["signaleerder", "aandachtsfunctionaris"]) == Confidentiality.VERTROUWELIJK
    assert default_clearance(["zorgcoordinator", "toezichthouder"]) == Confidentiality.CONFIDENTIEEL
    make_user("functioneel_beheerder", voorbeeld)  # a second pair of eyes exists
    client_for(beheerder).post(
        reverse("accounts:user_create"),
        {"username": "nieuw", "email": "n@voorbeeld.invalid", "roles": ["zorgcoordinator"], "clearance": ""},
    )
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject__username="nieuw")
    assert waiting.clearance == Confidentiality.CONFIDENTIEEL  # the role's default, waiting for four eyes
    body = client_for(beheerder).get(reverse("accounts:user_create")).content.decode()
    assert "Standaard voor de gekozen rollen" in body and "Confidentieel: zorgtrajecten" in body


@override_settings(BAKEN_INACTIVE_ACCOUNT_DAYS=90)
def test_accounts_without_a_login_for_90_days_are_listed_and_deactivated(
    client_for, beheerder, make_user, voorbeeld, zuiderhaven
):
    old = make_user("signaleerder", voorbeeld, username="oud")
    _long_ago(old)
    recent = make_user("signaleerder", voorbeeld, username="recent")
    _long_ago(recent, days=10)
    elsewhere = make_user("signaleerder", zuiderhaven, username="elders")
    _long_ago(elsewhere)
    client = client_for(beheerder)
    page = client.get(INACTIVE).content.decode()
    assert "oud (" in page and "recent (" not in page and "elders" not in page
    assert client.post(INACTIVE, {"accounts": [old.pk]}).status_code == 302
    assert not User.objects.get(pk=old.pk).is_active
    assert User.objects.get(pk=recent.pk).is_active
    assert AuditEvent.objects.filter(object_id=str(old.pk), reason__startswith="gedeactiveerd").exists()


def test_a_deactivated_account_loses_its_open_session_at_once(client_for, beheerder, make_user, voorbeeld):
    colleague = make_user("signaleerder", voorbeeld)
    _long_ago(colleague)
    session = client_for(colleague)
    assert session.get(reverse("signalling:mine")).status_code == 200
    users_deactivate(actor=beheerder, user_ids=[colleague.pk])
    response = session.get(reverse("signalling:mine"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_bulk_deactivation_is_all_or_nothing(beheerder, make_user, voorbeeld, zuiderhaven):
    mine = make_user("signaleerder", voorbeeld)
    theirs = make_user("signaleerder", zuiderhaven)
    before = database_state()
    for ids in ([mine.pk, theirs.pk], [mine.pk, beheerder.pk]):
        with pytest.raises(NotPermitted):
            users_deactivate(actor=beheerder, user_ids=ids)
    assert database_state() == before


def test_choosing_nothing_is_a_clear_error(client_for, beheerder, make_user, voorbeeld):
    _long_ago(make_user("signaleerder", voorbeeld))
    page = client_for(beheerder).post(INACTIVE, {})
    assert page.status_code == 200 and "Kies minstens één account" in page.content.decode()


def test_another_municipalitys_account_in_the_form_is_refused_and_changes_nothing(
    client_for, beheerder, make_user, zuiderhaven
):
    theirs = make_user("signaleerder", zuiderhaven)
    _long_ago(theirs)
    client = client_for(beheerder)
    before = database_state(domain_models())
    page = client.post(INACTIVE, {"accounts": [theirs.pk]})
    assert page.status_code == 200 and "geldige keuze" in page.content.decode()
    assert database_state(domain_models()) == before


def test_own_settings_are_saved_audited_and_refused_for_an_inactive_account(make_user, voorbeeld):
    from baken.accounts.services import user_update_own_settings
    from baken.core.exceptions import NotPermitted
    from baken.core.models import AuditEvent

    user = make_user("signaleerder", voorbeeld)
    user_update_own_settings(user=user, phone=" 06 12345678 ", email_on_report_updates=True)
    user.refresh_from_db()
    assert (user.phone, user.email_on_report_updates) == ("06 12345678", True)
    assert AuditEvent.objects.filter(actor=user, object_id=str(user.pk), reason="eigen instellingen gewijzigd").exists()
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.refresh_from_db()
    with pytest.raises(NotPermitted):
        user_update_own_settings(user=user, phone="", email_on_report_updates=False)
    user.refresh_from_db()
    assert (user.phone, user.email_on_report_updates) == ("06 12345678", True)
