"""Meldroute: who to tell, from the municipality's own data."""

from django.http import Http404

from baken.core.access import is_active_user
from baken.core.permissions import users_with_permission
from baken.knowledge.presenters import Meldroute
from baken.partners.selectors import active_partners, acute_contacts
from baken.signalling.policies import TRIAGE_PERMISSION


def meldroute(*, user, full: bool = False) -> Meldroute:
    """The reporting route of the user's municipality: aandachtsfunctionaris(sen) and acute
    numbers, and with `full` the rest of the partner directory. Three queries at most."""
    if not is_active_user(user):
        raise Http404
    if not user.organisation_id:
        return Meldroute(organisation_name="", officers=[], acute=[], partners=[])
    officers = list(
        users_with_permission(TRIAGE_PERMISSION)
        .filter(organisation_id=user.organisation_id)
        .only("first_name", "last_name", "username", "email")
        .order_by("last_name", "first_name", "username")
    )
    acute = list(acute_contacts(user=user))
    partners = []
    if full:
        partners = list(active_partners(user=user).filter(acute_route=False))
    return Meldroute(organisation_name=user.organisation.name, officers=officers, acute=acute, partners=partners)


def acute_panel(*, user) -> dict:
    """The start page's "Acuut gevaar?" panel."""
    return {"meldroute": meldroute(user=user)}
