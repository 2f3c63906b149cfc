"""Search: every document the user may find, national and local."""

from functools import cache

from django.utils.translation import gettext_lazy as _

from baken.knowledge import search as search_engine
from baken.knowledge.content import barrier_models, national_pages, signal_list_title
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
                body=f"{indicator.code} {indicator.group.label} {signal_list_title(indicator.group.catalogue_list)}",
                url_name="knowledge:signals",
                url_args=(indicator.group.catalogue_list,),
                anchor=indicator.code,
            )
        )
    documents.extend(_barrier_documents())
    return documents


def knowledge_search(*, user, query: str) -> list[search_engine.Hit]:
    return search_engine.search(search_documents(user=user), query, limit=SEARCH_LIMIT)
