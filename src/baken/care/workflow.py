"""The lifecycle of a care case, as data for the engine in core.workflow
(domain-care-enforcement-policy.md §1.5):

    aangemeld → intake → in traject → nazorg → afgesloten
    aangemeld → niet in behandeling (other region, not trafficking): with a reason
    intake / in traject ⇄ alleen advies → afgesloten
    any open phase → contact verloren → heropend | afgesloten
    nazorg / afgesloten → heropend → in traject

Closing needs a reason from the catalogue's closure reasons (checked by the service) and a
written explanation; stepping back or reopening needs a reason too.
"""

from django.utils.translation import gettext_lazy as _

from baken.care.models import CareCase, CareCaseStatusChange, CareClosureRequest, CareClosureRequestChange
from baken.care.models import CarePhase as P
from baken.care.models import ClosureRequestStatus as C
from baken.core.workflow import State, Transition, Workflow

#: Phases in which a case still needs work and can lose contact.
WORKING = (P.INTAKE, P.IN_PROGRESS, P.AFTERCARE, P.ADVICE_ONLY, P.REOPENED)
#: Phases from which a case may be closed (with a closure reason).
CLOSABLE = (P.AFTERCARE, P.ADVICE_ONLY, P.CONTACT_LOST)

CARE_WORKFLOW = Workflow(
    model=CareCase,
    history_model=CareCaseStatusChange,
    history_fk="case",
    states=(
        State(P.REGISTERED, initial=True),
        State(P.INTAKE),
        State(P.IN_PROGRESS),
        State(P.AFTERCARE),
        State(P.ADVICE_ONLY),
        State(P.CONTACT_LOST),
        State(P.REOPENED),
        State(P.NOT_TAKEN_ON, open=False),
        State(P.CLOSED, open=False),
    ),
    transitions=(
        Transition("accept", _("Aanmelding aannemen: intake"), P.REGISTERED, P.INTAKE),
        Transition("decline", _("Niet in behandeling nemen"), P.REGISTERED, P.NOT_TAKEN_ON, reason_required=True),
        Transition("start", _("Traject starten"), P.INTAKE, P.IN_PROGRESS),
        Transition("advice_from_intake", _("Alleen advies"), P.INTAKE, P.ADVICE_ONLY),
        Transition("advice_from_trajectory", _("Alleen advies"), P.IN_PROGRESS, P.ADVICE_ONLY, reason_required=True),
        Transition("trajectory_from_advice", _("Toch een traject"), P.ADVICE_ONLY, P.IN_PROGRESS),
        Transition("aftercare", _("Naar nazorg"), P.IN_PROGRESS, P.AFTERCARE),
        Transition("reopen_aftercare", _("Heropenen"), P.AFTERCARE, P.REOPENED, reason_required=True),
        Transition("resume", _("Traject hervatten"), P.REOPENED, P.IN_PROGRESS),
        *(
            Transition(f"lost_{phase}", _("Contact verloren"), phase, P.CONTACT_LOST, reason_required=True)
            for phase in WORKING
        ),
        Transition("reopen_lost", _("Contact hersteld: heropenen"), P.CONTACT_LOST, P.REOPENED, reason_required=True),
        *(Transition(f"close_{phase}", _("Afsluiten"), phase, P.CLOSED, reason_required=True) for phase in CLOSABLE),
        Transition("reopen_closed", _("Heropenen"), P.CLOSED, P.REOPENED, reason_required=True),
    ),
)

#: A proposal to close waits for a second zorgcoördinator: approved (the case closes), refused
#: with a reason, withdrawn by whoever proposed it, or lapsed when the case moved on meanwhile.
CLOSURE_REQUEST_WORKFLOW = Workflow(
    model=CareClosureRequest,
    history_model=CareClosureRequestChange,
    history_fk="closure_request",
    states=(
        State(C.PENDING, initial=True),
        State(C.APPROVED, open=False),
        State(C.REFUSED, open=False),
        State(C.WITHDRAWN, open=False),
        State(C.LAPSED, open=False),
    ),
    transitions=(
        Transition("approve", _("Goedkeuren en afsluiten"), C.PENDING, C.APPROVED),
        Transition("refuse", _("Afwijzen"), C.PENDING, C.REFUSED, reason_required=True),
        Transition("withdraw", _("Intrekken"), C.PENDING, C.WITHDRAWN),
        Transition("lapse", _("Vervallen"), C.PENDING, C.LAPSED, system_only=True),
    ),
)
