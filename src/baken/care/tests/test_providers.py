"""The region's directory of shelter and care providers: kept by the regional zorgcoördinator,
read by the zorgcoördinatoren of its municipalities, nobody else; validated, audited per region."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.care import selectors, services
from baken.care.models import CareProvider
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent


def _values(**overrides):
    values = {
        "name": "Opvang Het Anker",
        "shelter_types": ["cosm", "vrouwenopvang"],
        "payer": "centrumgemeente_wmo",
        "target_groups": "vrouwen, met kinderen",
        "places": 8,
        "places_free": 2,
        "intake_conditions": "Aanmelding via de zorgcoördinator",
        "phone_24h": "0800 0123",
        "email": "intake@anker.example",
    }
    return values | overrides


def test_the_regional_coordinator_keeps_the_directory(regional_coordinator):
    provider = services.provider_save(actor=regional_coordinator, provider=None, values=_values())
    assert provider.region_id == regional_coordinator.region_id
    event = AuditEvent.objects.get(object_type="care.careprovider", action="create")
    assert event.region_id == regional_coordinator.region_id and event.organisation_id is None
    services.provider_save(actor=regional_coordinator, provider=provider, values=_values(places_free=0))
    provider.refresh_from_db()
    assert provider.places_free == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"shelter_types": []}, "shelter_types"),
        ({"shelter_types": ["kasteel"]}, "shelter_types"),
        ({"payer": "de_koning"}, "payer"),
        ({"places_free": 9}, "places_free"),
        ({"name": ""}, "name"),
        ({"email": "geen-adres"}, "email"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_input_is_refused(regional_coordinator, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.provider_save(actor=regional_coordinator, provider=None, values=_values(**overrides))
    assert field in error.value.message_dict
    assert not CareProvider.objects.exists()


def test_one_name_per_region_and_no_future_check_date(regional_coordinator):
    import datetime as dt

    services.provider_save(actor=regional_coordinator, provider=None, values=_values())
    with pytest.raises(ValidationError) as error:
        services.provider_save(actor=regional_coordinator, provider=None, values=_values(name="opvang het anker"))
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.provider_save(
            actor=regional_coordinator,
            provider=None,
            values=_values(name="Ander", places_checked_on=dt.date.today() + dt.timedelta(days=1)),
        )
    assert "places_checked_on" in error.value.message_dict
    assert CareProvider.objects.count() == 1


def test_municipal_coordinators_read_but_do_not_keep(
    coordinator, regional_coordinator, make_user, zuiderhaven, elsewhere_region_coordinator
):
    provider = services.provider_save(actor=regional_coordinator, provider=None, values=_values())
    with pytest.raises(NotPermitted):
        services.provider_save(actor=coordinator, provider=None, values=_values(name="Nieuw"))
    with pytest.raises(NotPermitted):
        services.provider_save(actor=coordinator, provider=provider, values=_values())
    with pytest.raises(NotPermitted):  # another region's keeper
        services.provider_save(actor=elsewhere_region_coordinator, provider=provider, values=_values())
    neighbour = make_user("zorgcoordinator", zuiderhaven, clearance=Confidentiality.CONFIDENTIEEL)
    for reader in (coordinator, neighbour, regional_coordinator):
        assert list(selectors.providers_for(user=reader, params={})[1]) == [provider]
    assert not selectors.providers_for(user=elsewhere_region_coordinator, params={})[1].exists()


@pytest.fixture
def elsewhere_region_coordinator(make_user):
    from baken.testing.factories import RegionFactory

    return make_user("zorgcoordinator", None, region=RegionFactory(name="Regio Elders", slug="elders"))


def test_nobody_without_care_sees_it(regional_coordinator, triager, make_user, voorbeeld):
    services.provider_save(actor=regional_coordinator, provider=None, values=_values())
    for user in (triager, make_user("functioneel_beheerder", voorbeeld)):
        assert not selectors.providers_for(user=user, params={})[1].exists()


def test_filter_by_kind_and_text(coordinator, regional_coordinator):
    anker = services.provider_save(actor=regional_coordinator, provider=None, values=_values())
    ggz = services.provider_save(
        actor=regional_coordinator,
        provider=None,
        values=_values(name="GGZ Kust", shelter_types=["ambulant"], target_groups=""),
    )
    assert list(selectors.providers_for(user=coordinator, params={"soort": "ambulant"})[1]) == [ggz]
    assert list(selectors.providers_for(user=coordinator, params={"q": "kinderen"})[1]) == [anker]


def test_the_pages(client_for, coordinator, regional_coordinator):
    url = reverse("care:providers")
    empty = client_for(coordinator).get(url)
    assert empty.status_code == 200 and "Nog geen aanbieders in de regio" in empty.text
    assert client_for(coordinator).get(reverse("care:provider_new")).status_code == 404
    new = reverse("care:provider_new")
    bad = client_for(regional_coordinator).post(new, {"name": "Anker"})
    assert bad.status_code == 400 and not CareProvider.objects.exists()
    ok = client_for(regional_coordinator).post(
        new, {"name": "Anker", "shelter_types": ["cosm"], "phone_24h": "0800 0123", "active": "on"}
    )
    assert ok.status_code == 302
    page = client_for(coordinator).get(url).text
    assert 'href="tel:08000123"' in page and "Anker" in page
    provider = CareProvider.objects.get()
    edit = client_for(regional_coordinator).get(reverse("care:provider_edit", args=[provider.pk]))
    assert edit.status_code == 200 and 'value="Anker"' in edit.text


def test_who_may_read_and_keep_a_provider(regional_coordinator, coordinator, make_user, voorbeeld):
    from baken.core.access import policy_for

    provider = services.provider_save(actor=regional_coordinator, provider=None, values=_values())
    policy = policy_for(CareProvider)
    make_user("aandachtsfunctionaris", voorbeeld, username="ayla")  # of the municipality, not care
    assert policy.user_may(coordinator, "view") and not policy.user_may(coordinator, "change")
    assert policy.user_may(regional_coordinator, "change")
    readers = set(policy.users_for(provider, "view").values_list("username", flat=True))
    assert {"zoe", "ruben"} <= readers and "ayla" not in readers
    assert set(policy.users_for(provider, "change").values_list("username", flat=True)) == {"ruben"}
