"""Reading and checking a schedule file (CSV or JSON) before anything is written. Pure: no database.

Formats (also in docs/adr/0002-working-day-calendar.md and `tongban calendar import --help`):

CSV, UTF-8 (GB18030 is accepted too, as saved by Excel), metadata in `# key: value` lines, then a header row:

    # year: 2027
    # notice_title: 国务院办公厅关于2027年部分节假日安排的通知
    # notice_number: 国办发明电〔2026〕N号
    # notice_url: https://www.gov.cn/...
    # published_on: 2026-11-05
    date,kind,name
    2027-01-01,holiday,元旦
    2027-02-06,makeup_workday,春节

JSON: {"year": 2027, "notice_title": "…", "notice_number": "", "notice_url": "…", "published_on": "2026-11-05",
       "days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}, …]}

`kind` is `holiday` (放假) or `makeup_workday` (调休上班); the Chinese words are accepted too. `notice_number`,
`notice_url` and `published_on` may be blank (leave the number blank when it cannot be confirmed).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import date

from tongban.core.errors import ValidationFailed

MAX_BYTES = 1024 * 1024
MAX_DAYS = 366
WEEKDAYS = "一二三四五六日"

HOLIDAY = "holiday"
MAKEUP_WORKDAY = "makeup_workday"
KIND_ALIASES = {
    "holiday": HOLIDAY,
    "放假": HOLIDAY,
    "休": HOLIDAY,
    "makeup_workday": MAKEUP_WORKDAY,
    "makeup": MAKEUP_WORKDAY,
    "调休上班": MAKEUP_WORKDAY,
    "上班": MAKEUP_WORKDAY,
    "班": MAKEUP_WORKDAY,
}
META_ALIASES = {
    "year": "year",
    "年份": "year",
    "notice_title": "notice_title",
    "通知标题": "notice_title",
    "notice_number": "notice_number",
    "文号": "notice_number",
    "notice_url": "notice_url",
    "通知链接": "notice_url",
    "published_on": "published_on",
    "发布日期": "published_on",
}
COLUMN_ALIASES = {
    "date": "date",
    "日期": "date",
    "kind": "kind",
    "类型": "kind",
    "name": "name",
    "名称": "name",
    "节日": "name",
}

# 全国年节及纪念日放假办法 第二条 (2024-11-10 revision, in force 2025-01-01): the fixed-date holidays for all
# citizens. 春节, 清明, 端午 and 中秋 move with the lunar calendar and are not checked here.
STATUTORY_FIXED_FROM = 2025
STATUTORY_FIXED = [
    ((1, 1), "元旦"),
    ((5, 1), "劳动节"),
    ((5, 2), "劳动节"),
    ((10, 1), "国庆节"),
    ((10, 2), "国庆节"),
    ((10, 3), "国庆节"),
]

_META_RE = re.compile(r"^\s*([^:：\s]+)\s*[:：]\s*(.*)$")
_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


@dataclass
class ParsedDay:
    date: date
    kind: str
    name: str
    where: str  # "第 7 行" / "days 第 3 项", for messages


@dataclass
class ParsedSchedule:
    year: int
    notice_title: str
    notice_number: str = ""
    notice_url: str = ""
    published_on: date | None = None
    days: list[ParsedDay] = field(default_factory=list)

    @property
    def holidays(self) -> list[ParsedDay]:
        return [d for d in self.days if d.kind == HOLIDAY]

    @property
    def makeup_workdays(self) -> list[ParsedDay]:
        return [d for d in self.days if d.kind == MAKEUP_WORKDAY]


class _Errors:
    def __init__(self):
        self.by_place: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.by_place.setdefault(where, []).append(message)

    def raise_if_any(self) -> None:
        if not self.by_place:
            return
        flat = [f"{where}：{m}" for where, ms in self.by_place.items() for m in ms]
        shown = "；".join(flat[:5]) + ("……" if len(flat) > 5 else "")
        raise ValidationFailed(
            f"节假日安排未导入，未做任何修改。共 {len(flat)} 处问题：{shown}",
            code="calendar_import_invalid",
            errors=self.by_place,
        )


def parse_date(text: str) -> date | None:
    m = _DATE_RE.match(text.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationFailed(
                "文件编码无法识别，请保存为 UTF-8 编码。", code="calendar_import_invalid"
            ) from None


def detect_format(text: str, filename: str = "") -> str:
    name = filename.lower()
    if name.endswith(".json"):
        return "json"
    if name.endswith(".csv") or name.endswith(".txt"):
        return "csv"
    return "json" if text.lstrip().startswith("{") else "csv"


def parse_schedule(data: bytes | str, *, filename: str = "") -> ParsedSchedule:
    """Read and check a schedule file. Raises ValidationFailed naming every bad line; returns a clean schedule."""
    if len(data) > MAX_BYTES:
        raise ValidationFailed("文件超过 1 MB，不像是一年的节假日安排。", code="calendar_import_invalid")
    text = _decode(data)
    if not text.strip():
        raise ValidationFailed("文件为空。", code="calendar_import_invalid")
    errors = _Errors()
    if detect_format(text, filename) == "json":
        meta, rows = _read_json(text, errors)
    else:
        meta, rows = _read_csv(text, errors)
    return _check(meta, rows, errors)


def _read_json(text: str, errors: _Errors) -> tuple[dict, list[tuple[str, dict]]]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(
            f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}", code="calendar_import_invalid"
        ) from None
    if not isinstance(obj, dict):
        raise ValidationFailed(
            "JSON 顶层应为对象：{year, notice_title, …, days: […]}。", code="calendar_import_invalid"
        )
    meta = {}
    for key, value in obj.items():
        if key == "days":
            continue
        if key not in META_ALIASES:
            errors.add("文件", f"不认识的字段“{key}”。")
            continue
        meta[META_ALIASES[key]] = value
    days = obj.get("days")
    rows = []
    if not isinstance(days, list):
        errors.add("days", "缺少 days 列表。")
        days = []
    for i, item in enumerate(days, start=1):
        where = f"days 第 {i} 项"
        if not isinstance(item, dict):
            errors.add(where, "应为对象 {date, kind, name}。")
            continue
        unknown = set(item) - {"date", "kind", "name"}
        if unknown:
            errors.add(where, f"不认识的字段“{'、'.join(sorted(unknown))}”。")
        rows.append((where, item))
    return meta, rows


def _read_csv(text: str, errors: _Errors) -> tuple[dict, list[tuple[str, dict]]]:
    meta: dict = {}
    rows: list[tuple[str, dict]] = []
    columns: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            m = _META_RE.match(stripped.lstrip("#"))
            if m and m[1].lower() in META_ALIASES:
                meta[META_ALIASES[m[1].lower()]] = m[2].strip()
            continue  # any other comment line is free text
        cells = [c.strip() for c in next(csv.reader([line]))]
        where = f"第 {lineno} 行"
        if columns is None:
            columns = [COLUMN_ALIASES.get(c.lower(), c) for c in cells]
            missing = [c for c in ("date", "kind") if c not in columns]
            unknown = [c for c in columns if c not in ("date", "kind", "name")]
            if missing or unknown:
                errors.add(
                    where,
                    "表头应为 date,kind,name（日期,类型,名称）"
                    + (f"，缺少 {'、'.join(missing)}" if missing else "")
                    + (f"，不认识的列 {'、'.join(unknown)}" if unknown else "")
                    + "。",
                )
                errors.raise_if_any()
            continue
        if len(cells) > len(columns):
            errors.add(where, f"有 {len(cells)} 列，表头只有 {len(columns)} 列。")
            continue
        rows.append((where, dict(zip(columns, cells, strict=False))))
    if columns is None:
        errors.add("文件", "缺少表头行 date,kind,name。")
    return meta, rows


def _check(meta: dict, rows: list[tuple[str, dict]], errors: _Errors) -> ParsedSchedule:
    year = None
    raw_year = meta.get("year")
    if raw_year in (None, ""):
        errors.add("year", '缺少年份（CSV 用 “# year: 2027”，JSON 用 "year": 2027）。')
    else:
        try:
            year = int(str(raw_year).strip())
        except ValueError:
            errors.add("year", f"年份“{raw_year}”不是整数。")
        else:
            if not 1950 <= year <= 2100:
                errors.add("year", f"年份 {year} 超出范围（1950–2100）。")
                year = None
    title = str(meta.get("notice_title") or "").strip()
    if not title:
        errors.add("notice_title", "缺少通知标题（如：国务院办公厅关于2027年部分节假日安排的通知）。")
    elif len(title) > 200:
        errors.add("notice_title", "通知标题超过 200 字。")
    number = str(meta.get("notice_number") or "").strip()
    if len(number) > 64:
        errors.add("notice_number", "文号超过 64 字。")
    url = str(meta.get("notice_url") or "").strip()
    if url and (not re.match(r"^https?://\S+$", url) or len(url) > 500):
        errors.add("notice_url", f"通知链接“{url}”不是有效的 http(s) 地址。")
    published_on = None
    raw_published = str(meta.get("published_on") or "").strip()
    if raw_published:
        published_on = parse_date(raw_published)
        if published_on is None:
            errors.add("published_on", f"发布日期“{raw_published}”无法识别，应为 YYYY-MM-DD。")

    if not rows:
        errors.add("文件", "没有任何日期行。")
    if len(rows) > MAX_DAYS:
        errors.add("文件", f"日期行超过 {MAX_DAYS} 行。")
    days: list[ParsedDay] = []
    seen: dict[date, ParsedDay] = {}
    for where, row in rows:
        raw_date = str(row.get("date") or "").strip()
        raw_kind = str(row.get("kind") or "").strip()
        name = str(row.get("name") or "").strip()
        d = parse_date(raw_date)
        kind = KIND_ALIASES.get(raw_kind.lower())
        ok = True
        if d is None:
            errors.add(where, f"日期“{raw_date}”无法识别，应为 YYYY-MM-DD。")
            ok = False
        elif year is not None and d.year != year:
            errors.add(where, f"日期 {d} 不在 {year} 年内。")
            ok = False
        if kind is None:
            errors.add(where, f"类型“{raw_kind}”不认识，应为 holiday（放假）或 makeup_workday（调休上班）。")
            ok = False
        if kind == HOLIDAY and not name:
            errors.add(where, "放假日须填写节日名称（如 春节）。")
            ok = False
        if len(name) > 64:
            errors.add(where, "名称超过 64 字。")
            ok = False
        if not ok:
            continue
        # 全国年节及纪念日放假办法 第七条: 调休 moves weekend rest days, so a make-up day is a Saturday or Sunday.
        if kind == MAKEUP_WORKDAY and d.weekday() < 5:
            errors.add(where, f"{d} 是星期{WEEKDAYS[d.weekday()]}，调休上班日必须是周六或周日。")
            continue
        if d in seen:
            first = seen[d]
            if first.kind == kind:
                errors.add(where, f"日期 {d} 与{first.where}重复。")
            else:
                label = "放假日" if first.kind == HOLIDAY else "调休上班日"
                errors.add(where, f"日期 {d} 已在{first.where}列为{label}，同一天不能既放假又调休上班。")
            continue
        day = ParsedDay(d, kind, name, where)
        seen[d] = day
        days.append(day)

    if year is not None and year >= STATUTORY_FIXED_FROM and days:
        for (month, dom), holiday in STATUTORY_FIXED:
            d = date(year, month, dom)
            listed = seen.get(d)
            if listed is None:
                errors.add(
                    "文件",
                    f"缺少法定节日 {d}（{holiday}）：《全国年节及纪念日放假办法》第二条规定该日全体公民放假，应列为 holiday。",
                )
            elif listed.kind != HOLIDAY:
                errors.add(
                    listed.where,
                    f"{d} 是法定节日（{holiday}，《全国年节及纪念日放假办法》第二条），不能安排调休上班。",
                )
    errors.raise_if_any()
    days.sort(key=lambda x: x.date)
    return ParsedSchedule(
        year=year,
        notice_title=title,
        notice_number=number,
        notice_url=url,
        published_on=published_on,
        days=days,
    )
