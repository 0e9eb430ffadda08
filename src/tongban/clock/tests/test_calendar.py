from datetime import date, timedelta

import pytest

from tongban.clock import CalendarNotLoaded, ClockError, WorkCalendar, YearSchedule, chinesecalendar_schedules

D = date


# legal-rules.md §0.4: start day excluded, make-up days count.
@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (D(2025, 1, 20), 20, D(2025, 2, 21)),
        (D(2025, 4, 25), 5, D(2025, 5, 6)),
        (D(2026, 2, 10), 20, D(2026, 3, 16)),
        (D(2026, 9, 18), 10, D(2026, 10, 9)),
    ],
)
def test_legal_rules_vectors(cal, start, n, due):
    assert cal.add_workdays(start, n) == due
    assert cal.workdays_between(start, due) == n


@pytest.mark.parametrize("year", [2025, 2026])
def test_248_working_days_a_year(cal, year):
    assert cal.workdays_between(D(year - 1, 12, 31), D(year, 12, 31)) == 248
    assert sum(cal.is_workday(D(year, 1, 1) + timedelta(i)) for i in range(365)) == 248


# legal-rules.md §0.2 and §0.3, transcribed from the notices' tables.
NOTICE_TABLES = {
    2025: (
        [
            ("01-01", "01-01"),
            ("01-28", "02-04"),
            ("04-04", "04-06"),
            ("05-01", "05-05"),
            ("05-31", "06-02"),
            ("10-01", "10-08"),
        ],
        ["01-26", "02-08", "04-27", "09-28", "10-11"],
    ),
    2026: (
        [
            ("01-01", "01-03"),
            ("02-15", "02-23"),
            ("04-04", "04-06"),
            ("05-01", "05-05"),
            ("06-19", "06-21"),
            ("09-25", "09-27"),
            ("10-01", "10-07"),
        ],
        ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"],
    ),
}


@pytest.mark.parametrize("year", [2025, 2026])
def test_chinesecalendar_data_matches_the_notices(year):
    ranges, makeups = NOTICE_TABLES[year]
    expected = set()
    for a, b in ranges:
        d, end = D.fromisoformat(f"{year}-{a}"), D.fromisoformat(f"{year}-{b}")
        while d <= end:
            expected.add(d)
            d += timedelta(1)
    schedule = next(s for s in chinesecalendar_schedules() if s.year == year)
    assert set(schedule.holidays) == expected
    assert set(schedule.makeup_workdays) == {D.fromisoformat(f"{year}-{m}") for m in makeups}
    assert schedule.notice_title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    assert schedule.notice_number == ""  # unconfirmed: left blank rather than guessed


def test_schedules_cover_every_year_chinesecalendar_supports():
    assert [s.year for s in chinesecalendar_schedules()] == list(range(2004, 2027))


def test_is_workday_follows_the_schedule(cal):
    assert cal.is_workday(D(2026, 2, 14))  # Saturday, 调休上班
    assert not cal.is_workday(D(2026, 2, 16))  # Monday, 春节
    assert not cal.is_workday(D(2026, 3, 7))  # ordinary Saturday
    assert cal.is_workday(D(2026, 3, 9))
    assert cal.is_holiday(D(2026, 2, 15)) and not cal.is_holiday(D(2026, 3, 7))
    assert cal.holiday_name(D(2026, 2, 16)) == "春节"


def test_zero_and_negative_n(cal):
    assert cal.add_workdays(D(2026, 2, 14), 0) == D(2026, 2, 14)
    assert cal.add_workdays(D(2026, 3, 7), 0) == D(2026, 3, 7)
    # Backwards: the n-th working day before, the day itself not counted.
    assert cal.add_workdays(D(2026, 2, 24), -1) == D(2026, 2, 14)
    assert cal.add_workdays(D(2026, 2, 24), -2) == D(2026, 2, 13)
    assert cal.add_workdays(D(2026, 3, 9), -1) == D(2026, 3, 6)


def test_between_is_zero_for_the_same_day_and_antisymmetric(cal):
    assert cal.workdays_between(D(2026, 3, 9), D(2026, 3, 9)) == 0
    assert cal.workdays_between(D(2025, 2, 21), D(2025, 1, 20)) == -20
    # A weekend start: the first working day after it counts as 1.
    assert cal.workdays_between(D(2026, 3, 7), D(2026, 3, 9)) == 1


def test_makeup_days_switch():
    off = WorkCalendar.from_chinesecalendar(makeup_days_count=False)
    assert not off.is_workday(D(2026, 2, 14))
    # 2026-02-14 and 2026-02-28 no longer count, so the same 20 working days end two working days later.
    assert off.add_workdays(D(2026, 2, 10), 20) == D(2026, 3, 18)
    assert off.workdays_between(D(2025, 12, 31), D(2026, 12, 31)) == 248 - 6


