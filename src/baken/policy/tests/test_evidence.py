"""Beside a Kader block Baken shows what it holds itself, from the data of the own municipality:
the figures match the trainings and staff entered in Preventie."""

import datetime as dt

import pytest
from django.urls import reverse

from baken.policy.evidence import evidence_for
from baken.prevention.services import staff_counts_set
from baken.testing.policy import make_assessment
from baken.testing.prevention import make_training

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def test_training_evidence_matches_the_prevention_data(beleid, make_user, zuiderhaven):
    assert evidence_for(user=beleid, block_code="2B3") == [
        "Preventie: nog geen aantallen medewerkers per afdeling ingevuld."
    ]
    staff_counts_set(actor=beleid, counts={"balie": 20, "toezicht": 20})
    make_training(beleid, department="balie", participants=10, trained_on=dt.date.today() - dt.timedelta(days=30))
    make_training(make_user("beleidsmaker", zuiderhaven), department="toezicht", participants=20)
    assert evidence_for(user=beleid, block_code="2B3") == [
        "Preventie: 10 van 40 medewerkers getraind (25%) in 2 afdelingen."
    ]
    assert evidence_for(user=beleid, block_code="1B1") == []


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
