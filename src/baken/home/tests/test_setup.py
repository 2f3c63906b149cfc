"""The "Inrichten" checklist: the functioneel beheerder of a new municipality sees what is done
and what is not, read from the data, each step linking to the page that does it."""

import re

import pytest
from django.urls import reverse

from baken.core.services import organisation_create
from baken.home.setup import setup_checklist
from baken.partners.models import Partner
from baken.signalling.models import Indicator, IndicatorGroup

STEPS = [
    "Huisstijl: logo en kleuren",
    "Eigen partners en meldroute",
    "Zorgcoördinatie als partner voor overdrachten",
    "Eigen signalen (lokale patronen)",
    "Twee aandachtsfunctionarissen",
    "Vervanger van de aandachtsfunctionaris",
    "Tweede functioneel beheerder (vier ogen)",
    "Privacy officer",
    "Toezichthouder en handhavingsjurist",
    "Eigen kennisbankpagina",
    "Termijn voor triage",
    "Antwoordadres voor melders",
]


@pytest.fixture
def nieuwstad(db, region):
    return organisation_create(name="Gemeente Nieuwstad", slug="nieuwstad", cbs_code="GM9911", region=region)


def _done(user) -> dict[str, bool]:
    return {step["label"]: step["done"] for step in setup_checklist(user)["steps"]}


def test_a_new_municipality_starts_with_nothing_done(nieuwstad, make_user, client_for):
    beheerder = make_user("functioneel_beheerder", nieuwstad)
    checklist = setup_checklist(beheerder)
    assert [str(step["label"]) for step in checklist["steps"]] == STEPS
    assert (checklist["done"], checklist["total"]) == (0, len(STEPS))
    assert checklist["created_at"] is not None
    body = client_for(beheerder).get(reverse("home:index")).content.decode()
    assert "Inrichten" in body and f"0 van {len(STEPS)} stappen gedaan." in body
    assert "Uw gemeente staat" in body
    for url in ("core:huisstijl", "partners:list", "signalling:catalogue", "accounts:user_list", "knowledge:index"):
        assert f'href="{reverse(url)}"' in body


def test_each_step_turns_done_from_the_data(nieuwstad, make_user):
    beheerder = make_user("functioneel_beheerder", nieuwstad)
    nieuwstad.primary_colour = "#00536b"
    nieuwstad.save()
    Partner.objects.create(organisation=nieuwstad, name="Politie basisteam", partner_type="politie")
    Partner.objects.create(
        organisation=nieuwstad, name="Zorgcoördinatie regio", partner_type="zorgcoordinator", receives_handovers=True
    )
    Indicator.objects.create(
        organisation=nieuwstad, code="LOK-1", label="Vakantiepark", group=IndicatorGroup.objects.first()
    )
    first = make_user("aandachtsfunctionaris", nieuwstad)
    assert not _done(beheerder)["Twee aandachtsfunctionarissen"]
    make_user("aandachtsfunctionaris", nieuwstad)
    nieuwstad.officer_deputy, nieuwstad.triage_working_days = first, 5
    nieuwstad.reply_email = "meldpunt@nieuwstad.invalid"
    nieuwstad.save()
    make_user("functioneel_beheerder", nieuwstad)
    make_user("privacy_officer", nieuwstad)
    make_user("toezichthouder", nieuwstad)
    make_user("handhavingsjurist", nieuwstad)
    from baken.knowledge.models import LocalPage

    LocalPage.objects.create(organisation=nieuwstad, slug="route", title="Route", section="lokaal", body="Bel ons")
    assert all(_done(beheerder).values()), _done(beheerder)
    assert setup_checklist(beheerder)["complete"]


def test_a_deactivated_deputy_does_not_count(nieuwstad, make_user):
    beheerder = make_user("functioneel_beheerder", nieuwstad)
    make_user("aandachtsfunctionaris", nieuwstad)
    make_user("aandachtsfunctionaris", nieuwstad, is_active=False)
    assert not _done(beheerder)["Twee aandachtsfunctionarissen"]


def test_another_municipalitys_data_never_counts(nieuwstad, voorbeeld, make_user):
    beheerder = make_user("functioneel_beheerder", nieuwstad)
    Partner.objects.create(organisation=voorbeeld, name="Politie", partner_type="politie", shared_in_region=True)
    make_user("aandachtsfunctionaris", voorbeeld)
    make_user("aandachtsfunctionaris", voorbeeld)
    assert not any(_done(beheerder).values())


@pytest.mark.parametrize("role", ["privacy_officer", "aandachtsfunctionaris", "signaleerder"])
def test_only_the_beheerder_sees_the_checklist(nieuwstad, make_user, client_for, role):
    user = make_user(role, nieuwstad)
    assert setup_checklist(user) is None
    body = client_for(user).get(reverse("home:index")).content.decode()
    assert not re.search(r"stappen gedaan", body)
