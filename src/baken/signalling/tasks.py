"""Background work of Signaleren, run by the task engine (django-tasks)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from baken.accounts.models import User
from baken.core.services import email_send_once
from baken.signalling.drafts import drafts_purge
from baken.signalling.models import Signal


@task(takes_context=True)
def send_urgent_signal_email(context: TaskContext, *, signal_id: int, recipient_ids: list[int]) -> int:
    """E-mail the aandachtsfunctionarissen that an urgent signal arrived. The mail holds the
    reference and a link only: case content stays inside Baken."""
    task_id = context.task_result.id
    signal = Signal.objects.only("reference", "organisation_id").get(pk=signal_id)
    link = settings.BAKEN_BASE_URL.rstrip("/") + reverse("coordination:signal", args=[signal.pk])
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(pk__in=recipient_ids, is_active=True, organisation_id=signal.organisation_id):
            sent += email_send_once(
                task_id=task_id,
                recipient=user,
                subject=_("Spoedmelding %(reference)s in Baken") % {"reference": signal.reference},
                body=_(
                    "Er is een spoedmelding gedaan (%(reference)s). Bekijk de melding direct in Baken:\n%(link)s\n\n"
                    "Bij acuut gevaar: bel 112."
                )
                % {"reference": signal.reference, "link": link},
            )
    return sent


@task()
def purge_intake_drafts() -> int:
    """Delete the drafts of the intake that nobody changed for BAKEN_DRAFT_DAYS, with their
    pending uploads (audited). Queued daily by `manage.py purge_intake_drafts`."""
    return drafts_purge()


@task(takes_context=True)
def send_report_update_email(context: TaskContext, *, signal_id: int, recipient_ids: list[int]) -> int:
    """Tell the reporter that there is news about their report: the reference and a link, never
    what the news is. Sent only to a reporter who asked for it (User.email_on_report_updates)."""
    task_id = context.task_result.id
    signal = Signal.objects.only("reference", "organisation_id", "reporter_id").get(pk=signal_id)
    link = settings.BAKEN_BASE_URL.rstrip("/") + reverse("signalling:detail", args=[signal.pk])
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(
            pk__in=recipient_ids,
            pk=signal.reporter_id,
            is_active=True,
            email_on_report_updates=True,
            organisation_id=signal.organisation_id,
        ):
            sent += email_send_once(
                task_id=task_id,
                recipient=user,
                subject=_("Er is een bericht over uw melding %(reference)s") % {"reference": signal.reference},
                body=_("Er is een bericht over uw melding %(reference)s. Lees het in Baken:\n%(link)s")
                % {"reference": signal.reference, "link": link},
            )
    return sent
