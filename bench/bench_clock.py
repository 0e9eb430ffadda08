"""tongban.clock against chinesecalendar on the same 100,000 random queries, answers asserted identical.

- add:     our cal.add_workdays(d, n) vs chinesecalendar.find_workday(n - 1, d + 1 day). find_workday(k, x) is
           the k-th working day after the first working day on or after x, so both mean "the n-th working day
           after d, d not counted". The argument shift is computed before timing.
- between: our cal.workdays_between(a, b) vs len(chinesecalendar.get_workdays(a + 1 day, b)) (get_workdays
           includes its start; ours excludes it, 民法典 第二百零一条).

Queries: dates uniform over chinesecalendar's known range, n uniform in 1..60 (20, 45 and 45+15 working days
are the statutory limits that matter), spans uniform in 0..90 calendar days; kept inside the known range.
Target: our arithmetic at least 100× faster.
"""

from __future__ import annotations

import platform
import random
import sys
import time
from datetime import date, timedelta

N = 100_000
SEED = 20261125


def _queries(first: date, last: date):
    rng = random.Random(SEED)
    span_days = (last - first).days
    adds, betweens = [], []
    while len(adds) < N:
        d = first + timedelta(days=rng.randrange(span_days))
        n = rng.randint(1, 60)
        if d + timedelta(days=n * 2 + 30) <= last:  # 60 working days never take more than 150 calendar days
            adds.append((d, n))
    while len(betweens) < N:
        a = first + timedelta(days=rng.randrange(span_days))
        b = a + timedelta(days=rng.randint(0, 90))
        if b <= last:
            betweens.append((a, b))
    return adds, betweens


def _time(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main() -> None:
    import chinese_calendar

    from tongban.clock import WorkCalendar, chinesecalendar_range, chinesecalendar_schedules

    first_year, last_year = chinesecalendar_range()
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    adds, betweens = _queries(first, last)
    one = timedelta(days=1)

    schedules = chinesecalendar_schedules()
    build_s, cal = _time(lambda: WorkCalendar(schedules))
    add, between = cal.add_workdays, cal.workdays_between

    ours_add_s, ours_add = _time(lambda: [add(d, n) for d, n in adds])
    cc_args = [(n - 1, d + one) for d, n in adds]
    find = chinese_calendar.find_workday
    cc_add_s, cc_add = _time(lambda: [find(k, x) for k, x in cc_args])
    assert ours_add == cc_add, "add_workdays disagrees with chinesecalendar.find_workday"

    ours_between_s, ours_between = _time(lambda: [between(a, b) for a, b in betweens])
    get = chinese_calendar.get_workdays
    cc_between_s, cc_between = _time(lambda: [len(get(a + one, b)) if b > a else 0 for a, b in betweens])
    assert ours_between == cc_between, "workdays_between disagrees with chinesecalendar.get_workdays"

    def row(label, ours, theirs):
        ratio = theirs / ours
        flag = "ok" if ratio >= 100 else "BELOW TARGET"
        print(
            f"{label:<9} ours {ours * 1e3:9.1f} ms ({ours / N * 1e9:7.0f} ns/query)   "
            f"chinesecalendar {theirs:8.2f} s ({theirs / N * 1e6:7.1f} µs/query)   ratio {ratio:9,.0f}×  {flag}"
        )

    print(
        f"tongban.clock vs chinesecalendar: {N:,} queries each, {first_year}–{last_year}, identical answers"
    )
    print(f"python {platform.python_version()} on {platform.machine()}, {sys.platform}")
    print(f"calendar build (index over {last_year - first_year + 1} years): {build_s * 1e3:.1f} ms")
    row("add", ours_add_s, cc_add_s)
    row("between", ours_between_s, cc_between_s)
    print("target: ratio >= 100×")
