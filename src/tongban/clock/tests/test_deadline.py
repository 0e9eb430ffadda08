from datetime import date

import pytest

from tongban.clock import CalendarNotLoaded, Deadline, DeadlineStatus, Extension, Suspension, SuspensionReason

D = date
EXAMPLE = "受理日 2026-02-10；法定 20 个工作日；春节 2026-02-15 至 02-23 不计；专家评审 3 月 2 日至 3 月 6 日中止计时；截止 2026-03-23"


def expert_review(cal, **kw):
    return Deadline(
        D(2026, 2, 10),
        20,
        suspensions=(Suspension("专家评审", D(2026, 3, 2), D(2026, 3, 6)),),
        calendar=cal,
        **kw,
    )


def test_the_worked_example(cal):
    state = expert_review(cal).evaluate(D(2026, 3, 10))
    assert state.due == D(2026, 3, 23)
    assert state.explanation == EXAMPLE
    assert state.suspended_workdays == 5
    assert state.total_workdays == 20


def test_without_the_suspension_it_is_the_legal_rules_vector(cal):
    state = Deadline(D(2026, 2, 10), 20, calendar=cal).evaluate(D(2026, 2, 11))
    assert state.due == D(2026, 3, 16)
    assert (
        state.explanation
        == "受理日 2026-02-10；法定 20 个工作日；春节 2026-02-15 至 02-23 不计；截止 2026-03-16"
    )


def test_labels_are_parameters(cal):
    d = Deadline(D(2025, 4, 25), 5, start_label="收到申请日", budget_label="承诺", calendar=cal)
    assert d.evaluate(D(2025, 4, 28)).explanation == (
        "收到申请日 2025-04-25；承诺 5 个工作日；劳动节 2025-05-01 至 05-05 不计；截止 2025-05-06"
    )


@pytest.mark.parametrize(
    ("today", "left", "status"),
    [
        (D(2026, 2, 11), 19, DeadlineStatus.NORMAL),  # 2-11 itself has passed
        (D(2026, 2, 28), 11, DeadlineStatus.NORMAL),  # 9 counted: 2-11..13, 2-14 (调休), 2-24..28
        (D(2026, 3, 2), 11, DeadlineStatus.SUSPENDED),  # first day of 专家评审
        (D(2026, 3, 6), 11, DeadlineStatus.SUSPENDED),  # last day of 专家评审: nothing used up
        (D(2026, 3, 9), 10, DeadlineStatus.NORMAL),
        (D(2026, 3, 17), 4, DeadlineStatus.NORMAL),
        (D(2026, 3, 18), 3, DeadlineStatus.DUE_SOON),  # TONGBAN_DUE_SOON_WORKDAYS = 3
        (D(2026, 3, 23), 0, DeadlineStatus.DUE_SOON),  # the last day
        (D(2026, 3, 24), -1, DeadlineStatus.OVERDUE),
        (D(2026, 3, 27), -4, DeadlineStatus.OVERDUE),
        (D(2026, 3, 28), -4, DeadlineStatus.OVERDUE),  # Saturday: still the 4th working day over
    ],
)
def test_status_and_working_days_left(cal, today, left, status):
    state = expert_review(cal).evaluate(today)
    assert (state.workdays_left, state.status) == (left, status)
    assert state.due == D(2026, 3, 23)


def test_first_rest_day_after_the_due_date_is_already_overdue(cal):
    # Due Friday 2026-03-20; on Saturday no working day has passed, but the period has.
    state = Deadline(D(2026, 3, 6), 10, calendar=cal).evaluate(D(2026, 3, 21))
    assert state.due == D(2026, 3, 20)
    assert (state.workdays_left, state.status) == (-1, DeadlineStatus.OVERDUE)


def test_due_soon_threshold_is_configurable(cal):
    d = expert_review(cal)
    assert d.evaluate(D(2026, 3, 17), due_soon_workdays=5).status == DeadlineStatus.DUE_SOON
    assert d.evaluate(D(2026, 3, 18), due_soon_workdays=0).status == DeadlineStatus.NORMAL


def test_an_open_suspension_counts_through_today(cal):
    d = Deadline(
        D(2026, 2, 10), 20, suspensions=(Suspension(SuspensionReason.TESTING, D(2026, 3, 2)),), calendar=cal
    )
    monday = d.evaluate(D(2026, 3, 2))
    assert monday.due == D(2026, 3, 17) and monday.status == DeadlineStatus.SUSPENDED
    friday = d.evaluate(D(2026, 3, 6))
    assert friday.due == D(2026, 3, 23) and friday.workdays_left == monday.workdays_left == 11
    assert "检测 3 月 2 日起中止计时，尚未恢复" in friday.explanation


def test_an_extension_adds_its_working_days_and_is_explained(cal):
    d = Deadline(D(2025, 1, 20), 20, extensions=(Extension("张局长", "需现场核查", 10),), calendar=cal)
    state = d.evaluate(D(2025, 1, 21))
    assert state.due == cal.add_workdays(D(2025, 2, 21), 10) == D(2025, 3, 7)
    assert state.total_workdays == 30
    assert state.explanation == (
        "受理日 2025-01-20；法定 20 个工作日；春节 2025-01-28 至 02-04 不计；经张局长批准延长 10 个工作日（需现场核查）；截止 2025-03-07"
    )


