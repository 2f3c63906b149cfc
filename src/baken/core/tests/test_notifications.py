"""In-app notifications: each user sees only their own, and can mark them read."""

from django.urls import reverse

from baken.core.models import Notification

URL = reverse("core:notifications")


def test_own_notifications_only_and_mark_read(client_for, make_user, voorbeeld):
    me = make_user("aandachtsfunctionaris", voorbeeld)
    colleague = make_user("aandachtsfunctionaris", voorbeeld)
    Notification.objects.create(
        recipient=me, organisation=voorbeeld, message="Spoedsignaal SIG-2026-0001 ontvangen", url="/triage/1/"
    )
    Notification.objects.create(recipient=colleague, organisation=voorbeeld, message="Voor de collega")
    client = client_for(me)
    home = client.get(reverse("home:index")).content.decode()
    assert "1 nieuw bericht" in home
    body = client.get(URL).content.decode()
    assert "SIG-2026-0001" in body and "Voor de collega" not in body
    client.post(URL)
    assert Notification.objects.get(recipient=me).read_at is not None
    assert Notification.objects.get(recipient=colleague).read_at is None
    after = client.get(reverse("home:index")).content.decode()
    assert "nieuw bericht" not in after and ">Berichten</a>" in after


def test_empty_state(client_for, make_user, voorbeeld):
    assert "geen berichten" in client_for(make_user("signaleerder", voorbeeld)).get(URL).content.decode()
