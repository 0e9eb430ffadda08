"""The documents the law requires at each step of a licence application, and the data each one is filled from.

One frozen dataclass per kind. The lifecycle (cases) builds one and calls `document_issue`; the API and the
CLI may pass a plain dict with the same keys (dates as ISO strings), parsed by `parse_data` with Chinese
messages for every wrong field. Dates the law computes (the decision date a 受理通知书 promises, the new date of
an extension, the end of a special procedure) may be given; left out, they are computed from the working-day
calendar.

| kind | seal | law |
|---|---|---|
| 受理通知书 | 受理专用章 | 行政许可法 第三十二条第一款第（五）项、第二款; 第四十二条 |
| 补正告知书 | 受理专用章 | 第三十二条第一款第（四）项 (一次告知, within five days) |
| 不予受理决定书 | 受理专用章 | 第三十二条第一款第（一）（二）项、第二款; 行政复议法 第二十条; 行政诉讼法 第四十六条 |
| 准予行政许可决定书 | 行政审批专用章 | 第三十八条第一款; 第三十九条; 第四十四条 |
| 不予行政许可决定书 | 行政审批专用章 | 第三十八条第二款; 第五十五条第三款; 行政复议法 第二十条; 行政诉讼法 第四十六条 |
| 特别程序告知书 | 行政审批专用章 | 第四十五条 |
| 延期告知书 | 行政审批专用章 | 第四十二条 |
| 串通投标线索移送函 | 公章 | 招标投标法实施条例 第四条、第四十条、第六十七条 (tongban.trading) |
| 企业合法合规信息核查报告 | 公章 | 国发〔2024〕3号 "企业上市合法合规信息核查"一件事: one application, every department's finding |
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import date

from django.db import models

from tongban.clock import SuspensionReason
from tongban.core.errors import ValidationFailed


class DocumentKind(models.TextChoices):
    ACCEPTANCE = "acceptance", "受理通知书"
    SUPPLEMENT = "supplement", "补正告知书"
    INTAKE_REFUSAL = "intake_refusal", "不予受理决定书"
    GRANT = "grant", "准予行政许可决定书"
    DENIAL = "denial", "不予行政许可决定书"
    SPECIAL_PROCEDURE = "special_procedure", "特别程序告知书"
    EXTENSION = "extension", "延期告知书"
    TRADING_REFERRAL = "trading_referral", "串通投标线索移送函"
    COMPLIANCE_REPORT = "compliance_report", "企业合法合规信息核查报告"


# The 代字 of each kind in the document number: 苏审批受字〔2026〕第 123 号.
NUMBER_CODES = {
    DocumentKind.ACCEPTANCE: "受",
    DocumentKind.SUPPLEMENT: "补",
    DocumentKind.INTAKE_REFUSAL: "不受",
    DocumentKind.GRANT: "许",
    DocumentKind.DENIAL: "不许",
    DocumentKind.SPECIAL_PROCEDURE: "特",
    DocumentKind.EXTENSION: "延",
    DocumentKind.TRADING_REFERRAL: "移",
    DocumentKind.COMPLIANCE_REPORT: "核",
}

# Which seal a kind carries (values of tongban.seals.models.Seal.Kind). 行政许可法 第三十二条第二款 asks for
# "本行政机关专用印章" on intake vouchers; decisions carry the 行政审批专用章. A department without that seal
# falls back to its 公章 (see services._seal_for).
SEAL_KINDS = {
    DocumentKind.ACCEPTANCE: "intake",
    DocumentKind.SUPPLEMENT: "intake",
    DocumentKind.INTAKE_REFUSAL: "intake",
    DocumentKind.GRANT: "approval",
    DocumentKind.DENIAL: "approval",
    DocumentKind.SPECIAL_PROCEDURE: "approval",
    DocumentKind.EXTENSION: "approval",
    DocumentKind.TRADING_REFERRAL: "official",
    DocumentKind.COMPLIANCE_REPORT: "official",
}

# 行政许可法 第四十五条: the procedures whose time is not counted — a closed list (tongban.clock agrees).
SPECIAL_PROCEDURES = (
    SuspensionReason.HEARING,
    SuspensionReason.TENDER,
    SuspensionReason.AUCTION,
    SuspensionReason.INSPECTION,
    SuspensionReason.TESTING,
    SuspensionReason.QUARANTINE,
    SuspensionReason.APPRAISAL,
    SuspensionReason.EXPERT_REVIEW,
)


def _f(label: str, default=dataclasses.MISSING, **kw):
    if default is dataclasses.MISSING and "default_factory" not in kw:
        return field(metadata={"label": label}, **kw)
    return field(default=default, metadata={"label": label}, **kw)


@dataclass(frozen=True, kw_only=True)
class DocumentData:
    """What every document names: the addressee, the item applied for, the application, and the date."""

    recipient: str = _f("申请人")  # the addressee (主送): a person's or a company's name
    item_name: str = _f("申请事项")
    applied_on: date = _f("申请日期")  # the day the application (its materials) arrived
    case_ref: str = _f("申请编号", "")  # the case number or UUID, printed and kept with the record
    issued_on: date | None = _f("成文日期", None)  # default: today


@dataclass(frozen=True, kw_only=True)
class AcceptanceData(DocumentData):
    """受理通知书. 行政许可法 第三十二条第一款第（五）项: 受理; 第二款: a dated written voucher with the seal."""

    accepted_on: date | None = _f("受理日期", None)  # default: the issue date
    # 第四十二条第一款: 20 working days from 受理 unless a law, regulation or the promise (承诺时限) says fewer.
    time_limit_workdays: int = _f("办理时限（工作日）", 20)
    decision_due: date | None = _f("决定期限", None)  # default: accepted_on + time_limit_workdays working days
    materials: tuple[str, ...] = _f("已收取材料", ())


@dataclass(frozen=True, kw_only=True)
class SupplementItem:
    name: str = _f("材料名称")
    requirement: str = _f("补正要求", "")


@dataclass(frozen=True, kw_only=True)
class SupplementData(DocumentData):
    """补正告知书. 第三十二条第一款第（四）项: every missing item in one notice, within five days of receipt."""

    missing_items: tuple[SupplementItem, ...] = _f("需补正的材料", ())
    supplement_by: date | None = _f("补正期限", None)


@dataclass(frozen=True, kw_only=True)
class RemedyData:
    """Who hears a challenge. Blank: the 本级人民政府 of the department's region (行政复议法 第二十四条第一款第
    （一）项 — an inference to confirm locally, legal-rules §1.2) and "人民法院" for a suit."""

    reconsideration_body: str = _f("行政复议机关", "")
    court: str = _f("管辖法院", "")


class RefusalGround(models.TextChoices):
    NOT_REQUIRED = "not_required", "依法不需要取得行政许可"  # 第三十二条第一款第（一）项
    NOT_COMPETENT = "not_competent", "不属于本机关职权范围"  # 第三十二条第一款第（二）项
    OTHER = "other", "其他法定情形"


@dataclass(frozen=True, kw_only=True)
class IntakeRefusalData(DocumentData, RemedyData):
    """不予受理决定书 (第三十二条). For lack of competence the decision names the competent agency (第（二）项)."""

    reasons: tuple[str, ...] = _f("不予受理的理由", ())
    ground: str = _f("不予受理的情形", RefusalGround.OTHER)
    competent_agency: str = _f("有权受理的行政机关", "")
    legal_basis: str = _f("法律依据", "")


@dataclass(frozen=True, kw_only=True)
class GrantData(DocumentData):
    """准予行政许可决定书 (第三十八条第一款), with the licence it leads to (第三十九条, 第四十四条)."""

    accepted_on: date = _f("受理日期")
    permit_content: str = _f("许可内容")
    legal_basis: str = _f("法律依据", "")
    license_name: str = _f("许可证件名称", "")
    license_number: str = _f("许可证件编号", "")
    valid_from: date | None = _f("有效期起", None)
    valid_until: date | None = _f("有效期止", None)
    conditions: tuple[str, ...] = _f("被许可人应遵守的事项", ())


@dataclass(frozen=True, kw_only=True)
class DenialData(DocumentData, RemedyData):
    """不予行政许可决定书 (第三十八条第二款): reasons and the rights to 行政复议 and 行政诉讼."""

    accepted_on: date = _f("受理日期")
    reasons: tuple[str, ...] = _f("不予许可的理由", ())
    legal_basis: str = _f("法律依据", "")
    # 第五十五条第三款: a denial based on test or inspection results names the technical standard.
    technical_standard: str = _f("所依据的技术标准、技术规范", "")


@dataclass(frozen=True, kw_only=True)
class SpecialProcedureData(DocumentData):
    """特别程序告知书 (第四十五条): which procedure, and how long it is expected to take, in writing."""

    accepted_on: date = _f("受理日期")
    procedure: str = _f("特别程序")
    duration_workdays: int = _f("预计所需时间（工作日）")
    starts_on: date | None = _f("开始日期", None)  # default: the issue date
    expected_end: date | None = _f("预计完成日期", None)  # default: starts_on + duration_workdays working days
    reason: str = _f("需要该程序的原因", "")
    organiser: str = _f("组织实施单位", "")


@dataclass(frozen=True, kw_only=True)
class ExtensionData(DocumentData):
    """延期告知书 (第四十二条): the reasons, the approval and the new date."""

    accepted_on: date = _f("受理日期")
    # None only when it lies past the loaded calendar (ADR 0002 §4): the text says the date is to be fixed.
    original_due: date | None = _f("原决定期限", None)
    reasons: tuple[str, ...] = _f("延期理由", ())
    extension_workdays: int = _f("延长时间（工作日）", 10)
    # 第四十二条第二款: 统一办理、联合办理、集中办理 (a 一件事 bundle) — 45 days, extendable by 15 with the
    # approval of the head of the 本级人民政府.
    joint: bool = _f("联合办理", False)
    new_due: date | None = _f("延长后的决定期限", None)  # default: original_due + extension_workdays working days


@dataclass(frozen=True, kw_only=True)
class TradingReferralData(DocumentData):
    """串通投标线索移送函 (tongban.trading): a public-resource trading centre hands the leads it found in a lot to
    the authority that investigates (招标投标法实施条例 第四条、第六十七条; 第四十条 for the deemed situations).

    `recipient` is the receiving authority, `item_name` the project and lot, `applied_on` the bid-opening date,
    `case_ref` the project/lot number.
    """

    buyer: str = _f("招标人", "")
    bidders: tuple[str, ...] = _f("投标人及报价", ())
    findings: tuple[str, ...] = _f("发现的情形", ())
    score_text: str = _f("研判评分", "")
    reason: str = _f("移送理由")


@dataclass(frozen=True, kw_only=True)
class ComplianceFinding:
    department: str = _f("核查部门")
    item: str = _f("核查事项", "")
    result: str = _f("核查结果")
    case_ref: str = _f("办件编号", "")


@dataclass(frozen=True, kw_only=True)
class ComplianceReportData(DocumentData):
    """企业合法合规信息核查报告 (拟上市企业无违规证明, a 一件事 of 国发〔2024〕3号): the company asks once, every
    department checks its own records, and the lead department's agency reports all findings in one document."""

    subject: str = _f("被核查企业")
    uscc: str = _f("统一社会信用代码", "")
    period: str = _f("核查期间", "")
    findings: tuple[ComplianceFinding, ...] = _f("各部门核查结果", ())


