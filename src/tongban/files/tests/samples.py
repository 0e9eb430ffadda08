"""Small but well-formed files of every kind the store meets, built in code (and one real .xls from xlwt)."""

from __future__ import annotations

import io
import math
import struct
import zipfile
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

FIXTURES = Path(__file__).parent / "fixtures"


def pdf(tag: str = "") -> bytes:
    body = f"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj % {tag}\n".encode()
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def png(tag: str = "") -> bytes:
    """A valid 1×1 PNG; `tag` goes into a tEXt chunk so different tags give different bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    parts = [chunk(b"IHDR", ihdr)]
    if tag:
        parts.append(chunk(b"tEXt", b"Comment\x00" + tag.encode()))
    parts += [chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")), chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(parts)


def jpeg(tag: str = "") -> bytes:
    # SOI, a JFIF APP0, a COM segment with the tag, EOI: enough for a signature check.
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    comment = tag.encode() or b"x"
    com = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return b"\xff\xd8" + app0 + com + b"\xff\xd9"


def zip_of(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Override PartName="/{part}" ContentType="{ct}"/></Types>'
)
OOXML_MAIN = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
}


def ooxml(kind: str, tag: str = "", *, extra: dict[str, bytes] | None = None) -> bytes:
    part, ct = OOXML_MAIN[kind]
    return zip_of(
        {
            "[Content_Types].xml": _CT.format(part=part, ct=ct).encode(),
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            part: f"<root>{tag}</root>".encode(),
            **(extra or {}),
        }
    )


def ofd(tag: str = "") -> bytes:
    # GB/T 33190-2016: the entry file OFD.xml at the package root, documents under Doc_0/.
    return zip_of(
        {
            "OFD.xml": b'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" '
            b'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
            b"</ofd:DocBody></ofd:OFD>",
            "Doc_0/Document.xml": f"<ofd:Document>{tag}</ofd:Document>".encode(),
        }
    )


FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def cfb(streams: list[str], *, storages: tuple[str, ...] = (), major: int = 3, tag: str = "") -> bytes:
    """An OLE2 compound file ([MS-CFB]) whose root holds the named (empty) streams and storages.

    Version 3 uses 512-byte sectors, version 4 4096; enough entries spread the directory over several sectors.
    """
    ss = 512 if major == 3 else 4096
    entries = [("Root Entry", 5)] + [(n, 2) for n in streams] + [(n, 1) for n in storages]
    if tag:
        entries.append((tag[:31], 2))
    per = ss // 128
    n_dir = math.ceil(len(entries) / per)
    fat = [FATSECT] + [s + 1 for s in range(1, n_dir)] + [ENDOFCHAIN]
    fat += [FREESECT] * (ss // 4 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, major, 0xFFFE, 9 if major == 3 else 12, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", n_dir if major == 4 else 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    header += struct.pack("<109I", 0, *([FREESECT] * 108))
    header = header.ljust(ss, b"\x00")

    def entry(i: int) -> bytes:
        if i >= len(entries):
            return bytes(64) + struct.pack("<HBBIII", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM) + bytes(52)
        name, kind = entries[i]
        raw = (name + "\x00").encode("utf-16-le")
        child = 1 if (i == 0 and len(entries) > 1) else NOSTREAM
        right = i + 1 if (i > 0 and i + 1 < len(entries)) else NOSTREAM
        start = ENDOFCHAIN
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBBIII", len(raw), kind, 1, NOSTREAM, right, child)
            + bytes(16 + 4 + 8 + 8)
            + struct.pack("<IQ", start, 0)
        )

    directory = b"".join(entry(i) for i in range(n_dir * per))
    return header + struct.pack(f"<{ss // 4}I", *fat) + directory


def doc(tag: str = "") -> bytes:
    return cfb(["WordDocument", "1Table", "\x05SummaryInformation"], tag=tag)


def xls_real() -> bytes:
    """Written by xlwt (an independent OLE2 writer): one sheet 申请表."""
    return (FIXTURES / "sample.xls").read_bytes()


def ppt(tag: str = "") -> bytes:
    return cfb(["PowerPoint Document", "Current User"], tag=tag)


BY_KIND = {
    "pdf": (pdf, ".pdf"),
    "png": (png, ".png"),
    "jpeg": (jpeg, ".jpg"),
    "ofd": (ofd, ".ofd"),
    "docx": (lambda tag="": ooxml("docx", tag), ".docx"),
    "xlsx": (lambda tag="": ooxml("xlsx", tag), ".xlsx"),
    "pptx": (lambda tag="": ooxml("pptx", tag), ".pptx"),
    "doc": (doc, ".doc"),
    "xls": (lambda tag="": cfb(["Workbook"], tag=tag), ".xls"),
    "ppt": (ppt, ".ppt"),
}


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """What a browser sends; the content type is the client's claim and must not matter."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_objects(root: Path) -> list[str]:
    """Every object under a filesystem store's root, as storage names."""
    if not root.exists():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
