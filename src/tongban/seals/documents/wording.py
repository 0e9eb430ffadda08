"""What each document says: the checks the law puts on its data, the dates it computes, and its wording.

Pure functions of (kind, data, calendar, department names): no database, no I/O. `resolve` checks the data
and fills in the computed dates; `compose` turns resolved data into the paragraphs of the page. Every required
element cites its source. Wording follows the public templates the legal rules point to (legal-rules §1.1),
with the remedies text of §1.3.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from tongban.clock import ClockError, WorkCalendar
from tongban.core.errors import ValidationFailed
from tongban.seals.documents.kinds import (
    SPECIAL_PROCEDURES,
    AcceptanceData,
    ComplianceReportData,
    DenialData,
    DocumentData,
    DocumentKind,
    ExtensionData,
    GrantData,
    IntakeRefusalData,
    RefusalGround,
    RemedyData,
    SpecialProcedureData,
    SupplementData,
    SupplementItem,
    TradingReferralData,
)
from tongban.seals.pdf_render import Paragraph

LAW = "《中华人民共和国行政许可法》"
# 行政许可法 第三十二条第一款第（四）项: the one-time 补正 notice comes "当场或者在五日内"; 第八十二条: 工作日.
SUPPLEMENT_NOTICE_WORKDAYS = 5
# 行政许可法 第四十二条第一款: +10 working days with the head of the agency's approval; 第二款: +15 for 统一办理、
# 联合办理、集中办理 with the approval of the head of the 本级人民政府.
EXTENSION_MAX_WORKDAYS = 10
JOINT_EXTENSION_MAX_WORKDAYS = 15


def reconsideration_days() -> int:
    """行政复议法 第二十条第一款: 60 days, unless a law gives longer (then a deployment sets it)."""
    return int(getattr(settings, "TONGBAN_RECONSIDERATION_DAYS", 60))


def litigation_months() -> int:
    """行政诉讼法 第四十六条第一款: 6 months from knowing of the act, unless a law says otherwise."""
    return int(getattr(settings, "TONGBAN_LITIGATION_MONTHS", 6))


# -- small helpers -------------------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numerals for 0–999 as statutes write them: 六十, 十五, 一百二十."""
    if not 0 <= n < 1000:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest == 0:
            return out
        if tens == 0:
            return out + "零" + _DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


def cn_date(d: date) -> str:
    """GB/T 9704-2012 §7.3.5.1: Arabic numerals, the year in full, no leading zero: 2026年3月2日."""
    return f"{d.year}年{d.month}月{d.day}日"


def _ref(data: DocumentData) -> str:
    return f"（申请编号：{data.case_ref}）" if data.case_ref else ""


def _opening(data: DocumentData) -> str:
    return f"你（单位）于{cn_date(data.applied_on)}提出的{data.item_name}申请{_ref(data)}"


def _sentence(text: str) -> str:
    text = text.strip().rstrip("。；;，,")
    return text + "。"


def _items(texts, *, indent: float = 2) -> list[Paragraph]:
    return [Paragraph(f"{i}. {_sentence(t)}", indent=indent) for i, t in enumerate(texts, start=1)]


def _invalid(field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, errors={field_name: [message]})


def _calendar_error(exc: ClockError) -> ValidationFailed:
    return ValidationFailed(f"无法计算工作日期限：{exc}", code="calendar_not_loaded")


# -- resolve: the law's checks and computed dates ------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    kind: DocumentKind
    data: DocumentData
    issued_on: date


def resolve(kind: DocumentKind, data: DocumentData, *, today: date, calendar: WorkCalendar | None) -> Resolved:
    """Check `data` against the rules of `kind` and fill in the dates the law computes.

    `calendar` is WorkCalendar.default() in the application; a date that needs it in an unloaded year is
    refused with the calendar's own message (the clock never guesses).
    """
    issued_on = data.issued_on or today
    if data.applied_on > issued_on:
        raise _invalid("applied_on", "申请日期不能晚于成文日期。")
    if not data.recipient.strip():
        raise _invalid("recipient", "请填写申请人。")
    if not data.item_name.strip():
        raise _invalid("item_name", "请填写申请事项。")
    accepted_on = getattr(data, "accepted_on", None)
    if accepted_on is not None and not data.applied_on <= accepted_on <= issued_on:
        raise _invalid("accepted_on", "受理日期应在申请日期与成文日期之间。")
    try:
        data = _RESOLVERS[kind](data, issued_on, calendar)
    except ClockError as exc:
        raise _calendar_error(exc) from None
    return Resolved(kind=kind, data=dataclasses.replace(data, issued_on=issued_on), issued_on=issued_on)


