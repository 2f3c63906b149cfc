"""Access policies of Handhaven.

- Toezichthouders (enforcement.manage_inspection) and handhavingsjuristen
  (enforcement.manage_measure) of a municipality see its locations and its enforcement cases at
  or below their clearance ("view"). A case linked to a trafficking signal is vertrouwelijk
  (services raise it), so only users with that clearance see it; counts still roll up.
- Inspecting (planning and recording inspections) is the toezichthouder's; the administrative
  track (measures) is the handhavingsjurist's and the toezichthouder's.
- The aandachtsfunctionaris (signalling.triage_signal) sees, for a signal, only that a case
  exists at the address and its phase ("see_phase"), whatever its level; opening it takes
  "view". Regional accounts see nothing here: enforcement is the municipality's.
Parties, licences and findings are read with their location or inspection; appeals with their
measure. A Bibob test follows its case like a measure (the administrative track).
- An inspection's photos follow the inspection (seen with it, added by whoever may record it);
  an inspection's draft is its owner's only, while they may still record that inspection and
  have the clearance of the draft's (the case's) level.
- The texts of the letters are the functioneel beheerder's (enforcement.manage_letters).
"""

from django.db.models import Q, QuerySet

from baken.core.access import AccessPolicy, policy_for, register
from baken.core.permissions import has_permission
from baken.enforcement.models import (
    BarrierLink,
    BibobTest,
    EnforcementCase,
    Inspection,
    InspectionDraft,
    InspectionPhoto,
    LetterTemplate,
    Location,
    Measure,
)

INSPECT_PERMISSION = "enforcement.manage_inspection"
LETTERS_PERMISSION = "enforcement.manage_letters"
MEASURE_PERMISSION = "enforcement.manage_measure"
TRIAGE_PERMISSION = "signalling.triage_signal"
NOTHING = Q(pk__in=[])


def is_enforcer(user) -> bool:
    """A toezichthouder or handhavingsjurist of a municipality."""
    return bool(user.organisation_id) and (
        has_permission(user, INSPECT_PERMISSION) or has_permission(user, MEASURE_PERMISSION)
    )


@register
class LocationPolicy(AccessPolicy[Location]):
    model = Location
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[Location]:
        if not is_enforcer(user):
            return Location.objects.none()
        return Location.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return is_enforcer(user)


@register
class EnforcementCasePolicy(AccessPolicy[EnforcementCase]):
    model = EnforcementCase
    actions = ("view", "inspect", "measure", "see_phase")

    def _enforcer_rows(self, user) -> Q:
        if not is_enforcer(user):
            return NOTHING
        return Q(organisation_id=user.organisation_id, confidentiality__lte=user.clearance)

    def _phase_rows(self, user) -> Q:
        if not (user.organisation_id and has_permission(user, TRIAGE_PERMISSION)):
            return NOTHING
        return Q(organisation_id=user.organisation_id)

    def scope(self, user) -> QuerySet[EnforcementCase]:
        return EnforcementCase.objects.filter(self._enforcer_rows(user) | self._phase_rows(user))

    def grants(self, user, action: str) -> bool:
        if action == "inspect":
            return bool(user.organisation_id) and has_permission(user, INSPECT_PERMISSION)
        if action == "see_phase":
            return is_enforcer(user) or (bool(user.organisation_id) and has_permission(user, TRIAGE_PERMISSION))
        return is_enforcer(user)  # view, measure

    def narrow(self, user, action: str, rows: QuerySet[EnforcementCase]) -> QuerySet[EnforcementCase]:
        if action == "see_phase":
            return rows
        return EnforcementCase.objects.filter(self._enforcer_rows(user))


def _cases() -> EnforcementCasePolicy:
    return policy_for(EnforcementCase)


class FollowsCase(AccessPolicy):
    """A row of one case: seen with the case; changed by whoever may do `change_action` on it."""

    actions = ("view", "change")
    change_action = ""

    def scope(self, user) -> QuerySet:
        return self.model.objects.filter(case__in=_cases().rows_for(user, "view"))

    def grants(self, user, action: str) -> bool:
        return _cases().user_may(user, self.change_action if action == "change" else "view")

    def narrow(self, user, action: str, rows: QuerySet) -> QuerySet:
        if action == "change":
            return rows.filter(case__in=_cases().rows_for(user, self.change_action))
        return rows


@register
class InspectionPolicy(FollowsCase):
    model = Inspection
    change_action = "inspect"


@register
class InspectionPhotoPolicy(AccessPolicy[InspectionPhoto]):
    model = InspectionPhoto
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[InspectionPhoto]:
        return InspectionPhoto.objects.filter(inspection__in=policy_for(Inspection).rows_for(user, "view"))

    def grants(self, user, action: str) -> bool:
        return policy_for(Inspection).user_may(user, action)

    def narrow(self, user, action: str, rows: QuerySet[InspectionPhoto]) -> QuerySet[InspectionPhoto]:
        if action == "change":
            return rows.filter(inspection__in=policy_for(Inspection).rows_for(user, "change"))
        return rows

    def candidate_users(self, row: InspectionPhoto) -> QuerySet:
        return super().candidate_users(row.inspection)


@register
class InspectionDraftPolicy(AccessPolicy[InspectionDraft]):
    model = InspectionDraft
    actions = ("view",)

    def scope(self, user) -> QuerySet[InspectionDraft]:
        return InspectionDraft.objects.filter(
            owner_id=user.pk,
            organisation_id=user.organisation_id,
            confidentiality__lte=user.clearance,
            inspection__in=policy_for(Inspection).rows_for(user, "change"),
        )

    def grants(self, user, action: str) -> bool:
        return policy_for(Inspection).user_may(user, "change")


@register
class MeasurePolicy(FollowsCase):
    model = Measure
    change_action = "measure"


@register
class BibobTestPolicy(FollowsCase):
    model = BibobTest
    change_action = "measure"


@register
class BarrierLinkPolicy(FollowsCase):
    model = BarrierLink
    change_action = "measure"


@register
class LetterTemplatePolicy(AccessPolicy[LetterTemplate]):
    """The municipality's letter texts: kept by its functioneel beheerder (no case content)."""

    model = LetterTemplate
    actions = ("view", "change")

    def scope(self, user) -> QuerySet[LetterTemplate]:
        if not (user.organisation_id and has_permission(user, LETTERS_PERMISSION)):
            return LetterTemplate.objects.none()
        return LetterTemplate.objects.filter(organisation_id=user.organisation_id)

    def grants(self, user, action: str) -> bool:
        return bool(user.organisation_id) and has_permission(user, LETTERS_PERMISSION)
