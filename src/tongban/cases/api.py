"""Cases API (/api/v1/cases) and in-app notifications (/api/v1/notifications).

Every step an applicant, a window clerk, a reviewer or an approver can take in the portal and the workbench,
so an external system or a mobile app can run a whole case. Schemas in (schemas.py), a service or selector
call, the case detail out.

- Every write answers with the case detail and its new `row_version`, also sent as the `ETag` header.
  Send it back as `If-Match: "<row_version>"` or as `expected_version` in the body: when somebody acted on the
  case in between, the action is refused with 409 problem+json and nothing changes.
- `POST /cases` honours `Idempotency-Key`: the first request creates the draft (201), a retry with the same key
  returns the same case (200, `Idempotent-Replayed: true`).
- Errors are RFC 9457 `application/problem+json` with a Chinese `title` and `detail` (tongban/api.py).
"""


import re
from datetime import date
from typing import Any, Literal

from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tongban.cases import notices, selectors, services
from tongban.cases.domain import ACTION_LABELS, STATUS_LABELS, Action, return_target, review_step_after
from tongban.cases.domain import Status as CaseStatus
from tongban.cases.models import Case, CaseStep, Delivery, Extension, Notification
from tongban.cases.schemas import (
    CaseCreateIn,
    CaseDetail,
    CaseEventOut,
    CaseExtensionIn,
    CaseFormIn,
    CaseInstantIn,
    CaseMaterialIn,
    CaseProblem,
    CaseRef,
    CaseRow,
    CaseVersionIn,
    CaseWithdrawIn,
    CompleteStepIn,
    DecideIn,
    DeliverIn,
    FactCheckIn,
    MarkedOut,
    NotificationOut,
    RefuseIntakeIn,
    RequestSupplementIn,
    ReturnStepIn,
    SuspendIn,
)
from tongban.catalog import selectors as catalog_selectors
from tongban.catalog.models import ItemVersion, MaterialRequirement
from tongban.core.errors import NotFound, ServiceError, ValidationFailed
from tongban.files import selectors as file_selectors
from tongban.files.api import content_disposition
from tongban.org.models import Role, Window, Zone
from tongban.org.permissions import has_role
from tongban.people import selectors as people_selectors

router = Router(tags=["办件 cases"])
notifications_router = Router(tags=["消息 notifications"])

PREFIX = "/api/v1/cases"
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,64}$")
ETAG = re.compile(r'^(?:W/)?"?(\d{1,9})"?$')
MINIMAL = re.compile(r"(?:^|[,;\s])return\s*=\s*minimal\b", re.IGNORECASE)


# -- OpenAPI: errors, headers, examples --------------------------------------------------------------------------

_PROBLEM_SCHEMA = CaseProblem.model_json_schema()
_PROBLEM_EXAMPLES = {
    401: ("未登录", "not_authenticated", "请先登录，或在 Authorization 头中提供有效的接口令牌。"),
    403: ("无权操作", "permission_denied", "您没有在苏州市市场监督管理局办理该办件的权限。"),
    404: ("未找到", "not_found", "办件不存在或无权查看。"),
    409: ("操作冲突", "conflict", "办件 2026-SCJ-000001 已被他人处理（当前状态：审查中），请刷新后再操作。"),
    422: ("输入有误", "validation_failed", "请求数据未通过校验：items。请按 errors 中的说明修改。"),
}
_PROBLEM_TEXT = {
    401: "未登录或令牌无效",
    403: "无权执行该操作（不在本部门或不具备该环节的角色）",
    404: "办件不存在，或当前用户无权查看（不区分这两种情况）",
    409: "冲突：办件已被他人改变（expected_version / If-Match 过期），或当前状态不允许该操作",
    422: "输入有误：字段校验或办理规则未通过；`errors` 按字段列出中文说明",
}


def _problems(*codes: int) -> dict:
    out = {}
    for code in codes:
        title, key, detail = _PROBLEM_EXAMPLES[code]
        example = {"type": f"https://tongban.invalid/problems/{key}", "title": title, "status": code,
                   "detail": detail, "code": key, "instance": "/api/v1/cases/42"}
        if code == 422:
            example["errors"] = {"items": ["至少 1 个字符"]}
        out[code] = {"description": _PROBLEM_TEXT[code],
                     "content": {"application/problem+json": {"schema": _PROBLEM_SCHEMA, "example": example}}}
    return out


_ETAG_HEADER = {"ETag": {"description": "办件的 row_version（带引号），写操作时作为 If-Match 传回",
                         "schema": {"type": "string", "example": '"4"'}}}

_EXAMPLE_DETAIL: dict[str, Any] = {
    "id": 42, "number": "2026-SCJ-000001", "status": "in_review", "status_label": "审查中", "row_version": 4,
    "channel": "online", "channel_label": "网上申请",
    "item": {"version_id": 7, "code": "320A0123000000-320500000000-000-11320500MB0000001X-1-00",
             "name": "食品经营许可", "version_number": 1, "handling": "promised", "statutory_days": 20,
             "promised_days": 10},
    "department": {"id": 3, "name": "苏州市市场监督管理局"}, "zone_id": None, "receiving_window_id": None,
    "applicant_name": "张三", "applicant_kind": "person", "applicant_person_id": 5, "applicant_legal_id": None,
    "agent_id": None, "agent_name": None,
    "form_data": {"business_name": "张三小吃店", "uscc": "91350100M000100Y43", "has_agent": False},
    "received_on": "2026-02-10", "accepted_on": "2026-02-24", "acceptance": "explicit", "decision": "",
    "decision_reasons": "", "decided_on": None, "due_on": "2026-03-09", "concluded_at": None, "withdrawn_at": None,
    "created_at": "2026-02-10T09:12:03+08:00",
    "allowed_actions": [{"action": "complete_step", "label": "完成审查环节", "method": "POST",
                         "path": "/api/v1/cases/42/steps/complete"}],
    "clocks": {"intake": None, "license": None, "deemed_acceptance_due": False,
               "decision": {"due": "2026-03-09", "workdays_left": 8, "status": "正常",
                            "explanation": "自受理日 2026 年 2 月 24 日起算承诺 10 个工作日……", "total_workdays": 10,
                            "suspended_workdays": 0}},
    "requirements": [{"id": 11, "name": "食品经营许可申请书", "required": True, "condition": "", "source": "applicant",
                      "needs_dual_verification": False, "attached": True}],
    "materials": [{"id": 21, "requirement_id": 11, "requirement_name": "食品经营许可申请书", "file_id": 31,
                   "filename": "申请书.pdf", "round": 0, "uploaded_at": "2026-02-10T09:13:00+08:00"}],
    "supplement_requests": [],
    "steps": [{"order": 1, "name": "审查", "role": "reviewer", "workdays": 6, "state": "active",
               "started_on": "2026-02-24", "completed_at": None, "completed_by": None},
              {"order": 2, "name": "决定", "role": "approver", "workdays": 4, "state": "pending", "started_on": None,
               "completed_at": None, "completed_by": None}],
    "opinions": [], "fact_checks": [], "suspensions": [], "extension": None, "deliveries": [],
    "documents": [{"id": 51, "kind": "acceptance", "kind_label": "受理通知书", "number": "苏审受〔2026〕1号",
                   "token": "Q7B2K9", "issued_on": "2026-02-24", "issued_at": "2026-02-24T10:00:00+08:00",
                   "status": "valid", "status_label": "有效", "verify_url": "https://tongban.example/verify/Q7B2K9/",
                   "pdf_url": "/api/v1/cases/42/documents/51/pdf"}],
    "timeline": [{"at": "2026-02-24T10:00:00+08:00", "action": "accept", "action_label": "受理", "actor": "综窗人员",
                  "summary": "受理；承诺 10 个工作日内作出决定（2026-03-09 前）", "public": True,
                  "document_number": "苏审受〔2026〕1号"}],
}


