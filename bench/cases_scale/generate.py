"""Applicants and 1,000,000 cases over three years, in bulk: rows are made in Python (names, identity numbers
with their check characters, dates on the working-day calendar, deadlines through `tongban.clock`) and written
with COPY; review steps and the timeline are derived from the cases inside PostgreSQL (INSERT … SELECT).

The mix follows a working approval bureau: most cases concluded (granted, a few denied, refused at intake,
decided on the spot, withdrawn), about 5 % under review with an active step (some overdue, some with a special
procedure running or an approved extension), some waiting for the intake decision or for a 补正, a few decided
and waiting for delivery, and abandoned drafts. Foreign keys are not checked row by row during the load
(`session_replication_role = replica`): every id comes from rows made here.
"""

from __future__ import annotations

import importlib
import json
import random
import time
from bisect import bisect_left
from datetime import date, datetime, timedelta
from itertools import accumulate

from bench.cases_scale import world

SEED = 20261125
N_PERSONS = 40_000
N_LEGAL = 10_000
YEARS = 3

# Shares of the final status (the rest is concluded).
SHARES = {
    "draft": 0.008,
    "withdrawn": 0.015,
    "received": 0.006,
    "supplement_requested": 0.005,
    "in_review": 0.05,
    "decided": 0.004,
    "refused": 0.001,
}

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
            "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕飞鹏辉斌宇浩凯健俊帆帅旭宁"
         "龙林欣怡佳琪晨阳子涵思雨梓轩一诺博文昊然浩宇雪梅志强建国建华国庆春生文静海燕晓东晓明丹丹婷婷雅琴"
         "嘉怡欣妍若曦紫萱俊杰天佑承泽皓轩宇航梦瑶诗涵可馨心怡")
TRADE = ("金鼎华盛恒泰瑞丰鑫源宏达永兴德润嘉禾中天东方新越兴隆汇通博远启航同创远景凯旋星辰阳光绿洲海纳"
         "锦程精诚聚力天成鼎盛祥和万通长青立信泰和众鑫亿达腾飞创新明德国信润泽华腾昌盛安康佳美")
INDUSTRY = ["科技", "餐饮管理", "食品", "建设工程", "物业管理", "医药", "贸易", "环保科技", "信息技术", "教育咨询",
            "文化传媒", "物流", "机械制造", "电子", "旅游", "建筑劳务", "人力资源", "汽车服务", "生物科技", "商贸"]
REGION_PREFIX = [("苏州", 60), ("江苏", 15), ("昆山", 10), ("", 15)]
ROADS = ["人民路", "干将路", "东环路", "星湖街", "金鸡湖大道", "竹辉路", "三香路", "长江路", "太湖大道", "苏州大道"]
ID_DIVISIONS = ["320505", "320506", "320507", "320508", "320581", "320582", "320583", "320585", "320102", "340102",
                "310115", "330106", "320211", "320402", "341204", "370102"]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
SUSPEND_REASONS = ["专家评审", "检验", "检测", "鉴定", "听证"]

CASE_COLUMNS = (
    "id", "number", "item_version_id", "department_id", "zone_id", "channel", "receiving_window_id",
    "applicant_person_id", "applicant_legal_id", "applicant_name", "agent_id", "submitted_by_id", "form_data",
    "status", "idempotency_key", "received_on", "intake_started_on", "accepted_on", "acceptance", "current_step",
    "decision", "decision_reasons", "decided_on", "concluded_at", "withdrawn_at", "due_on", "row_version",
    "created_at", "updated_at", "task_role",  # task_role: filled from the steps in derived()
)


def _ts(d: date, rng: random.Random, lo: int = 8 * 3600 + 1800, hi: int = 17 * 3600 + 1800) -> str:
    s = rng.randrange(lo, hi)
    return f"{d.isoformat()} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}+08"


