"""Beside a Kader block Baken shows what it holds itself, from the data of the own municipality:
the figures match the trainings and staff entered in Preventie, the accounts, the action plans
and the risk pictures; every source kader.toml names is registered (reporting's case figures:
reporting/tests/test_kader_evidence.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from baken.policy.catalogue.loader import kader
from baken.policy.evidence import SOURCES, evidence_for, register_source
from baken.prevention.services import staff_counts_set
from baken.testing.policy import make_assessment, make_plan, make_risk_picture
from baken.testing.prevention import make_training

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def test_training_evidence_matches_the_prevention_data(beleid, make_user, zuiderhaven):
    assert evidence_for(user=beleid, block_code="2B3", year=2026) == [
        "Preventie: nog geen aantallen medewerkers per afdeling ingevuld."
    ]
    staff_counts_set(actor=beleid, counts={"balie": 20, "toezicht": 20})
    make_training(beleid, department="balie", participants=10, trained_on=dt.date.today() - dt.timedelta(days=30))
    make_training(make_user("beleidsmaker", zuiderhaven), department="toezicht", participants=20)
    assert evidence_for(user=beleid, block_code="2B3", year=2026) == [
        "Preventie: 10 van 40 medewerkers getraind (25%) in 2 afdelingen."
    ]
    assert evidence_for(user=beleid, block_code="3B1", year=2026) == []


def test_assessment_page_shows_the_evidence_beside_the_block(client_for, beleid):
    staff_counts_set(actor=beleid, counts={"balie": 8})
    make_training(beleid, department="balie", participants=2, trained_on=dt.date.today() - dt.timedelta(days=3))
    assessment = make_assessment(beleid)
    html = client_for(beleid).get(reverse("policy:assessment", args=[assessment.pk])).content.decode()
    block = html[html.index('id="bouwsteen-2B3"') :]
    block = block[: block.index("</tr>")]
    assert "2 van 8 medewerkers getraind (25%)" in block
    item = assessment.items.get(block_code="2B3")
    form_html = client_for(beleid).get(reverse("policy:item", args=[item.pk])).content.decode()
    assert "2 van 8 medewerkers getraind (25%)" in form_html


def test_every_source_the_catalogue_names_is_registered():
    named = {key for block in kader().blocks for key in block.evidence}
    assert named <= set(SOURCES)
    # reporting's case figures are among them, registered at start-up
    assert {"signals", "care", "enforcement"} <= named
    with pytest.raises(ValueError):
        register_source("signals", lambda user, year: [])
    register_source("signals", SOURCES["signals"])  # the same source again is harmless


def test_officer_evidence_counts_the_active_aandachtsfunctionarissen(beleid, make_user, voorbeeld, zuiderhaven):
    assert evidence_for(user=beleid, block_code="2B1", year=2026) == [
        "Accounts: er is geen actief account met de rol aandachtsfunctionaris."
    ]
    make_user("aandachtsfunctionaris", voorbeeld)
    make_user("aandachtsfunctionaris", zuiderhaven)
    gone = make_user("aandachtsfunctionaris", voorbeeld)
    gone.is_active = False
    gone.save()
    assert evidence_for(user=beleid, block_code="2B1", year=2026) == [
        "Accounts: 1 actief account met de rol aandachtsfunctionaris."
    ]
    make_user("aandachtsfunctionaris", voorbeeld)
    assert evidence_for(user=beleid, block_code="2B1", year=2026) == [
        "Accounts: 2 actieve accounts met de rol aandachtsfunctionaris."
    ]


def test_plan_and_risk_picture_evidence_follow_the_year(beleid, make_user, zuiderhaven):
    assert evidence_for(user=beleid, block_code="1B1", year=2026) == [
        "Beleid & regie: geen uitvoeringsplan dat 2026 omvat."
    ]
    make_plan(make_user("beleidsmaker", zuiderhaven))
    make_plan(beleid, title="Plan 2025-2026", first_year=2025, last_year=2026)
    assert evidence_for(user=beleid, block_code="1B1", year=2026) == [
        "Beleid & regie: uitvoeringsplan “Plan 2025-2026” (2025–2026), nog niet vastgesteld."
    ]
    make_plan(beleid, title="Plan 2026-2028", adopted_by="college", adopted_on=dt.date(2025, 12, 2))
    assert evidence_for(user=beleid, block_code="1B1", year=2026) == [
        "Beleid & regie: uitvoeringsplan “Plan 2026-2028” (2026–2028), vastgesteld op 2 dec. 2025.",
        "Beleid & regie: uitvoeringsplan “Plan 2025-2026” (2025–2026), nog niet vastgesteld.",
    ]
    assert evidence_for(user=beleid, block_code="1B1", year=2029) == [
        "Beleid & regie: geen uitvoeringsplan dat 2029 omvat."
    ]
    assert evidence_for(user=beleid, block_code="1V1", year=2026) == [
        "Beleid & regie: nog geen lokaal risicobeeld voor 2026."
    ]
    picture = make_risk_picture(beleid, year=2026)
    assessed = picture.rows.count()
    picture.rows.filter(pk=picture.rows.first().pk).update(level="hoog")
    assert evidence_for(user=beleid, block_code="1V1", year=2026) == [
        f"Beleid & regie: lokaal risicobeeld 2026, 1 van {assessed} vormen ingeschat."
    ]


def test_an_account_without_municipality_gets_no_evidence(make_user, voorbeeld):
    regional = make_user("beleidsmaker", region=voorbeeld.region)
    assert evidence_for(user=regional, block_code="2B3", year=2026) == []
