"""The installatiebeheerder (ADR 0011): a national or regional account, not a superuser, that
creates municipalities with their first functioneel beheerder and decides the access requests of a
municipality with a single functioneel beheerder. It sees no case content and no audit log."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.accounts.models import AccessRequest, AccessRequestStatus, User
from baken.accounts.services import (
    FirstBeheerder,
    access_request_approve,
    access_request_reject,
    municipality_create,
    user_create,
    user_update,
)
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent, Notification, Organisation
from baken.testing.factories import RegionFactory
from baken.testing.snapshots import database_state

NEW = FirstBeheerder(username="beheer-noorderstad", email="beheer@noorderstad.invalid", first_name="Noor")


@pytest.fixture
def national(make_user):
    return make_user("installatiebeheerder", None, username="installatie")


@pytest.fixture
def regional_manager(make_user, region):
    return make_user("installatiebeheerder", None, region=region, username="installatie-regio")


@pytest.fixture
def privacy(make_user, zuiderhaven):
    return make_user("privacy_officer", zuiderhaven, username="privacy-zuiderhaven")


def _create(actor, region, **overrides):
    values = {"name": "Gemeente Noorderstad", "slug": "noorderstad", "cbs_code": "GM9950", "region": region}
    return municipality_create(actor=actor, beheerder=overrides.pop("beheerder", NEW), **(values | overrides))


def test_creates_a_municipality_and_its_first_beheerder_who_gets_a_link(
    national, region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation, beheerder = _create(national, region)
    assert organisation.region == region and organisation.created_at is not None
    assert list(beheerder.groups.values_list("name", flat=True)) == ["functioneel_beheerder"]
    assert beheerder.organisation == organisation and not beheerder.has_usable_password()
    # The installation is the second pair of eyes: nothing waits.
    assert not AccessRequest.objects.filter(subject=beheerder, status=AccessRequestStatus.PENDING).exists()
    assert [message.to for message in mail.outbox] == [[NEW.email]]
    assert "/account/wachtwoord/nieuw/" in mail.outbox[0].body
    rows = AuditEvent.objects.filter(organisation=organisation, actor=national)
    assert set(rows.values_list("object_type", flat=True)) == {"core.organisation", "accounts.user"}
    # National partners came with it, as with the install command.
    from baken.partners.models import Partner

    assert Partner.objects.filter(organisation=organisation).exclude(national_code="").exists()


def test_a_regional_manager_creates_in_its_own_region_only(regional_manager, region):
    elsewhere = RegionFactory(name="Regio Elders", slug="elders")
    before = database_state([Organisation, User])
    for other in (elsewhere, None):
        with pytest.raises(NotPermitted):
            _create(regional_manager, other)
    assert database_state([Organisation, User]) == before
    organisation, _beheerder = _create(regional_manager, region)
    assert organisation.region == region


@pytest.mark.parametrize("role", ["functioneel_beheerder", "privacy_officer", "signaleerder"])
def test_nobody_else_creates_a_municipality(make_user, voorbeeld, region, role):
    with pytest.raises(NotPermitted):
        _create(make_user(role, voorbeeld), region)
    assert not Organisation.objects.filter(slug="noorderstad").exists()


def test_the_role_on_a_municipal_account_opens_nothing(make_user, voorbeeld, region):
    holder = make_user(["installatiebeheerder", "functioneel_beheerder"], voorbeeld)
    assert not policy_for(Organisation).user_may(holder, "administer")
    with pytest.raises(NotPermitted):
        _create(holder, region)


def test_bad_input_changes_nothing(national, region, voorbeeld, beheerder):
    before = database_state([Organisation, User, AuditEvent])
    with pytest.raises(ValidationError) as error:
        _create(national, region, cbs_code="GM9901")  # Voorbeeld's code
    assert "cbs_code" in error.value.message_dict
    with pytest.raises(ValidationError):
        _create(national, region, beheerder=FirstBeheerder(username=beheerder.username, email="x@y.invalid"))
    assert database_state([Organisation, User, AuditEvent]) == before


def test_a_municipality_cannot_hand_out_the_role(beheerder, voorbeeld, make_user):
    with pytest.raises(ValidationError) as error:
        user_create(
            actor=beheerder,
            organisation=voorbeeld,
            username="stroman",
            email="s@x.invalid",
            role_codes=["installatiebeheerder"],
            clearance=1,
        )
    assert "roles" in error.value.message_dict
    colleague = make_user("signaleerder", voorbeeld)
    with pytest.raises(ValidationError):
        user_update(
            actor=beheerder,
            user=colleague,
            email=colleague.email,
            first_name="",
            last_name="",
            role_codes=["installatiebeheerder"],
            clearance=1,
            is_active=True,
        )
    assert not colleague.groups.filter(name="installatiebeheerder").exists()
    # The installation's own command may grant it, on an account of no municipality only.
    with pytest.raises(ValidationError):
        user_create(
            actor=None,
            organisation=voorbeeld,
            username="i2",
            email="",
            role_codes=["installatiebeheerder"],
            clearance=1,
        )
    account = user_create(
        actor=None, organisation=None, username="i3", email="", role_codes=["installatiebeheerder"], clearance=1
    )
    assert policy_for(Organisation).user_may(account, "administer")


# --- the fallback second pair of eyes -------------------------------------------------------


@pytest.fixture
def waiting(beheerder_zuiderhaven, zuiderhaven):
    """Zuiderhaven's only beheerder asks to give a colleague a case role."""
    user_create(
        actor=beheerder_zuiderhaven,
        organisation=zuiderhaven,
        username="nieuwe-af",
        email="af@zuiderhaven.invalid",
        role_codes=["aandachtsfunctionaris"],
        clearance=1,
    )
    return AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject__username="nieuwe-af")


