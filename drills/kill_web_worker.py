"""Drill 1: kill -9 gunicorn workers while reporters send signals with a photo. Afterwards every
signal is complete (status history, audit row, its file on disk) or absent, no file is left
without its row, each submission got an error or a reference (never both), and every
acknowledged reference exists exactly once."""

import io
import os
import random
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import common
import integrity

CLIENTS = 4
MIN_KILLS = 20
MAX_KILLS = 80
INTERRUPTED = 5  # submissions broken off by a kill, at least
EVERY = 0.7  # seconds between kills


def main() -> None:
    baken = common.Baken("kill_web_worker", GUNICORN_WORKERS="2")
    baken.setup()
    _organisation, users, _triagers = common.seed_organisation(reporters=CLIENTS)
    baken.start_web()
    stop = threading.Event()
    try:
        reporters = [common.Reporter(baken, user.username, stop, photo_size=500) for user in users]
        for reporter in reporters:
            reporter.start()
        time.sleep(2)
        # Kill until the kills have broken off a few submissions (a kill of an idle worker proves
        # nothing), at least MIN_KILLS times and at most MAX_KILLS.
        kills = 0
        while kills < MAX_KILLS and (kills < MIN_KILLS or sum(len(r.failed) for r in reporters) < INTERRUPTED):
            victim = random.choice(baken.web_workers())  # noqa: S311
            os.kill(victim, signal.SIGKILL)
            kills += 1
            time.sleep(EVERY)
        time.sleep(2)
        stop.set()
        acknowledged, failed = common.run_reporters(reporters)
    finally:
        stop.set()
        baken.stop()
    from django.core.management import call_command

    common.info(f"{kills} gunicorn workers killed with kill -9 while {CLIENTS} reporters sent signals with a photo")
    both = [key for reporter in reporters for key in reporter.both]
    common.check(bool(acknowledged), "signals were sent and acknowledged during the drill")
    common.check(len(failed) >= INTERRUPTED, f"the kills broke off submissions ({len(failed)}, at least {INTERRUPTED})")
    common.check(not both, f"no client got an error page with a reference ({len(both)})")
    # A kill between writing the photo and committing the signal leaves the photo without a row;
    # the daily `purge_orphan_files` removes such files once they are older than any request. All
    # requests have ended here, so it may take every one of them.
    left = integrity.orphan_files(baken.var_dir / "private")
    common.info(f"files left without a row by the kills: {len(left)}; purge_orphan_files --minutes 0 runs")
    call_command("purge_orphan_files", "--minutes", "0", stdout=io.StringIO())
    integrity.check_signals(baken.var_dir / "private", acknowledged, failed)
    common.finish("drill kill_web_worker")


if __name__ == "__main__":
    main()
