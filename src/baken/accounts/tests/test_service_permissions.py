"""user_create (with an actor) and user_update refuse who may not manage accounts, and change
nothing: no account, no role, no audit line."""

import pytest

from baken.accounts.models import User
from baken.accounts.services import access_request_approve, user_create, user_update
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.testing.actors import Actor
from baken.testing.snapshots import database_state

MAY_NOT = {
    "signaleerder": Actor("signaleerder"),
    "aandachtsfunctionaris": Actor("aandachtsfunctionaris", clearance=Confidentiality.GEHEIM),
    "privacy_officer": Actor("privacy_officer"),
    "beheerder_other_municipality": Actor("functioneel_beheerder", "other"),
    "beheerder_inactive": Actor("functioneel_beheerder", extra={"is_active": False}),
    "regional_zorgcoordinator": Actor("zorgcoordinator", "region"),
    "superuser_without_role": Actor(None, extra={"is_superuser": True, "is_staff": True}),
}


@pytest.mark.parametrize("who", sorted(MAY_NOT))
def test_user_create_refuses_and_changes_nothing(who, voorbeeld, zuiderhaven):
    actor = MAY_NOT[who].make(voorbeeld, zuiderhaven)
    before = database_state()
    with pytest.raises(NotPermitted):
        user_create(
            actor=actor,
            organisation=voorbeeld,
            username="nieuw",
            email="nieuw@test.baken.invalid",
            role_codes=["aandachtsfunctionaris"],
            clearance=Confidentiality.GEHEIM,
        )
    assert database_state() == before


def test_beheerder_may_not_create_an_account_elsewhere_or_without_municipality(make_user, voorbeeld, zuiderhaven):
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    before = database_state()
    for organisation in (zuiderhaven, None):
        with pytest.raises(NotPermitted):
            user_create(
                actor=beheerder,
                organisation=organisation,
                username="nieuw",
                email="nieuw@test.baken.invalid",
                role_codes=["signaleerder"],
                clearance=Confidentiality.INTERN,
                region=voorbeeld.region if organisation is None else None,
            )
    assert database_state() == before


def _update(actor, user, **changes):
    values = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role_codes": ["aandachtsfunctionaris", "functioneel_beheerder"],
        "clearance": Confidentiality.ZEER_GEHEIM,
        "is_active": True,
    }
    values.update(changes)
    return user_update(actor=actor, user=user, **values)


@pytest.mark.parametrize("who", sorted(MAY_NOT))
def test_user_update_refuses_and_changes_nothing(who, make_user, voorbeeld, zuiderhaven):
    colleague = make_user("signaleerder", voorbeeld)
    actor = MAY_NOT[who].make(voorbeeld, zuiderhaven)
    before = database_state()
    with pytest.raises(NotPermitted):
        _update(actor, colleague)
    assert database_state() == before


def test_beheerder_may_not_change_themselves_or_a_superuser(make_user, voorbeeld):
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    boss = make_user(None, voorbeeld, is_superuser=True)
    before = database_state()
    for target in (beheerder, boss):
        with pytest.raises(NotPermitted):
            _update(beheerder, User.objects.get(pk=target.pk))
    assert database_state() == before


def test_the_own_beheerder_may_ask_and_a_second_one_grants(make_user, voorbeeld):
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    second = make_user("functioneel_beheerder", voorbeeld)
    colleague = make_user("signaleerder", voorbeeld)
    waiting = _update(
        beheerder, colleague, role_codes=["aandachtsfunctionaris"], clearance=Confidentiality.VERTROUWELIJK
    )
    colleague = User.objects.get(pk=colleague.pk)
    assert colleague.clearance == Confidentiality.INTERN  # nothing granted yet...
    assert [group.name for group in colleague.groups.all()] == []  # ...but signaleerder is taken away at once
    access_request_approve(actor=second, access_request=waiting)
    colleague = User.objects.get(pk=colleague.pk)
    assert colleague.clearance == Confidentiality.VERTROUWELIJK
    assert [group.name for group in colleague.groups.all()] == ["aandachtsfunctionaris"]
