"""PAdES sealing with pyHanko: the seal certificate signs the rendered PDF into its prepared signature field.

pyHanko does the PDF side — it finds the field the renderer prepared (whose appearance is the seal picture, kept
as is through NoOpStampStyle), writes the signature dictionary and DocMDP certification in an incremental
update, reserves /Contents, fixes /ByteRange, digests the covered bytes and embeds the CMS.

The CMS SignedData (RFC 5652) is assembled here, from DER parts encoded once per seal certificate:
`SealCmsSigner` produces exactly the structure pyHanko's own SimpleSigner produces for a PAdES B-B signature —
signed attributes content-type, message-digest and ESS signing-certificate-v2 (ETSI EN 319 122-1 §5.2.2), the
signer identified by issuer and serial number, the certificate chain embedded — but without re-encoding the
certificates through asn1crypto on every signature, which is where SimpleSigner spends ~85 % of its time
(bench/bench_seal_documents.py shows both). Anything other than an EC key falls back to SimpleSigner.

Why a certification signature with "no changes allowed" (DocMDP P=1, ISO 32000-1 §12.8.2.2): an issued notice
is final; a later incremental update is a modification by definition, and validators say so.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import io
from dataclasses import dataclass

from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import constants as sign_constants
from pyhanko.stamp import NoOpStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tongban.seals.pdf_render import SEAL_FIELD

# -- DER ---------------------------------------------------------------------------------------------------


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def _tlv(tag: int, *parts: bytes) -> bytes:
    content = b"".join(parts)
    return bytes([tag]) + _length(len(content)) + content


def _oid(dotted: str) -> bytes:
    arcs = [int(x) for x in dotted.split(".")]
    out = bytearray([arcs[0] * 40 + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out += bytes(reversed(chunk))
    return _tlv(0x06, bytes(out))


def _integer(value: int) -> bytes:
    return _tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big", signed=True))


SEQUENCE, SET, OCTET_STRING = 0x30, 0x31, 0x04
OID_DATA = "1.2.840.113549.1.7.1"
OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
OID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
OID_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"  # RFC 5035
SHA256 = _tlv(SEQUENCE, _oid("2.16.840.1.101.3.4.2.1"))
ECDSA_WITH_SHA256 = _tlv(SEQUENCE, _oid("1.2.840.10045.4.3.2"))


# -- the signer --------------------------------------------------------------------------------------------


class SealCmsSigner(signers.Signer):
    """A pyHanko Signer for an EC seal key that builds the CMS from pre-encoded parts.

    `key` needs only `.sign(data, ec.ECDSA(hashes.SHA256()))`, so an HSM-backed key object with that method
    (the PKCS#11 hook of tongban.seals.keys) works unchanged.
    """

    def __init__(self, *, key, certificate: x509.Certificate, chain: list[x509.Certificate]):
        cert_der = certificate.public_bytes(serialization.Encoding.DER)
        super().__init__(signing_cert=asn1_x509.Certificate.load(cert_der), embed_roots=True)
        self._key = key
        issuer = asn1_x509.Certificate.load(cert_der)["tbs_certificate"]["issuer"].dump()
        serial = _integer(certificate.serial_number)
        self._sid = _tlv(SEQUENCE, issuer, serial)
        # SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default
        # hash algorithm (SHA-256, so omitted in DER), the certificate hash, and IssuerSerial
        # { GeneralNames { [4] directoryName }, serialNumber } (RFC 5035 §3).
        ess_cert_id = _tlv(SEQUENCE, _tlv(OCTET_STRING, hashlib.sha256(cert_der).digest()),
                           _tlv(SEQUENCE, _tlv(SEQUENCE, _tlv(0xA4, issuer)), serial))
        self._attr_signing_cert = _tlv(SEQUENCE, _oid(OID_SIGNING_CERTIFICATE_V2),
                                       _tlv(SET, _tlv(SEQUENCE, _tlv(SEQUENCE, ess_cert_id))))
        self._attr_content_type = _tlv(SEQUENCE, _oid(OID_CONTENT_TYPE), _tlv(SET, _oid(OID_DATA)))
        ders = {cert_der} | {c.public_bytes(serialization.Encoding.DER) for c in chain}
        # certificates [0] IMPLICIT CertificateSet: a SET OF, so DER-sorted.
        self._certificates = _tlv(0xA0, *sorted(ders))
        # pyHanko counts the hex digits of /Contents: twice the DER size, with room for the signer info.
        self.reserve = 2 * (len(self._certificates) + 1024)

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
        if dry_run:
            return bytes(72)
        return self._key.sign(data, ec.ECDSA(hashes.SHA256()))

    async def async_sign(self, data_digest: bytes, digest_algorithm: str, dry_run=False, use_pades=False,
                         timestamper=None, signed_attr_settings=None, is_pdf_sig=True,
                         encap_content_info=None) -> cms.ContentInfo:
        if digest_algorithm.lower() != "sha256" or timestamper is not None or encap_content_info is not None:
            raise ValueError("SealCmsSigner signs SHA-256 PDF digests without timestamps only")
        digest_attr = _tlv(SEQUENCE, _oid(OID_MESSAGE_DIGEST), _tlv(SET, _tlv(OCTET_STRING, data_digest)))
        # SignedAttributes is a SET OF: DER order is by encoding (X.690 §11.6). It is signed as a SET (tag
        # 0x31) and stored as [0] IMPLICIT (RFC 5652 §5.4).
        attrs = b"".join(sorted((self._attr_content_type, digest_attr, self._attr_signing_cert)))
        signature = await self.async_sign_raw(_tlv(SET, attrs), "sha256", dry_run)
        signer_info = _tlv(SEQUENCE, _integer(1), self._sid, SHA256, _tlv(0xA0, attrs), ECDSA_WITH_SHA256,
                           _tlv(OCTET_STRING, signature))
        signed_data = _tlv(SEQUENCE, _integer(1), _tlv(SET, SHA256), _tlv(SEQUENCE, _oid(OID_DATA)),
                           self._certificates, _tlv(SET, signer_info))
        return cms.ContentInfo.load(_tlv(SEQUENCE, _oid(OID_SIGNED_DATA), _tlv(0xA0, signed_data)))


def simple_signer(*, key, certificate: x509.Certificate, chain: list[x509.Certificate]) -> signers.SimpleSigner:
    """pyHanko's stock in-memory signer for the same material (any key type; the benchmark's baseline)."""
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in chain]
        ),
    )


@dataclass(frozen=True)
class SealText:
    """What the signature dictionary says (/Name, /Reason, /Location): shown by PDF readers' signature panels."""

    name: str
    reason: str
    location: str = ""


