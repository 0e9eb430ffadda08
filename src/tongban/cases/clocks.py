"""The statutory clocks of a case, computed on read from the calendar (never from a worker having run).

- Intake: five working days from receipt (or from a completed 补正) to decide on intake
  (行政许可法 第三十二条第一款第（四）项, 第八十二条).
- Decision: the item's promised limit (never above the statutory one) from acceptance, with special
  procedures suspended (第四十五条) and one approved extension added (第四十二条).
- Licence: ten working days from the decision to issue and serve the licence (第四十四条).

A due date past the last loaded year is not refused but flagged (ADR 0002 §4): the states have `due=None`
and `pending_year`, `intake_due` is None, and `Case.due_on` stays NULL until `case_sweep` fills it in after the
year's 节假日安排 is imported. A day that is itself in a year not loaded is still refused (CalendarNotLoaded).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from tongban.clock import CalendarNotLoaded, Deadline, Extension, Suspension, WorkCalendar
from tongban.clock.deadline import DeadlineState

INTAKE_WORKDAYS = 5  # 行政许可法 第三十二条
LICENSE_WORKDAYS = 10  # 行政许可法 第四十四条


def add_workdays(start: date, workdays: int, cal: WorkCalendar | None = None) -> date | None:
    """The `workdays`-th working day after `start`, or None when it lies past the loaded calendar."""
    return (cal or WorkCalendar.default()).add_workdays_if_loaded(start, workdays)


def first_day_not_loaded(after: date, cal: WorkCalendar | None = None) -> date:
    """1 January of the first year after `after`'s without a 节假日安排 (the day after the last loaded one)."""
    loaded, year = set((cal or WorkCalendar.default()).years), after.year + 1
    while year in loaded:
        year += 1
    return date(year, 1, 1)


def intake_due(case, cal: WorkCalendar | None = None) -> date | None:
    """None before receipt, or while the fifth working day lies past the loaded calendar."""
    if case.intake_started_on is None:
        return None
    return add_workdays(case.intake_started_on, INTAKE_WORKDAYS, cal)


def intake_state(case, today: date) -> DeadlineState | None:
    if case.intake_started_on is None:
        return None
    label = "收件日" if case.intake_started_on == case.received_on else "补正材料齐全日"
    return Deadline(start=case.intake_started_on, workdays=INTAKE_WORKDAYS, start_label=label,
                    budget_label="受理审查").evaluate(today, due_soon_workdays=_due_soon())


def decision_deadline(case) -> Deadline | None:
    if case.accepted_on is None:
        return None
    version = case.item_version
    suspensions = tuple(
        Suspension(reason=s.reason, start=s.started_on, end=s.ended_on) for s in case.suspensions.all()
    )
    extension = getattr(case, "extension", None)
    extensions = ()
    if extension is not None and extension.approved_on is not None:
        extensions = (Extension(approver=_name(extension.approved_by), reason=extension.reason, days=extension.days),)
    return Deadline(start=case.accepted_on, workdays=version.promised_days, suspensions=suspensions,
                    extensions=extensions, start_label="受理日", budget_label="承诺")


def decision_due(case, today: date) -> tuple[date | None, int | None]:
    """(the decision date, None); (None, the first year not loaded) while it lies past the loaded calendar;
    (None, None) before acceptance. A `today` in a year not loaded is refused when it matters (open suspension)."""
    deadline = decision_deadline(case)
    if deadline is None:
        return None, None
    try:
        return deadline.due(today), None
    except CalendarNotLoaded as exc:
        if exc.year <= today.year:  # today itself is not loaded: refused (WorkCalendar.add_workdays_if_loaded)
            raise
        return None, exc.year


def pending_note(year: int | None) -> str:
    """The words for a date that is not determinable yet (ADR 0002 §4)."""
    return f"截止日期待 {year} 年节假日安排导入后确定"


def require_loaded(day: date) -> None:
    """Raise CalendarNotLoaded when `day` itself lies in a year whose 节假日安排 is not loaded."""
    WorkCalendar.default().is_workday(day)


def decision_state(case, today: date) -> DeadlineState | None:
    deadline = decision_deadline(case)
    return deadline.evaluate(today, due_soon_workdays=_due_soon()) if deadline else None


def license_state(case, today: date) -> DeadlineState | None:
    if case.decision != "grant" or case.decided_on is None:
        return None
    return Deadline(start=case.decided_on, workdays=LICENSE_WORKDAYS, start_label="许可决定日",
                    budget_label="颁发、送达证件法定").evaluate(today, due_soon_workdays=_due_soon())


def _due_soon() -> int:
    return settings.TONGBAN_DUE_SOON_WORKDAYS


def _name(user) -> str:
    staff = getattr(user, "staff", None)
    return staff.name if staff else user.get_username()
