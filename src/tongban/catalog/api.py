"""Catalogue API: the public directory and guides, drafting and publishing versions, delegations, FAQs,
search, import/export and the bureau's figures."""

from __future__ import annotations

import io
from datetime import date

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from tongban.catalog import indicators, selectors, services
from tongban.catalog.models import Delegation, Faq, ItemVersion, ServiceItem, Theme
from tongban.catalog.spec import VersionSpec
from tongban.core.errors import PermissionDenied
from tongban.org.models import Zone
from tongban.org.permissions import has_role
from tongban.org.selectors import department_get

router = Router(tags=["事项清单 catalog"])
public = {"auth": None}


class ItemRow(Schema):
    code: str = Field(alias="item.code")
    version_id: int = Field(alias="id")
    number: int
    name: str
    item_type: str
    item_type_label: str = Field(alias="get_item_type_display")
    implementing_department: str = Field(alias="implementing_department.name")
    online_depth: int
    visits: int
    statutory_days: int
    promised_days: int
    handling: str


class VersionRow(Schema):
    id: int
    number: int
    status: str
    status_label: str = Field(alias="get_status_display")
    name: str
    change_note: str
    published_at: str | None = None
    retired_at: str | None = None


class FaqOut(Schema):
    id: int
    question: str
    answer: str


class DelegationOut(Schema):
    id: int
    zone: str = Field(alias="zone.name")
    effective_from: date
    withdrawn_on: date | None
    basis: str


class VersionOut(Schema):
    id: int
    code: str
    number: int
    status: str
    spec: VersionSpec


class GuideOut(VersionOut):
    faqs: list[FaqOut]
    delegations: list[DelegationOut]


class ItemIn(Schema):
    code: str = Field(examples=["320A0123000000-320500000000-000-11320500MB0000001X-1-00"])
    owner_id: int
    parent_code: str | None = None
    spec: VersionSpec


class ReviewIn(Schema):
    approve: bool
    note: str = ""


class ReasonIn(Schema):
    reason: str = Field(min_length=1)


class DelegationIn(Schema):
    zone_id: int
    effective_from: date
    basis: str = ""


class WithdrawIn(Schema):
    on: date


class FaqIn(Schema):
    question: str = Field(min_length=2)
    answer: str = Field(min_length=1)


class HitOut(Schema):
    kind: str
    item_code: str
    name: str
    version_id: int
    score: float
    snippet: str
    faq_id: int | None = None
    question: str | None = None


class FiguresOut(Schema):
    department_id: int | None
    department: str
    items: int
    online_rate: float = Field(description="可网办率（网办深度 4 的事项占比）")
    instant_rate: float = Field(description="即办率")
    zero_visit_rate: float = Field(description="零跑动率（到现场次数 0）")
    time_compression_rate: float = Field(description="承诺时限压缩率")
    by_type: dict[str, int]


class IndicatorsOut(Schema):
    overall: FiguresOut
    departments: list[FiguresOut]


class ThemeOut(Schema):
    id: int
    name: str
    audience: str


def _version_out(version: ItemVersion) -> dict:
    return {"id": version.pk, "code": version.item.code, "number": version.number, "status": version.status,
            "spec": selectors.spec_of(version)}


def _item(code: str) -> ServiceItem:
    return get_object_or_404(ServiceItem, code=code)


@router.get("/items", response=list[ItemRow], summary="已发布事项目录", **public)
def items(request, department_id: int | None = None, theme_id: int | None = None, zone_id: int | None = None):
    return selectors.directory(department_id=department_id, theme_id=theme_id, zone_id=zone_id)


@router.get("/items/{code}", response=GuideOut, summary="办事指南（现行版本）", **public)
def guide(request, code: str):
    version = selectors.guide_version(code)
    return {**_version_out(version), "faqs": list(version.item.faqs.all()),
            "delegations": list(selectors.delegations_in_force(version.item, date.today()))}


@router.get("/items/{code}/versions", response=list[VersionRow], summary="版本历史")
def versions(request, code: str):
    item = _item(code)
    visible = [v.pk for v in item.versions.all()
               if v.status in ("published", "retired") or has_role(request.user, ["dept_admin"], item.owner_id)
               or services.is_bureau_reviewer(request.user)]
    return [
        {**{f: getattr(v, f) for f in ("id", "number", "status", "name", "change_note")},
         "get_status_display": v.get_status_display(),
         "published_at": v.published_at.isoformat() if v.published_at else None,
         "retired_at": v.retired_at.isoformat() if v.retired_at else None}
        for v in item.versions.filter(pk__in=visible).order_by("-number")
    ]


@router.get("/versions/{version_id}", response=VersionOut, summary="某一版本的实施规范")
def version(request, version_id: int):
    return _version_out(selectors.version_visible(actor=request.user, version_id=version_id))


@router.get("/versions/{version_id}/diff", summary="两个版本的差异")
def diff(request, version_id: int, against: int):
    new = selectors.version_visible(actor=request.user, version_id=version_id)
    old = selectors.version_visible(actor=request.user, version_id=against)
    return {"from": old.number, "to": new.number, "changes": selectors.version_diff(old, new)}


