"""The bulk seeding command for benchmarks produces consistent data."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from baken.accounts.models import User
from baken.signalling.models import Signal, SignalIndicator, SignalStatusChange
from baken.testing.signals import make_signal


# Bulk seeding resets the id sequences (setval: the owner's right, not the runtime role's); it is
# a benchmark tool run as the owner.
@pytest.mark.owner_role
def test_seed_creates_consistent_signals_and_numbering_continues(db):
    from baken.core.audit_chain import verify

    call_command("seed_signals", signals=1200, organisations=4, years=3, stdout=io.StringIO())
    assert Signal.objects.count() == 1200
    assert not Signal.objects.values("organisation", "reference").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert SignalIndicator.objects.count() >= 1200
    assert SignalStatusChange.objects.filter(to_status="nieuw").count() == 1200
    assert (
        Signal.objects.filter(status="afgesloten").exclude(outcome="").count()
        == Signal.objects.filter(status="afgesloten").count()
    )
    reporter = User.objects.filter(username__startswith="bench-", groups__name="signaleerder").first()
    this_year = timezone.localdate().year
    seeded_this_year = Signal.objects.filter(organisation=reporter.organisation, year=this_year)
    highest = max(seeded_this_year.values_list("sequence", flat=True), default=0)
    assert highest == seeded_this_year.count()  # gap-free per organisation and year
    assert make_signal(reporter).sequence == highest + 1
    # The seeded audit rows continue the hash chains, and make_signal's own rows after them.
    assert verify().ok


@override_settings(BAKEN_ENVIRONMENT="production")
def test_seed_refuses_production(db):
    with pytest.raises(CommandError):
        call_command("seed_signals", signals=10, stdout=io.StringIO())
    assert not Signal.objects.exists()
