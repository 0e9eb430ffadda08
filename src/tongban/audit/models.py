"""The append-only, hash-chained audit log.

Each entry stores the hash of the one before it, so an altered, deleted or reordered entry breaks the chain
and `tongban audit verify` names it. Rows are never updated or deleted by the application.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)
    actor_id = models.PositiveBigIntegerField(_("操作人ID"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("操作人"), max_length=128)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    target_type = models.CharField(_("对象类型"), max_length=64, blank=True)
    target_id = models.CharField(_("对象ID"), max_length=64, blank=True)
    # Whose personal data the entry concerns ("person:12"), so a person can see who viewed it.
    subject = models.CharField(_("数据主体"), max_length=64, blank=True, db_index=True)
    summary = models.CharField(_("摘要"), max_length=255, blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["seq"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.actor_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("审计记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("审计记录只能追加，不能删除")


class ChainHead(models.Model):
    """One row holding the last seq and hash; locking it serialises appends across processes."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("链头")

    def __str__(self) -> str:
        return f"链头 #{self.seq}"
