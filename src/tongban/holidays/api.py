"""Calendar API under /api/v1/calendar: loaded years, working-day arithmetic, and imports (system admins)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from tongban.holidays import selectors, services

router = Router(tags=["工作日日历 calendar"])


class YearOut(Schema):
    year: int
    notice_title: str
    notice_number: str = Field(description="文号；无法核实时为空")
    notice_url: str
    published_on: date | None
    source: str = Field(description="chinesecalendar | import | admin")
    holidays: int = Field(alias="holiday_count", description="放假天数")
    makeup_workdays: int = Field(alias="makeup_count", description="调休上班天数")
    updated_at: datetime


class AddOut(Schema):
    start: date
    days: int
    result: date = Field(description="start 之后第 days 个工作日（start 当日不计，民法典 第二百零一条）")


class BetweenOut(Schema):
    start: date
    end: date
    workdays: int = Field(description="start 之后至 end（含）的工作日数；end 早于 start 时为负数")


class ImportOut(Schema):
    year: int
    notice_title: str
    holidays: int
    makeup_workdays: int


@router.get("/years", response=list[YearOut], summary="已导入的年份")
def years(request):
    return selectors.schedule_list()


@router.get("/add", response=AddOut, summary="某日之后第 N 个工作日")
def add(
    request, start: date, days: int = Query(..., ge=-3660, le=3660, description="工作日数，负数表示往前")
):
    return AddOut(start=start, days=days, result=selectors.workdays_add(start=start, days=days))


@router.get("/between", response=BetweenOut, summary="两日之间的工作日数")
def between(request, start: date, end: date):
    return BetweenOut(start=start, end=end, workdays=selectors.workdays_between(start=start, end=end))


@router.post("/import", response={201: ImportOut}, summary="导入一年的节假日安排（系统管理员）")
def import_schedule(request, file: File[UploadedFile], replace: Form[bool] = False):
    schedule = services.schedule_import(
        actor=request.user, data=file.read(), filename=file.name or "", replace=replace
    )
    counts = selectors.schedule_list().get(pk=schedule.pk)
    return Status(
        201,
        ImportOut(
            year=schedule.year,
            notice_title=schedule.notice_title,
            holidays=counts.holiday_count,
            makeup_workdays=counts.makeup_count,
        ),
    )
