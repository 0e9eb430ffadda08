"""Seed every year the installed chinesecalendar package knows completely (2004–2026 with chinesecalendar 1.11).

Each year cites its 国务院办公厅 节假日安排通知. The 2025 and 2026 rows carry the notices checked in
legal-rules.md: 国务院办公厅关于2025年部分节假日安排的通知 (published 2024-11-12, CCTV reprint) and
国务院办公厅关于2026年部分节假日安排的通知 (dated 2025-11-04, Xinhua text on gmw.cn); their document numbers are
unconfirmed and stay blank. Later years are loaded with `tongban calendar import` once their notice is out.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from tongban.clock.sources import CHINESECALENDAR, chinesecalendar_schedules

    HolidaySchedule = apps.get_model("holidays", "HolidaySchedule")
    CalendarDay = apps.get_model("holidays", "CalendarDay")
    loaded = set(HolidaySchedule.objects.values_list("year", flat=True))
    for s in chinesecalendar_schedules():
        if s.year in loaded:
            continue
        schedule = HolidaySchedule.objects.create(
            year=s.year,
            notice_title=s.notice_title,
            notice_number=s.notice_number,
            notice_url=s.notice_url,
            published_on=s.published_on,
            source=CHINESECALENDAR,
        )
        CalendarDay.objects.bulk_create(
            [CalendarDay(schedule=schedule, date=d, kind="holiday", name=n) for d, n in s.holidays.items()]
            + [
                CalendarDay(schedule=schedule, date=d, kind="makeup_workday", name=n)
                for d, n in s.makeup_workdays.items()
            ]
        )


def unseed(apps, schema_editor):
    apps.get_model("holidays", "HolidaySchedule").objects.filter(source="chinesecalendar").delete()


class Migration(migrations.Migration):
    dependencies = [("holidays", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
