"""Is this PDF a document we sealed, unaltered? The PDF half of verification, with pyHanko; no database here.

A document passes when:

1. it parses as a PDF and carries exactly one signature (ours), a PAdES/CMS signature;
2. the signature is intact: the CMS signature verifies and the digest of the signed byte ranges matches
   (one flipped byte anywhere in the covered bytes fails here);
3. it covers the entire file: nothing was appended after sealing (an added page or any incremental update,
   even one that "only" adds a signature, fails here — an issued document is final, and its DocMDP
   certification says no changes are allowed);
4. the signer certificate chains to the deployment root (pyHanko's path validation, at `moment`: the issue
   time from our records when we have them, else now);
5. the signer certificate is a seal certificate (its O names the department, its OU the seal).

Revocation is judged by the caller (selectors.py / cli_documents.py), from the database or a CRL: a seal
revoked after the document was sealed does not invalidate it unless its key was compromised — the same rule as
GB/T 38540 verification in tongban.seals.ses.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from tongban.seals.pdf_sign import outside_event_loop

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfCheck:
    """The verdict on a PDF's seal. `ok` is the conclusion; `reason` (Chinese) says why not, "" when ok."""

    ok: bool
    reason: str
    sha256: str
    signed: bool = False
    intact: bool = False
    whole_file: bool = False
    trusted: bool = False
    certificate: x509.Certificate | None = None
    signed_at: datetime | None = None  # the signer's /M: self-reported
    field_name: str = ""

    @property
    def department(self) -> str:
        return _attr(self.certificate, NameOID.ORGANIZATION_NAME)

    @property
    def seal_kind(self) -> str:
        return _attr(self.certificate, NameOID.ORGANIZATIONAL_UNIT_NAME)

    @property
    def certificate_serial(self) -> str:
        return format(self.certificate.serial_number, "x") if self.certificate else ""


def _attr(cert: x509.Certificate | None, oid) -> str:
    if cert is None:
        return ""
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def check_pdf(data: bytes, *, trust_roots: list[x509.Certificate], moment: datetime | None = None) -> PdfCheck:
    """Verify the PAdES seal of `data` against `trust_roots` (the deployment root)."""
    sha256 = hashlib.sha256(data).hexdigest()
    if not data.startswith(b"%PDF-"):
        return PdfCheck(False, _("文件不是 PDF 文件。"), sha256)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # pyHanko raises many types on damaged files
        logger.info("verify: unparseable PDF %s: %s", sha256, exc.__class__.__name__)
        return PdfCheck(False, _("文件已损坏或被篡改：无法解析其 PDF 结构。"), sha256)
    if not signatures:
        return PdfCheck(False, _("文件中没有电子签章。"), sha256)
    if len(signatures) > 1:
        return PdfCheck(False, _("文件在盖章后被追加了其他签名或修改，与出具时不一致。"), sha256, signed=True)
    sig = signatures[0]
    try:
        certificate = x509.load_der_x509_certificate(sig.signer_cert.dump())
    except Exception:
        return PdfCheck(False, _("签章中的证书无法读取。"), sha256, signed=True)
    known = {"sha256": sha256, "signed": True, "certificate": certificate, "field_name": sig.field_name or ""}
    try:
        known["signed_at"] = sig.self_reported_timestamp
    except Exception:
        known["signed_at"] = None
    context = ValidationContext(
        trust_roots=[_asn1(root) for root in trust_roots],
        allow_fetching=False,
        revocation_mode="soft-fail",  # revocation is judged separately (see the module docstring)
        moment=moment,
    )
    try:
        status = outside_event_loop(lambda: validate_pdf_signature(sig, signer_validation_context=context))
    except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
        logger.info("verify: signature of %s does not validate: %s", sha256, exc)
        return PdfCheck(False, _("签章数据已损坏或被篡改，无法验证。"), **known)
    intact = bool(status.intact and status.valid)
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    trusted = bool(status.trusted)
    known.update(intact=intact, whole_file=whole, trusted=trusted)
    if not intact:
        return PdfCheck(False, _("文件内容与盖章时不一致：文件已被篡改。"), **known)
    if not whole:
        return PdfCheck(False, _("文件在盖章后被修改（追加了页面或内容），与出具时不一致。"), **known)
    if not trusted:
        return PdfCheck(False, _("签章证书不是由本平台的电子印章根证书签发的，或证书已过期。"), **known)
    if not known["certificate"] or not _attr(certificate, NameOID.ORGANIZATION_NAME):
        return PdfCheck(False, _("签章证书不是电子印章证书（未载明单位名称）。"), **known)
    return PdfCheck(True, "", **known)


def crl_revocation(crl_der: bytes, certificate: x509.Certificate, issuer: x509.Certificate):
    """(revoked, revoked_at, reason code) from a DER CRL whose signature verifies with `issuer`; None if the
    CRL is not the issuer's."""
    crl = x509.load_der_x509_crl(crl_der)
    if crl.issuer != issuer.subject or not crl.is_signature_valid(issuer.public_key()):
        return None
    entry = crl.get_revoked_certificate_by_serial_number(certificate.serial_number)
    if entry is None:
        return (False, None, "")
    reason = ""
    try:
        reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason.name
    except x509.ExtensionNotFound:
        pass
    return (True, entry.revocation_date_utc, reason)
