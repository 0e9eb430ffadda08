"""一件事 API (/api/v1/bundles): defining bundles (staff with catalogue rights) and running them (apply, attach,
submit, status, the combined 补正, results, one delivery). Schemas in, a service or selector call, schemas out;
errors are RFC 9457 problem+json with a Chinese `detail` (tongban/api.py), and a refused request changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Router, Schema, Status

from tongban.bundles import selectors, services
from tongban.bundles.models import BundleVersion
from tongban.bundles.plan import plan_of
from tongban.cases.schemas import ClockStandingOut
from tongban.core.errors import NotFound, ValidationFailed
from tongban.files import selectors as file_selectors
from tongban.org.models import Department, Window
from tongban.people import selectors as people_selectors

router = Router(tags=["一件事 bundles"])

_PROBLEM = {"content": {"application/problem+json": {"example": {
    "type": "https://tongban.invalid/problems/validation_failed", "title": "输入有误", "status": 422,
    "detail": "申请未通过检查：请填写拟招用人数；请上传“公司章程”", "code": "validation_failed",
    "errors": {"staff_count": ["请填写拟招用人数"]}}}}}


def _doc(*codes: int, body: dict | None = None) -> dict:
    text = {401: "未登录", 403: "无权操作", 404: "不存在或无权查看", 409: "状态不允许或已被他人处理",
            422: "输入有误：`errors` 按字段列出中文说明"}
    extra: dict[str, Any] = {"responses": {c: {"description": text[c], **_PROBLEM} for c in codes}}
    if body:
        extra["requestBody"] = {"content": {"application/json": {"examples": body}}}
    return extra


# -- schemas ----------------------------------------------------------------------------------------------------


class SavingsRow(Schema):
    label: str = Field(examples=["上传材料（份）"])
    separate: int = Field(description="逐项申请", examples=[9])
    bundle: int = Field(description="一件事", examples=[6])
    saved: int
    percent: int


class MemberOut(Schema):
    key: str = Field(examples=["seal"])
    item_code: str
    item_name: str = Field(examples=["公章刻制备案"])
    department: str
    mode: str = Field(examples=["after"])
    after: str = Field(examples=["setup"])
    condition: dict
    condition_text: str = Field(examples=["是否招用员工为“是”"])


class MaterialOut(Schema):
    code: str = Field(examples=["articles"])
    name: str = Field(examples=["公司章程"])
    formats: list[str]
    items: list[str] = Field(description="这份材料同时用于哪些事项")
    condition: str


class BundleOut(Schema):
    code: str = Field(examples=["QYKB"])
    version_id: int
    number: int
    status: str
    name: str = Field(examples=["企业开办一件事"])
    summary: str
    theme: str = Field(examples=["enterprise"])
    stage: str
    list_level: str = Field(examples=["national"])
    list_year: int = Field(examples=[2024])
    lead_department: str
    cooperating_departments: list[str]
    promised_days: int
    joint_licence: bool
    visits: int
    fields: list[dict] = Field(description="一表申请的字段（catalog 表单字段格式）")
    members: list[MemberOut]
    materials: list[MaterialOut]
    savings: list[SavingsRow]


class BundleRow(Schema):
    code: str
    name: str
    theme: str
    list_level: str
    list_year: int
    promised_days: int
    members: int


class DefinitionIn(Schema):
    code: str = Field(min_length=1, max_length=32, examples=["QYKB"])
    owner_department_id: int = Field(description="维护（牵头）部门；须为该部门的部门管理员")
    spec: dict = Field(description="一件事定义（见 docs/api.md：members、fields、materials 等）")


class SpecIn(Schema):
    spec: dict


class ApplyIn(Schema):
    bundle_code: str = Field(examples=["QYKB"])
    person_id: int | None = Field(None, description="申请人（自然人）；缺省为当前账号本人")
    legal_person_id: int | None = None
    form_data: dict = Field(default_factory=dict, examples=[{"company_name": "苏州一件事科技有限公司",
                                                             "will_hire": True, "employee_count": 8}])
    channel: Literal["online", "window"] = "online"
    window_id: int | None = Field(None, description="窗口收件时：收件窗口")


class FormIn(Schema):
    form_data: dict
    expected_version: int | None = None


class AttachIn(Schema):
    code: str = Field(description="一件事材料编码（见指南的 materials）", examples=["articles"])
    file_id: int = Field(description="先通过 /api/v1/files 上传得到的文件编号")


class VersionIn(Schema):
    expected_version: int | None = Field(None, description="申请的 row_version；已被他人改变时返回 409")


class SupplementItemIn(Schema):
    code: str = Field(examples=["articles"])
    reason: str = Field(min_length=1, max_length=200, examples=["未经全体股东签署"])


class RequestSupplementIn(VersionIn):
    items: list[SupplementItemIn] = Field(min_length=1)


class DeliverIn(VersionIn):
    method: Literal["in_person", "post"]
    note: str = Field(min_length=1, max_length=200, examples=["申请人本人领取"])


class ExtendIn(Schema):
    reason: str = Field(min_length=1, max_length=500)
    days: int = Field(15, ge=1, le=15)


class ClockOut(ClockStandingOut):
    explanation: str


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    number: str
    issued_on: date
    verify_url: str


class MemberCaseOut(Schema):
    key: str
    name: str
    department: str
    mode: str
    state: str = Field(description="skipped 无需办理 / waiting 等待前置 / started 已分送 / stopped 终止", examples=["started"])
    state_label: str
    reason: str
    case_id: int | None
    case_number: str | None
    case_status: str | None
    case_status_label: str | None
    decision: str | None
    due_on: date | None
    consequence: str = Field(description="本项不予受理、不予许可或撤回时，对其他各项的影响")
    result: DocumentOut | None


class SupplementOut(Schema):
    round: int
    requested_on: date
    answered_on: date | None
    items: list[dict]
    document: DocumentOut | None


class ApplicationOut(Schema):
    id: int
    number: str | None = Field(examples=["2026-YJS-000001"])
    bundle_code: str
    bundle_name: str
    status: str = Field(examples=["in_progress"])
    status_label: str = Field(examples=["办理中"])
    row_version: int
    channel: str
    applicant_name: str
    form_data: dict
    received_on: date | None
    accepted_on: date | None
    clock: ClockOut | None
    members: list[MemberCaseOut]
    materials: list[dict]
    supplements: list[SupplementOut]
    report: DocumentOut | None
    timeline: list[dict]


# -- converters -------------------------------------------------------------------------------------------------


def _document(doc) -> dict | None:
    if doc is None:
        return None
    from tongban.seals import conf
    from tongban.seals.documents.production import verify_url

    return {"id": doc.pk, "kind": doc.kind, "kind_label": doc.get_kind_display(), "number": doc.number,
            "issued_on": doc.issued_on, "verify_url": verify_url(conf.public_url(), doc.token)}


def _bundle(version: BundleVersion) -> dict:
    plan = plan_of(version)
    labels = {f["name"]: f["label"] for f in version.fields}
    from tongban.bundles.domain import describe

    return {
        "code": version.bundle.code, "version_id": version.pk, "number": version.number, "status": version.status,
        "name": version.name, "summary": version.summary, "theme": version.theme, "stage": version.stage,
        "list_level": version.list_level, "list_year": version.list_year,
        "lead_department": version.lead_department.name,
        "cooperating_departments": [d.name for d in version.cooperating_departments.all()],
        "promised_days": version.promised_days, "joint_licence": version.joint_licence, "visits": version.visits,
        "fields": version.fields,
        "members": [{"key": m.member.key, "item_code": m.member.item.code,
                     "item_name": m.item_version.name if m.item_version else "",
                     "department": m.item_version.implementing_department.name if m.item_version else "",
                     "mode": m.member.mode, "after": m.member.after, "condition": m.member.condition,
                     "condition_text": describe(m.member.condition, labels)} for m in plan.members],
        "materials": [{"code": m.code, "name": m.name, "formats": m.formats, "condition": m.condition_text(),
                       "items": sorted({plan.member(k).item_version.name for k, _ in m.sources})}
                      for m in plan.materials],
        "savings": selectors.bundle_savings(version).rows(),
    }


def _application(actor, bc) -> dict:
    bc.refresh_from_db()
    detail = selectors.bundle_detail(bc, timezone.localdate())
    clock = detail["clock"]
    return {
        "id": bc.pk, "number": bc.number, "bundle_code": bc.version.bundle.code, "bundle_name": bc.version.name,
        "status": bc.status, "status_label": bc.status_label, "row_version": bc.row_version, "channel": bc.channel,
        "applicant_name": bc.applicant_name, "form_data": bc.form_data, "received_on": bc.received_on,
        "accepted_on": bc.accepted_on,
        "clock": None if clock is None else {"due": clock.due, "pending_year": clock.pending_year,
                                             "workdays_left": clock.workdays_left,
                                             "status": str(clock.status), "explanation": clock.explanation},
        "members": [{
            "key": m["key"], "name": m["name"], "department": m["department"], "mode": m["mode"],
            "state": m["state"], "state_label": m["state_label"], "reason": m["reason"],
            "case_id": m["case"].pk if m["case"] else None, "case_number": m["case"].number if m["case"] else None,
            "case_status": m["case"].status if m["case"] else None,
            "case_status_label": m["case"].status_label if m["case"] else None,
            "decision": m["case"].decision if m["case"] else None, "due_on": m["case"].due_on if m["case"] else None,
            "consequence": m["consequence"], "result": _document(m["result"]),
        } for m in detail["members"]],
        "materials": [{"code": m["code"], "name": m["name"], "items": m["items"], "condition": m["condition"],
                       "uploaded": [{"file_id": u.file_id, "filename": u.file.filename, "round": u.round}
                                    for u in m["uploads"]]} for m in detail["materials"]],
        "supplements": [{"round": s.round, "requested_on": s.requested_on, "answered_on": s.answered_on,
                         "items": s.items, "document": _document(s.document)} for s in detail["supplements"]],
        "report": _document(detail["report"]),
        "timeline": [{"at": e.at, "actor": e.actor_label, "summary": e.summary,
                      "document_number": e.document.number if e.document_id else None} for e in detail["events"]],
    }


def _get(actor, pk: int):
    return selectors.bundle_case_get(actor=actor, bundle_case_id=pk)


def _version_for_staff(pk: int) -> BundleVersion:
    version = BundleVersion.objects.select_related("bundle").filter(pk=pk).first()
    if version is None:
        raise NotFound("一件事版本不存在。")
    return version


# -- public guide -------------------------------------------------------------------------------------------------


@router.get("", response=list[BundleRow], auth=None, summary="一件事清单 (published bundles)",
            description="已发布的一件事，按生命周期和清单排序。公开，无需登录。")
def bundle_list(request):
    return [{"code": v.bundle.code, "name": v.name, "theme": v.theme, "list_level": v.list_level,
             "list_year": v.list_year, "promised_days": v.promised_days, "members": v.members.count()}
            for v in selectors.published_bundles()]


@router.get("/guide/{code}", response=BundleOut, auth=None, summary="一件事指南 (guide)",
            description="一件事的一表申请字段、成员事项（并行 / 在某项准予后 / 办理条件）、一套材料，以及与逐项申请相比节省的"
                        "表单、字段、材料、跑动次数和时限。", openapi_extra=_doc(404))
def bundle_guide(request, code: str):
    return _bundle(selectors.bundle_guide(code))


# -- definitions (staff with catalogue rights) ----------------------------------------------------------------------

_SPEC_EXAMPLE = {"summary": "企业开办一件事（节选）", "value": {
    "code": "QYKB", "owner_department_id": 9, "spec": {
        "name": "企业开办一件事", "theme": "enterprise", "stage": "准入准营", "list_level": "national", "list_year": 2024,
        "lead_department": "苏州市市场监督管理局", "cooperating_departments": ["苏州市公安局"], "promised_days": 1,
        "fields": [{"name": "company_name", "label": "企业名称", "type": "text", "required": True},
                   {"name": "will_hire", "label": "是否招用员工", "type": "boolean"}],
        "members": [{"key": "setup", "item_code": "320A0001000000-320500000000-000-11320500014011202D-1-00"},
                    {"key": "seal", "item_code": "320L0024000000-320500000000-000-113205000140105680-1-00",
                     "mode": "after", "after": "setup"},
                    {"key": "fund", "item_code": "320Q0048000000-320500000000-000-12320500466201373U-1-00",
                     "condition": {"field": "will_hire", "equals": True}}],
        "materials": [{"code": "articles", "name": "公司章程",
                       "sources": [{"member": "setup", "requirement": "公司章程"}]}]}}}


@router.post("/definitions", response={201: BundleOut}, summary="新建一件事 (define a bundle)",
             description="牵头部门的部门管理员新建一件事及其第一个草稿版本。定义有误时 422 且不作任何改变。",
             openapi_extra=_doc(401, 403, 409, 422, body={"qykb": _SPEC_EXAMPLE}))
def definition_create(request, body: DefinitionIn):
    owner = Department.objects.filter(pk=body.owner_department_id).first()
    if owner is None:
        raise ValidationFailed("维护部门不存在。", errors={"owner_department_id": ["部门不存在"]})
    version = services.bundle_create(actor=request.user, code=body.code, owner=owner, spec=body.spec)
    return Status(201, _bundle(version))


@router.put("/definitions/{version_id}", response=BundleOut, summary="修改一件事草稿 (update a draft)",
            description="只有草稿可以修改；已发布的版本不可变，请新建版本。", openapi_extra=_doc(401, 403, 404, 409, 422))
def definition_update(request, version_id: int, body: SpecIn):
    version = services.bundle_version_update(actor=request.user, version=_version_for_staff(version_id),
                                             spec=body.spec)
    return _bundle(version)


@router.post("/definitions/{version_id}/new-version", response={201: BundleOut},
             summary="新建版本 (new draft from the latest)", openapi_extra=_doc(401, 403, 404, 409))
def definition_new_version(request, version_id: int):
    version = services.bundle_version_new_draft(actor=request.user, bundle=_version_for_staff(version_id).bundle)
    return Status(201, _bundle(version))


@router.post("/definitions/{version_id}/publish", response=BundleOut, summary="发布 (publish)",
             description="行政审批局审查人员（非编写人）发布；发布前对照目录检查：成员事项已发布、各事项必填字段均有对应、材料存在。",
             openapi_extra=_doc(401, 403, 404, 409, 422))
def definition_publish(request, version_id: int):
    return _bundle(services.bundle_version_publish(actor=request.user, version=_version_for_staff(version_id)))


# -- applications ------------------------------------------------------------------------------------------------


@router.post("/applications", response={201: ApplicationOut}, summary="申请一件事 (apply: a draft)",
             description="一份申请、一张表。提交前可修改申请表、上传材料。",
             openapi_extra=_doc(401, 403, 422, body={"online": {"summary": "网上申请", "value": {
                 "bundle_code": "QYKB", "form_data": {"company_name": "苏州一件事科技有限公司", "will_hire": True}}}}))
def application_create(request, body: ApplyIn):
    try:
        version = selectors.bundle_guide(body.bundle_code)
    except NotFound as exc:
        raise ValidationFailed(exc.detail, errors={"bundle_code": [exc.detail]}) from exc
    person = people_selectors.person_get(person_id=body.person_id) if body.person_id else None
    legal = people_selectors.legal_person_get(legal_person_id=body.legal_person_id) if body.legal_person_id else None
    if person is None and legal is None:
        person = people_selectors.person_of(request.user)
        if person is None:
            raise ValidationFailed("请先完成实名登记，或指明申请人。", errors={"person_id": ["请指明申请人"]})
    window = Window.objects.filter(pk=body.window_id).first() if body.window_id else None
    if body.window_id and window is None:
        raise ValidationFailed("窗口不存在。", errors={"window_id": ["窗口不存在"]})
    bc = services.bundle_case_draft(actor=request.user, version=version, person=person, legal=legal,
                                    form_data=body.form_data, channel=body.channel, window=window)
    return Status(201, _application(request.user, bc))


@router.get("/applications/mine", response=list[ApplicationOut], summary="我的一件事 (my applications)")
def application_mine(request):
    return [_application(request.user, bc) for bc in selectors.my_bundle_cases(user=request.user)[:50]]


@router.get("/applications/{application_id}", response=ApplicationOut, summary="一件事状态 (status)",
            description="总体状态与时钟，各子项的办件、状态、期限、结果及失败对其他各项的影响，一套材料，补正告知，时间线。",
            openapi_extra=_doc(401, 404))
def application_get(request, application_id: int):
    return _application(request.user, _get(request.user, application_id))


@router.put("/applications/{application_id}/form", response=ApplicationOut, summary="保存申请表 (save the form)",
            openapi_extra=_doc(401, 403, 404, 409, 422))
def application_form(request, application_id: int, body: FormIn):
    bc = services.bundle_case_save_form(actor=request.user, bundle_case=_get(request.user, application_id),
                                        form_data=body.form_data, expected_version=body.expected_version)
    return _application(request.user, bc)


@router.post("/applications/{application_id}/materials", response=ApplicationOut,
             summary="上传一份材料 (attach one shared material)",
             description="每份材料只传一次，自动用于需要它的每个事项；补正时只能传告知书所列材料。",
             openapi_extra=_doc(401, 403, 404, 409, 422, body={"articles": {"value": {"code": "articles", "file_id": 31}}}))
def application_attach(request, application_id: int, body: AttachIn):
    bc = _get(request.user, application_id)
    try:
        stored = file_selectors.stored_file_get(actor=request.user, file_id=body.file_id)
    except NotFound as exc:
        raise ValidationFailed(exc.detail, errors={"file_id": [exc.detail]}) from exc
    services.bundle_attach(actor=request.user, bundle_case=bc, code=body.code, file=stored)
    return _application(request.user, bc)


@router.post("/applications/{application_id}/submit", response=ApplicationOut, summary="提交 (submit and fan out)",
             description="检查一表申请和材料后分送各部门：并行事项立即建件，前置事项准予后自动启动后续事项，不符合条件的事项不办理。",
             openapi_extra=_doc(401, 403, 404, 409, 422))
def application_submit(request, application_id: int, body: VersionIn):
    bc = services.bundle_submit(actor=request.user, bundle_case=_get(request.user, application_id),
                                expected_version=body.expected_version, request=request)
    return _application(request.user, bc)


@router.post("/applications/{application_id}/accept", response=ApplicationOut, summary="一窗受理 (accept every sub-case)",
             description="窗口一次受理全部待受理子项；各子项分别出具受理通知书、按各自时限计时。",
             openapi_extra=_doc(401, 403, 404, 409))
def application_accept(request, application_id: int):
    bc = _get(request.user, application_id)
    services.bundle_accept(actor=request.user, bundle_case=bc, request=request)
    return _application(request.user, bc)


@router.post("/applications/{application_id}/request-supplement", response=ApplicationOut,
             summary="一次性告知补正 (combined 补正, window staff)",
             description="窗口汇总各子项所缺材料，出具一份加盖印章的补正告知书；各相关子项同时进入待补正（行政许可法第三十二条）。",
             openapi_extra=_doc(401, 403, 404, 409, 422, body={"one": {"value": {
                 "items": [{"code": "articles", "reason": "未经全体股东签署"}]}}}))
def application_request_supplement(request, application_id: int, body: RequestSupplementIn):
    bc = _get(request.user, application_id)
    services.bundle_request_supplement(actor=request.user, bundle_case=bc, items=[i.dict() for i in body.items],
                                       expected_version=body.expected_version, request=request)
    return _application(request.user, bc)


@router.post("/applications/{application_id}/supplement", response=ApplicationOut,
             summary="提交补正 (answer the combined 补正 once)", openapi_extra=_doc(401, 403, 404, 409, 422))
def application_submit_supplement(request, application_id: int, body: VersionIn):
    bc = services.bundle_submit_supplement(actor=request.user, bundle_case=_get(request.user, application_id),
                                           expected_version=body.expected_version, request=request)
    return _application(request.user, bc)


@router.get("/applications/{application_id}/results", response=list[DocumentOut], summary="结果 (results)",
            description="已产生的各项结果（决定书、合并报告），产生即可查看。", openapi_extra=_doc(401, 404))
def application_results(request, application_id: int):
    detail = selectors.bundle_detail(_get(request.user, application_id), timezone.localdate())
    docs = [m["result"] for m in detail["members"] if m["result"] is not None]
    if detail["report"] is not None:
        docs.append(detail["report"])
    return [_document(d) for d in docs]


@router.post("/applications/{application_id}/deliver", response=ApplicationOut, summary="统一送达 (one delivery)",
             description="各项结果均已产生后，窗口一次送达全部结果（窗口领取或邮寄）。", openapi_extra=_doc(401, 403, 404, 409, 422))
def application_deliver(request, application_id: int, body: DeliverIn):
    bc = services.bundle_deliver(actor=request.user, bundle_case=_get(request.user, application_id),
                                 method=body.method, note=body.note, expected_version=body.expected_version,
                                 request=request)
    return _application(request.user, bc)


@router.post("/applications/{application_id}/extend", response=ApplicationOut,
             summary="联合办理延期 (extend a joint licence +15)", openapi_extra=_doc(401, 403, 404, 409, 422))
def application_extend(request, application_id: int, body: ExtendIn):
    bc = services.bundle_extend(actor=request.user, bundle_case=_get(request.user, application_id),
                                reason=body.reason, days=body.days, request=request)
    return _application(request.user, bc)
