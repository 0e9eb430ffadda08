"""GB/T 38540 seal records and detached SM2 signatures over documents."""

import subprocess
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.utils import timezone

from tongban.core.errors import Conflict
from tongban.seals import keys, ses, sm2
from tongban.seals.gbt38540 import SesSeal, SesSignature
from tongban.seals.models import Seal
from tongban.seals.services import seal_create, seal_revoke, seal_rotate

DOCUMENT = "苏州市行政审批局 受理通知书 苏审受〔2026〕第 0001 号".encode() * 20


def _der(pem: bytes) -> bytes:
    return x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)


def test_the_seal_record_carries_every_gbt38540_field(approval_seal):
    record = SesSeal.load(bytes(approval_seal.ses_seal_der))
    info = record["e_seal_info"]
    assert info["header"].native == {"id": "ES", "version": 4, "vid": "TONGBAN"}
    assert info["es_id"].native == approval_seal.es_id
    prop = info["property"]
    assert prop["name"].native == "苏州市行政审批局行政审批专用章"
    assert prop["cert_list_type"].native == 1
    assert prop["cert_list"].native == [_der(approval_seal.sm2_certificate_pem.encode()), _der(approval_seal.certificate_pem.encode())]
    assert prop["valid_start"].native <= prop["create_date"].native < prop["valid_end"].native
    picture = info["picture"]
    assert picture["type"].native == "PNG"
    assert picture["data"].native == approval_seal.picture_png()
    assert (picture["width"].native, picture["height"].native) == (42, 42)
    assert record["sign_alg_id"].dotted == "1.2.156.10197.1.501"
    assert record["cert"].native == keys.sm2_root_der()


