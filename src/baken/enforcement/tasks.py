"""Background work of Handhaven, run by the task engine (django-tasks)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from baken.accounts.models import User
from baken.core.access import policy_for
from baken.core.services import email_send_once
from baken.enforcement.models import EnforcementReminder


@task(takes_context=True)
def send_deadline_reminder_email(context: TaskContext, *, reminder_id: int, recipient_ids: list[int]) -> int:
    """The case's reference, the kind of deadline and a link only: no address, no names of the
    parties. Sent to recipients who may still work on the measure or Bibob test."""
    task_id = context.task_result.id
    reminder = EnforcementReminder.objects.select_related("measure__case", "bibob_test__case").get(pk=reminder_id)
    record = reminder.measure or reminder.bibob_test
    case = record.case
    route = "enforcement:measure" if reminder.measure_id else "enforcement:bibob"
    link = settings.BAKEN_BASE_URL.rstrip("/") + reverse(route, args=[case.pk, record.pk])
    policy = policy_for(type(record))
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(pk__in=recipient_ids, is_active=True):
            if not policy.allows(user, "change", record):
                continue
            sent += email_send_once(
                task_id=task_id,
                recipient=user,
                subject=_("Herinnering: een termijn in handhavingszaak %(reference)s") % {"reference": case.reference},
                body=_(
                    "Een termijn in handhavingszaak %(reference)s komt eraan of is verlopen. "
                    "Bekijk hem in Baken:\n%(link)s"
                )
                % {"reference": case.reference, "link": link},
            )
    return sent


@task()
def purge_inspection_drafts() -> int:
    """Delete the drafts of inspection forms that nobody changed for BAKEN_DRAFT_DAYS (audited).
    Queued daily by `manage.py purge_inspection_drafts`."""
    from baken.enforcement.drafts import drafts_purge

    return drafts_purge()