def test_decides_a_request_of_a_municipality_with_one_beheerder(national, waiting, privacy):
    policy = policy_for(AccessRequest)
    assert policy.allows(national, "decide", waiting)
    assert not policy.allows(national, "withdraw", waiting) and not policy.allows(national, "review", waiting)
    access_request_approve(actor=national, access_request=waiting, reason="Gebeld met de gemeentesecretaris")
    waiting.refresh_from_db()
    assert waiting.status == AccessRequestStatus.APPROVED and waiting.decided_by == national
    assert waiting.subject.groups.filter(name="aandachtsfunctionaris").exists()
    line = AuditEvent.objects.filter(organisation=waiting.organisation, actor=national, reason__contains="#").get()
    assert "goedgekeurd door installatiebeheerder installatie" in line.reason
    # The municipality's privacy officer is told, with a link to the account's lines.
    assert Notification.objects.filter(recipient=privacy, message__contains="installatiebeheerder installatie").exists()
    # It keeps seeing what it decided, and nothing waits any more.
    assert policy.visible(national).filter(pk=waiting.pk).exists()
    assert not policy.rows_for(national, "decide").exists()


def test_a_request_that_a_second_beheerder_can_decide_is_not_the_installations(national, waiting, make_user):
    make_user("functioneel_beheerder", waiting.organisation, username="beheer-twee-zh")
    assert not policy_for(AccessRequest).visible(national).filter(pk=waiting.pk).exists()
    with pytest.raises(NotPermitted):
        access_request_reject(actor=national, access_request=waiting, reason="Nee")
    waiting.refresh_from_db()
    assert waiting.status == AccessRequestStatus.PENDING


def test_a_regional_manager_decides_in_its_region_only(regional_manager, waiting, make_user):
    assert policy_for(AccessRequest).allows(regional_manager, "decide", waiting)
    other_region = RegionFactory(name="Regio Ver", slug="ver")
    outsider = make_user("installatiebeheerder", None, region=other_region, username="installatie-ver")
    assert not policy_for(AccessRequest).visible(outsider).exists()
    with pytest.raises(NotPermitted):
        access_request_approve(actor=outsider, access_request=waiting)