def _need_calendar(calendar):
    if calendar is None:
        raise ClockError("没有可用的工作日日历")
    return calendar


# A date past the last loaded year is flagged in the text, never guessed (ADR 0002 §4).
PENDING_DATE = "具体日期待国务院办公厅公布相应年度节假日安排后确定"


def _resolve_acceptance(data: AcceptanceData, issued_on: date, calendar) -> AcceptanceData:
    accepted_on = data.accepted_on or issued_on
    if not 1 <= data.time_limit_workdays <= 365:
        raise _invalid("time_limit_workdays", "办理时限应为 1 至 365 个工作日。")
    due = data.decision_due
    if due is None:
        # 第四十二条第一款: 自受理行政许可申请之日起二十日内 (or the promised, shorter limit); the day of 受理 is not
        # counted (民法典 第二百零一条; WorkCalendar.add_workdays).
        # None when it lies past the loaded calendar: the notice says so and the case tells the date later.
        due = _need_calendar(calendar).add_workdays_if_loaded(accepted_on, data.time_limit_workdays)
    elif due <= accepted_on:
        raise _invalid("decision_due", "决定期限应晚于受理日期。")
    return dataclasses.replace(data, accepted_on=accepted_on, decision_due=due)


def _resolve_supplement(data: SupplementData, issued_on: date, calendar) -> SupplementData:
    if not data.missing_items:
        # 第三十二条第一款第（四）项: 一次告知 — the notice lists everything that is missing.
        raise _invalid("missing_items", "补正告知书必须一次列明需要补正的全部材料，请至少填写一项。")
    # The same material named twice (two defects of one document) becomes one item with both requirements.
    merged: dict[str, list[str]] = {}
    for item in data.missing_items:
        reqs = merged.setdefault(item.name, [])
        if item.requirement and item.requirement not in reqs:
            reqs.append(item.requirement)
    if len(merged) != len(data.missing_items):
        data = dataclasses.replace(data, missing_items=tuple(
            SupplementItem(name=name, requirement="；".join(reqs)) for name, reqs in merged.items()
        ))
    elapsed = _need_calendar(calendar).workdays_between(data.applied_on, issued_on)
    if elapsed > SUPPLEMENT_NOTICE_WORKDAYS:
        # 逾期不告知的，自收到申请材料之日起即为受理: a late notice would mislead the applicant.
        raise _invalid(
            "issued_on",
            f"收到申请材料已 {elapsed} 个工作日，超过五日的一次告知期限：依《中华人民共和国行政许可法》第三十二条"
            "第一款第（四）项，自收到申请材料之日起即为受理，不能再出具补正告知书，请出具受理通知书。",
        )
    if data.supplement_by is not None and data.supplement_by < issued_on:
        raise _invalid("supplement_by", "补正期限不能早于成文日期。")
    return data


def _resolve_intake_refusal(data: IntakeRefusalData, issued_on: date, calendar) -> IntakeRefusalData:
    if not data.reasons:
        # 第三十八条第二款 and 第七十二条第（四）项: a refusal states its reasons.
        raise _invalid("reasons", "请填写不予受理的理由。")
    if data.ground not in RefusalGround.values:
        raise _invalid("ground", "不予受理的情形应为：" + "、".join(str(g.label) for g in RefusalGround) + "。")
    if data.ground == RefusalGround.NOT_COMPETENT and not data.competent_agency:
        # 第三十二条第一款第（二）项: 告知申请人向有关行政机关申请.
        raise _invalid("competent_agency", "申请事项不属于本机关职权范围的，必须告知有权受理的行政机关。")
    return data


def _resolve_grant(data: GrantData, issued_on: date, calendar) -> GrantData:
    if not data.permit_content:
        raise _invalid("permit_content", "请填写许可内容。")
    if data.valid_from and data.valid_until and data.valid_until <= data.valid_from:
        raise _invalid("valid_until", "有效期止应晚于有效期起。")
    return data


def _resolve_denial(data: DenialData, issued_on: date, calendar) -> DenialData:
    if not data.reasons:
        # 第三十八条第二款: 不予行政许可的书面决定应当说明理由.
        raise _invalid("reasons", "不予行政许可决定必须说明理由，请至少填写一项。")
    return data


