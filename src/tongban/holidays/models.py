"""Each year's 节假日安排 (the State Council notice) and its days: the data the working-day clock runs on.

The working-day calendar cannot be computed (legal-rules.md §0): a system administrator loads each year's
schedule, and every row cites the notice it comes from.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

WEEKDAYS = "一二三四五六日"


class HolidaySchedule(models.Model):
    """One calendar year's schedule, from 国务院办公厅关于<year>年部分节假日安排的通知."""

    class Source(models.TextChoices):
        CHINESECALENDAR = "chinesecalendar", _("chinesecalendar 数据")
        IMPORT = "import", _("文件导入")
        ADMIN = "admin", _("后台录入")

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    notice_title = models.CharField(_("通知标题"), max_length=200)
    # Blank when unconfirmed: never guessed (legal-rules.md §0.2/§0.3).
    notice_number = models.CharField(_("文号"), max_length=64, blank=True, help_text=_("未能核实时留空"))
    notice_url = models.URLField(_("通知链接"), max_length=500, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices, default=Source.IMPORT)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("导入人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} 年节假日安排"


class CalendarDay(models.Model):
    """A 放假 day or a 调休上班 day of one schedule. Ordinary weekdays and weekends are not stored."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        MAKEUP_WORKDAY = "makeup_workday", _("调休上班")

    schedule = models.ForeignKey(
        HolidaySchedule, models.CASCADE, related_name="days", verbose_name=_("节假日安排")
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(
        _("节日"), max_length=64, blank=True, help_text=_("如 春节；调休上班日填所服务的节日")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("日期")
        verbose_name_plural = _("日期")
        ordering = ["date"]
        indexes = [models.Index(fields=["schedule", "kind"], name="holidays_day_schedule_kind")]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()

    def clean(self) -> None:
        errors = {}
        if self.date and self.schedule_id and self.date.year != self.schedule.year:
            errors["date"] = _("日期 %(date)s 不在 %(year)s 年内。") % {
                "date": self.date,
                "year": self.schedule.year,
            }
        # 全国年节及纪念日放假办法 第七条: 调休 moves weekend rest days, so a make-up day is a Saturday or Sunday.
        if self.date and self.kind == self.Kind.MAKEUP_WORKDAY and self.date.weekday() < 5:
            errors["kind"] = _("%(date)s 是星期%(wd)s，调休上班日必须是周六或周日。") % {
                "date": self.date,
                "wd": WEEKDAYS[self.date.weekday()],
            }
        if self.kind == self.Kind.HOLIDAY and not self.name:
            errors["name"] = _("放假日须填写节日名称。")
        if errors:
            raise ValidationError(errors)
