"""The deployment's roots, the seals' signing material, revocation and the CRL.

This is the contract the documents part of issue 4 builds on (PAdES sealing, verification pages, `tongban verify`):

- `deployment_root() -> x509.Certificate`, `deployment_root_pem() -> bytes`: the ECDSA P-256 root that issues
  the PAdES seal certificates; created on first use if missing. Trust it in pdfsig/pyHanko/Adobe to verify.
- `sm2_root_pem() -> bytes`: the SM2 root (制章人 of every GB/T 38540 seal record, issuer of the SM2 certificates).
- `signing_material(seal) -> SigningMaterial`: the keys and certificates to seal with (refused for a revoked,
  superseded or expired seal).
- `crl_der() -> bytes`: the CRL of the ECDSA hierarchy (DER, signed by the deployment root), served at
  TONGBAN_PUBLIC_URL/seals/crl.der — the URL in every seal certificate. `sm2_crl_der()`: the same for SM2.
- `is_revoked(certificate) -> RevocationStatus`: for a seal certificate of either hierarchy.
- `seal_for(department, kind) -> Seal`: the department's current seal of that kind; NotFound otherwise.
- `seal_for_certificate(certificate) -> Seal | None`: which seal a certificate belongs to.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from tongban.core.errors import Conflict, NotFound
from tongban.org.models import Department
from tongban.seals import certs, conf
from tongban.seals.backends import KeyBackend, configured_backend, load_key
from tongban.seals.models import Algorithm, Seal, SealAuthority

__all__ = [
    "RevocationStatus",
    "SigningMaterial",
    "crl_der",
    "deployment_root",
    "deployment_root_pem",
    "ensure_roots",
    "is_revoked",
    "seal_for",
    "seal_for_certificate",
    "signing_material",
    "sm2_crl_der",
    "sm2_root_pem",
]


# ---- roots ---------------------------------------------------------------------------------------------


def _root_subject(algorithm: str) -> certs.Subject:
    org = conf.organization()
    cn = "通办电子印章根证书" + ("（SM2）" if algorithm == Algorithm.SM2 else "")
    return certs.Subject(common_name=cn, organization=org)


def _create_authority(algorithm: str) -> SealAuthority:
    backend_cls = configured_backend()
    key = backend_cls.generate(algorithm=algorithm, label=f"tongban-root-{algorithm}-{uuid.uuid4().hex[:12]}")
    now = timezone.now()
    if algorithm == Algorithm.ECDSA_P256:
        cert = certs.ecdsa_root(key=key.ec_private_key(), subject=_root_subject(algorithm), now=now, years=conf.root_years())
        pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    else:
        der = certs.sm2_root(signer=key, spki_der=key.public_key_der(), subject=_root_subject(algorithm), now=now,
                             years=conf.root_years())
        pem = _der_to_pem(der).decode()
    try:
        with transaction.atomic():
            return SealAuthority.objects.create(
                algorithm=algorithm, certificate_pem=pem, key_backend=backend_cls.name, key_ref=key.ref
            )
    except IntegrityError:
        # Another process created it first: use theirs (ours is dropped; an HSM keeps an unused key object).
        return SealAuthority.objects.get(algorithm=algorithm)


def _authority(algorithm: str) -> SealAuthority:
    found = SealAuthority.objects.filter(algorithm=algorithm).first()
    return found if found is not None else _create_authority(algorithm)


def ensure_roots() -> tuple[SealAuthority, SealAuthority]:
    """Both roots, created if missing (idempotent): `tongban seal init`."""
    return _authority(Algorithm.ECDSA_P256), _authority(Algorithm.SM2)


def deployment_root() -> x509.Certificate:
    """The ECDSA P-256 deployment root certificate (created on first use)."""
    return x509.load_pem_x509_certificate(_authority(Algorithm.ECDSA_P256).certificate_pem.encode())


def deployment_root_pem() -> bytes:
    return _authority(Algorithm.ECDSA_P256).certificate_pem.encode()


def sm2_root_pem() -> bytes:
    """The SM2 root certificate (PEM): the seal maker's certificate and issuer of the SM2 seal certificates."""
    return _authority(Algorithm.SM2).certificate_pem.encode()


