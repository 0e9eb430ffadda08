"""Calendar-day periods (复议 60 日, 诉讼 6 个月, 1 年 …): not working days, but rolled past rest days.

- The event day is not counted; counting starts the next day (民法典 第二百零一条).
- A period in months or years ends on the corresponding day of the final month, or on the last day of that
  month when it has no such day (民法典 第二百零二条).
- When the last day is a 法定休假日, the period ends on the day after the holiday ends (民法典 第二百零三条;
  民事诉讼法 第八十五条: 法定休假日后的第一日).
- Interpretation (unconfirmed in statute, common court practice): 法定休假日 includes the weekly rest days, so by
  default the end moves to the next working day of the calendar. `include_weekends=False` moves it only past
  days listed as 放假 in the year's schedule.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date, timedelta

from tongban.clock.calendar import WorkCalendar


def add_months(day: date, months: int) -> date:
    """The corresponding day `months` later, or the month's last day when there is none (民法典 第二百零二条)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def calendar_period_end(
    start: date,
    *,
    days: int | None = None,
    months: int | None = None,
    calendar: WorkCalendar | None = None,
    include_weekends: bool = True,
) -> date:
    """The last day of a period of `days` calendar days or `months` months after the event on `start`.

    Give exactly one of `days` / `months` (a year is 12 months). The end is rolled forward over a statutory
    rest day (民法典 第二百零三条); that needs the calendar of the end's year, so CalendarNotLoaded may be raised.
    """
    if (days is None) == (months is None):
        raise ValueError("请只给出天数或月数中的一项。")
    if days is not None:
        if days < 1:
            raise ValueError("期间天数应为正整数。")
        # 民法典 第二百零一条: the start day is excluded, so a period of N days ends N days after it.
        end = start + timedelta(days=days)
    else:
        if months < 1:
            raise ValueError("期间月数应为正整数。")
        end = add_months(start, months)
    cal = calendar or WorkCalendar.default()
    # 民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日.
    if include_weekends:
        return cal.next_workday(end)
    while cal.is_holiday(end):
        end += timedelta(days=1)
    return end