def _doc(*, problems=(401, 403, 404, 409, 422), body_examples: dict | None = None,
         response_example: dict | None = None, status: int = 200, etag: bool = True) -> dict:
    """openapi_extra for one operation: problem+json errors, the ETag header, named request examples."""
    extra: dict[str, Any] = {"responses": _problems(*problems)}
    ok: dict[str, Any] = {}
    if etag:
        ok["headers"] = dict(_ETAG_HEADER)
    if response_example is not None:
        ok["content"] = {"application/json": {"example": response_example}}
    if ok:
        extra["responses"][status] = ok
    if body_examples:
        extra["requestBody"] = {"content": {"application/json": {"examples": body_examples}}}
    return extra


IF_MATCH_DOC = ("办件的 `row_version`（详情的 `ETag`），如 `\"4\"`。与请求体的 `expected_version` 二选一；"
                "办件已被他人改变时返回 409 且不作任何改变。`*` 表示不检查。")


class Page(LimitOffsetPagination):
    """`?limit=&offset=`; the answer is `{"items": [...], "count": <total>}`."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100, description="每页条数（默认 20，最多 100）")
        offset: int = Field(0, ge=0, le=1_000_000_000, description="跳过的条数")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=100, **kwargs)


class SearchPage(Page):
    """As Page, but `count` stops at 1001 (selectors.SEARCH_COUNT_CAP + 1), meaning "more than 1000"."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        count, ordered = selectors.counted_search(queryset)
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        return {self.items_attribute: ordered[offset:offset + limit], "count": count}


# -- reading a case ----------------------------------------------------------------------------------------------


def _case(actor, case_id: int) -> Case:
    """The case if the actor may see it, else 404 (never 403: ids cannot be probed)."""
    return selectors.case_get(actor=actor, case_id=case_id)


def _applicant_step(actor, case_id: int, step, **kwargs) -> Case:
    """An applicant's step on a case: the service locks the case and checks that the actor may act on it, so the
    case is not read first. Only when the step fails is the case's visibility asked: a case the actor cannot see
    is a 404 whatever the step said — a conflict or a refusal would tell a stranger it exists (ids cannot be
    probed)."""
    try:
        return step(actor=actor, case=Case(pk=case_id), **kwargs)
    except Case.DoesNotExist:
        raise NotFound("办件不存在或无权查看。") from None
    except ServiceError:
        selectors.require_visible(actor=actor, case_id=case_id)
        raise


def _name(user) -> str:
    if user is None:
        return "系统"
    staff = getattr(user, "staff", None)
    return staff.name if staff else user.get_username()


def _staff_view(actor, case: Case) -> bool:
    """Staff see the internal record (opinions, fact checks, non-public steps); applicants the public one."""
    return hasattr(actor, "staff") and actor.pk not in {u.pk for u in notices.applicant_users(case)}


_PATHS = {
    "update_form": ("PUT", "form", "修改申请表"),
    "attach_material": ("POST", "materials", "上传申请材料"),
    Action.SUBMIT: ("POST", "submit", None),
    Action.SUBMIT_SUPPLEMENT: ("POST", "supplement", None),
    Action.WITHDRAW: ("POST", "withdraw", None),
    Action.ACCEPT: ("POST", "accept", None),
    Action.REQUEST_SUPPLEMENT: ("POST", "request-supplement", None),
    Action.REFUSE_INTAKE: ("POST", "refuse-intake", None),
    Action.INSTANT: ("POST", "instant", None),
    Action.COMPLETE_STEP: ("POST", "steps/complete", None),
    Action.RETURN_STEP: ("POST", "steps/return", None),
    Action.VERIFY_FACT: ("POST", "fact-checks", None),
    Action.SUSPEND: ("POST", "suspend", None),
    Action.RESUME: ("POST", "resume", None),
    "request_extension": ("POST", "extension", "申请延长期限"),
    "approve_extension": ("POST", "extension/approve", "批准延长期限"),
    Action.DECIDE: ("POST", "decide", None),
    Action.DELIVER: ("POST", "deliveries", "送达（窗口领取或邮寄）"),
}


