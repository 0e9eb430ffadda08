"""The PKCS#11 key backend against SoftHSM2 (Debian package softhsm2): ECDSA keys live in the token.

Skipped where SoftHSM2 or python-pkcs11 is not installed (scripts/ensure-debian-packages installs softhsm2).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from tongban.seals import keys, ses
from tongban.seals.backends import KeyUnavailable, Pkcs11EcPrivateKey
from tongban.seals.models import Seal, SealAuthority
from tongban.seals.services import seal_create, seal_revoke

MODULE = next(
    (p for p in ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so") if Path(p).exists()),
    None,
)
pytestmark = [
    pytest.mark.skipif(MODULE is None or shutil.which("softhsm2-util") is None, reason="SoftHSM2 is not installed"),
]
pkcs11 = pytest.importorskip("pkcs11")

TOKEN, PIN, SO_PIN = "tongban-test", "1234", "123456"


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory):
    """A fresh SoftHSM2 token in a temporary directory (SOFTHSM2_CONF is read when the library initialises)."""
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", SO_PIN],
        check=True, capture_output=True,
    )
    return TOKEN


@pytest.fixture
def hsm(settings, softhsm_token):
    settings.TONGBAN_SEAL_KEY_BACKEND = "pkcs11"
    settings.TONGBAN_SEAL_PKCS11_MODULE = MODULE
    settings.TONGBAN_SEAL_PKCS11_TOKEN_LABEL = softhsm_token
    settings.TONGBAN_SEAL_PKCS11_PIN = PIN


def test_roots_and_seal_keys_are_generated_in_the_token(hsm, org_world):
    seal = seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.APPROVAL)
    ecdsa_root = SealAuthority.objects.get(algorithm="ecdsa-p256")
    assert ecdsa_root.key_backend == "pkcs11" and ecdsa_root.key_ref.startswith("pkcs11:")
    assert seal.key_backend == "pkcs11" and seal.key_ref.startswith("pkcs11:")
    # No standard PKCS#11 SM2 mechanism: SM2 keys stay encrypted in the database.
    assert seal.sm2_key_ref.startswith("database:")
    assert "PRIVATE KEY" not in seal.key_ref

    m = keys.signing_material(seal)
    assert isinstance(m.key, Pkcs11EcPrivateKey)
    assert m.key.public_key() == m.certificate.public_key()
    m.certificate.verify_directly_issued_by(keys.deployment_root())  # the root signed it from inside the token
    keys.deployment_root().verify_directly_issued_by(keys.deployment_root())
    signature = m.key.sign(b"notice", ec.ECDSA(hashes.SHA256()))
    m.certificate.public_key().verify(signature, b"notice", ec.ECDSA(hashes.SHA256()))
    # and the SM2 side still works
    assert ses.verify_detached(b"doc", ses.sign_detached(seal, b"doc")).valid


def test_the_private_key_cannot_leave_the_token(hsm, org_world):
    from cryptography.hazmat.primitives import serialization

    seal = seal_create(actor=None, department=org_world.market, kind=Seal.Kind.OFFICIAL)
    key = keys.signing_material(seal).key
    with pytest.raises(KeyUnavailable):
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with pytest.raises(KeyUnavailable):
        key.private_numbers()


def test_the_crl_is_signed_in_the_token(hsm, org_world):
    seal = seal_create(actor=None, department=org_world.health, kind=Seal.Kind.OFFICIAL)
    seal_revoke(actor=None, seal=seal, reason="停用")
    crl = x509.load_der_x509_crl(keys.crl_der())
    assert crl.is_signature_valid(keys.deployment_root().public_key())
    assert len(crl) == 1


def test_a_wrong_pin_is_a_clear_error(hsm, settings, org_world):
    settings.TONGBAN_SEAL_PKCS11_PIN = "0000"
    with pytest.raises(KeyUnavailable) as refused:
        seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.APPROVAL)
    assert "PKCS#11" in refused.value.detail
    assert not Seal.objects.exists()
