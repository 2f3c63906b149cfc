"""The partner directory: maintained by the functioneel beheerder, shared in the region on request."""

import pytest
from django.urls import reverse

from baken.core.models import AuditAction, AuditEvent
from baken.partners.models import Partner
from baken.testing.factories import OrganisationFactory, RegionFactory

LIST = reverse("partners:list")


def test_beheerder_adds_partner_and_edit_is_audited(client_for, make_user, voorbeeld):
    client = client_for(make_user("functioneel_beheerder", voorbeeld))
    data = {
        "name": "Veilig Thuis regio",
        "partner_type": "veilig_thuis",
        "phone": "0800-2000",
        "order": 4,
        "active": "on",
        "acute_route": "on",
        "acute_instruction": "Bij kinderen",
    }
    assert client.post(reverse("partners:create"), data).status_code == 302
    partner = Partner.objects.get()
    assert partner.organisation == voorbeeld
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="partners.partner").exists()
    response = client.post(reverse("partners:edit", args=[partner.pk]), {**data, "email": "geen-adres"})
    assert response.status_code == 200
    partner.refresh_from_db()
    assert partner.email == ""


@pytest.mark.parametrize("role", ["signaleerder", "aandachtsfunctionaris", "privacy_officer"])
def test_others_cannot_edit_partners(client_for, make_user, voorbeeld, role):
    partner = Partner.objects.create(organisation=voorbeeld, name="Politie", partner_type="politie")
    client = client_for(make_user(role, voorbeeld))
    assert client.get(reverse("partners:create")).status_code == 404
    assert client.post(reverse("partners:edit", args=[partner.pk]), {"name": "X"}).status_code == 404
    partner.refresh_from_db()
    assert partner.name == "Politie"


def test_regional_partners_are_shared_within_the_region_only(client_for, make_user, voorbeeld, zuiderhaven):
    regional = Partner.objects.create(organisation=voorbeeld, name="RIEC", partner_type="riec", shared_in_region=True)
    local = Partner.objects.create(organisation=voorbeeld, name="Wijkagent", partner_type="politie")
    elsewhere = OrganisationFactory(region=RegionFactory())
    neighbour = client_for(make_user("aandachtsfunctionaris", zuiderhaven)).get(LIST).content.decode()
    assert "RIEC" in neighbour and "Wijkagent" not in neighbour
    far = client_for(make_user("aandachtsfunctionaris", elsewhere)).get(LIST).content.decode()
    assert "RIEC" not in far
    # A neighbour sees the shared partner but cannot edit it.
    beheerder = client_for(make_user("functioneel_beheerder", zuiderhaven))
    assert beheerder.get(reverse("partners:edit", args=[regional.pk])).status_code == 404
    # The unshared partner does not exist for the neighbour at all: not listed, not openable,
    # not changeable, and the policy does not count it among their partners.
    assert beheerder.get(reverse("partners:edit", args=[local.pk])).status_code == 404
    assert beheerder.post(reverse("partners:edit", args=[local.pk]), {"name": "Overgenomen"}).status_code == 404
    local.refresh_from_db()
    assert local.name == "Wijkagent"
    from baken.core.access import policy_for

    assert set(policy_for(Partner).visible(make_user("aandachtsfunctionaris", zuiderhaven))) == {regional}


def test_partner_list_empty_state(client_for, make_user, voorbeeld):
    body = client_for(make_user("aandachtsfunctionaris", voorbeeld)).get(LIST).content.decode()
    assert "nog geen partners" in body


def test_phone_links_dial_digits_only(client_for, make_user, voorbeeld):
    Partner.objects.create(
        organisation=voorbeeld, name="Wijkagent", partner_type="politie", phone="(fictief) 010 555-0101"
    )
    body = client_for(make_user("aandachtsfunctionaris", voorbeeld)).get(LIST).content.decode()
    assert 'href="tel:0105550101"' in body
