from __future__ import annotations

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

HELP = """串标围标（数据铁笼）分析：训练、打分、评估。

  tongban collusion fit --data A.csv [--data B.csv …] --model 模型文件
        用带标签的投标数据训练模型（每个文件视为一个市场）
  tongban collusion score --model 模型文件 --data C.csv --out scores.csv
        为 C.csv 中的每个标段打分，输出 tender,score,reasons（score ≥ 0.5 为预警）
  tongban collusion evaluate --data A.csv [--data B.csv …] --protocol p2|p3 [--repeats 10]
        P2：每个数据集内重复分层 80/20 划分；P3：留一市场。与 §6 基线同场对比

CSV 列（UTF-8，首行为表头）：Tender、Bid_value 必需；Competitors（投标人编号）、Winner（0/1）可选；
训练和评估还需要 Collusive_competitor（0/1，同一标段各行一致）。也接受小写的 tender、bid_value、bidder、
winner、collusive。日期、期间、地点、标段编号等列不作为特征。有误的行连同行号一起报告，不做任何处理。

模型文件是 pickle：只加载本系统自己训练出的模型文件。"""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        fit = sub.add_parser("fit", help="训练模型")
        fit.add_argument("--data", action="append", required=True, help="带标签的投标数据 CSV，可重复")
        fit.add_argument("--model", required=True, help="输出的模型文件")
        fit.add_argument("--seed", type=int, default=42)
        fit.add_argument("--n-estimators", type=int, default=200)
        fit.add_argument("--jobs", type=int, default=2, help="并行线程数（默认 2）")
        score = sub.add_parser("score", help="为标段打分")
        score.add_argument("--model", required=True, help="tongban collusion fit 生成的模型文件")
        score.add_argument("--data", required=True, help="投标数据 CSV")
        score.add_argument("--out", required=True, help="输出 CSV：tender,score,reasons")
        ev = sub.add_parser("evaluate", help="按 P2 或 P3 评估，并与基线对比")
        ev.add_argument("--data", action="append", required=True, help="带标签的投标数据 CSV，可重复")
        ev.add_argument("--protocol", choices=["p2", "p3"], default="p2")
        ev.add_argument("--repeats", type=int, default=10)
        ev.add_argument("--seed", type=int, default=42)
        ev.add_argument("--n-estimators", type=int, default=200)
        ev.add_argument("--jobs", type=int, default=2)
        ev.add_argument(
            "--price-only-too", action="store_true", help="另报只用报价特征（不含投标人网络）的结果"
        )

    def handle(self, *args, **options):
        return getattr(self, f"_{options['action']}")(options)

    def _read(self, paths, *, labelled: bool):
        from tongban.trading.collusion.io import ImportProblem, read_labelled

        frames = []
        for path in paths:
            try:
                frame = read_labelled(path)
            except ImportProblem as exc:
                for line, reason in exc.problems:
                    self.stderr.write(f"  {path} 第 {line} 行：{reason}")
                raise CommandError(f"{path} 有 {len(exc.problems)} 处错误，未做任何处理。") from exc
            if labelled and frame["collusive"].isna().any():
                raise CommandError(f"{path} 没有串标标签列（Collusive_competitor），不能用于训练或评估。")
            frames.append(frame)
        return frames

    def _fit(self, options):
        from tongban.trading.collusion.model import CollusionModel

        frames = self._read(options["data"], labelled=True)
        model = CollusionModel(
            n_estimators=options["n_estimators"], seed=options["seed"], n_jobs=options["jobs"]
        )
        try:
            model.fit(frames)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        model.save(options["model"])
        tenders = sum(f["tender"].nunique() for f in frames)
        heads = "、".join({"full": "报价+投标人网络", "price": "仅报价"}[h] for h in model.heads)
        self.stdout.write(
            f"已训练：{len(frames)} 个市场（{'、'.join(model.trained_on)}），{tenders} 个标段；模型（{heads}）"
            f"已保存到 {options['model']}。"
        )

    def _score(self, options):
        from tongban.trading.collusion.model import CollusionModel

        try:
            model = CollusionModel.load(options["model"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        (frame,) = self._read([options["data"]], labelled=False)
        scores = model.score(frame)
        out = Path(options["out"])
        scores.to_csv(out, index=False, encoding="utf-8")
        flagged = int((scores["score"] >= 0.5).sum())
        self.stdout.write(f"已为 {len(scores)} 个标段打分，{flagged} 个预警（score ≥ 0.5），结果写入 {out}。")

    def _evaluate(self, options):
        from tongban.trading.collusion.evaluate import evaluate, format_results

        frames = self._read(options["data"], labelled=True)
        try:
            results = evaluate(
                frames,
                protocol=options["protocol"],
                repeats=options["repeats"],
                seed=options["seed"],
                n_estimators=options["n_estimators"],
                n_jobs=options["jobs"],
                price_only_too=options["price_only_too"],
                progress=lambda msg: self.stderr.write(msg),
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(format_results(results))
