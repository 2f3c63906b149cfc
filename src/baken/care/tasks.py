"""Background work of Zorg, run by the task engine (django-tasks)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from baken.accounts.models import User
from baken.care.models import CareCase, CarePlanAction, CareProcedure, CareReferral, ShelterPlacement
from baken.core.access import policy_for
from baken.core.services import email_send_once


def _send_case_reminder(task_id: str, case: CareCase, recipient_ids: list[int]) -> int:
    """The case's reference and a link only: no pseudonym, no procedure or agreement, nothing
    about the person leaves Baken by e-mail. Sent to recipients who may still manage the case."""
    link = settings.BAKEN_BASE_URL.rstrip("/") + reverse("care:case", args=[case.pk])
    policy = policy_for(CareCase)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(pk__in=recipient_ids, is_active=True):
            if not policy.allows(user, "manage", case):
                continue
            sent += email_send_once(
                task_id=task_id,
                recipient=user,
                subject=_("Herinnering: een termijn in zorgtraject %(reference)s") % {"reference": case.reference},
                body=_(
                    "Een termijn in zorgtraject %(reference)s komt eraan of is verlopen. "
                    "Bekijk de tijdlijn in Baken:\n%(link)s"
                )
                % {"reference": case.reference, "link": link},
            )
    return sent


@task(takes_context=True)
def send_deadline_reminder_email(context: TaskContext, *, procedure_id: int, recipient_ids: list[int]) -> int:
    procedure = CareProcedure.objects.select_related("case").get(pk=procedure_id)
    return _send_case_reminder(context.task_result.id, procedure.case, recipient_ids)


@task(takes_context=True)
def send_plan_action_reminder_email(context: TaskContext, *, action_id: int, recipient_ids: list[int]) -> int:
    action = CarePlanAction.objects.select_related("goal__case").get(pk=action_id)
    return _send_case_reminder(context.task_result.id, action.goal.case, recipient_ids)


@task(takes_context=True)
def send_referral_reminder_email(context: TaskContext, *, referral_id: int, recipient_ids: list[int]) -> int:
    referral = CareReferral.objects.select_related("case").get(pk=referral_id)
    return _send_case_reminder(context.task_result.id, referral.case, recipient_ids)


@task(takes_context=True)
def send_shelter_end_reminder_email(context: TaskContext, *, placement_id: int, recipient_ids: list[int]) -> int:
    placement = ShelterPlacement.objects.select_related("case").get(pk=placement_id)
    return _send_case_reminder(context.task_result.id, placement.case, recipient_ids)
