"""The hash chain over the audit log: how a row is hashed and which chain it belongs to.

One chain per scope: a municipality (``org:<id>``), a region (``region:<id>``) or the
installation's national scope (``national``). A row's ``row_hash`` is SHA-256 over a canonical
serialisation of its fields and ``prev_hash``, the ``row_hash`` of the chain's previous row (by
id); the first row of a chain has an empty ``prev_hash``. A row edited in the database no longer
matches its hash; a row removed from the middle breaks the next row's link; a removed last row
no longer matches the chain's head (``core.AuditChainHead``).

Used by ``core.services.audit_record`` (writing), the migration that hashed the rows written
before the chain existed, and ``manage.py audit_verify``: one definition, so they always agree.
"""

import datetime as dt
import hashlib
import ipaddress
import json
from dataclasses import dataclass, field
from typing import Any

from baken.core.append_only import AUDIT_PURGE_SETTING

NATIONAL = "national"

#: The fields a row's hash covers, in this order. Changing the list or the serialisation breaks
#: every existing chain: it would need a new version of the algorithm, not an edit.
HASHED_FIELDS = (
    "timestamp",
    "actor_id",
    "actor_username",
    "organisation_id",
    "region_id",
    "action",
    "object_type",
    "object_id",
    "reason",
    "request_id",
    "ip_address",
)


def chain_key(*, organisation_id: int | None, region_id: int | None) -> str:
    if organisation_id is not None:
        return f"org:{organisation_id}"
    if region_id is not None:
        return f"region:{region_id}"
    return NATIONAL


def _canonical_value(name: str, value: Any) -> Any:
    if name == "timestamp":
        # The database keeps microseconds; UTC, so the text is the same whichever time zone reads it.
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if name == "ip_address":
        if not value:
            return ""
        # PostgreSQL's inet and Python may spell an address differently; compare the address.
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            return str(value)
    return value


def canonical(row: Any) -> bytes:
    """The row's hashed fields as compact JSON (a list, so the order is fixed)."""
    values = [_canonical_value(name, getattr(row, name)) for name in HASHED_FIELDS]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()


def row_hash(row: Any, prev_hash: str) -> str:
    digest = hashlib.sha256()
    digest.update(canonical(row))
    digest.update(b"\n")
    digest.update(prev_hash.encode())
    return digest.hexdigest()


@dataclass
class ChainState:
    rows: int = 0
    last_id: int = 0
    last_hash: str = ""


@dataclass
class BrokenLink:
    chain: str
    row_id: int
    timestamp: dt.datetime | None
    problem: str


@dataclass
class Verification:
    chains: dict[str, ChainState] = field(default_factory=dict)
    broken: list[BrokenLink] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken


