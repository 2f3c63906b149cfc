"""The lifecycle of a prevention activity, as data for the engine in core.workflow.

gepland → bevestigd → uitgevoerd → geëvalueerd; an activity not yet held can be cancelled, with
a reason. What a step needs besides (the reach when held, the evaluation when evaluated) is the
service's rule.
"""

from django.utils.translation import gettext_lazy as _

from baken.core.workflow import State, Transition, Workflow
from baken.prevention.models import ActivityStatus as A
from baken.prevention.models import ActivityStatusChange, PreventionActivity

ACTIVITY_WORKFLOW = Workflow(
    model=PreventionActivity,
    history_model=ActivityStatusChange,
    history_fk="activity",
    states=(
        State(A.PLANNED, initial=True),
        State(A.CONFIRMED),
        State(A.DONE),
        State(A.EVALUATED, open=False),
        State(A.CANCELLED, open=False),
    ),
    transitions=(
        Transition("confirm", _("Bevestigen"), A.PLANNED, A.CONFIRMED),
        Transition("hold_planned", _("Uitgevoerd"), A.PLANNED, A.DONE),
        Transition("hold", _("Uitgevoerd"), A.CONFIRMED, A.DONE),
        Transition("evaluate", _("Evaluatie vastleggen"), A.DONE, A.EVALUATED),
        Transition("cancel_planned", _("Annuleren"), A.PLANNED, A.CANCELLED, reason_required=True),
        Transition("cancel_confirmed", _("Annuleren"), A.CONFIRMED, A.CANCELLED, reason_required=True),
        Transition("replan", _("Opnieuw plannen"), A.CANCELLED, A.PLANNED, reason_required=True),
    ),
)

#: Steps that need the reach (held) or the evaluation (evaluated) in the same request.
NEEDS_REACH = frozenset({A.DONE})
NEEDS_EVALUATION = frozenset({A.EVALUATED})
