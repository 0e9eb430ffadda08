"""Writes for the catalogue: drafting, submitting, reviewing, publishing and retiring item versions,
delegations (赋权) and FAQs. Each is one transaction, permission-checked and audited.

Who may do what:
- the owning department's admins (部门管理员) write drafts and submit them;
- the bureau's reviewers (审查人员 of the 行政审批局 or its divisions) publish, and never their own drafts;
- a published version is immutable: a change is a new version.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from pydantic import ValidationError as PydanticError

from tongban.audit.services import audit_record
from tongban.catalog.models import (
    Delegation,
    Faq,
    Fee,
    ItemVersion,
    LegalBasis,
    MaterialRequirement,
    ReviewStep,
    ServiceItem,
    Theme,
    item_code_validator,
)
from tongban.catalog.spec import VersionSpec
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.files.models import StoredFile
from tongban.org.models import Department, Hall, Role, Window, Zone
from tongban.org.permissions import department_scope, require_role

Status = ItemVersion.Status


def parse_spec(data: dict | VersionSpec) -> VersionSpec:
    """Validate raw data as a VersionSpec; errors come back as one ValidationFailed in Chinese."""
    if isinstance(data, VersionSpec):
        return data
    try:
        return VersionSpec.model_validate(data)
    except PydanticError as exc:
        raise ValidationFailed("实施规范填写有误：" + _pydantic_messages(exc)) from exc


def _pydantic_messages(exc: PydanticError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}：{msg}" if where else msg)
    return "；".join(parts)


def is_bureau_reviewer(actor) -> bool:
    scope = department_scope(actor, [Role.REVIEWER])
    if scope is None:
        return True
    return Department.objects.filter(pk__in=scope).filter(
        Q(kind=Department.Kind.BUREAU) | Q(parent__kind=Department.Kind.BUREAU)
    ).exists()


def _require_owner_admin(actor, item: ServiceItem) -> None:
    require_role(actor, [Role.DEPT_ADMIN], item.owner_id)


def _one(model, label: str, **lookup):
    found = list(model.objects.filter(**lookup)[:2])
    if len(found) != 1:
        raise ValidationFailed(f"{label}“{next(iter(lookup.values()))}”{'不存在' if not found else '不唯一'}。")
    return found[0]


def _resolve_refs(spec: VersionSpec) -> dict:
    refs = {
        "competent_department": _one(Department, "主管部门", name=spec.competent_department),
        "implementing_department": _one(Department, "实施机关", name=spec.implementing_department),
        "halls": [_one(Hall, "办理大厅", name=name) for name in spec.halls],
        "windows": [],
        "themes": [],
        "files": {},
    }
    for ref in spec.windows:
        hall_name, _, number = ref.rpartition("/")
        if not hall_name:
            raise ValidationFailed(f"窗口“{ref}”应写作“大厅名称/窗口号”。")
        refs["windows"].append(_one(Window, "窗口", hall__name=hall_name, number=number))
    for theme in spec.themes:
        refs["themes"].append(_one(Theme, "主题", audience=theme.audience, name=theme.name))
    for step in spec.steps:
        if step.role not in Role.values:
            raise ValidationFailed(f"审查环节“{step.name}”的角色“{step.role}”未知。")
    for m in spec.materials:
        for sha in filter(None, (m.blank_form_sha256, m.sample_sha256)):
            stored = StoredFile.objects.filter(blob__sha256=sha).order_by("id").first()
            if stored is None:
                raise ValidationFailed(f"材料“{m.name}”引用的文件（SHA-256 {sha[:12]}…）不在文件库中。")
            refs["files"][sha] = stored
    return refs


def _write_version(version: ItemVersion, spec: VersionSpec, refs: dict) -> None:
    for field in (
        "name", "item_type", "summary", "acceptance_conditions", "review_criteria", "free_of_charge",
        "statutory_days", "promised_days", "handling", "online_depth", "visits", "tolerance_allowed",
        "tolerance_conditions", "commitment_allowed", "commitment_conditions", "consultation_phone",
        "complaint_phone", "form_schema", "extra_procedures", "extension_days", "change_note",
    ):
        setattr(version, field, getattr(spec, field))
    version.competent_department = refs["competent_department"]
    version.implementing_department = refs["implementing_department"]
    version.save()
    version.halls.set(refs["halls"])
    version.windows.set(refs["windows"])
    version.themes.set(refs["themes"])
    for related in (version.legal_bases, version.fees, version.materials, version.steps):
        related.all().delete()
    LegalBasis.objects.bulk_create(
        LegalBasis(version=version, order=i, **b.model_dump()) for i, b in enumerate(spec.legal_bases)
    )
    Fee.objects.bulk_create(Fee(version=version, order=i, **f.model_dump()) for i, f in enumerate(spec.fees))
    MaterialRequirement.objects.bulk_create(
        MaterialRequirement(
            version=version, order=i,
            blank_form=refs["files"].get(m.blank_form_sha256), sample=refs["files"].get(m.sample_sha256),
            **m.model_dump(exclude={"blank_form_sha256", "sample_sha256"}),
        )
        for i, m in enumerate(spec.materials, 1)
    )
    ReviewStep.objects.bulk_create(
        ReviewStep(version=version, order=i, **s.model_dump()) for i, s in enumerate(spec.steps, 1)
    )


@transaction.atomic
def item_create(
    *, actor, code: str, owner: Department, spec: VersionSpec | dict, parent: ServiceItem | None = None
) -> ItemVersion:
    """A new item with its first draft version."""
    require_role(actor, [Role.DEPT_ADMIN], owner)
    spec = parse_spec(spec)
    try:
        item_code_validator(code)
    except Exception as exc:  # django ValidationError
        raise ValidationFailed(f"事项编码“{code}”格式不正确：应为 GB/T 39554.1 实施编码格式。") from exc
    if ServiceItem.objects.filter(code=code).exists():
        raise Conflict(f"事项编码 {code} 已存在。")
    refs = _resolve_refs(spec)
    item = ServiceItem.objects.create(code=code, owner=owner, parent=parent)
    version = ItemVersion(item=item, number=1, created_by=actor)
    _write_version(version, spec, refs)
    audit_record(actor=actor, action="catalog.item.create", target=version, summary=f"新建事项 {spec.name}（{code}）")
    return version


def _locked(version: ItemVersion) -> ItemVersion:
    return ItemVersion.objects.select_for_update().select_related("item").get(pk=version.pk)


@transaction.atomic
def version_new_draft(*, actor, item: ServiceItem) -> ItemVersion:
    """Start the next version from the latest one; published versions are never edited in place."""
    _require_owner_admin(actor, item)
    ServiceItem.objects.select_for_update().filter(pk=item.pk).first()
    if item.versions.filter(status__in=[Status.DRAFT, Status.SUBMITTED]).exists():
        raise Conflict("该事项已有未发布的新版本，请在其上继续修改。")
    latest = item.versions.order_by("-number").first()
    from tongban.catalog.selectors import spec_of

    spec = spec_of(latest).model_copy(update={"change_note": ""})
    version = ItemVersion(item=item, number=latest.number + 1, created_by=actor)
    _write_version(version, spec, _resolve_refs(spec))
    audit_record(actor=actor, action="catalog.version.draft", target=version, summary=f"新建版本 {version}")
    return version


@transaction.atomic
def version_update(*, actor, version: ItemVersion, spec: VersionSpec | dict) -> ItemVersion:
    version = _locked(version)
    _require_owner_admin(actor, version.item)
    if version.status != Status.DRAFT:
        raise Conflict(f"{version}状态为“{version.get_status_display()}”，只有草稿可以修改；请新建版本。")
    spec = parse_spec(spec)
    _write_version(version, spec, _resolve_refs(spec))
    audit_record(actor=actor, action="catalog.version.update", target=version, summary=f"修改草稿 {version}")
    return version


@transaction.atomic
def version_submit(*, actor, version: ItemVersion) -> ItemVersion:
    version = _locked(version)
    _require_owner_admin(actor, version.item)
    if version.status != Status.DRAFT:
        raise Conflict(f"{version}已是“{version.get_status_display()}”，不能再次提交。")
    version.status, version.submitted_at = Status.SUBMITTED, timezone.now()
    version.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action="catalog.version.submit", target=version, summary=f"提交审核 {version}")
    return version


@transaction.atomic
def version_review(*, actor, version: ItemVersion, approve: bool, note: str = "") -> ItemVersion:
    """A bureau reviewer, not the author, publishes the version or returns it to draft with a reason."""
    version = _locked(version)
    if not is_bureau_reviewer(actor):
        raise PermissionDenied("只有行政审批局的审查人员可以审核发布事项。")
    if version.created_by_id == actor.pk:
        raise PermissionDenied("不能审核自己编写的版本，须由另一名审查人员审核。")
    if version.status != Status.SUBMITTED:
        raise Conflict(f"{version}状态为“{version.get_status_display()}”，不在待审核状态。")
    version.reviewed_by, version.review_note = actor, note
    if approve:
        now = timezone.now()
        ItemVersion.objects.filter(item=version.item, status=Status.PUBLISHED).update(
            status=Status.RETIRED, retired_at=now
        )
        version.status, version.published_at = Status.PUBLISHED, now
        action, summary = "catalog.version.publish", f"审核通过并发布 {version}"
    else:
        if not note.strip():
            raise ValidationFailed("退回修改须写明理由。")
        version.status, version.submitted_at = Status.DRAFT, None
        action, summary = "catalog.version.return", f"退回修改 {version}：{note[:80]}"
    version.save(update_fields=["status", "reviewed_by", "review_note", "published_at", "submitted_at"])
    audit_record(actor=actor, action=action, target=version, summary=summary)
    if approve:
        from tongban.catalog.search import index_item  # keep the search index in step with publishing

        index_item(version.item)
    return version


@transaction.atomic
def version_retire(*, actor, version: ItemVersion, reason: str) -> ItemVersion:
    version = _locked(version)
    if not is_bureau_reviewer(actor):
        raise PermissionDenied("只有行政审批局的审查人员可以停用事项。")
    if version.status != Status.PUBLISHED:
        raise Conflict(f"{version}不是已发布状态，无需停用。")
    if not reason.strip():
        raise ValidationFailed("停用事项须写明理由。")
    version.status, version.retired_at = Status.RETIRED, timezone.now()
    version.save(update_fields=["status", "retired_at"])
    audit_record(actor=actor, action="catalog.version.retire", target=version, summary=f"停用 {version}：{reason[:80]}")
    from tongban.catalog.search import index_item  # keep the search index in step with publishing

    index_item(version.item)
    return version


@transaction.atomic
def delegation_grant(*, actor, item: ServiceItem, zone: Zone, effective_from: date, basis: str = "") -> Delegation:
    _require_owner_admin(actor, item)
    overlapping = item.delegations.filter(zone=zone).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=effective_from)
    )
    if overlapping.exists():
        raise Conflict(f"{item}已赋权给{zone}，尚未收回。")
    delegation = Delegation.objects.create(
        item=item, zone=zone, effective_from=effective_from, basis=basis, created_by=actor
    )
    audit_record(actor=actor, action="catalog.delegation.grant", target=delegation,
                 summary=f"赋权 {zone} 自 {effective_from} 起办理 {item}")
    return delegation


@transaction.atomic
def delegation_withdraw(*, actor, delegation: Delegation, on: date) -> Delegation:
    delegation = Delegation.objects.select_for_update().select_related("item", "zone").get(pk=delegation.pk)
    _require_owner_admin(actor, delegation.item)
    if delegation.withdrawn_on is not None:
        raise Conflict("该赋权已收回。")
    if on <= delegation.effective_from:
        raise ValidationFailed("收回日期须晚于赋权日期。")
    delegation.withdrawn_on = on
    delegation.save(update_fields=["withdrawn_on"])
    audit_record(actor=actor, action="catalog.delegation.withdraw", target=delegation,
                 summary=f"自 {on} 起收回 {delegation.zone} 对 {delegation.item} 的办理权")
    return delegation


@transaction.atomic
def faq_save(*, actor, item: ServiceItem, question: str, answer: str, faq: Faq | None = None) -> Faq:
    _require_owner_admin(actor, item)
    if len(question.strip()) < 2 or not answer.strip():
        raise ValidationFailed("请填写问题和解答。")
    if faq is None:
        faq = Faq.objects.create(item=item, question=question.strip(), answer=answer.strip(), order=item.faqs.count())
    else:
        faq.question, faq.answer = question.strip(), answer.strip()
        faq.save(update_fields=["question", "answer"])
    audit_record(actor=actor, action="catalog.faq.save", target=faq, summary=f"保存常见问题：{faq.question[:60]}")
    from tongban.catalog.search import index_item  # keep the search index in step with publishing

    index_item(item)
    return faq


@transaction.atomic
def faq_delete(*, actor, faq: Faq) -> None:
    _require_owner_admin(actor, faq.item)
    audit_record(actor=actor, action="catalog.faq.delete", target=faq, summary=f"删除常见问题：{faq.question[:60]}")
    item = faq.item
    faq.delete()
    from tongban.catalog.search import index_item  # keep the search index in step with publishing

    index_item(item)