def verify(chunk_size: int = 5000) -> Verification:
    """Walk every chain in id order: each row must hash to its `row_hash` (else it was edited)
    and carry the previous row's hash as `prev_hash` (else a row before it was removed, or this
    one was moved to another scope); each chain's head must name its last row (else rows at
    its end were removed). Reports the first broken link of each chain."""
    from baken.core.models import AuditChainHead, AuditCheckpoint, AuditEvent

    result = Verification()
    broken_chains: set[str] = set()

    def report(chain: str, row_id: int, timestamp, problem: str) -> None:
        if chain not in broken_chains:
            broken_chains.add(chain)
            result.broken.append(BrokenLink(chain, row_id, timestamp, problem))

    # A chain whose oldest rows went at the end of their term starts at its latest checkpoint.
    checkpoints = {}
    for checkpoint in AuditCheckpoint.objects.order_by("chain", "last_deleted_id"):
        checkpoints[checkpoint.chain] = checkpoint
    for key, checkpoint in checkpoints.items():
        result.chains[key] = ChainState(last_id=checkpoint.last_deleted_id, last_hash=checkpoint.last_deleted_hash)
    rows = AuditEvent.objects.order_by("pk").only("pk", "prev_hash", "row_hash", *_model_fields())
    for row in rows.iterator(chunk_size=chunk_size):
        key = chain_key(organisation_id=row.organisation_id, region_id=row.region_id)
        state = result.chains.setdefault(key, ChainState())
        checkpoint = checkpoints.get(key)
        if checkpoint is not None and row.pk <= checkpoint.last_deleted_id:
            report(key, row.pk, row.timestamp, "row kept at or before the chain's checkpoint (purge not done)")
        elif row.prev_hash != state.last_hash:
            report(key, row.pk, row.timestamp, "previous row missing or changed (prev_hash does not match)")
        elif row_hash(row, row.prev_hash) != row.row_hash:
            report(key, row.pk, row.timestamp, "row changed (row_hash does not match its fields)")
        state.rows += 1
        state.last_id, state.last_hash = row.pk, row.row_hash
    heads = {head.chain: head for head in AuditChainHead.objects.all()}
    for key in sorted(set(heads) | set(result.chains)):
        state, head = result.chains.get(key, ChainState()), heads.get(key)
        if head is None or (head.last_event_id, head.last_hash) != (state.last_id, state.last_hash):
            expected = head.last_event_id if head is not None else state.last_id
            report(key, expected, None, "last rows missing (the chain's head names another last row)")
    result.broken.sort(key=lambda link: (link.chain, link.row_id))
    return result


def _model_fields() -> list[str]:
    foreign_keys = {"actor_id", "organisation_id", "region_id"}
    return [name.removesuffix("_id") if name in foreign_keys else name for name in HASHED_FIELDS]


# --- the audit log's own retention term -----------------------------------------------------------

#: Created by the retention app's migration, as the owner, with the catalogue's minimum term.
AUDIT_PURGE = "baken_audit_purge"

#: The rows of one chain (`key`, `org`, `reg` as the function computes them); the same rule as
#: chain_key: a municipality's rows, else a region's, else the national ones.
_CHAIN_ROWS = "e.organisation_id IS NOT DISTINCT FROM org AND (org IS NOT NULL OR e.region_id IS NOT DISTINCT FROM reg)"


def create_audit_purge_sql(minimum_months: int) -> str:
    """The PostgreSQL function that removes, per chain, the rows written before `p_cutoff` (never
    a chain's last row, never a row after a kept one), and records each chain's checkpoint. It
    runs with the owner's rights (SECURITY DEFINER): the runtime role holds no DELETE on the
    audit log. It refuses a cutoff later than `minimum_months` ago, whoever calls it."""
    minimum = int(minimum_months)
    return f"""
CREATE OR REPLACE FUNCTION {AUDIT_PURGE}(p_cutoff timestamptz, p_run text) RETURNS integer AS $$
DECLARE
    head record;
    org bigint;
    reg bigint;
    first_kept bigint;
    last_gone bigint;
    gone_hash text;
    deleted integer;
    total integer := 0;
BEGIN
    IF p_cutoff > now() - make_interval(months => {minimum}) THEN
        RAISE EXCEPTION 'audit rows are kept at least {minimum} months' USING ERRCODE = 'insufficient_privilege';
    END IF;
    FOR head IN SELECT h.chain, h.last_event_id FROM core_auditchainhead h ORDER BY h.chain FOR UPDATE LOOP
        org := CASE WHEN head.chain LIKE 'org:%' THEN substr(head.chain, 5)::bigint END;
        reg := CASE WHEN head.chain LIKE 'region:%' THEN substr(head.chain, 8)::bigint END;
        SELECT min(e.id) INTO first_kept FROM core_auditevent e
         WHERE {_CHAIN_ROWS} AND (e."timestamp" >= p_cutoff OR e.id = head.last_event_id);
        CONTINUE WHEN first_kept IS NULL;
        SELECT e.id, e.row_hash INTO last_gone, gone_hash FROM core_auditevent e
         WHERE {_CHAIN_ROWS} AND e.id < first_kept ORDER BY e.id DESC LIMIT 1;
        CONTINUE WHEN last_gone IS NULL;
        PERFORM set_config('{AUDIT_PURGE_SETTING}', 'on', true);
        DELETE FROM core_auditevent e WHERE {_CHAIN_ROWS} AND e.id <= last_gone;
        GET DIAGNOSTICS deleted = ROW_COUNT;
        PERFORM set_config('{AUDIT_PURGE_SETTING}', 'off', true);
        INSERT INTO core_auditcheckpoint
            (chain, last_deleted_id, last_deleted_hash, rows_deleted, cutoff, run, created_at)
            VALUES (head.chain, last_gone, gone_hash, deleted, p_cutoff, p_run, now());
        total := total + deleted;
    END LOOP;
    RETURN total;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;
"""  # noqa: S608  (no input is formatted in: the minimum is an int, the rest constants)


