"""The SM2 hierarchy: certificates Tongban issues are valid X.509 for OpenSSL 3, and the SM2 CRL is signed."""

import base64
import subprocess

from asn1crypto import crl as a_crl
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from tongban.seals import keys, sm2
from tongban.seals.models import Seal
from tongban.seals.services import seal_revoke


def _verify(tmp_path, *extra):
    return subprocess.run(
        ["openssl", "verify", *extra, "-CAfile", str(tmp_path / "sm2root.pem"), str(tmp_path / "seal-sm2.pem")],
        capture_output=True,
        text=True,
    )


def test_the_sm2_seal_certificate_verifies_with_openssl_verify(approval_seal, tmp_path):
    (tmp_path / "sm2root.pem").write_bytes(keys.sm2_root_pem())
    (tmp_path / "seal-sm2.pem").write_bytes(keys.signing_material(approval_seal).sm2_certificate_pem)
    # OpenSSL 3.0's `verify` checks SM2 certificate signatures with an empty distinguishing ID unless told the
    # GB/T 35276 default with -vfyopt; the option applies to the certificate being verified only.
    out = _verify(tmp_path, "-vfyopt", "distid:1234567812345678")
    assert out.returncode == 0, out.stderr
    assert "OK" in out.stdout
    # The root's self-signature: `verify` cannot check it in 3.0 (the trusted copy from -CAfile has no
    # distinguishing ID), so check it with `openssl dgst` over the root's own TBSCertificate.
    root = a_x509.Certificate.load(x509.load_pem_x509_certificate(keys.sm2_root_pem()).public_bytes(serialization.Encoding.DER))
    (tmp_path / "tbs.der").write_bytes(root["tbs_certificate"].dump())
    (tmp_path / "sig.der").write_bytes(root["signature_value"].native)
    subprocess.run(["openssl", "x509", "-in", "sm2root.pem", "-pubkey", "-noout", "-out", "rootpub.pem"], cwd=tmp_path, check=True)
    out = subprocess.run(
        ["openssl", "dgst", "-sm3", "-verify", "rootpub.pem", "-sigopt", "distid:1234567812345678", "-signature", "sig.der",
         "tbs.der"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert "Verified OK" in out.stdout, out.stderr


def test_openssl_rejects_a_tampered_sm2_certificate(approval_seal, tmp_path):
    der = bytearray(x509.load_pem_x509_certificate(keys.signing_material(approval_seal).sm2_certificate_pem).public_bytes(
        serialization.Encoding.DER
    ))
    cert = a_x509.Certificate.load(bytes(der))
    # Change one byte inside the subject (the department name) and keep the old signature.
    name = cert.subject.dump()
    at = bytes(der).index(name) + len(name) - 1
    der[at] ^= 0x01
    (tmp_path / "sm2root.pem").write_bytes(keys.sm2_root_pem())
    pem = b"-----BEGIN CERTIFICATE-----\n" + base64.encodebytes(bytes(der)) + b"-----END CERTIFICATE-----\n"
    (tmp_path / "seal-sm2.pem").write_bytes(pem)
    out = _verify(tmp_path, "-vfyopt", "distid:1234567812345678")
    assert out.returncode != 0


def test_sm2_certificate_fields(approval_seal):
    cert = a_x509.Certificate.load(
        x509.load_pem_x509_certificate(keys.signing_material(approval_seal).sm2_certificate_pem).public_bytes(
            serialization.Encoding.DER
        )
    )
    assert cert["signature_algorithm"]["algorithm"].dotted == "1.2.156.10197.1.501"
    assert cert["signature_algorithm"]["parameters"].native is None  # as `openssl req -sm3` writes it
    spki = cert["tbs_certificate"]["subject_public_key_info"]["algorithm"]
    assert spki["algorithm"].dotted == "1.2.840.10045.2.1"  # id-ecPublicKey
    assert spki["parameters"].chosen.dotted == "1.2.156.10197.1.301"  # the SM2 curve
    assert cert.key_usage_value.native == {"digital_signature", "non_repudiation"}
    assert cert.subject.native["organization_name"] == "苏州市行政审批局"
    assert cert.issuer == a_x509.Certificate.load(
        x509.load_pem_x509_certificate(keys.sm2_root_pem()).public_bytes(
            serialization.Encoding.DER
        )
    ).subject


def test_the_sm2_crl_is_signed_by_the_sm2_root_and_lists_revoked_seals(approval_seal):
    serial = int(approval_seal.sm2_certificate_serial, 16)
    seal_revoke(actor=None, seal=approval_seal, reason="机构撤并", reason_code=Seal.RevocationReason.CESSATION_OF_OPERATION)
    crl = a_crl.CertificateList.load(keys.sm2_crl_der())
    assert crl["signature_algorithm"]["algorithm"].dotted == "1.2.156.10197.1.501"
    assert sm2.sm2_verify(keys.sm2_root_pem(), crl["tbs_cert_list"].dump(), crl["signature"].native)
    entries = crl["tbs_cert_list"]["revoked_certificates"]
    assert [e["user_certificate"].native for e in entries] == [serial]
    assert entries[0]["crl_entry_extensions"][0]["extn_value"].native == "cessation_of_operation"
