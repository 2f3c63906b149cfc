"""The lifecycle of an access request (four eyes), as data for core.workflow: it waits, then is
approved, rejected (with a reason) or withdrawn by whoever asked. All three outcomes are final."""

from django.utils.translation import gettext_lazy as _

from baken.accounts.models import AccessRequest, AccessRequestStatusChange
from baken.accounts.models import AccessRequestStatus as S
from baken.core.workflow import State, Transition, Workflow

ACCESS_REQUEST_WORKFLOW = Workflow(
    model=AccessRequest,
    history_model=AccessRequestStatusChange,
    history_fk="access_request",
    states=(
        State(S.PENDING, initial=True),
        State(S.APPROVED, open=False),
        State(S.REJECTED, open=False),
        State(S.WITHDRAWN, open=False),
        # Recorded when a role that needs no approval is granted (for the privacy officer's review).
        State(S.GRANTED, open=False, initial=True),
    ),
    transitions=(
        Transition("approve", _("Goedkeuren"), S.PENDING, S.APPROVED),
        Transition("reject", _("Afwijzen"), S.PENDING, S.REJECTED, reason_required=True),
        Transition("withdraw", _("Intrekken"), S.PENDING, S.WITHDRAWN),
    ),
)
