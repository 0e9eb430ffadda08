"""Writes for the holiday calendar. Each function is one transaction, permission-checked and audited."""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction

from tongban.audit.services import audit_record
from tongban.core.errors import Conflict
from tongban.holidays.domain import HOLIDAY, parse_schedule
from tongban.holidays.models import CalendarDay, HolidaySchedule
from tongban.holidays.selectors import unpin_calendar
from tongban.org.models import Role
from tongban.org.permissions import require_role


@transaction.atomic
def schedule_import(
    *,
    actor,
    data: bytes | str,
    filename: str = "",
    replace: bool = False,
    source: str = HolidaySchedule.Source.IMPORT,
) -> HolidaySchedule:
    """Load one year's 节假日安排 from a CSV or JSON file (format: tongban.holidays.domain).

    Only a system administrator may do it; `actor=None` is the command line (`tongban calendar import`), whose
    authority is shell access to the server, and is audited as 系统. A year already loaded is refused unless
    `replace`; a replacement swaps all of that year's days. Any problem raises before anything is written, so a
    failed import changes nothing.
    """
    if actor is not None:
        require_role(actor, [Role.SYSTEM_ADMIN])
    parsed = parse_schedule(data, filename=filename)
    existing = HolidaySchedule.objects.select_for_update().filter(year=parsed.year).first()
    previous = None
    if existing is not None:
        if not replace:
            raise Conflict(
                f"{parsed.year} 年的节假日安排已导入（{existing.notice_title}）。如需替换，请选择“替换已有安排”"
                f"（命令行用 --replace）。",
                code="calendar_year_loaded",
            )
        previous = {
            "notice_title": existing.notice_title,
            "source": existing.source,
            "holidays": existing.days.filter(kind=CalendarDay.Kind.HOLIDAY).count(),
            "makeup_workdays": existing.days.filter(kind=CalendarDay.Kind.MAKEUP_WORKDAY).count(),
        }
        existing.days.all().delete()
        schedule = existing
    else:
        schedule = HolidaySchedule(year=parsed.year)
    schedule.notice_title = parsed.notice_title
    schedule.notice_number = parsed.notice_number
    schedule.notice_url = parsed.notice_url
    schedule.published_on = parsed.published_on
    schedule.source = source
    schedule.loaded_by = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            schedule.save()
            CalendarDay.objects.bulk_create(
                CalendarDay(
                    schedule=schedule,
                    date=d.date,
                    kind=CalendarDay.Kind.HOLIDAY if d.kind == HOLIDAY else CalendarDay.Kind.MAKEUP_WORKDAY,
                    name=d.name,
                )
                for d in parsed.days
            )
    except IntegrityError as exc:
        # Another import of the same year committed first.
        raise Conflict(
            f"{parsed.year} 年的节假日安排刚被他人导入，请刷新后重试。", code="calendar_year_loaded"
        ) from exc
    unpin_calendar()
    holidays, makeups = len(parsed.holidays), len(parsed.makeup_workdays)
    audit_record(
        actor=actor,
        action="calendar.import",
        target=schedule,
        summary=f"导入 {parsed.year} 年节假日安排：放假 {holidays} 天，调休上班 {makeups} 天"
        + ("（替换原有安排）" if previous else ""),
        data={
            "year": parsed.year,
            "notice_title": parsed.notice_title,
            "notice_number": parsed.notice_number,
            "filename": filename,
            "sha256": hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest(),
            "holidays": holidays,
            "makeup_workdays": makeups,
            "replaced": previous,
        },
    )
    return schedule
