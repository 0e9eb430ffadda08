"""Submissions through the API under load, against a trivial endpoint on the same server, in one run.

gunicorn (gthread) serves tongban on 127.0.0.1 with the benchmark database. A load generator — a few processes,
each running asyncio connections with a minimal HTTP/1.1 keep-alive client (bounded: a fixed duration and a cap
on requests, 127.0.0.1 only) — drives two phases with the same connections, applicants and bearer tokens:

- trivial: `GET /api/v1/org/me` (the applicant's account: token check, one small JSON object);
- submit: a complete online application per iteration — `POST /api/v1/cases` with an `Idempotency-Key`,
  `POST /api/v1/cases/{id}/materials` attaching the applicant's already uploaded file (uploaded once per
  applicant before the run, as a portal keeps it), and `POST /api/v1/cases/{id}/submit`.

Both rates are requests per second of 2xx answers; the submit phase also counts complete submissions. The cases
made by the load are deleted afterwards, so the dataset keeps its size.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

HOST = "127.0.0.1"
TOKEN_NAME = "bench-cases-scale"
N_APPLICANTS = 64
PROCESSES = 2
CONNECTIONS = 8  # per process
WORKERS = 2
THREADS = 8
WARMUP_S = 3.0
# The two phases alternate in this many slices: the shared container's speed drifts within minutes and even
# between one 5-second slice and the next (slice ratios of 20 % and 54 % in one run), so the phases are cut
# into many slices and pooled (the trivial rate moved between 440 and 600 requests/s from one run to the next).
ROUNDS = 8
MAX_REQUESTS = 200_000  # per phase, across processes


# -- the load generator (runs in child processes; no Django) ---------------------------------------------------


class _Conn:
    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None

    async def request(self, method: str, path: str, headers: dict, body: bytes = b"") -> tuple[int, bytes]:
        if self.writer is None:
            await self.open()
        head = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        head.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        status_line = await self.reader.readline()
        if not status_line:
            await self.close()
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, chunked, close = 0, False, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            key, _, value = line.decode("latin-1").partition(":")
            key, value = key.strip().lower(), value.strip().lower()
            if key == "content-length":
                length = int(value)
            elif key == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif key == "connection" and value == "close":
                close = True
        if chunked:
            parts = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            data = b"".join(parts)
        else:
            data = await self.reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, data


async def _worker(kind: str, port: int, applicants: list[dict], deadline: float, counted_from: float,
                  budget: list[int], stats: dict, minimal: bool = False) -> None:
    conn = _Conn(port)
    i = 0
    while time.perf_counter() < deadline and budget[0] > 0:
        a = applicants[i % len(applicants)]
        i += 1
        auth = {"Authorization": f"Bearer {a['token']}", "Accept": "application/json"}
        if minimal and kind != "trivial":
            auth["Prefer"] = "return=minimal"
        try:
            if kind == "trivial":
                steps = [("GET", "/api/v1/org/me", auth, b"", "me")]
                await _steps(conn, steps, deadline, counted_from, budget, stats)
            else:
                body = json.dumps({"version_id": a["version_id"], "form_data": a["form"]}).encode()
                headers = {**auth, "Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
                status, data = await _one(conn, "POST", "/api/v1/cases", headers, body, counted_from, stats,
                                          "create", budget)
                if status != 201:
                    continue
                case_id = json.loads(data)["id"]
                body = json.dumps({"requirement_id": a["requirement_id"], "file_id": a["file_id"]}).encode()
                status, _ = await _one(conn, "POST", f"/api/v1/cases/{case_id}/materials",
                                       {**auth, "Content-Type": "application/json"}, body, counted_from, stats,
                                       "attach", budget)
                if status != 201:
                    continue
                status, _ = await _one(conn, "POST", f"/api/v1/cases/{case_id}/submit",
                                       {**auth, "Content-Type": "application/json"}, b"{}", counted_from, stats,
                                       "submit", budget)
                if status == 200 and time.perf_counter() >= counted_from and time.perf_counter() < deadline:
                    stats["submissions"] += 1
        except (ConnectionError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            stats["errors"][type(exc).__name__] = stats["errors"].get(type(exc).__name__, 0) + 1
            await conn.close()
    await conn.close()


async def _steps(conn, steps, deadline, counted_from, budget, stats):
    for method, path, headers, body, label in steps:
        await _one(conn, method, path, headers, body, counted_from, stats, label, budget)


async def _one(conn, method, path, headers, body, counted_from, stats, label, budget):
    started = time.perf_counter()
    status, data = await conn.request(method, path, headers, body)
    ended = time.perf_counter()
    if ended >= counted_from and ended < stats["deadline"]:
        stats["status"][status] = stats["status"].get(status, 0) + 1
        if 200 <= status < 300:
            stats["ok"] += 1
            stats["latency"].setdefault(label, []).append((ended - started) * 1000)
        elif len(stats["samples"]) < 3:
            stats["samples"].append(f"{method} {path} → {status}: {data[:300].decode('utf-8', 'replace')}")
    budget[0] -= 1
    return status, data


def _process(kind, port, applicants, connections, start_at, warmup, seconds, budget, queue, minimal=False):
    async def main():
        while time.time() < start_at:  # every process starts together
            await asyncio.sleep(0.005)
        now = time.perf_counter()
        counted_from, deadline = now + warmup, now + warmup + seconds
        stats = {"ok": 0, "status": {}, "latency": {}, "errors": {}, "samples": [], "submissions": 0,
                 "deadline": deadline}
        remaining = [budget]
        share = [applicants[i::connections] for i in range(connections)]
        await asyncio.gather(*(_worker(kind, port, share[i] or applicants, deadline, counted_from, remaining, stats,
                                       minimal) for i in range(connections)))
        stats["elapsed"] = min(time.perf_counter(), deadline) - counted_from
        return stats

    queue.put(asyncio.run(main()))


class _LockSampler:
    """What the server's database sessions wait for during a phase: pg_stat_activity sampled every 50 ms from a
    separate connection (the waiting statement's text names the row lock it queues for)."""

    def __init__(self, start_at: float, warmup: float, seconds: float):
        import threading

        self.start_at, self.warmup, self.seconds = start_at, warmup, seconds
        self.samples = 0
        self.active = self.waiting = 0
        self.statements: dict[str, int] = {}
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import re

        import psycopg

        url = os.environ["DATABASE_URL"]
        with psycopg.connect(url, autocommit=True) as conn:
            while time.time() < self.start_at + self.warmup:
                time.sleep(0.01)
            end = self.start_at + self.warmup + self.seconds
            while time.time() < end:
                rows = conn.execute(
                    "SELECT wait_event_type, query FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state = 'active' AND pid <> pg_backend_pid()").fetchall()
                self.samples += 1
                self.active += len(rows)
                for wait_type, query in rows:
                    if wait_type == "Lock":
                        self.waiting += 1
                        key = re.sub(r"\d+", "N", " ".join(query.split()))[:90]
                        self.statements[key] = self.statements.get(key, 0) + 1
                time.sleep(0.05)

    def report(self) -> dict:
        return {"samples": self.samples, "active": self.active, "waiting": self.waiting,
                "statements": dict(self.statements)}


def _locks(reports: list[dict]) -> dict:
    """The samplers' counts over every slice of a phase: sessions active and waiting on a row lock on average, and
    the statements waited for most."""
    n = max(1, sum(r["samples"] for r in reports))
    waiting = sum(r["waiting"] for r in reports)
    statements: dict[str, int] = {}
    for r in reports:
        for q, c in r["statements"].items():
            statements[q] = statements.get(q, 0) + c
    top = sorted(statements.items(), key=lambda kv: -kv[1])[:3]
    return {"active": sum(r["active"] for r in reports) / n, "waiting": waiting / n,
            "top": [(q, c / max(1, waiting)) for q, c in top]}


def drive(kind: str, port: int, applicants: list[dict], seconds: float, processes: int = PROCESSES,
          connections: int = CONNECTIONS, minimal: bool = False, warmup: float = WARMUP_S) -> dict:
    """One slice of a phase: `processes` × `connections` keep-alive connections for `seconds` after a warm-up."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    start_at = time.time() + 1.5
    sampler = _LockSampler(start_at, warmup, seconds)
    sampler.thread.start()
    procs = [ctx.Process(target=_process, args=(kind, port, applicants[p::processes], connections, start_at,
                                                warmup, seconds, MAX_REQUESTS // processes // ROUNDS, queue, minimal))
             for p in range(processes)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=seconds + warmup + 120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    sampler.thread.join(timeout=10)
    merged = _combine(results, parallel=True)
    merged["locks"] = [sampler.report()]
    return merged


def _combine(parts: list[dict], parallel: bool) -> dict:
    """Counts of load processes running side by side (parallel: their time is the mean of theirs) or of slices
    run one after another (their time adds up)."""
    merged = {"ok": 0, "status": {}, "latency": {}, "errors": {}, "samples": [], "submissions": 0,
              "locks": [lock for r in parts for lock in r.get("locks", [])]}
    for r in parts:
        merged["ok"] += r["ok"]
        merged["submissions"] += r["submissions"]
        for k, v in r["status"].items():
            merged["status"][k] = merged["status"].get(k, 0) + v
        for k, v in r["errors"].items():
            merged["errors"][k] = merged["errors"].get(k, 0) + v
        for k, v in r["latency"].items():
            merged["latency"].setdefault(k, []).extend(v)
        merged["samples"] += r["samples"]
    elapsed = [r["elapsed"] for r in parts]
    merged["elapsed"] = statistics.mean(elapsed) if parallel else sum(elapsed)
    merged["rps"] = merged["ok"] / merged["elapsed"]
    return merged


def alternate(port: int, applicants: list[dict], seconds: float, processes: int, connections: int,
              minimal: bool) -> tuple[dict, dict, list[float]]:
    """The trivial and the submission phase, `seconds` each, in ROUNDS alternating slices (the first with the
    full warm-up); both phases merged, and each round's ratio."""
    slices: dict[str, list[dict]] = {"trivial": [], "submit": []}
    for i in range(ROUNDS):
        warmup = WARMUP_S if i == 0 else 1.0
        for kind in slices:
            slices[kind].append(drive(kind, port, applicants, seconds / ROUNDS, processes, connections,
                                      minimal=minimal and kind == "submit", warmup=warmup))
    ratios = [s["rps"] / t["rps"] if t["rps"] else 0.0 for t, s in zip(slices["trivial"], slices["submit"], strict=True)]
    return _combine(slices["trivial"], parallel=False), _combine(slices["submit"], parallel=False), ratios


# -- setup and the server (in the benchmark's Django process) --------------------------------------------------


def _applicants() -> list[dict]:
    """Applicants with a portal account and a bearer token, each with one uploaded PDF to attach, and an item that
    asks one material of them. Tokens are issued afresh for every run; the uploaded files are kept."""
    from django.core.files.base import ContentFile

    from bench.cases_scale import world
    from tongban.files.models import StoredFile
    from tongban.files.services import file_upload
    from tongban.files.tests.samples import pdf
    from tongban.org.models import ApiToken
    from tongban.org.services import api_token_issue
    from tongban.people.models import NaturalPerson

    items = [i for i in world.items() if i.audience == "person" and len(i.required_materials) == 1]
    ApiToken.objects.filter(name=TOKEN_NAME).delete()
    out = []
    persons = NaturalPerson.objects.filter(user__username__startswith="applicant").select_related("user") \
        .order_by("pk")[:N_APPLICANTS]
    for n, person in enumerate(persons):
        user = person.user
        stored = StoredFile.objects.filter(uploaded_by=user, purpose=TOKEN_NAME).first()
        if stored is None:
            stored = file_upload(actor=user, upload=ContentFile(pdf(f"bench {user.pk}"), name="申请表.pdf"),
                                 purpose=TOKEN_NAME)
        _, raw = api_token_issue(actor=user, user=user, name=TOKEN_NAME)
        item = items[n % len(items)]
        out.append({"token": raw, "file_id": stored.pk, "version_id": item.version_id,
                    "requirement_id": item.required_materials[0],
                    "form": {"phone": person.phone, "address": person.address or "苏州市姑苏区人民路1号"}})
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving tongban on 127.0.0.1 with this process's environment (the benchmark database)."""

    def __init__(self, log: Path, workers: int = WORKERS, threads: int = THREADS,
                 app: str = "tongban.wsgi:application"):
        self.port = _free_port()
        self.app = app
        self.log = log
        self.workers, self.threads = workers, threads
        self.proc = None

    def __enter__(self):
        root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONUNBUFFERED": "1",
               "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self._log = open(self.log, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", self.app, "--bind", f"{HOST}:{self.port}",
             "--worker-class", "gthread", "--workers", str(self.workers), "--threads", str(self.threads),
             "--keep-alive", "30", "--graceful-timeout", "5", "--timeout", "60"],
            env=env, cwd=root, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {self.log}")
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as s:
                    s.sendall(b"GET /api/v1/org/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    if s.recv(64).startswith(b"HTTP/1.1"):
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


def _cleanup(first_id: int) -> int:
    """Remove the cases the load made (and what hangs off them), so the dataset keeps its size."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as c:
        for table in ("cases_casematerial", "cases_caseevent", "cases_notification", "cases_casestep",
                      "cases_supplementrequest"):
            c.execute(f"DELETE FROM {table} WHERE case_id >= %s", [first_id])
        c.execute("DELETE FROM cases_case WHERE id >= %s", [first_id])
        return c.rowcount


def _lat(values: list[float]) -> str:
    if len(values) < 2:
        return "—"
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49]:.1f} ms / p95 {q[94]:.1f} ms"


def breakdown(out, applicants: list[dict], n: int = 40) -> None:
    """Where one submission's time goes, in process (Django's test client: no HTTP, no concurrency): each request
    of the flow, and inside them the service, the case lookup and the case detail written back (api._out)."""
    import functools
    import uuid as uuid_
    from contextlib import ExitStack
    from unittest import mock

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from tongban.cases import api, services
    from tongban.cases.sms import LocmemSmsBackend

    inner: dict[str, list[float]] = {}

    def timed(name, fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            started = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                inner.setdefault(name, []).append((time.perf_counter() - started) * 1000)
        return wrapper

    client = Client()
    outer: dict[str, list[float]] = {}
    queries: dict[str, list[int]] = {}

    def call(label, fn):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = fn()
            outer.setdefault(label, []).append((time.perf_counter() - started) * 1000)
        queries.setdefault(label, []).append(len(ctx.captured_queries))
        return response

    def flow(a):
        auth = {"HTTP_AUTHORIZATION": f"Bearer {a['token']}"}
        call("me", lambda: client.get("/api/v1/org/me", **auth))
        r = call("create", lambda: client.post(
            "/api/v1/cases", json.dumps({"version_id": a["version_id"], "form_data": a["form"]}),
            content_type="application/json", HTTP_IDEMPOTENCY_KEY=str(uuid_.uuid4()), **auth))
        case_id = r.json()["id"]
        call("attach", lambda: client.post(
            f"/api/v1/cases/{case_id}/materials",
            json.dumps({"requirement_id": a["requirement_id"], "file_id": a["file_id"]}),
            content_type="application/json", **auth))
        r = call("submit", lambda: client.post(f"/api/v1/cases/{case_id}/submit", "{}",
                                               content_type="application/json", **auth))
        if r.status_code != 200:
            raise RuntimeError(f"submit → {r.status_code}: {r.content[:200]!r}")

    with ExitStack() as stack:
        # The console SMS backend would print every message into this report: keep them in memory here.
        stack.enter_context(override_settings(TONGBAN_SMS_BACKEND="tongban.cases.sms.LocmemSmsBackend"))
        for module, name in ((api, "_out"), (api, "_case"), (services, "case_draft"), (services, "case_attach"),
                             (services, "case_submit")):
            stack.enter_context(mock.patch.object(module, name, timed(name, getattr(module, name))))
        for i in range(10):  # warm up
            flow(applicants[i % len(applicants)])
        inner.clear(), outer.clear(), queries.clear()
        for i in range(n):
            flow(applicants[i % len(applicants)])
    LocmemSmsBackend.outbox.clear()
    med = {k: statistics.median(v) for k, v in {**outer, **inner}.items()}
    out(f"   一次完整提交的耗时构成（进程内，Django 测试客户端，无 HTTP、无并发；{n} 次中位数）：")
    out(f"      GET /org/me {med['me']:5.1f} ms（{int(statistics.median(queries['me']))} 条 SQL）")
    out(f"      POST /cases {med['create']:5.1f} ms（{int(statistics.median(queries['create']))} 条 SQL）："
        f"services.case_draft {med['case_draft']:.1f} ms，回写详情 api._out {med['_out']:.1f} ms")
    out(f"      POST …/materials {med['attach']:5.1f} ms（{int(statistics.median(queries['attach']))} 条 SQL）："
        f"api._case {med['_case']:.1f} ms，services.case_attach {med['case_attach']:.1f} ms，api._out {med['_out']:.1f} ms")
    out(f"      POST …/submit {med['submit']:5.1f} ms（{int(statistics.median(queries['submit']))} 条 SQL）："
        f"services.case_submit {med['case_submit']:.1f} ms，api._out {med['_out']:.1f} ms")
    writes = med["create"] + med["attach"] + med["submit"]
    share = 3 * med["_out"] / writes
    out(f"      三个写请求共 {writes:.1f} ms，其中回写详情（api._out，每次含 api._case）占 {share:.0%}；"
        f"进程内请求耗时之比 {3 * med['me'] / writes:.1%}（简单接口 ÷ 提交平均）")


APPS = {
    "full": ("tongban.wsgi:application", "写请求返回完整办件详情（默认）"),
    "minimal": ("tongban.wsgi:application", "写请求带 Prefer: return=minimal（RFC 7240：只返回编号、状态与版本）"),
}


def _phase_report(out, label: str, trivial: dict, submit: dict, rounds: list[float]) -> dict:
    ratio = submit["rps"] / trivial["rps"] if trivial["rps"] else 0.0
    subs = submit["submissions"] / submit["elapsed"]
    out(f"   {label}：")
    out(f"      简单接口 GET /api/v1/org/me：{trivial['rps']:8.1f} 请求/秒（{trivial['ok']:,} 个 2xx，"
        f"{_lat(trivial['latency'].get('me', []))}）")
    out(f"      提交申请（建草稿 + 挂材料 + 提交）：{submit['rps']:8.1f} 请求/秒（{submit['ok']:,} 个 2xx），"
        f"完整提交 {subs:.1f} 件/秒（{submit['submissions']:,} 件）")
    for step in ("create", "attach", "submit"):
        out(f"         {step:6s} {_lat(submit['latency'].get(step, []))}")
    out(f"      比值（提交阶段请求/秒 ÷ 简单接口请求/秒）：{ratio:.1%}（目标 ≥ 30%）；"
        f"按完整提交计（件/秒 ÷ 请求/秒）：{subs / trivial['rps'] if trivial['rps'] else 0:.1%}")
    out(f"      各轮比值：{' / '.join(f'{r:.1%}' for r in rounds)}")
    locks = _locks(submit["locks"])
    out(f"      提交阶段数据库会话：平均活动 {locks['active']:.1f} 个，其中等待行锁 {locks['waiting']:.1f} 个"
        + ("；等待最多的语句：" + "；".join(f"{q}…（{share:.0%}）" for q, share in locks["top"]) if locks["top"] else ""))
    for phase, r in (("trivial", trivial), ("submit", submit)):
        bad = {k: v for k, v in r["status"].items() if not 200 <= k < 300}
        if bad or r["errors"]:
            out(f"      {phase}: 非 2xx {bad}，连接错误 {r['errors']}")
            for sample in r["samples"][:2]:
                out("         " + " ".join(sample.split())[:300])
    return {"trivial_rps": trivial["rps"], "submit_rps": submit["rps"], "submissions_per_s": subs, "ratio": ratio,
            "rounds": rounds,
            "errors": sum(v for k, v in submit["status"].items() if not 200 <= k < 300)}


def run(*, seconds: float, out, workers: int = WORKERS, threads: int = THREADS, processes: int = PROCESSES,
        connections: int = CONNECTIONS, variants=("full", "minimal")) -> dict:
    from django.conf import settings
    from django.db import connection

    applicants = _applicants()
    with connection.cursor() as c:
        c.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM cases_case")
        first_id = c.fetchone()[0]
    connection.close()  # the server's workers take their own connections
    breakdown(out, applicants)
    out(f"   gunicorn gthread {workers} workers × {threads} threads；负载 {processes} 进程 × {connections} 连接"
        f"（keep-alive）；两阶段各计 {seconds:.0f} s，分 {ROUNDS} 轮交替（首轮预热 {WARMUP_S:.0f} s，其后各 1 s），"
        f"每阶段上限 {MAX_REQUESTS:,} 请求；"
        f"{len(applicants)} 名申请人各持令牌；邮件 {settings.EMAIL_BACKEND.rsplit('.', 2)[-2]}，短信写入服务器日志")
    results = {}
    try:
        for variant in variants:
            app, label = APPS[variant]
            log = Path(settings.VAR_DIR) / f"gunicorn-{variant}.log"
            with Server(log, workers, threads, app) as server:
                trivial, submit, rounds = alternate(server.port, applicants, seconds, processes, connections,
                                                    minimal=variant == "minimal")
            results[variant] = _phase_report(out, label, trivial, submit, rounds)
            deadlocks = log.read_text(errors="replace").count("DeadlockDetected")
            if deadlocks:
                out(f"      服务器日志中 PostgreSQL 报告死锁 {deadlocks} 次（{log}）")
    finally:
        removed = _cleanup(first_id)
    out(f"   负载产生的 {removed:,} 个办件已删除（数据集保持原规模）")
    return results
