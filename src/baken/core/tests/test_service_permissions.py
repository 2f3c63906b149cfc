"""organisation_update_huisstijl refuses who may not manage the huisstijl, and changes nothing."""

import pytest

from baken.core.exceptions import NotPermitted
from baken.core.models import Organisation
from baken.core.services import organisation_update_huisstijl
from baken.testing.actors import Actor
from baken.testing.snapshots import database_state

MAY_NOT = {
    "signaleerder": Actor("signaleerder"),
    "privacy_officer": Actor("privacy_officer"),
    "beleidsmaker": Actor("beleidsmaker"),
    "beheerder_other_municipality": Actor("functioneel_beheerder", "other"),
    "beheerder_inactive": Actor("functioneel_beheerder", extra={"is_active": False}),
    "regional_zorgcoordinator": Actor("zorgcoordinator", "region"),
    "superuser_without_role": Actor(None, extra={"is_superuser": True, "is_staff": True}),
}


@pytest.mark.parametrize("who", sorted(MAY_NOT))
def test_huisstijl_update_refuses_and_changes_nothing(who, voorbeeld, zuiderhaven):
    actor = MAY_NOT[who].make(voorbeeld, zuiderhaven)
    before = database_state()
    with pytest.raises(NotPermitted):
        organisation_update_huisstijl(actor=actor, organisation=voorbeeld, changes={"primary_colour": "#000000"})
    assert database_state() == before


def test_the_own_beheerder_may_and_unknown_fields_are_refused(make_user, voorbeeld):
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    organisation_update_huisstijl(actor=beheerder, organisation=voorbeeld, changes={"primary_colour": "#123456"})
    assert Organisation.objects.get(pk=voorbeeld.pk).primary_colour == "#123456"
    before = database_state()
    with pytest.raises(ValueError):
        organisation_update_huisstijl(actor=beheerder, organisation=voorbeeld, changes={"name": "Andere naam"})
    assert database_state() == before
