"""partner_save refuses who may not change the directory, and changes nothing."""

import pytest

from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.partners.models import Partner
from baken.partners.services import partner_save
from baken.testing.actors import Actor
from baken.testing.snapshots import database_state

MAY_NOT = {
    "signaleerder": Actor("signaleerder"),
    "aandachtsfunctionaris": Actor("aandachtsfunctionaris", clearance=Confidentiality.GEHEIM),
    "privacy_officer": Actor("privacy_officer"),
    "beheerder_other_municipality": Actor("functioneel_beheerder", "other"),
    "beheerder_inactive": Actor("functioneel_beheerder", extra={"is_active": False}),
    "regional_zorgcoordinator": Actor("zorgcoordinator", "region"),
}
CASES = [
    pytest.param(who, creating, id=f"{who}-{'create' if creating else 'change'}")
    for who in sorted(MAY_NOT)
    for creating in (True, False)
    # A beheerder elsewhere may create partners: in their own municipality.
    if not (creating and who == "beheerder_other_municipality")
]


@pytest.fixture
def partner(voorbeeld):
    # Shared in the region, so the neighbouring beheerder sees it and is refused on "change" only.
    return Partner.objects.create(organisation=voorbeeld, name="Politie", partner_type="politie", shared_in_region=True)


@pytest.mark.parametrize(("who", "creating"), CASES)
def test_partner_save_refuses_and_changes_nothing(who, creating, partner, voorbeeld, zuiderhaven):
    actor = MAY_NOT[who].make(voorbeeld, zuiderhaven)
    before = database_state()
    with pytest.raises(NotPermitted):
        partner_save(
            actor=actor, partner=None if creating else partner, values={"name": "Anders", "partner_type": "politie"}
        )
    assert database_state() == before


def test_the_own_beheerder_may(partner, make_user, voorbeeld):
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    partner_save(actor=beheerder, partner=partner, values={"name": "Politie Noord"})
    created = partner_save(actor=beheerder, partner=None, values={"name": "VT", "partner_type": "veilig_thuis"})
    assert Partner.objects.get(pk=partner.pk).name == "Politie Noord"
    assert created.organisation == voorbeeld