DATA_TYPES: dict[str, type[DocumentData]] = {
    DocumentKind.ACCEPTANCE: AcceptanceData,
    DocumentKind.SUPPLEMENT: SupplementData,
    DocumentKind.INTAKE_REFUSAL: IntakeRefusalData,
    DocumentKind.GRANT: GrantData,
    DocumentKind.DENIAL: DenialData,
    DocumentKind.SPECIAL_PROCEDURE: SpecialProcedureData,
    DocumentKind.EXTENSION: ExtensionData,
    DocumentKind.TRADING_REFERRAL: TradingReferralData,
    DocumentKind.COMPLIANCE_REPORT: ComplianceReportData,
}


# -- parsing ------------------------------------------------------------------------------------------------


def check_kind(kind: str) -> DocumentKind:
    if kind not in DocumentKind.values:
        names = "、".join(f"{k.value}（{k.label}）" for k in DocumentKind)
        raise ValidationFailed(f"文书类型无效，应为：{names}。", errors={"kind": ["文书类型无效"]})
    return DocumentKind(kind)


def parse_data(kind: str, data) -> DocumentData:
    """`data` as the kind's dataclass: an instance passes through (re-checked), a dict is converted.

    Raises ValidationFailed naming every wrong field in Chinese; nothing is issued then.
    """
    cls = DATA_TYPES[check_kind(kind)]
    if isinstance(data, cls):
        values = {f.name: getattr(data, f.name) for f in dataclasses.fields(cls)}
    elif isinstance(data, DocumentData):
        raise ValidationFailed(f"{DocumentKind(kind).label}的数据类型应为 {cls.__name__}。")
    elif isinstance(data, dict):
        values = dict(data)
    else:
        raise ValidationFailed("文书数据应为字典或对应的数据类。")
    errors: dict[str, list[str]] = {}
    known = {f.name for f in dataclasses.fields(cls)}
    for key in sorted(set(values) - known):
        errors.setdefault(key, []).append("不是该文书的字段")
    parsed = {}
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        label = f.metadata.get("label", f.name)
        if f.name not in values or values[f.name] is None or values[f.name] == "":
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                errors.setdefault(f.name, []).append(f"请填写{label}")
            continue
        try:
            parsed[f.name] = _convert(values[f.name], hints[f.name], label)
        except ValueError as exc:
            errors.setdefault(f.name, []).append(str(exc))
    if errors:
        fields = "、".join(_label(cls, name) for name in errors)
        raise ValidationFailed(f"文书数据有误：{fields}。", errors=errors)
    return cls(**parsed)


