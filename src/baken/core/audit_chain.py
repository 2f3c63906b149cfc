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
    from baken.core.models import AuditChainHead, AuditEvent

    result = Verification()
    broken_chains: set[str] = set()

    def report(chain: str, row_id: int, timestamp, problem: str) -> None:
        if chain not in broken_chains:
            broken_chains.add(chain)
            result.broken.append(BrokenLink(chain, row_id, timestamp, problem))

    rows = AuditEvent.objects.order_by("pk").only("pk", "prev_hash", "row_hash", *_model_fields())
    for row in rows.iterator(chunk_size=chunk_size):
        key = chain_key(organisation_id=row.organisation_id, region_id=row.region_id)
        state = result.chains.setdefault(key, ChainState())
        if row.prev_hash != state.last_hash:
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
