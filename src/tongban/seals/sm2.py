"""SM2 signatures with SM3 (GB/T 32918, GB/T 32905) through OpenSSL 3's libcrypto, bound with cffi in ABI mode.

Why a direct binding (docs/adr/0009-seals-and-keys.md): `cryptography` has SM3 but not SM2; pure-Python SM2
manages a few hundred signatures a second; libcrypto 3 does several thousand and is what the `openssl` CLI uses,
so interoperability with it is by construction. The binding is loaded with `cffi.FFI().dlopen` — no compiler,
no extension module — from the libcrypto.so.3 that the system's OpenSSL 3 ships (Debian: libssl3).

Every signature uses the distinguishing ID "1234567812345678" (GB/T 35276-2017 §5.4.3 / GM/T 0009-2012 default
user ID), set explicitly with EVP_PKEY_CTX_set1_id: OpenSSL 3.0's `openssl dgst` uses an empty ID unless told
`-sigopt distid:1234567812345678`, while GB/T 38540 verifiers and BouncyCastle use the default ID.

Public functions:

- `sm2_generate() -> bytes`: a new key as unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY").
- `sm2_sign(private_pem | Sm2PrivateKey, data) -> bytes`: DER signature (SEQUENCE {r, s}) over SM3(Z ‖ data).
- `sm2_verify(public_pem | certificate | Sm2PublicKey, data, signature) -> bool`.
- `Sm2PrivateKey` / `Sm2PublicKey`: loaded key handles, for repeated use without re-parsing PEM.
- `sm2_encrypt_private_pem` / `sm2_decrypt_private_pem`: PKCS#8 EncryptedPrivateKeyInfo (PBES2, PBKDF2-HMAC-
  SHA256, AES-256-CBC), readable by `openssl pkey -passin`.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os

import cffi

# GB/T 35276-2017 (SM2 密码算法使用规范) §5.4.3: the default user identity when none is agreed.
DEFAULT_DISTID = b"1234567812345678"
# GM/T 0006-2012 / GB/T 33560: SM2 signature with SM3 digest; the public-key curve.
OID_SM2_WITH_SM3 = "1.2.156.10197.1.501"
OID_SM2_CURVE = "1.2.156.10197.1.301"
OID_SM3 = "1.2.156.10197.1.401"

_CDEF = """
typedef struct evp_pkey_st EVP_PKEY;
typedef struct evp_pkey_ctx_st EVP_PKEY_CTX;
typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_md_st EVP_MD;
typedef struct evp_cipher_st EVP_CIPHER;
typedef struct bio_st BIO;
typedef struct bio_method_st BIO_METHOD;
typedef struct x509_st X509;
typedef struct ossl_lib_ctx_st OSSL_LIB_CTX;

unsigned long OpenSSL_version_num(void);

EVP_PKEY_CTX *EVP_PKEY_CTX_new_from_name(OSSL_LIB_CTX *libctx, const char *name, const char *propquery);
EVP_PKEY_CTX *EVP_PKEY_CTX_new(EVP_PKEY *pkey, void *e);
void EVP_PKEY_CTX_free(EVP_PKEY_CTX *ctx);
int EVP_PKEY_keygen_init(EVP_PKEY_CTX *ctx);
int EVP_PKEY_generate(EVP_PKEY_CTX *ctx, EVP_PKEY **ppkey);
int EVP_PKEY_CTX_set1_id(EVP_PKEY_CTX *ctx, const void *id, int len);
void EVP_PKEY_free(EVP_PKEY *pkey);
int EVP_PKEY_is_a(const EVP_PKEY *pkey, const char *name);

EVP_MD_CTX *EVP_MD_CTX_new(void);
void EVP_MD_CTX_free(EVP_MD_CTX *ctx);
void EVP_MD_CTX_set_pkey_ctx(EVP_MD_CTX *ctx, EVP_PKEY_CTX *pctx);
const EVP_MD *EVP_sm3(void);
int EVP_DigestSignInit(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, void *e, EVP_PKEY *pkey);
int EVP_DigestSign(EVP_MD_CTX *ctx, unsigned char *sigret, size_t *siglen, const unsigned char *tbs, size_t tbslen);
int EVP_DigestVerifyInit(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, void *e, EVP_PKEY *pkey);
int EVP_DigestVerify(EVP_MD_CTX *ctx, const unsigned char *sig, size_t siglen, const unsigned char *tbs, size_t tbslen);

