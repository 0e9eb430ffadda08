"""What each document says, the law's checks on its data, and document numbers (no database)."""

from datetime import date

import pytest

from tongban.clock import WorkCalendar
from tongban.core.errors import ValidationFailed
from tongban.seals.documents.kinds import DocumentKind, SupplementItem, parse_data
from tongban.seals.documents.numbering import agency_code, format_number
from tongban.seals.documents.testing import DAY, sample_data
from tongban.seals.documents.wording import Agency, cn_date, cn_number, compose, resolve, summary

AGENCY = Agency(name="苏州市行政审批局", region_name="苏州市")


@pytest.fixture(scope="module")
def calendar():
    return WorkCalendar.from_chinesecalendar()


def text_of(kind, calendar, **changes) -> str:
    resolved = resolve(DocumentKind(kind), sample_data(kind, **changes), today=DAY, calendar=calendar)
    return "\n".join(p.text for p in compose(resolved, AGENCY))


def test_acceptance_cites_article_32_and_promises_the_decision_date(calendar):
    text = text_of("acceptance", calendar)
    assert "第三十二条第一款第（五）项" in text
    assert "决定予以受理" in text
    # 2026-03-02 (Mon) + 20 working days, the day itself not counted = 2026-03-30 (行政许可法 第四十二条).
    assert "即于2026年3月30日前作出是否准予行政许可的决定" in text
    assert "二十个工作日" in text
    assert "1. 食品经营许可申请书。" in text and "2. 营业执照复印件。" in text
    assert text.endswith("特此通知。")


def test_acceptance_uses_a_promised_shorter_limit(calendar):
    text = text_of("acceptance", calendar, time_limit_workdays=5)
    assert "五个工作日" in text and "2026年3月9日前" in text


def test_supplement_lists_every_missing_item_at_once(calendar):
    text = text_of("supplement", calendar)
    assert "一次告知" in text and "第三十二条第一款第（四）项" in text
    assert "1. 食品安全管理制度文本：须加盖公章。" in text
    assert "2. 经营场所平面布局图：应标明加工操作区域。" in text
    assert "3. 法定代表人身份证复印件。" in text
    assert "请于2026年3月16日前按上述要求一并补正" in text


def test_supplement_needs_at_least_one_item_and_merges_repeats(calendar):
    with pytest.raises(ValidationFailed) as exc:
        resolve(DocumentKind.SUPPLEMENT, sample_data("supplement", missing_items=()), today=DAY, calendar=calendar)
    assert "missing_items" in exc.value.errors
    twice = (SupplementItem(name="营业执照", requirement="须加盖公章"), SupplementItem(name="申请书"),
             SupplementItem(name="营业执照", requirement="须在有效期内"))
    text = text_of("supplement", calendar, missing_items=twice)
    assert "1. 营业执照：须加盖公章；须在有效期内。" in text and "2. 申请书。" in text and "3." not in text


def test_supplement_after_five_working_days_is_refused(calendar):
    # Received Monday 2026-03-02; the fifth working day after it is Monday 03-09, the sixth Tuesday 03-10.
    ok = sample_data("supplement", issued_on=date(2026, 3, 9), supplement_by=None)
    resolve(DocumentKind.SUPPLEMENT, ok, today=DAY, calendar=calendar)
    late = sample_data("supplement", issued_on=date(2026, 3, 10), supplement_by=None)
    with pytest.raises(ValidationFailed) as exc:
        resolve(DocumentKind.SUPPLEMENT, late, today=DAY, calendar=calendar)
    assert "即为受理" in exc.value.detail


def test_intake_refusal_names_the_competent_agency_and_the_remedies(calendar):
    text = text_of("intake_refusal", calendar)
    assert "第三十二条第一款第（二）项" in text
    assert "请你（单位）向江苏省药品监督管理局苏州检查分局提出申请" in text
    assert "六十日内向苏州市人民政府申请行政复议" in text
    assert "六个月内依法向人民法院提起行政诉讼" in text


def test_intake_refusal_for_lack_of_competence_requires_the_competent_agency(calendar):
    with pytest.raises(ValidationFailed) as exc:
        resolve(DocumentKind.INTAKE_REFUSAL, sample_data("intake_refusal", competent_agency=""), today=DAY,
                calendar=calendar)
    assert "competent_agency" in exc.value.errors


def test_grant_states_the_content_the_licence_and_article_44(calendar):
    text = text_of("grant", calendar)
    assert "第三十八条第一款" in text and "决定准予行政许可" in text
    assert "许可内容：经营项目：热食类食品制售、冷食类食品制售。" in text
    assert "食品经营许可证（编号：JY13205080012345），有效期自2026年3月20日至2031年3月19日" in text
    assert "十个工作日内颁发、送达" in text
    assert text.endswith("特此决定。")


