"""Writing to the audit log. Every service that changes state or reads personal data calls `audit_record`."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from tongban.audit.chain import GENESIS, entry_hash
from tongban.audit.models import AuditEntry, ChainHead

PERSONAL_READ = "personal_data.read"


def _actor_fields(actor) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "系统" if actor is None else "匿名访问者"
    staff = getattr(actor, "staff", None) if hasattr(actor, "_meta") else None
    label = f"{staff.name}（{actor.get_username()}）" if staff else actor.get_username()
    return actor.pk, label[:128]


def _target_fields(target: models.Model | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    return target._meta.label_lower, str(target.pk)


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


@transaction.atomic(savepoint=False)  # inside the caller's transaction: no savepoint round trips
def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    subject: str = "",
    summary: str = "",
    data: dict[str, Any] | None = None,
    request=None,
) -> AuditEntry:
    """Append one entry. Runs inside the caller's transaction, so it commits or rolls back with the change.

    `data` must already be masked: the log is read by auditors, not by the data subject's case workers.
    """
    head_seq, head_hash = _lock_head()
    actor_id, actor_label = _actor_fields(actor)
    target_type, target_id = _target_fields(target)
    values = {
        "seq": head_seq + 1,
        # Stored with second precision as an ISO string inside the hash, so every backend round-trips it.
        "created_at": timezone.now().replace(microsecond=0),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "subject": subject,
        "summary": summary[:255],
        "data": data or {},
        "ip": _client_ip(request),
        "prev_hash": head_hash,
    }
    values["hash"] = entry_hash(_hashable(values))
    return _append(values)


HEAD_TABLE = ChainHead._meta.db_table
ENTRY_TABLE = AuditEntry._meta.db_table


def _append(values: dict) -> AuditEntry:
    """Insert the entry and move the head to it: on PostgreSQL one statement (every audited change runs this
    while holding the head's lock, so each round trip here lengthens the queue behind it)."""
    fields = [AuditEntry._meta.get_field(name) for name in values]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    params = [f.get_db_prep_save(values[f.name], connection) for f in fields]
    insert = f"INSERT INTO {ENTRY_TABLE} ({columns}) VALUES ({', '.join(['%s'] * len(fields))}) RETURNING id"
    head = [values["seq"], values["hash"]]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"WITH entry AS ({insert}) UPDATE {HEAD_TABLE} SET seq = %s, hash = %s WHERE id = 1 "
                           "RETURNING (SELECT id FROM entry)", params + head)
            pk = cursor.fetchone()[0]
        else:  # SQLite has no INSERT inside WITH
            cursor.execute(insert, params)
            pk = cursor.fetchone()[0]
            cursor.execute(f"UPDATE {HEAD_TABLE} SET seq = %s, hash = %s WHERE id = 1", head)
    entry = AuditEntry(id=pk, **values)
    entry._state.adding = False
    return entry


def _lock_head() -> tuple[int, str]:
    """The chain head's seq and hash, its row locked until commit (on SQLite the write transaction, begun
    IMMEDIATE, already excludes other writers). Plain SQL: every audited change runs this."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT seq, hash FROM {HEAD_TABLE} WHERE id = 1{lock}")
            row = cursor.fetchone()
        if row is not None:
            return row[0], row[1]
        ChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})  # the first entry ever
    raise RuntimeError("audit chain head missing")


def audit_personal_read(*, actor, subject: str, target: models.Model | None, fields: list[str], request=None, purpose: str = "") -> AuditEntry:
    """Record that `actor` saw unmasked personal data of `subject`."""
    return audit_record(
        actor=actor,
        action=PERSONAL_READ,
        target=target,
        subject=subject,
        summary=f"查看个人信息：{'、'.join(fields)}" + (f"（{purpose}）" if purpose else ""),
        data={"fields": fields, "purpose": purpose},
        request=request,
    )


def _hashable(values: dict) -> dict:
    out = dict(values)
    out["created_at"] = values["created_at"].astimezone(UTC).isoformat()
    return out
