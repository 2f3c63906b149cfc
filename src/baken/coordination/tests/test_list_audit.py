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
    client_for(triager).get(reverse("coordination:inbox"), {"q": "é" * 200, "neighbourhood": "ë" * 100})
    reason = AuditEvent.objects.get(action=AuditAction.VIEW).reason
    assert len(reason) == 255 and reason.startswith("triage-inbox: neighbourhood=ëë") and reason.endswith("…")


def test_inbox_writes_the_cleaned_filter_not_the_raw_query(client_for, triager):
    """A parameter the inbox does not read, or a value its field refuses, never reaches the log."""
    query = {"q": "Jansen", "status": "bogus", "form": "geen-vorm", "foo": "bar", "urgent": "true", "pagina": "x"}
    assert client_for(triager).get(reverse("coordination:inbox"), query).status_code == 200
    assert AuditEvent.objects.get(action=AuditAction.VIEW).reason == "triage-inbox: q=Jansen urgent=True"


def test_inbox_search_longer_than_its_field_is_refused_and_not_logged(client_for, triager):
    response = client_for(triager).get(reverse("coordination:inbox"), {"q": "x" * 201})
    assert response.status_code == 200
    assert "niet meer dan 200 tekens" in response.content.decode()
    assert AuditEvent.objects.get(action=AuditAction.VIEW).reason == "triage-inbox"
