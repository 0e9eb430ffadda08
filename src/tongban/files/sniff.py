"""What a file really is, from its bytes. The filename and the client's Content-Type are never consulted.

- PDF, JPEG, PNG: their signatures at offset 0 (`filetype` only names what a refused file is).
- ZIP containers: the central directory is listed (nothing is decompressed, so a zip bomb costs nothing).
  OFD (GB/T 33190-2016 §7.1) has OFD.xml at the package root; OOXML (ISO/IEC 29500-2, OPC) has
  [Content_Types].xml and its main part under word/, xl/ or ppt/.
- OLE2 compound files ([MS-CFB]): the legacy Office formats are told apart by the streams in the root storage
  ([MS-DOC] WordDocument, [MS-XLS] Workbook/Book, [MS-PPT] "PowerPoint Document").

Files carrying macros are refused, and so are password-encrypted Office files, whose content cannot be checked.
"""

from __future__ import annotations

import struct
import zipfile
from typing import BinaryIO

import filetype

from tongban.core.errors import ValidationFailed
from tongban.files.domain import KINDS, FileKind, not_accepted

ZIP_LOCAL_HEADER = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD_BYTES = 8192

_SIGNATURES = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"))


def sniff(f: BinaryIO) -> FileKind:
    """The accepted kind of the (seekable) file `f`, or ValidationFailed with the reason in Chinese."""
    f.seek(0)
    head = f.read(HEAD_BYTES)
    try:
        if head.startswith(ZIP_LOCAL_HEADER):
            return _zip_kind(f, head)
        if head.startswith(OLE2_SIGNATURE):
            return _ole2_kind(f)
    finally:
        f.seek(0)
    for signature, key in _SIGNATURES:
        if head.startswith(signature):
            return KINDS[key]
    raise not_accepted(_what_it_is(head))


def _what_it_is(head: bytes) -> str:
    """A hint for the refusal ("实际内容为 .exe 文件"), when `filetype` recognises the bytes."""
    guess = filetype.guess(head)
    if guess is None:
        return ""
    if any("." + guess.extension in kind.extensions for kind in KINDS.values()):
        # `filetype` guesses Office files from the first zip entries; we looked closer and said no.
        return "实际内容为 .zip 文件" if head.startswith(ZIP_LOCAL_HEADER) else ""
    return f"实际内容为 .{guess.extension} 文件"


def _macro_refused() -> ValidationFailed:
    detail = "文件含有宏代码，不被接受：请另存为不含宏的文档后再上传"
    return ValidationFailed(detail, code="file_has_macros", errors={"file": [detail]})


def _encrypted_refused() -> ValidationFailed:
    detail = "文件已设置打开密码，无法检查其内容：请取消密码后再上传"
    return ValidationFailed(detail, code="file_encrypted", errors={"file": [detail]})


# --- ZIP: OFD and OOXML -------------------------------------------------------------------------------


def _zip_kind(f: BinaryIO, head: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(f) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise not_accepted("压缩包已损坏") from None
    name_set = set(names)
    if "OFD.xml" in name_set:
        return KINDS["ofd"]
    if "[Content_Types].xml" in name_set:
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise _macro_refused()
        for prefix, key in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in names):
                return KINDS[key]
    raise not_accepted(_what_it_is(head))


# --- OLE2 compound files: doc, xls, ppt ----------------------------------------------------------------

MAXREGSECT = 0xFFFFFFFA
ENDOFCHAIN = 0xFFFFFFFE
NOSTREAM = 0xFFFFFFFF
DIR_ENTRY = 128
ROOT_STORAGE = 5


class _Corrupt(Exception):
    pass


def _ole2_kind(f: BinaryIO) -> FileKind:
    try:
        names = {n.lower() for n in ole2_root_names(f)}
    except _Corrupt:
        raise not_accepted("文件结构已损坏") from None
    if "encryptedpackage" in names:  # [MS-OFFCRYPTO]: an encrypted OOXML file wrapped in OLE2
        raise _encrypted_refused()
    if "macros" in names or "_vba_project_cur" in names:  # Word / Excel VBA storages
        raise _macro_refused()
    if "worddocument" in names:
        return KINDS["doc"]
    if "workbook" in names or "book" in names:
        return KINDS["xls"]
    if "powerpoint document" in names:
        return KINDS["ppt"]
    raise not_accepted()


def ole2_root_names(f: BinaryIO) -> list[str]:
    """Names of the entries directly inside the root storage of a compound file ([MS-CFB] §2.2, §2.6)."""
    f.seek(0, 2)
    file_size = f.tell()
    f.seek(0)
    header = f.read(512)
    if len(header) < 512 or not header.startswith(OLE2_SIGNATURE):
        raise _Corrupt
    major, _byte_order, sector_shift = struct.unpack_from("<HHH", header, 26)
    if (major, sector_shift) not in ((3, 9), (4, 12)):
        raise _Corrupt
    sector_size = 1 << sector_shift
    per_sector = sector_size // 4
    max_sectors = file_size // sector_size + 1
    (first_dir,) = struct.unpack_from("<I", header, 48)
    first_difat, difat_count = struct.unpack_from("<II", header, 68)

    def read_sector(n: int) -> bytes:
        if n >= MAXREGSECT or n >= max_sectors:
            raise _Corrupt
        f.seek((n + 1) * sector_size)
        data = f.read(sector_size)
        if len(data) < sector_size:
            raise _Corrupt
        return data

    fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < MAXREGSECT]
    sector, seen = first_difat, set()
    while sector < MAXREGSECT:
        if sector in seen or len(seen) > difat_count:
            raise _Corrupt
        seen.add(sector)
        values = struct.unpack(f"<{per_sector}I", read_sector(sector))
        fat_sectors.extend(v for v in values[:-1] if v < MAXREGSECT)
        sector = values[-1]

    def next_sector(n: int) -> int:
        index, offset = divmod(n, per_sector)
        if index >= len(fat_sectors):
            raise _Corrupt
        f.seek((fat_sectors[index] + 1) * sector_size + offset * 4)
        data = f.read(4)
        if len(data) < 4:
            raise _Corrupt
        return struct.unpack("<I", data)[0]

    directory = bytearray()
    sector, seen = first_dir, set()
    while sector != ENDOFCHAIN:
        if sector in seen or len(seen) > max_sectors:
            raise _Corrupt
        seen.add(sector)
        directory += read_sector(sector)
        sector = next_sector(sector)

    count = len(directory) // DIR_ENTRY
    if count == 0 or directory[66] != ROOT_STORAGE:
        raise _Corrupt

    def entry(i: int) -> tuple[str, int, int, int]:
        base = i * DIR_ENTRY
        (name_len,) = struct.unpack_from("<H", directory, base + 64)
        if name_len > 64 or name_len % 2:
            raise _Corrupt
        name = bytes(directory[base : base + max(name_len - 2, 0)]).decode("utf-16-le", errors="replace")
        left, right, child = struct.unpack_from("<III", directory, base + 68)
        return name, left, right, child

    # The children of a storage form a tree through the left/right sibling links, rooted at its child.
    names: list[str] = []
    stack, visited = [entry(0)[3]], set()
    while stack:
        i = stack.pop()
        if i == NOSTREAM:
            continue
        if i in visited or i >= count or i == 0:
            raise _Corrupt
        visited.add(i)
        name, left, right, _child = entry(i)
        names.append(name)
        stack += [left, right]
    return names
