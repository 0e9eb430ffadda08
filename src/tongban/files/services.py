"""Writes to the file store: upload, open for reading (audited), and the fixity check used by archiving.

How an upload is kept (docs/adr/0003-file-store.md):

1. Refuse early, before a byte is stored: empty, too large, not on the allow-list by its magic bytes, or an
   extension that names another type. A refused upload leaves no row, no stored object and no file of ours.
2. One streaming pass computes SHA-256 and SM3 together.
3. In one transaction: reuse the Blob with that SHA-256, or insert it (in a savepoint) and only then write the
   object under `blobs/ab/cd/<sha256>`. The unique index on `sha256` is the lock: a concurrent upload of the
   same bytes blocks on it (PostgreSQL) or waits for the write lock (SQLite), then takes the IntegrityError
   path and reuses the winner's Blob. So a committed Blob always has its object, written exactly once.
4. The StoredFile row and the audit entry commit with it.

If the transaction rolls back after the object was written (a database failure, or a caller's outer
transaction), the object is left without a row: harmless, since the next upload of the same bytes rewrites it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import IntegrityError, transaction

from tongban.audit.services import audit_record
from tongban.core.errors import NotFound, PermissionDenied
from tongban.files.domain import (
    Digests,
    DualHasher,
    FileKind,
    check_extension,
    check_size,
    clean_filename,
    clean_purpose,
    human_size,
)
from tongban.files.models import Blob, StoredFile, blob_storage_name
from tongban.files.selectors import stored_file_can_read
from tongban.files.sniff import sniff

logger = logging.getLogger(__name__)

CHUNK = 256 * 1024


def _storage():
    return storages["default"]


def _upload_limit() -> int:
    return int(settings.TONGBAN_UPLOAD_MAX_BYTES)


def file_upload(*, actor, upload: File, purpose: str = "", request=None) -> StoredFile:
    """Keep one upload. `upload` is a Django File (an UploadedFile from a form or the API, or a ContentFile).

    `actor` is the signed-in user, or None for a system process. Raises ValidationFailed, with the reason in
    Chinese, for anything not accepted.
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录后再上传文件")
    limit = _upload_limit()
    filename = clean_filename(upload.name)
    purpose = clean_purpose(purpose)
    check_size(upload.size or 0, limit)
    kind = sniff(upload)
    check_extension(filename, kind)
    digests = _digest(upload, limit)

    blob = _blob_lookup(digests.sha256)
    with transaction.atomic():
        created = False
        if blob is None:
            blob, created = _blob_get_or_create(digests=digests, kind=kind, upload=upload)
        try:
            stored = StoredFile.objects.create(
                filename=filename,
                blob=blob,
                uploaded_by=actor,
                purpose=purpose,
            )
            audit_record(
                actor=actor,
                action="file.upload",
                target=stored,
                summary=f"上传文件：{filename}（{human_size(blob.size)}）",
                data={
                    "filename": filename,
                    "purpose": purpose,
                    "sha256": blob.sha256,
                    "sm3": blob.sm3,
                    "size": blob.size,
                    "content_type": blob.content_type,
                    "new_content": created,
                },
                request=request,
            )
        except BaseException:
            if created:  # we still hold the Blob row, so nobody else can be relying on this object
                _storage().delete(blob.storage_name)
            raise
    return stored


def _digest(upload: File, limit: int) -> Digests:
    hasher = DualHasher()
    upload.seek(0)
    while chunk := upload.read(CHUNK):
        hasher.update(chunk)
        if hasher.size > limit:  # the declared size was wrong; trust the bytes
            break
    upload.seek(0)
    digests = hasher.finalize()
    check_size(digests.size, limit)
    return digests


def _blob_lookup(sha256: str) -> Blob | None:
    """The fast path, outside the transaction: most duplicate uploads end here."""
    return Blob.objects.filter(sha256=sha256).first()


def _blob_get_or_create(*, digests: Digests, kind: FileKind, upload: File) -> tuple[Blob, bool]:
    name = blob_storage_name(digests.sha256)
    try:
        with transaction.atomic():
            blob = Blob.objects.create(
                sha256=digests.sha256,
                sm3=digests.sm3,
                size=digests.size,
                content_type=kind.mime,
                storage_name=name,
            )
    except IntegrityError:
        # Another upload of the same bytes committed first: its object is written, use its Blob.
        existing = Blob.objects.filter(sha256=digests.sha256).first()
        if existing is None:
            raise
        return existing, False
    _object_write(name=name, upload=upload, content_type=kind.mime)
    return blob, True


def _object_write(*, name: str, upload: File, content_type: str) -> None:
    storage = _storage()
    if storage.exists(name):
        # Left by an upload whose transaction rolled back after writing; we hold the row now, so rewrite it
        # rather than trust bytes that may be partial.
        storage.delete(name)
    content = File(upload, name=name)
    content.content_type = content_type  # what S3 stores as Content-Type; the client's value is never used
    try:
        saved = storage.save(name, content)
    except BaseException:
        storage.delete(name)  # a half-written object must not stay under a content address
        raise
    if saved != name:
        # Only possible if something outside this service wrote the same name meanwhile: same address, same
        # bytes, so keep that one and drop our renamed copy.
        logger.warning("files: %s already existed while writing; dropped duplicate %s", name, saved)
        storage.delete(saved)


def file_open(*, actor, stored_file: StoredFile, request=None):
    """A readable binary stream of the file's bytes (close it when done). Audited as "file.read".

    Allowed for the uploader and for staff; `actor=None` is a system process (recorded as 系统).
    """
    if not stored_file_can_read(actor=actor, stored_file=stored_file):
        raise PermissionDenied("无权查看该文件")
    blob = stored_file.blob
    try:
        stream = _storage().open(blob.storage_name, "rb")
    except FileNotFoundError:
        logger.error("files: object %s of blob %s is missing from storage", blob.storage_name, blob.pk)
        raise NotFound("文件内容已丢失，请联系系统管理员", code="file_content_missing") from None
    try:
        audit_record(
            actor=actor,
            action="file.read",
            target=stored_file,
            summary=f"读取文件：{stored_file.filename}",
            data={"sha256": blob.sha256, "size": blob.size},
            request=request,
        )
    except BaseException:
        stream.close()
        raise
    return stream


@dataclass(frozen=True)
class FixityReport:
    """The result of re-hashing a blob's stored bytes (四性检测: 完整性)."""

    blob_id: int
    ok: bool
    missing: bool
    size: int | None
    sha256: str | None
    sm3: str | None

    @property
    def message(self) -> str:
        if self.missing:
            return "存储中找不到该文件"
        return "文件完整，哈希值一致" if self.ok else "文件已损坏或被篡改：哈希值不一致"


def file_verify_fixity(blob: Blob) -> FixityReport:
    """Re-read the stored bytes and compare size, SHA-256 and SM3 with what was recorded at upload."""
    try:
        stream = _storage().open(blob.storage_name, "rb")
    except FileNotFoundError:
        return FixityReport(blob_id=blob.pk, ok=False, missing=True, size=None, sha256=None, sm3=None)
    hasher = DualHasher()
    with stream:
        while chunk := stream.read(CHUNK):
            hasher.update(chunk)
    d = hasher.finalize()
    ok = (d.size, d.sha256, d.sm3) == (blob.size, blob.sha256, blob.sm3)
    return FixityReport(blob_id=blob.pk, ok=ok, missing=False, size=d.size, sha256=d.sha256, sm3=d.sm3)