const EVP_CIPHER *EVP_aes_256_cbc(void);

const BIO_METHOD *BIO_s_mem(void);
BIO *BIO_new(const BIO_METHOD *type);
BIO *BIO_new_mem_buf(const void *buf, int len);
long BIO_ctrl(BIO *bp, int cmd, long larg, void *parg);
int BIO_free(BIO *a);

EVP_PKEY *PEM_read_bio_PrivateKey(BIO *bp, EVP_PKEY **x, void *cb, void *u);
EVP_PKEY *PEM_read_bio_PUBKEY(BIO *bp, EVP_PKEY **x, void *cb, void *u);
int PEM_write_bio_PKCS8PrivateKey(BIO *bp, const EVP_PKEY *x, const EVP_CIPHER *enc, const char *kstr, int klen,
                                  void *cb, void *u);
int PEM_write_bio_PUBKEY(BIO *bp, const EVP_PKEY *x);
EVP_PKEY *d2i_PUBKEY(EVP_PKEY **a, const unsigned char **pp, long length);
int i2d_PUBKEY(const EVP_PKEY *a, unsigned char **pp);

X509 *d2i_X509(X509 **a, const unsigned char **pp, long length);
X509 *PEM_read_bio_X509(BIO *bp, X509 **x, void *cb, void *u);
EVP_PKEY *X509_get0_pubkey(const X509 *x);
void X509_free(X509 *a);

