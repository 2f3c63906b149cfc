"""Reads of the Kennisbank. Each takes the acting user: the national base is the same for
everyone, and what the user's municipality added or adapted comes through the access policies.
"""

import difflib
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby

from django.db.models import Count, Min, Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from baken.core.access import policy_for
from baken.core.permissions import users_with_permission
from baken.knowledge import search as search_engine
from baken.knowledge.content import (
    SECTIONS,
    BarrierModel,
    BarrierStep,
    NationalPage,
    Source,
    barrier_models,
    national_pages,
    signal_list_title,
)
from baken.knowledge.models import (
    BarrierState,
    BarrierStatus,
    BarrierStatusRevision,
    LocalPage,
    LocalPageRevision,
    PageMode,
)
from baken.knowledge.policies import is_reader, may_manage
from baken.knowledge.rendering import LOCAL_PREFIX, Rendered, plain_text, render_markdown
from baken.partners.selectors import active_partners, acute_contacts
from baken.signalling.models import ExploitationForm, Indicator
from baken.signalling.policies import TRIAGE_PERMISSION

SEARCH_LIMIT = 100
START_PAGES_PER_ROLE = 3


def _require_reader(user) -> None:
    if not is_reader(user):
        raise Http404


# ---------------------------------------------------------------------------------------
# Pages: the national base with the municipality's adaptations and own pages laid over it
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageView:
    """A page as this user's municipality shows it."""

    slug: str
    title: str
    summary: str
    section: str
    roles: tuple[str, ...]
    national: NationalPage | None
    local: LocalPage | None

    @property
    def is_own_page(self) -> bool:
        return self.national is None

    @property
    def is_adapted(self) -> bool:
        return self.national is not None and self.local is not None and self.local.is_active

    @property
    def is_withdrawn(self) -> bool:
        return self.local is not None and not self.local.is_active

    @property
    def replaces_national(self) -> bool:
        return self.is_adapted and self.local.mode == PageMode.REPLACEMENT

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.national.sources if self.national else ()

    @property
    def url(self) -> str:
        return reverse("knowledge:page", args=[self.slug])

    def markdown_parts(self) -> tuple[str, str]:
        """(local text, national text) as shown: either may be empty."""
        local = self.local.body if self.local is not None and self.local.is_active else ""
        if self.national is None:
            return local, ""
        return local, "" if self.replaces_national else self.national.body


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
    _require_reader(user)
    nationals = national_pages()
    local_rows = {page.slug: page for page in _local_pages(user, include_withdrawn=False)}
    views = [_view(national, local_rows.get(slug)) for slug, national in nationals.items()]
    own = sorted((row for slug, row in local_rows.items() if slug not in nationals), key=lambda r: r.title)
    views.extend(_view(None, row) for row in own)
    return views


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    pages: list[PageView]


def index_sections(*, user) -> list[Section]:
    views = page_views(user=user)
    rank = {code: index for index, code in enumerate(SECTIONS)}
    views.sort(key=lambda view: rank.get(view.section, len(rank)))
    return [
        Section(code=code, title=str(SECTIONS.get(code, code)), pages=list(items))
        for code, items in groupby(views, key=lambda view: view.section)
    ]


def withdrawn_own_pages(*, user) -> list[LocalPage]:
    """For the beheerder: own pages that were withdrawn and can be restored."""
    if not may_manage(user):
        return []
    nationals = national_pages()
    return [
        row for row in _local_pages(user, include_withdrawn=True).filter(is_active=False) if row.slug not in nationals
    ]


@dataclass(frozen=True)
class PageDetail:
    view: PageView
    local_html: Rendered | None
    national_html: Rendered | None
    form: ExploitationForm | None
    form_signals: list["SignalListGroup"] = field(default_factory=list)
    form_barrier_models: list[BarrierModel] = field(default_factory=list)
    full_meldroute: bool = False

    @property
    def headings(self) -> tuple[tuple[str, str], ...]:
        headings: tuple = ()
        for part in (self.local_html, self.national_html):
            if part is not None:
                headings += part.headings
        return headings


