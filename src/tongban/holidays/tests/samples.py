"""A made-up 2027 schedule for tests (NOT the real 2027 notice): 23 放假 days, 4 调休上班 days."""

from __future__ import annotations

import json
from datetime import date, timedelta

TITLE = "测试样例：2027年部分节假日安排（非真实通知）"


def _span(a: str, b: str, name: str) -> list[tuple[str, str, str]]:
    d, end = date.fromisoformat(a), date.fromisoformat(b)
    out = []
    while d <= end:
        out.append((d.isoformat(), "holiday", name))
        d += timedelta(days=1)
    return out


DAYS = (
    _span("2027-01-01", "2027-01-03", "元旦")
    + _span("2027-02-05", "2027-02-12", "春节")
    + _span("2027-05-01", "2027-05-05", "劳动节")
    + _span("2027-10-01", "2027-10-07", "国庆节")
    + [
        ("2027-01-31", "makeup_workday", "春节"),
        ("2027-02-20", "makeup_workday", "春节"),
        ("2027-04-25", "makeup_workday", "劳动节"),
        ("2027-09-26", "makeup_workday", "国庆节"),
    ]
)


def csv_text(days=DAYS, *, year="2027", title=TITLE, extra_header: str = "") -> str:
    lines = [
        f"# year: {year}",
        f"# notice_title: {title}",
        "# notice_number:",
        "# notice_url: https://example.gov.cn/2027.html",
        "# published_on: 2026-11-05",
        *([extra_header] if extra_header else []),
        "date,kind,name",
        *[",".join(row) for row in days],
    ]
    return "\n".join(lines) + "\n"


def json_text(days=DAYS, **overrides) -> str:
    obj = {
        "year": 2027,
        "notice_title": TITLE,
        "notice_number": "",
        "notice_url": "https://example.gov.cn/2027.html",
        "published_on": "2026-11-05",
        "days": [{"date": d, "kind": k, "name": n} for d, k, n in days],
    }
    obj.update(overrides)
    return json.dumps(obj, ensure_ascii=False)
