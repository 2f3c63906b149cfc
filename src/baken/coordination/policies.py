"""Access policies of Verbinden: partners, triage notes, links, escalations.

Triage rows follow their signal: whoever may triage the signal (SignalPolicy "triage") sees
them; nobody else does, the reporter included.
"""

from django.db.models import Q, QuerySet

from baken.coordination.models import Escalation, Partner, SignalLink, TriageNote, TriageReminder
from baken.core.access import AccessPolicy, register
from baken.core.permissions import has_permission
from baken.signalling.models import Signal
from baken.signalling.policies import triage_scope


def triage_signals(user) -> QuerySet[Signal]:
    return Signal.objects.filter(triage_scope(user))


@register
class PartnerPolicy(AccessPolicy[Partner]):
    """The own municipality's partners, plus those another municipality shares in the region."""

    model = Partner
    actions = ("view", "change")

    def visible(self, user) -> QuerySet[Partner]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return Partner.objects.none()
        if user.organisation_id:
            region_id = user.organisation.region_id
            shared = Q(shared_in_region=True, organisation__region_id=region_id) if region_id else Q(pk__in=[])
            return Partner.objects.filter(Q(organisation_id=user.organisation_id) | shared)
        if user.region_id:
            return Partner.objects.filter(organisation__region_id=user.region_id, shared_in_region=True)
        return Partner.objects.none()

    def permits(self, user, action: str, obj: Partner) -> bool:
        if action == "view":
            return True
        return obj.organisation_id == user.organisation_id and has_permission(user, "coordination.manage_partners")


@register
class TriageNotePolicy(AccessPolicy[TriageNote]):
    model = TriageNote

    def visible(self, user) -> QuerySet[TriageNote]:
        return TriageNote.objects.filter(signal__in=triage_signals(user))


@register
class SignalLinkPolicy(AccessPolicy[SignalLink]):
    model = SignalLink

    def visible(self, user) -> QuerySet[SignalLink]:
        signals = triage_signals(user)
        return SignalLink.objects.filter(first__in=signals, second__in=signals)


@register
class EscalationPolicy(AccessPolicy[Escalation]):
    model = Escalation
    actions = ("view", "change")

    def visible(self, user) -> QuerySet[Escalation]:
        return Escalation.objects.filter(signal__in=triage_signals(user))

    def permits(self, user, action: str, obj: Escalation) -> bool:
        if action == "view":
            return True
        return has_permission(user, "coordination.manage_escalation")


@register
class TriageReminderPolicy(AccessPolicy[TriageReminder]):
    model = TriageReminder

    def visible(self, user) -> QuerySet[TriageReminder]:
        return TriageReminder.objects.filter(signal__in=triage_signals(user))