def _allowed_actions(actor, case: Case, *, steps, suspensions, extension, deliveries, checks) -> list[dict]:
    """What this user can do on this case now: the transition table, the roles the services check, and the
    state inside the status (last step, open suspension, pending extension). A hint for clients; the service
    still decides. (A pure read: to move into selectors as `case_allowed_actions` once the workbench needs it.)"""
    status, dept, codes = case.status, case.department_id, []
    if case.submitted_by_id == actor.pk:
        if status == CaseStatus.DRAFT:
            codes += ["update_form", "attach_material", Action.SUBMIT]
        if status == CaseStatus.SUPPLEMENT_REQUESTED:
            codes += ["attach_material", Action.SUBMIT_SUPPLEMENT]
        if status in (CaseStatus.DRAFT, CaseStatus.RECEIVED, CaseStatus.SUPPLEMENT_REQUESTED, CaseStatus.IN_REVIEW):
            codes.append(Action.WITHDRAW)
    if hasattr(actor, "staff"):
        if status == CaseStatus.RECEIVED:
            intake = selectors.intake_scope(actor)
            if intake is None or dept in intake:
                codes += [Action.ACCEPT, Action.REQUEST_SUPPLEMENT, Action.REFUSE_INTAKE]
                if case.item_version.handling == ItemVersion.Handling.INSTANT:
                    codes.append(Action.INSTANT)
        if status == CaseStatus.IN_REVIEW:
            active = next((s for s in steps if s.state == CaseStep.State.ACTIVE), None)
            open_suspension = any(s.ended_on is None for s in suspensions)
            if active is not None and selectors.acts_on_step(actor, case, active.role):
                later = any(review_step_after(s, active) for s in steps)
                if later:
                    codes.append(Action.COMPLETE_STEP)
                if any(return_target(s, active) for s in steps):
                    codes.append(Action.RETURN_STEP)
                if not later and not open_suspension:
                    codes.append(Action.DECIDE)
            if has_role(actor, [Role.REVIEWER, Role.APPROVER], dept):
                dual = {m.pk for m in case.item_version.materials.all() if m.needs_dual_verification}
                mine = {c.requirement_id for c in checks if c.checker_id == actor.pk}
                if dual - mine:
                    codes.append(Action.VERIFY_FACT)
                codes.append(Action.RESUME if open_suspension else Action.SUSPEND)
                if extension is None:
                    codes.append("request_extension")
            if (extension is not None and extension.approved_on is None and extension.requested_by_id != actor.pk
                    and has_role(actor, [Role.APPROVER], dept)):
                codes.append("approve_extension")
        if status in (CaseStatus.DECIDED, CaseStatus.REFUSED):
            window_dept = case.receiving_window.department_id if case.receiving_window_id else None
            if (has_role(actor, [Role.WINDOW_CLERK, Role.APPROVER, Role.REVIEWER], dept)
                    or (window_dept and has_role(actor, [Role.WINDOW_CLERK], window_dept))):
                codes.append(Action.DELIVER)
    out = []
    for code in codes:
        method, path, label = _PATHS[code]
        out.append({"action": str(code), "label": label or ACTION_LABELS[Action(code)], "method": method,
                    "path": f"{PREFIX}/{case.pk}/{path}"})
    if actor.pk in {u.pk for u in notices.applicant_users(case)}:
        for d in deliveries:
            if d.method == Delivery.Method.ELECTRONIC and d.opened_at is None:
                out.append({"action": "open_delivery", "label": "签收决定书", "method": "POST",
                            "path": f"{PREFIX}/{case.pk}/deliveries/{d.pk}/open"})
    return out


def _clock(state) -> dict | None:
    if state is None:
        return None
    return {"due": state.due, "pending_year": state.pending_year, "workdays_left": state.workdays_left,
            "status": str(state.status),
            "explanation": state.explanation, "total_workdays": state.total_workdays,
            "suspended_workdays": state.suspended_workdays}


def _number(document) -> str | None:
    return document.number if document is not None else None


def _detail(actor, case: Case) -> dict:
    from tongban.seals import conf
    from tongban.seals.documents.production import verify_url

    today = timezone.localdate()
    staff_view = _staff_view(actor, case)
    version = case.item_version
    steps = list(case.steps.select_related("completed_by__staff"))
    suspensions = list(case.suspensions.select_related("document"))
    extension = Extension.objects.filter(case=case).select_related("document").first()
    deliveries = list(case.deliveries.select_related("document"))
    checks = list(case.fact_checks.select_related("requirement", "checker__staff")) if staff_view else []
    materials = list(case.materials.select_related("requirement", "file"))
    attached = {m.requirement_id for m in materials}
    clock = selectors.case_clock(case, today)
    base = conf.public_url()
    return {
        "id": case.pk, "number": case.number, "status": case.status, "status_label": case.status_label,
        "row_version": case.row_version, "channel": case.channel, "channel_label": case.get_channel_display(),
        "item": {"version_id": version.pk, "code": version.item.code, "name": version.name,
                 "version_number": version.number, "handling": version.handling,
                 "statutory_days": version.statutory_days, "promised_days": version.promised_days},
        "department": {"id": case.department_id, "name": case.department.name},
        "zone_id": case.zone_id, "receiving_window_id": case.receiving_window_id,
        "applicant_name": case.applicant_name,
        "applicant_kind": "legal" if case.applicant_legal_id else "person",
        "applicant_person_id": case.applicant_person_id, "applicant_legal_id": case.applicant_legal_id,
        "agent_id": case.agent_id, "agent_name": case.agent.name if case.agent_id else None,
        "form_data": case.form_data, "received_on": case.received_on, "accepted_on": case.accepted_on,
        "acceptance": case.acceptance, "decision": case.decision, "decision_reasons": case.decision_reasons,
        "decided_on": case.decided_on, "due_on": case.due_on, "concluded_at": case.concluded_at,
        "withdrawn_at": case.withdrawn_at, "created_at": case.created_at,
        "allowed_actions": _allowed_actions(actor, case, steps=steps, suspensions=suspensions, extension=extension,
                                            deliveries=deliveries, checks=checks),
        "clocks": {"intake": _clock(clock["intake"]), "decision": _clock(clock["decision"]),
                   "license": _clock(clock["license"]), "deemed_acceptance_due": clock["deemed_acceptance_due"]},
        "requirements": [
            {"id": m.pk, "name": m.name, "condition": m.condition, "source": m.source,
             "required": not m.condition and m.source == MaterialRequirement.Source.APPLICANT,
             "needs_dual_verification": m.needs_dual_verification, "attached": m.pk in attached}
            for m in version.materials.all()
        ],
        "materials": [
            {"id": m.pk, "requirement_id": m.requirement_id,
             "requirement_name": m.requirement.name if m.requirement_id else "", "file_id": m.file_id,
             "filename": m.file.filename, "round": m.round, "uploaded_at": m.uploaded_at}
            for m in materials
        ],
        "supplement_requests": [
            {"round": s.round, "items": s.items, "requested_on": s.requested_on, "answered_on": s.answered_on,
             "document_number": _number(s.document)}
            for s in case.supplement_requests.select_related("document")
        ],
        "steps": [
            {"order": s.order, "name": s.name, "role": s.role, "workdays": s.workdays, "state": s.state,
             "started_on": s.started_on, "completed_at": s.completed_at,
             "completed_by": _name(s.completed_by) if s.completed_by_id else None}
            for s in steps
        ],
        "opinions": [
            {"step_order": o.step.order, "step_name": o.step.name, "author": _name(o.author), "verdict": o.verdict,
             "verdict_label": o.get_verdict_display(), "text": o.text, "created_at": o.created_at}
            for o in (case.opinions.select_related("step", "author__staff") if staff_view else [])
        ],
        "fact_checks": [
            {"requirement_id": c.requirement_id, "requirement_name": c.requirement.name, "checker": _name(c.checker),
             "finding": c.finding, "checked_at": c.checked_at}
            for c in checks
        ],
        "suspensions": [
            {"reason": s.reason, "detail": s.detail, "started_on": s.started_on,
             "expected_workdays": s.expected_workdays, "ended_on": s.ended_on, "document_number": _number(s.document)}
            for s in suspensions
        ],
        "extension": (
            {"days": extension.days, "reason": extension.reason, "requested_on": extension.requested_on,
             "approved_on": extension.approved_on, "document_number": _number(extension.document)}
            if extension is not None and (staff_view or extension.approved_on is not None) else None
        ),
        "deliveries": [
            {"id": d.pk, "method": d.method, "method_label": d.get_method_display(), "document_id": d.document_id,
             "document_number": d.document.number, "delivered_at": d.delivered_at, "opened_at": d.opened_at,
             "note": d.note}
            for d in deliveries
        ],
        "documents": [
            {"id": d.pk, "kind": d.kind, "kind_label": d.get_kind_display(), "number": d.number, "token": d.token,
             "issued_on": d.issued_on, "issued_at": d.issued_at, "status": d.status,
             "status_label": d.get_status_display(), "verify_url": verify_url(base, d.token),
             "pdf_url": f"{PREFIX}/{case.pk}/documents/{d.pk}/pdf"}
            for d in selectors.case_documents(case)
        ],
        "timeline": _events(case, public_only=not staff_view),
    }


