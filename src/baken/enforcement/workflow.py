"""The lifecycles of Handhaven, as data for core.workflow (after AZA's CaseState and its BPMN
sub-processes; domain brief §2.4).

A case: toezicht (planning, visit, debrief) → handhaving → afgesloten; a case without a
violation closes from toezicht. Reopening needs a reason.

A measure (the administrative track): voornemen → zienswijze ontvangen en beoordeeld → besluit
→ hercontrole → voldaan, or → verbeurd → invordering → hercontrole again; afzien from the
voornemen or the zienswijze needs a reason. Bezwaar, beroep and voorlopige voorziening run
beside this track as their own records (MeasureAppeal) and never change a measure's stand.
"""

from django.utils.translation import gettext_lazy as _

from baken.core.workflow import State, Transition, Workflow
from baken.enforcement.models import CaseStatus as C
from baken.enforcement.models import CaseStatusChange, EnforcementCase, Measure, MeasureStatusChange
from baken.enforcement.models import MeasureStatus as M

CASE_WORKFLOW = Workflow(
    model=EnforcementCase,
    history_model=CaseStatusChange,
    history_fk="case",
    states=(State(C.SUPERVISION, initial=True), State(C.ENFORCEMENT), State(C.CLOSED, open=False)),
    transitions=(
        Transition("enforce", _("Naar handhaving"), C.SUPERVISION, C.ENFORCEMENT),
        Transition("close_supervision", _("Afsluiten"), C.SUPERVISION, C.CLOSED),
        Transition("close_enforcement", _("Afsluiten"), C.ENFORCEMENT, C.CLOSED),
        Transition("back_to_supervision", _("Terug naar toezicht"), C.ENFORCEMENT, C.SUPERVISION, reason_required=True),
        Transition("reopen", _("Heropenen"), C.CLOSED, C.SUPERVISION, reason_required=True),
        # A measure started on a case under supervision moves it to enforcement.
        Transition("measure_started", _("Naar handhaving"), C.SUPERVISION, C.ENFORCEMENT, system_only=True),
    ),
)

MEASURE_WORKFLOW = Workflow(
    model=Measure,
    history_model=MeasureStatusChange,
    history_fk="measure",
    states=(
        State(M.INTENT, initial=True),
        State(M.VIEW_RECEIVED),
        State(M.DECISION),
        State(M.RECHECK),
        State(M.COMPLIED, open=False),
        State(M.FORFEITED),
        State(M.COLLECTION),
        State(M.RENOUNCED, open=False),
        State(M.CLOSED, open=False),
    ),
    transitions=(
        Transition("view_received", _("Zienswijze ontvangen en beoordeeld"), M.INTENT, M.VIEW_RECEIVED),
        Transition("decide_without_view", _("Besluit nemen (geen zienswijze)"), M.INTENT, M.DECISION),
        Transition("decide", _("Besluit nemen"), M.VIEW_RECEIVED, M.DECISION),
        Transition("renounce_intent", _("Afzien van een besluit"), M.INTENT, M.RENOUNCED, reason_required=True),
        Transition("renounce_view", _("Afzien van een besluit"), M.VIEW_RECEIVED, M.RENOUNCED, reason_required=True),
        Transition("recheck", _("Hercontrole uitvoeren"), M.DECISION, M.RECHECK),
        Transition("complied", _("Voldaan"), M.RECHECK, M.COMPLIED),
        Transition("forfeited", _("Dwangsom verbeurd"), M.RECHECK, M.FORFEITED),
        Transition("collect", _("Invorderingsbesluit nemen"), M.FORFEITED, M.COLLECTION),
        Transition("recheck_after_collection", _("Opnieuw hercontroleren"), M.COLLECTION, M.RECHECK),
        Transition("close_collection", _("Afsluiten"), M.COLLECTION, M.CLOSED, reason_required=True),
    ),
)
