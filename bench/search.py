"""Time of a Kennisbank search on the demo data: the median per query over the search test set
(src/baken/knowledge/tests/data/search_test_set.toml), in-process, without HTTP or rendering.

    BAKEN_VAR_DIR=var/bench-search python bench/search.py --repeat 30

Runs on the database that DATABASE_URL selects (SQLite under BAKEN_VAR_DIR by default): migrates
it and loads the demo data, then searches as the demo signaleerder of Gemeente Voorbeeld (who sees
Voorbeeld's local page adaptation). Prints the median of each query's median, and the slowest
query. The figures go in docs/search.md; this is not a unit test (docs/adr: speed is measured,
never asserted in a test).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baken.conf.bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from baken.accounts.models import User  # noqa: E402
from baken.knowledge.selectors import knowledge_search  # noqa: E402
from baken.knowledge.tests.search_quality import load_test_set  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    user = User.objects.get(username="signaleerder-voorbeeld")
    queries = load_test_set()
    knowledge_search(user=user, query="warm")  # read and normalise the national content once
    medians = {}
    for query in queries:
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            hits = knowledge_search(user=user, query=query.query)
            [str(hit.excerpt) for hit in hits[:20]]  # the first page of results shows 20 excerpts
            timings.append((time.perf_counter() - started) * 1000)
        medians[query.query] = statistics.median(timings)
    slowest = max(medians, key=medians.get)
    print(f"database: {connection.vendor}; user: {user.username}; {len(queries)} queries x {args.repeat}")
    print(f"median per query (ms): {statistics.median(medians.values()):.1f}")
    print(f"slowest query: {slowest!r} {medians[slowest]:.1f} ms; fastest: {min(medians.values()):.1f} ms")
    for kind in ("typo", "synonym", "multi-word"):
        values = [medians[q.query] for q in queries if q.kind == kind]
        print(f"  {kind}: median {statistics.median(values):.1f} ms")


if __name__ == "__main__":
    main()
