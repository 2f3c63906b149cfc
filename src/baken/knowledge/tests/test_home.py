"""The start page: per role the three most useful knowledge pages and the acute panel from the
municipality's own partner data."""

import pytest
from django.urls import reverse

from baken.accounts.roles import ROLES
from baken.knowledge.content import national_pages
from baken.knowledge.selectors import start_pages
from baken.knowledge.services import PageContent, local_page_save


@pytest.mark.parametrize("role", [role.code for role in ROLES])
def test_each_role_gets_three_pages_written_for_it(make_user, voorbeeld, role):
    user = make_user(role, voorbeeld)
    chosen = start_pages(user=user, role_codes=[role])[role]
    expected = min(3, sum(role in page.roles for page in national_pages().values()))
    assert len(chosen) == expected
    assert all(role in view.roles for view in chosen)


def test_featured_pages_come_first(signaleerder):
    chosen = start_pages(user=signaleerder, role_codes=["signaleerder", "aandachtsfunctionaris", "beleidsmaker"])
    assert [view.slug for view in chosen["signaleerder"]][:2] == ["melden-en-doorverwijzen", "wat-is-mensenhandel"]
    assert chosen["aandachtsfunctionaris"][0].slug == "aandachtsfunctionaris"
    assert {view.slug for view in chosen["beleidsmaker"]} == {
        "beleidsmaker",
        "landelijk-kader",
        "rollen-van-de-gemeente",
    }


def test_every_featured_role_is_one_of_the_pages_roles():
    for page in national_pages().values():
        assert set(page.featured) <= set(page.roles), page.slug


def test_start_page_shows_reading_and_the_acute_panel(client_for, signaleerder, aandachtsfunctionaris, partners):
    body = client_for(signaleerder).get(reverse("home:index")).content.decode()
    assert "Handig om te lezen" in body
    for view in start_pages(user=signaleerder, role_codes=["signaleerder"])["signaleerder"]:
        assert f'href="{view.url}"' in body
    assert "Acuut gevaar?" in body and 'href="tel:112"' in body and "Bij direct gevaar." in body
    assert "Anouk Fictief" in body and "mailto:anouk@voorbeeld.invalid" in body
    assert "Wijkpost Zuiderhaven" not in body and "0999-424242" not in body


def test_start_page_without_partners_still_says_112(client_for, signaleerder):
    body = client_for(signaleerder).get(reverse("home:index")).content.decode()
    assert "Bel direct 112." in body


def test_a_local_page_for_the_role_can_reach_the_start_page(
    client_for, beheerder, signaleerder, signaleerder_zuiderhaven
):
    local_page_save(
        actor=beheerder,
        slug=None,
        content=PageContent(
            title="Meldkaart Voorbeeld", summary="", section="lokaal", roles=("signaleerder",), body="x"
        ),
        base_revision=0,
    )
    # The municipality's own page for the role follows the featured national pages.
    assert "Meldkaart Voorbeeld" in client_for(signaleerder).get(reverse("home:index")).content.decode()
    assert "Meldkaart Voorbeeld" not in client_for(signaleerder_zuiderhaven).get(reverse("home:index")).content.decode()


def test_full_meldroute_on_the_reporting_page(client_for, signaleerder, aandachtsfunctionaris, partners):
    body = client_for(signaleerder).get(reverse("knowledge:page", args=["melden-en-doorverwijzen"])).content.decode()
    assert "Melden in Gemeente Voorbeeld" in body
    assert "Anouk Fictief" in body and "RIEC Voorbeeld" in body and 'href="tel:0301112223"' in body
    assert "Wijkpost Zuiderhaven" not in body
    other = client_for(signaleerder).get(reverse("knowledge:page", args=["preventie"])).content.decode()
    assert "Anouk Fictief" in other and "RIEC Voorbeeld" not in other  # compact panel elsewhere


def test_home_query_count_does_not_grow_with_local_pages(client_for, beheerder, signaleerder):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(signaleerder)
    client.get(reverse("home:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home:index"))
    for number in range(5):
        local_page_save(
            actor=beheerder,
            slug=None,
            content=PageContent(title=f"P{number}", summary="", section="lokaal", roles=("signaleerder",), body="x"),
            base_revision=0,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home:index"))
    assert len(many) == len(few)