def _v(value) -> str:
    """One COPY text field (the values made here contain no tab, newline or backslash)."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def _copy(cursor, table: str, columns, rows, chunk: int = 20_000) -> int:
    """COPY rows (tuples of Python values) into table; returns the number of rows."""
    n = 0
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        buf = []
        for row in rows:
            buf.append("\t".join(map(_v, row)))
            if len(buf) >= chunk:
                copy.write("\n".join(buf) + "\n")
                n += len(buf)
                buf = []
        if buf:
            copy.write("\n".join(buf) + "\n")
            n += len(buf)
    return n


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def _id_number(rng: random.Random, seen: set) -> tuple[str, date, str]:
    from tongban.people.identity import id_check_character

    while True:
        birth = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 20_000))
        seq = rng.randrange(0, 1000)
        first17 = f"{rng.choice(ID_DIVISIONS)}{birth:%Y%m%d}{seq:03d}"
        number = first17 + id_check_character(first17)
        if number not in seen:
            seen.add(number)
            return number, birth, "male" if seq % 2 else "female"


def _uscc(rng: random.Random, seen: set) -> str:
    from tongban.people.identity import uscc_check_character

    while True:
        first17 = "91" + rng.choice(["320500", "320505", "320506", "320507", "320508", "320583"]) + "".join(
            rng.choice(USCC_CHARS) for _ in range(9))
        code = first17 + uscc_check_character(first17)
        if code not in seen:
            seen.add(code)
            return code


def _person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES[:30] if rng.random() < 0.7 else SURNAMES) + given


def _company_name(rng: random.Random) -> str:
    prefix = rng.choices([p for p, _ in REGION_PREFIX], [w for _, w in REGION_PREFIX])[0]
    trade = rng.choice(TRADE) + rng.choice(TRADE)
    industry = rng.choice(INDUSTRY)
    return f"{prefix}{trade}{industry}有限公司" if prefix else f"{trade}{industry}（苏州）有限公司"


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def people(cursor, rng: random.Random, now: str) -> tuple[list, list]:
    """40,000 natural persons, each with a portal account, and 10,000 companies whose legal representatives are
    among them. Returns [(person_id, user_id, name, phone)] and [(legal_id, name, uscc, representative user_id)]."""
    user0 = _next_id(cursor, "auth_user")
    person0 = _next_id(cursor, "people_naturalperson")
    legal0 = _next_id(cursor, "people_legalperson")
    seen_ids: set = set()
    persons, person_rows, user_rows = [], [], []
    for i in range(N_PERSONS):
        number, birth, gender = _id_number(rng, seen_ids)
        name, phone = _person_name(rng), _phone(rng)
        address = f"苏州市{rng.choice(world.DISTRICTS)[1]}{rng.choice(ROADS)}{rng.randrange(1, 999)}号"
        uid, pid = user0 + i, person0 + i
        user_rows.append((uid, "!bench", None, False, f"applicant{i + 1:05d}", "", "", "", False, True, now))
        person_rows.append((pid, name, "resident_id", number, birth, gender, phone, address, uid, None, now, now))
        persons.append((pid, uid, name, phone, number))
    _copy(cursor, "auth_user", ("id", "password", "last_login", "is_superuser", "username", "first_name",
                                "last_name", "email", "is_staff", "is_active", "date_joined"), user_rows)
    _copy(cursor, "people_naturalperson", ("id", "name", "id_type", "id_number", "birth_date", "gender", "phone",
                                           "address", "user_id", "verified_at", "created_at", "updated_at"),
          person_rows)
    seen_uscc: set = set()
    legals, legal_rows = [], []
    for i in range(N_LEGAL):
        rep = persons[rng.randrange(N_PERSONS)]
        code, name = _uscc(rng, seen_uscc), _company_name(rng)
        address = f"苏州市{rng.choice(world.DISTRICTS)[1]}{rng.choice(ROADS)}{rng.randrange(1, 999)}号"
        legal_rows.append((legal0 + i, name, code, code[:2], code[2:8], rep[2], "resident_id", rep[4], address,
                           now, now))
        legals.append((legal0 + i, name, code, rep[1], rep[2], rep[3]))
    _copy(cursor, "people_legalperson", ("id", "name", "uscc", "organisation_type", "division_code",
                                         "legal_representative_name", "legal_representative_id_type",
                                         "legal_representative_id_number", "address", "created_at", "updated_at"),
          legal_rows)
    return persons, legals


class _Days:
    """Working days and all days of the three years up to `today`, for sampling."""

    def __init__(self, cal, today: date):
        self.cal, self.today = cal, today
        first = date(today.year - YEARS, today.month, min(today.day, 28))
        self.all = [first + timedelta(days=i) for i in range((today - first).days + 1)]
        self.work = [d for d in self.all if cal.is_workday(d)]
        # Demand grows about 25 % a year: sample positions through a rising weight.
        weights = [1.0 + 0.25 * YEARS * i / len(self.work) for i in range(len(self.work))]
        self._cum = list(accumulate(weights))

    def received(self, rng: random.Random, before: date) -> date:
        """A receipt day before `before`: a working day (a tenth are online on a rest day)."""
        hi = bisect_left(self.work, before)
        if hi <= 0:
            return self.work[0]
        if rng.random() < 0.1:
            lo_day = self.all[0]
            return lo_day + timedelta(days=rng.randrange(0, max(1, (before - lo_day).days)))
        x = rng.random() * self._cum[hi - 1]
        return self.work[min(bisect_left(self._cum, x), hi - 1)]

    def workdays_back(self, k: int) -> date:
        """The k-th working day before today (0: the last working day up to today)."""
        i = bisect_left(self.work, self.today + timedelta(days=1)) - 1 - k
        return self.work[max(i, 0)]

    def add(self, d: date, n: int) -> date:
        return self.cal.add_workdays(d, n)


def cases(cursor, rng: random.Random, n_cases: int, today: date, persons, legals, log) -> dict:
    """The cases, with the suspensions, extensions and 补正 requests of the active ones (COPY)."""
    from tongban.clock import CalendarNotLoaded, Deadline, Suspension, WorkCalendar
    from tongban.clock import Extension as ClockExtension
    from tongban.org.models import Department, Role

    cal = WorkCalendar.default()
    days = _Days(cal, today)
    items = world.items()
    item_weights = list(accumulate(i.weight for i in items))
    reviewers = world.staff_users(Role.REVIEWER)
    approvers = world.staff_users(Role.APPROVER)
    clerks = world.staff_users(Role.WINDOW_CLERK)
    clerk_users = [u for users in clerks.values() for u in users]
    windows = world.window_ids()
    codes = dict(Department.objects.values_list("pk", "code"))
    statuses = list(SHARES) + ["concluded"]
    status_cum = list(accumulate(list(SHARES.values()) + [1 - sum(SHARES.values())]))
    first_material = {}
    from tongban.catalog.models import MaterialRequirement

    for m in MaterialRequirement.objects.filter(version_id__in=[i.version_id for i in items]).order_by("order"):
        first_material.setdefault(m.version_id, (m.pk, m.name))

    started = time.perf_counter()
    records = []
    suspensions, extensions, supplements = [], [], []
    for _ in range(n_cases):
        item = items[bisect_left(item_weights, rng.random() * item_weights[-1])]
        status = statuses[bisect_left(status_cum, rng.random())]
        if item.audience == "person":
            pid, uid, name, phone, _number = persons[rng.randrange(len(persons))]
            legal_id, person_id = None, pid
            form = {"phone": phone, "address": f"苏州市{rng.choice(ROADS)}{rng.randrange(1, 999)}号"}
        else:
            legal_id, name, uscc, uid, rep_name, phone = legals[rng.randrange(len(legals))]
            person_id = None
            form = {"uscc": uscc, "contact": rep_name, "phone": phone}
        online = rng.random() < 0.75
        window = None if online else rng.choice(windows)
        submitter = uid if online else rng.choice(clerk_users)
        r = {
            "item": item, "status": status, "person": person_id, "legal": legal_id, "name": name,
            "window": window, "submitted_by": submitter, "form": form, "received": None, "intake": None,
            "accepted": None, "acceptance": "", "current_step": None, "decision": "", "reasons": "",
            "decided": None, "concluded_at": None, "withdrawn_at": None, "due": None, "created": None,
            "events": 1, "susp": None, "ext": None, "supp": False,
        }
        promised = item.promised_days
        if status == "draft":
            r["created"] = days.received(rng, today + timedelta(days=1))
        elif status == "received":
            r["received"] = days.workdays_back(rng.randrange(0, 5))
        elif status == "supplement_requested":
            r["received"] = days.workdays_back(rng.randrange(2, 25))
            r["supp"] = days.add(r["received"], rng.randrange(1, 5))
            if r["supp"] > today:
                r["supp"] = today
        elif status == "withdrawn":
            r["received"] = days.received(rng, today)
            r["withdrawn_at"] = r["received"] + timedelta(days=rng.randrange(0, 8))
            if r["withdrawn_at"] > today:
                r["withdrawn_at"] = today
        elif status == "refused":
            r["received"] = days.workdays_back(rng.randrange(1, 10))
            r["decided"] = min(today, days.add(r["received"], rng.randrange(1, 5)))
        elif status in ("in_review", "decided"):
            late = rng.random() < 0.15
            k = rng.randrange(promised + 3, promised + 25) if late else rng.randrange(0, promised + 3)
            if status == "decided":
                k = promised + rng.randrange(1, 10)
            accepted = days.workdays_back(k)
            deemed = rng.random() < 0.1
            r["received"] = accepted if deemed else days.workdays_back(k + rng.randrange(0, 4))
            r["accepted"], r["acceptance"] = accepted, "deemed" if deemed else "explicit"
            r["events"] += 1
            susp = ext = None
            if status == "in_review":
                u = rng.random()
                dept_reviewers = reviewers[item.department_id]
                if u < 0.04:  # a special procedure running now
                    start = days.workdays_back(rng.randrange(0, min(k, 15) + 1))
                    susp = (rng.choice(SUSPEND_REASONS), max(start, accepted), None, rng.randrange(5, 30),
                            rng.choice(dept_reviewers))
                elif u < 0.09:  # one that has ended
                    start = days.add(accepted, rng.randrange(0, 3))
                    end = days.add(start, rng.randrange(2, 10))
                    if end <= today:
                        susp = (rng.choice(SUSPEND_REASONS), start, end, rng.randrange(2, 10),
                                rng.choice(dept_reviewers))
                if late and rng.random() < 0.25:
                    ext = (10, rng.choice(dept_reviewers), rng.choice(approvers[item.department_id]),
                           days.add(accepted, max(1, promised - 2)))
                r["current_step"] = rng.randrange(1, len(item.steps) + 1)
            else:
                r["current_step"] = len(item.steps)
            deadline = Deadline(
                start=accepted, workdays=promised, calendar=cal,
                suspensions=(Suspension(reason=susp[0], start=susp[1], end=susp[2]),) if susp else (),
                extensions=(ClockExtension(approver="审批员", reason="情况复杂", days=ext[0]),) if ext else (),
            )
            try:
                r["due"] = deadline.due(today)
            except CalendarNotLoaded:  # beyond the loaded calendar: 待定 (NULL), as cases.services stores it
                r["due"] = None
            r["susp"], r["ext"] = susp, ext
            if status == "decided":
                r["decided"] = days.workdays_back(rng.randrange(0, 8))
                r["decision"] = "grant" if rng.random() < 0.95 else "deny"
                r["events"] += 2
        else:  # concluded
            r["received"] = days.received(rng, days.workdays_back(promised + 8))
            u = rng.random()
            if u < 0.04:  # refused at intake and delivered
                r["decided"] = days.add(r["received"], rng.randrange(1, 5))
                r["concluded_at"] = r["decided"] + timedelta(days=rng.randrange(0, 4))
                r["events"] += 2
            elif u < 0.06:  # 即办件: decided on the spot
                r["accepted"] = r["decided"] = r["received"]
                r["acceptance"], r["decision"] = "instant", "grant"
                r["concluded_at"] = r["received"]
                r["events"] += 2
            else:
                deemed = rng.random() < 0.03
                accepted = r["received"] if deemed else days.add(r["received"], rng.randrange(0, 4))
                r["accepted"], r["acceptance"] = accepted, "deemed" if deemed else "explicit"
                r["due"] = days.add(accepted, promised)
                late = rng.random() < 0.02
                r["decided"] = days.add(accepted, promised + rng.randrange(1, 6) if late
                                        else rng.randrange(1, promised + 1))
                r["decision"] = "grant" if rng.random() < 0.96 else "deny"
                r["current_step"] = len(item.steps)
                r["concluded_at"] = r["decided"] + timedelta(days=rng.randrange(0, 3) if online else rng.randrange(1, 8))
                r["events"] += 3 + len(item.steps) - 1
            if r["concluded_at"] > today:
                r["concluded_at"] = today
        if r["decision"] == "deny":
            r["reasons"] = "申请人不具备法定条件：经营场所不符合要求"
        r["created"] = r["created"] or r["received"]
        records.append(r)
    log(f"   cases made in Python: {time.perf_counter() - started:.1f} s")

    # Ids in the order the applications were made; numbers per department and year in receipt order.
    records.sort(key=lambda r: r["created"])
    case0 = _next_id(cursor, "cases_case")
    sequence: dict[tuple[int, int], int] = {}
    started = time.perf_counter()

    def rows():
        for offset, r in enumerate(records):
            cid = case0 + offset
            r["id"] = cid
            item = r["item"]
            number = None
            if r["received"] is not None:
                key = (item.department_id, r["received"].year)
                sequence[key] = sequence.get(key, 0) + 1
                number = f"{key[1]}-{codes[item.department_id]}-{sequence[key]:06d}"
            created = _ts(r["created"], rng)
            concluded = _ts(r["concluded_at"], rng, 9 * 3600, 18 * 3600) if r["concluded_at"] else None
            withdrawn = _ts(r["withdrawn_at"], rng) if r["withdrawn_at"] else None
            status = r["status"]
            intake = r["received"] if status in ("received", "in_review", "decided", "refused", "concluded",
                                                 "withdrawn") else None
            if status == "supplement_requested":
                intake = r["received"]
            yield (
                cid, number, item.version_id, item.department_id, None,
                "online" if r["window"] is None else "window", r["window"], r["person"], r["legal"], r["name"],
                None, r["submitted_by"], json.dumps(r["form"], ensure_ascii=False), status, "", r["received"],
                intake, r["accepted"], r["acceptance"], r["current_step"], r["decision"], r["reasons"], r["decided"],
                concluded, withdrawn, r["due"], r["events"], created, concluded or withdrawn or created, "",
            )
            if r["susp"]:
                reason, start, end, expected, by = r["susp"]
                suspensions.append((cid, reason, "委托第三方机构开展", start, expected, end, by, by if end else None))
            if r["ext"]:
                days_, by, approver, on = r["ext"]
                extensions.append((cid, days_, "案情复杂，需进一步核实", by, on, approver, on))
            if r["supp"]:
                mid, mname = first_material[item.version_id]
                items_json = json.dumps([{"requirement_id": mid, "name": mname, "reason": "材料未加盖公章"}],
                                        ensure_ascii=False)
                supplements.append((cid, 1, items_json, r["supp"], rng.choice(clerk_users), None))

    n = _copy(cursor, "cases_case", CASE_COLUMNS, rows())
    log(f"   COPY cases_case: {n:,} rows in {time.perf_counter() - started:.1f} s")
    _copy(cursor, "cases_suspension", ("case_id", "reason", "detail", "started_on", "expected_workdays", "ended_on",
                                       "started_by_id", "ended_by_id"), suspensions)
    _copy(cursor, "cases_extension", ("case_id", "days", "reason", "requested_by_id", "requested_on",
                                      "approved_by_id", "approved_on"), extensions)
    _copy(cursor, "cases_supplementrequest", ("case_id", "round", "items", "requested_on", "requested_by_id",
                                              "answered_on"), supplements)
    cursor.execute("INSERT INTO cases_casesequence (department_id, year, last) VALUES "
                   + ", ".join(f"({d}, {y}, {last})" for (d, y), last in sorted(sequence.items())))
    return {"cases": n, "suspensions": len(suspensions), "extensions": len(extensions),
            "supplements": len(supplements)}


# The review steps of every accepted case, copied from its item version: done before the current step, the
# current one active (in_review), all done once decided. Who completed a step: one of the department's staff
# holding the step's role (bench_staff, a temporary table).
STEPS_SQL = """
INSERT INTO cases_casestep (case_id, "order", name, role, workdays, state, started_on, completed_at, completed_by_id)
SELECT c.id, s."order", s.name, s.role, s.workdays,
       CASE WHEN c.status <> 'in_review' OR s."order" < c.current_step THEN 'done'
            WHEN s."order" = c.current_step THEN 'active' ELSE 'pending' END,
       CASE WHEN c.status = 'in_review' AND s."order" > c.current_step THEN NULL
            ELSE LEAST(c.accepted_on + (s."order" - 1) * 2, COALESCE(c.decided_on, %(today)s::date)) END,
       CASE WHEN c.status <> 'in_review' OR s."order" < c.current_step
            THEN LEAST(c.accepted_on + (s."order" - 1) * 2 + 1, COALESCE(c.decided_on, %(today)s::date))
                 + time '10:30' + (c.id %% 400) * interval '1 minute' - interval '8 hours' END,
       CASE WHEN c.status <> 'in_review' OR s."order" < c.current_step THEN bs.user_id END
