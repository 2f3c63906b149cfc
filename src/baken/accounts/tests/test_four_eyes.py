"""Four eyes (security finding 1): no functioneel beheerder can give themselves, or an account they
control, case access. A case role, the roles functioneel beheerder and privacy officer, a higher
clearance and a second-factor reset wait for a second functioneel beheerder (or the installation's
administrator); conflicting roles are refused; the privacy officer is told of every step."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_otp import user_has_device

from baken.accounts.models import AccessRequest, AccessRequestKind, AccessRequestStatus, User
from baken.accounts.services import (
    access_request_approve,
    access_request_reject,
    access_request_withdraw,
    second_factor_reset_request,
    user_create,
    user_update,
)
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, AuditEvent, Notification
from baken.testing.snapshots import database_state

INBOX = reverse("coordination:inbox")


@pytest.fixture
def second(make_user, voorbeeld):
    return make_user("functioneel_beheerder", voorbeeld, username="beheer-twee")


@pytest.fixture
def privacy(make_user, voorbeeld):
    return make_user("privacy_officer", voorbeeld, username="privacy-voorbeeld")


def _new_account(beheerder, voorbeeld, roles, clearance=Confidentiality.GEHEIM, username="stroman"):
    return user_create(
        actor=beheerder,
        organisation=voorbeeld,
        username=username,
        email=f"{username}@beheerder-thuis.invalid",
        role_codes=roles,
        clearance=clearance,
    )


def _edit(actor, account, roles, clearance, **extra):
    values = {
        "email": account.email,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "role_codes": roles,
        "clearance": clearance,
        "is_active": True,
    }
    values.update(extra)
    return user_update(actor=actor, user=account, **values)


def _roles(user) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


# --- the attack from the finding -----------------------------------------------------------------


def test_the_attack_fails_case_role_and_privacy_officer_together_are_refused(beheerder, voorbeeld):
    before = database_state()
    with pytest.raises(ValidationError) as error:
        _new_account(beheerder, voorbeeld, ["aandachtsfunctionaris", "privacy_officer"])
    assert "gaan niet samen" in error.value.message_dict["roles"][0]
    assert database_state() == before


def test_a_case_role_on_a_new_account_waits_and_the_account_sees_no_cases(beheerder, voorbeeld, client_for, signal):
    account = _new_account(beheerder, voorbeeld, ["aandachtsfunctionaris", "signaleerder"])
    assert _roles(account) == {"signaleerder"}
    assert User.objects.get(pk=account.pk).clearance == Confidentiality.INTERN
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    assert (waiting.status, waiting.roles, waiting.clearance) == (
        AccessRequestStatus.PENDING,
        ["aandachtsfunctionaris"],
        Confidentiality.GEHEIM,
    )
    client = client_for(User.objects.get(pk=account.pk))
    assert client.get(INBOX).status_code == 404
    assert client.get(reverse("coordination:signal", args=[signal.pk])).status_code == 404


def test_the_one_who_asked_cannot_approve(beheerder, voorbeeld, client_for):
    account = _new_account(beheerder, voorbeeld, ["aandachtsfunctionaris"])
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    before = database_state()
    with pytest.raises(NotPermitted):
        access_request_approve(actor=beheerder, access_request=waiting)
    assert database_state() == before
    client = client_for(beheerder)
    page = client.get(reverse("accounts:access_request_detail", args=[waiting.pk]))
    assert page.status_code == 200 and 'value="approve"' not in page.content.decode()
    url = reverse("accounts:access_request_decide", args=[waiting.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert _roles(account) == set()


def test_a_beheerder_cannot_approve_a_grant_to_themselves(beheerder, second, voorbeeld):
    waiting = _edit(beheerder, second, ["functioneel_beheerder", "toezichthouder"], Confidentiality.INTERN)
    with pytest.raises(NotPermitted):
        access_request_approve(actor=second, access_request=waiting)
    assert _roles(second) == {"functioneel_beheerder"}


def test_a_second_beheerder_approves_and_the_access_begins(beheerder, second, voorbeeld, client_for, signal):
    account = _new_account(beheerder, voorbeeld, ["aandachtsfunctionaris"], Confidentiality.VERTROUWELIJK)
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    response = client_for(second).post(
        reverse("accounts:access_request_decide", args=[waiting.pk]), {"decision": "approve", "reason": "klopt"}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.decided_by) == (AccessRequestStatus.APPROVED, second)
    assert [(c.from_status, c.to_status, c.actor) for c in waiting.status_changes.all()] == [
        ("", AccessRequestStatus.PENDING, beheerder),
        (AccessRequestStatus.PENDING, AccessRequestStatus.APPROVED, second),
    ]
    account = User.objects.get(pk=account.pk)
    assert _roles(account) == {"aandachtsfunctionaris"}
    assert account.clearance == Confidentiality.VERTROUWELIJK
    assert client_for(account).get(INBOX).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(account.pk), actor=second, reason__contains="goedgekeurd"
    ).exists()


def test_rejecting_needs_a_reason_and_grants_nothing(beheerder, second, voorbeeld, client_for):
    account = _new_account(beheerder, voorbeeld, ["zorgcoordinator"])
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    url = reverse("accounts:access_request_decide", args=[waiting.pk])
    client = client_for(second)
    page = client.post(url, {"decision": "reject", "reason": "  "})
    assert page.status_code == 200 and "Geef een reden" in page.content.decode()
    with pytest.raises(ValidationError):
        access_request_reject(actor=second, access_request=waiting, reason="")
    assert client.post(url, {"decision": "reject", "reason": "onbekende collega"}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == AccessRequestStatus.REJECTED
    assert _roles(account) == set()
    assert waiting.status_changes.last().reason == "onbekende collega"


def test_the_asker_withdraws_and_nobody_else_can(beheerder, second, voorbeeld, client_for):
    account = _new_account(beheerder, voorbeeld, ["toezichthouder"])
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    with pytest.raises(NotPermitted):
        access_request_withdraw(actor=second, access_request=waiting)
    url = reverse("accounts:access_request_decide", args=[waiting.pk])
    assert client_for(beheerder).post(url, {"decision": "withdraw"}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == AccessRequestStatus.WITHDRAWN
    with pytest.raises(NotPermitted):  # decided is decided
        access_request_approve(actor=second, access_request=waiting)
    assert _roles(account) == set()


# --- what needs four eyes and what does not ------------------------------------------------------


def test_taking_access_away_and_harmless_roles_apply_at_once(beheerder, make_user, voorbeeld):
    colleague = make_user(["aandachtsfunctionaris"], voorbeeld, clearance=Confidentiality.GEHEIM)
    waiting = _edit(beheerder, colleague, ["signaleerder", "beleidsmaker"], Confidentiality.INTERN)
    assert waiting is None
    assert _roles(colleague) == {"signaleerder", "beleidsmaker"}
    assert User.objects.get(pk=colleague.pk).clearance == Confidentiality.INTERN
    # Nothing waits; the grant is on record, already granted, for the privacy officer's review.
    (granted,) = AccessRequest.objects.all()
    assert (granted.status, granted.roles, granted.requested_by) == (
        AccessRequestStatus.GRANTED,
        ["beleidsmaker", "signaleerder"],
        beheerder,
    )
    assert list(granted.status_changes.values_list("to_status", flat=True)) == [AccessRequestStatus.GRANTED]


def test_a_grant_without_approval_waits_for_the_privacy_officers_review(
    beheerder, second, privacy, make_user, voorbeeld, client_for
):
    colleague = make_user("signaleerder", voorbeeld)
    _edit(beheerder, colleague, ["signaleerder", "beleidsmaker"], Confidentiality.INTERN)
    granted = AccessRequest.objects.get(subject=colleague)
    review = reverse("accounts:access_request_review", args=[granted.pk])
    assert review in client_for(privacy).get(reverse("home:index")).content.decode()
    # Nothing to decide or withdraw: it was granted at once.
    decide = reverse("accounts:access_request_decide", args=[granted.pk])
    assert client_for(second).post(decide, {"decision": "approve"}).status_code == 404
    assert client_for(beheerder).post(decide, {"decision": "withdraw"}).status_code == 404
    assert client_for(privacy).post(review).status_code == 302
    assert review not in client_for(privacy).get(reverse("home:index")).content.decode()
    # A command-line grant by the installation's administrator is on record too.
    user_create(
        actor=None,
        organisation=voorbeeld,
        username="cli-beleid",
        email="cli@voorbeeld.invalid",
        role_codes=["beleidsmaker"],
        clearance=Confidentiality.INTERN,
    )
    from_cli = AccessRequest.objects.get(subject__username="cli-beleid")
    assert (from_cli.status, from_cli.requested_by) == (AccessRequestStatus.GRANTED, None)
    detail = client_for(privacy).get(reverse("accounts:access_request_detail", args=[from_cli.pk])).content.decode()
    assert "beheerder van de installatie" in detail


@pytest.mark.parametrize("role", ["aandachtsfunctionaris", "zorgcoordinator", "toezichthouder"])
def test_every_case_role_waits(beheerder, make_user, voorbeeld, role):
    colleague = make_user("signaleerder", voorbeeld)
    waiting = _edit(beheerder, colleague, ["signaleerder", role], Confidentiality.INTERN)
    assert waiting.roles == [role] and waiting.clearance is None
    assert _roles(colleague) == {"signaleerder"}


@pytest.mark.parametrize("role", ["functioneel_beheerder", "privacy_officer"])
def test_naming_a_beheerder_or_privacy_officer_waits_too(beheerder, make_user, voorbeeld, role):
    colleague = make_user(None, voorbeeld)
    waiting = _edit(beheerder, colleague, [role], Confidentiality.INTERN)
    assert waiting.roles == [role] and _roles(colleague) == set()


def test_raising_a_clearance_alone_waits(beheerder, make_user, voorbeeld):
    colleague = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.INTERN)
    waiting = _edit(beheerder, colleague, ["aandachtsfunctionaris"], Confidentiality.ZEER_GEHEIM)
    assert (waiting.roles, waiting.clearance) == ([], Confidentiality.ZEER_GEHEIM)
    assert User.objects.get(pk=colleague.pk).clearance == Confidentiality.INTERN


def test_a_second_request_for_the_same_account_is_refused_whole(beheerder, make_user, voorbeeld, client_for):
    colleague = make_user("signaleerder", voorbeeld)
    _edit(beheerder, colleague, ["signaleerder", "toezichthouder"], Confidentiality.INTERN)
    before = database_state()
    with pytest.raises(ValidationError, match="wacht al een wijziging"):
        _edit(beheerder, colleague, ["zorgcoordinator"], Confidentiality.INTERN, first_name="Nieuw")
    assert database_state() == before
    page = client_for(beheerder).post(
        reverse("accounts:user_edit", args=[colleague.pk]),
        {"email": colleague.email, "roles": ["zorgcoordinator"], "clearance": 3, "is_active": "on"},
    )
    assert page.status_code == 200 and "wacht al een wijziging" in page.content.decode()


@pytest.mark.parametrize(
    "roles",
    [
        ["privacy_officer", "zorgcoordinator"],
        ["privacy_officer", "toezichthouder"],
        ["privacy_officer", "functioneel_beheerder"],
    ],
)
def test_conflicting_roles_are_refused_on_change(beheerder, make_user, voorbeeld, roles):
    colleague = make_user("signaleerder", voorbeeld)
    before = database_state()
    with pytest.raises(ValidationError):
        _edit(beheerder, colleague, roles, Confidentiality.INTERN)
    assert database_state() == before


def test_approval_checks_conflicts_again(beheerder, second, make_user, voorbeeld):
    colleague = make_user(None, voorbeeld)
    waiting = _edit(beheerder, colleague, ["aandachtsfunctionaris"], Confidentiality.INTERN)
    colleague.groups.add(*User.objects.get(pk=make_user("privacy_officer", voorbeeld).pk).groups.all())
    before = database_state()
    with pytest.raises(ValidationError):
        access_request_approve(actor=second, access_request=waiting)
    assert database_state() == before


# --- second factor -------------------------------------------------------------------------------


def test_a_second_factor_reset_waits_then_the_user_enrols_again(beheerder, second, make_user, voorbeeld, client_for):
    colleague = make_user("signaleerder", voorbeeld)
    client_for(colleague)  # gives the colleague a confirmed authenticator
    assert user_has_device(colleague, confirmed=True)
    response = client_for(beheerder).post(reverse("accounts:second_factor_reset", args=[colleague.pk]))
    assert response.status_code == 302
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=colleague)
    assert waiting.kind == AccessRequestKind.SECOND_FACTOR_RESET
    assert user_has_device(colleague, confirmed=True)  # nothing happens before approval
    with pytest.raises(ValidationError):
        second_factor_reset_request(actor=beheerder, user=colleague)
    access_request_approve(actor=second, access_request=waiting)
    assert not user_has_device(colleague, confirmed=None)


def test_nobody_resets_their_own_second_factor_or_another_municipalitys(beheerder, beheerder_zuiderhaven, client_for):
    with pytest.raises(NotPermitted):
        second_factor_reset_request(actor=beheerder, user=beheerder)
    client = client_for(beheerder_zuiderhaven)
    assert client.post(reverse("accounts:second_factor_reset", args=[beheerder.pk])).status_code == 404
    assert not AccessRequest.objects.exists()


# --- the single beheerder and the installation's administrator -----------------------------------


def test_a_single_beheerder_is_told_how_to_get_approval(beheerder, voorbeeld, client_for):
    client = client_for(beheerder)
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "nieuw", "email": "nieuw@voorbeeld.invalid", "roles": ["aandachtsfunctionaris"], "clearance": 3},
        follow=True,
    )
    body = response.content.decode()
    assert "U bent de enige functioneel beheerder" in body and "beheerder van de Baken-installatie" in body
    listing = client.get(reverse("accounts:access_request_list")).content.decode()
    assert "U bent de enige functioneel beheerder" in listing


def test_with_a_second_beheerder_the_explanation_is_not_shown(beheerder, second, client_for):
    listing = client_for(beheerder).get(reverse("accounts:access_request_list")).content.decode()
    assert "U bent de enige functioneel beheerder" not in listing


def test_the_installations_administrator_approves_from_the_command_line(beheerder, voorbeeld, capsys):
    account = _new_account(beheerder, voorbeeld, ["aandachtsfunctionaris"], Confidentiality.INTERN)
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    call_command("access_requests")
    assert f"#{waiting.pk}" in capsys.readouterr().out
    call_command("access_requests", approve=waiting.pk)
    waiting.refresh_from_db()
    assert waiting.status == AccessRequestStatus.APPROVED and waiting.decided_by is None
    assert _roles(account) == {"aandachtsfunctionaris"}
    assert AuditEvent.objects.filter(
        object_id=str(account.pk), actor=None, reason__contains="beheerder van de installatie"
    ).exists()
    with pytest.raises(CommandError, match="not waiting"):
        call_command("access_requests", approve=waiting.pk)
    with pytest.raises(CommandError, match="No access request"):
        call_command("access_requests", reject=999999, reason="x")
    call_command("access_requests")
    assert "No access requests are waiting" in capsys.readouterr().out


def test_the_installations_administrator_rejects_with_a_reason(beheerder, voorbeeld):
    account = _new_account(beheerder, voorbeeld, ["toezichthouder"], Confidentiality.INTERN)
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    with pytest.raises(CommandError):
        call_command("access_requests", reject=waiting.pk)
    call_command("access_requests", reject=waiting.pk, reason="niet nodig")
    waiting.refresh_from_db()
    assert waiting.status == AccessRequestStatus.REJECTED and _roles(account) == set()


# --- the privacy officer is told ------------------------------------------------------------------


def test_the_privacy_officer_is_notified_of_each_step(beheerder, second, privacy, voorbeeld, make_user, client_for):
    account = _new_account(beheerder, voorbeeld, ["signaleerder", "aandachtsfunctionaris"])
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    access_request_approve(actor=second, access_request=waiting)
    other = make_user("signaleerder", voorbeeld, username="ander")
    rejected = _edit(beheerder, other, ["signaleerder", "toezichthouder"], Confidentiality.INTERN)
    access_request_reject(actor=second, access_request=rejected, reason="niet nodig")
    client_for(other)
    reset = second_factor_reset_request(actor=beheerder, user=other)
    access_request_approve(actor=second, access_request=reset)
    messages = list(Notification.objects.filter(recipient=privacy).order_by("id").values_list("message", flat=True))
    assert [m.split(":")[0] for m in messages] == [
        "Rollen toegekend aan stroman",
        f"Toegangsverzoek #{waiting.pk} voor stroman",
        f"Toegangsverzoek #{waiting.pk} voor stroman (Aandachtsfunctionaris mensenhandel; niveau geheim) "
        "is goedgekeurd door beheer-twee.",
        f"Toegangsverzoek #{rejected.pk} voor ander",
        f"Toegangsverzoek #{rejected.pk} voor ander (Toezichthouder / handhaver) is afgewezen door beheer-twee.",
        f"Toegangsverzoek #{reset.pk} voor ander",
        f"Toegangsverzoek #{reset.pk} voor ander (tweede factor opnieuw instellen) is goedgekeurd door beheer-twee.",
    ]
    # The requester hears the outcome; the second beheerder was asked to decide.
    assert Notification.objects.filter(recipient=beheerder, message__contains="goedgekeurd").count() == 2
    assert Notification.objects.filter(recipient=second, message__contains="Wacht op goedkeuring").count() == 3
    # Each notification leads to the account's lines in the audit log, which the officer can open.
    first = Notification.objects.filter(recipient=privacy).order_by("id").first()
    assert first.url.startswith(reverse("core:audit_log")) and f"object_id={account.pk}" in first.url
    assert client_for(privacy).get(first.url).status_code == 200


def test_the_privacy_officer_reads_requests_but_never_decides(beheerder, privacy, voorbeeld, client_for):
    account = _new_account(beheerder, voorbeeld, ["aandachtsfunctionaris"])
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    client = client_for(privacy)
    link = reverse("accounts:access_request_detail", args=[waiting.pk])
    assert link in client.get(reverse("home:index")).content.decode()
    assert client.get(reverse("accounts:access_request_list")).status_code == 200
    page = client.get(reverse("accounts:access_request_detail", args=[waiting.pk]))
    assert page.status_code == 200 and 'value="approve"' not in page.content.decode()
    url = reverse("accounts:access_request_decide", args=[waiting.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert _roles(account) == set()


def test_another_municipality_never_sees_the_requests(beheerder, beheerder_zuiderhaven, voorbeeld, client_for):
    account = _new_account(beheerder, voorbeeld, ["aandachtsfunctionaris"])
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    client = client_for(beheerder_zuiderhaven)
    assert client.get(reverse("accounts:access_request_detail", args=[waiting.pk])).status_code == 404
    link = reverse("accounts:access_request_detail", args=[waiting.pk])
    assert link not in client.get(reverse("accounts:access_request_list")).content.decode()
    with pytest.raises(NotPermitted):
        access_request_approve(actor=beheerder_zuiderhaven, access_request=waiting)


def test_the_pages_explain_what_cannot_be_done(beheerder, second, make_user, voorbeeld, client_for):
    colleague = make_user(None, voorbeeld)
    client = client_for(beheerder)
    reset = reverse("accounts:second_factor_reset", args=[colleague.pk])
    client.post(reset)
    page = client.post(reset, follow=True).content.decode()
    assert "wacht al een wijziging" in page
    assert AccessRequest.objects.filter(subject=colleague).count() == 1
    # A conflict found only at approval is shown on the request's page; nothing changes.
    waiting = _edit(second, make_user(None, voorbeeld), ["aandachtsfunctionaris"], Confidentiality.INTERN)
    waiting.subject.groups.add(*User.objects.get(pk=make_user("privacy_officer", voorbeeld).pk).groups.all())
    page = client.post(reverse("accounts:access_request_decide", args=[waiting.pk]), {"decision": "approve"})
    assert page.status_code == 200 and "gaan niet samen" in page.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == AccessRequestStatus.PENDING


def test_the_privacy_officer_marks_changes_as_reviewed(beheerder, second, privacy, voorbeeld, client_for):
    account = _new_account(beheerder, voorbeeld, ["aandachtsfunctionaris"])
    waiting = AccessRequest.objects.get(status=AccessRequestStatus.PENDING, subject=account)
    access_request_approve(actor=second, access_request=waiting)
    client = client_for(privacy)
    home = client.get(reverse("home:index")).content.decode()
    review = reverse("accounts:access_request_review", args=[waiting.pk])
    assert review in home
    assert client.post(review).status_code == 302
    waiting.refresh_from_db()
    assert (waiting.reviewed_by, waiting.reviewed_at is not None) == (privacy, True)
    assert review not in client.get(reverse("home:index")).content.decode()
    assert (
        "Beoordeeld door privacy-voorbeeld"
        in client.get(reverse("accounts:access_request_detail", args=[waiting.pk])).content.decode()
    )
    assert client.post(review).status_code == 404  # reviewed once
    # Nobody else reviews: not the beheerders.
    other = AccessRequest.objects.get(pk=second_factor_reset_request(actor=beheerder, user=account).pk)
    assert client_for(second).post(reverse("accounts:access_request_review", args=[other.pk])).status_code == 404
    assert AuditEvent.objects.filter(object_id=str(waiting.pk), actor=privacy, reason__contains="beoordeeld").exists()
