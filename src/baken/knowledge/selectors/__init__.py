"""Reads of the Kennisbank. Each takes the acting user: the national base is the same for
everyone, and what the user's municipality added or adapted comes through the access policies.

Split by topic; callers use `from baken.knowledge import selectors` and `selectors.<name>`.
"""

from baken.knowledge.selectors.barriers import (
    barrier_history,
    barrier_model_detail,
    barrier_model_or_404,
    barrier_model_summaries,
    barrier_revision,
    barrier_step_for_edit,
    barrier_text,
    national_barrier_models,
    partner_names,
)
from baken.knowledge.selectors.indicators import (
    barrier_references,
    indicator_url,
    signal_list,
    signal_lists,
    signals_for_form,
)
from baken.knowledge.selectors.meldroute import acute_panel, meldroute
from baken.knowledge.selectors.pages import (
    index_sections,
    local_pages_set,
    page_detail,
    page_for_edit,
    page_history,
    page_revision,
    page_views,
    start_pages,
    withdrawn_own_pages,
)
from baken.knowledge.selectors.search import (
    knowledge_search,
    search_documents,
    search_synonyms,
    synonym_for_removal,
    synonyms_for_management,
)

__all__ = [
    "acute_panel",
    "barrier_history",
    "barrier_model_detail",
    "barrier_model_or_404",
    "barrier_model_summaries",
    "barrier_references",
    "barrier_revision",
    "barrier_step_for_edit",
    "barrier_text",
    "index_sections",
    "indicator_url",
    "knowledge_search",
    "local_pages_set",
    "meldroute",
    "national_barrier_models",
    "page_detail",
    "page_for_edit",
    "page_history",
    "page_revision",
    "page_views",
    "partner_names",
    "search_documents",
    "search_synonyms",
    "signal_list",
    "signal_lists",
    "signals_for_form",
    "start_pages",
    "synonym_for_removal",
    "synonyms_for_management",
    "withdrawn_own_pages",
]
