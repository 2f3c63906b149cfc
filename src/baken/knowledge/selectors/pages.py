"""Pages: the national base with the municipality's adaptations and own pages laid over it."""

from functools import cache
from itertools import groupby

from django.db.models import QuerySet
from django.http import Http404

from baken.core.access import is_active_user, policy_for
from baken.knowledge.content import SECTIONS, BarrierModel, NationalPage, barrier_models, national_pages
from baken.knowledge.models import LocalPage, LocalPageRevision
from baken.knowledge.presenters import PageDetail, PageView, RevisionView, Section, SignalListGroup
from baken.knowledge.rendering import LOCAL_PREFIX, Rendered, render_markdown
from baken.knowledge.selectors.indicators import signals_for_form
from baken.knowledge.selectors.revisions import PAGE_FIELD_LABELS, revision_views
from baken.signalling.models import ExploitationForm

START_PAGES_PER_ROLE = 3


def _local_pages(user, *, include_withdrawn: bool) -> QuerySet[LocalPage]:
    pages = policy_for(LocalPage).visible(user)
    if not include_withdrawn:
        pages = pages.filter(is_active=True)
    return pages


def _view(national: NationalPage | None, local: LocalPage | None) -> PageView:
    if national is not None:
        return PageView(
            slug=national.slug,
            title=national.title,
            summary=national.summary,
            section=national.section,
            roles=national.roles,
            national=national,
            local=local,
        )
    return PageView(
        slug=local.slug,
        title=local.title,
        summary=local.summary,
        section=local.section,
        roles=tuple(local.roles),
        national=None,
        local=local,
    )


def page_views(*, user) -> list[PageView]:
    """Every page the user can read, in reading order: one query for the local rows."""
    if not is_active_user(user):
        raise Http404
    nationals = national_pages()
    local_rows = {page.slug: page for page in _local_pages(user, include_withdrawn=False)}
    views = [_view(national, local_rows.get(slug)) for slug, national in nationals.items()]
    own = sorted((row for slug, row in local_rows.items() if slug not in nationals), key=lambda r: r.title)
    views.extend(_view(None, row) for row in own)
    return views


def index_sections(*, user) -> list[Section]:
    views = page_views(user=user)
    rank = {code: index for index, code in enumerate(SECTIONS)}
    views.sort(key=lambda view: rank.get(view.section, len(rank)))
    return [
        Section(code=code, title=str(SECTIONS.get(code, code)), pages=list(items))
        for code, items in groupby(views, key=lambda view: view.section)
    ]


def local_pages_set(user) -> bool:
    """Set-up step: at least one page of the municipality's own (its route, its contacts)."""
    return policy_for(LocalPage).rows_for(user, "change").filter(is_active=True).exists()


def withdrawn_own_pages(*, user) -> list[LocalPage]:
    """For the beheerder: own pages that were withdrawn and can be restored."""
    if not policy_for(LocalPage).user_may(user, "change"):
        return []
    nationals = national_pages()
    return [
        row for row in _local_pages(user, include_withdrawn=True).filter(is_active=False) if row.slug not in nationals
    ]


@cache
def _national_rendered(slug: str) -> Rendered:
    return render_markdown(national_pages()[slug].body)


def _page_view(user, slug: str) -> PageView:
    if not is_active_user(user):
        raise Http404
    national = national_pages().get(slug)
    local = _local_pages(user, include_withdrawn=True).filter(slug=slug).first()
    if local is not None and not policy_for(LocalPage).allows(user, "view", local):
        local = None  # a withdrawn page: readers see the national text, or nothing
    if national is None and local is None:
        raise Http404
    return _view(national, local)


def page_detail(*, user, slug: str) -> PageDetail:
    view = _page_view(user, slug)
    local_text, national_text = view.markdown_parts()
    if view.is_withdrawn and view.is_own_page:
        local_text = view.local.body  # the beheerder previews what it would restore
    form = None
    form_signals: list[SignalListGroup] = []
    models: list[BarrierModel] = []
    if view.national is not None and view.national.form:
        form = ExploitationForm.objects.filter(code=view.national.form).first()
        form_signals = signals_for_form(user=user, form_code=view.national.form)
        models = [model for model in barrier_models().values() if model.form == view.national.form]
    return PageDetail(
        view=view,
        local_html=render_markdown(local_text, id_prefix=LOCAL_PREFIX) if local_text else None,
        national_html=(_national_rendered(slug) if national_text else None),
        form=form,
        form_signals=form_signals,
        form_barrier_models=models,
        full_meldroute=bool(view.national and view.national.full_meldroute),
    )


def page_for_edit(*, user, slug: str | None) -> tuple[NationalPage | None, LocalPage | None]:
    """What the beheerder edits: a national page (with its adaptation, if any) or an own page.

    slug None: a new own page. Anyone else, and any slug not visible, gets 404.
    """
    if not policy_for(LocalPage).user_may(user, "change"):
        raise Http404
    if slug is None:
        return None, None
    national = national_pages().get(slug)
    local = _local_pages(user, include_withdrawn=True).filter(slug=slug).first()
    if national is None and local is None:
        raise Http404
    if local is not None and not policy_for(LocalPage).allows(user, "change", local):
        raise Http404
    return national, local


def page_history(*, user, slug: str) -> tuple[PageView, LocalPage | None, list[RevisionView]]:
    national, local = page_for_edit(user=user, slug=slug)
    view = _view(national, local)
    if local is None:
        return view, None, []
    revisions = list(
        policy_for(LocalPageRevision).visible(user).filter(page=local).select_related("changed_by").order_by("revision")
    )
    return view, local, revision_views(revisions, PAGE_FIELD_LABELS, "body")


def page_revision(*, user, slug: str, number: int) -> tuple[LocalPage, LocalPageRevision]:
    _national, local = page_for_edit(user=user, slug=slug)
    if local is None:
        raise Http404
    revision = policy_for(LocalPageRevision).get_visible(user, page=local, revision=number)
    return local, revision


def _start_tier(view: PageView, role: str) -> int:
    if view.national is not None and role in view.national.featured:
        return 0  # the national content names it as a first read for the role
    if view.is_own_page:
        return 1  # the municipality wrote it for the role
    return 2


def start_pages(*, user, role_codes: list[str], views: list[PageView] | None = None) -> dict[str, list[PageView]]:
    """Per role, the pages most useful to it: those the national content features for the role,
    then the municipality's own pages for it, then pages written first for that role (its
    position in the page's `roles`), the specific (fewer roles) before the general, and finally
    reading order."""
    views = page_views(user=user) if views is None else views
    chosen = {}
    for role in role_codes:
        ranked = sorted(
            (_start_tier(view, role), view.roles.index(role), len(view.roles), index)
            for index, view in enumerate(views)
            if role in view.roles
        )
        chosen[role] = [views[rank[-1]] for rank in ranked[:START_PAGES_PER_ROLE]]
    return chosen
