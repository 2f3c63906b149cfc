"""Search: every document the user may find, national and local, and the synonyms it uses."""

from collections.abc import Iterable
from functools import cache

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from baken.core.access import policy_for
from baken.knowledge import search as search_engine
from baken.knowledge.content import Synonym, barrier_models, national_pages, national_synonyms, signal_list_title
from baken.knowledge.models import SearchSynonym
from baken.knowledge.rendering import plain_text
from baken.knowledge.selectors.indicators import visible_indicators
from baken.knowledge.selectors.pages import page_views

SEARCH_LIMIT = 100


@cache
def _national_page_documents() -> dict[str, search_engine.Document]:
    return {
        slug: search_engine.Document(
            kind=_("Pagina"),
            title=page.title,
            summary=page.summary,
            body=plain_text(page.body),
            url_name="knowledge:page",
            url_args=(slug,),
        )
        for slug, page in national_pages().items()
    }


@cache
def _barrier_documents() -> list[search_engine.Document]:
    documents = []
    for model in barrier_models().values():
        parts = []
        for step in model.steps:
            parts += [step.title, step.description, *(text for _key, text in step.barriers)]
            parts += [*step.partners, *step.facilitators]
        documents.append(
            search_engine.Document(
                kind=_("Barrièremodel"),
                title=model.title,
                summary=model.summary,
                body=" ".join(parts),
                url_name="knowledge:barrier_model",
                url_args=(model.code,),
            )
        )
    return documents


def search_documents(*, user) -> list[search_engine.Document]:
    """Everything the user may find: two queries (local pages, indicators)."""
    national_documents = _national_page_documents()
    documents = []
    for view in page_views(user=user):
        if view.local is None:
            documents.append(national_documents[view.slug])
            continue
        local_text, national_text = view.markdown_parts()
        body = plain_text(local_text)
        if national_text:
            body = f"{body} {national_documents[view.slug].body}"
        documents.append(
            search_engine.Document(
                kind=_("Pagina"),
                title=view.title,
                summary=view.summary,
                body=body,
                url_name="knowledge:page",
                url_args=(view.slug,),
            )
        )
    for indicator in visible_indicators(user).filter(active=True).order_by("group__order", "order"):
        documents.append(
            search_engine.Document(
                kind=_("Signaal"),
                title=indicator.label,
                summary=indicator.explanation,
                body=f"{indicator.group.label} · {signal_list_title(indicator.group.catalogue_list)}",
                url_name="knowledge:signals",
                url_args=(indicator.group.catalogue_list,),
                anchor=indicator.code,
                keywords=indicator.code,  # findable by its code, never shown in an excerpt
            )
        )
    documents.extend(_barrier_documents())
    return documents


def synonym_mapping(synonyms: Iterable[Synonym]) -> dict[str, tuple[str, ...]]:
    mapping: dict[str, tuple[str, ...]] = {}
    for synonym in synonyms:
        if synonym.means not in mapping.get(synonym.term, ()):
            mapping[synonym.term] = (*mapping.get(synonym.term, ()), synonym.means)
    return mapping


def search_synonyms(*, user) -> dict[str, tuple[str, ...]]:
    """The national synonyms and those of the user's municipality (one query): term -> meanings."""
    own = policy_for(SearchSynonym).visible(user).values_list("term", "means")
    return synonym_mapping([*national_synonyms(), *(Synonym(term=term, means=means) for term, means in own)])


def knowledge_search(*, user, query: str) -> search_engine.SearchHits:
    """The hits, best first; `.suggestion` holds the corrected query when a word was corrected."""
    return search_engine.search(
        search_documents(user=user), query, limit=SEARCH_LIMIT, synonyms=search_synonyms(user=user)
    )


def synonyms_for_management(*, user) -> tuple[tuple[Synonym, ...], QuerySet[SearchSynonym]]:
    """The national synonyms and the municipality's own, for its beheerder; 404 for anyone else."""
    if not policy_for(SearchSynonym).user_may(user, "change"):
        raise Http404
    return national_synonyms(), policy_for(SearchSynonym).rows_for(user, "change").select_related("created_by")


def synonym_for_removal(*, user, pk: int) -> SearchSynonym:
    return policy_for(SearchSynonym).get_for(user, "change", pk=pk)
