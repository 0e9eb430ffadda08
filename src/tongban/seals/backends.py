"""Where private keys live: the `KeyBackend` interface, the database backend (default) and a PKCS#11 backend.

A `KeyBackend` is one private key that signs. It is made by `<Backend>.generate(algorithm=…, label=…)`, or loaded
from the reference stored in the database by `load_key(backend_name, algorithm, ref)`. It offers:

- `sign(data) -> bytes`: a DER signature — ECDSA with SHA-256 for `ecdsa-p256`; SM2-with-SM3 with the
  default distinguishing ID for `sm2`;
- `public_key_der() -> bytes`: SubjectPublicKeyInfo;
- `ref`: the text to store (an encrypted PKCS#8 PEM, or `pkcs11:<label>`);
- `ec_private_key()`: for ECDSA, a `cryptography` EllipticCurvePrivateKey (the real key, or an HSM proxy whose
  `sign()` runs on the token) — what certificate builders and PAdES signers take;
- `sm2_private_pem()`: for SM2 in the database backend, the unencrypted PEM, for the `openssl`-compatible paths.

Selecting the backend: setting `TONGBAN_SEAL_KEY_BACKEND` = `database` (default) or `pkcs11`. It applies to
keys generated from then on; each stored key remembers the backend that holds it, so a deployment can move to an
HSM without re-issuing existing seals.

SM2 under PKCS#11: PKCS#11 (v2.40/3.0) defines no SM2 mechanism — Chinese HSMs expose SM2 through the
GM/T 0018 SDF interface or vendor-defined PKCS#11 mechanisms. So with `pkcs11`, ECDSA keys (the roots and
the PAdES seal keys) are generated in the HSM and SM2 keys stay in the database backend, encrypted under
TONGBAN_SEAL_KEK. A vendor SM2 backend is one more subclass of `KeyBackend` (docs/adr/0009-seals-and-keys.md).
"""

from __future__ import annotations

import functools
import hashlib
from abc import ABC, abstractmethod
from typing import ClassVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed, encode_dss_signature

from tongban.core.errors import ServiceError
from tongban.seals import conf
from tongban.seals.models import Algorithm
from tongban.seals.sm2 import Sm2Error, Sm2PrivateKey


class KeyUnavailable(ServiceError):
    """A private key cannot be used: wrong TONGBAN_SEAL_KEK, damaged data, or an HSM that does not answer."""

    status = 503
    code = "seal_key_unavailable"
    title = "印章密钥不可用"


class KeyBackend(ABC):
    """One private key that signs (see the module docstring)."""

    name: ClassVar[str]

    def __init__(self, *, algorithm: str, ref: str):
        self.algorithm = algorithm
        self.ref = ref

    @classmethod
    @abstractmethod
    def generate(cls, *, algorithm: str, label: str) -> KeyBackend: ...

    @abstractmethod
    def sign(self, data: bytes) -> bytes: ...

    @abstractmethod
    def public_key_der(self) -> bytes: ...

    def ec_private_key(self) -> ec.EllipticCurvePrivateKey:
        raise KeyUnavailable("该密钥不是 ECDSA 密钥。")

    def sm2_private_pem(self) -> bytes:
        raise KeyUnavailable("该 SM2 密钥保存在硬件密码模块中，不能导出。")


# ---- the database backend --------------------------------------------------------------------------------

_DB_PREFIX = "database:"


