"""Edges of the access policies that the matrix does not reach."""

from baken.core.access import policy_for
from baken.testing.factories import UserFactory


def test_an_account_without_municipality_or_region_sees_no_organisation_or_partner(voorbeeld):
    from baken.core.models import Organisation
    from baken.partners.models import Partner

    Partner.objects.create(organisation=voorbeeld, name="RIEC", partner_type="riec", shared_in_region=True)
    nowhere = UserFactory(roles=["zorgcoordinator"], organisation=None, region=None)
    assert not policy_for(Organisation).visible(nowhere).exists()
    assert not policy_for(Partner).visible(nowhere).exists()


def test_a_national_indicator_is_for_every_active_user(make_user, voorbeeld, zuiderhaven):
    from baken.signalling.models import Indicator

    national = Indicator.objects.filter(organisation__isnull=True).first()
    here, there = make_user("signaleerder", voorbeeld), make_user("signaleerder", zuiderhaven)
    make_user("signaleerder", voorbeeld, is_active=False)
    assert set(policy_for(Indicator).users_for(national, "view")) == {here, there}
