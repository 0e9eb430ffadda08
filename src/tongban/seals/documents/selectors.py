"""Reads of issued documents, and the verification answer the public page, the API and `tongban verify` share.

`verify_token(token)` answers for a document reached by its QR code; `verify_upload(data)` for a PDF anyone
uploads. Both combine the PDF check (tongban.seals.verify: intact, whole file, chained to our root), our
records (which document it is, its status: valid, superseded or withdrawn), the seal certificate's revocation,
and the GB/T 38540 SM2 signature kept with the record.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tongban.core.errors import NotFound
from tongban.files.services import file_open
from tongban.seals.documents.production import verify_url
from tongban.seals.documents_models import IssuedDocument
from tongban.seals.verify import PdfCheck, check_pdf

# 个人姓名 are masked on public pages; organisations' names are public (they are on their licences anyway).
_ORGANISATION_MARKS = ("公司", "企业", "中心", "合作社", "事务所", "医院", "学校", "学院", "协会", "商会", "银行",
                       "店", "厂", "馆", "院", "局", "所", "部", "会", "社", "站", "园", "集团", "政府", "委员会")


def mask_recipient(name: str) -> str:
    """张伟 → 张*; 欧阳娜娜 → 欧***; organisations unchanged."""
    name = name.strip()
    if any(mark in name for mark in _ORGANISATION_MARKS) or len(name) > 6:
        return name
    return name[:1] + "*" * max(len(name) - 1, 1)


def document_by_token(token: str) -> IssuedDocument:
    doc = (
        IssuedDocument.objects.select_related("department", "seal", "pdf__blob", "replaced_by")
        .filter(token=token)
        .first()
    )
    if doc is None:
        raise NotFound(_("没有找到该文书：核验码不存在。请确认二维码或链接完整。"), code="document_not_found")
    return doc


def documents_for_case(case_ref: str) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.filter(case_ref=case_ref).select_related("department").order_by("issued_at")


def read_pdf(document: IssuedDocument, *, actor=None, request=None) -> bytes:
    with file_open(actor=actor, stored_file=document.pdf, request=request) as stream:
        return stream.read()


@dataclass(frozen=True)
class SealReport:
    name: str = ""
    department: str = ""
    kind: str = ""
    certificate_serial: str = ""
    revoked: bool = False
    revoked_at: datetime | None = None
    revocation_reason: str = ""


@dataclass(frozen=True)
class Sm2Report:
    present: bool = False
    valid: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Verification:
    """What a verifier needs to know. `valid`: authentic, unaltered, in force."""

    valid: bool
    reason: str  # why not valid (Chinese), or a note when valid; "" otherwise
    authentic: bool  # the seal and signature are ours and the bytes unaltered
    sha256: str
    signed_at: datetime | None = None
    seal: SealReport = field(default_factory=SealReport)
    sm2: Sm2Report = field(default_factory=Sm2Report)
    document: IssuedDocument | None = None
    notes: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        return "有效" if self.valid else "无效"

    @property
    def status(self) -> str:
        return self.document.status if self.document else ""

    @property
    def verify_url(self) -> str:
        from tongban.seals import conf

        return verify_url(conf.public_url(), self.document.token) if self.document else ""


def _revocation(certificate, signed_at: datetime | None) -> tuple[SealReport, str]:
    """(report, reason if the revocation invalidates the document)."""
    from tongban.seals.keys import is_revoked, seal_for_certificate

    seal = seal_for_certificate(certificate) if certificate is not None else None
    status = is_revoked(certificate) if certificate is not None else None
    report = SealReport(
        name=seal.name if seal else "",
        department=seal.department.name if seal else "",
        kind=seal.kind_label if seal else "",
        certificate_serial=format(certificate.serial_number, "x") if certificate is not None else "",
        revoked=bool(status and status.revoked),
        revoked_at=status.revoked_at if status else None,
        revocation_reason=status.reason if status else "",
    )
    if status and status.revoked:
        when = timezone.localtime(status.revoked_at).strftime("%Y-%m-%d %H:%M")
        # A compromised key may have signed anything, at any claimed time; otherwise a revocation takes effect
        # from its date (the same rule as GB/T 38540 verification in tongban.seals.ses).
        if status.reason_code == "key_compromise" or signed_at is None or signed_at >= status.revoked_at:
            return report, _("印章证书已于 %(when)s 吊销（%(reason)s），本文书的电子签章不再可信。") % {
                "when": when, "reason": status.reason}
    return report, ""


def _sm2(document: IssuedDocument, data: bytes) -> Sm2Report:
    from tongban.seals.ses import verify_detached

    signature = bytes(document.sm2_signature or b"")
    if not signature:
        return Sm2Report()
    result = verify_detached(data, signature)
    return Sm2Report(present=True, valid=result.valid, reason=result.reason)


def _combine(check: PdfCheck, document: IssuedDocument | None, data: bytes) -> Verification:
    signed_at = document.issued_at if document else check.signed_at
    if not check.ok:
        seal = SealReport(department=check.department, kind=check.seal_kind,
                          certificate_serial=check.certificate_serial)
        return Verification(valid=False, reason=check.reason, authentic=False, sha256=check.sha256,
                            signed_at=check.signed_at, seal=seal, document=document)
    seal, revoked_reason = _revocation(check.certificate, signed_at)
    if not seal.name:
        seal = dataclasses.replace(seal, department=check.department, kind=check.seal_kind)
    sm2 = _sm2(document, data) if document is not None else Sm2Report()
    notes: list[str] = []
    if seal.revoked and not revoked_reason:
        notes.append(_("印章证书已于 %(when)s 吊销（%(reason)s），在本文书盖章之后，不影响本文书的效力。") % {
            "when": f"{timezone.localtime(seal.revoked_at):%Y-%m-%d %H:%M}", "reason": seal.revocation_reason})
    reason = revoked_reason
    if not reason and sm2.present and not sm2.valid:
        reason = _("国密（SM2）电子签名验证未通过：%(reason)s") % {"reason": sm2.reason}
    authentic = not reason
    if authentic and document is None:
        reason = _("电子签章有效，但本平台没有出具过与该文件完全相同的文书：文件可能在盖章后被改动过，或不是本平台出具的。")
    elif authentic and document.status == IssuedDocument.Status.WITHDRAWN:
        when = timezone.localtime(document.status_changed_at).strftime("%Y-%m-%d %H:%M")
        reason = _("本文书已于 %(when)s 撤回：%(reason)s") % {"when": when, "reason": document.status_reason}
    elif authentic and document.status == IssuedDocument.Status.SUPERSEDED:
        new = document.replaced_by
        reason = _("本文书已被 %(number)s 更正（%(reason)s），请以更正后的文书为准。") % {
            "number": new.number, "reason": document.status_reason}
    valid = authentic and document is not None and document.status == IssuedDocument.Status.VALID
    return Verification(valid=valid, reason=reason, authentic=authentic, sha256=check.sha256, signed_at=signed_at,
                        seal=seal, sm2=sm2, document=document, notes=tuple(notes))


def _root():
    from tongban.seals.keys import deployment_root

    return deployment_root()


def verify_token(token: str, *, request=None) -> Verification:
    """The answer for the document behind a QR code: its stored bytes are re-checked, not just its record."""
    document = document_by_token(token)
    data = read_pdf(document, request=request)
    check = check_pdf(data, trust_roots=[_root()], moment=document.issued_at)
    if check.ok and check.sha256 != document.sha256:  # pragma: no cover - the store is content-addressed
        check = PdfCheck(False, _("存档文件与出具记录不一致。"), check.sha256)
    return _combine(check, document, data)


def verify_upload(data: bytes) -> Verification:
    """The answer for an uploaded PDF: checked on its own, then matched to our records by its SHA-256."""
    document = (
        IssuedDocument.objects.select_related("department", "seal", "replaced_by")
        .filter(sha256=hashlib.sha256(data).hexdigest())
        .first()
    )
    check = check_pdf(data, trust_roots=[_root()], moment=document.issued_at if document else None)
    return _combine(check, document, data)
