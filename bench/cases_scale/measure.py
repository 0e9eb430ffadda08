"""Latency of the workbench lists on the full dataset, through the real selectors and the real ORM.

Each measured call is what a list page does (cases/views_workbench.py `_decorated_page`, the API's paginated
lists alike): the selector's queryset with the rows' clocks loaded alongside (extension, suspensions, the active
step), the total for the pager (`count()`), the first page of 50 rows, and `case_clock` for every row.
Parameters vary run to run (reviewers of every department, numbers, names, items and date ranges sampled from
the data), a few hundred runs each, after one warm-up pass. A statement of a list over target is shown with
EXPLAIN (ANALYZE, BUFFERS).
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

PAGE = 50
TARGET_MS = 50.0


@dataclass
class Result:
    name: str
    times: list[float] = field(default_factory=list)
    params: list = field(default_factory=list)
    rows: list[list[int]] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    target: bool = True

    def pct(self, p: float) -> float:
        return statistics.quantiles(self.times, n=100, method="inclusive")[int(p) - 1]

    @property
    def p50(self) -> float:
        return self.pct(50)

    @property
    def p95(self) -> float:
        return self.pct(95)


def page(qs, today: date, capped: bool = False) -> tuple[int, list[int]]:
    """One list page's data as views_workbench builds it (`_decorated_page`): the rows with what their clocks
    read, the total for the pager (capped for searches), the first 50 rows, every row's clock — under one
    calendar, as the OneCalendarPerRequest middleware gives every request."""
    from tongban.cases.selectors import counted_search
    from tongban.cases.views_workbench import _decorated
    from tongban.holidays.selectors import one_calendar

    with one_calendar():
        if capped:  # as views_workbench.CappedPaginator
            total, qs = counted_search(qs)
        else:
            total = qs.count()
        rows = _decorated(qs[:PAGE], today)  # the clocks and tasks, prefetching for the cases in review
    return total, [c.pk for c in rows]


def tasks_page(actor, today: date) -> tuple[int, list[int]]:
    """我的待办 as views_workbench.tasks builds it: the first page's ids in urgency order and the counts, in one
    query (selectors.urgency_page), then the page's rows with their clocks."""
    from tongban.cases import selectors
    from tongban.cases.views_workbench import _rows_in_order
    from tongban.holidays.selectors import one_calendar

    with one_calendar():
        ids, counts = selectors.urgency_page(selectors.my_tasks(actor=actor), today, offset=0, limit=PAGE)
        counts = counts or {"total": 0}
        rows = _rows_in_order(ids, today)  # _decorate: the clocks
    return counts["total"], [c.pk for c in rows]


class Http:
    """The same page through Django's whole request handling (middleware, view, template), in process: what the
    reviewer waits for, less the network. One logged-in client per actor."""

    def __init__(self):
        self.clients = {}

    def get(self, actor, path: str, params: dict | None = None) -> tuple[int, list[int]]:
        from django.test import Client

        client = self.clients.get(actor.pk)
        if client is None:
            client = self.clients[actor.pk] = Client()
            client.force_login(actor)
        response = client.get(path, {k: v for k, v in (params or {}).items() if v not in (None, "")})
        assert response.status_code == 200, (path, params, response.status_code)
        return len(response.content), []


