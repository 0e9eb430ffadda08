from datetime import date

import pytest

from tongban.clock import CalendarNotLoaded, add_months, calendar_period_end

D = date


def test_days_exclude_the_start_day(cal):
    # 行政复议法 第二十条: 60 days; 2025-03-03 + 60 = 2025-05-02, inside 劳动节 → rolls to 05-06.
    assert calendar_period_end(D(2025, 3, 3), days=60, calendar=cal) == D(2025, 5, 6)
    assert calendar_period_end(D(2025, 3, 10), days=60, calendar=cal) == D(2025, 5, 9)


def test_end_on_a_holiday_rolls_to_the_day_after_it_ends(cal):
    # 2025-08-03 + 60 days = 2025-10-02, 国庆 (10-01 to 10-08): the period ends 10-09.
    assert calendar_period_end(D(2025, 8, 3), days=60, calendar=cal) == D(2025, 10, 9)
    assert calendar_period_end(D(2025, 8, 3), days=60, calendar=cal, include_weekends=False) == D(2025, 10, 9)


def test_weekends_roll_only_when_asked(cal):
    # 2026-01-05 + 60 = 2026-03-06 (Fri) stays; + 61 = Saturday 03-07.
    assert calendar_period_end(D(2026, 1, 5), days=60, calendar=cal) == D(2026, 3, 6)
    assert calendar_period_end(D(2026, 1, 5), days=61, calendar=cal) == D(2026, 3, 9)
    assert calendar_period_end(D(2026, 1, 5), days=61, calendar=cal, include_weekends=False) == D(2026, 3, 7)


def test_months_end_on_the_corresponding_day_or_the_month_end(cal):
    # 行政诉讼法 第四十六条: 6 months. 民法典 第二百零二条.
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2025, 11, 15), 2) == D(2026, 1, 15)
    # 2026-02-28 is a Saturday but a 调休上班 day: a working day, so no roll-over.
    assert calendar_period_end(D(2025, 8, 31), months=6, calendar=cal) == D(2026, 2, 28)
    # 2025-04-01 + 6 months = 2025-10-01, 国庆: ends 2025-10-09.
    assert calendar_period_end(D(2025, 4, 1), months=6, calendar=cal) == D(2025, 10, 9)


def test_period_into_an_unloaded_year_is_refused(cal):
    with pytest.raises(CalendarNotLoaded, match="2027"):
        calendar_period_end(D(2026, 11, 1), days=61, calendar=cal)  # 2027-01-01


def test_exactly_one_unit():
    with pytest.raises(ValueError):
        calendar_period_end(D(2026, 1, 5))
    with pytest.raises(ValueError):
        calendar_period_end(D(2026, 1, 5), days=1, months=1)
