"""The deployment's certificate authorities and the departments' electronic seals (电子印章).

A `SealAuthority` is one of the two roots the platform runs itself (docs/adr/0009-seals-and-keys.md):
ECDSA P-256 for PAdES (what poppler/NSS, pyHanko and Adobe verify) and SM2 for the national-algorithm
signatures and for making GB/T 38540 seal records (制章).

A `Seal` row is one issuance of a department's seal: its picture, its two certificates (ECDSA and SM2, with
their keys, encrypted at rest or held by an HSM) and its signed GB/T 38540 `SES_Seal` record. Rotation makes a
new row (new keys, new certificates, new esID) and marks the old one superseded: it stays, unrevoked, so
documents sealed with it still verify. Revocation puts a row's certificates on the CRL.
"""

from __future__ import annotations

import importlib.util

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Algorithm(models.TextChoices):
    ECDSA_P256 = "ecdsa-p256", _("ECDSA P-256（PAdES）")
    SM2 = "sm2", _("SM2（国密）")


class SealAuthority(models.Model):
    """A root CA run by the deployment: one per algorithm."""

    algorithm = models.CharField(_("算法"), max_length=16, choices=Algorithm.choices, unique=True)
    certificate_pem = models.TextField(_("根证书（PEM）"))
    key_backend = models.CharField(_("密钥存放"), max_length=16)
    # Database backend: PKCS#8 EncryptedPrivateKeyInfo PEM. PKCS#11 backend: "pkcs11:<label>".
    key_ref = models.TextField(_("私钥引用"))
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("根证书")
        verbose_name_plural = _("根证书")

    def __str__(self) -> str:
        return self.get_algorithm_display()


class Seal(models.Model):
    """One issuance of a department's seal (GB/T 38540 电子印章)."""

    class Kind(models.TextChoices):
        APPROVAL = "approval", _("行政审批专用章")
        INTAKE = "intake", _("受理专用章")
        OFFICIAL = "official", _("公章")

    class Status(models.TextChoices):
        CURRENT = "current", _("在用")
        SUPERSEDED = "superseded", _("已更换")  # rotated: still verifies documents sealed before
        REVOKED = "revoked", _("已吊销")

    class RevocationReason(models.TextChoices):
        # RFC 5280 §5.3.1 CRLReason codes that apply to a seal certificate.
        UNSPECIFIED = "unspecified", _("未说明")
        KEY_COMPROMISE = "key_compromise", _("密钥泄露")
        AFFILIATION_CHANGED = "affiliation_changed", _("机构变更")
        SUPERSEDED = "superseded", _("已被替换")
        CESSATION_OF_OPERATION = "cessation_of_operation", _("停止使用")

    department = models.ForeignKey("org.Department", models.PROTECT, related_name="seals", verbose_name=_("部门"))
    kind = models.CharField(_("印章类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("印章名称"), max_length=128)
    # 印章编码: printed on the picture; stays the same across rotations of the same seal.
    code = models.CharField(_("印章编码"), max_length=32, db_index=True)
    # GB/T 38540 esID (电子印章标识): unique per issuance.
    es_id = models.CharField(_("电子印章标识"), max_length=64, unique=True)
    generation = models.PositiveIntegerField(_("版本"), default=1)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.CURRENT)
    replaces = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="replaced_by", verbose_name=_("替换的印章")
    )

    # The picture: always a PNG (drawn or uploaded); an uploaded SVG is kept as well and is what SES_Seal carries.
    picture_png_data = models.BinaryField(_("印章图片（PNG）"))
    picture_svg_data = models.BinaryField(_("印章图片（SVG）"), null=True, blank=True)
    picture_drawn = models.BooleanField(_("系统绘制"), default=True)
    width_mm = models.PositiveSmallIntegerField(_("宽度（毫米）"), default=42)
    height_mm = models.PositiveSmallIntegerField(_("高度（毫米）"), default=42)

    valid_from = models.DateTimeField(_("有效期起"))
    valid_until = models.DateTimeField(_("有效期止"))
    created_at = models.DateTimeField(_("制作时间"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("制作人")
    )

    key_backend = models.CharField(_("密钥存放"), max_length=16)
    # ECDSA P-256: the PAdES seal certificate, its issuer chain (root last) and the private-key reference.
    certificate_pem = models.TextField(_("签章证书（ECDSA）"))
    certificate_serial = models.CharField(_("证书序列号"), max_length=64, unique=True)
    chain_pem = models.TextField(_("证书链"))
    key_ref = models.TextField(_("私钥引用"))
    # SM2: the national-algorithm certificate (SM2-with-SM3, issued by the SM2 root) and its key.
    sm2_certificate_pem = models.TextField(_("签章证书（SM2）"))
    sm2_certificate_serial = models.CharField(_("SM2 证书序列号"), max_length=64, unique=True)
    sm2_key_ref = models.TextField(_("SM2 私钥引用"))
    # GB/T 38540 SES_Seal, DER, signed by the SM2 root (制章人).
    ses_seal_der = models.BinaryField(_("电子印章数据（GB/T 38540）"))

    superseded_at = models.DateTimeField(_("更换时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("吊销原因代码"), max_length=32, choices=RevocationReason.choices, blank=True
    )
    revocation_note = models.CharField(_("吊销原因"), max_length=255, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("吊销人")
    )

    class Meta:
        verbose_name = _("电子印章")
        verbose_name_plural = _("电子印章")
        ordering = ["department", "kind", "-generation"]
        constraints = [
            # One seal of each kind in use per department.
            models.UniqueConstraint(
                fields=["department", "kind"],
                condition=models.Q(status="current"),
                name="seals_one_current_per_kind",
            ),
            models.UniqueConstraint(fields=["code", "generation"], name="seals_code_generation"),
            models.CheckConstraint(condition=models.Q(valid_until__gt=models.F("valid_from")), name="seals_validity"),
            models.CheckConstraint(
                condition=models.Q(status="revoked", revoked_at__isnull=False)
                | (~models.Q(status="revoked") & models.Q(revoked_at__isnull=True)),
                name="seals_revoked_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（第 {self.generation} 版，{self.get_status_display()}）"

    # The contract for documents (issue 4 points 3–9): the picture to place on a page, and its size.
    def picture_png(self) -> bytes:
        return bytes(self.picture_png_data)

    @property
    def picture_type(self) -> str:
        """GB/T 38540 SES_ESPictrueInfo.type of the picture in the seal record."""
        return "SVG" if self.picture_svg_data else "PNG"

    @property
    def is_revoked(self) -> bool:
        return self.status == self.Status.REVOKED

    @property
    def kind_label(self) -> str:
        return str(self.Kind(self.kind).label)


# Models of the documents part of this app (issue 4 points 3–9) live in documents_models.py, owned by the
# documents work; importing it here registers them with the app. Absent until that work lands.
if importlib.util.find_spec("tongban.seals.documents_models") is not None:
    from tongban.seals.documents_models import *  # noqa: F401,F403,E402