def _events(case: Case, *, public_only: bool) -> list[dict]:
    return [
        {"at": e.at, "action": e.action, "action_label": e.get_action_display(), "actor": e.actor_label,
         "summary": e.summary, "public": e.public, "document_number": _number(e.document)}
        for e in selectors.timeline(case, public_only=public_only)
    ]


def _out(request, response: HttpResponse, case_id: int, written: Case | None = None) -> dict:
    """The case as the actor now sees it; its row_version also as the ETag. Under `Prefer: return=minimal`
    (RFC 7240 §4.2) only the reference — from `written`, the case as the service left it, when given: the full
    detail costs as much as the write itself."""
    if MINIMAL.search(request.headers.get("Prefer", "")):
        if written is not None:
            row = {"id": written.pk, "number": written.number, "status": written.status,
                   "row_version": written.row_version}
        else:
            row = Case.objects.values("id", "number", "status", "row_version").get(pk=case_id)
        response["ETag"] = f'"{row["row_version"]}"'
        response["Preference-Applied"] = "return=minimal"
        return {**row, "status_label": STATUS_LABELS[CaseStatus(row["status"])]}
    case = _case(request.user, case_id)
    response["ETag"] = f'"{case.row_version}"'
    return _detail(request.user, case)


# -- request helpers ---------------------------------------------------------------------------------------------


def _expected(if_match: str | None, payload: CaseVersionIn | None) -> int | None:
    """The version the client acted on: `If-Match` or `expected_version` (both: they must agree)."""
    body = payload.expected_version if payload is not None else None
    header = None
    if if_match is not None and if_match.strip() != "*":
        found = ETAG.match(if_match.strip())
        if found is None:
            raise ValidationFailed("If-Match 应为详情中的 ETag（办件的 row_version，如 \"4\"）。",
                                   errors={"If-Match": ["应为办件的 row_version，如 \"4\""]})
        header = int(found.group(1))
    if header is not None and body is not None and header != body:
        raise ValidationFailed("If-Match 与 expected_version 不一致，请只提供一个。",
                               errors={"expected_version": ["与 If-Match 不一致"]})
    return header if header is not None else body


def _ref(field: str, fn, **kwargs):
    """Look up an object named in the request body: an unknown id is a 422 on that field, not a 404."""
    try:
        found = fn(**kwargs)
    except NotFound as exc:
        raise ValidationFailed(exc.detail, errors={field: [exc.detail]}) from exc
    return found


def _row(field: str, model, pk: int | None, label: str):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationFailed(f"{label} {pk} 不存在。", errors={field: [f"{label}不存在"]})
    return found


def _requirement(case: Case, requirement_id: int) -> MaterialRequirement:
    found = MaterialRequirement.objects.filter(pk=requirement_id).first()
    if found is None or found.version_id != case.item_version_id:
        raise ValidationFailed("该材料不属于本事项。", errors={"requirement_id": ["不是本事项的申请材料"]})
    return found


def _rows(queryset):
    """List rows with what their clocks read, without one query per row (the extension prefetched, not joined:
    see views_workbench._with_clocks); a row names its item and department, read once for the page rather than
    joined onto every row with the applicants (views_workbench._rows_in_order)."""
    extension = Prefetch("extension", queryset=Extension.objects.select_related("approved_by__staff"))
    return queryset.select_related(None).prefetch_related("item_version", "department", extension, "suspensions")


StatusParam = Literal[tuple(s.value for s in CaseStatus)]
STATUS_DOC = "状态：" + "；".join(f"{s.value} {label}" for s, label in STATUS_LABELS.items())
IfMatch = Header(None, alias="If-Match", description=IF_MATCH_DOC)
Written = CaseDetail | CaseRef  # CaseRef under `Prefer: return=minimal`
WRITE = {"response": Written}


