"""Writes of the partner directory."""

from django.db import transaction

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction
from baken.core.services import audit_record
from baken.partners.models import Partner

PARTNER_FIELDS = (
    "name",
    "partner_type",
    "contact_person",
    "phone",
    "email",
    "expertise",
    "sharing_basis",
    "shared_in_region",
    "acute_route",
    "acute_for_minors",
    "acute_instruction",
    "receives_handovers",
    "order",
    "active",
)


@transaction.atomic(durable=True)
def partner_save(*, actor: User, partner: Partner | None, values: dict) -> Partner:
    """Create or change a partner of the actor's own municipality."""
    policy = policy_for(Partner)
    if not policy.user_may(actor, "change") or (partner is not None and not policy.allows(actor, "change", partner)):
        raise NotPermitted
    creating = partner is None
    if creating:
        partner = Partner(organisation_id=actor.organisation_id)
    for name in PARTNER_FIELDS:
        if name in values:
            setattr(partner, name, values[name])
    partner.full_clean()
    partner.save()
    audit_record(actor=actor, action=AuditAction.CREATE if creating else AuditAction.UPDATE, obj=partner)
    return partner