def sm2_root_der() -> bytes:
    return x509.load_pem_x509_certificate(sm2_root_pem()).public_bytes(serialization.Encoding.DER)


def root_key(algorithm: str) -> KeyBackend:
    authority = _authority(algorithm)
    return load_key(backend=authority.key_backend, algorithm=algorithm, ref=authority.key_ref)


def _der_to_pem(der: bytes) -> bytes:
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


# ---- issuing a seal's keys and certificates ------------------------------------------------------------


@dataclass(frozen=True)
class IssuedKeys:
    key_backend: str
    certificate_pem: str
    certificate_serial: str
    chain_pem: str
    key_ref: str
    sm2_certificate_pem: str
    sm2_certificate_serial: str
    sm2_key_ref: str
    sm2_certificate_der: bytes
    certificate_der: bytes
    valid_from: datetime
    valid_until: datetime


def seal_subject(department: Department, kind: str) -> certs.Subject:
    """The department name as CN and O (what pdfsig and Adobe show as the signer); the seal kind as OU."""
    return certs.Subject(
        common_name=department.name,
        organization=department.name,
        organizational_unit=str(Seal.Kind(kind).label),
        locality=department.region.name if department.region_id else "",
        # ETSI EN 319 412-1 §5.1.4 semantics identifier: NTR + country + "-" + the registration number.
        organization_identifier=f"NTRCN-{department.uscc}" if department.uscc else "",
    )


def issue_keys(*, department: Department, kind: str, es_id: str) -> IssuedKeys:
    """New ECDSA and SM2 keys for a seal, and their certificates from the two roots."""
    backend_cls = configured_backend()
    now = timezone.now()
    valid_from = now - certs.CLOCK_SKEW
    valid_until = now + timedelta(days=365 * conf.cert_years())
    subject = seal_subject(department, kind)
    label = f"tongban-seal-{es_id}"

    ecdsa_key = backend_cls.generate(algorithm=Algorithm.ECDSA_P256, label=label + "-ecdsa")
    root = deployment_root()
    public = ecdsa_key.ec_private_key().public_key()
    cert = certs.ecdsa_seal_certificate(
        issuer_key=root_key(Algorithm.ECDSA_P256).ec_private_key(),
        issuer=root,
        public_key=public,
        subject=subject,
        serial=certs.new_serial(),
        valid_from=valid_from,
        valid_until=valid_until,
        crl_url=conf.crl_url(),
    )

    sm2_key = backend_cls.generate(algorithm=Algorithm.SM2, label=label + "-sm2")
    sm2_der = certs.sm2_seal_certificate(
        issuer_signer=root_key(Algorithm.SM2),
        issuer_der=sm2_root_der(),
        spki_der=sm2_key.public_key_der(),
        subject=subject,
        serial=certs.new_serial(),
        valid_from=valid_from,
        valid_until=valid_until,
        crl_url=conf.public_url() + "/seals/sm2-crl.der",
    )
    sm2_cert = x509.load_der_x509_certificate(sm2_der)
    return IssuedKeys(
        key_backend=backend_cls.name,
        certificate_pem=cert.public_bytes(serialization.Encoding.PEM).decode(),
        certificate_serial=certs.serial_hex(cert.serial_number),
        chain_pem=deployment_root_pem().decode(),
        key_ref=ecdsa_key.ref,
        sm2_certificate_pem=sm2_cert.public_bytes(serialization.Encoding.PEM).decode(),
        sm2_certificate_serial=certs.serial_hex(sm2_cert.serial_number),
        sm2_key_ref=sm2_key.ref,
        sm2_certificate_der=sm2_der,
        certificate_der=cert.public_bytes(serialization.Encoding.DER),
        valid_from=cert.not_valid_before_utc,
        valid_until=cert.not_valid_after_utc,
    )