def test_year_beyond_the_data_is_refused_not_guessed(cal):
    with pytest.raises(CalendarNotLoaded) as exc:
        cal.is_workday(D(2027, 1, 4))
    assert exc.value.year == 2027 and "2027 年的节假日安排尚未导入" in str(exc.value)
    assert isinstance(exc.value, ClockError)
    with pytest.raises(CalendarNotLoaded, match="2027"):
        cal.add_workdays(D(2026, 12, 20), 20)  # runs into 2027
    with pytest.raises(CalendarNotLoaded, match="2027"):
        cal.workdays_between(D(2026, 12, 1), D(2027, 1, 10))
    with pytest.raises(CalendarNotLoaded, match="2003"):
        cal.add_workdays(D(2004, 1, 5), -5)
    with pytest.raises(CalendarNotLoaded, match="2003"):
        cal.is_workday(D(2003, 12, 31))


def test_last_loaded_days_still_answer(cal):
    assert cal.add_workdays(D(2026, 12, 1), 20) == D(2026, 12, 29)
    assert cal.workdays_between(D(2026, 12, 30), D(2026, 12, 31)) == 1


def _year(year):
    return next(s for s in chinesecalendar_schedules() if s.year == year)


def test_a_missing_year_between_loaded_ones_is_refused():
    gap = WorkCalendar([_year(2024), _year(2026)])
    assert gap.years == [2024, 2026]
    assert gap.add_workdays(D(2026, 2, 10), 20) == D(2026, 3, 16)
    with pytest.raises(CalendarNotLoaded, match="2025"):
        gap.add_workdays(D(2024, 12, 20), 20)
    with pytest.raises(CalendarNotLoaded, match="2025"):
        gap.workdays_between(D(2024, 12, 20), D(2026, 1, 10))
    with pytest.raises(CalendarNotLoaded, match="2025"):
        gap.is_workday(D(2025, 6, 3))
    wide = WorkCalendar([_year(2004), _year(2010), _year(2011), _year(2026)])
    assert wide.workdays_between(D(2010, 12, 31), D(2011, 1, 10)) == 5
    with pytest.raises(CalendarNotLoaded, match="2005"):
        wide.workdays_between(D(2004, 6, 1), D(2011, 6, 1))
    with pytest.raises(CalendarNotLoaded, match="2012"):
        wide.workdays_between(D(2026, 6, 1), D(2011, 6, 1))
    with pytest.raises(CalendarNotLoaded, match="2012"):
        wide.add_workdays(D(2011, 12, 20), 20)


def test_empty_calendar_refuses_everything():
    empty = WorkCalendar([])
    with pytest.raises(CalendarNotLoaded, match="2026"):
        empty.add_workdays(D(2026, 3, 2), 1)


def test_year_schedule_rejects_bad_data():
    with pytest.raises(ValueError, match="不在该年内"):
        YearSchedule(2027, {D(2026, 12, 31): "元旦"})
    with pytest.raises(ValueError, match="应为周六或周日"):
        YearSchedule(2027, {}, {D(2027, 2, 8): "春节"})  # a Monday
    with pytest.raises(ValueError, match="既是放假日又是调休上班日"):
        YearSchedule(2027, {D(2027, 2, 6): "春节"}, {D(2027, 2, 6): "春节"})
    with pytest.raises(ValueError, match="重复"):
        WorkCalendar([_year(2025), _year(2025)])


def test_holiday_runs_name_the_days_off_in_the_window(cal):
    runs = cal.holiday_runs(D(2025, 9, 1), D(2025, 10, 31))
    assert [(r.name, r.first, r.last) for r in runs] == [("国庆节、中秋", D(2025, 10, 1), D(2025, 10, 8))]
    assert runs[0].label() == "国庆节、中秋 2025-10-01 至 10-08"
    # Clipped to the window (after, through].
    clipped = cal.holiday_runs(D(2026, 2, 20), D(2026, 3, 31))
    assert [r.label() for r in clipped] == ["春节 2026-02-21 至 02-23"]
    assert cal.holiday_runs(D(2026, 3, 1), D(2026, 3, 31)) == []


def test_default_uses_the_registered_provider(monkeypatch, cal):
    import tongban.clock.calendar as module

    sentinel = WorkCalendar([_year(2026)])
    monkeypatch.setattr(module, "_provider", lambda: sentinel)
    assert WorkCalendar.default() is sentinel
    monkeypatch.setattr(module, "_provider", None)
    assert WorkCalendar.default().years == list(range(2004, 2027))