def signer_for(material) -> signers.Signer:
    """The fast signer for an EC key (a PKCS#11 key object can subclass EllipticCurvePrivateKey), else stock."""
    if isinstance(material.key, ec.EllipticCurvePrivateKey):
        return SealCmsSigner(key=material.key, certificate=material.certificate, chain=list(material.chain))
    return simple_signer(key=material.key, certificate=material.certificate, chain=list(material.chain))


class SealPdfSigner(signers.PdfSigner):
    """pyHanko's PdfSigner, keeping the document at PDF 1.7 (PDF/A-2 is based on ISO 32000-1).

    For an ECDSA key on a curve of ISO/TS 32002, pyHanko declares PDF 2.0 and the ISO 32002 extension. ECDSA
    in a PAdES signature needs neither: ETSI EN 319 142-1 (PAdES) defines it for PDF 1.7 with the ESIC
    extension, which is what we declare; pdfsig, pyHanko and Adobe Reader validate it either way.
    """

    def register_extensions(self, pdf_out, *, md_algorithm: str):
        if self.signature_meta.subfilter == fields.SigSeedSubFilter.PADES:
            pdf_out.ensure_output_version(version=(1, 7))
            pdf_out.register_extension(sign_constants.ESIC_EXTENSION_1)


def pades_seal(pdf: bytes, *, signer: signers.Signer, text: SealText, field_name: str = SEAL_FIELD,
               certify: bool = True) -> bytes:
    """Sign `pdf` (which must have the empty signature field `field_name`) and return the signed bytes."""
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,  # ETSI.CAdES.detached: PAdES baseline (ETSI EN 319 142-1)
        md_algorithm="sha256",
        name=text.name,
        reason=text.reason,
        location=text.location or None,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    reserve = getattr(signer, "reserve", None)
    out = outside_event_loop(lambda: SealPdfSigner(meta, signer, stamp_style=NoOpStampStyle()).sign_pdf(
        writer, existing_fields_only=True, bytes_reserved=reserve,
    ))
    return out.getvalue()


def outside_event_loop(fn):
    """Call `fn` (which uses pyHanko's synchronous API, i.e. asyncio.run) here, or — when this thread already
    runs an event loop (an async view, a Playwright script) — in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()
