"""Search: Dutch, tolerant of case and accents, title hits above body hits, own municipality only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from baken.knowledge.search import Document, excerpt, normalise, query_terms, score, search
from baken.knowledge.selectors import knowledge_search
from baken.knowledge.services import PageContent, local_page_save


def doc(title, summary="", body=""):
    return Document(kind="Pagina", title=title, summary=summary, body=body, url_name="knowledge:index")


def test_normalise_ignores_case_accents_and_punctuation():
    assert normalise("Zorgcoördinator, Één BRP-adres!") == "zorgcoordinator een brp adres"
    assert normalise("BARRIÈRE") == normalise("barriere")


def test_query_terms_drop_stopwords_unless_nothing_else_is_left():
    assert query_terms("de aandachtsfunctionaris van de gemeente") == ["aandachtsfunctionaris", "gemeente"]
    assert query_terms("de") == ["de"]
    assert query_terms("  ") == []


def test_every_term_must_match_and_title_outranks_body():
    in_title = doc("Huisvesting van arbeidsmigranten", body="tekst")
    in_body = doc("Iets anders", body="over huisvesting en arbeidsmigranten")
    missing = doc("Huisvesting", body="zonder het tweede woord")
    hits = search([in_body, missing, in_title], "huisvesting arbeidsmigranten", limit=10)
    assert [hit.document for hit in hits] == [in_title, in_body]
    assert score(missing, ["huisvesting", "arbeidsmigranten"]) == 0


def test_summary_outranks_body():
    summary = doc("A", summary="loverboy werkwijze")
    body = doc("B", body="loverboy werkwijze")
    assert [hit.document for hit in search([body, summary], "loverboy", limit=5)] == [summary, body]


def test_excerpt_marks_hits_in_the_original_text_and_escapes_it():
    text = "Eerst <b>iets</b>. Daarna de Zorgcoördinator die alles regelt."
    marked = str(excerpt(text, ["coordinator"]))
    assert "<mark>coördinator</mark>" in marked and "<b>" not in marked and "&lt;b&gt;" in marked


def test_results_are_capped(db):
    documents = [doc(f"Signaal {n}") for n in range(300)]
    assert len(search(documents, "signaal", limit=100)) == 100


def test_finds_pages_and_indicators_tolerant_of_case_and_accents(signaleerder):
    titles = [hit.document.title for hit in knowledge_search(user=signaleerder, query="ZORGCOORDINATOR")]
    assert titles[0] == "Zorgcoördinator mensenhandel"
    signals = knowledge_search(user=signaleerder, query="paspoort")
    assert any(hit.document.kind == "Signaal" for hit in signals)
    models = knowledge_search(user=signaleerder, query="barrièremodel arbeidsmigranten")
    assert models[0].document.title == "Barrièremodel arbeidsmigranten"


def test_finds_a_page_by_a_word_in_its_body_only(client_for, signaleerder):
    # "bedenktijd" is not in any title or summary, only in the text of the care path page
    response = client_for(signaleerder).get(reverse("knowledge:search"), {"q": "Bedenktijd"})
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("knowledge:page", args=["zorgtraject-slachtoffers"]) in body
    assert "<mark>bedenktijd</mark>" in body.lower()


def test_local_page_is_found_in_its_own_municipality_only(beheerder, signaleerder, signaleerder_zuiderhaven):
    local_page_save(
        actor=beheerder,
        slug=None,
        content=PageContent(title="Havenprotocol", summary="", section="lokaal", roles=(), body="Kademuur-afspraak"),
        base_revision=0,
    )
    assert [h.document.title for h in knowledge_search(user=signaleerder, query="kademuur")] == ["Havenprotocol"]
    assert knowledge_search(user=signaleerder_zuiderhaven, query="kademuur") == []


def test_search_page_paginates(client_for, signaleerder):
    client = client_for(signaleerder)
    first = client.get(reverse("knowledge:search"), {"q": "gemeente"}).content.decode()
    assert "Pagina 1 van" in first and "pagina=2" in first
    second = client.get(reverse("knowledge:search"), {"q": "gemeente", "pagina": "2"})
    assert second.status_code == 200 and 'start="21"' in second.content.decode()


@pytest.mark.parametrize("query", ["", "a", "<script>alert(1)</script>"])
def test_empty_or_odd_queries_are_harmless(client_for, signaleerder, query):
    response = client_for(signaleerder).get(reverse("knowledge:search"), {"q": query})
    assert response.status_code == 200 and "<script>alert(1)" not in response.content.decode()


def test_search_query_count_is_constant_in_rows(client_for, beheerder, signaleerder):
    from baken.signalling.models import Indicator, IndicatorGroup

    client = client_for(signaleerder)
    url = reverse("knowledge:search")
    client.get(url, {"q": "afspraak"})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "afspraak"})
    group = IndicatorGroup.objects.first()
    for number in range(10):
        local_page_save(
            actor=beheerder,
            slug=None,
            content=PageContent(title=f"Afspraak {number}", summary="", section="lokaal", roles=(), body="x"),
            base_revision=0,
        )
        Indicator.objects.create(
            organisation=beheerder.organisation,
            code=f"LOK-{number}",
            label=f"Lokale afspraak {number}",
            explanation="x",
            group=group,
        )
    with CaptureQueriesContext(connection) as many:
        body = client.get(url, {"q": "afspraak"}).content.decode()
    assert "Afspraak 9" in body and "Lokale afspraak 9" in body
    assert len(many) == len(few)
