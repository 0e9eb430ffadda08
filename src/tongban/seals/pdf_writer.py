"""A small PDF 1.7 writer: numbered objects, streams, a classic cross-reference table and a trailer.

Just enough for the documents we issue, written for speed and for PDF/A-2b (ISO 19005-2): a binary comment
after the header (§6.1.2), a trailer /ID (§6.1.3), no encryption, no LZW, uncompressed XMP metadata (§6.6.2).
Higher-level layout lives in pdf_render.py.
"""

from __future__ import annotations

import zlib
from datetime import datetime

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def num(value: float) -> str:
    """A PDF number: integers bare, reals with at most 3 decimals."""
    if value == int(value):
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def name(value: str) -> str:
    out = []
    for ch in value:
        o = ord(ch)
        if o < 33 or o > 126 or ch in "#()<>[]{}/%":
            out.append("".join(f"#{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "/" + "".join(out)


def text_string(value: str) -> str:
    """A PDF text string: ASCII as a literal, anything else as UTF-16BE with a byte-order mark (§7.9.2.2)."""
    if all(32 <= ord(c) < 127 for c in value):
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def pdf_date(moment: datetime) -> str:
    """D:YYYYMMDDHHmmSS+HH'mm' (§7.9.4); `moment` must be timezone-aware."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{minutes // 60:02d}'{minutes % 60:02d}'"


class PdfWriter:
    """Objects are reserved (a number) and then set (their bytes), in any order."""

    def __init__(self) -> None:
        self._objects: list[bytes | None] = []

    def reserve(self) -> int:
        self._objects.append(None)
        return len(self._objects)

    def set(self, number: int, body: str | bytes) -> int:
        self._objects[number - 1] = body.encode("latin-1") if isinstance(body, str) else body
        return number

    def add(self, body: str | bytes) -> int:
        return self.set(self.reserve(), body)

    def add_stream(self, entries: str, data: bytes, *, compress: bool = True, level: int = 6) -> int:
        return self.set(self.reserve(), stream(entries, data, compress=compress, level=level))

    def set_stream(self, number: int, entries: str, data: bytes, *, compress: bool = True, level: int = 6) -> int:
        return self.set(number, stream(entries, data, compress=compress, level=level))

    def write(self, *, root: int, info: int, file_id: bytes) -> bytes:
        parts = [HEADER]
        offsets = []
        pos = len(HEADER)
        for i, body in enumerate(self._objects, start=1):
            if body is None:
                raise ValueError(f"PDF object {i} was reserved but never set")
            chunk = b"%d 0 obj\n" % i + body + b"\nendobj\n"
            offsets.append(pos)
            parts.append(chunk)
            pos += len(chunk)
        count = len(self._objects) + 1
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % count]
        xref.extend(b"%010d 00000 n \n" % off for off in offsets)
        hex_id = file_id.hex().upper()
        trailer = (
            f"trailer\n<< /Size {count} /Root {root} 0 R /Info {info} 0 R /ID [<{hex_id}> <{hex_id}>] >>\n"
            f"startxref\n{pos}\n%%EOF\n"
        ).encode("latin-1")
        return b"".join(parts) + b"".join(xref) + trailer


def stream(entries: str, data: bytes, *, compress: bool = True, level: int = 6) -> bytes:
    if compress:
        data = zlib.compress(data, level)
        entries = f"{entries} /Filter /FlateDecode"
    return f"<< {entries} /Length {len(data)} >>\nstream\n".encode("latin-1") + data + b"\nendstream"
