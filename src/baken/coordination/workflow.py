"""The triage workflow of a signal, as data: states, and the transitions between them.

`nieuw` is set only by the system when a signal arrives; closing by merge is a system
transition too. Everything else is a user transition. Sensitive transitions need a reason.
Status changes are appended to SignalStatusChange, never edited.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from baken.signalling.models import SignalStatus as S


@dataclass(frozen=True)
class State:
    code: str
    user_settable: bool
    open: bool


@dataclass(frozen=True)
class Transition:
    code: str
    label: str
    source: str
    target: str
    system_only: bool = False
    reason_required: bool = False


STATES: dict[str, State] = {
    S.NEW: State(S.NEW, user_settable=False, open=True),
    S.IN_PROGRESS: State(S.IN_PROGRESS, user_settable=True, open=True),
    S.REFERRED: State(S.REFERRED, user_settable=True, open=True),
    S.CARE: State(S.CARE, user_settable=True, open=True),
    S.ENFORCEMENT: State(S.ENFORCEMENT, user_settable=True, open=True),
    S.MONITORING: State(S.MONITORING, user_settable=True, open=True),
    S.CLOSED: State(S.CLOSED, user_settable=True, open=False),
}

ROUTES = (S.REFERRED, S.CARE, S.ENFORCEMENT, S.MONITORING)
ROUTE_LABELS = {
    S.REFERRED: _("Doorzetten naar een partner"),
    S.CARE: _("Zorgtraject starten"),
    S.ENFORCEMENT: _("Naar handhaving"),
    S.MONITORING: _("Monitoren"),
}

TRANSITIONS: tuple[Transition, ...] = (
    Transition("start", _("In behandeling nemen"), S.NEW, S.IN_PROGRESS),
    *(Transition(f"route_{t}", ROUTE_LABELS[t], S.IN_PROGRESS, t) for t in ROUTES),
    # Change of route after new information: a reason is asked, because the route decides who is involved.
    *(
        Transition(f"reroute_{a}_{b}", ROUTE_LABELS[b], a, b, reason_required=True)
        for a in ROUTES
        for b in ROUTES
        if a != b
    ),
    *(Transition(f"back_{t}", _("Terug naar behandeling"), t, S.IN_PROGRESS, reason_required=True) for t in ROUTES),
    *(
        Transition(f"close_{t}", _("Afsluiten"), t, S.CLOSED, reason_required=True)
        for t in (S.NEW, S.IN_PROGRESS, *ROUTES)
    ),
    Transition("reopen", _("Heropenen"), S.CLOSED, S.IN_PROGRESS, reason_required=True),
    *(
        Transition(f"merge_{t}", _("Samengevoegd"), t, S.CLOSED, system_only=True)
        for t in (S.NEW, S.IN_PROGRESS, *ROUTES)
    ),
)

_BY_EDGE = {(t.source, t.target, t.system_only): t for t in TRANSITIONS}


def find_transition(source: str, target: str, *, system: bool = False) -> Transition | None:
    """The transition from `source` to `target` that a user (or, with system=True, the system)
    may make, or None when the edge is not allowed."""
    return _BY_EDGE.get((source, target, system))


def user_transitions_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source and not t.system_only]


def is_open(status: str) -> bool:
    return STATES[status].open
