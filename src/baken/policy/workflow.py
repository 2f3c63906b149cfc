"""The lifecycle of an action of the uitvoeringsplan, as data for core.workflow.

gepland → lopend → gereed, with vertraagd beside lopend; dropping an action (vervallen) needs a
reason, and so does taking up a dropped one again.
"""

from django.utils.translation import gettext_lazy as _

from baken.core.workflow import State, Transition, Workflow
from baken.policy.models import ActionStatus as S
from baken.policy.models import ActionStatusChange, PlanAction

ACTION_WORKFLOW = Workflow(
    model=PlanAction,
    history_model=ActionStatusChange,
    history_fk="action",
    states=(
        State(S.PLANNED, initial=True),
        State(S.RUNNING),
        State(S.LATE),
        State(S.DONE, open=False),
        State(S.DROPPED, open=False),
    ),
    transitions=(
        Transition("start", _("Gestart"), S.PLANNED, S.RUNNING),
        Transition("late_planned", _("Vertraagd"), S.PLANNED, S.LATE),
        Transition("late", _("Vertraagd"), S.RUNNING, S.LATE),
        Transition("resume", _("Weer op schema"), S.LATE, S.RUNNING),
        Transition("finish", _("Gereed"), S.RUNNING, S.DONE),
        Transition("finish_late", _("Gereed"), S.LATE, S.DONE),
        Transition("reopen", _("Toch niet gereed"), S.DONE, S.RUNNING, reason_required=True),
        *(
            Transition(f"drop_{source}", _("Vervallen"), source, S.DROPPED, reason_required=True)
            for source in (S.PLANNED, S.RUNNING, S.LATE)
        ),
        Transition("revive", _("Toch uitvoeren"), S.DROPPED, S.PLANNED, reason_required=True),
    ),
)
