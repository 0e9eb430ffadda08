"""The contract tongban.seals.keys offers to sealing and verification (issue 4)."""

import subprocess

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtensionOID, NameOID

from tongban.core.errors import Conflict, NotFound
from tongban.seals import keys
from tongban.seals.models import Seal, SealAuthority
from tongban.seals.services import seal_revoke, seal_rotate


@pytest.mark.django_db
def test_deployment_root_is_created_once_and_is_an_ecdsa_ca():
    root = keys.deployment_root()
    assert SealAuthority.objects.count() == 1
    assert keys.deployment_root() == root  # the same certificate the second time
    assert keys.deployment_root_pem() == root.public_bytes(serialization.Encoding.PEM)
    assert isinstance(root.public_key(), ec.EllipticCurvePublicKey)
    assert root.public_key().curve.name == "secp256r1"
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    usage = root.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign
    root.verify_directly_issued_by(root)


def test_signing_material_signs_with_the_seal_certificate(approval_seal, org_world):
    m = keys.signing_material(approval_seal)
    assert m.seal == approval_seal
    assert isinstance(m.key, ec.EllipticCurvePrivateKey)
    assert m.key.public_key() == m.certificate.public_key()
    assert m.chain == [keys.deployment_root()]  # the issuers, root last
    m.certificate.verify_directly_issued_by(m.chain[-1])
    signature = m.key.sign(b"notice", ec.ECDSA(hashes.SHA256()))
    m.certificate.public_key().verify(signature, b"notice", ec.ECDSA(hashes.SHA256()))
    assert m.sm2_private_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert m.sm2_certificate_pem.startswith(b"-----BEGIN CERTIFICATE-----")
    assert m.sm2_certificate.signature_algorithm_oid.dotted_string == "1.2.156.10197.1.501"


def test_seal_certificate_names_the_department_and_allows_only_signing(approval_seal, org_world):
    cert = keys.signing_material(approval_seal).certificate
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "苏州市行政审批局"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "苏州市行政审批局"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "行政审批专用章"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign and not usage.value.key_encipherment
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    points = cert.extensions.get_extension_for_oid(ExtensionOID.CRL_DISTRIBUTION_POINTS).value
    assert points[0].full_name[0].value == "https://tongban.example.gov.cn/seals/crl.der"


def test_seal_certificate_chain_verifies_with_the_openssl_cli(approval_seal, tmp_path):
    m = keys.signing_material(approval_seal)
    (tmp_path / "root.pem").write_bytes(keys.deployment_root_pem())
    (tmp_path / "seal.pem").write_bytes(m.certificate.public_bytes(serialization.Encoding.PEM))
    out = subprocess.run(
        ["openssl", "verify", "-CAfile", tmp_path / "root.pem", tmp_path / "seal.pem"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "OK" in out.stdout


def test_seal_for_finds_the_current_seal_and_explains_when_there_is_none(approval_seal, org_world):
    assert keys.seal_for(org_world.bureau, Seal.Kind.APPROVAL) == approval_seal
    with pytest.raises(NotFound) as missing:
        keys.seal_for(org_world.bureau, Seal.Kind.INTAKE)
    assert "苏州市行政审批局" in missing.value.detail and "受理专用章" in missing.value.detail


def test_seal_for_follows_rotation_and_refuses_after_revocation(approval_seal, org_world):
    new = seal_rotate(actor=None, seal=approval_seal)
    assert keys.seal_for(org_world.bureau, Seal.Kind.APPROVAL) == new
    seal_revoke(actor=None, seal=new, reason="印章停用")
    with pytest.raises(NotFound):
        keys.seal_for(org_world.bureau, Seal.Kind.APPROVAL)


def test_picture_and_size_of_a_seal(approval_seal):
    png = approval_seal.picture_png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert approval_seal.width_mm == approval_seal.height_mm == 42


def test_is_revoked_and_the_crl_list_a_revoked_seal_certificate(approval_seal):
    m = keys.signing_material(approval_seal)
    assert not keys.is_revoked(m.certificate)
    assert not keys.is_revoked(m.sm2_certificate)
    empty = x509.load_der_x509_crl(keys.crl_der())
    assert empty.is_signature_valid(keys.deployment_root().public_key())
    assert len(empty) == 0

    seal_revoke(actor=None, seal=approval_seal, reason="私钥可能泄露", reason_code=Seal.RevocationReason.KEY_COMPROMISE)
    status = keys.is_revoked(m.certificate)
    assert status.revoked and status.reason == "私钥可能泄露" and status.revoked_at is not None
    assert keys.is_revoked(m.sm2_certificate).revoked

    crl = x509.load_der_x509_crl(keys.crl_der())
    assert crl.is_signature_valid(keys.deployment_root().public_key())
    assert crl.issuer == keys.deployment_root().subject
    entry = crl.get_revoked_certificate_by_serial_number(m.certificate.serial_number)
    assert entry is not None
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.key_compromise
    assert crl.next_update_utc > crl.last_update_utc


def test_a_certificate_from_elsewhere_is_not_reported_revoked(approval_seal):
    key = ec.generate_private_key(ec.SECP256R1())
    m = keys.signing_material(approval_seal)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "other")])
    other = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(m.certificate.serial_number)  # even with a colliding serial
        .not_valid_before(m.certificate.not_valid_before_utc).not_valid_after(m.certificate.not_valid_after_utc)
        .sign(key, hashes.SHA256())
    )
    seal_revoke(actor=None, seal=approval_seal, reason="停用")
    assert not keys.is_revoked(other)
    assert keys.seal_for_certificate(other) is None


def test_signing_material_is_refused_for_a_revoked_or_superseded_seal(approval_seal):
    new = seal_rotate(actor=None, seal=approval_seal)
    with pytest.raises(Conflict) as superseded:
        keys.signing_material(Seal.objects.get(pk=approval_seal.pk))
    assert "更换" in superseded.value.detail
    seal_revoke(actor=None, seal=new, reason="机构撤并")
    with pytest.raises(Conflict) as revoked:
        keys.signing_material(Seal.objects.get(pk=new.pk))
    assert "吊销" in revoked.value.detail


def test_private_keys_are_encrypted_at_rest(approval_seal):
    row = Seal.objects.get(pk=approval_seal.pk)
    for ref in (row.key_ref, row.sm2_key_ref):
        assert "-----BEGIN ENCRYPTED PRIVATE KEY-----" in ref
        assert "-----BEGIN PRIVATE KEY-----" not in ref
    for authority in SealAuthority.objects.all():
        assert "-----BEGIN ENCRYPTED PRIVATE KEY-----" in authority.key_ref


def test_a_different_kek_cannot_use_the_keys(approval_seal, settings):
    from tongban.seals.backends import KeyUnavailable

    settings.TONGBAN_SEAL_KEK = "another-secret-" + "y" * 40
    with pytest.raises(KeyUnavailable) as refused:
        keys.signing_material(approval_seal)
    assert "TONGBAN_SEAL_KEK" in refused.value.detail
