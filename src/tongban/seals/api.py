"""Public verification API under /api/v1/seals (no authentication): is a sealed document genuine and in force?

- GET  /seals/documents/{token}            the document behind a QR code (its stored bytes re-checked)
- POST /seals/verify                       an uploaded PDF (multipart field `file`; nothing is kept)
- GET  /seals/documents/{token}/signature  its GB/T 38540 SM2 detached signature (DER)
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpResponse
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile

from tongban.core.errors import ValidationFailed
from tongban.files.api import content_disposition
from tongban.seals.documents import selectors
from tongban.seals.documents.selectors import Verification
from tongban.seals.views import verify_max_bytes

router = Router(tags=["电子印章 seals"])


class SealOut(Schema):
    name: str = Field(description="印章名称（本平台的印章）")
    department: str = Field(description="盖章单位（签章证书的单位名称）")
    kind: str = Field(description="印章类型")
    certificate_serial: str = Field(description="签章证书序列号（十六进制）")
    revoked: bool = Field(description="签章证书是否已吊销（吊销在盖章之后且非密钥泄露的，不影响文书效力）")
    revoked_at: datetime | None
    revocation_reason: str


class Sm2Out(Schema):
    present: bool = Field(description="是否保存有国密（SM2，GB/T 38540）分离签名")
    valid: bool
    reason: str


class DocumentOut(Schema):
    kind: str = Field(description="文书类型代码：acceptance、supplement、intake_refusal、grant、denial、"
                                  "special_procedure、extension")
    title: str = Field(description="文书名称，如 受理通知书")
    number: str = Field(description="文号")
    department: str
    issued_on: date = Field(description="成文日期")
    issued_at: datetime = Field(description="盖章时间（本平台记录）")
    item_name: str = Field(description="申请事项")
    recipient: str = Field(description="申请人（个人姓名已遮盖）")
    summary: str
    case_ref: str = Field(description="办件编号")
    status: str = Field(description="valid（有效）、superseded（已被更正）、withdrawn（已撤回）")
    status_label: str
    status_changed_at: datetime | None
    status_reason: str
    replaced_by: str | None = Field(description="更正后文书的文号")
    replaced_by_url: str | None = Field(description="更正后文书的核验页面")
    verify_url: str = Field(description="核验页面（文书上的二维码）")
    sm2_signature_url: str = Field(description="国密分离签名的下载地址")


class VerificationOut(Schema):
    valid: bool = Field(description="有效：电子印章由本平台签发、文件未被修改、文书未被撤回或更正")
    verdict: str = Field(description="有效 / 无效")
    reason: str = Field(description="无效的原因（或有效时的说明），中文")
    authentic: bool = Field(description="电子印章与签名真实且文件未被修改（不论文书是否仍然有效）")
    sha256: str
    signed_at: datetime | None
    seal: SealOut
    sm2: Sm2Out
    document: DocumentOut | None
    notes: list[str]


def _out(v: Verification) -> dict:
    from tongban.seals import conf
    from tongban.seals.documents.production import verify_url

    doc = v.document
    document = None
    if doc is not None:
        base = conf.public_url()
        document = {
            "kind": doc.kind, "title": doc.get_kind_display(), "number": doc.number, "department": doc.department.name,
            "issued_on": doc.issued_on, "issued_at": doc.issued_at, "item_name": doc.item_name,
            "recipient": selectors.mask_recipient(doc.recipient), "summary": doc.summary, "case_ref": doc.case_ref,
            "status": doc.status, "status_label": doc.get_status_display(),
            "status_changed_at": doc.status_changed_at, "status_reason": doc.status_reason,
            "replaced_by": doc.replaced_by.number if doc.replaced_by_id else None,
            "replaced_by_url": verify_url(base, doc.replaced_by.token) if doc.replaced_by_id else None,
            "verify_url": verify_url(base, doc.token),
            "sm2_signature_url": f"{base}/api/v1/seals/documents/{doc.token}/signature",
        }
    return {
        "valid": v.valid, "verdict": v.verdict, "reason": v.reason, "authentic": v.authentic, "sha256": v.sha256,
        "signed_at": v.signed_at, "seal": v.seal.__dict__, "sm2": v.sm2.__dict__, "document": document,
        "notes": list(v.notes),
    }


@router.get("/documents/{token}", response=VerificationOut, auth=None, summary="按核验码核验文书",
            description="文书二维码中的核验码。重新核验存档的文件（签章、证书链、吊销、国密签名）并给出文书状态。未知核验码返回 404。")
def document_verify(request, token: str):
    return _out(selectors.verify_token(token, request=request))


@router.post("/verify", response=VerificationOut, auth=None, summary="上传 PDF 核验",
             description="multipart/form-data，字段 `file`：要核验的 PDF。无需登录；文件只用于本次核验，不会保存。"
                         "非 PDF 或过大的文件返回 422。")
def upload_verify(request, file: File[UploadedFile]):
    limit = verify_max_bytes()
    if file.size > limit:
        raise ValidationFailed(f"文件过大：最多 {limit // (1024 * 1024)} MB。", errors={"file": ["文件过大"]})
    data = file.read()
    if not data.startswith(b"%PDF-"):
        raise ValidationFailed("只能核验 PDF 文件：上传的文件不是 PDF。", errors={"file": ["不是 PDF 文件"]})
    return _out(selectors.verify_upload(data))


@router.get("/documents/{token}/signature", auth=None, summary="下载国密分离签名",
            description="GB/T 38540 SES_Signature（DER，SM2-with-SM3），签名对象为文书 PDF 的全部字节。",
            openapi_extra={"responses": {200: {"description": "SES_Signature (DER)",
                                               "content": {"application/octet-stream": {}}}}})
def document_signature(request, token: str):
    doc = selectors.document_by_token(token)
    response = HttpResponse(bytes(doc.sm2_signature), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition(f"{doc.get_kind_display()}-{doc.number}.ses")
    return response