@cache
def _national_rendered(slug: str) -> Rendered:
    return render_markdown(national_pages()[slug].body)


def _page_view(user, slug: str) -> PageView:
    _require_reader(user)
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
    if not may_manage(user):
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


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "context"
    text: str


@dataclass(frozen=True)
class RevisionView:
    revision: LocalPageRevision | BarrierStatusRevision
    changed_fields: list[str]
    diff: list[DiffLine]


PAGE_FIELD_LABELS = {
    "title": _("titel"),
    "summary": _("samenvatting"),
    "section": _("onderdeel"),
    "roles": _("rollen"),
    "body": _("tekst"),
    "mode": _("soort aanpassing"),
    "is_active": _("actief"),
}
BARRIER_FIELD_LABELS = {
    "label": _("omschrijving"),
    "state": _("stand van zaken"),
    "owner": _("eigenaar"),
    "note": _("toelichting"),
    "is_active": _("actief"),
}


def _diff(before: str, after: str) -> list[DiffLine]:
    lines = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(DiffLine("gap", "…"))
        elif line.startswith("+"):
            lines.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            lines.append(DiffLine("removed", line[1:]))
        else:
            lines.append(DiffLine("context", line[1:]))
    return lines


def _revision_views(revisions: list, labels: dict, text_field: str) -> list[RevisionView]:
    """Newest first; each compared with the version before it."""
    chronological = sorted(revisions, key=lambda r: r.revision)
    views, previous = [], {}
    for revision in chronological:
        content = revision.content
        changed = [str(label) for name, label in labels.items() if previous.get(name) != content.get(name)]
        if not previous:
            changed = []
        diff = _diff(str(previous.get(text_field, "")), str(content.get(text_field, "")))
        views.append(RevisionView(revision=revision, changed_fields=changed, diff=diff))
        previous = content
    return list(reversed(views))


def page_history(*, user, slug: str) -> tuple[PageView, LocalPage | None, list[RevisionView]]:
    national, local = page_for_edit(user=user, slug=slug)
    view = _view(national, local)
    if local is None:
        return view, None, []
    revisions = list(
        policy_for(LocalPageRevision).visible(user).filter(page=local).select_related("changed_by").order_by("revision")
    )
    return view, local, _revision_views(revisions, PAGE_FIELD_LABELS, "body")


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


# ---------------------------------------------------------------------------------------
# Meldroute: who to tell, from the municipality's own data
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meldroute:
    organisation_name: str
    officers: list  # users who receive internal signals (aandachtsfunctionarissen)
    acute: list  # partners on the acute route, in the municipality's order
    partners: list  # the rest of the partner directory (own, and shared in the region)


def meldroute(*, user, full: bool = False) -> Meldroute:
    """The reporting route of the user's municipality: aandachtsfunctionaris(sen) and acute
    numbers, and with `full` the rest of the partner directory. Three queries at most."""
    _require_reader(user)
    if not user.organisation_id:
        return Meldroute(organisation_name="", officers=[], acute=[], partners=[])
    officers = list(
        users_with_permission(TRIAGE_PERMISSION)
        .filter(organisation_id=user.organisation_id)
        .only("first_name", "last_name", "username", "email")
        .order_by("last_name", "first_name", "username")
    )
    acute = list(acute_contacts(user=user))
    partners = []
    if full:
        partners = list(active_partners(user=user).filter(acute_route=False))
    return Meldroute(organisation_name=user.organisation.name, officers=officers, acute=acute, partners=partners)


def acute_panel(*, user) -> dict:
    """The start page's "Acuut gevaar?" panel."""
    return {"meldroute": meldroute(user=user)}


# ---------------------------------------------------------------------------------------
# Signals: the indicator catalogue of the intake, one anchor per indicator
# ---------------------------------------------------------------------------------------


def indicator_url(indicator: Indicator) -> str:
    return reverse("knowledge:signals", args=[indicator.group.catalogue_list]) + f"#{indicator.code}"


def _indicators(user) -> QuerySet[Indicator]:
    _require_reader(user)
    return policy_for(Indicator).visible(user).select_related("group", "ilo_indicator", "om_cluster")