# -- applying ---------------------------------------------------------------------------------------------------


@router.post(
    "", response={200: Written, 201: Written},
    summary="新建申请（草稿）(create a draft application)",
    description=(
        "选择事项（`item_code` 现行版本，或 `version_id`），指明申请人，保存为草稿（状态 draft）。网上申请本人办理时"
        "可省略 `person_id`（使用账号实名登记的自然人）。窗口人员登记时 `channel` 为 window 或 cross_region，并填写"
        "`window_id`。\n\n"
        "**幂等**：请求头 `Idempotency-Key`（1–64 个可见 ASCII 字符，建议 UUID）。首次请求创建草稿并返回 201；"
        "同一账号以同一键重试，返回同一办件、状态码 200，并带 `Idempotent-Replayed: true`——绝不会产生两个办件。"
        "同一键用于另一事项时返回 409。"
    ),
    openapi_extra=_doc(status=201, body_examples={
        "online": {"summary": "网上申请（本人）", "value": {
            "item_code": "320A0123000000-320500000000-000-11320500MB0000001X-1-00",
            "form_data": {"business_name": "张三小吃店", "uscc": "91350100M000100Y43", "has_agent": False}}},
        "window": {"summary": "窗口收件（代办）", "value": {
            "version_id": 7, "legal_person_id": 12, "agent_id": 9, "channel": "window", "window_id": 1,
            "form_data": {"business_name": "苏州某餐饮有限公司", "uscc": "91320505MA1P3K7Q2X", "has_agent": True,
                          "agent_name": "李四"}}},
    }),
)
def case_create(request, response: HttpResponse, body: CaseCreateIn,
                idempotency_key: str | None = Header(None, alias="Idempotency-Key",
                                                     description="幂等键：重试时带同一个值，不会重复建件")):
    key = (idempotency_key or "").strip()
    if key and not IDEMPOTENCY_KEY.match(key):
        raise ValidationFailed("Idempotency-Key 应为 1–64 个可见 ASCII 字符（建议使用 UUID）。",
                               errors={"Idempotency-Key": ["应为 1–64 个可见 ASCII 字符"]})
    actor = request.user
    if body.version_id is not None:
        version = _ref("version_id", catalog_selectors.version_visible, actor=actor, version_id=body.version_id,
                       related=("item__owner", "implementing_department"), fields=services.DRAFT_VERSION_FIELDS)
    else:
        version = _ref("item_code", catalog_selectors.guide_version, code=body.item_code)
    person = _ref("person_id", people_selectors.person_get, person_id=body.person_id) if body.person_id else None
    legal = (_ref("legal_person_id", people_selectors.legal_person_get, legal_person_id=body.legal_person_id)
             if body.legal_person_id else None)
    if person is None and legal is None:
        person = people_selectors.person_of(actor)
    agent = _ref("agent_id", people_selectors.person_get, person_id=body.agent_id) if body.agent_id else None
    case = services.case_draft(
        actor=actor, version=version, person=person, legal=legal, agent=agent,
        zone=_row("zone_id", Zone, body.zone_id, "开发区"), form_data=body.form_data, channel=body.channel,
        window=_row("window_id", Window, body.window_id, "窗口"), idempotency_key=key,
    )
    if getattr(case, "replayed", False):  # a retry, or two requests with one key at the very same moment
        response["Idempotent-Replayed"] = "true"
        return Status(200, _out(request, response, case.pk, case))
    response["Location"] = f"{PREFIX}/{case.pk}"
    return Status(201, _out(request, response, case.pk, case))


@router.get("/mine", response=list[CaseRow], summary="我的申请 (my applications)",
            description="当前账号提交的、本人作为申请人或代办人的办件，最新在前。分页：`limit`、`offset`。",
            openapi_extra=_doc(problems=(401, 422), etag=False))
@paginate(Page)
def mine(request):
    return _rows(selectors.my_applications(user=request.user).order_by("-created_at", "-pk"))


@router.put("/{case_id}/form", summary="保存申请表（草稿）(save the form)",
            description="整体替换草稿的申请表。草稿可以不完整；提交时才按事项的表单定义校验。",
            openapi_extra=_doc(), **WRITE)
def form_save(request, response: HttpResponse, case_id: int, payload: CaseFormIn, if_match: str | None = IfMatch):
    case = _applicant_step(request.user, case_id, services.case_save_draft, form_data=payload.form_data,
                           expected_version=_expected(if_match, payload))
    return _out(request, response, case_id, case)


@router.post("/{case_id}/materials", response={201: Written}, summary="上传申请材料 (attach a material)",
             description=(
                 "先用 `POST /api/v1/files`（multipart）上传文件，再把返回的 `file_id` 挂到一项材料要求"
                 "（`requirement_id`，见详情 `requirements`）。草稿时可挂任何材料；待补正时只能挂补正告知书所列材料。"),
             openapi_extra=_doc(status=201))
def material_attach(request, response: HttpResponse, case_id: int, payload: CaseMaterialIn,
                    if_match: str | None = IfMatch):
    requirement = _row("requirement_id", MaterialRequirement, payload.requirement_id, "材料要求")
    stored = _ref("file_id", file_selectors.stored_file_get, actor=request.user, file_id=payload.file_id)
    material = _applicant_step(request.user, case_id, services.case_attach, requirement=requirement, file=stored,
                               expected_version=_expected(if_match, payload))
    return Status(201, _out(request, response, case_id, material.case))


@router.post(
    "/{case_id}/submit", summary="提交申请 (submit)",
    description=(
        "按事项的表单定义校验申请表，检查每项必交材料均已上传，分配办件编号（年度-部门-序号），出具回执："
        "时间线和通知写明受理决定的截止日（收件后 5 个工作日，行政许可法第三十二条）。"
        "未通过校验时返回 422，`errors` 按字段列出问题，办件保持草稿。重复提交返回 409（已提交），不会重复建件。"),
    openapi_extra=_doc(body_examples={
        "plain": {"summary": "按当前版本提交", "value": {"expected_version": 1}},
        "header": {"summary": "不带请求体（用 If-Match 头）", "value": {}},
    }, response_example={**_EXAMPLE_DETAIL, "status": "received", "status_label": "待受理", "row_version": 2,
                         "accepted_on": None, "acceptance": "", "due_on": None, "steps": [], "documents": [],
                         "clocks": {"intake": {"due": "2026-02-24", "workdays_left": 5, "status": "正常",
                                               "explanation": "自收件日 2026 年 2 月 10 日起算 5 个工作日（春节假期顺延）……",
                                               "total_workdays": 5, "suspended_workdays": 0},
                                    "decision": None, "license": None, "deemed_acceptance_due": False},
                         "allowed_actions": [{"action": "withdraw", "label": "撤回申请", "method": "POST",
                                              "path": "/api/v1/cases/42/withdraw"}]}),
    **WRITE)
