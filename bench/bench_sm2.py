"""SM2 signatures on one core: Tongban's libcrypto binding against `openssl speed sm2` and ECDSA P-256.

- tongban.seals.sm2 (cffi ABI-mode binding of libcrypto 3): sign and verify a 20-byte message with SM2-with-SM3,
  distinguishing ID "1234567812345678" — the same work `openssl speed sm2` times (EVP_DigestSign over a 20-byte
  buffer with SM3).
- Baseline 1, the same machine and run: `openssl speed -seconds 3 sm2` (OpenSSL 3.0 supports it; parsed from its
  table row "256 bits SM2 (CurveSM2) … sign/s verify/s").
- Baseline 2: ECDSA P-256 with SHA-256 in `cryptography` (the PAdES signature), same message, same loop.

One core: the process (and the openssl child, which inherits it) is pinned to one CPU with sched_setaffinity,
and nothing runs in parallel. Each figure is the best of 3 rounds of ~1 s (`SECONDS`), after a warm-up.
Goal (issue 4): ≥ 1,000 signatures/s and ≥ 500 verifications/s.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import time

SECONDS = 1.0
ROUNDS = 3
MESSAGE = b"tongban-sm2-bench-20"  # 20 bytes, as openssl speed
GOAL_SIGN, GOAL_VERIFY = 1_000, 500


def _pin_one_core() -> tuple[str, set[int] | None]:
    """Pin to one CPU; returns a description and the previous affinity (restored at the end: `python -m bench`
    runs every benchmark in one process)."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)", None
    before = os.sched_getaffinity(0)
    cpu = sorted(before)[-1]
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}", before


def _rate(fn) -> float:
    """Operations per second: the best of ROUNDS rounds of about SECONDS each."""
    for _ in range(50):
        fn()
    best = 0.0
    for _ in range(ROUNDS):
        n, started = 0, time.perf_counter()
        deadline = started + SECONDS
        while True:
            for _ in range(50):
                fn()
            n += 50
            now = time.perf_counter()
            if now >= deadline:
                break
        best = max(best, n / (now - started))
    return best


_ROW = re.compile(r"SM2 \(CurveSM2\)\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)")


def _openssl_speed() -> tuple[float, float, str]:
    out = subprocess.run(
        ["openssl", "speed", "-seconds", "3", "sm2"], capture_output=True, text=True, timeout=120, check=False
    )
    match = _ROW.search(out.stdout)
    if not match:
        raise RuntimeError("could not parse `openssl speed sm2`:\n" + out.stdout[-2000:] + out.stderr[-2000:])
    version = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
    return float(match.group(1)), float(match.group(2)), version


def main() -> None:
    pinned, before = _pin_one_core()
    try:
        _run(pinned)
    finally:
        if before is not None:
            os.sched_setaffinity(0, before)


def _run(pinned: str) -> None:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from tongban.seals import sm2

    key = sm2.Sm2PrivateKey.generate()
    public = key.public_key()
    signature = key.sign(MESSAGE)
    assert public.verify(MESSAGE, signature) and not public.verify(MESSAGE + b"x", signature)
    pem = key.private_pem()
    public_pem = public.public_pem()

    ours_sign = _rate(lambda: key.sign(MESSAGE))
    ours_verify = _rate(lambda: public.verify(MESSAGE, signature))
    # The one-call API with PEM strings: parses the key every time (what a caller without a handle pays).
    pem_sign = _rate(lambda: sm2.sm2_sign(pem, MESSAGE))
    pem_verify = _rate(lambda: sm2.sm2_verify(public_pem, MESSAGE, signature))

    p256 = ec.generate_private_key(ec.SECP256R1())
    p256_pub = p256.public_key()
    algorithm = ec.ECDSA(hashes.SHA256())
    p256_sig = p256.sign(MESSAGE, algorithm)
    ecdsa_sign = _rate(lambda: p256.sign(MESSAGE, algorithm))
    ecdsa_verify = _rate(lambda: p256_pub.verify(p256_sig, MESSAGE, algorithm))

    cli_sign, cli_verify, version = _openssl_speed()

    print(f"Python {platform.python_version()}, {version}, {platform.machine()}, {pinned}")
    print(f"message: {len(MESSAGE)} bytes; each figure the best of {ROUNDS} × {SECONDS:.0f} s; openssl speed: 3 s each")
    print()
    print("| operation | Tongban SM2 (handle) | Tongban SM2 (PEM each call) | openssl speed sm2 | ECDSA P-256 (cryptography) | vs openssl | vs ECDSA |")
    print("|---|---|---|---|---|---|---|")
    print(f"| sign/s | {ours_sign:,.0f} | {pem_sign:,.0f} | {cli_sign:,.0f} | {ecdsa_sign:,.0f} | "
          f"{ours_sign / cli_sign:.2f}× | {ours_sign / ecdsa_sign:.2f}× |")
    print(f"| verify/s | {ours_verify:,.0f} | {pem_verify:,.0f} | {cli_verify:,.0f} | {ecdsa_verify:,.0f} | "
          f"{ours_verify / cli_verify:.2f}× | {ours_verify / ecdsa_verify:.2f}× |")
    print()
    ok_sign, ok_verify = ours_sign >= GOAL_SIGN, ours_verify >= GOAL_VERIFY
    print(f"goal ≥ {GOAL_SIGN:,} sign/s: {'met' if ok_sign else 'NOT MET'}; "
          f"goal ≥ {GOAL_VERIFY:,} verify/s: {'met' if ok_verify else 'NOT MET'}")


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
