"""The access policies of the foundation models, tested directly."""

import pytest
from django.http import Http404

from baken.accounts.models import User
from baken.core.access import policy_for, registered_policies
from baken.core.models import AuditEvent, Organisation
from baken.core.services import audit_record


def test_every_model_with_an_organisation_has_a_policy():
    from django.apps import apps

    from baken.signalling.models import ReferenceCounter

    # Internal bookkeeping that no view, export or count ever reads.
    internal = {ReferenceCounter}
    owned = {m for m in apps.get_models() if any(f.name == "organisation" for f in m._meta.fields)}
    assert owned - internal <= set(registered_policies())


def test_organisation_policy_municipal_and_regional(make_user, voorbeeld, zuiderhaven, region):
    from baken.testing.factories import OrganisationFactory, RegionFactory

    elsewhere = OrganisationFactory(region=RegionFactory())
    policy = policy_for(Organisation)
    local = make_user("signaleerder", voorbeeld)
    assert list(policy.visible(local)) == [voorbeeld]
    regional = make_user("zorgcoordinator", None, region=region)
    assert set(policy.visible(regional)) == {voorbeeld, zuiderhaven}
    assert elsewhere not in policy.visible(regional)
    with pytest.raises(Http404):
        policy.get_visible(local, pk=zuiderhaven.pk)


def test_only_own_beheerder_may_manage_huisstijl(make_user, voorbeeld):
    policy = policy_for(Organisation)
    assert policy.allows(make_user("functioneel_beheerder", voorbeeld), "manage_huisstijl", voorbeeld)
    assert not policy.allows(make_user("signaleerder", voorbeeld), "manage_huisstijl", voorbeeld)


def test_user_policy(make_user, voorbeeld, zuiderhaven):
    policy = policy_for(User)
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    colleague = make_user("signaleerder", voorbeeld)
    foreign = make_user("signaleerder", zuiderhaven)
    assert set(policy.visible(beheerder)) == {beheerder, colleague}
    assert policy.allows(beheerder, "change", colleague)
    assert not policy.allows(beheerder, "change", beheerder)
    assert not policy.allows(beheerder, "change", foreign)
    assert not policy.visible(colleague).exists()


def test_superuser_gets_no_content_through_policies(make_user, voorbeeld):
    boss = make_user(None, voorbeeld, is_superuser=True)
    audit_record(actor=boss, action="login")
    assert not policy_for(AuditEvent).visible(boss).exists()
    assert not policy_for(User).visible(boss).exists()


def test_inactive_user_sees_nothing(make_user, voorbeeld):
    user = make_user("privacy_officer", voorbeeld, is_active=False)
    assert not policy_for(Organisation).visible(user).exists()
    assert not policy_for(AuditEvent).visible(user).exists()


def test_unknown_action_is_a_programming_error(make_user, voorbeeld):
    with pytest.raises(ValueError):
        policy_for(Organisation).allows(make_user("signaleerder", voorbeeld), "delete", voorbeeld)
