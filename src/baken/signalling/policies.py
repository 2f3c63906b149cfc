"""Access policies for signals, their attachments and the indicator catalogue.

- Triage staff (signalling.triage_signal) see every signal of their organisation at or below
  their clearance.
- A reporter sees their own signals, with the coarse status only ("view_own").
- Nobody else sees a signal: not colleagues, not other municipalities, not superusers.
"""

from django.db.models import Q, QuerySet

from baken.core.access import AccessPolicy, confidentiality_scope, organisation_scope, register
from baken.core.permissions import has_permission
from baken.signalling.models import Indicator, Signal, SignalAttachment


def triage_scope(user) -> Q:
    if not has_permission(user, "signalling.triage_signal") or not user.organisation_id:
        return Q(pk__in=[])
    return organisation_scope(user) & confidentiality_scope(user)


@register
class SignalPolicy(AccessPolicy[Signal]):
    model = Signal
    actions = ("view", "view_own", "triage")

    def visible(self, user) -> QuerySet[Signal]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return Signal.objects.none()
        return Signal.objects.filter(triage_scope(user) | Q(reporter_id=user.pk, organisation_id=user.organisation_id))

    def permits(self, user, action: str, obj: Signal) -> bool:
        if action == "view":
            return True
        if action == "view_own":
            return obj.reporter_id == user.pk
        if action == "triage":
            return Signal.objects.filter(triage_scope(user), pk=obj.pk).exists()
        return False


@register
class SignalAttachmentPolicy(AccessPolicy[SignalAttachment]):
    """An attachment is visible exactly when its signal is."""

    model = SignalAttachment

    def visible(self, user) -> QuerySet[SignalAttachment]:
        from baken.core.access import policy_for

        return SignalAttachment.objects.filter(signal__in=policy_for(Signal).visible(user))


@register
class IndicatorPolicy(AccessPolicy[Indicator]):
    """The national catalogue is visible to every signed-in user; local indicators to their
    own municipality. Only the functioneel beheerder changes local indicators."""

    model = Indicator
    actions = ("view", "change")

    def visible(self, user) -> QuerySet[Indicator]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return Indicator.objects.none()
        local = Q(organisation_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
        return Indicator.objects.filter(Q(organisation__isnull=True) | local)

    def permits(self, user, action: str, obj: Indicator) -> bool:
        if action == "view":
            return True
        return (
            action == "change"
            and obj.organisation_id is not None
            and obj.organisation_id == user.organisation_id
            and has_permission(user, "signalling.manage_catalogue")
        )
