"""Request and response shapes of the cases API (/api/v1/cases and /api/v1/notifications).

Inputs are checked here first (types, lengths, closed lists), so a malformed request is a 422 problem+json in
Chinese before any service runs; the services then check the law and the permissions. Text limits keep every
value inside the columns and timeline lines it ends up in.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import field_validator, model_validator

from tongban.cases import clocks

# -- errors ----------------------------------------------------------------------------------------------------


class CaseProblem(Schema):
    """RFC 9457 problem details; `title` and `detail` in Chinese."""

    type: str = Field(examples=["https://tongban.invalid/problems/conflict"])
    title: str = Field(examples=["操作冲突"])
    status: int = Field(examples=[409])
    detail: str = Field(examples=["办件 2026-SCJ-000001 已被他人处理（当前状态：审查中），请刷新后再操作。"])
    code: str = Field(description="机器可读的错误代码：validation_failed、permission_denied、not_found、conflict、"
                                  "transition_not_allowed、deemed_accepted、not_authenticated 等",
                      examples=["conflict"])
    instance: str = Field(description="出错的请求路径", examples=["/api/v1/cases/42/accept"])
    errors: dict[str, list[str]] | None = Field(None, description="按字段列出的问题（中文）")


# -- inputs ----------------------------------------------------------------------------------------------------

REASON_TOTAL = 450  # the reasons are joined into one timeline line (500 characters) with a short prefix


class CaseVersionIn(Schema):
    expected_version: int | None = Field(
        None, ge=1,
        description="操作所依据的办件版本（详情中的 `row_version`，即 `ETag`）。办件已被他人改变时返回 409。"
                    "也可用 `If-Match` 请求头传递；两者同时提供时必须一致。",
        examples=[3],
    )


def _count(values: list, *, least: int, most: int) -> list:
    """List sizes checked with a Chinese message (pydantic's own would be English)."""
    if len(values) < least:
        raise ValueError(f"至少填写 {least} 项")
    if len(values) > most:
        raise ValueError(f"最多 {most} 项")
    return values


def _reasons_total(reasons: list[str], *, least: int) -> list[str]:
    reasons = [r.strip() for r in reasons if r and r.strip()]
    _count(reasons, least=least, most=20)
    if len("；".join(reasons)) > REASON_TOTAL:
        raise ValueError(f"理由合计最多 {REASON_TOTAL} 个字")
    return reasons


class CaseCreateIn(Schema):
    item_code: str | None = Field(None, max_length=64, description="事项编码（使用其现行发布版本）",
                                  examples=["320A0123000000-320500000000-000-11320500MB0000001X-1-00"])
    version_id: int | None = Field(None, ge=1, description="事项版本编号（与 item_code 二选一）")
    person_id: int | None = Field(None, ge=1, description="申请人（自然人）编号；网上申请本人办理时可省略")
    legal_person_id: int | None = Field(None, ge=1, description="申请人（法人和其他组织）编号")
    agent_id: int | None = Field(None, ge=1, description="代办人（自然人）编号；须有在效的委托授权")
    zone_id: int | None = Field(None, ge=1, description="向已获赋权的开发区申请时填写")
    form_data: dict[str, Any] = Field(default_factory=dict, description="申请表（按事项版本的表单定义；草稿可不完整）")
    channel: Literal["online", "window", "cross_region"] = Field(
        "online", description="online 网上申请；window 窗口收件；cross_region 跨域通办（窗口人员登记）")
    window_id: int | None = Field(None, ge=1, description="窗口收件、跨域通办时的收件窗口")

    @model_validator(mode="after")
    def _one_item(self):
        if (self.item_code is None) == (self.version_id is None):
            raise ValueError("请在 item_code 与 version_id 中选填一项")
        if self.person_id and self.legal_person_id:
            raise ValueError("申请人只能是一个：自然人（person_id）或法人（legal_person_id）")
        if self.channel != "online" and self.window_id is None:
            raise ValueError("窗口收件和跨域通办须填写收件窗口 window_id")
        return self


class CaseFormIn(CaseVersionIn):
    form_data: dict[str, Any] = Field(description="完整的申请表（整体替换）")


class CaseMaterialIn(CaseVersionIn):
    requirement_id: int = Field(ge=1, description="材料要求编号（见详情 `requirements`）")
    file_id: int = Field(ge=1, description="先用 POST /api/v1/files 上传得到的文件编号")


class CaseWithdrawIn(CaseVersionIn):
    reason: str = Field("", max_length=400, description="撤回原因（可不填）")


class CaseSupplementItemIn(Schema):
    requirement_id: int = Field(ge=1, description="需要补正的材料要求编号")
    reason: str = Field(min_length=1, max_length=200, description="需要补正的原因", examples=["未加盖公章"])


class RequestSupplementIn(CaseVersionIn):
    items: list[CaseSupplementItemIn] = Field(description="一次性告知：需要补正的全部材料（1–50 项）")

    @field_validator("items")
    @classmethod
    def _items_count(cls, items: list) -> list:
        return _count(items, least=1, most=50)


class RefuseIntakeIn(CaseVersionIn):
    reasons: list[str] = Field(description="不予受理的理由（1–20 条，合计不超过 450 字）")
    ground: Literal["not_required", "not_competent", "other"] = Field(
        "other", description="not_required 依法不需要取得行政许可；not_competent 不属于本机关职权范围；other 其他法定情形")
    competent_agency: str = Field("", max_length=200, description="不属于本机关职权范围时，有权受理的行政机关")

    @field_validator("reasons")
    @classmethod
    def _reasons_fit(cls, reasons: list[str]) -> list[str]:
        return _reasons_total(reasons, least=1)


class CaseInstantIn(CaseVersionIn):
    content: str = Field("", max_length=1000, description="准予的内容（即办件当场准予）")


class CompleteStepIn(CaseVersionIn):
    opinion: str = Field(min_length=1, max_length=2000, description="本环节的书面审查意见")


class ReturnStepIn(CaseVersionIn):
    to_order: int = Field(ge=1, description="退回到的环节序号（之前的环节）")
    reason: str = Field(min_length=1, max_length=400, description="退回理由")


class FactCheckIn(CaseVersionIn):
    requirement_id: int = Field(ge=1, description="须两人核查的材料要求编号")
    finding: str = Field(min_length=1, max_length=2000, description="核查情况")


class SuspendIn(CaseVersionIn):
    reason: str = Field(min_length=1, max_length=16,
                        description="特别程序：听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审，或事项规定的其他程序（如现场勘验）",
                        examples=["专家评审"])
    expected_workdays: int = Field(ge=1, le=365, description="预计所需工作日")
    detail: str = Field("", max_length=1000, description="说明（写入特别程序告知书）")


class CaseExtensionIn(CaseVersionIn):
    reason: str = Field(min_length=1, max_length=400, description="延期理由（将告知申请人）")
    days: int | None = Field(None, ge=1, le=60, description="延长的工作日数；不填则按事项规定（默认 10）")


class DecideIn(CaseVersionIn):
    grant: bool = Field(description="true 准予许可；false 不予许可（须说明理由）")
    reasons: list[str] = Field(default_factory=list, description="不予许可的理由（最多 20 条，合计不超过 450 字）")
    content: str = Field("", max_length=1000, description="准予许可的内容，或决定意见")

    @field_validator("reasons")
    @classmethod
    def _reasons_fit(cls, reasons: list[str]) -> list[str]:
        return _reasons_total(reasons, least=0)


class DeliverIn(CaseVersionIn):
    method: Literal["in_person", "post"] = Field(description="in_person 窗口领取；post 邮寄送达")
    note: str = Field(min_length=1, max_length=200, description="送达记录：领取人、快递单号等")


# -- outputs ---------------------------------------------------------------------------------------------------


class ClockStandingOut(Schema):
    """Where a clock stands: the due date (or why it is pending), the working days left and the status."""

    due: date | None = Field(description="期限届满日；截止日期跨入尚未导入节假日安排的年度时为 null（见 pending_year），导入后确定")
    pending_year: int | None = Field(None, description="截止日期待定时，尚未导入节假日安排的第一个年度（如 2027）：此时 due 为 null，workdays_left 是下限（本年内至少还剩的工作日），status 不会是超期；否则为 null")
    workdays_left: int = Field(description="剩余工作日（超期为负数；pending_year 非空时为下限）")
    status: str = Field(description="正常、临期、超期、中止")


class CaseClockOut(ClockStandingOut):
    explanation: str = Field(description="期限的计算说明（起算日、节假日、中止、延期）")
    total_workdays: int
    suspended_workdays: int


class CaseClocksOut(Schema):
    intake: CaseClockOut | None = Field(description="受理审查期限：收件（或补正齐全）后 5 个工作日（行政许可法第三十二条）")
    decision: CaseClockOut | None = Field(description="决定期限：受理后按承诺时限，特别程序不计入，可延期一次")
    license: CaseClockOut | None = Field(description="准予后 10 个工作日内颁发、送达证件（第四十四条）")
    deemed_acceptance_due: bool = Field(description="已逾受理审查期限、依法视为受理（每日自动记录）")


class CaseActionOut(Schema):
    action: str = Field(description="动作代码")
    label: str = Field(description="动作名称")
    method: str
    path: str = Field(description="执行该动作的接口")


class CaseItemOut(Schema):
    version_id: int
    code: str
    name: str
    version_number: int
    handling: str = Field(description="promised 承诺件；instant 即办件")
    statutory_days: int
    promised_days: int


class CaseDepartmentRef(Schema):
    id: int
    name: str


class CaseRequirementOut(Schema):
    id: int
    name: str
    required: bool = Field(description="提交时必须上传（无条件、由申请人提供）")
    condition: str = Field(description="需要提交的情形（空：都要提交）")
    source: str = Field(description="applicant 申请人提供；department 部门核验；license 电子证照")
    needs_dual_verification: bool
    attached: bool = Field(description="已上传")


class CaseMaterialOut(Schema):
    id: int
    requirement_id: int | None
    requirement_name: str
    file_id: int
    filename: str
    round: int = Field(description="0：申请时提交；n：第 n 次补正")
    uploaded_at: datetime


class CaseSupplementItemOut(Schema):
    requirement_id: int
    name: str
    reason: str


class CaseSupplementOut(Schema):
    round: int
    items: list[CaseSupplementItemOut]
    requested_on: date
    answered_on: date | None
    document_number: str | None


class CaseStepOut(Schema):
    order: int
    name: str
    role: str
    workdays: int
    state: str = Field(description="pending 未开始；active 办理中；done 已完成")
    started_on: date | None
    completed_at: datetime | None
    completed_by: str | None


class CaseOpinionOut(Schema):
    step_order: int
    step_name: str
    author: str
    verdict: str
    verdict_label: str
    text: str
    created_at: datetime


class CaseFactCheckOut(Schema):
    requirement_id: int
    requirement_name: str
    checker: str
    finding: str
    checked_at: datetime


class CaseSuspensionOut(Schema):
    reason: str
    detail: str
    started_on: date
    expected_workdays: int
    ended_on: date | None
    document_number: str | None


class CaseExtensionOut(Schema):
    days: int
    reason: str
    requested_on: date
    approved_on: date | None
    document_number: str | None


class CaseDeliveryOut(Schema):
    id: int
    method: str
    method_label: str
    document_id: int
    document_number: str
    delivered_at: datetime
    opened_at: datetime | None
    note: str


class CaseDocumentOut(Schema):
    id: int
    kind: str = Field(description="acceptance、supplement、intake_refusal、grant、denial、special_procedure、extension")
    kind_label: str
    number: str = Field(description="文号")
    token: str = Field(description="核验码（二维码内容）")
    issued_on: date
    issued_at: datetime
    status: str = Field(description="valid 有效；superseded 已被更正；withdrawn 已撤回")
    status_label: str
    verify_url: str = Field(description="公开核验页面")
    pdf_url: str = Field(description="下载盖章 PDF 的接口")


class CaseEventOut(Schema):
    at: datetime
    action: str
    action_label: str
    actor: str
    summary: str
    public: bool = Field(description="申请人可见")
    document_number: str | None


class CaseRef(Schema):
    """What a write answers with under `Prefer: return=minimal` (RFC 7240): enough to act next."""

    id: int
    number: str | None
    status: str
    status_label: str
    row_version: int


class CaseDetail(Schema):
    id: int
    number: str | None = Field(description="办件编号（提交后分配：年度-部门-序号）")
    status: str
    status_label: str
    row_version: int = Field(description="办件版本：每次办理加一；写操作时作为 expected_version / If-Match 传回")
    channel: str
    channel_label: str
    item: CaseItemOut
    department: CaseDepartmentRef = Field(description="办理部门")
    zone_id: int | None
    receiving_window_id: int | None
    applicant_name: str
    applicant_kind: str = Field(description="person 自然人；legal 法人和其他组织")
    applicant_person_id: int | None
    applicant_legal_id: int | None
    agent_id: int | None
    agent_name: str | None
    form_data: dict[str, Any]
    received_on: date | None
    accepted_on: date | None
    acceptance: str = Field(description="explicit 受理；deemed 视为受理；instant 即办；空：尚未受理")
    decision: str = Field(description="grant 准予；deny 不予；空：尚未决定")
    decision_reasons: str
    decided_on: date | None
    due_on: date | None = Field(description="决定期限（以 clocks.decision 为准；截止日期跨入尚未导入节假日安排的年度时为 null，导入后由每日巡检补定）")
    concluded_at: datetime | None
    withdrawn_at: datetime | None
    created_at: datetime
    allowed_actions: list[CaseActionOut] = Field(description="当前用户此刻可以执行的动作")
    clocks: CaseClocksOut
    requirements: list[CaseRequirementOut]
    materials: list[CaseMaterialOut]
    supplement_requests: list[CaseSupplementOut]
    steps: list[CaseStepOut]
    opinions: list[CaseOpinionOut] = Field(description="审查意见（仅工作人员可见）")
    fact_checks: list[CaseFactCheckOut] = Field(description="核查记录（仅工作人员可见）")
    suspensions: list[CaseSuspensionOut]
    extension: CaseExtensionOut | None = Field(description="延期（申请人只看到已批准的延期）")
    deliveries: list[CaseDeliveryOut]
    documents: list[CaseDocumentOut]
    timeline: list[CaseEventOut] = Field(description="办理过程（申请人只看到公开的步骤）")


class CaseClockBrief(ClockStandingOut):
    kind: str = Field(description="intake 受理审查期限；decision 决定期限")


class CaseRow(Schema):
    """One line of a list (my applications, tasks, queue, search, overdue)."""

    id: int
    number: str | None
    status: str
    status_label: str
    item_name: str
    applicant_name: str
    department_id: int
    department_name: str
    channel: str
    received_on: date | None
    accepted_on: date | None
    due_on: date | None
    clock: CaseClockBrief | None = Field(description="当前在走的期限（用于 临期/超期 标色）")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.status_label

    @staticmethod
    def resolve_item_name(obj) -> str:
        return obj.item_version.name

    @staticmethod
    def resolve_department_name(obj) -> str:
        return obj.department.name

    @staticmethod
    def resolve_clock(obj) -> dict | None:
        from tongban.cases.domain import Status

        today = timezone.localdate()
        if obj.status == Status.RECEIVED:
            kind, state = "intake", clocks.intake_state(obj, today)
        elif obj.status == Status.IN_REVIEW:
            kind, state = "decision", clocks.decision_state(obj, today)
        else:
            return None
        if state is None:
            return None
        return {"kind": kind, "due": state.due, "pending_year": state.pending_year,
                "workdays_left": state.workdays_left, "status": str(state.status)}


class NotificationOut(Schema):
    id: int
    case_id: int | None
    case_number: str | None
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_case_number(obj) -> str | None:
        return obj.case.number if obj.case_id else None


class MarkedOut(Schema):
    marked: int = Field(description="本次标记为已读的条数")
