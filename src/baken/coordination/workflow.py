"""The lifecycle of an escalation (a hand-over to a partner), as data for core.workflow.

An escalation starts prepared or already sent (a hand-over by phone is recorded afterwards).
Feedback and failure are final: a failed hand-over is done again as a new escalation, so the
record of the failed one stays as it was.
"""

from django.utils.translation import gettext_lazy as _

from baken.coordination.models import Escalation, EscalationStatusChange
from baken.coordination.models import EscalationStatus as E
from baken.core.workflow import State, Transition, Workflow

ESCALATION_WORKFLOW = Workflow(
    model=Escalation,
    history_model=EscalationStatusChange,
    history_fk="escalation",
    states=(
        State(E.PREPARED, initial=True),
        State(E.SENT, initial=True),
        State(E.CONFIRMED),
        State(E.FEEDBACK, open=False),
        State(E.FAILED, open=False),
    ),
    transitions=(
        Transition("send", _("Verzonden"), E.PREPARED, E.SENT),
        Transition("fail_prepared", _("Mislukt"), E.PREPARED, E.FAILED),
        Transition("confirm", _("Bevestigd door partner"), E.SENT, E.CONFIRMED),
        Transition("feedback_sent", _("Teruggekoppeld"), E.SENT, E.FEEDBACK),
        Transition("fail_sent", _("Mislukt"), E.SENT, E.FAILED),
        Transition("feedback_confirmed", _("Teruggekoppeld"), E.CONFIRMED, E.FEEDBACK),
        Transition("fail_confirmed", _("Mislukt"), E.CONFIRMED, E.FAILED),
    ),
)
