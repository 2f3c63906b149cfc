"""What a reporter sees of a signal's status: coarse steps, never the triage detail."""

from django.utils.translation import gettext_lazy as _

from baken.signalling.models import SignalStatus

COARSE_STATUS = {
    SignalStatus.NEW: _("Ontvangen"),
    SignalStatus.IN_PROGRESS: _("In behandeling"),
    SignalStatus.REFERRED: _("Opgepakt"),
    SignalStatus.CARE: _("Opgepakt"),
    SignalStatus.ENFORCEMENT: _("Opgepakt"),
    SignalStatus.MONITORING: _("Opgepakt"),
    SignalStatus.CLOSED: _("Afgerond"),
}


def coarse_status(status: str) -> str:
    return str(COARSE_STATUS.get(status, _("In behandeling")))
