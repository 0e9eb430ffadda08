from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tongban.core.errors import ServiceError
from tongban.holidays import selectors, services

HELP = """节假日安排（工作日日历的数据）。

  tongban calendar years                 列出已导入的年份；缺少今年或明年时给出警告（健康检查，--strict 时返回非零）
  tongban calendar import FILE [--replace] [--as 用户名]
                                         从 CSV 或 JSON 文件导入一年的节假日安排

CSV 格式（UTF-8；元数据写在 “# 键: 值” 行里，然后是表头 date,kind,name）：

  # year: 2027
  # notice_title: 国务院办公厅关于2027年部分节假日安排的通知
  # notice_number:            （文号，无法核实时留空）
  # notice_url: https://www.gov.cn/...
  # published_on: 2026-11-05
  date,kind,name
  2027-01-01,holiday,元旦
  2027-02-06,makeup_workday,春节

JSON 格式：
  {"year": 2027, "notice_title": "…", "notice_number": "", "notice_url": "…", "published_on": "2026-11-05",
   "days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}, …]}

kind 为 holiday（放假）或 makeup_workday（调休上班，必须是周六或周日）；每个日期必须在该年内且只出现一次。
已导入的年份须加 --replace 才会替换。任何一行有误都不会写入任何数据。"""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="从 CSV/JSON 文件导入一年的节假日安排")
        imp.add_argument("file", help="CSV 或 JSON 文件（格式见 tongban calendar --help）")
        imp.add_argument("--replace", action="store_true", help="替换该年已导入的安排")
        imp.add_argument("--as", dest="username", help="以该系统管理员账号的名义导入（默认记为“系统”）")
        years = sub.add_parser("years", help="列出已导入的年份，并检查今年和明年是否齐全")
        years.add_argument("--strict", action="store_true", help="缺少今年或明年时以非零状态退出")

    def handle(self, *args, **options):
        if options["action"] == "import":
            return self._import(options)
        return self._years(options)

    def _import(self, options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc
        actor = None
        if options.get("username"):
            actor = get_user_model().objects.filter(username=options["username"]).first()
            if actor is None:
                raise CommandError(f"账号“{options['username']}”不存在。")
        try:
            schedule = services.schedule_import(
                actor=actor, data=data, filename=path.name, replace=options["replace"]
            )
        except ServiceError as exc:
            for where, messages in exc.errors.items():
                for message in messages:
                    self.stderr.write(f"  {where}：{message}")
            raise CommandError(exc.detail) from exc
        days = schedule.days.all()
        holidays = sum(1 for d in days if d.kind == "holiday")
        self.stdout.write(
            f"已导入 {schedule.year} 年节假日安排（{schedule.notice_title}）：放假 {holidays} 天，"
            f"调休上班 {len(days) - holidays} 天。"
        )

    def _years(self, options):
        rows = list(selectors.schedule_list())
        if not rows:
            self.stdout.write("尚未导入任何年份的节假日安排。")
        for s in rows:
            number = s.notice_number or "文号未核实"
            self.stdout.write(
                f"{s.year}  放假 {s.holiday_count:>2} 天  调休上班 {s.makeup_count} 天  "
                f"{s.get_source_display()}  {s.notice_title}（{number}）"
            )
        missing = selectors.missing_years(date.today())
        for year in missing:
            self.stderr.write(
                self.style.WARNING(
                    f"警告：{year} 年的节假日安排尚未导入。期限跨入该年时系统将拒绝计算；"
                    f"请在国务院办公厅通知发布后用 tongban calendar import 导入。"
                )
            )
        if missing and options["strict"]:
            raise CommandError(f"缺少 {'、'.join(map(str, missing))} 年的节假日安排。")