@router.post("/items", response={201: VersionOut}, summary="新建事项（生成 v1 草稿）")
def item_create(request, payload: ItemIn):
    parent = _item(payload.parent_code) if payload.parent_code else None
    v = services.item_create(actor=request.user, code=payload.code, owner=department_get(payload.owner_id),
                             spec=payload.spec, parent=parent)
    return Status(201, _version_out(v))


@router.post("/items/{code}/versions", response={201: VersionOut}, summary="新建修订版本（草稿）")
def version_new(request, code: str):
    return Status(201, _version_out(services.version_new_draft(actor=request.user, item=_item(code))))


@router.put("/versions/{version_id}", response=VersionOut, summary="修改草稿")
def version_update(request, version_id: int, payload: VersionSpec):
    v = selectors.version_visible(actor=request.user, version_id=version_id)
    return _version_out(services.version_update(actor=request.user, version=v, spec=payload))


@router.post("/versions/{version_id}/submit", response=VersionOut, summary="提交审核")
def version_submit(request, version_id: int):
    v = selectors.version_visible(actor=request.user, version_id=version_id)
    return _version_out(services.version_submit(actor=request.user, version=v))


@router.post("/versions/{version_id}/review", response=VersionOut, summary="审核：发布或退回")
def version_review(request, version_id: int, payload: ReviewIn):
    v = selectors.version_visible(actor=request.user, version_id=version_id)
    return _version_out(services.version_review(actor=request.user, version=v, approve=payload.approve, note=payload.note))


@router.post("/versions/{version_id}/retire", response=VersionOut, summary="停用")
def version_retire(request, version_id: int, payload: ReasonIn):
    v = selectors.version_visible(actor=request.user, version_id=version_id)
    return _version_out(services.version_retire(actor=request.user, version=v, reason=payload.reason))


@router.post("/items/{code}/delegations", response={201: DelegationOut}, summary="赋权给开发区")
def delegation_grant(request, code: str, payload: DelegationIn):
    d = services.delegation_grant(actor=request.user, item=_item(code), zone=get_object_or_404(Zone, pk=payload.zone_id),
                                  effective_from=payload.effective_from, basis=payload.basis)
    return Status(201, d)


@router.post("/delegations/{delegation_id}/withdraw", response=DelegationOut, summary="收回赋权")
def delegation_withdraw(request, delegation_id: int, payload: WithdrawIn):
    d = get_object_or_404(Delegation, pk=delegation_id)
    return services.delegation_withdraw(actor=request.user, delegation=d, on=payload.on)


@router.post("/items/{code}/faqs", response={201: FaqOut}, summary="新增常见问题")
def faq_create(request, code: str, payload: FaqIn):
    return Status(201, services.faq_save(actor=request.user, item=_item(code), question=payload.question,
                                         answer=payload.answer))


@router.put("/faqs/{faq_id}", response=FaqOut, summary="修改常见问题")
def faq_update(request, faq_id: int, payload: FaqIn):
    faq = get_object_or_404(Faq, pk=faq_id)
    return services.faq_save(actor=request.user, item=faq.item, faq=faq, question=payload.question,
                             answer=payload.answer)


@router.delete("/faqs/{faq_id}", response={204: None}, summary="删除常见问题")
def faq_delete(request, faq_id: int):
    services.faq_delete(actor=request.user, faq=get_object_or_404(Faq, pk=faq_id))
    return Status(204, None)


@router.get("/search", response=list[HitOut], summary="检索事项与常见问题（支持口语化提问）", **public)
def search(request, q: str = Query(..., min_length=1, max_length=100), limit: int = Query(10, ge=1, le=50)):
    from tongban.catalog.search import search as run_search

    return run_search(q, limit=limit)


@router.get("/themes", response=list[ThemeOut], summary="主题（个人 / 法人）", **public)
def themes(request):
    return Theme.objects.all()


@router.get("/indicators", response=IndicatorsOut, summary="可网办率、即办率、零跑动率、承诺时限压缩率", **public)
def catalogue_indicators(request):
    overall, departments = indicators.catalogue_figures()
    return {"overall": overall, "departments": departments}


@router.get("/export", summary="导出整个事项清单（JSON 或 Excel）")
def export(request, format: str = Query("json", pattern="^(json|xlsx)$")):
    from tongban.catalog import transfer

    if not getattr(request.user, "staff", None):
        raise PermissionDenied("只有工作人员可以导出完整事项清单（含草稿）。")
    buffer = io.BytesIO()
    (transfer.export_json if format == "json" else transfer.export_xlsx)(buffer)
    content_type = ("application/json" if format == "json"
                    else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="tongban-catalogue.{format}"'
    return response


@router.post("/import", summary="导入事项清单（任何一行有误则全部不导入）")
def catalogue_import(request, file: UploadedFile = File(...)):
    from tongban.catalog import transfer

    raw = file.read()
    reader = transfer.import_xlsx if file.name.lower().endswith(".xlsx") else transfer.import_json
    return {"summary": reader(actor=request.user, raw=raw)}
