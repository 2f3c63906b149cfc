"""Migration signalling.0012 copies, for the signals that exist, when each first left 'nieuw' and
was last closed from the status history. Migrating needs ALTER: an owner_role test."""

import datetime as dt
import uuid

import pytest
import time_machine

from baken.accounts.models import User
from baken.testing.migrations import latest_migrations, migrate_to

BEFORE = [("signalling", "0011_open_assigned_index")]
T0 = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)


@pytest.mark.owner_role
@pytest.mark.no_cover  # migrating is outside the measured code
@pytest.mark.django_db(transaction=True)
def test_existing_signals_get_the_moments_of_their_history():
    latest = latest_migrations()
    old = migrate_to(BEFORE)
    try:
        Organisation = old.get_model("core", "Organisation")
        Signal = old.get_model("signalling", "Signal")
        Change = old.get_model("signalling", "SignalStatusChange")
        organisation = Organisation.objects.create(name="Gemeente Oud", slug="oud", cbs_code="GM9976")
        # Accounts are not migrated back: its table has today's columns, so today's model writes it.
        reporter = old.get_model("accounts", "User").objects.get(pk=User.objects.create(username="oud-melder").pk)

        def signal(sequence: int, *steps: tuple[str, str, int]):
            made = Signal.objects.create(
                organisation=organisation,
                reference=f"GM9976-2026-{sequence:05d}",
                year=2026,
                sequence=sequence,
                reporter=reporter,
                submission_key=uuid.uuid4(),
                submitted_at=T0,
                observed_on=T0.date(),
                channel="balie",
                status=steps[-1][1] if steps else "nieuw",
            )
            for source, target, hours in (("", "nieuw", 0), *steps):
                # The history is append-only: each row is written at its moment.
                with time_machine.travel(T0 + dt.timedelta(hours=hours), tick=False):
                    Change.objects.create(signal=made, from_status=source, to_status=target, actor=reporter)
            return made.pk

        waiting = signal(1)
        reopened = signal(
            2,
            ("nieuw", "in_behandeling", 5),
            ("in_behandeling", "afgesloten", 30),
            ("afgesloten", "in_behandeling", 40),
            ("in_behandeling", "afgesloten", 50),
        )
        new = migrate_to(latest)
        rows = new.get_model("signalling", "Signal").objects.filter(organisation_id=organisation.pk)
        moments = {pk: (up, closed) for pk, up, closed in rows.values_list("pk", "picked_up_at", "closed_at")}
        assert moments[waiting] == (None, None)
        assert moments[reopened] == (T0 + dt.timedelta(hours=5), T0 + dt.timedelta(hours=50))
    finally:
        migrate_to(latest)
