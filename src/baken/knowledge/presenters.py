"""View models of the Kennisbank: what the selectors hand to views and templates. Plain data
with a few derived properties; no queries."""

from dataclasses import dataclass, field

from django.urls import reverse

from baken.knowledge.content import BarrierModel, BarrierStep, NationalPage, Source
from baken.knowledge.models import (
    BarrierState,
    BarrierStatus,
    BarrierStatusRevision,
    LocalPage,
    LocalPageRevision,
    PageMode,
)
from baken.knowledge.rendering import Rendered
from baken.signalling.models import ExploitationForm, Indicator


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


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    pages: list[PageView]


@dataclass(frozen=True)
class SignalListGroup:
    code: str
    title: str
    indicators: list[Indicator]


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


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "context"
    text: str


@dataclass(frozen=True)
class RevisionView:
    revision: LocalPageRevision | BarrierStatusRevision
    changed_fields: list[str]
    diff: list[DiffLine]


@dataclass(frozen=True)
class Meldroute:
    organisation_name: str
    officers: list  # users who receive internal signals (aandachtsfunctionarissen)
    acute: list  # partners on the acute route, in the municipality's order
    partners: list  # the rest of the partner directory (own, and shared in the region)


@dataclass(frozen=True)
class SignalListSummary:
    code: str
    title: str
    count: int
    critical: int

    @property
    def url(self) -> str:
        return reverse("knowledge:signals", args=[self.code])


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


@dataclass(frozen=True)
class BarrierModelSummary:
    model: BarrierModel
    barriers: int
    in_place: int

    @property
    def url(self) -> str:
        return reverse("knowledge:barrier_model", args=[self.model.code])
