"""Certificates and CRLs of the deployment's two hierarchies. Pure functions: keys in, DER/objects out.

- ECDSA P-256 (X.509 via `cryptography`): the deployment root and the seal certificates PAdES signs with.
- SM2 (X.509 assembled with asn1crypto and signed through `tongban.seals.sm2`, since `cryptography` has no SM2):
  the SM2 root and the seal SM2 certificates, signature algorithm SM2-with-SM3 (1.2.156.10197.1.501, no
  parameters — as `openssl req -sm3` writes it).

A signer is anything with `sign(data) -> DER signature` (a `keys.KeyBackend`); for ECDSA the builders take the
`cryptography` private-key object the backend exposes (a real key, or an HSM proxy).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from asn1crypto import algos as a_algos
from asn1crypto import core as a_core
from asn1crypto import crl as a_crl
from asn1crypto import keys as a_keys
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tongban.seals.sm2 import OID_SM2_WITH_SM3

CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class Subject:
    """Who a certificate names. Department certificates carry the department name as CN and O (issue 4)."""

    common_name: str
    organization: str
    organizational_unit: str = ""
    locality: str = ""
    organization_identifier: str = ""  # 统一社会信用代码, when the department has one
    country: str = "CN"

    def to_x509(self) -> x509.Name:
        attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, self.country)]
        if self.locality:
            attrs.append(x509.NameAttribute(NameOID.LOCALITY_NAME, self.locality))
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.organization))
        if self.organizational_unit:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, self.organizational_unit))
        if self.organization_identifier:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, self.organization_identifier))
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, self.common_name))
        return x509.Name(attrs)

    def to_asn1(self) -> a_x509.Name:
        return a_x509.Name.load(self.to_x509().public_bytes())


def new_serial() -> int:
    """A positive serial of 159 random bits (RFC 5280 §4.1.2.2: at most 20 octets; CA/B: ≥ 64 random bits)."""
    return secrets.randbits(159) | (1 << 64)


def serial_hex(serial: int) -> str:
    return format(serial, "x")


# ---- ECDSA P-256 -----------------------------------------------------------------------------------------


def ecdsa_root(*, key: ec.EllipticCurvePrivateKey, subject: Subject, now: datetime, years: int) -> x509.Certificate:
    name = subject.to_x509()
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(new_serial())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_ca_key_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    return builder.sign(key, hashes.SHA256())


def ecdsa_seal_certificate(
    *,
    issuer_key: ec.EllipticCurvePrivateKey,
    issuer: x509.Certificate,
    public_key: ec.EllipticCurvePublicKey,
    subject: Subject,
    serial: int,
    valid_from: datetime,
    valid_until: datetime,
    crl_url: str,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject.to_x509())
        .issuer_name(issuer.subject)
        .public_key(public_key)
        .serial_number(serial)
        .not_valid_before(valid_from)
        .not_valid_after(min(valid_until, issuer.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_seal_key_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
            ),
            critical=False,
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]
            ),
            critical=False,
        )
    )
    return builder.sign(issuer_key, hashes.SHA256())


def _ca_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
    )


def _seal_key_usage() -> x509.KeyUsage:
    # digitalSignature + nonRepudiation (content_commitment): a seal commits the agency to the content.
    return x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False,
    )


@dataclass(frozen=True)
class RevokedEntry:
    serial: int
    revoked_at: datetime
    reason: x509.ReasonFlags


def ecdsa_crl(
    *, issuer_key: ec.EllipticCurvePrivateKey, issuer: x509.Certificate, entries: Iterable[RevokedEntry],
    now: datetime, next_update: datetime, number: int,
) -> x509.CertificateRevocationList:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.subject)
        .last_update(now)
        .next_update(next_update)
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
            ),
            critical=False,
        )
    )
    for entry in entries:
        revoked = (
            x509.RevokedCertificateBuilder()
            .serial_number(entry.serial)
            .revocation_date(entry.revoked_at)
            .add_extension(x509.CRLReason(entry.reason), critical=False)
            .build()
        )
        builder = builder.add_revoked_certificate(revoked)
    return builder.sign(issuer_key, hashes.SHA256())


# ---- SM2 ---------------------------------------------------------------------------------------------------


def _sm2_algorithm() -> a_algos.SignedDigestAlgorithm:
    return a_algos.SignedDigestAlgorithm({"algorithm": OID_SM2_WITH_SM3})


def _key_id(spki_der: bytes) -> bytes:
    # RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's bytes.
    info = a_keys.PublicKeyInfo.load(spki_der)
    return hashlib.sha1(info["public_key"].contents[1:]).digest()  # noqa: S324 - an identifier, not security


def _time(value: datetime) -> a_x509.Time:
    # RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime after.
    return a_x509.Time({"utc_time" if value.year < 2050 else "general_time": value})


def _sm2_certificate(
    *, signer, issuer_name: a_x509.Name, issuer_key_id: bytes, subject: a_x509.Name, spki_der: bytes,
    serial: int, valid_from: datetime, valid_until: datetime, ca: bool, crl_url: str | None,
) -> bytes:
    extensions = [
        {"extn_id": "basic_constraints", "critical": True,
         "extn_value": {"ca": True, "path_len_constraint": 0} if ca else {"ca": False}},
        {"extn_id": "key_usage", "critical": True,
         "extn_value": {"key_cert_sign", "crl_sign"} if ca else {"digital_signature", "non_repudiation"}},
        {"extn_id": "key_identifier", "critical": False, "extn_value": _key_id(spki_der)},
        {"extn_id": "authority_key_identifier", "critical": False, "extn_value": {"key_identifier": issuer_key_id}},
    ]
    if crl_url:
        extensions.append({
            "extn_id": "crl_distribution_points", "critical": False,
            "extn_value": [{"distribution_point": a_x509.DistributionPointName(
                name="full_name",
                value=[a_x509.GeneralName(name="uniform_resource_identifier", value=crl_url)],
            )}],
        })
    tbs = a_x509.TbsCertificate({
        "version": "v3",
        "serial_number": serial,
        "signature": _sm2_algorithm(),
        "issuer": issuer_name,
        "validity": {"not_before": _time(valid_from), "not_after": _time(valid_until)},
        "subject": subject,
        "subject_public_key_info": a_keys.PublicKeyInfo.load(spki_der),
        "extensions": extensions,
    })
    signature = signer.sign(tbs.dump())
    cert = a_x509.Certificate({
        "tbs_certificate": tbs,
        "signature_algorithm": _sm2_algorithm(),
        "signature_value": a_core.OctetBitString(signature),
    })
    return cert.dump()


def sm2_root(*, signer, spki_der: bytes, subject: Subject, now: datetime, years: int) -> bytes:
    """A self-signed SM2 root (DER)."""
    name = subject.to_asn1()
    return _sm2_certificate(
        signer=signer, issuer_name=name, issuer_key_id=_key_id(spki_der), subject=name, spki_der=spki_der,
        serial=new_serial(), valid_from=now - CLOCK_SKEW, valid_until=now + timedelta(days=365 * years),
        ca=True, crl_url=None,
    )


def sm2_seal_certificate(
    *, issuer_signer, issuer_der: bytes, spki_der: bytes, subject: Subject, serial: int,
    valid_from: datetime, valid_until: datetime, crl_url: str | None,
) -> bytes:
    issuer = a_x509.Certificate.load(issuer_der)
    not_after = issuer["tbs_certificate"]["validity"]["not_after"].native
    return _sm2_certificate(
        signer=issuer_signer, issuer_name=issuer.subject, issuer_key_id=issuer.key_identifier, subject=subject.to_asn1(),
        spki_der=spki_der, serial=serial, valid_from=valid_from, valid_until=min(valid_until, not_after),
        ca=False, crl_url=crl_url,
    )


_REASONS = {
    x509.ReasonFlags.unspecified: "unspecified",
    x509.ReasonFlags.key_compromise: "key_compromise",
    x509.ReasonFlags.affiliation_changed: "affiliation_changed",
    x509.ReasonFlags.superseded: "superseded",
    x509.ReasonFlags.cessation_of_operation: "cessation_of_operation",
}


def sm2_crl(
    *, issuer_signer, issuer_der: bytes, entries: Iterable[RevokedEntry], now: datetime, next_update: datetime,
    number: int,
) -> bytes:
    """A CRL for the SM2 hierarchy, signed SM2-with-SM3 by the SM2 root."""
    issuer = a_x509.Certificate.load(issuer_der)
    revoked = [
        {
            "user_certificate": e.serial,
            "revocation_date": _time(e.revoked_at),
            "crl_entry_extensions": [{"extn_id": "crl_reason", "critical": False, "extn_value": _REASONS[e.reason]}],
        }
        for e in entries
    ]
    fields = {
        "version": "v2",
        "signature": _sm2_algorithm(),
        "issuer": issuer.subject,
        "this_update": _time(now),
        "next_update": _time(next_update),
        "crl_extensions": [
            {"extn_id": "crl_number", "critical": False, "extn_value": number},
            {"extn_id": "authority_key_identifier", "critical": False,
             "extn_value": {"key_identifier": issuer.key_identifier}},
        ],
    }
    if revoked:  # RFC 5280 §5.1.2.6: absent, not empty, when nothing is revoked
        fields["revoked_certificates"] = revoked
    tbs = a_crl.TbsCertList(fields)
    return a_crl.CertificateList({
        "tbs_cert_list": tbs,
        "signature_algorithm": _sm2_algorithm(),
        "signature": a_core.OctetBitString(issuer_signer.sign(tbs.dump())),
    }).dump()
