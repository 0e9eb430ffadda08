from datetime import date

import pytest

from tongban.audit.models import AuditEntry
from tongban.clock import CalendarNotLoaded, WorkCalendar
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.holidays.models import CalendarDay, HolidaySchedule
from tongban.holidays.services import schedule_import

from .samples import DAYS, TITLE, csv_text, json_text

HEADER_LINES = 6  # the CSV sample's data rows start on line 7


def _snapshot():
    return (
        HolidaySchedule.objects.count(),
        CalendarDay.objects.count(),
        AuditEntry.objects.filter(action="calendar.import").count(),
    )


@pytest.fixture
def admin(org_world):
    return org_world.admin.user


def test_csv_import_loads_the_year_and_the_clock_uses_it(admin):
    with pytest.raises(CalendarNotLoaded):
        WorkCalendar.default().add_workdays(date(2026, 12, 20), 20)
    schedule = schedule_import(actor=admin, data=csv_text().encode(), filename="2027.csv")
    assert (schedule.year, schedule.notice_title, schedule.source) == (2027, TITLE, "import")
    assert schedule.loaded_by == admin and schedule.published_on == date(2026, 11, 5)
    assert schedule.days.filter(kind="holiday").count() == 23
    assert schedule.days.filter(kind="makeup_workday").count() == 4
    cal = WorkCalendar.default()
    assert not cal.is_workday(date(2027, 2, 8))  # 春节 in the sample
    assert cal.is_workday(date(2027, 1, 31))  # Sunday 调休上班 in the sample
    # 2026-12-20 (Sun) + 20: Dec 21–31 gives 9, Jan 1 (元旦, Fri) skipped, Jan 4–15 gives 10, Jan 18 the 20th.
    assert cal.add_workdays(date(2026, 12, 20), 20) == date(2027, 1, 18)
    entry = AuditEntry.objects.get(action="calendar.import")
    assert entry.target_id == str(schedule.pk) and entry.actor_id == admin.pk
    assert entry.summary == "导入 2027 年节假日安排：放假 23 天，调休上班 4 天"
    assert entry.data["replaced"] is None and len(entry.data["sha256"]) == 64


def test_json_import(admin):
    schedule = schedule_import(actor=admin, data=json_text(), filename="2027.json")
    assert schedule.days.count() == 27


def test_gb18030_csv_from_excel_is_read(admin):
    schedule = schedule_import(actor=admin, data=csv_text().encode("gb18030"), filename="2027.csv")
    assert schedule.notice_title == TITLE


def test_chinese_column_names_and_kinds_are_accepted(admin):
    text = csv_text().replace("date,kind,name", "日期,类型,名称").replace(",holiday,", ",放假,")
    text = text.replace(",makeup_workday,", ",调休上班,")
    assert schedule_import(actor=admin, data=text, filename="x.csv").days.count() == 27


def _errors(admin, data, filename="2027.csv"):
    before = _snapshot()
    with pytest.raises(ValidationFailed) as exc:
        schedule_import(actor=admin, data=data, filename=filename)
    assert _snapshot() == before  # a failed import changes nothing
    assert "未做任何修改" in exc.value.detail
    return exc.value.errors


def test_each_bad_row_is_named_by_its_line(admin):
    rows = list(DAYS)
    rows[0] = ("2026-12-31", "holiday", "元旦")  # outside the year
    rows[4] = ("2027-02-05", "holiday", "春节")  # duplicates rows[3]
    rows[6] = ("2027-02-08", "makeup_workday", "春节")  # a Monday
    rows[7] = ("2027-02-09", "rest", "春节")  # unknown kind
    rows[8] = ("2027-02-30", "holiday", "春节")  # no such date
    rows.append(("2027-01-03", "makeup_workday", "元旦"))  # a Sunday already listed as 放假 in rows[2]
    errors = _errors(admin, csv_text(rows))
    line = lambda i: f"第 {HEADER_LINES + 1 + i} 行"  # noqa: E731
    assert set(errors) == {line(0), line(4), line(6), line(7), line(8), line(len(rows) - 1), "文件"}
    assert errors[line(0)] == ["日期 2026-12-31 不在 2027 年内。"]
    assert errors[line(4)] == [f"日期 2027-02-05 与{line(3)}重复。"]
    assert errors[line(6)] == ["2027-02-08 是星期一，调休上班日必须是周六或周日。"]
    assert errors[line(7)] == ["类型“rest”不认识，应为 holiday（放假）或 makeup_workday（调休上班）。"]
    assert errors[line(8)] == ["日期“2027-02-30”无法识别，应为 YYYY-MM-DD。"]
    assert errors[line(len(rows) - 1)] == [
        f"日期 2027-01-03 已在{line(2)}列为放假日，同一天不能既放假又调休上班。"
    ]
    # 2027-01-01 was replaced by a 2026 date, so the statutory 元旦 is missing (放假办法 第二条).
    assert any("缺少法定节日 2027-01-01（元旦）" in m for m in errors["文件"])


