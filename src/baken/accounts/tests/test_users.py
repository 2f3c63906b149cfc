"""User management by the functioneel beheerder of the own municipality."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.accounts.models import User
from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditAction, AuditEvent

USERS = reverse("accounts:user_list")
CREATE = reverse("accounts:user_create")


@pytest.fixture
def beheerder(make_user, voorbeeld):
    return make_user("functioneel_beheerder", voorbeeld, username="beheer")


def test_beheerder_creates_user_with_role_and_mail(client_for, beheerder, voorbeeld):
    client = client_for(beheerder)
    response = client.post(
        CREATE,
        {
            "username": "nieuwe.collega",
            "email": "nieuw@voorbeeld.invalid",
            "first_name": "Nina",
            "last_name": "Nieuw",
            "roles": ["signaleerder"],
            "clearance": Confidentiality.INTERN,
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="nieuwe.collega")
    assert created.organisation == voorbeeld
    assert not created.has_usable_password()
    assert list(created.groups.values_list("name", flat=True)) == ["signaleerder"]
    assert len(mail.outbox) == 1 and "/wachtwoord/nieuw/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(created.pk), actor=beheerder).exists()


def test_invalid_user_input_changes_nothing(client_for, beheerder):
    client = client_for(beheerder)
    before = User.objects.count()
    response = client.post(CREATE, {"username": "Met Spatie", "email": "geen-adres", "roles": ["bestaat-niet"]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Gebruik alleen kleine letters" in body
    assert User.objects.count() == before
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


def test_role_change_is_audited(client_for, beheerder, make_user, voorbeeld):
    colleague = make_user("signaleerder", voorbeeld, username="sanne")
    second = make_user("functioneel_beheerder", voorbeeld, username="beheer2")
    client = client_for(beheerder)
    response = client.post(
        reverse("accounts:user_edit", args=[colleague.pk]),
        {
            "email": colleague.email,
            "first_name": "Sanne",
            "last_name": "de Vries",
            "roles": ["signaleerder", "aandachtsfunctionaris"],
            "clearance": Confidentiality.VERTROUWELIJK,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    waiting = colleague.access_requests.get()
    response = client_for(second).post(
        reverse("accounts:access_request_decide", args=[waiting.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert set(colleague.groups.values_list("name", flat=True)) == {"signaleerder", "aandachtsfunctionaris"}
    assert colleague.clearance == Confidentiality.VERTROUWELIJK
    event = AuditEvent.objects.get(
        action=AuditAction.UPDATE, object_id=str(colleague.pk), reason__startswith="toegangsverzoek"
    )
    assert "aandachtsfunctionaris" in event.reason and event.actor == second


def test_beheerder_cannot_change_own_account(client_for, beheerder):
    client = client_for(beheerder)
    url = reverse("accounts:user_edit", args=[beheerder.pk])
    response = client.post(
        url, {"email": beheerder.email, "roles": ["aandachtsfunctionaris"], "clearance": 8, "is_active": "on"}
    )
    assert response.status_code == 404
    beheerder.refresh_from_db()
    assert list(beheerder.groups.values_list("name", flat=True)) == ["functioneel_beheerder"]
    assert beheerder.clearance == Confidentiality.INTERN


def test_other_roles_cannot_manage_users(client_for, make_user, voorbeeld):
    client = client_for(make_user("aandachtsfunctionaris", voorbeeld))
    assert client.get(USERS).status_code == 404
    assert client.post(CREATE, {"username": "x", "email": "x@x.nl"}).status_code == 404


def test_deactivated_user_cannot_log_in(client_for, beheerder, make_user, voorbeeld, client):
    from baken.testing.factories import TEST_PASSWORD

    colleague = make_user("signaleerder", voorbeeld, username="weg")
    client_for(beheerder).post(
        reverse("accounts:user_edit", args=[colleague.pk]),
        {"email": colleague.email, "roles": ["signaleerder"], "clearance": Confidentiality.INTERN},
    )
    colleague.refresh_from_db()
    assert not colleague.is_active
    response = client.post(reverse("accounts:login"), {"username": "weg", "password": TEST_PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_user_list_queries_do_not_grow_with_rows(
    client_for, beheerder, make_user, voorbeeld, django_assert_max_num_queries
):
    client = client_for(beheerder)
    for index in range(3):
        make_user("signaleerder", voorbeeld, username=f"a{index}")
    with django_assert_max_num_queries(20) as small:
        client.get(USERS)
    for index in range(20):
        make_user("signaleerder", voorbeeld, username=f"b{index}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(USERS).status_code == 200


def test_roles_are_seeded_as_groups(db):
    from baken.accounts.roles import ROLES

    assert set(Group.objects.values_list("name", flat=True)) >= {role.code for role in ROLES}
    beheer = Group.objects.get(name="functioneel_beheerder")
    assert set(beheer.permissions.values_list("codename", flat=True)) >= {"manage_users", "manage_huisstijl"}


def test_every_role_holds_every_permission_of_every_app_after_migrate(db):
    """The roles are synced once, after the last app's permissions exist: no app's permissions
    are missing from a role (the apps at the end of INSTALLED_APPS included)."""
    from django.contrib.auth.models import Permission

    from baken.accounts.roles import ROLES

    existing = {f"{app}.{code}" for app, code in Permission.objects.values_list("content_type__app_label", "codename")}
    for role in ROLES:
        held = {
            f"{app}.{code}"
            for app, code in Group.objects.get(name=role.code).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert held == set(role.permissions) & existing, role.code
        # Every permission a role names exists (a typo would silently grant nothing).
        assert set(role.permissions) <= existing, set(role.permissions) - existing


def test_new_user_sets_password_through_the_mailed_link_then_must_enrol(client_for, beheerder, client):
    client_for(beheerder).post(
        CREATE,
        {"username": "nina", "email": "nina@voorbeeld.invalid", "roles": ["signaleerder"], "clearance": 3},
    )
    link = next(line for line in mail.outbox[0].body.splitlines() if "/wachtwoord/nieuw/" in line)
    form_page = client.get(link.removeprefix(settings.BAKEN_BASE_URL.rstrip("/")), follow=True)
    password = "een-lang-nieuw-wachtwoord-2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert User.objects.get(username="nina").check_password(password)
    client.post(reverse("accounts:login"), {"username": "nina", "password": password})
    assert client.get(reverse("home:index")).url == reverse("accounts:otp_enrol")


def test_viewing_an_account_is_audited(client_for, beheerder, make_user, voorbeeld):
    from baken.core.models import AuditAction, AuditEvent

    colleague = make_user("signaleerder", voorbeeld)
    assert client_for(beheerder).get(reverse("accounts:user_edit", args=[colleague.pk])).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(colleague.pk), actor=beheerder).exists()


def test_a_username_is_unique_whatever_its_case(client_for, beheerder, voorbeeld, make_user):
    from baken.accounts.models import User
    from baken.accounts.services import user_create

    make_user("signaleerder", voorbeeld, username="jansen")
    before = User.objects.count()
    with pytest.raises(ValidationError) as error:
        user_create(
            actor=beheerder,
            organisation=voorbeeld,
            username="JANSEN",
            email="j@voorbeeld.invalid",
            role_codes=["signaleerder"],
            clearance=3,
        )
    assert "username" in error.value.message_dict
    response = client_for(beheerder).post(
        reverse("accounts:user_create"),
        {"username": "jansen", "email": "j@voorbeeld.invalid", "roles": ["signaleerder"], "clearance": 3},
    )
    assert response.status_code == 200
    assert "al in gebruik" in response.content.decode()
    assert User.objects.count() == before