def submit(request, response: HttpResponse, case_id: int, payload: CaseVersionIn | None = None,
           if_match: str | None = IfMatch):
    case = _applicant_step(request.user, case_id, services.case_submit,
                           expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id, case)


@router.post("/{case_id}/supplement", summary="提交补正材料 (submit the supplement)",
             description="先按补正告知书逐项上传（POST …/materials），再提交。缺项时返回 422 并列出尚未补正的材料。"
                         "补正齐全之日起重新计算 5 个工作日的受理审查期限。",
             openapi_extra=_doc(), **WRITE)
def supplement_submit(request, response: HttpResponse, case_id: int, payload: CaseVersionIn | None = None,
                      if_match: str | None = IfMatch):
    case = _applicant_step(request.user, case_id, services.case_submit_supplement,
                           expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id, case)


@router.post("/{case_id}/withdraw", summary="撤回申请 (withdraw)",
             description="申请人在作出决定前可以撤回（草稿、待受理、待补正、审查中）。",
             openapi_extra=_doc(), **WRITE)
def withdraw(request, response: HttpResponse, case_id: int, payload: CaseWithdrawIn | None = None,
             if_match: str | None = IfMatch):
    case = _applicant_step(request.user, case_id, services.case_withdraw, reason=payload.reason if payload else "",
                           expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id, case)


@router.post("/{case_id}/deliveries/{delivery_id}/open", summary="签收电子送达的文书 (open a delivery)",
             description="申请人打开电子送达的决定书时调用，记录首次打开时间（重复调用不改变首次时间）。",
             openapi_extra=_doc(problems=(401, 403, 404)), **WRITE)
def delivery_open(request, response: HttpResponse, case_id: int, delivery_id: int):
    case = _case(request.user, case_id)
    delivery = case.deliveries.filter(pk=delivery_id).first()
    if delivery is None:
        raise NotFound("送达记录不存在。")
    services.delivery_opened(actor=request.user, delivery=delivery)
    return _out(request, response, case_id)


# -- staff: lists ------------------------------------------------------------------------------------------------


@router.get("/tasks", response=list[CaseRow], summary="我的待办 (my tasks)",
            description="窗口人员：待受理的办件；审查、审批人员：当前环节由其角色办理的办件。仅限有权的部门，"
                        "按决定期限由近到远排列（`clock.status` 为 临期 / 超期 时标色）。",
            openapi_extra=_doc(problems=(401, 422), etag=False))
@paginate(Page)
def tasks(request):
    return _rows(selectors.my_tasks(actor=request.user))


@router.get("/queue", response=list[CaseRow], summary="部门办件队列 (department queue)",
            description="有权部门的在办办件（不指定 `status` 时为待受理、待补正、审查中、待送达），按期限排列。",
            openapi_extra=_doc(problems=(401, 422), etag=False))
@paginate(Page)
def queue(request, status: StatusParam | None = Query(None, description=STATUS_DOC)):
    return _rows(selectors.department_queue(actor=request.user, status=status))


@router.get("/search", response=list[CaseRow], summary="办件查询 (search)",
            description="按办件编号（精确）、申请人（前缀）、事项名称（包含）、状态、收件日期范围查询；"
                        "`q` 同时匹配编号、申请人、事项。仅限有权查看的办件，最新收件在前。"
                        "`count` 最多计到 1001：为 1001 时表示超过 1000 条，请缩小范围。",
            openapi_extra=_doc(problems=(401, 422), etag=False))
@paginate(SearchPage)
def search(request, q: str = Query("", max_length=100, description="同时匹配编号、申请人、事项"),
           number: str = Query("", max_length=32, description="办件编号（精确）"),
           applicant: str = Query("", max_length=100, description="申请人名称（前缀）"),
           item: str = Query("", max_length=100, description="事项名称（包含）"),
           status: StatusParam | None = Query(None, description=STATUS_DOC),
           received_from: date | None = Query(None, description="收件日期起（含），YYYY-MM-DD"),
           received_to: date | None = Query(None, description="收件日期止（含），YYYY-MM-DD")):
    return _rows(selectors.case_search(actor=request.user, q=q, number=number, applicant=applicant, item=item,
                                       status=status or "", received_from=received_from, received_to=received_to))


@router.get("/overdue", response=list[CaseRow], summary="超期办件 (overdue cases)",
            description="审查中、已过决定期限且未处于特别程序的办件（督查人员看到其区划内的全部部门）。",
            openapi_extra=_doc(problems=(401, 422), etag=False))
@paginate(Page)
def overdue(request):
    return _rows(selectors.overdue_cases(actor=request.user, today=timezone.localdate()))


# -- shared: detail ----------------------------------------------------------------------------------------------


@router.get("/{case_id}", response=CaseDetail, summary="办件详情 (case detail)",
            description=(
                "状态、当前用户可执行的动作、各项期限（截止日、剩余工作日、状态及计算说明）、审查环节、材料（文件编号）、"
                "补正告知、特别程序、延期、送达、文书（文号、核验码、核验地址）和办理过程。申请人只看到公开的过程，"
                "看不到内部意见和核查记录。`ETag` 为 row_version。"),
            openapi_extra=_doc(problems=(401, 404), response_example=_EXAMPLE_DETAIL))
def detail(request, response: HttpResponse, case_id: int):
    return _out(request, response, case_id)


@router.get("/{case_id}/timeline", response=list[CaseEventOut], summary="办理过程 (timeline)",
            description="办件的每一步，最早在前。申请人只看到公开的步骤。",
            openapi_extra=_doc(problems=(401, 404), etag=False))