FROM cases_case c
JOIN catalog_reviewstep s ON s.version_id = c.item_version_id
JOIN bench_staff_n n ON n.department_id = c.department_id AND n.role = s.role
JOIN bench_staff bs ON bs.department_id = c.department_id AND bs.role = s.role AND bs.idx = c.id %% n.n
WHERE c.acceptance IN ('explicit', 'deemed') AND c.status IN ('in_review', 'decided', 'concluded')
"""

# The timeline: submission, intake decision, completed steps (but the last), decision, delivery, withdrawal.
EVENTS_SQL = """
INSERT INTO cases_caseevent (case_id, action, at, actor_id, actor_label, summary, public)
SELECT c.id, 'submit', c.created_at, c.submitted_by_id, '申请人', '提交申请，办件编号 ' || c.number, true
  FROM cases_case c WHERE c.number IS NOT NULL
UNION ALL
SELECT c.id, CASE c.acceptance WHEN 'deemed' THEN 'deem_accept' WHEN 'instant' THEN 'instant' ELSE 'accept' END,
       c.accepted_on + time '15:00' - interval '8 hours',
       CASE WHEN c.acceptance = 'deemed' THEN NULL ELSE cl.user_id END,
       CASE WHEN c.acceptance = 'deemed' THEN '系统' ELSE '综窗人员' END,
       CASE c.acceptance WHEN 'deemed' THEN '依行政许可法第三十二条视为受理' WHEN 'instant' THEN '即办：当场准予'
            ELSE '受理，决定期限 ' || COALESCE(c.due_on::text, '') END, true
  FROM cases_case c JOIN bench_clerks cl ON cl.idx = c.id %% (SELECT count(*) FROM bench_clerks)
  WHERE c.acceptance <> ''