void CRYPTO_free(void *ptr, const char *file, int line);
unsigned long ERR_get_error(void);
void ERR_error_string_n(unsigned long e, char *buf, size_t len);
void ERR_clear_error(void);
"""

_BIO_CTRL_INFO = 3  # BIO_get_mem_data(b, pp) is BIO_ctrl(b, BIO_CTRL_INFO, 0, pp)

ffi = cffi.FFI()
ffi.cdef(_CDEF)


class Sm2Error(Exception):
    """libcrypto refused: a malformed key or signature, or an OpenSSL without SM2."""


def _load_libcrypto():
    """libcrypto 3 from the system: TONGBAN_LIBCRYPTO if set, else libcrypto.so.3, else what ctypes finds."""
    candidates = [os.environ.get("TONGBAN_LIBCRYPTO"), "libcrypto.so.3", ctypes.util.find_library("crypto")]
    errors = []
    for name in filter(None, candidates):
        try:
            lib = ffi.dlopen(name)
        except OSError as exc:
            errors.append(f"{name}: {exc}")
            continue
        if lib.OpenSSL_version_num() >> 28 < 3:
            errors.append(f"{name}: OpenSSL {lib.OpenSSL_version_num():#x} is older than 3.0")
            continue
        return lib
    raise ImportError("SM2 needs OpenSSL 3 (libcrypto.so.3): " + "; ".join(errors))


# The loaded library is process-wide by nature (like an imported module); it holds no application state.
lib = _load_libcrypto()
_SM3 = lib.EVP_sm3()
if _SM3 == ffi.NULL:  # pragma: no cover - an OpenSSL built with no-sm3
    raise ImportError("This OpenSSL was built without SM3")


def _error(what: str) -> Sm2Error:
    messages = []
    while code := lib.ERR_get_error():
        buf = ffi.new("char[256]")
        lib.ERR_error_string_n(code, buf, 256)
        messages.append(ffi.string(buf).decode("ascii", "replace"))
    return Sm2Error(what + (": " + "; ".join(messages) if messages else ""))


def _bio_from(data: bytes):
    bio = lib.BIO_new_mem_buf(data, len(data))
    if bio == ffi.NULL:
        raise _error("BIO_new_mem_buf")
    return ffi.gc(bio, lib.BIO_free)


def _bio_read_all(bio) -> bytes:
    pp = ffi.new("char **")
    n = lib.BIO_ctrl(bio, _BIO_CTRL_INFO, 0, pp)
    return bytes(ffi.buffer(pp[0], n))


def _new_mem_bio():
    bio = lib.BIO_new(lib.BIO_s_mem())
    if bio == ffi.NULL:
        raise _error("BIO_new")
    return ffi.gc(bio, lib.BIO_free)


def _own_pkey(pkey, what: str):
    if pkey == ffi.NULL:
        raise _error(what)
    if not lib.EVP_PKEY_is_a(pkey, b"SM2"):
        lib.EVP_PKEY_free(pkey)
        lib.ERR_clear_error()
        raise Sm2Error(f"{what}: not an SM2 key")
    return ffi.gc(pkey, lib.EVP_PKEY_free)


class Sm2PublicKey:
    """A loaded SM2 public key (EVP_PKEY)."""

    __slots__ = ("_pkey",)

    def __init__(self, pkey):
        self._pkey = pkey

    @classmethod
    def from_pem(cls, pem: bytes) -> Sm2PublicKey:
        if b"CERTIFICATE" in pem:
            return cls.from_certificate(pem)
        lib.ERR_clear_error()
        return cls(_own_pkey(lib.PEM_read_bio_PUBKEY(_bio_from(pem), ffi.NULL, ffi.NULL, ffi.NULL), "SM2 public key PEM"))

    @classmethod
    def from_der(cls, spki_der: bytes) -> Sm2PublicKey:
        lib.ERR_clear_error()
        buf = ffi.from_buffer(spki_der)
        pp = ffi.new("unsigned char **", ffi.cast("unsigned char *", buf))
        return cls(_own_pkey(lib.d2i_PUBKEY(ffi.NULL, ffi.cast("const unsigned char **", pp), len(spki_der)), "SM2 public key DER"))

    @classmethod
    def from_certificate(cls, cert: bytes | object) -> Sm2PublicKey:
        """From a certificate: PEM or DER bytes, or a `cryptography` x509.Certificate (which cannot read SM2 keys itself)."""
        if not isinstance(cert, bytes | bytearray):
            from cryptography.hazmat.primitives.serialization import Encoding

            cert = cert.public_bytes(Encoding.DER)
        lib.ERR_clear_error()
        if bytes(cert[:11]) == b"-----BEGIN ":
            x509 = lib.PEM_read_bio_X509(_bio_from(bytes(cert)), ffi.NULL, ffi.NULL, ffi.NULL)
        else:
            buf = ffi.from_buffer(bytes(cert))
            pp = ffi.new("unsigned char **", ffi.cast("unsigned char *", buf))
            x509 = lib.d2i_X509(ffi.NULL, ffi.cast("const unsigned char **", pp), len(cert))
        if x509 == ffi.NULL:
            raise _error("SM2 certificate")
        try:
            pkey = lib.X509_get0_pubkey(x509)
            if pkey == ffi.NULL or not lib.EVP_PKEY_is_a(pkey, b"SM2"):
                lib.ERR_clear_error()
                raise Sm2Error("the certificate does not hold an SM2 public key")
            # Re-encode and reload so the key outlives the certificate.
            return cls.from_der(_i2d_pubkey(pkey))
        finally:
            lib.X509_free(x509)

    def spki_der(self) -> bytes:
        """SubjectPublicKeyInfo DER (id-ecPublicKey with the SM2 curve OID), as a certificate carries it."""
        return _i2d_pubkey(self._pkey)

    def public_pem(self) -> bytes:
        bio = _new_mem_bio()
        if lib.PEM_write_bio_PUBKEY(bio, self._pkey) != 1:
            raise _error("PEM_write_bio_PUBKEY")
        return _bio_read_all(bio)

    def verify(self, data: bytes, signature: bytes, *, distid: bytes = DEFAULT_DISTID) -> bool:
        return _digest_verify(self._pkey, data, signature, distid)


class Sm2PrivateKey(Sm2PublicKey):
    """A loaded SM2 private key: parse the PEM once, then sign many times."""

    __slots__ = ()

    @classmethod
    def generate(cls) -> Sm2PrivateKey:
        lib.ERR_clear_error()
        ctx = lib.EVP_PKEY_CTX_new_from_name(ffi.NULL, b"SM2", ffi.NULL)
        if ctx == ffi.NULL:
            raise _error("EVP_PKEY_CTX_new_from_name(SM2)")
        try:
            out = ffi.new("EVP_PKEY **")
            if lib.EVP_PKEY_keygen_init(ctx) != 1 or lib.EVP_PKEY_generate(ctx, out) != 1:
                raise _error("SM2 key generation")
            return cls(_own_pkey(out[0], "SM2 key generation"))
        finally:
            lib.EVP_PKEY_CTX_free(ctx)

    @classmethod
    def from_pem(cls, pem: bytes, password: bytes | None = None) -> Sm2PrivateKey:
        lib.ERR_clear_error()
        # With no callback, libcrypto reads `u` as a NUL-terminated passphrase (pem_lib.c, PEM_def_callback).
        u = ffi.new("char[]", password) if password is not None else ffi.NULL
        pkey = lib.PEM_read_bio_PrivateKey(_bio_from(pem), ffi.NULL, ffi.NULL, u)
        return cls(_own_pkey(pkey, "SM2 private key PEM"))

    def private_pem(self, password: bytes | None = None) -> bytes:
        """PKCS#8 PEM; with a password, EncryptedPrivateKeyInfo (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC)."""
        bio = _new_mem_bio()
        if password is None:
            ok = lib.PEM_write_bio_PKCS8PrivateKey(bio, self._pkey, ffi.NULL, ffi.NULL, 0, ffi.NULL, ffi.NULL)
        else:
            ok = lib.PEM_write_bio_PKCS8PrivateKey(
                bio, self._pkey, lib.EVP_aes_256_cbc(), ffi.new("char[]", password), len(password), ffi.NULL, ffi.NULL
            )
        if ok != 1:
            raise _error("PEM_write_bio_PKCS8PrivateKey")
        return _bio_read_all(bio)

    def public_key(self) -> Sm2PublicKey:
        return Sm2PublicKey.from_der(self.spki_der())

    def sign(self, data: bytes, *, distid: bytes = DEFAULT_DISTID) -> bytes:
        return _digest_sign(self._pkey, data, distid)