class DatabaseKeyBackend(KeyBackend):
    """Keys as PKCS#8 EncryptedPrivateKeyInfo (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) under a password derived
    from TONGBAN_SEAL_KEK (conf.kek_password). `ref` = "database:<kek fingerprint>\\n<PEM>"; the PEM alone
    decrypts with `openssl pkey -passin`."""

    name = "database"

    def __init__(self, *, algorithm: str, ref: str, _ec=None, _sm2=None):
        super().__init__(algorithm=algorithm, ref=ref)
        self._ec = _ec
        self._sm2 = _sm2

    @classmethod
    def generate(cls, *, algorithm: str, label: str = "") -> DatabaseKeyBackend:
        password = conf.kek_password()
        head = f"{_DB_PREFIX}{conf.kek_fingerprint()}\n"
        if algorithm == Algorithm.ECDSA_P256:
            key = ec.generate_private_key(ec.SECP256R1())
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(password),
            )
            return cls(algorithm=algorithm, ref=head + pem.decode(), _ec=key)
        if algorithm == Algorithm.SM2:
            key = Sm2PrivateKey.generate()
            return cls(algorithm=algorithm, ref=head + key.private_pem(password).decode(), _sm2=key)
        raise ValueError(f"unknown algorithm {algorithm!r}")

    def _pem(self) -> bytes:
        head, _, pem = self.ref.partition("\n")
        if not head.startswith(_DB_PREFIX):
            raise KeyUnavailable("印章私钥数据已损坏。")
        if head[len(_DB_PREFIX):] != conf.kek_fingerprint():
            raise KeyUnavailable(
                "印章私钥无法解密：当前的 TONGBAN_SEAL_KEK 与加密这些密钥时使用的不同。", code="seal_kek_mismatch"
            )
        return pem.encode()

    def _ec_key(self) -> ec.EllipticCurvePrivateKey:
        if self._ec is None:
            try:
                key = serialization.load_pem_private_key(self._pem(), conf.kek_password())
            except ValueError as exc:
                raise KeyUnavailable("印章私钥无法解密或已损坏。") from exc
            if not isinstance(key, ec.EllipticCurvePrivateKey):
                raise KeyUnavailable("印章私钥类型不符。")
            self._ec = key
        return self._ec

    def _sm2_key(self) -> Sm2PrivateKey:
        if self._sm2 is None:
            try:
                self._sm2 = Sm2PrivateKey.from_pem(self._pem(), conf.kek_password())
            except Sm2Error as exc:
                raise KeyUnavailable("SM2 私钥无法解密或已损坏。") from exc
        return self._sm2

    def sign(self, data: bytes) -> bytes:
        if self.algorithm == Algorithm.SM2:
            return self._sm2_key().sign(data)
        return self._ec_key().sign(data, ec.ECDSA(hashes.SHA256()))

    def public_key_der(self) -> bytes:
        if self.algorithm == Algorithm.SM2:
            return self._sm2_key().spki_der()
        return self._ec_key().public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def ec_private_key(self) -> ec.EllipticCurvePrivateKey:
        if self.algorithm != Algorithm.ECDSA_P256:
            return super().ec_private_key()
        return self._ec_key()

    def sm2_private_pem(self) -> bytes:
        if self.algorithm != Algorithm.SM2:
            raise KeyUnavailable("该密钥不是 SM2 密钥。")
        return self._sm2_key().private_pem()


# ---- PKCS#11 (HSM) ---------------------------------------------------------------------------------------

_P11_PREFIX = "pkcs11:"


@functools.cache
def _pkcs11_lib(module: str):
    import pkcs11  # python-pkcs11; optional: only a deployment with an HSM needs it

    return pkcs11.lib(module)


