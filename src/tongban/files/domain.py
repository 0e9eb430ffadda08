"""The rules of the file store, without Django: which kinds of file we accept, how a name must look, digests.

`sniff.py` reads the bytes; this module says what the result means and how a refusal reads to the user.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes

from tongban.core.errors import ValidationFailed

MiB = 1024 * 1024
KiB = 1024
FILENAME_MAX = 255
PURPOSE_MAX = 64


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str  # how the UI names it: "PNG 图片"
    mime: str
    extensions: tuple[str, ...]  # the first is the canonical one


# The allow-list. OFD is the national fixed-layout format (GB/T 33190-2016), accepted beside PDF because
# e-licences and sealed decisions from other provinces often arrive as OFD.
KINDS: dict[str, FileKind] = {
    k.key: k
    for k in (
        FileKind("pdf", "PDF 文档", "application/pdf", (".pdf",)),
        FileKind("ofd", "OFD 版式文档", "application/ofd", (".ofd",)),
        FileKind("jpeg", "JPG 图片", "image/jpeg", (".jpg", ".jpeg")),
        FileKind("png", "PNG 图片", "image/png", (".png",)),
        FileKind(
            "docx", "Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
        ),
        FileKind("doc", "Word 97-2003 文档", "application/msword", (".doc",)),
        FileKind("xlsx", "Excel 工作簿", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
        FileKind("xls", "Excel 97-2003 工作簿", "application/vnd.ms-excel", (".xls",)),
        FileKind(
            "pptx",
            "PowerPoint 演示文稿",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        FileKind("ppt", "PowerPoint 97-2003 演示文稿", "application/vnd.ms-powerpoint", (".ppt",)),
    )
}
ACCEPTED_SUMMARY = "PDF、OFD、JPG、PNG、Word、Excel、PowerPoint"
NOT_ACCEPTED = f"文件类型不被接受：仅支持 {ACCEPTED_SUMMARY}"


def not_accepted(reason: str = "") -> ValidationFailed:
    detail = NOT_ACCEPTED + (f"（{reason}）" if reason else "")
    return ValidationFailed(detail, code="file_type_not_accepted", errors={"file": [detail]})


def human_size(n: int) -> str:
    """50 MiB → "50 MB" (the unit Chinese users read; the limit itself is binary)."""
    if n >= MiB and n % MiB == 0:
        return f"{n // MiB} MB"
    if n >= MiB:
        return f"{n / MiB:.1f} MB"
    if n >= KiB:
        return f"{n / KiB:.0f} KB"
    return f"{n} 字节"


def check_size(size: int, limit: int) -> None:
    if size <= 0:
        detail = "文件为空：请选择有内容的文件"
        raise ValidationFailed(detail, code="file_empty", errors={"file": [detail]})
    if size > limit:
        detail = f"文件超过 {human_size(limit)} 上限"
        raise ValidationFailed(detail, code="file_too_large", errors={"file": [detail]})


def clean_filename(name: str) -> str:
    """The name the user sees again: no directories, no control or bidi characters, at most 255 characters.

    Format characters (Unicode Cf) are dropped because U+202E can make "invoice‮fdp.exe" look like a PDF.
    """
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = unicodedata.normalize("NFC", name).strip()
    if not name.strip("."):
        detail = "文件名不能为空"
        raise ValidationFailed(detail, code="filename_empty", errors={"file": [detail]})
    if len(name) > FILENAME_MAX:
        stem, ext = split_extension(name)
        name = stem[: FILENAME_MAX - len(ext)] + ext
    return name


def split_extension(name: str) -> tuple[str, str]:
    """("申请书", ".pdf"); the extension is lower-cased, "" when there is none."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not ext or " " in ext or "/" in ext:
        return name, ""
    return stem, "." + ext.lower()


def check_extension(filename: str, kind: FileKind) -> None:
    """The extension must name what the bytes are: a user who sends the wrong file should hear it now."""
    _, ext = split_extension(filename)
    if ext in kind.extensions:
        return
    shown = f"扩展名为 {ext}" if ext else "文件名没有扩展名"
    detail = f"文件内容与扩展名不符：{shown}，实际内容为 {kind.label}"
    raise ValidationFailed(detail, code="file_extension_mismatch", errors={"file": [detail]})


def clean_purpose(purpose: str | None) -> str:
    purpose = (purpose or "").strip()
    if len(purpose) > PURPOSE_MAX:
        detail = f"用途说明不能超过 {PURPOSE_MAX} 个字符"
        raise ValidationFailed(detail, code="purpose_too_long", errors={"purpose": [detail]})
    return purpose


@dataclass(frozen=True)
class Digests:
    sha256: str
    sm3: str
    size: int


class DualHasher:
    """SHA-256 and SM3 (GB/T 32905-2016) over the same bytes, fed once."""

    def __init__(self) -> None:
        self._sha256 = hashlib.sha256()
        self._sm3 = hashes.Hash(hashes.SM3())
        self.size = 0

    def update(self, chunk: bytes) -> None:
        self._sha256.update(chunk)
        self._sm3.update(chunk)
        self.size += len(chunk)

    def finalize(self) -> Digests:
        return Digests(sha256=self._sha256.hexdigest(), sm3=self._sm3.finalize().hex(), size=self.size)


def digest_chunks(chunks: Iterable[bytes]) -> Digests:
    hasher = DualHasher()
    for chunk in chunks:
        hasher.update(chunk)
    return hasher.finalize()
