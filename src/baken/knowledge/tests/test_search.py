"""Search: Dutch, tolerant of case, accents and typos, synonyms as data, ranked by relevance,
own municipality only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from baken.knowledge.search import Document, excerpt, max_edits, nearest_word, normalise, query_terms, rank, search
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


def test_any_term_matches_and_documents_with_more_terms_come_first():
    in_title = doc("Huisvesting van arbeidsmigranten", body="tekst")
    in_body = doc("Iets anders", body="over huisvesting en arbeidsmigranten")
    one_term = doc("Huisvesting", body="zonder het tweede woord")
    neither = doc("Iets anders", body="niets")
    hits = search([in_body, one_term, neither, in_title], "huisvesting arbeidsmigranten", limit=10)
    assert [hit.document for hit in hits] == [in_title, in_body, one_term]
    assert [hit.matched for hit in hits] == [2, 2, 1]


def test_rare_terms_weigh_more_than_common_ones_and_ties_are_not_alphabetical():
    # "loverboy" is in one document, "gemeente" in all: the rare word decides the order.
    common = [doc(f"A{n}", body="de gemeente") for n in range(5)]
    rare = doc("Z", body="de gemeente en de loverboy")
    ranked = rank([*common, rare], search_terms("gemeente loverboy", [*common, rare]))
    assert ranked[0][2] is rare
    # Repeated mentions in a short text count more than one mention in a long one.
    short = doc("B", body="huisvesting huisvesting huisvesting")
    long = doc("A", body="huisvesting " + "woord " * 200)
    assert [hit.document for hit in search([long, short], "huisvesting", limit=5)] == [short, long]


def test_summary_outranks_body():
    summary = doc("A", summary="loverboy werkwijze")
    body = doc("B", body="loverboy werkwijze")
    assert [hit.document for hit in search([body, summary], "loverboy", limit=5)] == [summary, body]


def test_excerpt_marks_hits_in_the_original_text_and_escapes_it():
    text = "Eerst <b>iets</b>. Daarna de Zorgcoördinator die alles regelt."
    marked = str(excerpt(text, ["coordinator"]))
    assert "<mark>coördinator</mark>" in marked and "<b>" not in marked and "&lt;b&gt;" in marked


def search_terms(query, documents, synonyms=None):
    from baken.knowledge.search import expand

    return expand(query_terms(query), documents, synonyms)


@pytest.mark.parametrize(
    ("typed", "meant"), [("arbijdsuitbuiting", "arbeidsuitbuiting"), ("masagesalon", "massagesalon")]
)
def test_a_word_found_nowhere_is_replaced_by_the_nearest_word_of_the_documents(typed, meant):
    documents = [doc("Arbeidsuitbuiting"), doc("Massagesalons en nagelstudio's", body="Een massagesalon is")]
    hits = search(documents, typed, limit=5)
    assert hits and meant in normalise(hits[0].document.title + hits[0].document.body)
    assert hits.suggestion == meant
    assert "<mark>" in str(hits[0].excerpt) or meant in normalise(hits[0].document.title)


def test_no_correction_for_found_words_short_words_or_far_words():
    documents = [doc("Arbeidsuitbuiting", body="brp")]
    assert search(documents, "arbeidsuitbuiting", limit=5).suggestion == ""
    assert max_edits("brq") == 0 and not search(documents, "brq", limit=5)
    assert nearest_word("xyzxyzxyz", {"arbeidsuitbuiting": 1}) == ""
    assert [max_edits(word) for word in ("abcd", "abcdef", "abcdefghijkl")] == [1, 2, 3]


def test_ties_between_corrections_go_to_the_most_frequent_word():
    assert nearest_word("salan", {"salon": 1, "sulan": 3}) == "sulan"
    assert nearest_word("salan", {"salon": 3, "sulan": 3}) == "salon"


def test_a_synonym_finds_what_it_means_and_a_typo_in_a_synonym_is_corrected():
    loverboy = doc("Seksuele uitbuiting", body="de loverboy-methode")
    synonyms = {"pooierboy": ("loverboy",)}
    hits = search([loverboy, doc("Anders")], "pooierboy", limit=5, synonyms=synonyms)
    assert [hit.document for hit in hits] == [loverboy]
    assert hits.synonyms == ["loverboy"] and hits.suggestion == ""
    assert "<mark>loverboy</mark>" in str(hits[0].excerpt)
    typo = search([loverboy], "pooierbooy", limit=5, synonyms=synonyms)
    assert [hit.document for hit in typo] == [loverboy] and typo.suggestion == "pooierboy"


def test_keywords_are_found_but_never_shown_in_the_excerpt():
    indicator = Document(
        kind="Signaal",
        title="Geen eigen paspoort",
        summary="Iemand anders bewaart het paspoort.",
        body="Werkgever · Signalen van arbeidsuitbuiting",
        url_name="knowledge:index",
        keywords="ARB-03",
    )
    hits = search([indicator], "arb-03", limit=5)
    assert [hit.document for hit in hits] == [indicator]
    assert "ARB" not in str(hits[0].excerpt)


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


def test_search_page_says_did_you_mean_with_a_link_to_the_corrected_query(client_for, signaleerder):
    response = client_for(signaleerder).get(reverse("knowledge:search"), {"q": "arbijdsuitbuiting"})
    body = response.content.decode()
    assert "Bedoelde u" in body
    assert 'href="?q=arbeidsuitbuiting"' in body
    assert reverse("knowledge:page", args=["arbeidsuitbuiting"]) in body


def test_search_page_names_the_synonyms_it_also_searched_for(client_for, signaleerder):
    body = client_for(signaleerder).get(reverse("knowledge:search"), {"q": "pooierboy"}).content.decode()
    assert "Ook gezocht op" in body and "loverboy" in body
    assert reverse("knowledge:page", args=["seksuele-uitbuiting"]) in body


def test_no_indicator_code_in_any_excerpt(signaleerder):
    from baken.signalling.models import Indicator

    codes = set(Indicator.objects.values_list("code", flat=True))
    for query in ("paspoort", "werkgever", "loverboy", "schuld", "arbeidsuitbuiting", "balie"):
        for hit in knowledge_search(user=signaleerder, query=query):
            assert not any(code in str(hit.excerpt) for code in codes), (query, hit.document.title, hit.excerpt)
    # Still findable by its code.
    code = Indicator.objects.filter(organisation__isnull=True).order_by("code").first().code
    assert knowledge_search(user=signaleerder, query=code)[0].document.anchor == code


def test_local_synonyms_are_used_in_their_own_municipality_only(beheerder, signaleerder, signaleerder_zuiderhaven):
    from baken.knowledge.services import search_synonym_add

    search_synonym_add(actor=beheerder, term="Kademuur", means="bedenktijd")
    assert (
        knowledge_search(user=signaleerder, query="kademuur")[0].document.title == "Het zorgtraject voor slachtoffers"
    )
    assert knowledge_search(user=signaleerder_zuiderhaven, query="kademuur").synonyms == []


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


@pytest.mark.parametrize("text", ["Zorgcoördinator, Één BRP-adres!", "ﬁ Straße ½", "Ça va? ARB-03\n\tx", "  a__b  c!!"])
def test_excerpt_positions_follow_normalise_for_any_text(text):
    from baken.knowledge.search import _normalised_with_positions

    normalised, positions = _normalised_with_positions(text)
    assert normalised.strip() == normalise(text)
    assert len(positions) == len(normalised) and list(positions) == sorted(positions)
