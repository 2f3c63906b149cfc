"""The partner list writes one audit row per request, not one per partner shown."""

from django.urls import reverse

from baken.core.models import AuditAction, AuditEvent


def test_partner_list_writes_one_view_row(client_for, signaleerder, partners, voorbeeld):
    assert client_for(signaleerder).get(reverse("partners:list")).status_code == 200
    row = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert row.actor == signaleerder and row.organisation == voorbeeld
    assert (row.object_type, row.object_id, row.reason) == ("partners.partner", "", "partnerlijst")


def test_partner_list_logs_no_parameter_it_does_not_read(client_for, signaleerder, partners):
    assert client_for(signaleerder).get(reverse("partners:list"), {"zoek": "Jansen", "pagina": "2"}).status_code == 200
    assert AuditEvent.objects.get(action=AuditAction.VIEW).reason == "partnerlijst"
