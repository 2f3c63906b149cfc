"""The triage inbox writes one audit row per request, with its filter and search."""

from django.urls import reverse

from baken.core.models import AuditAction, AuditEvent


def test_inbox_writes_one_view_row_with_filter_and_search(client_for, triager, reporter, signal, voorbeeld):
    response = client_for(triager).get(reverse("coordination:inbox"), {"q": "Jansen", "status": "nieuw", "pagina": 2})
    assert response.status_code == 200
    row = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert row.actor == triager and row.organisation == voorbeeld
    assert (row.object_type, row.object_id) == ("signalling.signal", "")
    assert row.reason == "triage-inbox: q=Jansen status=nieuw"


def test_inbox_long_search_is_cut_to_the_field(client_for, triager):
    client_for(triager).get(reverse("coordination:inbox"), {"q": "é" * 500})
    reason = AuditEvent.objects.get(action=AuditAction.VIEW).reason
    assert len(reason) == 255 and reason.startswith("triage-inbox: q=éé") and reason.endswith("…")
