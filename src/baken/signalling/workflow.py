"""The lifecycle of a signal, as data for the engine in core.workflow.

`nieuw` is set only by the system when a signal arrives; closing by merge is a system
transition too. Everything else is a user transition, made at triage. Sensitive transitions
need a reason. Status changes are appended to SignalStatusChange, never edited.
"""

from django.utils.translation import gettext_lazy as _

from baken.core.workflow import State, Transition, Workflow
from baken.signalling.models import Signal, SignalStatusChange
from baken.signalling.models import SignalStatus as S

ROUTES = (S.REFERRED, S.CARE, S.ENFORCEMENT, S.MONITORING)
ROUTE_LABELS = {
    S.REFERRED: _("Doorzetten naar een partner"),
    S.CARE: _("Zorgtraject starten"),
    S.ENFORCEMENT: _("Naar handhaving"),
    S.MONITORING: _("Monitoren"),
}
CLOSABLE = (S.NEW, S.IN_PROGRESS, *ROUTES)

SIGNAL_WORKFLOW = Workflow(
    model=Signal,
    history_model=SignalStatusChange,
    history_fk="signal",
    # For the lead times of the figures (signalling.figures): when the signal was picked up and
    # when it was (last) closed.
    left_at={S.NEW: "picked_up_at"},
    entered_at={S.CLOSED: "closed_at"},
    states=(
        State(S.NEW, system_initial=True),
        State(S.IN_PROGRESS),
        *(State(route) for route in ROUTES),
        State(S.CLOSED, open=False),
    ),
    transitions=(
        Transition("start", _("In behandeling nemen"), S.NEW, S.IN_PROGRESS),
        *(Transition(f"route_{t}", ROUTE_LABELS[t], S.IN_PROGRESS, t) for t in ROUTES),
        # A change of route after new information needs a reason: the route decides who is involved.
        *(
            Transition(f"reroute_{a}_{b}", ROUTE_LABELS[b], a, b, reason_required=True)
            for a in ROUTES
            for b in ROUTES
            if a != b
        ),
        *(Transition(f"back_{t}", _("Terug naar behandeling"), t, S.IN_PROGRESS, reason_required=True) for t in ROUTES),
        *(Transition(f"close_{t}", _("Afsluiten"), t, S.CLOSED, reason_required=True) for t in CLOSABLE),
        Transition("reopen", _("Heropenen"), S.CLOSED, S.IN_PROGRESS, reason_required=True),
        *(Transition(f"merge_{t}", _("Samengevoegd"), t, S.CLOSED, system_only=True) for t in CLOSABLE),
    ),
)
