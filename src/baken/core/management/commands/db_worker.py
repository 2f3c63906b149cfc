"""`manage.py db_worker`: django_tasks_db's task worker, plus a heartbeat and the recovery of
tasks that a dead worker left running. Without them a worker killed in the middle of a task
(kill -9, out of memory, a host gone) leaves that task RUNNING for ever, and its remaining
e-mails are never sent (drills/kill_task_worker.py)."""

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from baken.core.services import task_worker_seen, tasks_requeue_abandoned

logger = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    """Says every timeout/4 seconds that this worker lives (also while a long task runs), and
    requeues what workers that stopped saying so left running."""

    def __init__(self, worker_id: str):
        super().__init__(name="baken-worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.timeout = dt.timedelta(seconds=settings.BAKEN_TASK_WORKER_TIMEOUT_SECONDS)
        self.stopped = threading.Event()

    def beat(self) -> None:
        try:
            task_worker_seen(worker_id=self.worker_id)
            tasks_requeue_abandoned(timeout=self.timeout)
        except DatabaseError:  # the database is away for a moment: the next beat tries again
            logger.warning("Task worker %s: heartbeat failed", self.worker_id, exc_info=True)
            close_old_connections()

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                self.beat()
                self.stopped.wait(self.timeout.total_seconds() / 4)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


class Command(db_worker.Command):
    help = "Run the task worker (django_tasks_db's, with a heartbeat and recovery of abandoned tasks)."

    def handle(self, *args, **options):
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.beat()  # seen before the first task is claimed
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
