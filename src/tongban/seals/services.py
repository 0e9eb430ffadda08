"""Writes of the seals app: make, rotate and revoke a department's electronic seal.

Each is one transaction, allowed to a system administrator or to the department's 部门管理员, audited, and
raises a ServiceError with a Chinese message for anything refused. `actor=None` is the system itself (the
`tongban seal` command run by an operator on the server, or the demo seeding) and is allowed.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from tongban.audit.services import audit_record
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.org.models import Department, Role
from tongban.org.permissions import require_role
from tongban.seals import conf, keys, picture, ses
from tongban.seals.models import Algorithm, Seal

MANAGE_ROLES = (Role.DEPT_ADMIN,)  # a system administrator holds every role everywhere


def _check_permission(actor, department: Department) -> None:
    if actor is None:
        return
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录。")
    require_role(actor, MANAGE_ROLES, department)


def default_name(department: Department, kind: str) -> str:
    """公章 bears the agency's name; a 专用章 adds its purpose (苏州市行政审批局行政审批专用章)."""
    if kind == Seal.Kind.OFFICIAL:
        return department.name
    return department.name + str(Seal.Kind(kind).label)


def _read(upload) -> bytes:
    if isinstance(upload, bytes | bytearray | memoryview):
        return bytes(upload)
    if hasattr(upload, "read"):
        if hasattr(upload, "seek"):
            upload.seek(0)
        data = upload.read(picture.PNG_MAX_BYTES + 1)
        return data if isinstance(data, bytes) else data.encode()
    raise ValidationFailed("无法读取上传的印章图片。")


def _picture(*, upload, department: Department, kind: str, code: str, width_mm: int, height_mm: int):
    """(png, svg or None, drawn?) for a new seal."""
    if upload is None:
        if width_mm != height_mm:
            raise ValidationFailed("系统绘制的印章是圆形，宽和高必须相同。")
        purpose = "" if kind == Seal.Kind.OFFICIAL else str(Seal.Kind(kind).label)
        png = picture.draw_seal(name=department.name, purpose=purpose, code=code, diameter_mm=width_mm)
        return png, None, True
    data = _read(upload)
    if not data:
        raise ValidationFailed("上传的印章图片是空的。")
    if picture.sniff_picture(data) == "PNG":
        return picture.validate_png(data), None, False
    svg = picture.validate_svg(data)
    return picture.svg_to_png(svg, width_mm=width_mm, height_mm=height_mm), svg, False


def _size(width_mm, height_mm) -> tuple[int, int]:
    d = conf.diameter_mm()
    width = int(width_mm or d)
    height = int(height_mm or width)
    for v in (width, height):
        if not picture.MIN_MM <= v <= picture.MAX_MM:
            raise ValidationFailed(f"印章尺寸应在 {picture.MIN_MM}–{picture.MAX_MM} 毫米之间。")
    return width, height


def _issue(*, department, kind, name, code, generation, png, svg, drawn, width_mm, height_mm, replaces, actor) -> Seal:
    """Keys, certificates and the signed GB/T 38540 record for one issuance; saves the row."""
    es_id = keys.es_id_for(code, generation)
    issued = keys.issue_keys(department=department, kind=kind, es_id=es_id)
    now = timezone.now()
    ses_der = ses.build_ses_seal(
        es_id=es_id,
        name=name,
        certificates=[issued.sm2_certificate_der, issued.certificate_der],
        created=now,
        valid_start=issued.valid_from,
        valid_end=issued.valid_until,
        picture_type="SVG" if svg else "PNG",
        picture_data=svg or png,
        width_mm=width_mm,
        height_mm=height_mm,
        maker_certificate_der=keys.sm2_root_der(),
        maker_signer=keys.root_key(Algorithm.SM2),
    )
    try:
        with transaction.atomic():
            return Seal.objects.create(
                department=department,
                kind=kind,
                name=name,
                code=code,
                es_id=es_id,
                generation=generation,
                replaces=replaces,
                picture_png_data=png,
                picture_svg_data=svg,
                picture_drawn=drawn,
                width_mm=width_mm,
                height_mm=height_mm,
                valid_from=issued.valid_from,
                valid_until=issued.valid_until,
                created_at=now,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                key_backend=issued.key_backend,
                certificate_pem=issued.certificate_pem,
                certificate_serial=issued.certificate_serial,
                chain_pem=issued.chain_pem,
                key_ref=issued.key_ref,
                sm2_certificate_pem=issued.sm2_certificate_pem,
                sm2_certificate_serial=issued.sm2_certificate_serial,
                sm2_key_ref=issued.sm2_key_ref,
                ses_seal_der=ses_der,
            )
    except IntegrityError as exc:
        raise Conflict(
            f"{department.name}已有在用的{Seal.Kind(kind).label}（可能刚由他人制作），请刷新后再试。", code="seal_exists"
        ) from exc


def _audit_data(seal: Seal) -> dict:
    return {
        "department": seal.department.name,
        "kind": seal.kind,
        "es_id": seal.es_id,
        "generation": seal.generation,
        "certificate_serial": seal.certificate_serial,
        "sm2_certificate_serial": seal.sm2_certificate_serial,
    }


