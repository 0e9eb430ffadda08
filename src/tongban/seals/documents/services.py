"""Issuing, withdrawing and correcting sealed documents. The one call the case lifecycle makes is `document_issue`.

    from tongban.seals.documents.services import document_issue
    doc = document_issue(actor=clerk, kind="acceptance", department=bureau, data=AcceptanceData(...))

Each function is one transaction, permission-checked, audited, and raises a ServiceError with a Chinese message
for anything refused (nothing is issued then, and the document number is not used up).
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tongban.audit.services import audit_record
from tongban.clock import ClockError, WorkCalendar
from tongban.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tongban.files.services import file_upload
from tongban.org.models import Department, Role
from tongban.org.permissions import department_scope
from tongban.seals import certs, conf
from tongban.seals.documents import numbering
from tongban.seals.documents.kinds import SEAL_KINDS, DocumentKind, check_kind, data_as_json, parse_data
from tongban.seals.documents.production import SealUse, produce
from tongban.seals.documents.wording import Agency, Resolved, resolve, summary
from tongban.seals.documents_models import IssuedDocument
from tongban.seals.keys import seal_for, signing_material
from tongban.seals.models import Seal
from tongban.seals.pdf_render import SealPicture
from tongban.seals.pdf_sign import signer_for
from tongban.seals.ses import sign_detached

# Who may issue what. Intake vouchers are the window's (行政许可法 第三十二条); decisions the approver's
# (第三十七、三十八条); notices during review the reviewer's or approver's. A system administrator holds every
# role; `actor=None` is the system itself (a lifecycle task), always allowed.
ISSUE_ROLES = {
    DocumentKind.ACCEPTANCE: (Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER),
    DocumentKind.SUPPLEMENT: (Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER),
    DocumentKind.INTAKE_REFUSAL: (Role.WINDOW_CLERK, Role.APPROVER),
    DocumentKind.GRANT: (Role.APPROVER,),
    DocumentKind.DENIAL: (Role.APPROVER,),
    DocumentKind.SPECIAL_PROCEDURE: (Role.REVIEWER, Role.APPROVER),
    DocumentKind.EXTENSION: (Role.APPROVER,),
    # 串通投标线索移送函: the public-resource trading centre's 交易监管人员 (tongban.trading).
    DocumentKind.TRADING_REFERRAL: (Role.TRADING_INSPECTOR,),
    DocumentKind.COMPLIANCE_REPORT: (Role.APPROVER,),
}
# Withdrawing a document undoes an administrative act: the approver or the legal officer.
WITHDRAW_ROLES = (Role.APPROVER, Role.LEGAL_OFFICER)


def _subtree(department: Department) -> set[int]:
    found, frontier = {department.pk}, {department.pk}
    while frontier:
        frontier = set(Department.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def _check_permission(actor, department: Department, roles) -> None:
    """Allowed: the system, or staff holding one of `roles` for the department or one of its divisions (a clerk
    of the bureau's 综合受理处 issues in the bureau's name)."""
    if actor is None:
        return
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录。")
    scope = department_scope(actor, roles)
    if scope is None or scope & _subtree(department):
        return
    raise PermissionDenied(f"您没有以{department.name}名义出具该文书的权限。")


def _seal_for(department: Department, kind: DocumentKind) -> Seal:
    """The kind's seal (受理专用章 / 行政审批专用章), else the department's 公章."""
    try:
        return seal_for(department, SEAL_KINDS[kind])
    except NotFound:
        try:
            return seal_for(department, Seal.Kind.OFFICIAL)
        except NotFound:
            label = Seal.Kind(SEAL_KINDS[kind]).label
            raise NotFound(
                f"{department.name}还没有可用的{label}或公章，不能出具{kind.label}。请先制作电子印章。",
                code="seal_not_found",
            ) from None


def _calendar() -> WorkCalendar | None:
    try:
        return WorkCalendar.default()
    except ClockError:
        return None


def _agency(department: Department) -> Agency:
    return Agency(name=department.name, region_name=department.region.name if department.region_id else "")


def _prepare(kind: str, data) -> Resolved:
    kind = check_kind(kind)
    parsed = parse_data(kind, data)
    return resolve(kind, parsed, today=timezone.localdate(), calendar=_calendar())


def _issue(*, actor, kind: DocumentKind, department: Department, resolved: Resolved, request) -> IssuedDocument:
    """Inside the caller's transaction: number, render, seal, sign, store, record, audit."""
    seal = _seal_for(department, kind)
    material = signing_material(seal)  # refuses a revoked, superseded or expired seal
    year = resolved.issued_on.year
    sequence = numbering.allocate(department, kind, year)
    number = numbering.format_number(numbering.agency_code(department), kind, year, sequence)
    token = secrets.token_urlsafe(16)
    now = timezone.now()
    pdf = produce(
        resolved,
        agency=_agency(department),
        number=number,
        token=token,
        public_url=conf.public_url(),
        phone=department.phone,
        seal=SealUse(
            name=seal.name,
            picture=SealPicture(png=seal.picture_png(), width_mm=seal.width_mm, height_mm=seal.height_mm),
            signer=signer_for(material),
        ),
        created=timezone.localtime(now),
    )
    # GB/T 38540 detached SES_Signature (SM2 with SM3) over the very bytes issued, kept beside them.
    sm2_signature = sign_detached(seal, pdf, property_info=f"tongban:document:{token}",
                                  private_key=material.sm2_private_pem)
    stored = file_upload(actor=None, upload=ContentFile(pdf, name=f"{kind.label}-{number}.pdf"),
                         purpose=f"{kind.label} {number}")
    document = IssuedDocument.objects.create(
        token=token,
        kind=kind,
        number=number,
        department=department,
        seal=seal,
        year=year,
        sequence=sequence,
        case_ref=resolved.data.case_ref,
        recipient=resolved.data.recipient[:200],
        item_name=resolved.data.item_name[:200],
        summary=summary(resolved)[:255],
        issued_on=resolved.issued_on,
        issued_at=now,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        pdf=stored,
        sha256=stored.blob.sha256,
        sm3=stored.blob.sm3,
        size=len(pdf),
        sm2_signature=sm2_signature,
        certificate_serial=certs.serial_hex(material.certificate.serial_number),
        data=data_as_json(resolved.data),
    )
    audit_record(
        actor=actor,
        action="document.issue",
        target=document,
        summary=f"出具{kind.label}：{number}",
        # No names or numbers of the applicant here: the log is read by auditors (audit_record's rule).
        data={"kind": kind.value, "number": number, "department": department.name, "seal": seal.es_id,
              "case_ref": document.case_ref, "sha256": document.sha256, "sm3": document.sm3},
        request=request,
    )
    return document


