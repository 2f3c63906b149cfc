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


def test_user_search_longer_than_its_field_gets_a_dutch_error_and_is_not_logged(client_for, beheerder):
    response = client_for(beheerder).get(reverse("accounts:user_list"), {"zoek": "x" * 101})
    assert response.status_code == 200
    assert "niet meer dan 100 tekens" in response.content.decode()
    # The search is not run: the list shows everyone (the beheerder at least).
    assert beheerder.username in response.content.decode()
    assert AuditEvent.objects.get(action=AuditAction.VIEW).reason == "gebruikerslijst"


def test_user_list_page_number_is_read_through_a_bounded_field(client_for, beheerder, make_user, voorbeeld):
    for _ in range(26):
        make_user("signaleerder", voorbeeld)
    client = client_for(beheerder)
    assert client.get(reverse("accounts:user_list"), {"pagina": "2"}).context["page"].number == 2
    # Past a million, or not a number: the first page (the paginator alone gave the last one).
    for value in ("2000000", "9" * 30, "²", "1.5e3", "-1"):
        assert client.get(reverse("accounts:user_list"), {"pagina": value}).context["page"].number == 1, value


def test_user_list_page_links_carry_the_search_encoded(client_for, beheerder, make_user, voorbeeld):
    for _ in range(26):
        make_user("signaleerder", voorbeeld, first_name="Jan & Co")
    response = client_for(beheerder).get(reverse("accounts:user_list"), {"zoek": "Jan & Co"})
    assert 'href="?zoek=Jan+%26+Co&amp;pagina=2"' in response.content.decode()