def test_denial_gives_reasons_standard_and_the_rights_to_challenge(calendar, settings):
    text = text_of("denial", calendar)
    assert "第三十八条第二款" in text and "决定不予行政许可" in text
    assert "1. 现场核查发现经营场所与污染源的距离不足 25 米。" in text
    assert "2. 未设置专用的冷食类食品加工操作间。" in text
    assert "所依据的技术标准、技术规范为：GB 31654-2021" in text  # 第五十五条第三款
    assert "及《食品经营许可和备案管理办法》第十二条" in text
    assert "自收到本决定书之日起六十日内向苏州市人民政府申请行政复议" in text  # 行政复议法 第二十条
    assert "自收到本决定书之日起六个月内依法向人民法院提起行政诉讼" in text  # 行政诉讼法 第四十六条
    # A named 复议机关 and court, and periods a deployment sets (a law may give longer).
    settings.TONGBAN_RECONSIDERATION_DAYS = 90
    text = text_of("denial", calendar, reconsideration_body="江苏省市场监督管理局", court="苏州市姑苏区人民法院")
    assert "九十日内向江苏省市场监督管理局申请行政复议" in text and "向苏州市姑苏区人民法院提起行政诉讼" in text


def test_denial_without_reasons_is_refused(calendar):
    with pytest.raises(ValidationFailed) as exc:
        resolve(DocumentKind.DENIAL, sample_data("denial", reasons=()), today=DAY, calendar=calendar)
    assert "说明理由" in exc.value.detail


def test_special_procedure_names_it_and_its_expected_duration(calendar):
    text = text_of("special_procedure", calendar)
    assert "第四十五条" in text and "依法需要进行专家评审" in text
    assert "所需时间不计算在本机关作出行政许可决定的期限内" in text
    # Starts on the issue date 2026-03-09 (Mon); ten working days later is 2026-03-23 (Mon).
    assert "预计自2026年3月9日开始，所需时间约十个工作日，预计于2026年3月23日前完成" in text
    assert "由苏州市食品安全专家委员会组织实施" in text


def test_special_procedure_only_from_the_closed_list(calendar):
    with pytest.raises(ValidationFailed) as exc:
        resolve(DocumentKind.SPECIAL_PROCEDURE, sample_data("special_procedure", procedure="征求意见"), today=DAY,
                calendar=calendar)
    assert "第四十五条" in exc.value.detail


def test_extension_gives_reasons_approval_and_the_new_date(calendar):
    text = text_of("extension", calendar)
    assert "第四十二条第一款" in text and "经本机关负责人批准" in text
    assert "因需要对申请人提交的检验报告进行复核" in text
    # 2026-03-30 (Mon) + 10 working days = 2026-04-14 (Tue): 清明 2026-04-04..06 is off (Sat–Mon).
    assert "延长十个工作日，本机关将于2026年4月14日前作出" in text


def test_extension_limits_10_days_alone_15_when_joint(calendar):
    with pytest.raises(ValidationFailed) as exc:
        resolve(DocumentKind.EXTENSION, sample_data("extension", extension_workdays=11), today=DAY, calendar=calendar)
    assert "extension_workdays" in exc.value.errors
    text = text_of("extension", calendar, extension_workdays=15, joint=True)
    assert "第四十二条第二款" in text and "经本级人民政府负责人批准" in text and "十五个工作日" in text


def test_dates_without_a_calendar_are_refused_not_guessed():
    with pytest.raises(ValidationFailed) as exc:
        resolve(DocumentKind.ACCEPTANCE, sample_data("acceptance"), today=DAY, calendar=None)
    assert exc.value.code == "calendar_not_loaded"
    # Given explicitly, no calendar is needed.
    resolve(DocumentKind.ACCEPTANCE, sample_data("acceptance", decision_due=date(2026, 3, 30)), today=DAY, calendar=None)


def test_parse_data_from_a_dict_names_every_wrong_field_in_chinese():
    with pytest.raises(ValidationFailed) as exc:
        parse_data("denial", {"recipient": "张伟", "applied_on": "2026-13-01", "reasons": "不是列表", "colour": 1})
    errors = exc.value.errors
    assert errors["applied_on"] == ["申请日期应为日期，格式 YYYY-MM-DD"]
    assert errors["reasons"] == ["不予许可的理由应为列表"]
    assert errors["item_name"] == ["请填写申请事项"]
    assert errors["accepted_on"] == ["请填写受理日期"]
    assert errors["colour"] == ["不是该文书的字段"]
    parsed = parse_data("supplement", {"recipient": "张伟", "item_name": "x", "applied_on": "2026-03-02",
                                       "missing_items": ["营业执照", {"name": "申请书", "requirement": "签字"}]})
    assert parsed.missing_items == (SupplementItem(name="营业执照"), SupplementItem(name="申请书", requirement="签字"))


