"""Settings of the seals app, each read from Django settings first, then the environment, then a default.

| setting | default | meaning |
|---|---|---|
| TONGBAN_SEAL_KEK | demo: generated into var/seal_kek; production: required | secret from which the key-encryption key is derived |
| TONGBAN_PUBLIC_URL | http://127.0.0.1:8000 | where the public pages are; the CRL distribution point is <url>/seals/crl.der |
| TONGBAN_SEAL_KEY_BACKEND | database | `database` (encrypted PKCS#8 rows) or `pkcs11` (an HSM; see keys.Pkcs11KeyBackend) |
| TONGBAN_SEAL_PKCS11_MODULE / _TOKEN_LABEL / _PIN | — | the PKCS#11 library, token label and user PIN, for `pkcs11` |
| TONGBAN_SEAL_VENDOR_ID | TONGBAN | GB/T 38540 SES_Header.vid (厂商标识) |
| TONGBAN_SEAL_ORGANIZATION | 通办电子印章系统 | O of the root certificates' subject |
| TONGBAN_SEAL_DIAMETER_MM | 42 | diameter of a drawn seal |
| TONGBAN_SEAL_CERT_YEARS | 3 | validity of a seal certificate |
| TONGBAN_SEAL_ROOT_YEARS | 20 | validity of a root |
| TONGBAN_SEAL_CRL_DAYS | 7 | CRL nextUpdate after thisUpdate |
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEK_MIN_LENGTH = 32


def _get(name: str, default=None):
    value = getattr(settings, name, None)
    if value in (None, ""):
        value = os.environ.get(name)
    return default if value in (None, "") else value


def public_url() -> str:
    return str(_get("TONGBAN_PUBLIC_URL", "http://127.0.0.1:8000")).rstrip("/")


def crl_url() -> str:
    return public_url() + "/seals/crl.der"


def vendor_id() -> str:
    vid = str(_get("TONGBAN_SEAL_VENDOR_ID", "TONGBAN"))
    if not vid.isascii():
        raise ImproperlyConfigured("TONGBAN_SEAL_VENDOR_ID 必须是 ASCII 字符（GB/T 38540 SES_Header.vid 为 IA5String）。")
    return vid


def organization() -> str:
    return str(_get("TONGBAN_SEAL_ORGANIZATION", "通办电子印章系统"))


def diameter_mm() -> int:
    return int(_get("TONGBAN_SEAL_DIAMETER_MM", 42))


def cert_years() -> int:
    return int(_get("TONGBAN_SEAL_CERT_YEARS", 3))


def root_years() -> int:
    return int(_get("TONGBAN_SEAL_ROOT_YEARS", 20))


def crl_days() -> int:
    return int(_get("TONGBAN_SEAL_CRL_DAYS", 7))


def key_backend_name() -> str:
    name = str(_get("TONGBAN_SEAL_KEY_BACKEND", "database"))
    if name not in ("database", "pkcs11"):
        raise ImproperlyConfigured(f"TONGBAN_SEAL_KEY_BACKEND 只能是 database 或 pkcs11，而不是 {name!r}。")
    return name


def pkcs11_settings() -> tuple[str, str, str]:
    module, token, pin = (_get(f"TONGBAN_SEAL_PKCS11_{n}") for n in ("MODULE", "TOKEN_LABEL", "PIN"))
    if not (module and token and pin):
        raise ImproperlyConfigured(
            "使用 PKCS#11 密钥存放时必须设置 TONGBAN_SEAL_PKCS11_MODULE、TONGBAN_SEAL_PKCS11_TOKEN_LABEL 和 "
            "TONGBAN_SEAL_PKCS11_PIN。"
        )
    return str(module), str(token), str(pin)


def _kek_secret() -> str:
    secret = _get("TONGBAN_SEAL_KEK")
    if secret:
        if getattr(settings, "PRODUCTION", False) and len(str(secret)) < KEK_MIN_LENGTH:
            raise ImproperlyConfigured(f"TONGBAN_SEAL_KEK 至少需要 {KEK_MIN_LENGTH} 个字符的随机密钥。")
        return str(secret)
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured(
            "生产模式必须通过环境变量 TONGBAN_SEAL_KEK 设置印章密钥加密密钥 (TONGBAN_SEAL_KEK is required in production)."
        )
    # Demo mode: like SECRET_KEY, generated once into var/ (never into the repository).
    var_dir = Path(getattr(settings, "VAR_DIR", Path.cwd() / "var"))
    path = var_dir / "seal_kek"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def kek_password() -> bytes:
    """The password under which private keys are encrypted (PKCS#8 PBES2), derived from TONGBAN_SEAL_KEK.

    HKDF-SHA256 (RFC 5869) is enough because the secret must itself be random (≥ 32 characters in production);
    PBKDF2 inside PKCS#8 still stretches it. Hex, so it is a printable NUL-free passphrase for libcrypto.
    """
    okm = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"tongban-seals", info=b"pkcs8-kek-v1").derive(
        _kek_secret().encode()
    )
    return okm.hex().encode()


def kek_fingerprint() -> str:
    """A short public tag of the current KEK, stored beside encrypted keys to tell a wrong KEK from damage."""
    return hashlib.sha256(b"tongban-seals kek fingerprint" + kek_password()).hexdigest()[:16]
