"""The region's own Kader self-assessment (issue 14): kept by the regional beleidsmaker, read by
the beleidsmakers of the region's municipalities, out of reach of every other region and its
municipalities; no action plan behind it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, AuditEvent
from baken.policy.catalogue.loader import kader
from baken.policy.models import AssessmentSnapshot, KaderAssessment, PlanAction
from baken.policy.selectors import regional_overview
from baken.policy.services import (
    action_from_item,
    assessment_adopt,
    assessment_create,
    assessment_item_update,
)
from baken.testing.factories import OrganisationFactory, RegionFactory
from baken.testing.policy import make_assessment

pytestmark = pytest.mark.django_db

ADOPTION = {"adopted_by": "Regionaal bestuurlijk overleg", "adopted_on": "2026-03-01"}


@pytest.fixture
def regional(make_user, region):
    return make_user("beleidsmaker", None, region=region)


@pytest.fixture
def municipal(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


@pytest.fixture
def regional_assessment(regional):
    return make_assessment(regional)


@pytest.fixture
def strangers(make_user):
    """The beleidsmakers of another region: one of a municipality there, one regional."""
    elsewhere = RegionFactory()
    return [
        make_user("beleidsmaker", OrganisationFactory(region=elsewhere)),
        make_user("beleidsmaker", None, region=elsewhere),
    ]


def _assess_all(actor, assessment, status="niet") -> None:
    for item in assessment.items.all():
        assessment_item_update(actor=actor, item=item, values={"status": status})


# --- the model -----------------------------------------------------------------------------------


def test_an_assessment_has_exactly_one_owner(regional, voorbeeld, region):
    for owner in ({"organisation": voorbeeld, "region": region}, {"organisation": None, "region": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            KaderAssessment.objects.create(year=2026, catalogue_version="1", created_by=regional, **owner)
    assert not KaderAssessment.objects.exists()


def test_once_a_year_per_region_beside_the_municipalities(regional, municipal, region):
    make_assessment(regional, year=2026)
    make_assessment(municipal, year=2026)  # the municipality's own of the same year is no clash
    with pytest.raises(IntegrityError), transaction.atomic():
        KaderAssessment.objects.create(region=region, year=2026, catalogue_version="1", created_by=regional)
    assert KaderAssessment.objects.filter(region=region).count() == 1


# --- the policy ----------------------------------------------------------------------------------


def test_who_sees_and_who_changes_the_region_s_assessment(regional, municipal, regional_assessment, strangers):
    policy = policy_for(KaderAssessment)
    assert policy.allows(regional, "view", regional_assessment)
    assert policy.allows(regional, "change", regional_assessment)
    assert policy.allows(municipal, "view", regional_assessment)
    assert not policy.allows(municipal, "change", regional_assessment)
    for stranger in strangers:
        assert not policy.allows(stranger, "view", regional_assessment)
    # The municipality's own stays the municipality's to change, read by the regional account.
    own = make_assessment(municipal)
    assert policy.allows(municipal, "change", own)
    assert policy.allows(regional, "view", own) and not policy.allows(regional, "change", own)


def test_the_region_s_beleidsmakers_are_named_for_its_assessment(regional, municipal, regional_assessment, strangers):
    assert set(policy_for(KaderAssessment).users_for(regional_assessment, "view")) == {regional, municipal}
    assert set(policy_for(KaderAssessment).users_for(regional_assessment, "change")) == {regional}
    own = make_assessment(municipal)
    assert set(policy_for(KaderAssessment).users_for(own, "view")) == {regional, municipal}
    assert set(policy_for(KaderAssessment).users_for(own, "change")) == {municipal}


def test_a_municipality_outside_any_region_sees_no_regional_assessment(make_user, regional_assessment):
    loner = make_user("beleidsmaker", OrganisationFactory(region=None))
    assert not policy_for(KaderAssessment).visible(loner).exists()


# --- the services --------------------------------------------------------------------------------


def test_the_regional_beleidsmaker_starts_the_region_s_assessment(regional, region):
    assessment = assessment_create(actor=regional, year=2026)
    assert (assessment.region, assessment.organisation) == (region, None)
    assert assessment.items.count() == len(kader().blocks)
    with pytest.raises(ValidationError) as error:
        assessment_create(actor=regional, year=2026)
    assert "al een zelfevaluatie" in str(error.value)
    with pytest.raises(ValidationError):
        assessment_create(actor=regional, year=1999)
    assert KaderAssessment.objects.count() == 1


def test_a_regional_assessment_is_assessed_and_adopted(regional, regional_assessment):
    _assess_all(regional, regional_assessment)
    first = assessment_adopt(
        actor=regional, assessment=regional_assessment, adopted_by="RBO", adopted_on=dt.date(2026, 3, 1)
    )
    item = regional_assessment.items.get(block_code="1B1")
    assessment_item_update(actor=regional, item=item, values={"status": "volledig", "evidence": "Regiovisie"})
    second = assessment_adopt(
        actor=regional, assessment=regional_assessment, adopted_by="RBO", adopted_on=dt.date(2026, 9, 1)
    )
    assert (first.number, second.number) == (1, 2)
    statuses = {row["code"]: row["status"] for row in second.content}
    assert statuses["1B1"] == "volledig"


def test_a_municipal_beleidsmaker_changes_nothing_of_the_region(municipal, regional, regional_assessment):
    item = regional_assessment.items.first()
    with pytest.raises(NotPermitted):
        assessment_item_update(actor=municipal, item=item, values={"status": "niet"})
    _assess_all(regional, regional_assessment)
    with pytest.raises(NotPermitted):
        assessment_adopt(actor=municipal, assessment=regional_assessment, adopted_by="X", adopted_on=dt.date.today())
    with pytest.raises(NotPermitted):
        action_from_item(actor=municipal, item=item)
    assert not regional_assessment.snapshots.exists() and not PlanAction.objects.exists()


def test_a_regional_gap_does_not_become_an_action(regional, regional_assessment):
    item = regional_assessment.items.first()
    assessment_item_update(actor=regional, item=item, values={"status": "niet"})
    with pytest.raises(ValidationError) as error:
        action_from_item(actor=regional, item=item)
    assert "regio heeft geen uitvoeringsplan" in " ".join(error.value.messages)
    assert not PlanAction.objects.exists()


def test_audit_rows_of_the_region_s_assessment_carry_the_region(
    client_for, regional, municipal, regional_assessment, region
):
    item = regional_assessment.items.first()
    assessment_item_update(actor=regional, item=item, values={"status": "niet"})
    _assess_all(regional, regional_assessment)
    assessment_adopt(actor=regional, assessment=regional_assessment, adopted_by="RBO", adopted_on=dt.date(2026, 3, 1))
    client_for(municipal).get(reverse("policy:assessment", args=[regional_assessment.pk]))
    rows = AuditEvent.objects.filter(object_type__in=["policy.kaderassessment", "policy.assessmentitem"])
    rows = rows.exclude(object_id="")
    assert {(row.action, row.actor_id) for row in rows} >= {
        (AuditAction.CREATE, regional.pk),
        (AuditAction.UPDATE, regional.pk),
        (AuditAction.VIEW, municipal.pk),
    }
    assert {(row.organisation_id, row.region_id) for row in rows} == {(None, region.pk)}


# --- the pages -----------------------------------------------------------------------------------


def test_the_regional_beleidsmaker_keeps_the_region_s_assessment_through_the_pages(client_for, regional, region):
    client = client_for(regional)
    start = client.get(reverse("policy:index")).content.decode()
    assert "Nieuwe zelfevaluatie van de regio" in start and "nog geen eigen zelfevaluatie" in start
    assert "Gemeenten in de regio" in start
    new = client.get(reverse("policy:assessment_new")).content.decode()
    assert f"Nieuwe zelfevaluatie van de regio {region.name}" in new
    response = client.post(reverse("policy:assessment_new"), {"year": "2026"})
    assessment = KaderAssessment.objects.get(region=region)
    assert response.url == reverse("policy:assessment", args=[assessment.pk])
    page = client.get(response.url).content.decode()
    assert f"Zelfevaluatie van de regio: {region.name}" in page and "Beoordelen" in page
    assert reverse("policy:assessment", args=[assessment.pk]) in client.get(reverse("policy:index")).content.decode()

    item = assessment.items.get(block_code="1B1")
    edit = reverse("policy:item", args=[item.pk])
    edit_page = client.get(edit)
    assert edit_page.status_code == 200 and f"Zelfevaluatie van de regio: {region.name}" in edit_page.content.decode()
    assert client.post(edit, {"status": "niet", "owner": "Regiocoördinator"}).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.owner) == ("niet", "Regiocoördinator")
    # A gap of the region is not offered as an action, and the route refuses it in Dutch.
    assert reverse("policy:item_action", args=[item.pk]) not in client.get(response.url).content.decode()
    refused = client.post(reverse("policy:item_action", args=[item.pk]), follow=True)
    assert "geen uitvoeringsplan" in refused.content.decode() and not PlanAction.objects.exists()

    _assess_all(regional, assessment)
    adopt = reverse("policy:assessment_adopt", args=[assessment.pk])
    assert client.post(adopt, ADOPTION).status_code == 302
    assessment_item_update(actor=regional, item=item, values={"status": "volledig", "evidence": "Regiovisie"})
    assert client.post(adopt, ADOPTION | {"adopted_on": "2026-09-01"}).status_code == 302
    compare = client.get(reverse("policy:assessment_compare", args=[assessment.pk]), {"van": "1", "naar": "2"})
    assert compare.status_code == 200 and "1B1" in compare.content.decode() and "Volledig" in compare.content.decode()
    assert f"Zelfevaluatie van de regio: {region.name}" in compare.content.decode()


def test_a_municipal_beleidsmaker_reads_the_region_s_assessment_only(client_for, municipal, regional, region):
    client = client_for(municipal)
    assert "Zelfevaluatie van de regio" not in client.get(reverse("policy:index")).content.decode()
    assessment = make_assessment(regional)
    item = assessment.items.get(block_code="1B1")
    assessment_item_update(actor=regional, item=item, values={"status": "niet"})
    start = client.get(reverse("policy:index")).content.decode()
    assert "Zelfevaluatie van de regio" in start and reverse("policy:assessment", args=[assessment.pk]) in start
    assert "Nieuwe zelfevaluatie van de regio" not in start

    page = client.get(reverse("policy:assessment", args=[assessment.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Zelfevaluatie van de regio: {region.name}" in text and "U kunt deze zelfevaluatie lezen" in text
    for hidden in ("policy:item", "policy:item_action"):
        assert reverse(hidden, args=[item.pk]) not in text
    assert reverse("policy:assessment_adopt", args=[assessment.pk]) not in text
    assert client.get(reverse("policy:assessment_compare", args=[assessment.pk])).status_code == 200

    # Every change answers 404 and changes nothing.
    edit = reverse("policy:item", args=[item.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"status": "volledig", "evidence": "Nota"}).status_code == 404
    assert client.post(reverse("policy:item_action", args=[item.pk])).status_code == 404
    _assess_all(regional, assessment)
    assert client.post(reverse("policy:assessment_adopt", args=[assessment.pk]), ADOPTION).status_code == 404
    item.refresh_from_db()
    assert item.status == "niet"
    assert not AssessmentSnapshot.objects.exists() and not PlanAction.objects.exists()


def test_another_region_gets_404(client_for, regional, regional_assessment, strangers):
    _assess_all(regional, regional_assessment)
    assessment_adopt(actor=regional, assessment=regional_assessment, adopted_by="RBO", adopted_on=dt.date(2026, 3, 1))
    item = regional_assessment.items.first()
    page = reverse("policy:assessment", args=[regional_assessment.pk])
    adopt = reverse("policy:assessment_adopt", args=[regional_assessment.pk])
    for stranger in strangers:
        client = client_for(stranger)
        assert client.get(page).status_code == 404
        assert client.get(reverse("policy:assessment_compare", args=[regional_assessment.pk])).status_code == 404
        assert client.get(reverse("policy:item", args=[item.pk])).status_code == 404
        assert (
            client.post(reverse("policy:item", args=[item.pk]), {"status": "volledig", "evidence": "X"}).status_code
            == 404
        )
        assert client.post(reverse("policy:item_action", args=[item.pk])).status_code == 404
        assert client.post(adopt, ADOPTION).status_code == 404
        assert page not in client.get(reverse("policy:index")).content.decode()
    assert regional_assessment.snapshots.count() == 1
    item.refresh_from_db()
    assert item.status == "niet" and not PlanAction.objects.exists()


def test_the_regional_view_of_municipalities_ignores_the_region_s_own(client_for, regional, municipal, voorbeeld):
    make_assessment(regional, year=2027)
    own = make_assessment(municipal, year=2026)
    assessment_item_update(actor=municipal, item=own.items.first(), values={"status": "niet"})
    rows = {row.organisation: row for row in regional_overview(user=regional)}
    assert rows[voorbeeld].assessment_year == 2026 and rows[voorbeeld].blocks.get("niet") == 1
