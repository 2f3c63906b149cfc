"""Drill 3: kill -9 the task worker during a batch of urgent e-mails; after a new worker starts,
every e-mail (signal × aandachtsfunctionaris) has been sent exactly once.

Urgent signals are submitted through the service; each queues one task that mails every
aandachtsfunctionaris of the municipality. The mail relay is a local SMTP sink that takes a
moment per message, so the kill lands in the middle of a task.

SMTP leaves one moment open: the relay has the whole message but the worker has not yet recorded
it (between the final dot and the record: about a millisecond with this relay, which is slow
before it takes a message and quick after). A kill exactly then sends that one mail twice on the
retry, never none. A relay that is slow *after* the final dot (a before-queue filter) widens that
moment to its delay: with 150 ms there, three of three runs sent the mail in flight twice (61 for
60). The kill comes at an arbitrary moment in the batch, as an OOM kill would.
"""

import collections
import os
import random
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import common

SIGNALS = 6
TRIAGERS = 10


def main() -> None:
    sink = common.SmtpSink(delay=0.15)
    baken = common.Baken(
        "kill_task_worker",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        # A worker that has not been seen for this long is taken for dead (production: 60 s).
        BAKEN_TASK_WORKER_TIMEOUT_SECONDS="10",
    )
    baken.setup()
    from baken.signalling.models import Signal
    from baken.testing.signals import make_signal
    from django_tasks_db.models import DBTaskResult

    _organisation, reporters, triagers = common.seed_organisation(reporters=1, triagers=TRIAGERS)
    for _n in range(SIGNALS):
        make_signal(reporters[0], acute_danger=True)
    references = list(Signal.objects.values_list("reference", flat=True))
    expected = {(user.email, reference) for user in triagers for reference in references}
    tasks = DBTaskResult.objects.filter(task_path__endswith="send_urgent_signal_email")
    common.info(f"{len(references)} urgent signals queued {tasks.count()} tasks for {len(expected)} e-mails")

    try:
        worker = baken.start_worker()
        deadline = time.monotonic() + 60
        while not sink.received and time.monotonic() < deadline:
            time.sleep(0.02)
        # At an arbitrary moment in the batch (in the second or third task), as an OOM kill or an
        # operator would: not timed on the relay's answer.
        time.sleep(random.uniform(1.5, 3.0))  # noqa: S311
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        killed_at = time.monotonic()
        sent_before = len(sink.received)
        common.info(f"worker killed (kill -9) after {sent_before} e-mails; a new worker starts")
        baken.start_worker()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and tasks.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists():
            time.sleep(0.5)
        done_after = time.monotonic() - killed_at
        time.sleep(1)
    finally:
        baken.stop()

    received = collections.Counter((rcpt, subject.split()[-3]) for rcpt, subject in sink.received)
    states = collections.Counter(tasks.values_list("status", flat=True))
    common.info(f"tasks afterwards: {dict(states)}; {done_after:.1f} s after the kill")
    missing = expected - set(received)
    twice = {key: n for key, n in received.items() if n > 1}
    unexpected = set(received) - expected
    common.info(f"e-mails expected {len(expected)}, sent {sum(received.values())}, distinct {len(received)}")
    common.check(0 < states.get("SUCCESSFUL", 0) == tasks.count(), "every e-mail task finished successfully")
    common.check(not missing, f"no e-mail missing ({len(missing)} missing)")
    common.check(not twice, f"no e-mail sent twice ({len(twice)} sent more than once)")
    common.check(not unexpected, f"no e-mail to anyone else ({len(unexpected)})")
    common.finish("drill kill_task_worker")


if __name__ == "__main__":
    main()