@transaction.atomic
def seal_create(
    *,
    actor,
    department: Department,
    kind: str,
    name: str | None = None,
    picture=None,
    width_mm: int | None = None,
    height_mm: int | None = None,
    request=None,
) -> Seal:
    """Make a department's seal of `kind`: keys, certificates, picture (drawn unless `picture` is given: PNG
    or SVG bytes or a file) and the signed GB/T 38540 record."""
    _check_permission(actor, department)
    if kind not in Seal.Kind.values:
        raise ValidationFailed("印章类型只能是：" + "、".join(str(label) for label in Seal.Kind.labels) + "。")
    if not department.is_active:
        raise ValidationFailed(f"{department.name}已停用，不能制作印章。")
    name = (name or default_name(department, kind)).strip()
    if not name or len(name) > 128:
        raise ValidationFailed("印章名称不能为空，且不超过 128 个字。")
    department = Department.objects.select_for_update().get(pk=department.pk)  # serialise makers of this department
    if Seal.objects.filter(department=department, kind=kind, status=Seal.Status.CURRENT).exists():
        raise Conflict(
            f"{department.name}已有在用的{Seal.Kind(kind).label}。如需新证书请“更换”，如需停用请“吊销”。",
            code="seal_exists",
        )
    width, height = _size(width_mm, height_mm)
    code = _unused_code(department, kind)
    png, svg, drawn = _picture(upload=picture, department=department, kind=kind, code=code, width_mm=width, height_mm=height)
    seal = _issue(department=department, kind=kind, name=name, code=code, generation=1, png=png, svg=svg,
                  drawn=drawn, width_mm=width, height_mm=height, replaces=None, actor=actor)
    audit_record(actor=actor, action="seal.create", target=seal, summary=f"制作电子印章：{seal.name}",
                 data=_audit_data(seal), request=request)
    return seal


def _unused_code(department: Department, kind: str) -> str:
    for _ in range(20):
        code = keys.new_code(department, kind)
        if not Seal.objects.filter(code=code).exists():
            return code
    raise Conflict("无法生成不重复的印章编码，请重试。")  # pragma: no cover - 10^5 codes per region and kind


@transaction.atomic
def seal_rotate(*, actor, seal: Seal, request=None) -> Seal:
    """New keys and certificates for a seal in use (same name, code and picture); the old issuance is kept,
    superseded but not revoked, so the documents it sealed still verify."""
    old = Seal.objects.select_for_update().select_related("department").get(pk=seal.pk)
    _check_permission(actor, old.department)
    if old.status != Seal.Status.CURRENT:
        raise Conflict(f"只能更换在用的印章；该印章{old.get_status_display()}。", code="seal_not_current")
    old.status = Seal.Status.SUPERSEDED
    old.superseded_at = timezone.now()
    old.save(update_fields=["status", "superseded_at"])
    new = _issue(
        department=old.department, kind=old.kind, name=old.name, code=old.code, generation=old.generation + 1,
        png=bytes(old.picture_png_data), svg=bytes(old.picture_svg_data) if old.picture_svg_data else None,
        drawn=old.picture_drawn, width_mm=old.width_mm, height_mm=old.height_mm, replaces=old, actor=actor,
    )
    audit_record(actor=actor, action="seal.rotate", target=new,
                 summary=f"更换电子印章证书：{new.name}（第 {old.generation} 版 → 第 {new.generation} 版）",
                 data={**_audit_data(new), "replaces_es_id": old.es_id}, request=request)
    return new


@transaction.atomic
def seal_revoke(*, actor, seal: Seal, reason: str, reason_code: str = Seal.RevocationReason.UNSPECIFIED,
                request=None) -> Seal:
    """Revoke a seal issuance (in use or superseded): its certificates go on the CRLs from now on."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请填写吊销原因。", errors={"reason": ["请填写吊销原因。"]})
    if len(reason) > 255:
        raise ValidationFailed("吊销原因不能超过 255 个字。", errors={"reason": ["吊销原因不能超过 255 个字。"]})
    if reason_code not in Seal.RevocationReason.values:
        raise ValidationFailed("吊销原因代码无效。")
    target = Seal.objects.select_for_update().select_related("department").get(pk=seal.pk)
    _check_permission(actor, target.department)
    if target.status == Seal.Status.REVOKED:
        raise Conflict(f"该印章已于 {timezone.localtime(target.revoked_at):%Y-%m-%d %H:%M} 吊销。", code="seal_revoked")
    target.status = Seal.Status.REVOKED
    target.revoked_at = timezone.now()
    target.revocation_reason = reason_code
    target.revocation_note = reason
    target.revoked_by = actor if getattr(actor, "is_authenticated", False) else None
    target.save(update_fields=["status", "revoked_at", "revocation_reason", "revocation_note", "revoked_by"])
    audit_record(actor=actor, action="seal.revoke", target=target, summary=f"吊销电子印章：{target.name}（{reason}）",
                 data={**_audit_data(target), "reason": reason, "reason_code": reason_code}, request=request)
    return target