def _i2d_pubkey(pkey) -> bytes:
    pp = ffi.new("unsigned char **")
    n = lib.i2d_PUBKEY(pkey, pp)
    if n <= 0:
        raise _error("i2d_PUBKEY")
    try:
        return bytes(ffi.buffer(pp[0], n))
    finally:
        lib.CRYPTO_free(pp[0], ffi.NULL, 0)


# An SM2 signature is DER SEQUENCE { r INTEGER, s INTEGER } with 256-bit r and s: at most 72 bytes.
_MAX_SIG = 80


def _contexts(pkey, distid: bytes):
    md_ctx = lib.EVP_MD_CTX_new()
    pkey_ctx = lib.EVP_PKEY_CTX_new(pkey, ffi.NULL)
    if md_ctx == ffi.NULL or pkey_ctx == ffi.NULL:
        lib.EVP_MD_CTX_free(md_ctx)
        lib.EVP_PKEY_CTX_free(pkey_ctx)
        raise _error("EVP context")
    if lib.EVP_PKEY_CTX_set1_id(pkey_ctx, distid, len(distid)) != 1:
        lib.EVP_MD_CTX_free(md_ctx)
        lib.EVP_PKEY_CTX_free(pkey_ctx)
        raise _error("EVP_PKEY_CTX_set1_id")
    # SM2(7): the EVP_MD_CTX borrows the EVP_PKEY_CTX, so both are freed here, the MD context first.
    lib.EVP_MD_CTX_set_pkey_ctx(md_ctx, pkey_ctx)
    return md_ctx, pkey_ctx


