"""File store API: upload, metadata, download. The checks and the audit live in services."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from django.http import FileResponse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from tongban.files import selectors, services
from tongban.files.domain import ACCEPTED_SUMMARY, split_extension
from tongban.files.models import StoredFile

router = Router(tags=["文件 files"])


class FileOut(Schema):
    id: int
    filename: str
    size: int = Field(description="字节数")
    sha256: str = Field(description="SHA-256，十六进制小写")
    sm3: str = Field(description="SM3 (GB/T 32905-2016)，十六进制小写")
    content_type: str = Field(description="按文件内容（魔数）识别的类型，不采信文件名或客户端声明")
    purpose: str
    created_at: datetime

    @staticmethod
    def resolve_size(obj: StoredFile) -> int:
        return obj.blob.size

    @staticmethod
    def resolve_sha256(obj: StoredFile) -> str:
        return obj.blob.sha256

    @staticmethod
    def resolve_sm3(obj: StoredFile) -> str:
        return obj.blob.sm3

    @staticmethod
    def resolve_content_type(obj: StoredFile) -> str:
        return obj.blob.content_type


@router.post(
    "",
    response={201: FileOut},
    summary="上传文件",
    description=(
        f"multipart/form-data，字段 `file`（必填）与 `purpose`（可选，用途说明）。仅接受 {ACCEPTED_SUMMARY}；"
        "类型按文件内容识别，扩展名须与内容一致；大小上限由 TONGBAN_UPLOAD_MAX_BYTES 设定（默认 50 MB）。"
        "不被接受时返回 422 problem+json，`detail` 说明原因。相同内容只存一份。"
    ),
)
def file_upload(request, file: File[UploadedFile], purpose: Form[str] = ""):
    stored = services.file_upload(actor=request.user, upload=file, purpose=purpose, request=request)
    return Status(201, stored)


@router.get("/{file_id}", response=FileOut, summary="文件信息")
def file_detail(request, file_id: int):
    return selectors.stored_file_get(actor=request.user, file_id=file_id)


@router.get(
    "/{file_id}/content",
    summary="下载文件",
    description="返回文件原始内容，Content-Type 为识别出的类型，以附件形式下载（文件名按 RFC 6266 编码）。",
    openapi_extra={"responses": {200: {"description": "文件内容", "content": {"application/octet-stream": {}}}}},
)
def file_content(request, file_id: int):
    stored = selectors.stored_file_get(actor=request.user, file_id=file_id)
    stream = services.file_open(actor=request.user, stored_file=stored, request=request)
    response = FileResponse(stream, content_type=stored.blob.content_type)
    response["Content-Length"] = str(stored.blob.size)
    response["Content-Disposition"] = content_disposition(stored.filename)
    return response


def content_disposition(filename: str) -> str:
    """RFC 6266 / RFC 8187: an ASCII `filename` for old clients, the real name in `filename*`."""
    _, ext = split_extension(filename)
    try:
        filename.encode("ascii")
        fallback = filename
    except UnicodeEncodeError:
        fallback = "download" + ext
    fallback = fallback.replace("\\", "\\\\").replace('"', '\\"')
    fallback = "".join(ch if 0x20 <= ord(ch) < 0x7F else "_" for ch in fallback)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