def test_overlapping_and_early_suspensions(cal):
    start = D(2026, 3, 9)
    plain = Deadline(start, 10, calendar=cal).due(start)
    assert plain == D(2026, 3, 23)
    # A suspension ending before the start changes nothing; two overlapping ones do not count a day twice.
    d = Deadline(
        start,
        10,
        suspensions=(
            Suspension("听证", D(2026, 3, 1), D(2026, 3, 5)),
            Suspension("鉴定", D(2026, 3, 10), D(2026, 3, 12)),
            Suspension("检疫", D(2026, 3, 11), D(2026, 3, 13)),
        ),
        calendar=cal,
    )
    state = d.evaluate(D(2026, 3, 16))
    assert state.suspended_workdays == 4
    assert state.due == cal.add_workdays(plain, 4) == D(2026, 3, 27)
    assert "听证" not in state.explanation
    assert "鉴定 3 月 10 日至 3 月 12 日中止计时；检疫 3 月 11 日至 3 月 13 日中止计时" in state.explanation


def test_a_suspension_after_the_due_date_does_not_rescue_it(cal):
    d = Deadline(D(2026, 3, 9), 10, suspensions=(Suspension("专家评审", D(2026, 3, 25)),), calendar=cal)
    state = d.evaluate(D(2026, 3, 26))
    assert state.due == D(2026, 3, 23) and state.status == DeadlineStatus.OVERDUE


def test_the_due_date_itself_is_refused_beyond_the_loaded_calendar(cal):
    with pytest.raises(CalendarNotLoaded, match="2027"):
        Deadline(D(2026, 12, 10), 20, calendar=cal).due(D(2026, 12, 11))


def test_a_deadline_running_into_an_unloaded_year_is_flagged_with_a_lower_bound(cal):
    # chinesecalendar ends with 2026. Dec 2026 after Mon 12-07: 8–11, 14–18, 21–25, 28–31 = 18 working days.
    state = Deadline(D(2026, 12, 7), 20, calendar=cal).evaluate(D(2026, 12, 7))
    assert state.due is None and state.pending_year == 2027
    assert (state.workdays_left, state.status) == (18, DeadlineStatus.NORMAL)
    assert state.explanation == (
        "受理日 2026-12-07；法定 20 个工作日；"
        "截止日期在 2027 年，待国务院办公厅 2027 年节假日安排导入后确定（本年内尚余 18 个工作日）"
    )
    assert state.total_workdays == 20


def test_a_pending_deadline_is_due_soon_by_its_lower_bound_and_never_overdue(cal):
    d = Deadline(D(2026, 12, 7), 20, calendar=cal)
    assert (d.evaluate(D(2026, 12, 28)).workdays_left, d.evaluate(D(2026, 12, 28)).status) == (
        3, DeadlineStatus.DUE_SOON)
    last = d.evaluate(D(2026, 12, 31))
    assert (last.due, last.workdays_left, last.status) == (None, 0, DeadlineStatus.DUE_SOON)
    assert d.evaluate(D(2026, 12, 28), due_soon_workdays=2).status == DeadlineStatus.NORMAL


def test_a_pending_deadline_during_a_suspension_is_suspended_and_explains_it(cal):
    d = Deadline(D(2026, 11, 9), 20, suspensions=(Suspension("检测", D(2026, 11, 16)),), calendar=cal)
    state = d.evaluate(D(2026, 12, 16))
    assert state.due is None and state.pending_year == 2027 and state.status == DeadlineStatus.SUSPENDED
    assert state.workdays_left == 11  # 12-17, 12-18, 21–25, 28–31: an open suspension covers only through today
    assert "检测 11 月 16 日起中止计时，尚未恢复" in state.explanation
    # A suspension planned to end in 2027 is left out of the lower bound: 17 working days after 12-08, 9 suspended.
    planned = Deadline(D(2026, 12, 7), 20, suspensions=(Suspension("鉴定", D(2026, 12, 21), D(2027, 1, 8)),),
                       calendar=cal)
    state = planned.evaluate(D(2026, 12, 8))
    assert (state.due, state.workdays_left, state.status) == (None, 8, DeadlineStatus.NORMAL)
    assert "鉴定 12 月 21 日至 2027 年 1 月 8 日中止计时" in state.explanation


def test_a_suspension_planned_in_an_unloaded_year_does_not_hide_a_due_date_before_it(cal):
    d = Deadline(D(2026, 12, 1), 5, suspensions=(Suspension("听证", D(2027, 1, 11), D(2027, 1, 15)),), calendar=cal)
    state = d.evaluate(D(2026, 12, 2))
    assert (state.due, state.pending_year, state.workdays_left) == (D(2026, 12, 8), None, 4)


def test_today_in_an_unloaded_year_is_still_refused(cal):
    with pytest.raises(CalendarNotLoaded, match="2027"):
        Deadline(D(2026, 12, 20), 20, calendar=cal).evaluate(D(2027, 1, 4))
    with pytest.raises(CalendarNotLoaded, match="2027"):
        Deadline(D(2026, 12, 1), 5, calendar=cal).evaluate(D(2027, 1, 4))


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="不在法定范围内"):
        Suspension("领导出差", D(2026, 3, 2))
    with pytest.raises(ValueError, match="早于开始日"):
        Suspension("听证", D(2026, 3, 2), D(2026, 3, 1))
    with pytest.raises(ValueError, match="正整数"):
        Extension("局长", "x", 0)
    with pytest.raises(ValueError, match="非负整数"):
        Deadline(D(2026, 3, 2), -1)


def test_the_closed_list_of_reasons():
    # 行政许可法 第四十五条 plus 补正 and third-party consultation.
    assert [r.value for r in SuspensionReason] == [
        "听证",
        "招标",
        "拍卖",
        "检验",
        "检测",
        "检疫",
        "鉴定",
        "专家评审",
        "补正",
        "征求第三方意见",
    ]
