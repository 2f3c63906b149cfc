"""A task worker killed in the middle of a batch of e-mails: its task goes back in the queue once
the worker is seen no more, and running it again mails only whom it had not reached yet
(drills/kill_task_worker.py does this with kill -9 on PostgreSQL)."""

import datetime as dt
import uuid
from unittest import mock

import pytest
from django.core import mail
from django.core.management import get_commands
from django.db import DatabaseError
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from baken.core import services as core_services
from baken.core.confidentiality import Confidentiality
from baken.core.management.commands.db_worker import Heartbeat
from baken.core.models import SentEmail, TaskWorker
from baken.core.services import (
    SENT_EMAIL_DAYS,
    email_send_once,
    sent_emails_prune,
    task_worker_seen,
    tasks_requeue_abandoned,
)
from baken.signalling.tasks import send_urgent_signal_email
from baken.testing.signals import make_signal

TIMEOUT = dt.timedelta(seconds=60)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_an_email_of_one_task_goes_to_a_recipient_once(triager):
    task_id = str(uuid.uuid4())
    mail = {"subject": "Herinnering", "body": "Bekijk het in Baken"}
    with mock.patch("baken.core.services.send_mail", return_value=1) as send:
        assert email_send_once(task_id=task_id, recipient=triager, **mail) == 1
        assert email_send_once(task_id=task_id, recipient=triager, **mail) == 0
        assert send.call_count == 1
        assert send.call_args.args == ("Herinnering", "Bekijk het in Baken", None, [triager.email])
        # Another task (another reminder about the same thing) mails again.
        assert email_send_once(task_id=str(uuid.uuid4()), recipient=triager, **mail) == 1
        assert send.call_count == 2


@pytest.mark.django_db
def test_records_of_sent_mails_are_kept_a_month_and_pruned_by_the_daily_purge(triager):
    from baken.retention.services import purge_expired

    now = timezone.now()
    old, young = (SentEmail.objects.create(task_id=str(uuid.uuid4()), recipient=triager) for _ in range(2))
    SentEmail.objects.filter(pk=old.pk).update(sent_at=now - dt.timedelta(days=SENT_EMAIL_DAYS, seconds=1))
    SentEmail.objects.filter(pk=young.pk).update(sent_at=now - dt.timedelta(days=SENT_EMAIL_DAYS - 1))
    assert purge_expired(dry_run=True).sent_email_records == 0 and SentEmail.objects.count() == 2
    assert purge_expired().sent_email_records == 1
    assert list(SentEmail.objects.values_list("pk", flat=True)) == [young.pk]
    assert sent_emails_prune() == 0


@pytest.mark.django_db
def test_a_mail_that_did_not_go_out_is_not_recorded(triager):
    task_id = str(uuid.uuid4())
    mail = {"subject": "Herinnering", "body": "Bekijk het in Baken"}
    with mock.patch("baken.core.services.send_mail", return_value=0):
        assert email_send_once(task_id=task_id, recipient=triager, **mail) == 0
    assert not SentEmail.objects.exists()
    with (
        mock.patch("baken.core.services.send_mail", side_effect=ConnectionRefusedError),
        pytest.raises(ConnectionRefusedError),
    ):
        email_send_once(task_id=task_id, recipient=triager, **mail)
    assert not SentEmail.objects.exists()


def _running(worker_id: str, started: dt.datetime) -> DBTaskResult:
    with override_settings(TASKS=DATABASE_TASKS):
        result = send_urgent_signal_email.enqueue(signal_id=1, recipient_ids=[])
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=started)
    return row


@pytest.mark.django_db
def test_tasks_of_a_worker_that_is_gone_are_requeued_and_others_are_not():
    now = timezone.now()
    task_worker_seen(worker_id="alive", now=now - dt.timedelta(seconds=10))
    task_worker_seen(worker_id="dead", now=now - dt.timedelta(seconds=90))
    task_worker_seen(worker_id="long-gone", now=now - 200 * TIMEOUT)
    of_the_dead = _running("dead", now - dt.timedelta(minutes=5))
    never_seen = _running("unknown", now - dt.timedelta(minutes=5))
    of_the_living = _running("alive", now - dt.timedelta(minutes=5))
    just_claimed = _running("unknown", now - dt.timedelta(seconds=5))

    assert tasks_requeue_abandoned(timeout=TIMEOUT, now=now) == 2

    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[of_the_dead.pk] == status[never_seen.pk] == TaskResultStatus.READY
    assert status[of_the_living.pk] == status[just_claimed.pk] == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=of_the_dead.pk).started_at is None
    assert set(TaskWorker.objects.values_list("worker_id", flat=True)) == {"alive", "dead"}
    assert tasks_requeue_abandoned(timeout=TIMEOUT, now=now) == 0


@pytest.mark.django_db
def test_the_heartbeat_is_updated_not_duplicated():
    earlier = timezone.now() - dt.timedelta(minutes=1)
    task_worker_seen(worker_id="w1", now=earlier)
    task_worker_seen(worker_id="w1")
    assert TaskWorker.objects.get(worker_id="w1").seen_at > earlier


@pytest.mark.django_db
def test_a_killed_urgent_mail_task_is_finished_by_another_worker_and_mails_each_recipient_once(
    reporter, make_user, voorbeeld
):
    triagers = [
        make_user("aandachtsfunctionaris", voorbeeld, username=f"af{n}", clearance=Confidentiality.VERTROUWELIJK)
        for n in range(4)
    ]
    with override_settings(TASKS=DATABASE_TASKS), mock.patch("baken.signalling.notifications.notify") as queued:
        signal = make_signal(reporter, acute_danger=True)
    assert queued.called
    with override_settings(TASKS=DATABASE_TASKS):
        result = send_urgent_signal_email.enqueue(signal_id=signal.pk, recipient_ids=[u.pk for u in triagers])
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("killed-worker")

    # The worker mails two of the four, then dies (kill -9: nothing after that runs).
    real_send_mail = core_services.send_mail

    def dies_after_two(*args, **kwargs):
        if len(mail.outbox) == 2:
            raise SystemExit
        return real_send_mail(*args, **kwargs)

    with mock.patch("baken.core.services.send_mail", dies_after_two), pytest.raises(SystemExit):
        row.task.call(mock.Mock(task_result=row.task_result), **row.task_result.kwargs)
    assert DBTaskResult.objects.get(pk=row.pk).status == TaskResultStatus.RUNNING

    later = timezone.now() + 2 * TIMEOUT
    assert tasks_requeue_abandoned(timeout=TIMEOUT, now=later) == 1
    # Another worker takes it from the queue and runs it (the worker loop's claim and run).
    with override_settings(TASKS=DATABASE_TASKS):
        again = DBTaskResult.objects.ready().get(pk=row.pk)
        again.claim("second-worker")
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="second-worker",
            excluded_queue_names=[],
        ).run_task(again)

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == 2
    mailed = [to for message in mail.outbox for to in message.to]
    assert sorted(mailed) == sorted(u.email for u in triagers)
    assert all(signal.reference in message.subject for message in mail.outbox)


@pytest.mark.django_db
def test_the_heartbeat_says_the_worker_lives_and_survives_a_database_outage():
    beat = Heartbeat("w-heart")
    beat.beat()
    assert TaskWorker.objects.filter(worker_id="w-heart").exists()
    with mock.patch("baken.core.management.commands.db_worker.task_worker_seen", side_effect=DatabaseError("gone")):
        beat.beat()  # logged, not raised: the next beat tries again


def test_manage_py_db_worker_is_bakens_worker_with_the_heartbeat():
    assert get_commands()["db_worker"] == "baken.core"
