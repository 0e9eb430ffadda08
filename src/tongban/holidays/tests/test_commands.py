from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tongban.holidays.models import HolidaySchedule
from tongban.holidays.selectors import missing_years

from .samples import DAYS, csv_text


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_clock_add_and_between_print_exactly_the_answer(db):
    assert run("clock", "add", "2025-01-20", "20") == ("2025-02-21\n", "")
    assert run("clock", "between", "2025-01-20", "2025-02-21") == ("20\n", "")
    assert run("clock", "add", "2026-03-02", "-1")[0] == "2026-02-28\n"  # a Saturday 调休上班 day


def test_clock_refuses_an_unloaded_year_and_bad_dates(db):
    with pytest.raises(CommandError, match="2027 年的节假日安排尚未导入"):
        run("clock", "add", "2026-12-20", "20")
    with pytest.raises(CommandError, match="日期“2025-02-30”无法识别"):
        run("clock", "between", "2025-01-20", "2025-02-30")


def test_clock_reads_the_database(db):
    HolidaySchedule.objects.filter(year=2025).delete()
    with pytest.raises(CommandError, match="2025 年的节假日安排尚未导入"):
        run("clock", "add", "2025-01-20", "20")


def test_calendar_import_and_years(db, tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text(csv_text(), encoding="utf-8")
    out, _ = run("calendar", "import", str(path))
    assert (
        out
        == "已导入 2027 年节假日安排（测试样例：2027年部分节假日安排（非真实通知））：放假 23 天，调休上班 4 天。\n"
    )
    assert run("clock", "add", "2026-12-20", "20")[0] == "2027-01-18\n"
    with pytest.raises(CommandError, match="2027 年的节假日安排已导入"):
        run("calendar", "import", str(path))
    run("calendar", "import", str(path), "--replace")
    out, err = run("calendar", "years")
    lines = out.splitlines()
    assert lines[0].startswith("2004  放假") and lines[-1].startswith(
        "2027  放假 23 天  调休上班 4 天  文件导入"
    )
    assert (
        "2026  放假 33 天  调休上班 6 天  chinesecalendar 数据  国务院办公厅关于2026年部分节假日安排的通知（文号未核实）"
        in lines
    )


def test_calendar_import_names_the_bad_lines(db, tmp_path):
    rows = list(DAYS)
    rows[6] = ("2027-02-08", "makeup_workday", "春节")
    path = tmp_path / "bad.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="未做任何修改"):
        call_command("calendar", "import", str(path), stdout=StringIO(), stderr=err)
    assert "第 13 行：2027-02-08 是星期一，调休上班日必须是周六或周日。" in err.getvalue()
    assert not HolidaySchedule.objects.filter(year=2027).exists()
    with pytest.raises(CommandError, match="无法读取文件"):
        run("calendar", "import", str(tmp_path / "missing.csv"))


def test_calendar_years_warns_when_next_year_is_missing(db):
    missing = missing_years(date.today())
    out, err = run("calendar", "years")
    for year in missing:
        assert f"警告：{year} 年的节假日安排尚未导入" in err
    HolidaySchedule.objects.all().delete()
    out, err = run("calendar", "years")
    assert out == "尚未导入任何年份的节假日安排。\n"
    assert f"警告：{date.today().year + 1} 年的节假日安排尚未导入" in err
    with pytest.raises(CommandError, match="缺少"):
        run("calendar", "years", "--strict")