def _digest_sign(pkey, data: bytes, distid: bytes) -> bytes:
    md_ctx, pkey_ctx = _contexts(pkey, distid)
    try:
        if lib.EVP_DigestSignInit(md_ctx, ffi.NULL, _SM3, ffi.NULL, pkey) != 1:
            raise _error("EVP_DigestSignInit")
        sig = ffi.new("unsigned char[]", _MAX_SIG)
        siglen = ffi.new("size_t *", _MAX_SIG)
        if lib.EVP_DigestSign(md_ctx, sig, siglen, data, len(data)) != 1:
            raise _error("EVP_DigestSign")
        return bytes(ffi.buffer(sig, siglen[0]))
    finally:
        lib.EVP_MD_CTX_free(md_ctx)
        lib.EVP_PKEY_CTX_free(pkey_ctx)


def _digest_verify(pkey, data: bytes, signature: bytes, distid: bytes) -> bool:
    md_ctx, pkey_ctx = _contexts(pkey, distid)
    try:
        if lib.EVP_DigestVerifyInit(md_ctx, ffi.NULL, _SM3, ffi.NULL, pkey) != 1:
            raise _error("EVP_DigestVerifyInit")
        ok = lib.EVP_DigestVerify(md_ctx, signature, len(signature), data, len(data))
        lib.ERR_clear_error()  # a bad signature leaves an error on the queue; it is an answer, not a failure
        return ok == 1
    finally:
        lib.EVP_MD_CTX_free(md_ctx)
        lib.EVP_PKEY_CTX_free(pkey_ctx)


# ---- the simple functional API -------------------------------------------------------------------------------



def sm2_generate() -> bytes:
    """A new SM2 key pair, as an unencrypted PKCS#8 private-key PEM."""
    return Sm2PrivateKey.generate().private_pem()


def _private(key: bytes | Sm2PrivateKey) -> Sm2PrivateKey:
    return key if isinstance(key, Sm2PrivateKey) else Sm2PrivateKey.from_pem(bytes(key))


def _public(key) -> Sm2PublicKey:
    if isinstance(key, Sm2PublicKey):
        return key
    if isinstance(key, bytes | bytearray):
        key = bytes(key)
        if key.startswith(b"-----BEGIN"):
            if b"PRIVATE KEY" in key:
                return Sm2PrivateKey.from_pem(key)
            return Sm2PublicKey.from_pem(key)
        # DER: a certificate starts SEQUENCE { SEQUENCE (tbs) ...; try the certificate first, then an SPKI.
        try:
            return Sm2PublicKey.from_certificate(key)
        except Sm2Error:
            lib.ERR_clear_error()
            return Sm2PublicKey.from_der(key)
    return Sm2PublicKey.from_certificate(key)  # a cryptography x509.Certificate


def sm2_sign(key: bytes | Sm2PrivateKey, data: bytes, *, distid: bytes = DEFAULT_DISTID) -> bytes:
    """SM2-with-SM3 signature (DER) of `data` with a private-key PEM or a loaded `Sm2PrivateKey`."""
    return _private(key).sign(data, distid=distid)


def sm2_verify(key, data: bytes, signature: bytes, *, distid: bytes = DEFAULT_DISTID) -> bool:
    """Check an SM2-with-SM3 signature. `key`: public-key PEM/DER, a certificate (PEM, DER, or x509.Certificate),
    or a loaded key. A malformed signature is simply invalid (False); a malformed key raises Sm2Error."""
    return _public(key).verify(data, bytes(signature), distid=distid)


def sm2_encrypt_private_pem(private_pem: bytes, password: bytes) -> bytes:
    return Sm2PrivateKey.from_pem(private_pem).private_pem(password)


def sm2_decrypt_private_pem(encrypted_pem: bytes, password: bytes) -> bytes:
    return Sm2PrivateKey.from_pem(encrypted_pem, password).private_pem()


def sm3(data: bytes) -> bytes:
    """SM3 digest (GB/T 32905) — hashlib's, which is OpenSSL's."""
    return hashlib.new("sm3", data).digest()
