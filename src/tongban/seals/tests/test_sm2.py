"""SM2/SM3 through libcrypto, proven against the `openssl` CLI (OpenSSL 3) in both directions."""

import subprocess

import pytest

from tongban.seals import sm2

DISTID = "distid:1234567812345678"


def _openssl(*args, cwd, check=True):
    out = subprocess.run(["openssl", *map(str, args)], cwd=cwd, capture_output=True, text=True)
    if check:
        assert out.returncode == 0, out.stderr
    return out


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes("受理通知书：申请材料齐全，符合法定形式，决定予以受理。\n".encode() * 50)
    return path


def test_a_signature_made_by_tongban_verifies_with_openssl_dgst(tmp_path, document):
    key = sm2.Sm2PrivateKey.generate()
    (tmp_path / "pub.pem").write_bytes(key.public_key().public_pem())
    (tmp_path / "sig.der").write_bytes(sm2.sm2_sign(key.private_pem(), document.read_bytes()))
    out = _openssl("dgst", "-sm3", "-verify", "pub.pem", "-sigopt", DISTID, "-signature", "sig.der", document, cwd=tmp_path)
    assert "Verified OK" in out.stdout


def test_openssl_dgst_rejects_a_tongban_signature_over_changed_bytes(tmp_path, document):
    key = sm2.Sm2PrivateKey.generate()
    (tmp_path / "pub.pem").write_bytes(key.public_key().public_pem())
    (tmp_path / "sig.der").write_bytes(key.sign(document.read_bytes()))
    document.write_bytes(document.read_bytes().replace("予以受理".encode(), "不予受理".encode(), 1))
    out = _openssl(
        "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", DISTID, "-signature", "sig.der", document, cwd=tmp_path, check=False
    )
    assert out.returncode != 0 and "Verification failure" in out.stdout


def test_a_signature_made_by_openssl_verifies_in_tongban(tmp_path, document):
    _openssl("genpkey", "-algorithm", "SM2", "-out", "key.pem", cwd=tmp_path)
    _openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem", cwd=tmp_path)
    _openssl("dgst", "-sm3", "-sign", "key.pem", "-sigopt", DISTID, "-out", "sig.der", document, cwd=tmp_path)
    public_pem = (tmp_path / "pub.pem").read_bytes()
    signature = (tmp_path / "sig.der").read_bytes()
    data = document.read_bytes()
    assert sm2.sm2_verify(public_pem, data, signature)
    assert not sm2.sm2_verify(public_pem, data + b"!", signature)  # one byte more
    tampered = bytearray(signature)
    tampered[-3] ^= 0x01
    assert not sm2.sm2_verify(public_pem, data, bytes(tampered))
    # The default distinguishing ID matters: the CLI without -sigopt uses an empty ID in OpenSSL 3.0.
    assert not sm2.sm2_verify(public_pem, data, signature, distid=b"")


def test_a_key_generated_by_openssl_loads_and_signs_in_tongban(tmp_path, document):
    _openssl("genpkey", "-algorithm", "SM2", "-out", "key.pem", cwd=tmp_path)
    _openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem", cwd=tmp_path)
    signature = sm2.sm2_sign((tmp_path / "key.pem").read_bytes(), document.read_bytes())
    (tmp_path / "sig.der").write_bytes(signature)
    out = _openssl("dgst", "-sm3", "-verify", "pub.pem", "-sigopt", DISTID, "-signature", "sig.der", document, cwd=tmp_path)
    assert "Verified OK" in out.stdout


def test_a_tongban_key_is_read_by_openssl(tmp_path):
    pem = sm2.sm2_generate()
    (tmp_path / "key.pem").write_bytes(pem)
    out = _openssl("pkey", "-in", "key.pem", "-noout", "-text", cwd=tmp_path)
    assert "ASN1 OID: SM2" in out.stdout


def test_an_encrypted_key_round_trips_and_openssl_decrypts_it(tmp_path):
    pem = sm2.sm2_generate()
    encrypted = sm2.sm2_encrypt_private_pem(pem, b"kek-password")
    assert encrypted.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert sm2.sm2_decrypt_private_pem(encrypted, b"kek-password") == pem
    with pytest.raises(sm2.Sm2Error):
        sm2.sm2_decrypt_private_pem(encrypted, b"wrong")
    (tmp_path / "enc.pem").write_bytes(encrypted)
    out = _openssl("pkey", "-in", "enc.pem", "-passin", "pass:kek-password", cwd=tmp_path)
    assert out.stdout.encode() == pem


def test_verify_accepts_a_certificate_and_rejects_a_non_sm2_key():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = sm2.Sm2PrivateKey.generate()
    signature = key.sign(b"x")
    assert sm2.sm2_verify(key.public_key().spki_der(), b"x", signature)  # DER SubjectPublicKeyInfo
    p256 = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(sm2.Sm2Error):
        sm2.sm2_verify(p256, b"x", signature)
    assert not sm2.sm2_verify(key.public_key(), b"x", b"not a signature")


def test_signatures_are_randomised_and_each_verifies():
    key = sm2.Sm2PrivateKey.generate()
    a, b = key.sign(b"same"), key.sign(b"same")
    assert a != b  # SM2 uses a fresh k per signature
    assert key.verify(b"same", a) and key.verify(b"same", b)


def test_sm3_matches_the_standard_test_vector():
    # GB/T 32905-2016 Appendix A, example 1: "abc".
    assert sm2.sm3(b"abc").hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
