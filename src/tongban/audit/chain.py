"""Hashing and verification of the audit chain; pure functions over plain values."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64
FIELDS = (
    "seq", "created_at", "actor_id", "actor_label", "action", "target_type", "target_id",
    "subject", "summary", "data", "ip", "prev_hash",
)


def entry_hash(values: dict) -> str:
    """SHA-256 over a canonical JSON of the entry's fields (including the previous hash)."""
    canonical = json.dumps(
        {k: values[k] for k in FIELDS}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Problem:
    seq: int
    entry_id: int | None
    message: str


def verify(entries: Iterable[dict], *, head_seq: int, head_hash: str) -> list[Problem]:
    """Walk the entries in seq order and name every break in the chain.

    Entries are appended with increasing ids, so an id lower than the previous one's means rows were
    reordered; a gap in seq means rows were deleted; a hash mismatch means a row was altered.
    """
    problems: list[Problem] = []
    expected_seq, prev_hash, prev_id = 1, GENESIS, None
    for values in entries:
        seq, eid = values["seq"], values.get("id")
        gap = seq > expected_seq
        if gap:
            missing = f"第 {expected_seq} 条" if seq == expected_seq + 1 else f"第 {expected_seq}–{seq - 1} 条"
            problems.append(Problem(seq, eid, f"{missing}已被删除（链在第 {seq} 条前断开）"))
        if entry_hash(values) != values["hash"]:
            problems.append(Problem(seq, eid, f"第 {seq} 条内容被篡改（哈希不符）"))
        elif values["prev_hash"] != prev_hash and not gap:
            problems.append(Problem(seq, eid, f"第 {seq} 条与前一条不相连（前一条被替换）"))
        if eid is not None and prev_id is not None and eid < prev_id:
            problems.append(Problem(seq, eid, f"第 {seq} 条顺序被调换（写入顺序与序号不符）"))
        expected_seq, prev_hash, prev_id = seq + 1, values["hash"], eid
    if head_seq >= expected_seq:
        missing = f"第 {expected_seq} 条" if head_seq == expected_seq else f"第 {expected_seq}–{head_seq} 条"
        problems.append(Problem(head_seq, None, f"{missing}已被删除（链尾缺失）"))
    elif head_seq and head_hash != prev_hash:
        problems.append(Problem(head_seq, None, f"链头哈希与第 {head_seq} 条不符"))
    return problems
