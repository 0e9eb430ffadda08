"""Issued documents (notices and decisions) and their number sequences. Imported by tongban.seals.models.

An `IssuedDocument` is one sealed PDF the platform issued: its number (文号), who issued it with which seal,
the stored bytes (files app, content-addressed), their SHA-256 and SM3, the GB/T 38540 detached SM2 signature
over the same bytes, and its status. A document is never edited or deleted: a correction is a new document
that supersedes it, a retraction marks it withdrawn; both keep the old bytes verifiable and say so.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongban.seals.documents.kinds import DocumentKind


class DocumentNumberSequence(models.Model):
    """The last number used per department, kind and year (文号 are numbered per year: 〔2026〕第 1 号 …)."""

    department = models.ForeignKey("org.Department", models.PROTECT, related_name="+", verbose_name=_("部门"))
    kind = models.CharField(_("文书类型"), max_length=32, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    last_value = models.PositiveIntegerField(_("已用到的序号"), default=0)

    class Meta:
        verbose_name = _("文号序列")
        verbose_name_plural = _("文号序列")
        constraints = [
            models.UniqueConstraint(fields=["department", "kind", "year"], name="seals_docnumber_unique_series"),
        ]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.kind}/{self.year}: {self.last_value}"


class IssuedDocument(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("有效")
        SUPERSEDED = "superseded", _("已被更正")
        WITHDRAWN = "withdrawn", _("已撤回")

    token = models.CharField(_("核验码"), max_length=32, unique=True)
    kind = models.CharField(_("文书类型"), max_length=32, choices=DocumentKind.choices)
    number = models.CharField(_("文号"), max_length=64, unique=True)
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="issued_documents", verbose_name=_("出具部门")
    )
    seal = models.ForeignKey("seals.Seal", models.PROTECT, related_name="documents", verbose_name=_("印章"))
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("序号"))
    case_ref = models.CharField(_("办件编号"), max_length=64, blank=True, db_index=True)
    recipient = models.CharField(_("申请人"), max_length=200)
    item_name = models.CharField(_("申请事项"), max_length=200)
    summary = models.CharField(_("内容摘要"), max_length=255)
    issued_on = models.DateField(_("成文日期"))
    issued_at = models.DateTimeField(_("盖章时间"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("出具人")
    )
    pdf = models.ForeignKey("files.StoredFile", models.PROTECT, related_name="+", verbose_name=_("文书文件"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    sm3 = models.CharField(_("SM3"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sm2_signature = models.BinaryField(_("SM2 签名（GB/T 38540）"))
    certificate_serial = models.CharField(_("签章证书序列号"), max_length=64)
    data = models.JSONField(_("文书数据"), default=dict)

    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.VALID)
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("变更人")
    )
    status_reason = models.CharField(_("变更原因"), max_length=255, blank=True)
    replaced_by = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="replaces", verbose_name=_("更正后的文书")
    )

    class Meta:
        verbose_name = _("已出具文书")
        verbose_name_plural = _("已出具文书")
        ordering = ["-issued_at", "-id"]
        constraints = [
            # Two documents can never share a number, even if the sequence row were lost.
            models.UniqueConstraint(fields=["department", "kind", "year", "sequence"], name="seals_doc_unique_seq"),
            models.CheckConstraint(
                condition=models.Q(status="valid", replaced_by__isnull=True, status_changed_at__isnull=True)
                | models.Q(status="withdrawn", replaced_by__isnull=True, status_changed_at__isnull=False)
                | models.Q(status="superseded", replaced_by__isnull=False, status_changed_at__isnull=False),
                name="seals_doc_status_consistent",
            ),
        ]
        indexes = [models.Index(fields=["department", "-issued_at"], name="seals_doc_dept_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def title(self) -> str:
        return self.get_kind_display()