def _label(cls, name: str) -> str:
    for f in dataclasses.fields(cls):
        if f.name == name:
            return f.metadata.get("label", name)
    return name


def _convert(value, hint, label: str):
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(value, options[0], label)
    if hint is str:
        if not isinstance(value, str):
            raise ValueError(f"{label}应为文本")
        text = " ".join(value.split())
        if len(text) > 2000:
            raise ValueError(f"{label}过长（最多 2000 字）")
        return text
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise ValueError(f"{label}应为是或否")
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(f"{label}应为整数")
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"{label}应为整数") from None
    if hint is date:
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError(f"{label}应为日期，格式 YYYY-MM-DD")
    if origin is tuple:
        (item_hint, _ellipsis) = typing.get_args(hint)
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise ValueError(f"{label}应为列表")
        items = tuple(_convert(v, item_hint, label) for v in value)
        if item_hint is str:
            items = tuple(v for v in items if v)
        return items
    if dataclasses.is_dataclass(hint):
        if isinstance(value, hint):
            return value
        if isinstance(value, str):
            value = {"name": value}
        if not isinstance(value, dict):
            raise ValueError(f"{label}格式不正确")
        inner_hints = typing.get_type_hints(hint)
        kwargs = {}
        for f in dataclasses.fields(hint):
            if f.name in value and value[f.name] not in (None, ""):
                kwargs[f.name] = _convert(value[f.name], inner_hints[f.name], f.metadata.get("label", f.name))
            elif f.default is dataclasses.MISSING:
                raise ValueError(f"{label}：请填写{f.metadata.get('label', f.name)}")
        return hint(**kwargs)
    raise ValueError(f"{label}格式不正确")  # pragma: no cover - every hint above is handled


def data_as_json(data: DocumentData) -> dict:
    """The data as JSON-ready values (dates as ISO strings), kept with the issued record."""

    def plain(value):
        if isinstance(value, date):
            return value.isoformat()
        if dataclasses.is_dataclass(value):
            return {k: plain(v) for k, v in dataclasses.asdict(value).items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    return {f.name: plain(getattr(data, f.name)) for f in dataclasses.fields(data)}