def test_unknown_kind_is_refused():
    with pytest.raises(ValidationFailed):
        parse_data("licence", {})


def test_summary_has_no_personal_data(calendar):
    resolved = resolve(DocumentKind.ACCEPTANCE, sample_data("acceptance", recipient="张伟"), today=DAY,
                       calendar=calendar)
    assert summary(resolved) == "受理食品经营许可（新办）申请，承诺于2026年3月30日前作出决定"


def test_chinese_numerals_and_dates():
    assert [cn_number(n) for n in (0, 5, 10, 15, 20, 45, 60, 100, 105, 120, 365)] == [
        "零", "五", "十", "十五", "二十", "四十五", "六十", "一百", "一百零五", "一百二十", "三百六十五"]
    assert cn_date(date(2026, 3, 2)) == "2026年3月2日"  # GB/T 9704-2012 §7.3.5.1: no leading zeros


def test_document_numbers(org_world):
    assert agency_code(org_world.bureau) == "苏审批"
    assert agency_code(org_world.market) == "苏市监"
    assert format_number("苏审批", "acceptance", 2026, 123) == "苏审批受字〔2026〕第 123 号"
    assert format_number("苏审批", "denial", 2026, 7) == "苏审批不许字〔2026〕第 7 号"


def test_agency_code_from_settings(org_world, settings):
    settings.TONGBAN_DOCUMENT_AGENCY_CODES = {"苏州市行政审批局": "苏行审"}
    assert agency_code(org_world.bureau) == "苏行审"


# chinesecalendar ends with 2026: a date that runs into 2027 is flagged in the text, never guessed (ADR 0002 §4).
DEC = date(2026, 12, 7)


def test_an_acceptance_whose_decision_date_runs_into_an_unloaded_year_says_it_is_to_be_fixed(calendar):
    data = sample_data("acceptance", applied_on=DEC, issued_on=DEC)
    resolved = resolve(DocumentKind.ACCEPTANCE, data, today=DEC, calendar=calendar)
    assert resolved.data.decision_due is None
    text = "\n".join(p.text for p in compose(resolved, AGENCY))
    assert ("本机关将自受理之日起二十个工作日内作出是否准予行政许可的决定（具体日期待国务院办公厅公布相应年度节假日安排"
            "后确定，届时另行告知）") in text
    # Accepted in a year that is itself not loaded: still refused.
    day = date(2027, 1, 4)
    with pytest.raises(ValidationFailed) as exc:
        resolve(DocumentKind.ACCEPTANCE, sample_data("acceptance", applied_on=day, issued_on=day), today=day,
                calendar=calendar)
    assert exc.value.code == "calendar_not_loaded"


def test_special_procedure_and_extension_past_the_loaded_calendar_are_worded_as_pending(calendar):
    text = text_of("special_procedure", calendar, applied_on=DEC, accepted_on=DEC, issued_on=date(2026, 12, 21))
    assert "所需时间约十个工作日，预计完成日期待国务院办公厅公布相应年度节假日安排后确定。" in text
    text = text_of("extension", calendar, applied_on=DEC, accepted_on=DEC, issued_on=date(2026, 12, 21),
                   original_due=None)
    assert "原决定期限的具体日期待国务院办公厅公布相应年度节假日安排后确定。" in text
    assert "本机关将在延长后的期限内作出是否准予行政许可的决定（具体日期待" in text
    # The original date known, the extended one in 2027: the new date is pending.
    text = text_of("extension", calendar, applied_on=date(2026, 11, 2), accepted_on=date(2026, 11, 2),
                   issued_on=date(2026, 11, 25), original_due=date(2026, 11, 30), extension_workdays=10)
    assert "原应于2026年11月30日前作出决定" in text and "本机关将于2026年12月14日前" in text
    text = text_of("extension", calendar, applied_on=date(2026, 11, 20), accepted_on=date(2026, 11, 20),
                   issued_on=date(2026, 12, 18), original_due=date(2026, 12, 18), extension_workdays=10)
    assert "原应于2026年12月18日前作出决定" in text and "本机关将在延长后的期限内作出" in text


def test_the_summary_line_of_a_pending_date_says_so(calendar):
    for kind, changes in (("acceptance", {}), ("special_procedure", {"accepted_on": DEC}),
                          ("extension", {"accepted_on": DEC, "original_due": None})):
        data = sample_data(kind, applied_on=DEC, issued_on=date(2026, 12, 21), **changes)
        line = summary(resolve(DocumentKind(kind), data, today=DEC, calendar=calendar))
        assert line.endswith("待节假日安排公布后确定"), line