UNION ALL
SELECT s.case_id, 'complete_step', s.completed_at, s.completed_by_id, '审查人员', s.name || '完成', true
  FROM cases_casestep s JOIN cases_case c ON c.id = s.case_id
  WHERE s.state = 'done' AND s.completed_at IS NOT NULL AND (c.status = 'in_review' OR s.role <> 'approver')
UNION ALL
SELECT c.id, CASE WHEN c.decision = '' THEN 'refuse_intake' ELSE 'decide' END,
       c.decided_on + time '16:00' - interval '8 hours', NULL, '审批人员',
       CASE c.decision WHEN 'grant' THEN '准予许可' WHEN 'deny' THEN '不予许可：' || c.decision_reasons
            ELSE '不予受理' END, true
  FROM cases_case c WHERE c.decided_on IS NOT NULL AND c.acceptance <> 'instant'
UNION ALL
SELECT c.id, 'deliver', c.concluded_at, NULL, '系统', '送达，办结', true
  FROM cases_case c WHERE c.status = 'concluded'
UNION ALL
SELECT c.id, 'request_supplement', r.requested_on + time '11:00' - interval '8 hours', r.requested_by_id, '综窗人员',
       '一次性告知补正', true
  FROM cases_case c JOIN cases_supplementrequest r ON r.case_id = c.id
