"""SMS backends. A deployment names its gateway's class in TONGBAN_SMS_BACKEND; the default prints."""

from __future__ import annotations

import sys

from tongban.people.identity import mask_phone


class ConsoleSmsBackend:
    """Writes each message to standard output (the number masked), like Django's console mail backend."""

    stream = sys.stdout

    def send(self, phone: str, text: str) -> None:
        self.stream.write(f"[SMS → {mask_phone(phone)}] {text}\n")


class LocmemSmsBackend:
    """Keeps messages in `outbox` for tests."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        type(self).outbox.append((phone, text))
