"""Reads for the catalogue: specs of versions, diffs, the public directory, delegations in force."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from tongban.catalog.models import Delegation, ItemVersion, ServiceItem
from tongban.catalog.spec import VersionSpec
from tongban.core.errors import NotFound

Status = ItemVersion.Status


def spec_of(version: ItemVersion) -> VersionSpec:
    """The version as its canonical spec (the export and diff format)."""
    return VersionSpec.model_validate({
        "name": version.name,
        "item_type": version.item_type,
        "competent_department": version.competent_department.name,
        "implementing_department": version.implementing_department.name,
        "summary": version.summary,
        "acceptance_conditions": version.acceptance_conditions,
        "review_criteria": version.review_criteria,
        "free_of_charge": version.free_of_charge,
        "fees": [{"name": f.name, "standard": f.standard, "basis": f.basis} for f in version.fees.all()],
        "statutory_days": version.statutory_days,
        "promised_days": version.promised_days,
        "handling": version.handling,
        "online_depth": version.online_depth,
        "visits": version.visits,
        "tolerance_allowed": version.tolerance_allowed,
        "tolerance_conditions": version.tolerance_conditions,
        "commitment_allowed": version.commitment_allowed,
        "commitment_conditions": version.commitment_conditions,
        "consultation_phone": version.consultation_phone,
        "complaint_phone": version.complaint_phone,
        "halls": [h.name for h in version.halls.order_by("name")],
        "windows": [f"{w.hall.name}/{w.number}" for w in version.windows.select_related("hall").order_by("hall__name", "number")],
        "themes": [{"audience": t.audience, "name": t.name} for t in version.themes.order_by("audience", "order", "name")],
        "legal_bases": [
            {"kind": b.kind, "law": b.law, "article": b.article, "text": b.text} for b in version.legal_bases.all()
        ],
        "materials": [
            {
                "name": m.name, "source": m.source, "source_detail": m.source_detail, "form": m.form,
                "copies": m.copies, "formats": m.formats, "condition": m.condition, "notes": m.notes,
                "needs_dual_verification": m.needs_dual_verification,
                "blank_form_sha256": m.blank_form.blob.sha256 if m.blank_form_id else None,
                "sample_sha256": m.sample.blob.sha256 if m.sample_id else None,
            }
            for m in version.materials.select_related("blank_form__blob", "sample__blob")
        ],
        "steps": [
            {"name": s.name, "role": s.role, "workdays": s.workdays, "description": s.description}
            for s in version.steps.all()
        ],
        "form_schema": version.form_schema,
        "extra_procedures": version.extra_procedures,
        "extension_days": version.extension_days,
        "change_note": version.change_note,
    })


# Labels for the diff, in the order a guide shows them.
FIELD_LABELS = {
    "name": "事项名称", "item_type": "事项类型", "competent_department": "主管部门",
    "implementing_department": "实施机关", "summary": "事项简介", "acceptance_conditions": "受理条件",
    "review_criteria": "审查标准", "free_of_charge": "不收费", "fees": "收费", "statutory_days": "法定办结时限",
    "promised_days": "承诺办结时限", "handling": "办件类型", "online_depth": "网办深度", "visits": "到现场次数",
    "tolerance_allowed": "容缺受理", "tolerance_conditions": "容缺受理条件", "commitment_allowed": "告知承诺",
    "commitment_conditions": "告知承诺条件", "consultation_phone": "咨询电话", "complaint_phone": "投诉电话",
    "halls": "办理大厅", "windows": "办理窗口", "themes": "主题", "legal_bases": "法律依据", "materials": "申请材料",
    "steps": "审查环节", "form_schema": "申请表", "extra_procedures": "可用特别程序", "extension_days": "可延长时限",
}


def version_diff(old: ItemVersion, new: ItemVersion) -> list[dict]:
    """What changed from `old` to `new`: one row per changed element; lists show what was added and removed."""
    a, b = spec_of(old).model_dump(mode="json"), spec_of(new).model_dump(mode="json")
    rows = []
    for field, label in FIELD_LABELS.items():
        if a[field] == b[field]:
            continue
        row = {"field": field, "label": label, "old": a[field], "new": b[field]}
        if isinstance(a[field], list):
            row["removed"] = [x for x in a[field] if x not in b[field]]
            row["added"] = [x for x in b[field] if x not in a[field]]
        rows.append(row)
    return rows


VERSION_RELATED = ("item", "item__owner", "competent_department", "implementing_department")


def _version_related(qs: QuerySet[ItemVersion], related: tuple[str, ...] = VERSION_RELATED) -> QuerySet[ItemVersion]:
    return qs.select_related(*related)


def published_versions() -> QuerySet[ItemVersion]:
    return _version_related(ItemVersion.objects.filter(status=Status.PUBLISHED))


def current_version(item: ServiceItem) -> ItemVersion:
    version = item.versions.filter(status=Status.PUBLISHED).first()
    if version is None:
        raise NotFound("该事项尚未发布或已停用。")
    return version


def guide_version(code: str) -> ItemVersion:
    version = (
        _version_related(ItemVersion.objects.filter(item__code=code, status=Status.PUBLISHED))
        .prefetch_related("legal_bases", "fees", "steps", "halls", "themes",
                          Prefetch("windows"), Prefetch("materials"))
        .first()
    )
    if version is None:
        raise NotFound("未找到该事项的办事指南（可能尚未发布或已停用）。")
    return version


def delegations_in_force(item: ServiceItem, on: date) -> QuerySet[Delegation]:
    return item.delegations.filter(effective_from__lte=on).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
    ).select_related("zone")


def directory(*, department_id: int | None = None, theme_id: int | None = None, zone_id: int | None = None,
              on: date | None = None) -> QuerySet[ItemVersion]:
    """Published items for the public directory, by department, theme or zone (items delegated to it on `on`)."""
    qs = published_versions()
    if department_id:
        qs = qs.filter(Q(implementing_department_id=department_id) | Q(competent_department_id=department_id))
    if theme_id:
        qs = qs.filter(themes__id=theme_id)
    if zone_id:
        on = on or date.today()
        qs = qs.filter(
            item__delegations__zone_id=zone_id, item__delegations__effective_from__lte=on
        ).filter(Q(item__delegations__withdrawn_on__isnull=True) | Q(item__delegations__withdrawn_on__gt=on))
    return qs.distinct().order_by("name")


def version_visible(*, actor, version_id: int, related: tuple[str, ...] = VERSION_RELATED,
                    fields: tuple[str, ...] = ()) -> ItemVersion:
    """Published and retired versions are public; drafts only for the owner's admins and the bureau's reviewers.
    `related`: the rows joined (an application needs only the item's owner); `fields`: only these are read."""
    from tongban.catalog.services import is_bureau_reviewer
    from tongban.org.models import Role
    from tongban.org.permissions import has_role

    versions = _version_related(ItemVersion.objects.filter(pk=version_id), related)
    version = (versions.only(*fields) if fields else versions).first()
    if version is None:
        raise NotFound("版本不存在。")
    if version.status in (Status.PUBLISHED, Status.RETIRED):
        return version
    if has_role(actor, [Role.DEPT_ADMIN], version.item.owner_id) or is_bureau_reviewer(actor):
        return version
    raise NotFound("版本不存在。")
