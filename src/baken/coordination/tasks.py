"""Background work of Verbinden, run by the task engine (django-tasks)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from baken.accounts.models import User
from baken.coordination.models import Escalation
from baken.core.services import email_send_once
from baken.signalling.models import Signal


@task(takes_context=True)
def send_triage_reminder_email(context: TaskContext, *, signal_id: int, recipient_ids: list[int]) -> int:
    """Reference and link only: case content stays inside Baken. Run again after its worker died,
    it mails only whom it had not reached (email_send_once)."""
    signal = Signal.objects.only("reference", "organisation_id").get(pk=signal_id)
    link = settings.BAKEN_BASE_URL.rstrip("/") + reverse("coordination:signal", args=[signal.pk])
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(pk__in=recipient_ids, is_active=True, organisation_id=signal.organisation_id):
            sent += email_send_once(
                task_id=context.task_result.id,
                recipient=user,
                subject=_("Herinnering: melding %(reference)s wacht op beoordeling") % {"reference": signal.reference},
                body=_("Melding %(reference)s had al opgepakt moeten worden. Bekijk de melding in Baken:\n%(link)s")
                % {"reference": signal.reference, "link": link},
            )
    return sent


@task(takes_context=True)
def send_feedback_reminder_email(context: TaskContext, *, escalation_id: int, recipient_ids: list[int]) -> int:
    """Reference and link only: what was shared with whom stays inside Baken. Mails each recipient
    once, also when it runs again after its worker died (email_send_once)."""
    escalation = (
        Escalation.objects.select_related("signal").only("signal__reference", "organisation_id").get(pk=escalation_id)
    )
    reference = escalation.signal.reference
    link = settings.BAKEN_BASE_URL.rstrip("/") + reverse(
        "coordination:escalation", args=[escalation.signal_id, escalation.pk]
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(
            pk__in=recipient_ids, is_active=True, organisation_id=escalation.organisation_id
        ):
            sent += email_send_once(
                task_id=context.task_result.id,
                recipient=user,
                subject=_("Herinnering: terugkoppeling op %(reference)s is te laat") % {"reference": reference},
                body=_(
                    "De partner had vóór vandaag moeten terugkoppelen op de escalatie van %(reference)s. "
                    "Bekijk de escalatie in Baken:\n%(link)s"
                )
                % {"reference": reference, "link": link},
            )
    return sent