class Samples:
    """Search parameters drawn from the data itself, by department."""

    def __init__(self, rng: random.Random, today: date):
        from django.db import connection

        self.rng, self.today = rng, today
        with connection.cursor() as c:
            c.execute("SELECT max(id) FROM cases_case")
            top = c.fetchone()[0]
            ids = rng.sample(range(1, top + 1), 20_000)
            c.execute("""SELECT c.department_id, c.number, c.applicant_name, c.applicant_legal_id IS NOT NULL, v.name
                         FROM cases_case c JOIN catalog_itemversion v ON v.id = c.item_version_id
                         WHERE c.id = ANY(%s) AND c.number IS NOT NULL""", [ids])
            self.by_dept: dict[int, list] = {}
            for dept, number, name, legal, item in c.fetchall():
                self.by_dept.setdefault(dept, []).append((number, name, legal, item))

    def in_scope(self, scope) -> list:
        out = []
        for dept in scope:
            out += self.by_dept.get(dept, [])
        return out

    def number(self, scope) -> dict:
        rows = self.in_scope(scope)
        return {"number": self.rng.choice(rows)[0]}

    def applicant(self, scope) -> dict:
        """What a clerk types: a person's full name, or the distinctive start of a company's name."""
        _, name, legal, _ = self.rng.choice(self.in_scope(scope))
        if legal:
            return {"applicant": name[: self.rng.choice([4, 6])]}
        return {"applicant": name}

    def applicant_broad(self, scope) -> dict:
        """The broadest prefix: one surname character, or a company's city (苏州 …)."""
        _, name, legal, _ = self.rng.choice(self.in_scope(scope))
        return {"applicant": name[:2] if legal else name[:1]}

    def item(self, scope) -> dict:
        name = self.rng.choice(self.in_scope(scope))[3]
        n = self.rng.choice([2, 3, 4, len(name)])
        start = self.rng.randrange(0, max(1, len(name) - n + 1))
        return {"item": name[start:start + n]}

    def status_dates(self, scope) -> dict:
        status = self.rng.choices(["concluded", "in_review", "received", "supplement_requested", "withdrawn",
                                   "decided"], [5, 3, 1, 1, 1, 1])[0]
        span = self.rng.choice([7, 30, 90, 365])
        if status == "concluded" or status == "withdrawn":
            end = self.today - timedelta(days=self.rng.randrange(0, 3 * 365 - span))
        else:
            end = self.today - timedelta(days=self.rng.randrange(0, 10))
        return {"status": status, "received_from": end - timedelta(days=span), "received_to": end}

    def free_text(self, scope) -> dict:
        kind = self.rng.choice([self.number, self.applicant, self.item])(scope)
        return {"q": next(iter(kind.values()))}


def _actors():
    """One reviewer per department that handles cases, and the bureau's own reviewer (all four divisions)."""
    from django.contrib.auth import get_user_model

    from tongban.org.models import Role, RoleAssignment
    from tongban.org.permissions import department_scope

    users = []
    seen = set()
    for ra in RoleAssignment.objects.filter(role=Role.REVIEWER).select_related("staff").order_by("staff__user_id"):
        if ra.department_id not in seen:
            seen.add(ra.department_id)
            users.append(ra.staff.user_id)
    User = get_user_model()
    return [(u, department_scope(User.objects.get(pk=u), [Role.REVIEWER])) for u in users]


