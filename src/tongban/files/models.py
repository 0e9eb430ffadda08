"""The content-addressed file store: a Blob is a set of bytes kept once; a StoredFile is one upload of it.

The bytes live behind Django's storage API (`storages["default"]`: the filesystem or any S3-compatible store)
under a name derived from their SHA-256, so identical uploads share one object and the name proves the content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongban.files.domain import FILENAME_MAX, PURPOSE_MAX


def blob_storage_name(sha256: str) -> str:
    """blobs/ab/cd/abcd…: two fan-out levels keep directories (and S3 prefixes) small."""
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class Blob(models.Model):
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    sm3 = models.CharField(_("SM3"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    content_type = models.CharField(_("内容类型"), max_length=128)
    storage_name = models.CharField(_("存储名"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("首次存入"), default=timezone.now)

    class Meta:
        verbose_name = _("文件内容")
        verbose_name_plural = _("文件内容")
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="files_blob_size_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.sha256[:12]}… ({self.size} B)"


class StoredFile(models.Model):
    filename = models.CharField(_("文件名"), max_length=FILENAME_MAX)
    blob = models.ForeignKey(Blob, models.PROTECT, related_name="stored_files", verbose_name=_("内容"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="stored_files",
        verbose_name=_("上传人"),
    )
    purpose = models.CharField(_("用途"), max_length=PURPOSE_MAX, blank=True)
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("上传文件")
        verbose_name_plural = _("上传文件")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["uploaded_by", "-created_at"], name="files_uploader_idx")]

    def __str__(self) -> str:
        return self.filename
