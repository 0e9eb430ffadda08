from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from tongban.core.errors import ServiceError
from tongban.holidays import selectors


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别，应为 YYYY-MM-DD。") from None


class Command(BaseCommand):
    help = (
        "工作日计算（使用数据库中的节假日安排）。事件当日不计入（民法典 第二百零一条）。\n"
        "  tongban clock add 2025-01-20 20          → 2025-01-20 之后第 20 个工作日\n"
        "  tongban clock between 2025-01-20 2025-02-21 → 其后至该日（含）的工作日数"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="某日之后第 N 个工作日（N 可为负数，表示之前）")
        add.add_argument("start")
        add.add_argument("days", type=int)
        between = sub.add_parser("between", help="START 之后至 END（含）的工作日数")
        between.add_argument("start")
        between.add_argument("end")

    def handle(self, *args, **options):
        try:
            if options["action"] == "add":
                result = selectors.workdays_add(start=_date(options["start"]), days=options["days"])
                self.stdout.write(result.isoformat())
            else:
                n = selectors.workdays_between(start=_date(options["start"]), end=_date(options["end"]))
                self.stdout.write(str(n))
        except ServiceError as exc:
            raise CommandError(exc.detail) from exc
