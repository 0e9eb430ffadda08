"""tongban.clock: the working-day calendar and statutory deadlines. Pure Python: no Django import here.

    from tongban.clock import WorkCalendar, Deadline, Suspension
    cal = WorkCalendar.default()
    cal.add_workdays(date(2025, 1, 20), 20)          # 2025-02-21
    cal.workdays_between(date(2025, 1, 20), date(2025, 2, 21))   # 20

See docs/adr/0002-working-day-calendar.md for the decisions behind it.
"""

from tongban.clock.calendar import HolidayRun, WorkCalendar, YearSchedule, set_default_provider
from tongban.clock.deadline import (
    Deadline,
    DeadlineState,
    DeadlineStatus,
    Extension,
    Suspension,
    SuspensionReason,
)
from tongban.clock.errors import CalendarNotLoaded, ClockError
from tongban.clock.periods import add_months, calendar_period_end
from tongban.clock.sources import chinesecalendar_range, chinesecalendar_schedules

__all__ = [
    "CalendarNotLoaded",
    "ClockError",
    "Deadline",
    "DeadlineState",
    "DeadlineStatus",
    "Extension",
    "HolidayRun",
    "Suspension",
    "SuspensionReason",
    "WorkCalendar",
    "YearSchedule",
    "add_months",
    "calendar_period_end",
    "chinesecalendar_range",
    "chinesecalendar_schedules",
    "set_default_provider",
]