def new_code(department: Department, kind: str) -> str:
    """印章编码: 6-digit 行政区划代码 + 2-digit kind + 5 random digits (13 digits, like a public-security seal
    code; the official coding rule for e-seals is not confirmed, so this is only unique within the platform)."""
    kind_no = {Seal.Kind.OFFICIAL: "01", Seal.Kind.APPROVAL: "02", Seal.Kind.INTAKE: "03"}[Seal.Kind(kind)]
    division = department.region.division_code if department.region_id else "000000"
    return f"{division}{kind_no}{secrets.randbelow(10**5):05d}"


def es_id_for(code: str, generation: int) -> str:
    """GB/T 38540 esID: the seal code and the issuance number (IA5String, unique per SES_Seal)."""
    return f"{code}{generation:03d}"


# ---- signing -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SigningMaterial:
    """What sealing a document needs, decrypted in memory for this use only.

    - `key`: the ECDSA P-256 private key (a `cryptography` object; with an HSM, a proxy whose sign() runs there).
    - `certificate`: the seal's ECDSA certificate (PAdES signer certificate).
    - `chain`: the issuers of `certificate`, root last — not including `certificate` itself
      (the full path is `[material.certificate, *material.chain]`).
    - `sm2_private_pem`: the SM2 private key, unencrypted PKCS#8 PEM (for sm2.sm2_sign / ses.sign_detached).
    - `sm2_certificate_pem`: the seal's SM2 certificate.
    - `seal`, `key_backend`, `sm2_key_backend`: the row and the KeyBackend objects behind the keys.
    """

    seal: Seal
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    chain: list[x509.Certificate]
    sm2_private_pem: bytes
    sm2_certificate_pem: bytes
    key_backend: KeyBackend = field(repr=False)
    sm2_key_backend: KeyBackend = field(repr=False)

    @property
    def sm2_certificate(self) -> x509.Certificate:
        """Parsed (cryptography reads SM2 certificates, though it cannot use their keys)."""
        return x509.load_pem_x509_certificate(self.sm2_certificate_pem)


def check_usable(seal: Seal, *, at: datetime | None = None) -> None:
    """Refuse a seal that may no longer seal documents (ServiceError with the reason in Chinese)."""
    at = at or timezone.now()
    if seal.status == Seal.Status.REVOKED:
        raise Conflict(f"印章“{seal.name}”已于 {timezone.localtime(seal.revoked_at):%Y-%m-%d %H:%M} 吊销，不能再用于盖章。",
                       code="seal_revoked")
    if seal.status == Seal.Status.SUPERSEDED:
        raise Conflict(f"印章“{seal.name}”第 {seal.generation} 版已被更换，请使用新版印章。", code="seal_superseded")
    if not seal.valid_from <= at <= seal.valid_until:
        raise Conflict(f"印章“{seal.name}”不在有效期内（{timezone.localtime(seal.valid_from):%Y-%m-%d} 至 "
                       f"{timezone.localtime(seal.valid_until):%Y-%m-%d}）。", code="seal_expired")


def signing_material(seal: Seal) -> SigningMaterial:
    check_usable(seal)
    key = load_key(backend=seal.key_backend, algorithm=Algorithm.ECDSA_P256, ref=seal.key_ref)
    sm2_key = load_key(backend=seal.key_backend, algorithm=Algorithm.SM2, ref=seal.sm2_key_ref)
    return SigningMaterial(
        seal=seal,
        key=key.ec_private_key(),
        certificate=x509.load_pem_x509_certificate(seal.certificate_pem.encode()),
        chain=x509.load_pem_x509_certificates(seal.chain_pem.encode()),
        sm2_private_pem=sm2_key.sm2_private_pem(),
        sm2_certificate_pem=seal.sm2_certificate_pem.encode(),
        key_backend=key,
        sm2_key_backend=sm2_key,
    )


def seal_for(department: Department, kind: str) -> Seal:
    """The department's current (unrevoked, not superseded) seal of `kind`."""
    seal = (
        Seal.objects.select_related("department")
        .filter(department=department, kind=kind, status=Seal.Status.CURRENT)
        .first()
    )
    if seal is None:
        label = Seal.Kind(kind).label if kind in Seal.Kind.values else kind
        raise NotFound(f"{department.name}还没有可用的{label}，请先由系统管理员或部门管理员制作电子印章。",
                       code="seal_not_found")
    return seal


