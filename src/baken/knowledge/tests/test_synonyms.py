"""Search words (synonyms) as data: the national file, and the municipality's own words that
its functioneel beheerder adds and removes, audited, visible and used in its own search only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, AuditEvent
from baken.knowledge import services
from baken.knowledge.content import ContentError, national_synonyms, parse_synonyms
from baken.knowledge.models import SearchSynonym
from baken.knowledge.selectors import knowledge_search, search_documents, search_synonyms
from baken.knowledge.services import search_synonym_add, search_synonym_remove


def test_the_national_file_has_at_least_fifteen_pairs_including_those_of_the_issue():
    pairs = {(synonym.term, synonym.means) for synonym in national_synonyms()}
    assert len(pairs) >= 15
    assert {("pooierboy", "loverboy"), ("uitzendburo", "uitzendbureau"), ("salon", "massagesalon")} <= pairs


@pytest.mark.parametrize(
    "entry",
    [
        {"term": "twee woorden", "means": "x"},
        {"term": "", "means": "x"},
        {"term": "zelfde", "means": "Zelfde"},
        {"term": "leeg", "means": "  "},
    ],
)
def test_a_malformed_national_synonym_is_refused(entry):
    with pytest.raises(ContentError):
        parse_synonyms({"synonym": [entry]})


def test_a_national_synonym_listed_twice_is_refused():
    with pytest.raises(ContentError):
        parse_synonyms({"synonym": [{"term": "a1", "means": "b"}, {"term": "A1", "means": "B"}]})


def test_every_national_synonym_means_something_that_is_in_the_knowledge_base(signaleerder):
    corpus = "\n".join(text for document in search_documents(user=signaleerder) for text in document.normalised())
    missing = [synonym for synonym in national_synonyms() if synonym.means not in corpus]
    assert not missing
    for synonym in national_synonyms():
        hits = knowledge_search(user=signaleerder, query=synonym.term)
        assert hits and hits.suggestion == "", synonym


def test_a_search_word_is_one_word(beheerder):
    with pytest.raises(ValidationError) as refused:
        search_synonym_add(actor=beheerder, term="twee woorden", means="bedenktijd")
    assert "term" in refused.value.error_dict
    assert not SearchSynonym.objects.exists()


def test_beheerder_adds_and_removes_a_search_word_with_audit(beheerder, signaleerder):
    synonym = search_synonym_add(actor=beheerder, term="Kadewacht", means="Bedenktijd")
    assert (synonym.term, synonym.means, synonym.created_by) == ("kadewacht", "bedenktijd", beheerder)
    assert search_synonyms(user=signaleerder)["kadewacht"] == ("bedenktijd",)
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="knowledge.searchsynonym")
    assert created.organisation == beheerder.organisation and "kadewacht -> bedenktijd" in created.reason
    search_synonym_remove(actor=beheerder, synonym=synonym)
    assert not SearchSynonym.objects.exists()
    removed = AuditEvent.objects.get(action=AuditAction.DELETE, object_type="knowledge.searchsynonym")
    assert "kadewacht -> bedenktijd" in removed.reason
    assert "kadewacht" not in search_synonyms(user=signaleerder)


@pytest.mark.parametrize(
    ("term", "means", "field"),
    [
        ("", "bedenktijd", "term"),
        ("twee woorden", "bedenktijd", "term"),
        ("x", "bedenktijd", "term"),
        ("a" * 41, "bedenktijd", "term"),
        ("kadewacht", "", "means"),
        ("kadewacht", "b" * 81, "means"),
        ("kadewacht", "Kadewacht!", "means"),
    ],
)
def test_bad_search_words_are_refused_and_change_nothing(beheerder, term, means, field):
    with pytest.raises(ValidationError) as refused:
        search_synonym_add(actor=beheerder, term=term, means=means)
    assert field in refused.value.error_dict
    assert not SearchSynonym.objects.exists() and not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


def test_duplicates_of_own_or_national_words_are_refused(beheerder):
    search_synonym_add(actor=beheerder, term="kadewacht", means="bedenktijd")
    with pytest.raises(ValidationError, match="bestaat al"):
        search_synonym_add(actor=beheerder, term="Kadewacht", means="bedenktijd")
    with pytest.raises(ValidationError, match="landelijke lijst"):
        search_synonym_add(actor=beheerder, term="Pooierboy", means="loverboy")
    assert SearchSynonym.objects.count() == 1


def test_a_pair_added_at_the_same_moment_is_refused_not_a_server_error(monkeypatch, beheerder):
    search_synonym_add(actor=beheerder, term="kadewacht", means="bedenktijd")
    monkeypatch.setattr(services, "_validate_synonym", lambda organisation_id, term, means: (term, means))
    with pytest.raises(ValidationError, match="bestaat al"):
        search_synonym_add(actor=beheerder, term="kadewacht", means="bedenktijd")
    assert SearchSynonym.objects.count() == 1


def test_the_number_of_own_words_is_capped(monkeypatch, beheerder):
    monkeypatch.setattr(services, "MAX_SYNONYMS_PER_ORGANISATION", 1)
    search_synonym_add(actor=beheerder, term="kadewacht", means="bedenktijd")
    with pytest.raises(ValidationError, match="eigen zoekwoorden"):
        search_synonym_add(actor=beheerder, term="havenwacht", means="bedenktijd")


def test_only_the_own_beheerder_may_add_or_remove(beheerder, beheerder_zuiderhaven, signaleerder):
    synonym = search_synonym_add(actor=beheerder, term="kadewacht", means="bedenktijd")
    with pytest.raises(NotPermitted):
        search_synonym_add(actor=signaleerder, term="havenwacht", means="bedenktijd")
    with pytest.raises(NotPermitted):
        search_synonym_remove(actor=signaleerder, synonym=synonym)
    with pytest.raises(NotPermitted):
        search_synonym_remove(actor=beheerder_zuiderhaven, synonym=synonym)
    assert list(SearchSynonym.objects.all()) == [synonym]


# --- the management page ----------------------------------------------------------------------


def test_beheerder_lists_adds_and_removes_on_the_page(client_for, beheerder):
    client = client_for(beheerder)
    url = reverse("knowledge:synonyms")
    page = client.get(url).content.decode()
    assert "pooierboy" in page and "Landelijke zoekwoorden" in page
    response = client.post(url, {"term": "Kadewacht", "means": "bedenktijd"})
    assert response.status_code == 302 and response.url == url
    synonym = SearchSynonym.objects.get()
    assert "kadewacht" in client.get(url).content.decode()
    remove = reverse("knowledge:synonym_remove", args=[synonym.pk])
    assert "Verwijderen" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not SearchSynonym.objects.exists()


def test_a_bad_word_on_the_page_shows_a_dutch_message(client_for, beheerder):
    response = client_for(beheerder).post(reverse("knowledge:synonyms"), {"term": "twee woorden", "means": "x y"})
    assert response.status_code == 200 and "één woord" in response.content.decode()
    assert not SearchSynonym.objects.exists()


def test_the_page_is_the_beheerders_only(client_for, signaleerder, beheerder):
    synonym = search_synonym_add(actor=beheerder, term="kadewacht", means="bedenktijd")
    client = client_for(signaleerder)
    assert client.get(reverse("knowledge:synonyms")).status_code == 404
    assert client.post(reverse("knowledge:synonym_remove", args=[synonym.pk])).status_code == 404
    assert SearchSynonym.objects.count() == 1


def test_the_index_links_the_page_for_the_beheerder(client_for, beheerder):
    body = client_for(beheerder).get(reverse("knowledge:index")).content.decode()
    assert reverse("knowledge:synonyms") in body
