"""The materials library: versioned materials (each change a new version, earlier ones readable),
the catalogue's value lists, the policy, the pages, and an activity that links to a material."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.partners.models import Partner
from baken.prevention import selectors, services
from baken.prevention.catalogue.loader import catalogue
from baken.prevention.models import PreventionActivity, PreventionMaterial, PreventionMaterialRevision
from baken.testing.prevention import make_activity, make_material, material_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def _update(actor, material, base_revision=None, note="", **overrides):
    return services.material_update(
        actor=actor,
        material=material,
        values=material_values(**overrides),
        base_revision=material.revision if base_revision is None else base_revision,
        note=note,
    )


# --- catalogue ---------------------------------------------------------------------------------


def test_catalogue_has_forms_and_evidence_levels_marked_to_verify():
    lists = catalogue()
    assert {"les", "film", "spel", "folder", "e_learning", "trainingsprogramma"} <= lists.codes("material_forms")
    levels = lists.codes("evidence_levels")
    assert {"bewezen_effectief", "goed_onderbouwd", "theoretisch_onderbouwd", "niet_beoordeeld"} == levels
    assert all(lists.to_verify("evidence_levels", code) for code in levels)
    assert not lists.to_verify("material_forms", "les")


# --- services ----------------------------------------------------------------------------------


def test_create_is_version_one_with_snapshot_and_audit(beleid, police):
    material = make_material(beleid, provider=police, audiences=["vo", "mbo", "vo"])
    assert material.revision == 1 and material.organisation_id == beleid.organisation_id
    assert material.audiences == ["mbo", "vo"]
    assert material.catalogue_version == catalogue().version
    (revision,) = material.revisions.all()
    assert (revision.revision, revision.action, revision.changed_by) == (1, "aangemaakt", beleid)
    assert revision.content["title"] == material.title and revision.content["provider"] == police.name
    assert AuditEvent.objects.filter(object_id=str(material.pk), action="create").exists()


def test_edit_makes_a_new_version_and_keeps_the_old_one_readable(beleid):
    material = make_material(beleid)
    _update(beleid, material, title="BUIT 2.0", languages=["nl", "en"], note="Nieuwe editie")
    material.refresh_from_db()
    assert (material.revision, material.title, material.updated_by) == (2, "BUIT 2.0", beleid)
    versions = selectors.material_versions(user=beleid, material=material)
    assert [version.revision.revision for version in versions] == [2, 1]
    assert versions[0].changed_fields == ["titel", "talen"] and versions[0].revision.note == "Nieuwe editie"
    assert versions[1].title == "BUIT in de klas (lespakket)" and versions[1].languages == ["Nederlands"]
    assert versions[1].changed_fields == []
    assert AuditEvent.objects.filter(object_id=str(material.pk), action="update").count() == 1


def test_saving_without_changes_makes_no_new_version(beleid):
    material = make_material(beleid)
    assert _update(beleid, material).revision == 1
    assert PreventionMaterialRevision.objects.count() == 1


def test_an_edit_on_an_older_version_is_refused(beleid):
    material = make_material(beleid)
    _update(beleid, material, title="Tweede")
    with pytest.raises(ValidationError, match="Iemand anders heeft dit intussen gewijzigd"):
        _update(beleid, material, base_revision=1, title="Derde")
    material.refresh_from_db()
    assert (material.revision, material.title) == (2, "Tweede")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"description": "x" * 4001}, "description"),
        ({"audiences": []}, "audiences"),
        ({"audiences": ["bestaat_niet"]}, "audiences"),
        ({"languages": []}, "languages"),
        ({"languages": ["xx"]}, "languages"),
        ({"form": "beeldhouwwerk"}, "form"),
        ({"evidence_level": ""}, "evidence_level"),
        ({"url": ""}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "https://example.nl/" + "x" * 500}, "url"),
    ],
)
def test_bad_values_are_refused_in_dutch_and_nothing_is_saved(beleid, overrides, field):
    with pytest.raises(ValidationError) as error:
        make_material(beleid, **overrides)
    assert field in error.value.message_dict
    assert not PreventionMaterial.objects.exists() and not PreventionMaterialRevision.objects.exists()


def test_a_provider_from_another_municipality_is_refused(beleid, zuiderhaven):
    foreign = Partner.objects.create(organisation=zuiderhaven, name="Buiten", partner_type="anders")
    with pytest.raises(ValidationError) as error:
        make_material(beleid, provider=foreign)
    assert "provider" in error.value.message_dict


def test_refusals_for_other_roles_and_municipalities(beleid, make_user, voorbeeld, zuiderhaven):
    material = make_material(beleid)
    with pytest.raises(NotPermitted):
        make_material(make_user("aandachtsfunctionaris", voorbeeld))
    with pytest.raises(NotPermitted):
        _update(make_user("beleidsmaker", zuiderhaven), material, title="Overgenomen")
    with pytest.raises(NotPermitted):
        _update(make_user("signaleerder", voorbeeld), material, title="Overgenomen")
    material.refresh_from_db()
    assert (material.revision, material.title) == (1, "BUIT in de klas (lespakket)")


# --- policy ------------------------------------------------------------------------------------


def test_policy_own_beleidsmaker_only(beleid, make_user, voorbeeld, zuiderhaven, region):
    material = make_material(beleid)
    for model, row in ((PreventionMaterial, material), (PreventionMaterialRevision, material.revisions.get())):
        policy = policy_for(model)
        assert policy.allows(beleid, "view", row)
        assert not policy.visible(make_user("beleidsmaker", zuiderhaven)).exists()
        assert not policy.visible(make_user("aandachtsfunctionaris", voorbeeld)).exists()
        regional = make_user("beleidsmaker", None, region=region)
        assert not policy.visible(regional).exists() and not policy.user_may(regional, "view")
        assert list(policy.users_for(row, "view")) == [beleid]
    assert policy_for(PreventionMaterial).allows(beleid, "change", material)


# --- selectors ---------------------------------------------------------------------------------


def test_filters_by_audience_language_and_form(beleid):
    lesson = make_material(beleid, title="Les", audiences=["vo", "mbo"], languages=["nl"], form="les")
    film = make_material(beleid, title="Film", audiences=["ouders"], languages=["pl", "ro"], form="film")
    assert list(selectors.materials(user=beleid)) == [film, lesson]
    assert list(selectors.materials(user=beleid, audience="mbo")) == [lesson]
    assert list(selectors.materials(user=beleid, audience="po")) == []
    assert list(selectors.materials(user=beleid, language="ro")) == [film]
    assert list(selectors.materials(user=beleid, form="les", language="nl")) == [lesson]


# --- an activity that uses a material ------------------------------------------------------------


def test_an_activity_links_to_a_material_of_the_own_library(beleid, make_user, zuiderhaven):
    material = make_material(beleid)
    activity = make_activity(beleid, material=material)
    assert activity.material == material and activity.programme == "BUIT in de klas"
    foreign = make_material(make_user("beleidsmaker", zuiderhaven))
    with pytest.raises(ValidationError) as error:
        make_activity(beleid, material=foreign)
    assert "material" in error.value.message_dict
    assert PreventionActivity.objects.count() == 1


# --- pages -------------------------------------------------------------------------------------


def _post_body(**overrides) -> dict:
    return {
        "title": "Lespakket Loverboys",
        "audiences": ["vo"],
        "languages": ["nl", "en"],
        "form": "les",
        "evidence_level": "goed_onderbouwd",
        "url": "https://www.example.nl/lespakket",
        "base_revision": "0",
    } | overrides


def test_empty_library_says_what_to_do(client_for, beleid):
    response = client_for(beleid).get(reverse("prevention:material_list"))
    assert response.status_code == 200
    assert "De bibliotheek is nog leeg" in response.content.decode()


def test_add_edit_and_read_the_versions(client_for, beleid):
    client = client_for(beleid)
    assert client.get(reverse("prevention:material_new")).status_code == 200
    response = client.post(reverse("prevention:material_new"), _post_body())
    material = PreventionMaterial.objects.get()
    assert response.status_code == 302 and response.url == reverse("prevention:material", args=[material.pk])
    edit = reverse("prevention:material_edit", args=[material.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, _post_body(title="Lespakket Loverboys 2026", base_revision="1", note="Herzien"))
    assert response.status_code == 302
    detail = client.get(reverse("prevention:material", args=[material.pk])).content.decode()
    assert "Lespakket Loverboys 2026" in detail and "Versie 2" in detail and "Versie 1" in detail
    assert "Inhoud van versie 1" in detail and "nog te verifiëren" in detail and "Herzien" in detail
    stale = client.post(edit, _post_body(title="Derde", base_revision="1"))
    assert stale.status_code == 400 and "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    material.refresh_from_db()
    assert material.revision == 2


def test_bad_input_is_400_in_dutch_and_nothing_saved(client_for, beleid):
    client = client_for(beleid)
    response = client.post(reverse("prevention:material_new"), _post_body(languages=[], form=""))
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    service_refusal = client.post(reverse("prevention:material_new"), _post_body(url="ftp://example.nl/x"))
    assert service_refusal.status_code == 400
    assert not PreventionMaterial.objects.exists()


def test_list_filters_and_paginates(client_for, beleid):
    for number in range(27):
        make_material(beleid, title=f"Materiaal {number:02}", form="film" if number == 3 else "les")
    client = client_for(beleid)
    first = client.get(reverse("prevention:material_list"))
    assert "27 materialen" in first.content.decode() and "Pagina 1 van 2" in first.content.decode()
    second = client.get(reverse("prevention:material_list"), {"pagina": "2"}).content.decode()
    assert "Materiaal 26" in second and "Materiaal 00" not in second
    films = client.get(reverse("prevention:material_list"), {"vorm": "film"}).content.decode()
    assert "1 materiaal" in films and "Materiaal 03" in films
    none = client.get(reverse("prevention:material_list"), {"taal": "ar"})
    assert "Geen materialen met deze keuze" in none.content.decode()


def test_pages_of_another_municipality_and_other_roles_are_404(client_for, beleid, make_user, voorbeeld, zuiderhaven):
    material = make_material(beleid)
    foreign = client_for(make_user("beleidsmaker", zuiderhaven))
    for name in ("prevention:material", "prevention:material_edit"):
        assert foreign.get(reverse(name, args=[material.pk])).status_code == 404
    assert foreign.post(reverse("prevention:material_edit", args=[material.pk]), _post_body()).status_code == 404
    other_role = client_for(make_user("aandachtsfunctionaris", voorbeeld))
    assert other_role.get(reverse("prevention:material_list")).status_code == 404
    assert other_role.post(reverse("prevention:material_new"), _post_body()).status_code == 404
    material.refresh_from_db()
    assert material.revision == 1 and PreventionMaterial.objects.count() == 1


def test_activity_form_offers_the_own_materials(client_for, beleid, make_user, zuiderhaven):
    own = make_material(beleid, title="Eigen lespakket")
    make_material(make_user("beleidsmaker", zuiderhaven), title="Ander lespakket")
    client = client_for(beleid)
    page = client.get(reverse("prevention:activity_new")).content.decode()
    assert "Eigen lespakket" in page and "Ander lespakket" not in page
    response = client.post(
        reverse("prevention:activity_new"),
        {
            "title": "Gastles",
            "activity_type": "schoolvoorlichting",
            "target_groups": ["vo"],
            "starts_on": "2026-10-01",
            "location_kind": "online",
            "material": str(own.pk),
        },
    )
    activity = PreventionActivity.objects.get()
    assert response.status_code == 302 and activity.material == own
    detail = client.get(reverse("prevention:activity", args=[activity.pk])).content.decode()
    assert reverse("prevention:material", args=[own.pk]) in detail
    material_page = client.get(reverse("prevention:material", args=[own.pk])).content.decode()
    assert "Gastles" in material_page


def test_list_and_detail_queries_do_not_grow_with_the_rows(client_for, beleid, police):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(beleid)

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    first = make_material(beleid, provider=police)
    make_activity(beleid, material=first)
    few_list, few_detail = (
        queries(reverse("prevention:material_list")),
        queries(reverse("prevention:material", args=[first.pk])),
    )
    for number in range(6):
        make_material(beleid, title=f"Materiaal {number}", provider=police)
        _update(beleid, first, title=f"Versie {number + 2}")
        make_activity(beleid, material=first)
        first.refresh_from_db()
    assert queries(reverse("prevention:material_list")) == few_list
    assert queries(reverse("prevention:material", args=[first.pk])) == few_detail