# ---- revocation ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RevocationStatus:
    revoked: bool
    revoked_at: datetime | None = None
    reason: str = ""
    reason_code: str = ""

    def __bool__(self) -> bool:  # `if is_revoked(cert):` reads naturally
        return self.revoked


def seal_for_certificate(certificate: x509.Certificate) -> Seal | None:
    """The seal whose ECDSA or SM2 certificate this is (matched by serial and issuer), or None."""
    serial = certs.serial_hex(certificate.serial_number)
    seal = (
        Seal.objects.select_related("department")
        .filter(Q(certificate_serial=serial) | Q(sm2_certificate_serial=serial))
        .first()
    )
    if seal is None:
        return None
    own = seal.certificate_pem if seal.certificate_serial == serial else seal.sm2_certificate_pem
    stored = x509.load_pem_x509_certificate(own.encode())
    return seal if stored.issuer == certificate.issuer and stored == certificate else None


def is_revoked(certificate: x509.Certificate) -> RevocationStatus:
    """Whether a seal certificate (ECDSA or SM2) is revoked, when and why. Unknown certificates: not revoked
    (the caller decides whether it trusts them at all)."""
    seal = seal_for_certificate(certificate)
    if seal is None or seal.status != Seal.Status.REVOKED:
        return RevocationStatus(False)
    return RevocationStatus(
        True,
        seal.revoked_at,
        seal.revocation_note or str(Seal.RevocationReason(seal.revocation_reason or "unspecified").label),
        seal.revocation_reason or Seal.RevocationReason.UNSPECIFIED,
    )


_REASON_FLAGS = {
    Seal.RevocationReason.UNSPECIFIED: x509.ReasonFlags.unspecified,
    Seal.RevocationReason.KEY_COMPROMISE: x509.ReasonFlags.key_compromise,
    Seal.RevocationReason.AFFILIATION_CHANGED: x509.ReasonFlags.affiliation_changed,
    Seal.RevocationReason.SUPERSEDED: x509.ReasonFlags.superseded,
    Seal.RevocationReason.CESSATION_OF_OPERATION: x509.ReasonFlags.cessation_of_operation,
}


def _revoked_entries(serial_field: str) -> list[certs.RevokedEntry]:
    rows = Seal.objects.filter(status=Seal.Status.REVOKED).order_by("revoked_at", "pk")
    return [
        certs.RevokedEntry(
            serial=int(getattr(s, serial_field), 16),
            revoked_at=s.revoked_at.astimezone(UTC),
            reason=_REASON_FLAGS[Seal.RevocationReason(s.revocation_reason or "unspecified")],
        )
        for s in rows
    ]


def _crl_times() -> tuple[datetime, datetime, int]:
    now = timezone.now().astimezone(UTC).replace(microsecond=0)
    # CRLNumber must increase (RFC 5280 §5.2.3); milliseconds since the epoch do, without a counter to write.
    return now, now + timedelta(days=conf.crl_days()), int(timezone.now().timestamp() * 1000)


def crl_der() -> bytes:
    """The ECDSA hierarchy's CRL, DER, signed by the deployment root; built fresh from the database."""
    now, next_update, number = _crl_times()
    crl = certs.ecdsa_crl(
        issuer_key=root_key(Algorithm.ECDSA_P256).ec_private_key(),
        issuer=deployment_root(),
        entries=_revoked_entries("certificate_serial"),
        now=now,
        next_update=next_update,
        number=number,
    )
    return crl.public_bytes(serialization.Encoding.DER)


def sm2_crl_der() -> bytes:
    """The SM2 hierarchy's CRL, DER, signed SM2-with-SM3 by the SM2 root."""
    now, next_update, number = _crl_times()
    return certs.sm2_crl(
        issuer_signer=root_key(Algorithm.SM2),
        issuer_der=sm2_root_der(),
        entries=_revoked_entries("sm2_certificate_serial"),
        now=now,
        next_update=next_update,
        number=number,
    )