def test_the_seal_record_signature_verifies_with_the_openssl_cli(approval_seal, tmp_path):
    record = SesSeal.load(bytes(approval_seal.ses_seal_der))
    (tmp_path / "info.der").write_bytes(record["e_seal_info"].dump())
    (tmp_path / "sig.der").write_bytes(record["signed_value"].native)
    (tmp_path / "maker.pem").write_bytes(keys.sm2_root_pem())
    subprocess.run(["openssl", "x509", "-in", "maker.pem", "-pubkey", "-noout", "-out", "pub.pem"], cwd=tmp_path, check=True)
    out = subprocess.run(
        ["openssl", "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678", "-signature", "sig.der", "info.der"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert "Verified OK" in out.stdout, out.stderr


def test_sign_and_verify_a_document(approval_seal):
    signature = ses.sign_detached(approval_seal, DOCUMENT, property_info="notice-0001.pdf")
    result = ses.verify_detached(DOCUMENT, signature)
    assert result.valid, result.reason
    assert result.reason == ""
    assert result.seal_name == "苏州市行政审批局行政审批专用章"
    assert result.department == "苏州市行政审批局"
    assert result.es_id == approval_seal.es_id
    assert result.seal_id == approval_seal.pk
    assert abs(result.signed_at - timezone.now()) < timedelta(minutes=1)
    assert result.certificate.serial_number == int(approval_seal.sm2_certificate_serial, 16)
    assert not result.revoked
    parsed = SesSignature.load(signature)
    assert parsed["to_sign"]["version"].native == 4
    assert parsed["to_sign"]["data_hash"].native == sm2.sm3(DOCUMENT)
    assert parsed["to_sign"]["property_info"].native == "notice-0001.pdf"
    assert parsed["signature_alg_id"].dotted == "1.2.156.10197.1.501"


def test_the_document_signature_verifies_with_the_openssl_cli(approval_seal, tmp_path):
    parsed = SesSignature.load(ses.sign_detached(approval_seal, DOCUMENT))
    (tmp_path / "tbs.der").write_bytes(parsed["to_sign"].dump())
    (tmp_path / "sig.der").write_bytes(parsed["signature"].native)
    (tmp_path / "signer.pem").write_bytes(approval_seal.sm2_certificate_pem.encode())
    subprocess.run(["openssl", "x509", "-in", "signer.pem", "-pubkey", "-noout", "-out", "pub.pem"], cwd=tmp_path, check=True)
    out = subprocess.run(
        ["openssl", "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678", "-signature", "sig.der", "tbs.der"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert "Verified OK" in out.stdout, out.stderr
    # and dataHash is the SM3 of the document as the CLI computes it
    (tmp_path / "doc.bin").write_bytes(DOCUMENT)
    digest = subprocess.run(["openssl", "dgst", "-sm3", "-r", "doc.bin"], cwd=tmp_path, capture_output=True, text=True)
    assert digest.stdout.split()[0] == parsed["to_sign"]["data_hash"].native.hex()


def test_a_changed_document_is_invalid(approval_seal):
    signature = ses.sign_detached(approval_seal, DOCUMENT)
    changed = DOCUMENT.replace(b"0001", b"0002", 1)
    result = ses.verify_detached(changed, signature)
    assert not result.valid
    assert "文件已被修改" in result.reason
    assert result.seal_name  # it still says whose seal it claims to be
    assert not ses.verify_detached(DOCUMENT + b"\n", signature).valid


def test_a_changed_signature_is_invalid(approval_seal):
    signature = bytearray(ses.sign_detached(approval_seal, DOCUMENT))
    parsed = SesSignature.load(bytes(signature))
    # flip a bit in the signing time inside TBS_Sign
    time_der = parsed["to_sign"]["time_info"].dump()
    at = bytes(signature).index(time_der) + len(time_der) - 3
    signature[at] ^= 0x01
    result = ses.verify_detached(DOCUMENT, bytes(signature))
    assert not result.valid
    assert "篡改" in result.reason or "无法解析" in result.reason


def test_a_changed_seal_record_is_invalid(approval_seal):
    """Swap the seal name inside the embedded SES_Seal and re-sign TBS_Sign with the seal key: the seal
    maker's signature no longer matches."""
    material = keys.signing_material(approval_seal)
    parsed = SesSignature.load(ses.sign_detached(approval_seal, DOCUMENT))
    tbs = parsed["to_sign"]
    forged_seal = SesSeal.load(bytes(approval_seal.ses_seal_der))
    forged_seal["e_seal_info"]["property"]["name"] = "苏州市人民政府"
    tbs["eseal"] = SesSeal.load(forged_seal.dump())
    parsed["signature"] = sm2.sm2_sign(material.sm2_private_pem, tbs.dump())
    result = ses.verify_detached(DOCUMENT, parsed.dump())
    assert not result.valid
    assert "印章数据已被篡改" in result.reason


def test_garbage_is_invalid_not_an_error():
    result = ses.verify_detached(DOCUMENT, b"not a signature at all")
    assert not result.valid and "无法解析" in result.reason
    assert not ses.verify_detached(DOCUMENT, b"").valid


def test_a_signature_from_another_deployment_is_not_trusted(approval_seal, django_db_blocker):
    """Another Tongban with its own SM2 root: its seal record is well-formed but not made by our root."""
    from tongban.seals.models import SealAuthority

    signature = ses.sign_detached(approval_seal, DOCUMENT)
    SealAuthority.objects.all().delete()  # this deployment now has different roots
    keys.ensure_roots()
    result = ses.verify_detached(DOCUMENT, signature)
    assert not result.valid
    assert "无法信任" in result.reason


def test_a_seal_revoked_after_signing_still_verifies_but_says_so(approval_seal):
    signature = ses.sign_detached(approval_seal, DOCUMENT)
    seal_revoke(actor=None, seal=approval_seal, reason="机构撤并", reason_code=Seal.RevocationReason.CESSATION_OF_OPERATION)
    result = ses.verify_detached(DOCUMENT, signature)
    assert result.valid, result.reason
    assert result.revoked and result.revoked_at is not None and result.revocation_reason == "机构撤并"


def test_key_compromise_invalidates_every_signature(approval_seal):
    signature = ses.sign_detached(approval_seal, DOCUMENT)
    seal_revoke(actor=None, seal=approval_seal, reason="私钥泄露", reason_code=Seal.RevocationReason.KEY_COMPROMISE)
    result = ses.verify_detached(DOCUMENT, signature)
    assert not result.valid and result.revoked
    assert "吊销" in result.reason and "私钥泄露" in result.reason


def test_a_signature_dated_after_revocation_is_invalid(approval_seal):
    signature = ses.sign_detached(approval_seal, DOCUMENT, when=timezone.now() + timedelta(hours=1))
    seal_revoke(actor=None, seal=approval_seal, reason="停用")
    result = ses.verify_detached(DOCUMENT, signature)
    assert not result.valid and "吊销" in result.reason


def test_a_revoked_seal_cannot_sign(approval_seal):
    seal_revoke(actor=None, seal=approval_seal, reason="停用")
    with pytest.raises(Conflict):
        ses.sign_detached(Seal.objects.get(pk=approval_seal.pk), DOCUMENT)


def test_documents_signed_before_a_rotation_still_verify(approval_seal):
    old_signature = ses.sign_detached(approval_seal, DOCUMENT)
    new = seal_rotate(actor=None, seal=approval_seal)
    new_signature = ses.sign_detached(new, DOCUMENT)
    old_result, new_result = ses.verify_detached(DOCUMENT, old_signature), ses.verify_detached(DOCUMENT, new_signature)
    assert old_result.valid and new_result.valid
    assert old_result.es_id != new_result.es_id
    assert old_result.seal_name == new_result.seal_name


def test_an_uploaded_svg_picture_is_what_the_record_carries(org_world):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        b'<circle cx="50" cy="50" r="46" fill="none" stroke="#d6001c" stroke-width="4"/></svg>'
    )
    seal = seal_create(actor=None, department=org_world.market, kind=Seal.Kind.OFFICIAL, picture=svg)
    info = SesSeal.load(bytes(seal.ses_seal_der))["e_seal_info"]
    assert info["picture"]["type"].native == "SVG"
    assert info["picture"]["data"].native == svg
    assert seal.picture_png().startswith(b"\x89PNG")  # rasterised for PDFs
    assert ses.verify_detached(DOCUMENT, ses.sign_detached(seal, DOCUMENT)).valid