def _resolve_special(data: SpecialProcedureData, issued_on: date, calendar) -> SpecialProcedureData:
    if data.procedure not in [str(p) for p in SPECIAL_PROCEDURES]:
        allowed = "、".join(str(p) for p in SPECIAL_PROCEDURES)
        raise _invalid("procedure", f"特别程序只能是行政许可法第四十五条所列的：{allowed}。")
    if not 1 <= data.duration_workdays <= 365:
        raise _invalid("duration_workdays", "预计所需时间应为 1 至 365 个工作日。")
    starts_on = data.starts_on or issued_on
    end = data.expected_end or _need_calendar(calendar).add_workdays_if_loaded(starts_on, data.duration_workdays)
    if end is not None and end < starts_on:
        raise _invalid("expected_end", "预计完成日期不能早于开始日期。")
    return dataclasses.replace(data, starts_on=starts_on, expected_end=end)


def _resolve_extension(data: ExtensionData, issued_on: date, calendar) -> ExtensionData:
    if not data.reasons:
        # 第四十二条第一款: 应当将延长期限的理由告知申请人.
        raise _invalid("reasons", "请填写延期理由：行政许可法第四十二条要求将延长期限的理由告知申请人。")
    limit = JOINT_EXTENSION_MAX_WORKDAYS if data.joint else EXTENSION_MAX_WORKDAYS
    if not 1 <= data.extension_workdays <= limit:
        which = "联合办理" if data.joint else "单独办理"
        raise _invalid("extension_workdays", f"{which}的事项最多可延长 {limit} 个工作日（行政许可法第四十二条）。")
    if data.original_due is None:  # itself past the loaded calendar: so is the extended one
        return dataclasses.replace(data, new_due=None)
    if data.original_due < data.accepted_on:
        raise _invalid("original_due", "原决定期限不能早于受理日期。")
    latest = _need_calendar(calendar).add_workdays_if_loaded(data.original_due, data.extension_workdays)
    if latest is None:
        return dataclasses.replace(data, new_due=None)
    new_due = data.new_due or latest
    if not data.original_due < new_due <= latest:
        raise _invalid("new_due", f"延长后的决定期限应晚于原期限，且不晚于 {cn_date(latest)}。")
    return dataclasses.replace(data, new_due=new_due)


def _resolve_referral(data: TradingReferralData, issued_on: date, calendar) -> TradingReferralData:
    if not data.reason.strip():
        raise _invalid("reason", "请填写移送理由。")
    if not data.findings:
        # A referral names what was found: at least one situation with its legal basis.
        raise _invalid("findings", "移送函应列明发现的情形及其依据，请至少填写一项。")
    return data


_RESOLVERS = {
    DocumentKind.ACCEPTANCE: _resolve_acceptance,
    DocumentKind.SUPPLEMENT: _resolve_supplement,
    DocumentKind.INTAKE_REFUSAL: _resolve_intake_refusal,
    DocumentKind.GRANT: _resolve_grant,
    DocumentKind.DENIAL: _resolve_denial,
    DocumentKind.SPECIAL_PROCEDURE: _resolve_special,
    DocumentKind.EXTENSION: _resolve_extension,
    DocumentKind.TRADING_REFERRAL: _resolve_referral,
    DocumentKind.COMPLIANCE_REPORT: lambda data, issued_on, calendar: _resolve_compliance(data),
}


def _resolve_compliance(data: ComplianceReportData) -> ComplianceReportData:
    if not data.findings:
        raise _invalid("findings", "核查报告须列出至少一个部门的核查结果。")
    if not data.subject.strip():
        raise _invalid("subject", "请填写被核查企业。")
    return data


# -- compose: the paragraphs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Agency:
    """The issuing department as the documents name it."""

    name: str
    region_name: str  # 苏州市: its 本级人民政府 is the default 复议机关


def _remedies(data: RemedyData, agency: Agency) -> Paragraph:
    # 行政许可法 第三十八条第二款: 告知申请人享有依法申请行政复议或者提起行政诉讼的权利.
    # 行政复议法 第二十条: 60 days, naming the 复议机关 (if not told, the period runs up to a year: 第二十条第三款).
    # 行政诉讼法 第四十六条: 6 months (if not told, up to a year: 2018 司法解释 第六十四条).
    body = data.reconsideration_body or f"{agency.region_name}人民政府"
    court = data.court or "人民法院"
    return Paragraph(
        f"你（单位）如不服本决定，可以自收到本决定书之日起{cn_number(reconsideration_days())}日内向{body}申请行政复议，"
        f"也可以自收到本决定书之日起{cn_number(litigation_months())}个月内依法向{court}提起行政诉讼。"
    )