@dataclass(frozen=True)
class SignalListSummary:
    code: str
    title: str
    count: int
    critical: int

    @property
    def url(self) -> str:
        return reverse("knowledge:signals", args=[self.code])


def signal_lists(*, user) -> list[SignalListSummary]:
    from django.db.models import Q

    rows = (
        _indicators(user)
        .values("group__catalogue_list")
        .annotate(count=Count("id"), critical=Count("id", filter=Q(critical=True)), first=Min("group__order"))
        .order_by("first")
    )
    return [
        SignalListSummary(
            code=row["group__catalogue_list"],
            title=signal_list_title(row["group__catalogue_list"]),
            count=row["count"],
            critical=row["critical"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class SignalListGroup:
    code: str
    title: str
    indicators: list[Indicator]


@cache
def barrier_references() -> dict[str, list[tuple[BarrierModel, BarrierStep]]]:
    """Indicator code -> the barrier model steps that name it."""
    references: dict[str, list] = {}
    for model in barrier_models().values():
        for step in model.steps:
            for code in step.signals:
                references.setdefault(code, []).append((model, step))
    return references


def signal_list(*, user, code: str) -> tuple[str, list[SignalListGroup]]:
    """The indicators of one list, grouped as in the intake, each with its explanation."""
    indicators = list(
        _indicators(user)
        .filter(group__catalogue_list=code)
        .prefetch_related(Prefetch("forms", queryset=ExploitationForm.objects.order_by("order")))
        .order_by("group__order", "order", "code")
    )
    if not indicators:
        raise Http404
    references = barrier_references()
    for indicator in indicators:
        indicator.barrier_steps = references.get(indicator.code, [])
    groups = [
        SignalListGroup(code=group.code, title=group.label, indicators=list(items))
        for group, items in groupby(indicators, key=lambda indicator: indicator.group)
    ]
    return signal_list_title(code), groups


def signals_for_form(*, user, form_code: str) -> list[SignalListGroup]:
    """Active indicators of one form of exploitation, per list, for the form's page."""
    indicators = (
        _indicators(user)
        .filter(forms__code=form_code, active=True)
        .order_by("group__order", "order", "code")
        .distinct()
    )
    return [
        SignalListGroup(code=list_code, title=signal_list_title(list_code), indicators=list(items))
        for list_code, items in groupby(indicators, key=lambda indicator: indicator.group.catalogue_list)
    ]


# ---------------------------------------------------------------------------------------
# Barrier models with the municipality's barriers in place and their owners
# ---------------------------------------------------------------------------------------


@dataclass
class BarrierLine:
    key: str
    text: str
    is_local: bool
    status: BarrierStatus | None

    @property
    def state(self) -> str:
        return self.status.state if self.status else BarrierState.UNKNOWN

    @property
    def state_label(self) -> str:
        return str(BarrierState(self.state).label)

    @property
    def owner(self) -> str:
        return self.status.owner if self.status else ""

    @property
    def note(self) -> str:
        return self.status.note if self.status else ""

    @property
    def revision(self) -> int:
        return self.status.revision if self.status else 0


@dataclass
class StepView:
    step: BarrierStep
    number: int
    signals: list  # (code, Indicator | None)
    barriers: list[BarrierLine]


@dataclass
class BarrierModelView:
    model: BarrierModel
    steps: list[StepView]
    orphaned: list[BarrierStatus]  # statuses of barriers no longer in the national model
    counts: dict[str, int]


def barrier_model_or_404(code: str) -> BarrierModel:
    model = barrier_models().get(code)
    if model is None:
        raise Http404
    return model


def _statuses(user, model_code: str) -> QuerySet[BarrierStatus]:
    return policy_for(BarrierStatus).visible(user).filter(model_code=model_code)


def barrier_model_detail(*, user, code: str) -> BarrierModelView:
    _require_reader(user)
    model = barrier_model_or_404(code)
    statuses = list(_statuses(user, code).filter(is_active=True).order_by("id"))
    by_key = {(s.step_code, s.barrier_key): s for s in statuses}
    codes = {signal for step in model.steps for signal in step.signals}
    indicators = {i.code: i for i in _indicators(user).filter(code__in=codes)}
    steps, used = [], set()
    for number, step in enumerate(model.steps, start=1):
        lines = []
        for key, text in step.barriers:
            status = by_key.get((step.code, key))
            used.add((step.code, key))
            lines.append(BarrierLine(key=key, text=text, is_local=False, status=status))
        for status in statuses:
            if status.step_code == step.code and status.is_local:
                used.add((step.code, status.barrier_key))
                lines.append(BarrierLine(key=status.barrier_key, text=status.label, is_local=True, status=status))
        signals = [(signal, indicators.get(signal)) for signal in step.signals]
        steps.append(StepView(step=step, number=number, signals=signals, barriers=lines))
    orphaned = [s for s in statuses if (s.step_code, s.barrier_key) not in used]
    counts = {state: 0 for state in BarrierState.values}
    for step in steps:
        for line in step.barriers:
            counts[line.state] += 1
    return BarrierModelView(model=model, steps=steps, orphaned=orphaned, counts=counts)


@dataclass(frozen=True)
class BarrierModelSummary:
    model: BarrierModel
    barriers: int
    in_place: int

    @property
    def url(self) -> str:
        return reverse("knowledge:barrier_model", args=[self.model.code])


def barrier_model_summaries(*, user) -> list[BarrierModelSummary]:
    _require_reader(user)
    in_place = dict(
        policy_for(BarrierStatus)
        .visible(user)
        .filter(is_active=True, state=BarrierState.IN_PLACE)
        .values_list("model_code")
        .annotate(count=Count("id"))
        .order_by()
    )
    local = dict(
        policy_for(BarrierStatus)
        .visible(user)
        .filter(is_active=True)
        .exclude(label="")
        .values_list("model_code")
        .annotate(count=Count("id"))
        .order_by()
    )
    return [
        BarrierModelSummary(
            model=model,
            barriers=sum(len(step.barriers) for step in model.steps) + local.get(code, 0),
            in_place=in_place.get(code, 0),
        )
        for code, model in barrier_models().items()
    ]


def barrier_step_for_edit(*, user, code: str, step_code: str) -> tuple[BarrierModel, StepView]:
    if not may_manage(user):
        raise Http404
    detail = barrier_model_detail(user=user, code=code)
    step = next((s for s in detail.steps if s.step.code == step_code), None)
    if step is None:
        raise Http404
    return detail.model, step


def partner_names(*, user) -> list[str]:
    """Suggestions for a barrier's owner: the municipality's partner directory."""
    return list(active_partners(user=user).order_by("name").values_list("name", flat=True).distinct())


def barrier_history(*, user, code: str) -> tuple[BarrierModel, list[RevisionView]]:
    if not may_manage(user):
        raise Http404
    model = barrier_model_or_404(code)
    revisions = list(
        policy_for(BarrierStatusRevision)
        .visible(user)
        .filter(status__model_code=code)
        .select_related("changed_by", "status")
        .order_by("status_id", "revision")
    )
    views = []
    for _status_id, items in groupby(revisions, key=lambda r: r.status_id):
        views.extend(_revision_views(list(items), BARRIER_FIELD_LABELS, "note"))
    views.sort(key=lambda v: (v.revision.changed_at, v.revision.pk), reverse=True)
    return model, views


def barrier_text(model: BarrierModel, status: BarrierStatus) -> str:
    if status.label:
        return status.label
    step = model.step(status.step_code)
    return dict(step.barriers).get(status.barrier_key, status.barrier_key) if step else status.barrier_key


def barrier_revision(*, user, code: str, pk: int) -> tuple[BarrierModel, BarrierStatusRevision]:
    if not may_manage(user):
        raise Http404
    model = barrier_model_or_404(code)
    revision = policy_for(BarrierStatusRevision).get_visible(user, pk=pk, status__model_code=code)
    return model, revision


# ---------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------


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
    for indicator in _indicators(user).filter(active=True).order_by("group__order", "order"):
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
