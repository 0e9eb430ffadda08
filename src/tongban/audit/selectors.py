"""Reads of the audit log: chain verification and "who viewed my data"."""

from __future__ import annotations

from django.db.models import QuerySet

from tongban.audit.chain import GENESIS, Problem, verify
from tongban.audit.models import AuditEntry, ChainHead
from tongban.audit.services import PERSONAL_READ, _hashable

_VALUE_FIELDS = (
    "id", "seq", "created_at", "actor_id", "actor_label", "action", "target_type", "target_id",
    "subject", "summary", "data", "ip", "prev_hash", "hash",
)


def audit_verify() -> tuple[int, list[Problem]]:
    """Check the whole chain in seq order; returns the number of entries and the problems found."""
    head = ChainHead.objects.filter(pk=1).first()
    rows = AuditEntry.objects.order_by("seq").values(*_VALUE_FIELDS).iterator(chunk_size=2000)
    count = 0

    def entries():
        nonlocal count
        for row in rows:
            count += 1
            yield _hashable(row)

    problems = verify(entries(), head_seq=head.seq if head else 0, head_hash=head.hash if head else GENESIS)
    return count, problems


def subject_access_log(*, subject: str) -> QuerySet[AuditEntry]:
    """Every entry about one person's data, newest first: who viewed or changed it, when, from where."""
    return AuditEntry.objects.filter(subject=subject).order_by("-seq")


def subject_views(*, subject: str) -> QuerySet[AuditEntry]:
    return subject_access_log(subject=subject).filter(action=PERSONAL_READ)