def _basis(extra: str) -> str:
    """An additional legal basis as the caller wrote it (e.g. 《食品经营许可和备案管理办法》第十条)."""
    extra = extra.strip().strip("。")
    return f"及{extra}" if extra else ""


def compose(resolved: Resolved, agency: Agency) -> list[Paragraph]:
    return _COMPOSERS[resolved.kind](resolved.data, agency)


def _acceptance(d: AcceptanceData, agency: Agency) -> list[Paragraph]:
    paras = [Paragraph(
        f"{_opening(d)}，经审查，申请事项属于本机关职权范围，申请材料齐全、符合法定形式。根据{LAW}第三十二条第一款"
        f"第（五）项的规定，本机关于{cn_date(d.accepted_on)}决定予以受理。"
    )]
    if d.materials:
        paras.append(Paragraph("本机关已收取你（单位）提交的以下申请材料："))
        paras.extend(_items(d.materials))
    paras.append(Paragraph(
        # 第四十二条: the decision date; 第四十五条: procedures whose time is not counted are notified in writing.
        f"本机关将自受理之日起{cn_number(d.time_limit_workdays)}个工作日内"
        + (f"，即于{cn_date(d.decision_due)}前作出是否准予行政许可的决定。" if d.decision_due else
           f"作出是否准予行政许可的决定（{PENDING_DATE}，届时另行告知）。")
        + "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定或者专家评审的，所需时间不计算在上述期限内，"
        "本机关将书面告知所需时间。"
    ))
    paras.append(Paragraph("特此通知。"))
    return paras


def _supplement(d: SupplementData, agency: Agency) -> list[Paragraph]:
    paras = [Paragraph(
        f"{_opening(d)}，经审查，申请材料不齐全或者不符合法定形式。根据{LAW}第三十二条第一款第（四）项的规定，"
        "现一次告知你（单位）需要补正的全部内容如下："
    )]
    paras.extend(_items(f"{i.name}：{i.requirement}" if i.requirement else i.name for i in d.missing_items))
    when = f"请于{cn_date(d.supplement_by)}前" if d.supplement_by else "请"
    paras.append(Paragraph(f"{when}按上述要求一并补正。本机关收到你（单位）补正的全部材料后，将依法作出是否受理的决定。"))
    paras.append(Paragraph("特此告知。"))
    return paras


def _intake_refusal(d: IntakeRefusalData, agency: Agency) -> list[Paragraph]:
    paras: list[Paragraph] = []
    if len(d.reasons) == 1:
        paras.append(Paragraph(f"{_opening(d)}，经审查，{_sentence(d.reasons[0])}"))
    else:
        paras.append(Paragraph(f"{_opening(d)}，经审查，存在以下情形："))
        paras.extend(_items(d.reasons))
    if d.ground == RefusalGround.NOT_REQUIRED:
        clause = f"{LAW}第三十二条第一款第（一）项"
        lead = "该申请事项依法不需要取得行政许可。"
    elif d.ground == RefusalGround.NOT_COMPETENT:
        clause = f"{LAW}第三十二条第一款第（二）项"
        lead = "该申请事项依法不属于本机关职权范围。"
    else:
        clause = f"{LAW}第三十二条"
        lead = ""
    text = f"{lead}根据{clause}{_basis(d.legal_basis)}的规定，本机关决定不予受理。"
    if d.competent_agency:
        text += f"请你（单位）向{d.competent_agency}提出申请。"
    paras.append(Paragraph(text))
    paras.append(_remedies(d, agency))
    paras.append(Paragraph("特此决定。"))
    return paras


