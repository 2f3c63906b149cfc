"""Rules of the core services beyond who may act."""

from django.utils import timezone

from baken.core.models import Notification
from baken.core.services import notifications_mark_read


def test_mark_read_only_the_given_own_notifications(make_user, voorbeeld):
    user = make_user("signaleerder", voorbeeld)
    other = make_user("signaleerder", voorbeeld)
    first, second = (Notification.objects.create(recipient=user, organisation=voorbeeld, message=m) for m in "ab")
    foreign = Notification.objects.create(recipient=other, organisation=voorbeeld, message="c")
    assert notifications_mark_read(user=user, ids=[first.pk, foreign.pk]) == 1
    read = set(Notification.objects.filter(read_at__isnull=False).values_list("pk", flat=True))
    assert read == {first.pk}
    assert notifications_mark_read(user=user) == 1
    assert Notification.objects.get(pk=second.pk).read_at <= timezone.now()
    assert Notification.objects.get(pk=foreign.pk).read_at is None
