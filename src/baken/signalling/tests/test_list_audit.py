"""Mijn meldingen writes one audit row per request, not one per signal shown."""

from django.urls import reverse

from baken.core.models import AuditAction, AuditEvent
from baken.testing.signals import make_signal


def test_mine_writes_one_view_row(client_for, reporter, voorbeeld):
    make_signal(reporter)
    make_signal(reporter)
    before = AuditEvent.objects.filter(action=AuditAction.VIEW).count()
    assert client_for(reporter).get(reverse("signalling:mine"), {"pagina": 1}).status_code == 200
    rows = AuditEvent.objects.filter(action=AuditAction.VIEW)
    assert rows.count() == before + 1
    row = rows.first()
    assert row.actor == reporter and row.organisation == voorbeeld
    assert (row.object_type, row.object_id, row.reason) == ("signalling.signal", "", "mijn meldingen")
