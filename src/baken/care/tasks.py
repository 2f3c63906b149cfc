"""Background work of Zorg, run by the task engine (django-tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from baken.accounts.models import User
from baken.care.models import CareCase, CarePlanAction, CareProcedure, CareReferral, ShelterPlacement
from baken.core.access import policy_for


def _send_case_reminder(case: CareCase, recipient_ids: list[int]) -> int:
    """The case's reference and a link only: no pseudonym, no procedure or agreement, nothing
    about the person leaves Baken by e-mail. Sent to recipients who may still manage the case."""
    link = settings.BAKEN_BASE_URL.rstrip("/") + reverse("care:case", args=[case.pk])
    policy = policy_for(CareCase)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(pk__in=recipient_ids, is_active=True):
            if not policy.allows(user, "manage", case):
                continue
            sent += send_mail(
                _("Herinnering: een termijn in zorgtraject %(reference)s") % {"reference": case.reference},
                _(
                    "Een termijn in zorgtraject %(reference)s komt eraan of is verlopen. "
                    "Bekijk de tijdlijn in Baken:\n%(link)s"
                )
                % {"reference": case.reference, "link": link},
                None,
                [user.email],
            )
    return sent


@task()
def send_deadline_reminder_email(*, procedure_id: int, recipient_ids: list[int]) -> int:
    procedure = CareProcedure.objects.select_related("case").get(pk=procedure_id)
    return _send_case_reminder(procedure.case, recipient_ids)


@task()
def send_plan_action_reminder_email(*, action_id: int, recipient_ids: list[int]) -> int:
    action = CarePlanAction.objects.select_related("goal__case").get(pk=action_id)
    return _send_case_reminder(action.goal.case, recipient_ids)


@task()
def send_referral_reminder_email(*, referral_id: int, recipient_ids: list[int]) -> int:
    referral = CareReferral.objects.select_related("case").get(pk=referral_id)
    return _send_case_reminder(referral.case, recipient_ids)


@task()
def send_shelter_end_reminder_email(*, placement_id: int, recipient_ids: list[int]) -> int:
    placement = ShelterPlacement.objects.select_related("case").get(pk=placement_id)
    return _send_case_reminder(placement.case, recipient_ids)
