"""Access policies of Verbinden: escalations and links between signals.

Triage rows follow their signal: whoever may triage the signal (SignalPolicy "triage") sees
them; nobody else does, the reporter included. Triage notes are read only with their signal
(coordination.selectors.signal_for_triage), so they need no policy of their own; reminders are
bookkeeping of a job that no user reads.
"""

from django.db.models import QuerySet

from baken.coordination.models import Escalation, SignalLink
from baken.core.access import AccessPolicy, policy_for, register
from baken.core.permissions import has_permission
from baken.signalling.models import Signal

ESCALATE_PERMISSION = "coordination.manage_escalation"


def triage_signals(user) -> QuerySet[Signal]:
    return policy_for(Signal).rows_for(user, "triage")


class FollowsSignal(AccessPolicy):
    """A row that belongs to one signal: visible to whoever may triage that signal."""

    def scope(self, user) -> QuerySet:
        return self.model.objects.filter(signal__in=triage_signals(user))

    def candidate_users(self, row):
        return policy_for(Signal).users_for(row.signal, "triage")


@register
class EscalationPolicy(FollowsSignal):
    model = Escalation
    actions = ("view", "change")

    def grants(self, user, action: str) -> bool:
        if action == "change":
            return has_permission(user, ESCALATE_PERMISSION)
        return action == "view"


@register
class SignalLinkPolicy(AccessPolicy[SignalLink]):
    """A link is visible when both its signals are."""

    model = SignalLink

    def scope(self, user) -> QuerySet[SignalLink]:
        signals = triage_signals(user)
        return SignalLink.objects.filter(first__in=signals, second__in=signals)

    def candidate_users(self, row: SignalLink):
        return policy_for(Signal).users_for(row.first, "triage")