def test_named_for_notifications_of_a_waiting_request(national, waiting, regional_manager):
    deciders = set(policy_for(AccessRequest).users_for(waiting, "decide"))
    assert {national, regional_manager} <= deciders


# --- no case content, no audit log ---------------------------------------------------------


def test_sees_no_case_content_and_no_audit_log(client_for, national, regional_manager, signal, voorbeeld):
    from baken.signalling.models import Signal

    for manager in (national, regional_manager):
        assert not policy_for(Signal).visible(manager).exists()
        assert not policy_for(AuditEvent).visible(manager).exists()
        client = client_for(manager)
        for path in (
            reverse("coordination:inbox"),
            reverse("coordination:signal", args=[signal.pk]),
            reverse("signalling:detail", args=[signal.pk]),
            reverse("core:audit_log"),
            reverse("accounts:user_list"),
            reverse("core:huisstijl"),
        ):
            assert client.get(path).status_code == 404, path


def test_pages(client_for, national, waiting, region):
    client = client_for(national)
    response = client.get(reverse("accounts:municipality_list"))
    assert response.status_code == 200
    assert "Gemeente Zuiderhaven" in response.content.decode()
    assert response.context["to_decide"] == 1
    listing = client.get(reverse("accounts:access_request_list")).content.decode()
    assert "nieuwe-af (Gemeente Zuiderhaven)" in listing
    assert "U bent de enige functioneel beheerder" not in listing
    detail = client.get(reverse("accounts:access_request_detail", args=[waiting.pk]))
    assert detail.context["may_decide"]


def test_the_form_refuses_bad_input_in_dutch(client_for, national, region):
    client = client_for(national)
    url = reverse("accounts:municipality_create")
    response = client.post(url, {"name": "Gemeente X", "cbs_code": "9950", "username": "A B", "email": "nee"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"cbs_code", "username", "email"}
    assert "vier cijfers" in str(errors["cbs_code"])
    assert not Organisation.objects.filter(cbs_code="GM9950").exists()


def test_the_form_creates(client_for, national, region):
    client = client_for(national)
    body = {
        "name": "Gemeente Noorderstad",
        "cbs_code": "gm9950",
        "region": region.pk,
        "username": "beheer-noorderstad",
        "email": "beheer@noorderstad.invalid",
    }
    response = client.post(reverse("accounts:municipality_create"), body)
    assert response.status_code == 302
    organisation = Organisation.objects.get(cbs_code="GM9950")
    assert organisation.slug == "noorderstad"
    assert User.objects.get(username="beheer-noorderstad").organisation == organisation
    # A second one with the same name is refused with a message, not a 500.
    again = client.post(reverse("accounts:municipality_create"), body | {"cbs_code": "GM9951", "username": "b2"})
    assert again.status_code == 200 and again.context["form"].errors


def test_the_install_command_creates_a_national_or_regional_installatiebeheerder(db, region):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command("create_account", username="inst", email="i@x.nl", role=["installatiebeheerder"], stdout=out)
    call_command(
        "create_account",
        username="inst-r",
        email="r@x.nl",
        role=["installatiebeheerder"],
        region=region.slug,
        stdout=out,
    )
    national, regional = User.objects.get(username="inst"), User.objects.get(username="inst-r")
    assert (national.organisation, national.region) == (None, None)
    assert (regional.organisation, regional.region) == (None, region)
    assert "Created inst in the installation." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("create_account", username="x", email="x@x.nl", role=["installatiebeheerder"], region="nee")
    with pytest.raises(CommandError):  # a municipal role needs a municipality
        call_command("create_account", username="y", email="y@x.nl", role=["signaleerder"])
    assert not User.objects.filter(username__in=["x", "y"]).exists()