def _grant(d: GrantData, agency: Agency) -> list[Paragraph]:
    paras = [Paragraph(
        f"{_opening(d)}，本机关于{cn_date(d.accepted_on)}依法受理。经审查，你（单位）的申请符合法定条件、标准。"
        f"根据{LAW}第三十八条第一款{_basis(d.legal_basis)}的规定，本机关决定准予行政许可。"
    ), Paragraph(f"许可内容：{_sentence(d.permit_content)}")]
    validity = ""
    if d.valid_from and d.valid_until:
        validity = f"有效期自{cn_date(d.valid_from)}至{cn_date(d.valid_until)}"
    elif d.valid_until:
        validity = f"有效期至{cn_date(d.valid_until)}"
    if d.license_name:
        number = f"（编号：{d.license_number}）" if d.license_number else ""
        text = f"本机关将依法向你（单位）颁发{d.license_name}{number}"
        text += f"，{validity}。" if validity else "。"
        # 第四十四条: 自作出决定之日起十日内颁发、送达行政许可证件.
        text += "许可证件自本决定作出之日起十个工作日内颁发、送达。"
        paras.append(Paragraph(text))
    elif validity:
        paras.append(Paragraph(f"本行政许可{validity}。"))
    if d.conditions:
        paras.append(Paragraph("你（单位）应当遵守以下事项："))
        paras.extend(_items(d.conditions))
    paras.append(Paragraph("特此决定。"))
    return paras


def _denial(d: DenialData, agency: Agency) -> list[Paragraph]:
    paras = [Paragraph(
        f"{_opening(d)}，本机关于{cn_date(d.accepted_on)}依法受理。经审查，你（单位）的申请不符合法定条件、标准，"
        "理由如下："
    )]
    paras.extend(_items(d.reasons))
    if d.technical_standard:
        # 第五十五条第三款: 根据检验、检测、检疫结果作出不予行政许可决定的，应当书面说明所依据的技术标准、技术规范.
        paras.append(Paragraph(f"上述审查结论所依据的技术标准、技术规范为：{_sentence(d.technical_standard)}"))
    paras.append(Paragraph(f"根据{LAW}第三十八条第二款{_basis(d.legal_basis)}的规定，本机关决定不予行政许可。"))
    paras.append(_remedies(d, agency))
    paras.append(Paragraph("特此决定。"))
    return paras


def _special(d: SpecialProcedureData, agency: Agency) -> list[Paragraph]:
    why = f"因{d.reason.strip().rstrip('。')}，" if d.reason else ""
    by = f"由{d.organiser}组织实施，" if d.organiser else ""
    return [
        Paragraph(f"{_opening(d)}，本机关已于{cn_date(d.accepted_on)}依法受理。{why}该申请依法需要进行{d.procedure}。"),
        Paragraph(
            # 第四十五条: 所需时间不计算在本节规定的期限内。行政机关应当将所需时间书面告知申请人.
            f"根据{LAW}第四十五条的规定，{d.procedure}所需时间不计算在本机关作出行政许可决定的期限内。{d.procedure}{by}"
            f"预计自{cn_date(d.starts_on)}开始，所需时间约{cn_number(d.duration_workdays)}个工作日，"
            + (f"预计于{cn_date(d.expected_end)}前完成。" if d.expected_end else "预计完成日期待国务院办公厅公布相应年度节假日安排后确定。")
            + f"{d.procedure}完成后，本机关将继续审查，并依法作出决定。"
        ),
        Paragraph("特此告知。"),
    ]


def _extension(d: ExtensionData, agency: Agency) -> list[Paragraph]:
    paras = [Paragraph(
        f"{_opening(d)}，本机关已于{cn_date(d.accepted_on)}依法受理，"
        + (f"原应于{cn_date(d.original_due)}前作出决定。" if d.original_due else f"原决定期限的{PENDING_DATE}。")
        + (f"因{_sentence(d.reasons[0])[:-1]}，本机关不能在上述期限内作出决定。" if len(d.reasons) == 1
           else "因以下原因，本机关不能在上述期限内作出决定：")
    )]
    if len(d.reasons) > 1:
        paras.extend(_items(d.reasons))
    if d.joint:
        clause, approver = "第四十二条第二款", "本级人民政府负责人"
    else:
        clause, approver = "第四十二条第一款", "本机关负责人"
    paras.append(Paragraph(
        f"根据{LAW}{clause}的规定，经{approver}批准，决定将作出决定的期限延长{cn_number(d.extension_workdays)}个工作日，"
        + (f"本机关将于{cn_date(d.new_due)}前作出是否准予行政许可的决定。" if d.new_due else
           f"本机关将在延长后的期限内作出是否准予行政许可的决定（{PENDING_DATE}，届时另行告知）。")
    ))
    paras.append(Paragraph("特此告知。"))
    return paras


TENDERING_REGULATION = "《中华人民共和国招标投标法实施条例》"


