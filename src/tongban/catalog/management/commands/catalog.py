"""`tongban catalog search|export|import`: the catalogue from the command line."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tongban.core.errors import ServiceError


class Command(BaseCommand):
    help = "事项清单：search 检索事项（按相关度排序，每行一个事项名称）；export 导出；import 导入（JSON 或 Excel）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        search = sub.add_parser("search", help="检索事项，例如：tongban catalog search \"开饭店要办什么证\"")
        search.add_argument("query")
        search.add_argument("--limit", type=int, default=10)
        export = sub.add_parser("export", help="导出整个事项清单（含全部版本、赋权、常见问题）")
        export.add_argument("out", help="输出文件，扩展名 .json 或 .xlsx")
        imp = sub.add_parser("import", help="导入事项清单；任何一行有误则全部不导入")
        imp.add_argument("file", help=".json 或 .xlsx 文件")
        imp.add_argument("--as-user", required=True, help="以哪个账号的名义导入（系统管理员）")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except ServiceError as exc:
            for where, messages in exc.errors.items():
                for message in messages:
                    self.stderr.write(f"✗ {where}：{message}")
            raise CommandError(exc.detail) from exc

    def _search(self, options):
        from tongban.catalog.search import search_items

        for hit in search_items(options["query"], limit=options["limit"]):
            self.stdout.write(hit.name)

    def _export(self, options):
        from tongban.catalog import transfer

        out = Path(options["out"])
        writer = {".json": transfer.export_json, ".xlsx": transfer.export_xlsx}.get(out.suffix.lower())
        if writer is None:
            raise CommandError("输出文件扩展名应为 .json 或 .xlsx")
        with out.open("wb") as fh:
            report = writer(fh)
        self.stdout.write(f"已导出到 {out}：{report}")

    def _import(self, options):
        from tongban.catalog import transfer

        path = Path(options["file"])
        reader = {".json": transfer.import_json, ".xlsx": transfer.import_xlsx}.get(path.suffix.lower())
        if reader is None:
            raise CommandError("导入文件扩展名应为 .json 或 .xlsx")
        actor = get_user_model().objects.filter(username=options["as_user"]).first()
        if actor is None:
            raise CommandError(f"账号 {options['as_user']} 不存在")
        report = reader(actor=actor, raw=path.read_bytes())
        self.stdout.write(f"导入完成：{report}")
        sys.stdout.flush()
