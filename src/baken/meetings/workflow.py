"""The lifecycle of an aanmelding for a case meeting, as data for the engine in core.workflow
(domain-care-enforcement-policy.md §5.3):

    aangemeld → in triage → afgewezen | advies | ingepland → besproken → in uitvoering
    → evaluatie → afgeschaald | afgesloten (or back: in uitvoering, or ingepland for the next meeting)
    in uitvoering ⇄ geëscaleerd (side state)

The triage's outcome (afgewezen, advies, ingepland) is set by the triage decision with its
rationale (services.triage_decide); "besproken" by marking the agenda item discussed; closure and
afschaling by services.referral_close, with outcome and hand-back.
"""

from django.utils.translation import gettext_lazy as _

from baken.core.workflow import State, Transition, Workflow
from baken.meetings.models import CaseReferral, CaseReferralStatusChange
from baken.meetings.models import ReferralStatus as S

#: Closure and afschaling: only with an outcome, the partner or route it goes back to, and a
#: reason (services.referral_close).
CLOSURE_TARGETS = (S.SCALED_DOWN, S.CLOSED)
#: Targets reached only through the triage decision, the agenda or the closure form, not the
#: plain phase form.
DECIDED_ELSEWHERE = (S.REJECTED, S.ADVICE, S.SCHEDULED, S.DISCUSSED, *CLOSURE_TARGETS)

REFERRAL_WORKFLOW = Workflow(
    model=CaseReferral,
    history_model=CaseReferralStatusChange,
    history_fk="referral",
    states=(
        State(S.REGISTERED, initial=True),
        State(S.IN_TRIAGE),
        State(S.REJECTED, open=False),
        State(S.ADVICE),
        State(S.SCHEDULED),
        State(S.DISCUSSED),
        State(S.IN_PROGRESS),
        State(S.EVALUATION),
        State(S.ESCALATED),
        State(S.SCALED_DOWN, open=False),
        State(S.CLOSED, open=False),
    ),
    transitions=(
        Transition("triage", _("In triage nemen"), S.REGISTERED, S.IN_TRIAGE),
        Transition("reject", _("Afwijzen"), S.IN_TRIAGE, S.REJECTED, reason_required=True),
        Transition("advise", _("Alleen advies"), S.IN_TRIAGE, S.ADVICE, reason_required=True),
        Transition("schedule", _("Inplannen"), S.IN_TRIAGE, S.SCHEDULED, reason_required=True),
        Transition("discuss", _("Besproken"), S.SCHEDULED, S.DISCUSSED),
        Transition("execute", _("Afspraken in uitvoering"), S.DISCUSSED, S.IN_PROGRESS),
        Transition("evaluate", _("Evalueren"), S.IN_PROGRESS, S.EVALUATION),
        Transition("resume", _("Weer in uitvoering"), S.EVALUATION, S.IN_PROGRESS),
        Transition("reschedule", _("Opnieuw inplannen"), S.EVALUATION, S.SCHEDULED, reason_required=True),
        Transition(
            "scale_down", _("Afschalen naar de gewone keten"), S.EVALUATION, S.SCALED_DOWN, reason_required=True
        ),
        Transition("close", _("Afsluiten"), S.EVALUATION, S.CLOSED, reason_required=True),
        Transition("close_advice", _("Afsluiten"), S.ADVICE, S.CLOSED, reason_required=True),
        Transition("escalate", _("Escaleren"), S.IN_PROGRESS, S.ESCALATED, reason_required=True),
        Transition("deescalate", _("Terug naar uitvoering"), S.ESCALATED, S.IN_PROGRESS, reason_required=True),
    ),
)
