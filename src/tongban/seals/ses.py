"""GB/T 38540 seal records (SES_Seal) and detached electronic signatures (SES_Signature v4) over documents.

- `build_ses_seal(...) -> bytes`: the DER SES_Seal of a seal issuance, signed by the SM2 root (制章人).
- `sign_detached(seal, document_bytes) -> bytes`: a DER SES_Signature whose TBS_Sign carries the seal record,
  the signing time and SM3(document), signed SM2-with-SM3 by the seal's SM2 key.
- `verify_detached(document_bytes, signature_bytes) -> VerifyResult`: every check a relying party makes, with
  the reason in Chinese when one fails.

Checks in `verify_detached` (in order; the first failure is the reason):
1. the bytes parse as SES_Signature v4 with signatureAlgID SM2-with-SM3;
2. the signature over DER(TBS_Sign) verifies with the signer certificate it carries;
3. the signer certificate is one of the seal record's certificates (certListType 1);
4. the seal record's signature over DER(SES_SealInfo) verifies with the maker certificate, and that
   certificate is this deployment's SM2 root (the trust anchor);
5. the signer certificate was issued by the SM2 root (its SM2-with-SM3 signature verifies);
6. the signing time lies within the certificate's and the seal record's validity;
7. dataHash equals SM3(document);
8. revocation: a certificate revoked for key compromise invalidates every signature made with it; revoked for
   another reason, it invalidates signatures timed at or after the revocation. Either way `revoked` is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.utils import timezone

from tongban.seals import conf, gbt38540
from tongban.seals.gbt38540 import SesSeal, SesSignature, TbsSign
from tongban.seals.sm2 import OID_SM2_WITH_SM3, Sm2Error, Sm2PrivateKey, Sm2PublicKey, sm3

# GB/T 38540 SES_ESPropertyInfo.type. The standard's value table was not read; 1 is the value implementations
# use for an organisation's seal (单位印章) — unconfirmed, see docs/adr/0009-seals-and-keys.md.
SEAL_TYPE_ORGANISATION = 1


def _gtime(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(microsecond=0)


def build_ses_seal(
    *,
    es_id: str,
    name: str,
    certificates: list[bytes],
    created: datetime,
    valid_start: datetime,
    valid_end: datetime,
    picture_type: str,
    picture_data: bytes,
    width_mm: int,
    height_mm: int,
    maker_certificate_der: bytes,
    maker_signer,
    seal_type: int = SEAL_TYPE_ORGANISATION,
) -> bytes:
    """DER SES_Seal; `maker_signer.sign(data)` makes the SM2-with-SM3 signature over DER(SES_SealInfo)."""
    info = gbt38540.SesSealInfo({
        "header": {"id": gbt38540.SES_ID, "version": gbt38540.SES_VERSION, "vid": conf.vendor_id()},
        "es_id": es_id,
        "property": {
            "type": seal_type,
            "name": name,
            "cert_list_type": gbt38540.CERT_LIST_CERTS,
            "cert_list": certificates,
            "create_date": _gtime(created),
            "valid_start": _gtime(valid_start),
            "valid_end": _gtime(valid_end),
        },
        "picture": {"type": picture_type, "data": picture_data, "width": width_mm, "height": height_mm},
    })
    signed = maker_signer.sign(info.dump())
    return SesSeal({
        "e_seal_info": info,
        "cert": maker_certificate_der,
        "sign_alg_id": OID_SM2_WITH_SM3,
        "signed_value": signed,
    }).dump()


def parse_ses_seal(der: bytes) -> SesSeal:
    seal = SesSeal.load(bytes(der))
    seal.native  # noqa: B018 - parse everything now, so a malformed record fails here
    return seal


def sign_detached(seal, document: bytes, *, property_info: str = "", when: datetime | None = None,
                  private_key: bytes | Sm2PrivateKey | None = None) -> bytes:
    """A GB/T 38540 SES_Signature (DER) of `document` with `seal` (a Seal row; refused if not usable).

    `property_info` (IA5String, ASCII) describes the signed data, e.g. the document number or file name in
    ASCII; default "tongban:document". `private_key` saves a decryption when the caller already holds
    `signing_material(seal).sm2_private_pem`.
    """
    from tongban.seals.keys import signing_material

    if private_key is None:
        private_key = signing_material(seal).sm2_private_pem
    else:
        from tongban.seals.keys import check_usable

        check_usable(seal)
    key = private_key if isinstance(private_key, Sm2PrivateKey) else Sm2PrivateKey.from_pem(private_key)
    property_info = property_info or "tongban:document"
    if not property_info.isascii():
        raise ValueError("property_info must be ASCII (GB/T 38540 propertyInfo is an IA5String)")
    signer_der = x509.load_pem_x509_certificate(seal.sm2_certificate_pem.encode()).public_bytes(Encoding.DER)
    tbs = TbsSign({
        "version": gbt38540.SES_VERSION,
        "eseal": SesSeal.load(bytes(seal.ses_seal_der)),
        "time_info": _gtime(when or timezone.now()),
        "data_hash": sm3(document),
        "property_info": property_info,
    })
    return SesSignature({
        "to_sign": tbs,
        "cert": signer_der,
        "signature_alg_id": OID_SM2_WITH_SM3,
        "signature": key.sign(tbs.dump()),
    }).dump()


@dataclass(frozen=True)
class VerifyResult:
    """The answer for a relying party. `valid` is the verdict; `reason` says why not (Chinese), or "" if valid."""

    valid: bool
    reason: str = ""
    seal_name: str = ""
    department: str = ""  # the signer certificate's organisation (the department name)
    es_id: str = ""
    signed_at: datetime | None = None
    certificate: x509.Certificate | None = None  # the signer's SM2 certificate
    revoked: bool = False
    revoked_at: datetime | None = None
    revocation_reason: str = ""
    data_hash_matches: bool = False
    seal_id: int | None = None  # the Seal row, when the record is one of ours

    @property
    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(Encoding.PEM) if self.certificate else b""


def _fail(reason: str, **known) -> VerifyResult:
    return VerifyResult(valid=False, reason=reason, **known)


def verify_detached(document: bytes, signature: bytes) -> VerifyResult:
    from tongban.seals.keys import is_revoked, seal_for_certificate, sm2_root_der

    try:
        sig = SesSignature.load(bytes(signature))
        sig.native  # noqa: B018 - force a full parse
        tbs = sig["to_sign"]
        seal = tbs["eseal"]
        info = seal["e_seal_info"]
        signer_der = sig["cert"].native
        signer = x509.load_der_x509_certificate(signer_der)
    except Exception:  # asn1crypto and cryptography raise many types for malformed input
        return _fail("签名数据无法解析：不是 GB/T 38540 电子签章数据。")

    prop = info["property"]
    known = {
        "seal_name": prop["name"].native,
        "es_id": info["es_id"].native,
        "signed_at": tbs["time_info"].native,
        "certificate": signer,
        "department": _organisation(signer),
    }
    known["data_hash_matches"] = tbs["data_hash"].native == sm3(document)

    if tbs["version"].native != gbt38540.SES_VERSION or info["header"]["version"].native != gbt38540.SES_VERSION:
        return _fail("电子签章版本不是 GB/T 38540 第 4 版。", **known)
    if sig["signature_alg_id"].dotted != OID_SM2_WITH_SM3 or seal["sign_alg_id"].dotted != OID_SM2_WITH_SM3:
        return _fail("签名算法不是 SM2-with-SM3（1.2.156.10197.1.501）。", **known)

    # 2. the signature itself
    try:
        signer_key = Sm2PublicKey.from_certificate(signer_der)
    except Sm2Error:
        return _fail("签章者证书不含 SM2 公钥。", **known)
    if not signer_key.verify(tbs.dump(), sig["signature"].native):
        return _fail("签名值验证失败：签章数据已被篡改。", **known)

    # 3. the signer belongs to the seal
    if prop["cert_list_type"].native != gbt38540.CERT_LIST_CERTS or signer_der not in prop["cert_list"].native:
        return _fail("签章者证书不在印章的证书列表中。", **known)

    # 4. the seal record: made by our SM2 root
    maker_der = seal["cert"].native
    if maker_der != sm2_root_der():
        return _fail("电子印章不是由本平台的制章根证书制作的，无法信任。", **known)
    try:
        maker_key = Sm2PublicKey.from_certificate(maker_der)
    except Sm2Error:
        return _fail("制章人证书不含 SM2 公钥。", **known)
    if not maker_key.verify(info.dump(), seal["signed_value"].native):
        return _fail("电子印章数据的签名验证失败：印章数据已被篡改。", **known)

    # 5. the signer certificate: issued by the SM2 root
    a_cert = a_x509.Certificate.load(signer_der)
    if a_cert["signature_algorithm"]["algorithm"].dotted != OID_SM2_WITH_SM3 or not maker_key.verify(
        a_cert["tbs_certificate"].dump(), a_cert["signature_value"].native
    ):
        return _fail("签章者证书不是由本平台的 SM2 根证书签发的。", **known)

    # 6. times
    signed_at = known["signed_at"]
    if not signer.not_valid_before_utc <= signed_at <= signer.not_valid_after_utc:
        return _fail("签章时间不在签章者证书的有效期内。", **known)
    if not prop["valid_start"].native <= signed_at <= prop["valid_end"].native:
        return _fail("签章时间不在电子印章的有效期内。", **known)

    # 8. revocation (checked before the hash so that the report is complete either way)
    seal_row = seal_for_certificate(signer)
    known["seal_id"] = seal_row.pk if seal_row else None
    status = is_revoked(signer)
    if status.revoked:
        known.update(revoked=True, revoked_at=status.revoked_at, revocation_reason=status.reason)
        if status.reason_code == "key_compromise" or signed_at >= status.revoked_at:
            when = timezone.localtime(status.revoked_at).strftime("%Y-%m-%d %H:%M")
            return _fail(f"印章证书已于 {when} 吊销（{status.reason}）。", **known)

    # 7. the document
    if not known["data_hash_matches"]:
        return _fail("文件内容与签名时不一致：文件已被修改。", **known)
    return VerifyResult(valid=True, **known)


def _organisation(cert: x509.Certificate) -> str:
    from cryptography.x509.oid import NameOID

    values = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(values[0].value) if values else ""