def document_issue(*, actor, kind: str, department: Department, data, request=None) -> IssuedDocument:
    """Render, seal (PAdES + GB/T 38540 SM2), number, store and record one document of `kind` for `department`.

    `data` is the kind's dataclass from tongban.seals.documents.kinds (AcceptanceData …) or a dict with the same
    keys (dates as "YYYY-MM-DD"). Refusals: ValidationFailed (bad data, with `errors` per field),
    PermissionDenied, NotFound (no seal), Conflict (the seal cannot be used).
    """
    resolved = _prepare(kind, data)
    _check_permission(actor, department, ISSUE_ROLES[resolved.kind])
    if not department.is_active:
        raise ValidationFailed(f"{department.name}已停用，不能出具文书。")
    with transaction.atomic():
        return _issue(actor=actor, kind=resolved.kind, department=department, resolved=resolved, request=request)


def _locked(document: IssuedDocument) -> IssuedDocument:
    current = IssuedDocument.objects.select_for_update().select_related("department").get(pk=document.pk)
    if current.status != IssuedDocument.Status.VALID:
        raise Conflict(f"该文书已{current.get_status_display()}，不能再变更。", code="document_not_valid")
    return current


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationFailed("请填写原因。", errors={"reason": ["请填写原因。"]})
    if len(reason) > 255:
        raise ValidationFailed("原因不能超过 255 个字。", errors={"reason": ["原因不能超过 255 个字。"]})
    return reason


def document_withdraw(*, actor, document: IssuedDocument, reason: str, request=None) -> IssuedDocument:
    """撤回: the document stops being valid (its bytes still verify as sealed by us, and the page says withdrawn)."""
    reason = _reason(reason)
    with transaction.atomic():
        current = _locked(document)
        _check_permission(actor, current.department, WITHDRAW_ROLES)
        current.status = IssuedDocument.Status.WITHDRAWN
        current.status_changed_at = timezone.now()
        current.status_changed_by = actor if getattr(actor, "is_authenticated", False) else None
        current.status_reason = reason
        current.save(update_fields=["status", "status_changed_at", "status_changed_by", "status_reason"])
        audit_record(actor=actor, action="document.withdraw", target=current,
                     summary=f"撤回{current.get_kind_display()}：{current.number}（{reason}）",
                     data={"number": current.number, "reason": reason}, request=request)
    return current


def document_supersede(*, actor, document: IssuedDocument, data, reason: str, request=None) -> IssuedDocument:
    """更正: issue a new document of the same kind from `data` and mark the old one superseded by it."""
    reason = _reason(reason)
    resolved = _prepare(document.kind, data)
    with transaction.atomic():
        current = _locked(document)
        _check_permission(actor, current.department, ISSUE_ROLES[resolved.kind])
        new = _issue(actor=actor, kind=resolved.kind, department=current.department, resolved=resolved,
                     request=request)
        current.status = IssuedDocument.Status.SUPERSEDED
        current.status_changed_at = new.issued_at
        current.status_changed_by = actor if getattr(actor, "is_authenticated", False) else None
        current.status_reason = reason
        current.replaced_by = new
        current.save(update_fields=["status", "status_changed_at", "status_changed_by", "status_reason",
                                    "replaced_by"])
        audit_record(actor=actor, action="document.supersede", target=current,
                     summary=f"更正{current.get_kind_display()}：{current.number} → {new.number}（{reason}）",
                     data={"number": current.number, "replaced_by": new.number, "reason": reason}, request=request)
    return new

