"""Reads: the loaded schedules, and the database-backed working-day calendar behind WorkCalendar.default().

Correct across processes: every `calendar_from_database()` call asks the database for a version stamp (one
small aggregate query: number of schedules and days, latest change time of each). The built calendar is kept
only together with the stamp it was built from, so an import in another process is seen on the next call.
Inside `one_calendar()` (every web request, through `OneCalendarPerRequest`) the stamp is checked once and the
calendar kept for the block: a page of fifty clocks asks once, not fifty times (docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.conf import settings
from django.db import connections, router
from django.db.models import Count, Q

from tongban.clock import ClockError, WorkCalendar, YearSchedule
from tongban.core.errors import ValidationFailed
from tongban.holidays.models import CalendarDay, HolidaySchedule

# (stamp, calendar): the last calendar built in this process — a cache, never trusted without comparing the
# stamp against the database, so it cannot go stale.
_built: tuple[tuple, WorkCalendar] | None = None

# Inside one_calendar(): a one-element list holding the calendar once asked for (empty until then).
_pinned: ContextVar[list[WorkCalendar] | None] = ContextVar("tongban_pinned_calendar", default=None)


@contextmanager
def one_calendar() -> Iterator[None]:
    """Within the block, WorkCalendar.default() checks the database once and then keeps that calendar."""
    token = _pinned.set([])
    try:
        yield
    finally:
        _pinned.reset(token)


def unpin_calendar() -> None:
    """After the calendar rows change inside a one_calendar() block: the next call reads them again."""
    slot = _pinned.get()
    if slot:
        slot.clear()


def calendar_stamp() -> tuple:
    """A cheap fingerprint of the calendar rows; it changes whenever any schedule or day is added, changed or removed."""
    # Every request that evaluates a deadline asks this once: plain SQL over each table (no join, nothing
    # for the ORM to compile), since the answer is only compared with the previous one.
    alias = router.db_for_read(HolidaySchedule)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {HolidaySchedule._meta.db_table}),"
            f" (SELECT MAX(updated_at) FROM {HolidaySchedule._meta.db_table}),"
            f" (SELECT COUNT(*) FROM {CalendarDay._meta.db_table}),"
            f" (SELECT MAX(updated_at) FROM {CalendarDay._meta.db_table})")
        counts = cursor.fetchone()
    return (connections[alias].settings_dict["NAME"], settings.TONGBAN_MAKEUP_DAYS_COUNT, *counts)


def year_schedules() -> list[YearSchedule]:
    days: dict[int, tuple[dict, dict]] = {}
    for schedule_id, d, kind, name in CalendarDay.objects.values_list("schedule_id", "date", "kind", "name"):
        holidays, makeups = days.setdefault(schedule_id, ({}, {}))
        (holidays if kind == CalendarDay.Kind.HOLIDAY else makeups)[d] = name
    out = []
    for s in HolidaySchedule.objects.all():
        holidays, makeups = days.get(s.pk, ({}, {}))
        out.append(
            YearSchedule(
                year=s.year,
                holidays=holidays,
                makeup_workdays=makeups,
                notice_title=s.notice_title,
                notice_number=s.notice_number,
                notice_url=s.notice_url,
                published_on=s.published_on,
                source=s.source,
            )
        )
    return out


def calendar_from_database() -> WorkCalendar:
    """The provider registered for WorkCalendar.default() inside Django."""
    slot = _pinned.get()
    if slot:
        return slot[0]
    calendar = _current()
    if slot is not None:
        slot.append(calendar)
    return calendar


def _current() -> WorkCalendar:
    global _built
    stamp = calendar_stamp()
    built = _built
    if built is not None and built[0] == stamp:
        return built[1]
    # Rows changed between the stamp and this read only make the cached calendar newer than its stamp; the
    # next call sees a different stamp and rebuilds.
    calendar = WorkCalendar(year_schedules(), makeup_days_count=settings.TONGBAN_MAKEUP_DAYS_COUNT)
    _built = (stamp, calendar)
    return calendar


def schedule_list():
    """Loaded years with their day counts, oldest first."""
    return (
        HolidaySchedule.objects.select_related("loaded_by")
        .annotate(
            holiday_count=Count("days", filter=Q(days__kind=CalendarDay.Kind.HOLIDAY)),
            makeup_count=Count("days", filter=Q(days__kind=CalendarDay.Kind.MAKEUP_WORKDAY)),
        )
        .order_by("year")  # Meta.ordering is not applied to aggregated queries
    )


def missing_years(today: date | None = None) -> list[int]:
    """This year and next year when not loaded: the health check's warnings."""
    today = today or date.today()
    loaded = set(HolidaySchedule.objects.values_list("year", flat=True))
    return [y for y in (today.year, today.year + 1) if y not in loaded]


# -- arithmetic for the API and the commands: clock errors become the one application error type ------------


def workdays_add(*, start: date, days: int) -> date:
    try:
        return WorkCalendar.default().add_workdays(start, days)
    except ClockError as exc:
        raise ValidationFailed(str(exc), code="calendar_not_loaded") from exc


def workdays_between(*, start: date, end: date) -> int:
    try:
        return WorkCalendar.default().workdays_between(start, end)
    except ClockError as exc:
        raise ValidationFailed(str(exc), code="calendar_not_loaded") from exc
