"""Background work of Casusoverleg, run by the task engine (django-tasks)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.services import email_send_once
from baken.meetings.models import MeetingAction


@task(takes_context=True)
def send_overdue_action_email(context: TaskContext, *, action_id: int, recipient_ids: list[int]) -> int:
    """The aanmelding's reference and a link only: no pseudonym, no action, nothing about the
    person leaves Baken by e-mail. Sent to recipients who may still manage the action."""
    task_id = context.task_result.id
    action = MeetingAction.objects.select_related("agenda_item__referral", "agenda_item__meeting").get(pk=action_id)
    item = action.agenda_item
    link = settings.BAKEN_BASE_URL.rstrip("/") + reverse("meetings:item", args=[item.meeting_id, item.pk])
    policy = policy_for(MeetingAction)
    reference = item.referral.reference
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(pk__in=recipient_ids, is_active=True):
            if not policy.allows(user, "manage", action):
                continue
            sent += email_send_once(
                task_id=task_id,
                recipient=user,
                subject=_("Actie over de termijn in casusoverleg %(reference)s") % {"reference": reference},
                body=_(
                    "Een afgesproken actie bij aanmelding %(reference)s is over de uiterste datum en nog "
                    "niet afgerond. Bekijk het agendapunt in Baken:\n%(link)s"
                )
                % {"reference": reference, "link": link},
            )
    return sent
