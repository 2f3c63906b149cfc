"""Who hears about a signal. An urgent signal: everyone who may triage it (its policy decides, so
clearance is respected). News for the reporter (a message, a new coarse status): the reporter,
as long as they may still see their own signal. In Baken at once, by e-mail after commit."""

from django.urls import reverse
from django.utils.translation import gettext as _

from baken.core.access import policy_for
from baken.core.notify import notify, subject_of
from baken.signalling.models import Signal
from baken.signalling.tasks import send_report_update_email, send_urgent_signal_email


def notify_urgent_signal(signal: Signal) -> None:
    """Call inside the signal's transaction."""
    notify(
        recipients=policy_for(Signal).users_for(signal, "triage"),
        organisation_id=signal.organisation_id,
        message=_("Spoedmelding %(reference)s ontvangen") % {"reference": signal.reference},
        url=reverse("coordination:signal", args=[signal.pk]),
        email_task=send_urgent_signal_email,
        subject=subject_of(signal),
        signal_id=signal.pk,
    )


def reporter_subject(signal: Signal) -> str:
    """The reporter's news has its own subject: handling the signal never clears it."""
    return f"{subject_of(signal)}:melder"


def notify_reporter(signal: Signal) -> None:
    """Call inside the transaction that made the news. The Berichten item and the e-mail say only
    that there is news about the reference; the e-mail goes out only if the reporter chose it."""
    reporter = policy_for(Signal).users_for(signal, "view_own").filter(pk=signal.reporter_id).first()
    if reporter is None:
        return
    notify(
        recipients=[reporter],
        organisation_id=signal.organisation_id,
        message=_("Er is een bericht over uw melding %(reference)s") % {"reference": signal.reference},
        url=reverse("signalling:detail", args=[signal.pk]),
        email_task=send_report_update_email if reporter.email_on_report_updates else None,
        subject=reporter_subject(signal),
        signal_id=signal.pk,
    )