def _referral(d: TradingReferralData, agency: Agency) -> list[Paragraph]:
    buyer = f"（招标人：{d.buyer}）" if d.buyer else ""
    paras = [Paragraph(
        f"本中心在对{d.item_name}{buyer}（项目编号：{d.case_ref}，开标日期：{cn_date(d.applied_on)}）的交易数据进行"
        f"监测分析时，发现以下可能属于{TENDERING_REGULATION}第三十四条、第三十九条、第四十条所列串通投标或者不得参加"
        "同一标段投标的情形："
    )]
    paras.extend(_items(d.findings))
    if d.bidders:
        paras.append(Paragraph("该标段的投标人及投标报价如下："))
        paras.extend(_items(d.bidders))
    if d.score_text:
        paras.append(Paragraph(f"数据分析结果：{_sentence(d.score_text)}"))
    paras.append(Paragraph(f"研判意见：{_sentence(d.reason)}"))
    paras.append(Paragraph(
        # 第四条: 发展改革部门指导协调、有关行政监督部门依职责查处; 第六十七条: 串通投标的法律责任.
        f"上述情形系数据监测发现的线索，有待查证。根据{TENDERING_REGULATION}第四条、第六十七条的规定，现将线索及相关"
        "数据移送你单位依法调查处理，并请将处理结果反馈本中心。"
    ))
    paras.append(Paragraph("特此函告。"))
    return paras


def _compliance(d: ComplianceReportData, agency: Agency) -> list[Paragraph]:
    who = d.subject + (f"（统一社会信用代码：{d.uscc}）" if d.uscc else "")
    period = f"{d.period}期间" if d.period else "报告期内"
    paras = [Paragraph(
        f"{_opening(d)}，本机关会同有关部门对{who}{period}的合法合规情况进行了核查。"
        f"根据《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》（国发〔2024〕3号），"
        f"现将{cn_number(len(d.findings))}个部门的核查结果汇总如下："
    )]
    paras.extend(_items(
        f"{f.department}（{f.item}{'，' + f.case_ref if f.case_ref else ''}）：{_sentence(f.result)}" for f in d.findings))
    paras.append(Paragraph("以上核查结果依据各部门截至核查日的记录作出，仅供申请人申请首次公开发行股票并上市使用。"))
    paras.append(Paragraph("特此报告。"))
    return paras


_COMPOSERS = {
    DocumentKind.ACCEPTANCE: _acceptance,
    DocumentKind.SUPPLEMENT: _supplement,
    DocumentKind.INTAKE_REFUSAL: _intake_refusal,
    DocumentKind.GRANT: _grant,
    DocumentKind.DENIAL: _denial,
    DocumentKind.SPECIAL_PROCEDURE: _special,
    DocumentKind.EXTENSION: _extension,
    DocumentKind.TRADING_REFERRAL: _referral,
    DocumentKind.COMPLIANCE_REPORT: _compliance,
}


def summary(resolved: Resolved) -> str:
    """One line for the verification page: what the document decides (no personal data)."""
    d = resolved.data
    kind = resolved.kind
    if kind == DocumentKind.ACCEPTANCE:
        if d.decision_due is None:
            return f"受理{d.item_name}申请，决定日期{SUMMARY_PENDING}"
        return f"受理{d.item_name}申请，承诺于{cn_date(d.decision_due)}前作出决定"
    if kind == DocumentKind.SUPPLEMENT:
        return f"一次告知{d.item_name}申请需补正的 {len(d.missing_items)} 项材料"
    if kind == DocumentKind.INTAKE_REFUSAL:
        return f"不予受理{d.item_name}申请"
    if kind == DocumentKind.GRANT:
        return f"准予{d.item_name}"
    if kind == DocumentKind.DENIAL:
        return f"不予{d.item_name}"
    if kind == DocumentKind.COMPLIANCE_REPORT:
        return f"汇总 {len(d.findings)} 个部门对企业合法合规信息的核查结果"
    if kind == DocumentKind.SPECIAL_PROCEDURE:
        end = f"预计于{cn_date(d.expected_end)}前完成" if d.expected_end else f"完成日期{SUMMARY_PENDING}"
        return f"{d.item_name}申请进行{d.procedure}，{end}"
    if kind == DocumentKind.TRADING_REFERRAL:
        return f"移送{d.item_name}串通投标线索"
    if d.new_due is None:
        return f"{d.item_name}申请的决定期限延长，新的日期{SUMMARY_PENDING}"
    return f"{d.item_name}申请的决定期限延长至{cn_date(d.new_due)}"


SUMMARY_PENDING = "待节假日安排公布后确定"
