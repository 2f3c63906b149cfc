"""Rules of the account services beyond who may act."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from baken.accounts.models import User
from baken.accounts.services import user_create, user_send_set_password_link
from baken.core.confidentiality import Confidentiality
from baken.testing.snapshots import database_state


def test_an_unknown_role_is_refused_and_nothing_is_saved(make_user, voorbeeld):
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        user_create(
            actor=beheerder,
            organisation=voorbeeld,
            username="nieuw",
            email="nieuw@test.baken.invalid",
            role_codes=["superheld"],
            clearance=Confidentiality.INTERN,
        )
    assert "superheld" in refused.value.message_dict["roles"][0]
    assert database_state() == before


def test_a_given_password_is_validated_and_set(voorbeeld):
    with pytest.raises(ValidationError):
        user_create(
            actor=None,
            organisation=voorbeeld,
            username="zwak",
            email="zwak@test.baken.invalid",
            role_codes=[],
            clearance=Confidentiality.INTERN,
            password="123",
        )
    assert not User.objects.filter(username="zwak").exists()
    user = user_create(
        actor=None,
        organisation=voorbeeld,
        username="sterk",
        email="sterk@test.baken.invalid",
        role_codes=["signaleerder"],
        clearance=Confidentiality.INTERN,
        password="lange-zin-met-paarden-en-batterij",
    )
    assert user.check_password("lange-zin-met-paarden-en-batterij")


def test_no_set_password_link_without_an_address(make_user, voorbeeld):
    user = make_user("signaleerder", voorbeeld, email="")
    user_send_set_password_link(user=user)
    assert mail.outbox == []