UNION ALL
SELECT c.id, 'withdraw', c.withdrawn_at, c.submitted_by_id, '申请人', '申请人撤回申请', true
  FROM cases_case c WHERE c.status = 'withdrawn'
"""


def derived(cursor, today: date, log) -> dict:
    from tongban.org.models import Role

    cursor.execute("""
        CREATE TEMP TABLE bench_staff AS
        SELECT ra.department_id, ra.role, s.user_id,
               (row_number() OVER (PARTITION BY ra.department_id, ra.role ORDER BY s.user_id) - 1)::int AS idx
        FROM org_roleassignment ra JOIN org_staff s ON s.id = ra.staff_id
        WHERE ra.department_id IS NOT NULL AND ra.role IN (%s, %s)""", [Role.REVIEWER, Role.APPROVER])
    cursor.execute("CREATE TEMP TABLE bench_staff_n AS SELECT department_id, role, count(*)::int AS n "
                   "FROM bench_staff GROUP BY 1, 2")
    cursor.execute("""
        CREATE TEMP TABLE bench_clerks AS
        SELECT s.user_id, (row_number() OVER (ORDER BY s.user_id) - 1)::int AS idx
        FROM org_roleassignment ra JOIN org_staff s ON s.id = ra.staff_id WHERE ra.role = %s""", [Role.WINDOW_CLERK])
    out = {}
    task_role = importlib.import_module("tongban.cases.migrations.0003_task_role").BACKFILL  # as the services keep it
    for label, sql in (("cases_casestep", STEPS_SQL), ("cases_case.task_role", task_role),
                       ("cases_caseevent", EVENTS_SQL)):
        started = time.perf_counter()
        cursor.execute(sql, {"today": today})
        out[label] = cursor.rowcount
        log(f"   {label}: {cursor.rowcount:,} rows in {time.perf_counter() - started:.1f} s")
    return out


def generate(n_cases: int, today: date, log) -> dict:
    """Everything but the organisation and catalogue (world.build) into the current database, in one transaction."""
    from django.db import connection, transaction

    rng = random.Random(SEED)
    now = datetime.now().astimezone().isoformat(sep=" ", timespec="seconds")
    with transaction.atomic(), connection.cursor() as c:
        cursor = c.cursor  # psycopg's own cursor, for COPY
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        started = time.perf_counter()
        persons, legals = people(cursor, rng, now)
        log(f"   applicants: {len(persons):,} persons with accounts, {len(legals):,} companies "
            f"in {time.perf_counter() - started:.1f} s")
        counts = cases(cursor, rng, n_cases, today, persons, legals, log)
        counts.update(derived(cursor, today, log))
        for table in ("auth_user", "people_naturalperson", "people_legalperson", "cases_case"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    counts["persons"], counts["legal_persons"] = len(persons), len(legals)
    return counts
