"""The demo world on disk: after `load_demo_data`, a raw read of every table holds none of the
demo persons' names (care cases) nor a BSN given to one of them; the BSN still finds the person
(docs/adr/0018)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from baken.accounts.models import User
from baken.care import selectors
from baken.care.models import CareCase
from baken.demo.care import DEMO_CASES

DEMO_BSN = "111222333"


def _raw_dump() -> str:
    """Every row of every table, as the database returns it (like a dump)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.append(repr(cursor.fetchall()))
    return "\n".join(parts)


@pytest.mark.django_db
def test_a_raw_dump_of_the_demo_holds_no_person_names_and_the_bsn_finds_the_person():
    call_command("load_demo_data", stdout=io.StringIO())
    names = [name for cases in DEMO_CASES.values() for _pseudonym, name, *_rest in cases]
    case = CareCase.objects.filter(organisation__slug="voorbeeld").order_by("pk").first()
    assert case.full_name in {f"{name} (fictief)" for name in names}
    case.bsn = DEMO_BSN
    case.save(update_fields=["bsn"])

    dump = _raw_dump()
    assert len(names) >= 3
    assert [name for name in names if name in dump] == []
    assert DEMO_BSN not in dump

    coordinator = User.objects.get(username="zorgcoordinator-voorbeeld")
    assert list(selectors.cases_with_identity(user=coordinator, bsn=DEMO_BSN)) == [case]
