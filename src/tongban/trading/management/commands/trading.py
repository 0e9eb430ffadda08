"""`tongban trading …`: the 公共资源交易 data from the server's shell (acts as the system, audited as 系统).

    tongban trading import --format csv|ocds|labelled FILE [--no-assess]
    tongban trading assess                       re-run the rules and the scoring over every lot
    tongban trading labels --out FILE            lots with a known outcome, in the labelled column format
    tongban trading demo [--lots 300] [--seed 2026]   generate and import the synthetic demo market
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tongban.core.errors import ServiceError
from tongban.trading import selectors, services


class Command(BaseCommand):
    help = "公共资源交易数据：导入（csv / ocds / labelled）、研判、导出训练标注、生成演示市场。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("import", help="导入交易数据文件")
        p.add_argument("--format", required=True, choices=["csv", "ocds", "labelled"])
        p.add_argument("file")
        p.add_argument("--no-assess", action="store_true", help="只导入，不研判")
        sub.add_parser("assess", help="对全部标段重新运行规则与评分")
        p = sub.add_parser("labels", help="导出已有结论的标段（labelled 格式，供 tongban collusion fit 训练）")
        p.add_argument("--out", required=True)
        p = sub.add_parser("demo", help="生成并导入演示用的合成交易市场")
        p.add_argument("--lots", type=int, default=300)
        p.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        try:
            getattr(self, "_" + options["action"])(options)
        except ServiceError as exc:
            errors = getattr(exc, "row_errors", None)
            if errors:
                for error in errors:
                    self.stderr.write(str(error))
            raise CommandError(exc.detail) from None

    def _import(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        batch = services.trading_import(actor=None, format=options["format"], content=path.read_bytes(),
                                        filename=path.name, assess=not options["no_assess"])
        c = batch.counts
        self.stdout.write(self.style.SUCCESS(
            f"已导入 {path.name}：项目 {c['projects']}，标段 {c['lots']}，投标人 {c['bidders']}，投标 {c['bids']}，"
            f"关联关系 {c['relations']}。"))

    def _assess(self, options):
        n = services.lots_assess(actor=None)
        self.stdout.write(self.style.SUCCESS(f"已研判 {n} 个标段。"))

    def _labels(self, options):
        rows = selectors.labelled_rows()
        out = Path(options["out"])
        with out.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=["Tender", "Competitors", "Bid_value", "Winner",
                                                    "Collusive_competitor"])
            writer.writeheader()
            writer.writerows(rows)
        tenders = len({r["Tender"] for r in rows})
        self.stdout.write(self.style.SUCCESS(f"已导出 {tenders} 个标段（{len(rows)} 条投标）到 {out}。"))

    def _demo(self, options):
        if settings.PRODUCTION:
            raise CommandError("生产模式下不生成演示数据。")
        from tongban.trading.demo import seed_market

        counts = seed_market(lots=options["lots"], seed=options["seed"], force=True)
        self.stdout.write(self.style.SUCCESS(f"演示交易市场已就绪：{counts['交易标段']} 个标段。"))