def test_statutory_fixed_days_cannot_be_working_days(admin):
    rows = [r for r in DAYS if r[0] != "2027-10-02"]
    assert any("缺少法定节日 2027-10-02（国庆节）" in m for m in _errors(admin, csv_text(rows))["文件"])


def test_metadata_is_checked(admin):
    errors = _errors(admin, csv_text(year="27x", title=""))
    assert errors["year"] == ["年份“27x”不是整数。"]
    assert errors["notice_title"][0].startswith("缺少通知标题")
    missing = _errors(admin, "date,kind,name\n2027-01-01,holiday,元旦\n")
    assert missing["year"][0].startswith("缺少年份")


def test_bad_header_and_empty_files(admin):
    assert "表头应为 date,kind,name" in _errors(admin, "# year: 2027\nday,type\n")["第 2 行"][0]
    with pytest.raises(ValidationFailed, match="文件为空"):
        schedule_import(actor=admin, data=b"", filename="x.csv")


def test_json_errors_name_the_item(admin):
    days = list(DAYS)
    days[2] = ("2027-01-03", "holiday", "")
    errors = _errors(admin, json_text(days, notice_titel="typo"), filename="2027.json")
    assert errors["days 第 3 项"] == ["放假日须填写节日名称（如 春节）。"]
    assert errors["文件"] == ["不认识的字段“notice_titel”。"]
    with pytest.raises(ValidationFailed, match="JSON 格式错误（第 1 行"):
        schedule_import(actor=admin, data="{not json", filename="x.json")


def test_a_loaded_year_needs_replace(admin):
    seeded = HolidaySchedule.objects.get(year=2026)
    text = csv_text(
        [
            ("2026-01-01", "holiday", "元旦"),
            ("2026-05-01", "holiday", "劳动节"),
            ("2026-05-02", "holiday", "劳动节"),
        ]
        + [(f"2026-10-0{i}", "holiday", "国庆节") for i in (1, 2, 3)],
        year="2026",
        title="国务院办公厅关于2026年部分节假日安排的通知",
    )
    before = _snapshot()
    with pytest.raises(Conflict, match="2026 年的节假日安排已导入"):
        schedule_import(actor=admin, data=text, filename="2026.csv")
    assert _snapshot() == before
    replaced = schedule_import(actor=admin, data=text, filename="2026.csv", replace=True)
    assert replaced.pk == seeded.pk and replaced.days.count() == 6 and replaced.source == "import"
    assert not WorkCalendar.default().is_workday(date(2026, 1, 1))
    assert WorkCalendar.default().is_workday(date(2026, 2, 16))  # no longer 春节 in this replacement
    entry = AuditEntry.objects.filter(action="calendar.import").latest("seq")
    assert entry.summary.endswith("（替换原有安排）")
    assert entry.data["replaced"] == {
        "notice_title": "国务院办公厅关于2026年部分节假日安排的通知",
        "source": "chinesecalendar",
        "holidays": 33,
        "makeup_workdays": 6,
    }


def test_only_a_system_admin_may_import(org_world):
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        schedule_import(actor=org_world.clerk.user, data=csv_text(), filename="2027.csv")
    assert _snapshot() == before


def test_the_command_line_imports_as_system(db):
    schedule = schedule_import(actor=None, data=csv_text(), filename="2027.csv")
    assert schedule.loaded_by is None
    assert AuditEntry.objects.get(action="calendar.import").actor_label == "系统"