class Pkcs11KeyBackend(KeyBackend):
    """ECDSA P-256 keys generated and kept in a PKCS#11 token (an HSM, or SoftHSM2 for testing).

    Settings: TONGBAN_SEAL_PKCS11_MODULE (the vendor's .so, e.g. /usr/lib/softhsm/libsofthsm2.so),
    TONGBAN_SEAL_PKCS11_TOKEN_LABEL and TONGBAN_SEAL_PKCS11_PIN (the user PIN). A key is found by its
    CKA_LABEL (`ref` = "pkcs11:<label>"); the private key is CKA_SENSITIVE and not extractable. Signing uses
    CKM_ECDSA over a SHA-256 digest computed here, and the raw r‖s the token returns is DER-encoded.
    One session per operation: HSM sessions are cheap to open, and nothing is held between requests.
    """

    name = "pkcs11"

    @property
    def label(self) -> str:
        return self.ref[len(_P11_PREFIX):]

    @classmethod
    def _session(cls):
        module, token_label, pin = conf.pkcs11_settings()
        try:
            token = _pkcs11_lib(module).get_token(token_label=token_label)
            return token.open(user_pin=pin, rw=True)
        except Exception as exc:  # the library raises its own hierarchy; all mean "HSM unusable"
            raise KeyUnavailable(f"无法连接硬件密码模块（PKCS#11）：{exc.__class__.__name__}") from exc

    @classmethod
    def generate(cls, *, algorithm: str, label: str) -> KeyBackend:
        if algorithm == Algorithm.SM2:
            # No standard PKCS#11 SM2 mechanism: SM2 keys stay encrypted in the database (module docstring).
            return DatabaseKeyBackend.generate(algorithm=algorithm, label=label)
        from pkcs11 import Attribute, KeyType
        from pkcs11.util.ec import encode_named_curve_parameters

        with cls._session() as session:
            params = session.create_domain_parameters(
                KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")}, local=True
            )
            params.generate_keypair(
                store=True,
                label=label,
                private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False},
            )
        return cls(algorithm=algorithm, ref=_P11_PREFIX + label)

    def _private(self, session):
        from pkcs11 import KeyType, ObjectClass

        return session.get_key(object_class=ObjectClass.PRIVATE_KEY, key_type=KeyType.EC, label=self.label)

    def sign_digest(self, digest: bytes) -> bytes:
        from pkcs11 import Mechanism

        try:
            with self._session() as session:
                raw = self._private(session).sign(digest, mechanism=Mechanism.ECDSA)
        except KeyUnavailable:
            raise
        except Exception as exc:
            raise KeyUnavailable(f"硬件密码模块签名失败：{exc.__class__.__name__}") from exc
        half = len(raw) // 2
        return encode_dss_signature(int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big"))

    def sign(self, data: bytes) -> bytes:
        return self.sign_digest(hashlib.sha256(data).digest())

    @functools.cached_property
    def _public_der(self) -> bytes:
        from pkcs11 import KeyType, ObjectClass
        from pkcs11.util.ec import encode_ec_public_key

        with self._session() as session:
            pub = session.get_key(object_class=ObjectClass.PUBLIC_KEY, key_type=KeyType.EC, label=self.label)
            return encode_ec_public_key(pub)

    def public_key_der(self) -> bytes:
        return self._public_der

    def ec_private_key(self) -> ec.EllipticCurvePrivateKey:
        return Pkcs11EcPrivateKey(self)


class Pkcs11EcPrivateKey(ec.EllipticCurvePrivateKey):
    """A `cryptography` EC private key whose `sign()` runs in the HSM: certificate and CRL builders, and any
    signer that calls `key.sign(data, ec.ECDSA(hash))`, work unchanged. The private value never leaves."""

    def __init__(self, backend: Pkcs11KeyBackend):
        self._backend = backend

    @property
    def curve(self) -> ec.EllipticCurve:
        return ec.SECP256R1()

    @property
    def key_size(self) -> int:
        return 256

    def public_key(self) -> ec.EllipticCurvePublicKey:
        key = serialization.load_der_public_key(self._backend.public_key_der())
        assert isinstance(key, ec.EllipticCurvePublicKey)
        return key

    def sign(self, data: bytes, signature_algorithm: ec.EllipticCurveSignatureAlgorithm) -> bytes:
        algorithm = signature_algorithm.algorithm
        if isinstance(algorithm, Prehashed):
            digest = data
        else:
            h = hashes.Hash(algorithm)
            h.update(data)
            digest = h.finalize()
        signature = self._backend.sign_digest(digest)
        try:  # the token signed with the key we think it holds
            self.public_key().verify(signature, digest, ec.ECDSA(Prehashed(_hash_for(len(digest)))))
        except InvalidSignature as exc:  # pragma: no cover - a misconfigured token
            raise KeyUnavailable("硬件密码模块返回的签名无法验证。") from exc
        return signature

    def exchange(self, algorithm, peer_public_key) -> bytes:
        raise KeyUnavailable("印章密钥只用于签名。")

    def private_numbers(self):
        raise KeyUnavailable("硬件密码模块中的私钥不能导出。")

    def private_bytes(self, encoding, format, encryption_algorithm) -> bytes:
        raise KeyUnavailable("硬件密码模块中的私钥不能导出。")

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _hash_for(size: int) -> hashes.HashAlgorithm:
    return {32: hashes.SHA256(), 48: hashes.SHA384(), 64: hashes.SHA512()}[size]


BACKENDS: dict[str, type[KeyBackend]] = {DatabaseKeyBackend.name: DatabaseKeyBackend, Pkcs11KeyBackend.name: Pkcs11KeyBackend}


def configured_backend() -> type[KeyBackend]:
    return BACKENDS[conf.key_backend_name()]


def load_key(*, backend: str, algorithm: str, ref: str) -> KeyBackend:
    """The key a row refers to, in the backend that holds it (not necessarily the configured one)."""
    if ref.startswith(_DB_PREFIX):
        return DatabaseKeyBackend(algorithm=algorithm, ref=ref)
    if ref.startswith(_P11_PREFIX):
        return Pkcs11KeyBackend(algorithm=algorithm, ref=ref)
    raise KeyUnavailable(f"未知的密钥存放方式：{backend}")
