"""Cases at scale (issue 5, point 12): 1,000,000 cases in PostgreSQL; the workbench queue and case search at
p95 < 50 ms; submissions through the API under load at ≥ 30 % of the requests per second of a trivial endpoint
on the same server.

1. Data: a dedicated database `tongban_bench_scale` on the PostgreSQL server at TONGBAN_BENCH_PG (default
   postgres://postgres@127.0.0.1:5432), migrated, with an approval bureau and eight departments, their staff,
   51 published items with review steps, 50,000 applicants and 1,000,000 cases over three years (most concluded,
   ~5 % under review with active steps, some awaiting intake or a 补正, a few decided awaiting delivery, drafts),
   their review steps and timelines — written with COPY and INSERT … SELECT in about three to four minutes. The
   database is kept and reused while its size and generator version match; `--rebuild` makes it again. Drop it
   with `dropdb -h 127.0.0.1 -U postgres tongban_bench_scale`.
2. Lists: 我的待办 (my_tasks), 部门办件 (department_queue) and 办件查询 (case_search by number, applicant prefix,
   item name, status + received dates, the combined `q`), each measured twice, interleaved: its data as the
   workbench view builds it (the selectors and the view's own helpers: the total, the first 50 rows, each row's
   clock) and the whole page through Django's request handling (middleware, view, template, in process);
   p50/p95 over a few hundred runs with varying reviewers and parameters; EXPLAIN ANALYZE of any list over
   target.
3. Load: gunicorn (gthread) on 127.0.0.1 with the benchmark database; a bounded multi-process keep-alive load
   generator; GET /api/v1/org/me (bearer token) against complete submissions (create with Idempotency-Key,
   attach the applicant's uploaded file, submit), both rates and their ratio; once with the full case detail in
   every write's answer, once with `Prefer: return=minimal`. The cases the load made are deleted afterwards.

The work runs in a child process (`python -m bench.cases_scale.run`) so that its Django settings point at the
benchmark database only. Flags after the name pass through: `python -m bench cases_scale --rebuild`; or run it
directly: `python -m bench.cases_scale.run --help`. Figures: docs/benchmarks.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    proc = subprocess.Popen([sys.executable, "-m", "bench.cases_scale.run", *flags], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    for line in proc.stdout:
        print(line, end="", flush=True)
    if proc.wait() != 0:
        raise RuntimeError(f"bench.cases_scale.run exited with {proc.returncode}")


if __name__ == "__main__":
    main()