def case_timeline(request, case_id: int):
    case = _case(request.user, case_id)
    return _events(case, public_only=not _staff_view(request.user, case))


@router.get("/{case_id}/documents/{document_id}/pdf", summary="下载盖章文书 (download a sealed document)",
            description="本办件出具的受理通知书、补正告知书、决定书等（PDF，带电子印章）。申请人和有权的工作人员可下载；"
                        "每次下载记入审计日志。",
            openapi_extra={**_doc(problems=(401, 404), etag=False),
                           "responses": {**_problems(401, 404), 200: {
                               "description": "PDF", "content": {"application/pdf": {}}}}})
def document_pdf(request, case_id: int, document_id: int):
    case = _case(request.user, case_id)
    document = selectors.case_documents(case).select_related("pdf").filter(pk=document_id).first()
    if document is None:
        raise NotFound("文书不存在。")
    stream = services.case_document_open(actor=request.user, case=case, document=document, request=request)
    response = FileResponse(stream, content_type="application/pdf")
    response["Content-Length"] = str(document.size)
    response["Content-Disposition"] = content_disposition(f"{document.get_kind_display()}-{document.number}.pdf")
    return response


# -- staff: intake (行政许可法 第三十二条) ------------------------------------------------------------------------


@router.post(
    "/{case_id}/accept", summary="受理 (accept)",
    description="收件后 5 个工作日内作出受理决定，出具加盖印章的受理通知书（写明决定期限），审查环节开始。"
                "逾期未告知补正的，依法视为受理（此时返回 409 `deemed_accepted`，视为受理已记录）。",
    openapi_extra=_doc(body_examples={
        "with_version": {"summary": "带上看到的版本（推荐）", "value": {"expected_version": 2}},
    }, response_example=_EXAMPLE_DETAIL), **WRITE)
