"""WorkCalendar.default() inside Django: built from the database, never stale across processes."""

import os
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings
from django.db import connection

from tongban.clock import CalendarNotLoaded, WorkCalendar
from tongban.holidays.models import CalendarDay, HolidaySchedule
from tongban.holidays.selectors import calendar_from_database, missing_years, one_calendar

from .samples import csv_text


def test_the_migration_seeds_every_year_chinesecalendar_knows(db):
    assert list(HolidaySchedule.objects.values_list("year", flat=True)) == list(range(2004, 2027))
    s2025 = HolidaySchedule.objects.get(year=2025)
    assert s2025.notice_title == "国务院办公厅关于2025年部分节假日安排的通知"
    assert s2025.published_on == date(2024, 11, 12) and "cctv" in s2025.notice_url
    assert s2025.notice_number == ""  # unconfirmed
    s2026 = HolidaySchedule.objects.get(year=2026)
    assert s2026.published_on == date(2025, 11, 4) and s2026.notice_url.startswith("https://politics.gmw.cn/")
    assert s2026.days.filter(kind="holiday").count() == 33
    assert CalendarDay.objects.get(date=date(2026, 2, 14)).get_kind_display() == "调休上班"


def test_default_is_built_from_the_database(db):
    cal = WorkCalendar.default()
    assert cal is not WorkCalendar.from_chinesecalendar()
    assert cal.years == list(range(2004, 2027))
    assert cal.add_workdays(date(2025, 1, 20), 20) == date(2025, 2, 21)
    assert cal.workdays_between(date(2025, 12, 31), date(2026, 12, 31)) == 248


def test_default_costs_one_query_once_built(db, django_assert_num_queries):
    first = WorkCalendar.default()
    with django_assert_num_queries(1):
        assert WorkCalendar.default() is first


def test_a_change_written_elsewhere_is_seen_on_the_next_call(db):
    before = WorkCalendar.default()
    assert before.is_workday(date(2026, 3, 2))
    # Written with raw SQL, bypassing everything in this process, as another process's write would be.
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO holidays_calendarday (schedule_id, date, kind, name, updated_at) VALUES (%s, %s, %s, %s, %s)",
            [
                HolidaySchedule.objects.get(year=2026).pk,
                date(2026, 3, 2),
                "holiday",
                "测试",
                "2030-01-01 00:00:00",
            ],
        )
    after = WorkCalendar.default()
    assert after is not before and not after.is_workday(date(2026, 3, 2))
    with connection.cursor() as cur:
        cur.execute("DELETE FROM holidays_calendarday WHERE date = %s", [date(2026, 3, 2)])
        cur.execute(
            "DELETE FROM holidays_calendarday WHERE schedule_id IN (SELECT id FROM holidays_holidayschedule WHERE year = 2026)"
        )
        cur.execute("DELETE FROM holidays_holidayschedule WHERE year = 2026")
    with pytest.raises(CalendarNotLoaded, match="2026"):
        WorkCalendar.default().is_workday(date(2026, 3, 2))


def test_the_makeup_days_setting_applies(db, settings):
    assert WorkCalendar.default().is_workday(date(2026, 2, 14))
    settings.TONGBAN_MAKEUP_DAYS_COUNT = False
    assert not WorkCalendar.default().is_workday(date(2026, 2, 14))
    assert WorkCalendar.default().add_workdays(date(2026, 2, 10), 20) == date(2026, 3, 18)


def test_missing_years_is_the_health_check(db):
    assert missing_years(date(2026, 12, 1)) == [2027]
    assert missing_years(date(2026, 6, 1)) == [2027]
    assert missing_years(date(2025, 6, 1)) == []
    assert missing_years(date(2028, 1, 2)) == [2028, 2029]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database another process can open")
@pytest.mark.django_db(transaction=True)
def test_an_import_in_another_process_is_seen_here(tmp_path):
    cal = calendar_from_database()
    with pytest.raises(CalendarNotLoaded):
        cal.is_workday(date(2027, 3, 1))
    sample = tmp_path / "2027.csv"
    sample.write_text(csv_text(), encoding="utf-8")
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run(
        [sys.executable, "-m", "tongban.manage", "calendar", "import", str(sample)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert WorkCalendar.default().is_workday(date(2027, 1, 31))  # the sample's Sunday 调休上班


def test_one_calendar_per_request_asks_the_database_once(db, client, django_assert_num_queries):
    WorkCalendar.default()
    with one_calendar():
        with django_assert_num_queries(1):
            first = WorkCalendar.default()
            assert all(WorkCalendar.default() is first for _ in range(50))
    # The middleware pins it for every request; outside a block each call checks the stamp again.
    assert "tongban.holidays.middleware.OneCalendarPerRequest" in settings.MIDDLEWARE
    with django_assert_num_queries(2):
        WorkCalendar.default()
        WorkCalendar.default()


def test_an_import_inside_the_block_is_seen_by_the_rest_of_the_block(org_world):
    from tongban.holidays.services import schedule_import

    admin = org_world.admin.user
    with one_calendar():
        with pytest.raises(CalendarNotLoaded):
            WorkCalendar.default().is_workday(date(2027, 2, 8))
        schedule_import(actor=admin, data=csv_text().encode(), filename="2027.csv")
        assert not WorkCalendar.default().is_workday(date(2027, 2, 8))  # 春节 in the sample
