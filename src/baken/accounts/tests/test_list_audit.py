"""The user list writes one audit row per request, with its search."""

from django.urls import reverse

from baken.core.models import AuditAction, AuditEvent


def test_user_list_writes_one_view_row_with_search(client_for, beheerder, make_user, voorbeeld):
    make_user("signaleerder", voorbeeld)
    make_user("signaleerder", voorbeeld)
    assert client_for(beheerder).get(reverse("accounts:user_list"), {"zoek": "jan"}).status_code == 200
    row = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert row.actor == beheerder and row.organisation == voorbeeld
    assert (row.object_type, row.object_id, row.reason) == ("accounts.user", "", "gebruikerslijst: zoek=jan")