def _run(name: str, runs: int, fns: dict, make_params, actors, rng, target: bool) -> dict[str, Result]:
    """`runs` parameter sets; for each, every variant in `fns` once, in random order (fair under a machine whose
    load changes). Returns a Result per variant."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    User = get_user_model()
    plan = [(uid, make_params(scope) if make_params else {}) for uid, scope in
            (rng.choice(actors) for _ in range(runs))]
    results = {label: Result(name, target=target) for label in fns}
    for uid, params in plan[: min(20, runs)]:  # warm up: caches, the calendar
        for fn in fns.values():
            fn(User.objects.get(pk=uid), **params)
    for uid, params in plan:
        order = list(fns.items())
        rng.shuffle(order)
        for label, fn in order:
            actor = User.objects.get(pk=uid)  # as the authentication middleware loads it for every request
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                total, ids = fn(actor, **params)
                elapsed = (time.perf_counter() - started) * 1000
            r = results[label]
            r.times.append(elapsed)
            r.params.append((uid, params))
            r.rows.append(ids)
            r.totals.append(total)
            r.queries.append(len(ctx.captured_queries))
            r.fn = fn
    return results


def explain_slowest(result: Result, out, top: int = 2) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest statements of the slowest run."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    worst = max(range(len(result.times)), key=result.times.__getitem__)
    uid, params = result.params[worst]
    actor = get_user_model().objects.get(pk=uid)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as ctx:
        result.fn(actor, **params)
    statements = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:top]
    out(f"   EXPLAIN ANALYZE — {result.name}, slowest run ({result.times[worst]:.1f} ms), params {params}, "
        f"{len(ctx.captured_queries)} statements:")
    with connection.cursor() as c:
        for q in statements:
            out(f"   -- {float(q['time']) * 1000:.1f} ms: {q['sql'][:300]}{'…' if len(q['sql']) > 300 else ''}")
            c.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
            for (line,) in c.fetchall():
                out("      " + line)


def measure(today: date, runs: int, out) -> list[tuple[str, dict[str, Result]]]:
    """Every list twice, interleaved: its data as the page builds it ("page") and the whole page through
    Django's request handling ("http"). The lists outside the target (a clerk's city-wide intake queue, the
    inspector's overdue list) run a fifth as often."""
    from tongban.cases import selectors
    from tongban.org.models import Role, RoleAssignment

    rng = random.Random(7)
    actors = _actors()
    samples = Samples(rng, today)
    http = Http()
    base = "/workbench/cases/"

    def dated(params: dict) -> dict:
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}

    tasks = {"page": lambda a: tasks_page(a, today), "http": lambda a: http.get(a, base)}
    queue = {"page": lambda a: page(selectors.department_queue(actor=a), today),
             "http": lambda a: http.get(a, base + "department/")}
    search = {"page": lambda a, **p: page(selectors.case_search(actor=a, **p), today, capped=True),
              "http": lambda a, **p: http.get(a, base + "search/", dated(p))}
    overdue = {"page": lambda a: page(selectors.overdue_cases(actor=a, today=today), today),
               "http": lambda a: http.get(a, base + "overdue/")}
    plan = [
        ("我的待办 my_tasks（审查人员）", tasks, None, actors, True),
        ("部门办件 department_queue", queue, None, actors, True),
        ("办件查询 编号 number", search, samples.number, actors, True),
        ("办件查询 申请人 applicant（姓名 / 企业字号前缀）", search, samples.applicant, actors, True),
        ("办件查询 事项名称 item", search, samples.item, actors, True),
        ("办件查询 状态 + 收件日期 status + dates", search, samples.status_dates, actors, True),
        ("办件查询 综合 q（编号/申请人/事项）", search, samples.free_text, actors, True),
        ("办件查询 单字前缀 applicant（张 / 苏州）", search, samples.applicant_broad, actors, False),
    ]
    clerk = RoleAssignment.objects.filter(role=Role.WINDOW_CLERK).values_list("staff__user_id", flat=True).first()
    inspector = RoleAssignment.objects.filter(role=Role.INSPECTOR).values_list("staff__user_id", flat=True).first()
    if clerk:
        plan.append(("我的待办 my_tasks（综窗，全市待受理）", tasks, None, [(clerk, None)], False))
    if inspector:
        plan.append(("超期督办 overdue_cases（督查，全市）", overdue, None, [(inspector, None)], False))
    results = []
    for name, fns, make, who, target in plan:
        started = time.perf_counter()
        n = runs if target else max(20, runs // 5)
        r = _run(name, n, fns, make, who, rng, target)
        out(f"   {name}{'' if target else '（参考，不计目标）'}，{n} 次，"
            f"每次结果总数中位数 {int(statistics.median(r['page'].totals)):,}，"
            f"{time.perf_counter() - started:.0f} s")
        for label, text in (("page", "数据 page"), ("http", "整页 http")):
            x = r[label]
            out(f"      {text} p50 {x.p50:7.1f} ms  p95 {x.p95:7.1f} ms  max {max(x.times):7.1f} ms  "
                f"SQL 语句 {min(x.queries)}–{max(x.queries)} 条/页")
        results.append((name, r))
    return results