def accept(request, response: HttpResponse, case_id: int, payload: CaseVersionIn | None = None,
           if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_accept(actor=request.user, case=case, expected_version=_expected(if_match, payload),
                         request=request)
    return _out(request, response, case_id)


@router.post(
    "/{case_id}/request-supplement", summary="一次性告知补正 (request a supplement)",
    description="一次列出全部需要补正的材料及原因，出具加盖印章的补正告知书（行政许可法第三十二条第一款第（四）项）。"
                "申请人补正齐全之日起重新计算受理审查期限。",
    openapi_extra=_doc(body_examples={
        "two_items": {"summary": "两项材料需补正", "value": {"expected_version": 2, "items": [
            {"requirement_id": 13, "reason": "未加盖公章"},
            {"requirement_id": 12, "reason": "证照库未查到，请上传营业执照"}]}},
    }, response_example={**_EXAMPLE_DETAIL, "status": "supplement_requested", "status_label": "待补正",
                         "row_version": 3, "accepted_on": None, "acceptance": "", "steps": [], "due_on": None,
                         "supplement_requests": [{"round": 1, "requested_on": "2026-02-12", "answered_on": None,
                                                  "document_number": "苏审补〔2026〕1号",
                                                  "items": [{"requirement_id": 13, "name": "食品安全管理制度",
                                                             "reason": "未加盖公章"}]}],
                         "allowed_actions": []}),
    **WRITE)
def request_supplement(request, response: HttpResponse, case_id: int, payload: RequestSupplementIn,
                       if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_request_supplement(actor=request.user, case=case,
                                     items=[i.model_dump() for i in payload.items],
                                     expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id)


@router.post("/{case_id}/refuse-intake", summary="不予受理 (refuse intake)",
             description="写明理由；不属于本机关职权范围的（ground=not_competent），须告知有权受理的行政机关。"
                         "出具加盖印章的不予受理决定书；申请人有网上账户的即电子送达并办结。",
             openapi_extra=_doc(), **WRITE)
def refuse_intake(request, response: HttpResponse, case_id: int, payload: RefuseIntakeIn,
                  if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_refuse_intake(actor=request.user, case=case, reasons=payload.reasons, ground=payload.ground,
                                competent_agency=payload.competent_agency,
                                expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id)


@router.post("/{case_id}/instant", summary="即办 (decide on the spot)",
             description="即办件在受理时当场作出准予决定（出具加盖印章的决定书）。承诺件返回 409。",
             openapi_extra=_doc(), **WRITE)
def instant(request, response: HttpResponse, case_id: int, payload: CaseInstantIn | None = None,
            if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_instant(actor=request.user, case=case, content=payload.content if payload else "",
                          expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id)


# -- staff: review -----------------------------------------------------------------------------------------------


@router.post("/{case_id}/steps/complete", summary="完成当前审查环节 (complete the step)",
             description="当前环节的办理人员写明书面意见，转入下一环节。最后一个环节请用 …/decide。"
                         "事项标明须两人核查的事实未经两名工作人员核查时，不能转入审批环节（第三十四条）。",
             openapi_extra=_doc(), **WRITE)
def step_complete(request, response: HttpResponse, case_id: int, payload: CompleteStepIn,
                  if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_complete_step(actor=request.user, case=case, opinion=payload.opinion,
                                expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id)


@router.post("/{case_id}/steps/return", summary="退回之前的环节 (return to an earlier step)",
             description="写明理由，退回到 `to_order` 指定的之前环节。", openapi_extra=_doc(), **WRITE)
def step_return(request, response: HttpResponse, case_id: int, payload: ReturnStepIn,
                if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_return_step(actor=request.user, case=case, to_order=payload.to_order, reason=payload.reason,
                              expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id)


@router.post("/{case_id}/fact-checks", summary="核查事实 (verify a fact)",
             description="事项标明须实地核查的材料（第三十四条第三款），由两名以上工作人员分别记录核查情况。",
             openapi_extra=_doc(), **WRITE)
def fact_check(request, response: HttpResponse, case_id: int, payload: FactCheckIn,
               if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_verify_fact(actor=request.user, case=case, requirement=_requirement(case, payload.requirement_id),
                              finding=payload.finding, expected_version=_expected(if_match, payload),
                              request=request)
    return _out(request, response, case_id)


@router.post("/{case_id}/suspend", summary="特别程序，中止计时 (suspend the clock)",
             description="听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审（及事项规定的其他程序）所需时间不计入期限"
                         "（第四十五条）；申请人收到加盖印章的特别程序告知书。",
             openapi_extra=_doc(body_examples={"expert": {"summary": "专家评审 5 个工作日", "value": {
                 "reason": "专家评审", "expected_workdays": 5, "detail": "经营场所布局复杂，需专家评审"}}}),
             **WRITE)
def suspend(request, response: HttpResponse, case_id: int, payload: SuspendIn, if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_suspend(actor=request.user, case=case, reason=payload.reason,
                          expected_workdays=payload.expected_workdays, detail=payload.detail,
                          expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id)


@router.post("/{case_id}/resume", summary="恢复计时 (resume the clock)",
             description="特别程序结束，恢复计时；返回新的决定期限。", openapi_extra=_doc(), **WRITE)
def resume(request, response: HttpResponse, case_id: int, payload: CaseVersionIn | None = None,
           if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_resume(actor=request.user, case=case, expected_version=_expected(if_match, payload),
                         request=request)
    return _out(request, response, case_id)


@router.post("/{case_id}/extension", summary="申请延长期限 (request an extension)",
             description="只能延期一次，默认按事项规定（法定 10 个工作日，第四十二条），须由另一名审批人员批准。",
             openapi_extra=_doc(), **WRITE)
def extension_request(request, response: HttpResponse, case_id: int, payload: CaseExtensionIn,
                      if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_request_extension(actor=request.user, case=case, reason=payload.reason, days=payload.days,
                                    expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id)


@router.post("/{case_id}/extension/approve", summary="批准延长期限 (approve the extension)",
             description="申请人以外的审批人员批准；申请人收到写明理由的加盖印章的延期告知书，决定期限相应顺延。",
             openapi_extra=_doc(), **WRITE)
def extension_approve(request, response: HttpResponse, case_id: int, payload: CaseVersionIn | None = None,
                      if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_approve_extension(actor=request.user, case=case, expected_version=_expected(if_match, payload),
                                    request=request)
    return _out(request, response, case_id)


# -- staff: decision and delivery ---------------------------------------------------------------------------------


@router.post(
    "/{case_id}/decide", summary="作出决定：准予或不予许可 (decide)",
    description="在最后一个环节由审批人员作出。不予许可须说明理由，决定书写明申请行政复议（60 日）和提起行政诉讼"
                "（6 个月）的权利（第三十八条）。决定书加盖印章；申请人有网上账户的即电子送达并办结，否则待送达。",
    openapi_extra=_doc(body_examples={
        "grant": {"summary": "准予许可", "value": {"expected_version": 7, "grant": True,
                                                  "content": "准予食品经营许可（餐饮服务）"}},
        "deny": {"summary": "不予许可（须说明理由）", "value": {"expected_version": 7, "grant": False,
                                                          "reasons": ["经营场所与生活区未有效隔离"]}},
    }, response_example={**_EXAMPLE_DETAIL, "status": "concluded", "status_label": "已办结", "row_version": 9,
                         "decision": "grant", "decided_on": "2026-03-10", "due_on": "2026-03-16",
                         "concluded_at": "2026-03-10T15:00:00+08:00", "allowed_actions": [],
                         "clocks": {"intake": None, "decision": None, "deemed_acceptance_due": False,
                                    "license": {"due": "2026-03-24", "workdays_left": 10, "status": "正常",
                                                "explanation": "自许可决定日起算颁发、送达证件法定 10 个工作日……",
                                                "total_workdays": 10, "suspended_workdays": 0}},
                         "deliveries": [{"id": 61, "method": "electronic", "method_label": "电子送达",
                                         "document_id": 52, "document_number": "苏审许〔2026〕1号",
                                         "delivered_at": "2026-03-10T15:00:00+08:00", "opened_at": None,
                                         "note": "送达至申请人网上办事账户"}]}),
    **WRITE)
def decide(request, response: HttpResponse, case_id: int, payload: DecideIn, if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_decide(actor=request.user, case=case, grant=payload.grant, reasons=payload.reasons,
                         content=payload.content, expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id)


@router.post("/{case_id}/deliveries", summary="以其他方式送达 (record delivery by other means)",
             description="窗口领取或邮寄送达，填写送达记录；办件随之办结。跨域通办由收件窗口的人员交付。",
             openapi_extra=_doc(body_examples={"window": {"summary": "窗口领取", "value": {
                 "method": "in_person", "note": "申请人张三本人于 1 号窗口领取"}}}), **WRITE)
def deliver(request, response: HttpResponse, case_id: int, payload: DeliverIn, if_match: str | None = IfMatch):
    case = _case(request.user, case_id)
    services.case_deliver(actor=request.user, case=case, method=payload.method, note=payload.note,
                          expected_version=_expected(if_match, payload), request=request)
    return _out(request, response, case_id)


# -- notifications ------------------------------------------------------------------------------------------------


@notifications_router.get("", response=list[NotificationOut], summary="我的消息 (my notifications)",
                          description="站内消息，最新在前；`unread=true` 只看未读。分页：`limit`、`offset`。",
                          openapi_extra=_doc(problems=(401, 422), etag=False))
@paginate(Page)
def notifications(request, unread: bool = Query(False, description="只看未读")):
    qs = Notification.objects.filter(recipient=request.user).select_related("case")
    return qs.filter(read_at__isnull=True) if unread else qs


@notifications_router.post("/{notification_id}/read", response=NotificationOut, summary="标记为已读 (mark read)",
                           description="只能标记自己的消息；已读的保持首次已读时间。",
                           openapi_extra=_doc(problems=(401, 404), etag=False))
def notification_read(request, notification_id: int):
    found = Notification.objects.filter(pk=notification_id, recipient=request.user).first()
    if found is None:
        raise NotFound("消息不存在。")
    services.notification_mark_read(actor=request.user, notification=found)
    found.refresh_from_db()
    return found


@notifications_router.post("/read-all", response=MarkedOut, summary="全部标记为已读 (mark all read)",
                           openapi_extra=_doc(problems=(401,), etag=False))
def notifications_read_all(request):
    return {"marked": services.notification_mark_read(actor=request.user)}


# -- stopgaps: writes that belong in services.py (reported; move them there and call the services) ---------------


