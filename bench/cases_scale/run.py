"""The child process of bench/bench_cases_scale.py: `python -m bench.cases_scale.run [--rebuild] [--cases N]
[--runs N] [--no-load] [--seconds S]`. Django is configured here for the benchmark database only
(DATABASE_URL is set before `django.setup()`), so the benchmark never touches another database."""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
GENERATOR_VERSION = "1"


def out(line: str = "") -> None:
    print(line, flush=True)


def _admin(server: str):
    import psycopg

    return psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5)


def _dataset_state(server: str, name: str) -> dict | None:
    """The benchmark database's meta table, or None when the database or its meta table does not exist."""
    import psycopg

    with _admin(server) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            return None
    with psycopg.connect(f"{server}/{name}", connect_timeout=5) as conn:
        if conn.execute("SELECT to_regclass('bench_scale_meta')").fetchone()[0] is None:
            return {}
        return dict(conn.execute("SELECT key, value FROM bench_scale_meta").fetchall())


def _recreate(server: str, name: str) -> None:
    with _admin(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def build(n_cases: int, today, log) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from bench.cases_scale import generate, world

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"   migrated in {time.perf_counter() - started:.1f} s")
    t = time.perf_counter()
    world.build()
    log(f"   organisation and catalogue ({len(world.ITEMS)} items, through the catalogue services) in "
        f"{time.perf_counter() - t:.1f} s")
    counts = generate.generate(n_cases, today, log)
    t = time.perf_counter()
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")
    log(f"   VACUUM ANALYZE in {time.perf_counter() - t:.1f} s")
    counts["seconds"] = round(time.perf_counter() - started, 1)
    with connection.cursor() as c:
        c.execute("CREATE TABLE bench_scale_meta (key text PRIMARY KEY, value text NOT NULL)")
        meta = {"cases": n_cases, "generator": GENERATOR_VERSION, "built_on": today.isoformat(), **counts}
        for k, v in meta.items():
            c.execute("INSERT INTO bench_scale_meta VALUES (%s, %s)", [k, str(v)])
    return meta


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cases_scale.run")
    parser.add_argument("--rebuild", action="store_true", help="drop and regenerate the benchmark database")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--db", default="tongban_bench_scale")
    parser.add_argument("--runs", type=int, default=300, help="runs per measured list")
    parser.add_argument("--no-load", action="store_true", help="skip the HTTP load test")
    parser.add_argument("--no-measure", action="store_true", help="skip the selector latencies")
    parser.add_argument("--seconds", type=float, default=40.0, help="duration of each load phase (in ROUNDS slices)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE every list, not only those over target")
    args = parser.parse_args(argv)

    server = os.environ.get("TONGBAN_BENCH_PG", DEFAULT_SERVER).rstrip("/")
    try:
        state = _dataset_state(server, args.db)
    except Exception as exc:  # no PostgreSQL here: this benchmark is about PostgreSQL
        out(f"跳过：无法连接 PostgreSQL（{server}）：{exc}")
        return 0
    var = ROOT / "var" / "bench_cases_scale"
    var.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"{server}/{args.db}"
    os.environ["TONGBAN_VAR_DIR"] = str(var)
    os.environ["TONGBAN_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongban.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    rebuild = args.rebuild or not state or state.get("cases") != str(args.cases) \
        or state.get("generator") != GENERATOR_VERSION
    if rebuild:
        _recreate(server, args.db)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    today = timezone.localdate()
    out(f"机器：{platform.machine()} {platform.system()}，{os.cpu_count()} 核；Python {platform.python_version()}；"
        f"Django {django.get_version()}")
    with connection.cursor() as c:
        c.execute("SHOW server_version")
        version = c.fetchone()[0]
        c.execute("SELECT name, current_setting(name) FROM pg_settings WHERE name IN "
                  "('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit') ORDER BY name")
        settings = ", ".join(f"{n}={s}" for n, s in c.fetchall())
    out(f"PostgreSQL {version}（{settings}），数据库 {args.db}")
    if rebuild:
        out(f"1. 生成数据（{args.cases:,} 个办件）：")
        meta = build(args.cases, today, out)
    else:
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)  # a new index migration applies here
        meta = state
        out(f"1. 复用已有数据（{meta['built_on']} 生成，用时 {meta['seconds']} s；--rebuild 重新生成）；"
            f"migrate {time.perf_counter() - started:.1f} s")
    with connection.cursor() as c:
        c.execute("SELECT status, count(*) FROM cases_case GROUP BY 1 ORDER BY 2 DESC")
        by_status = c.fetchall()
        c.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = c.fetchone()[0]
        c.execute("SELECT (SELECT count(*) FROM cases_casestep), (SELECT count(*) FROM cases_caseevent), "
                  "(SELECT count(*) FROM people_naturalperson), (SELECT count(*) FROM people_legalperson), "
                  "(SELECT count(*) FROM catalog_itemversion WHERE status = 'published'), "
                  "(SELECT count(*) FROM org_staff), (SELECT min(received_on) FROM cases_case)")
        steps, events, persons, legals, items, staff, first = c.fetchone()
    total = sum(n for _, n in by_status)
    out(f"   办件 {total:,}（{'，'.join(f'{s} {n:,}' for s, n in by_status)}）")
    out(f"   审查环节 {steps:,}，过程记录 {events:,}，自然人 {persons:,}，法人 {legals:,}，已发布事项 {items}，"
        f"工作人员 {staff}；收件日 {first} 至 {today}；数据库 {size}")

    results = []
    if not args.no_measure:
        from bench.cases_scale import measure

        out(f"\n   机器负载（1/5/15 分钟平均）：{' / '.join(f'{x:.1f}' for x in os.getloadavg())}（2 核；同机有其他开发者的测试在跑时数值偏高）")
        out(f"\n2. 列表页延迟（真实 selectors、ORM 与页面；每页 {measure.PAGE} 行，含总数与每行 case_clock；每项 {args.runs} 次）：")
        results = measure.measure(today, args.runs, out)
        out(f"   机器负载：{' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for label, text in (("page", "列表数据"), ("http", "整页（含中间件与模板）")):
            over = [r[label] for _, r in results if r[label].target and r[label].p95 >= measure.TARGET_MS]
            for r in over if label == "page" or args.explain else []:
                measure.explain_slowest(r, out)
            out(f"   目标 p95 < {measure.TARGET_MS:.0f} ms（审查人员待办与办件查询），{text}："
                + ("全部达到" if not over else "未达到：" + "、".join(r.name for r in over)))

    if not args.no_load:
        from bench.cases_scale import load

        out(f"\n3. 负载（gunicorn，127.0.0.1；每阶段 {args.seconds:.0f} s）：")
        load.run(seconds=args.seconds, out=out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