def scope_of(key: str) -> dict:
    """The organisation_id and region_id whose rows make up chain `key` (None where not set)."""
    if key.startswith("org:"):
        return {"organisation_id": int(key.removeprefix("org:")), "region_id": None}
    if key.startswith("region:"):
        return {"organisation_id": None, "region_id": int(key.removeprefix("region:"))}
    return {"organisation_id": None, "region_id": None}


def _chain_rows(key: str):
    from django.db.models import Q

    scope = scope_of(key)
    if scope["organisation_id"] is not None:
        return Q(organisation_id=scope["organisation_id"])
    return Q(organisation_id=None, region_id=scope["region_id"])


def purge_before(*, cutoff: dt.datetime, latest_cutoff: dt.datetime, run: str) -> int:
    """Remove the audit rows written before `cutoff`, chain by chain, leaving a checkpoint per
    chain (AuditCheckpoint); returns the number of rows removed. Only the retention purge calls
    this, with `latest_cutoff` from the catalogue's minimum term: a later cutoff is refused here,
    and on PostgreSQL by the function itself, whatever the caller says. On SQLite (development)
    the same steps run in Python: there is no trigger to pass there."""
    from django.db import connection, transaction

    if cutoff > latest_cutoff:
        raise ValueError("audit rows are kept at least the catalogue's minimum term")
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT {AUDIT_PURGE}(%s, %s)", [cutoff, run])
            return cursor.fetchone()[0]
    return _purge_in_python(cutoff=cutoff, run=run)


def expired_rows(*, cutoff: dt.datetime) -> int:
    """How many audit rows `purge_before` would remove now (a dry run; nothing changes)."""
    return _purge_in_python(cutoff=cutoff, run="", dry_run=True)


def _purge_in_python(*, cutoff: dt.datetime, run: str, dry_run: bool = False) -> int:
    from django.db import transaction
    from django.db.models import Min, Q

    from baken.core.models import AuditChainHead, AuditCheckpoint, AuditEvent

    total = 0
    with transaction.atomic():
        heads = AuditChainHead.objects.order_by("chain")
        for head in heads if dry_run else heads.select_for_update():
            rows = AuditEvent.objects.filter(_chain_rows(head.chain))
            kept = rows.filter(Q(timestamp__gte=cutoff) | Q(pk=head.last_event_id)).aggregate(first=Min("pk"))
            if kept["first"] is None:
                continue
            last_gone = rows.filter(pk__lt=kept["first"]).order_by("-pk").values_list("pk", "row_hash").first()
            if last_gone is None:
                continue
            doomed = rows.filter(pk__lte=last_gone[0])
            if dry_run:
                total += doomed.count()
                continue
            deleted = doomed._raw_delete(doomed.db)  # past the ORM's append-only guard, as the function
            AuditCheckpoint.objects.create(
                chain=head.chain,
                last_deleted_id=last_gone[0],
                last_deleted_hash=last_gone[1],
                rows_deleted=deleted,
                cutoff=cutoff,
                run=run,
            )
            total += deleted
    return total
