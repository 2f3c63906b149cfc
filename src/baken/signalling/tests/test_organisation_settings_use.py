"""The municipality's settings at work in Signaleren: its triage term sets a new signal's
deadline, and its reply address is shown to the reporter."""

from django.urls import reverse
from django.utils import timezone

from baken.core.services import organisation_update_settings
from baken.signalling.deadlines import triage_due_on


def test_a_signal_gets_the_municipalitys_term(client_for, reporter, intake_data, voorbeeld, beheerder):
    from baken.signalling.models import Signal

    organisation_update_settings(actor=beheerder, organisation=voorbeeld, changes={"triage_working_days": 10})
    client_for(reporter).post(reverse("signalling:intake"), intake_data())
    signal = Signal.objects.get()
    received_on = timezone.localdate(signal.submitted_at)  # the local date, as the service takes it
    expected = triage_due_on(received_on=received_on, urgent=signal.is_urgent, working_days=10)
    assert signal.triage_due_on == expected


def test_reporters_see_the_reply_address_after_reporting(client_for, reporter, intake_data, voorbeeld, beheerder):
    from baken.signalling.models import Signal

    organisation_update_settings(
        actor=beheerder, organisation=voorbeeld, changes={"reply_email": "meldpunt@voorbeeld.invalid"}
    )
    client = client_for(reporter)
    client.post(reverse("signalling:intake"), intake_data())
    page = client.get(reverse("signalling:submitted", args=[Signal.objects.get().pk])).content.decode()
    assert "mailto:meldpunt@voorbeeld.invalid" in page
