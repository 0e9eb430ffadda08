"""Statutory deadlines: a budget of working days from an event, with suspensions and extensions.

- The event day is not counted (民法典 第二百零一条); the budget counts working days (行政许可法 第八十二条).
- Suspended working days do not count (行政许可法 第四十五条; 政府信息公开条例 第三十三条第三款; 行政复议法
  第三十一条 for 补正). A suspension covers its start and end days inclusive; an open one (end=None) covers
  through `today`, so the due date moves with every working day it stays open.
- An extension adds exactly its working days (行政许可法 第四十二条; 政府信息公开条例 第三十三条第二款).
  Whether an extension is allowed and how long is the caller's rule (catalogue / case); here it is arithmetic.

Everything is computed from the calendar on read: nothing needs a worker to have run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from tongban.clock.calendar import WorkCalendar
from tongban.clock.errors import CalendarNotLoaded

ONE_DAY = timedelta(days=1)


class SuspensionReason(StrEnum):
    """Why the clock stops: a closed list."""

    # 行政许可法 第四十五条: 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审 所需时间不计算在期限内.
    HEARING = "听证"
    TENDER = "招标"
    AUCTION = "拍卖"
    INSPECTION = "检验"
    TESTING = "检测"
    QUARANTINE = "检疫"
    APPRAISAL = "鉴定"
    EXPERT_REVIEW = "专家评审"
    # 行政复议法 第三十一条: 补正申请材料所用时间不计入审理期限; 政府信息公开条例 第三十条 (the reply period runs
    # from receipt of the corrected application).
    SUPPLEMENT = "补正"
    # 政府信息公开条例 第三十三条第三款: 征求第三方和其他机关意见所需时间不计算在期限内.
    THIRD_PARTY_CONSULTATION = "征求第三方意见"


class DeadlineStatus(StrEnum):
    NORMAL = "正常"
    DUE_SOON = "临期"
    OVERDUE = "超期"
    SUSPENDED = "中止"


@dataclass(frozen=True)
class Suspension:
    """The clock stopped from `start` to `end` inclusive; `end=None` while it is still stopped."""

    reason: SuspensionReason
    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "reason", SuspensionReason(self.reason))
        except ValueError:
            allowed = "、".join(r.value for r in SuspensionReason)
            raise ValueError(f"中止计时的事由“{self.reason}”不在法定范围内（可选：{allowed}）。") from None
        if self.end is not None and self.end < self.start:
            raise ValueError(f"中止计时的结束日 {self.end} 早于开始日 {self.start}。")

    def span(self, today: date) -> tuple[date, date]:
        """The days this suspension covers as of `today` (an open suspension runs through today)."""
        return self.start, self.end if self.end is not None else today


@dataclass(frozen=True)
class Extension:
    """An approved extension of `days` working days (who approved it and why are part of the record)."""

    approver: str
    reason: str
    days: int

    def __post_init__(self) -> None:
        if not isinstance(self.days, int) or self.days <= 0:
            raise ValueError(f"延长的工作日数应为正整数，收到 {self.days!r}。")


@dataclass(frozen=True)
class DeadlineState:
    """Where a deadline stands on a day.

    `due` is None when the due date lies beyond the last loaded year: `pending_year` then names the first year
    whose 节假日安排 is missing, and `workdays_left` is a lower bound (the working days that will certainly count
    up to the end of the last loaded year); the true figure is larger. Flagged, never guessed (ADR 0002 §4).
    """

    due: date | None
    workdays_left: int  # negative when overdue; a lower bound while due is None
    status: DeadlineStatus
    explanation: str
    total_workdays: int  # budget plus extensions
    suspended_workdays: int  # working days inside the counting window that did not count
    pending_year: int | None = None  # the first year without a schedule, when due is None


@dataclass(frozen=True)
class Deadline:
    """`workdays` working days counted from the day after `start`.

    `start_label` names the event (受理日, 收到申请日 …); `budget_label` says what kind of limit it is
    (法定 / 承诺).
    """

    start: date
    workdays: int
    suspensions: tuple[Suspension, ...] = ()
    extensions: tuple[Extension, ...] = ()
    start_label: str = "受理日"
    budget_label: str = "法定"
    calendar: WorkCalendar | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.workdays, int) or self.workdays < 0:
            raise ValueError(f"期限的工作日数应为非负整数，收到 {self.workdays!r}。")
        object.__setattr__(self, "suspensions", tuple(self.suspensions))
        object.__setattr__(self, "extensions", tuple(self.extensions))

    @property
    def total_workdays(self) -> int:
        return self.workdays + sum(e.days for e in self.extensions)

    def _cal(self) -> WorkCalendar:
        return self.calendar or WorkCalendar.default()

    def _intervals(self, today: date) -> list[tuple[date, date]]:
        """Suspended spans after the event day, as of `today`, merged and sorted."""
        spans = []
        for s in self.suspensions:
            lo, hi = s.span(today)
            lo = max(lo, self.start + ONE_DAY)
            if lo <= hi:
                spans.append((lo, hi))
        spans.sort()
        merged: list[tuple[date, date]] = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1] + ONE_DAY:
                if hi > merged[-1][1]:
                    merged[-1] = (merged[-1][0], hi)
            else:
                merged.append((lo, hi))
        return merged

    def due(self, today: date) -> date:
        """The last day of the period as of `today` (today matters only while a suspension is open)."""
        return self._due(self._cal(), self._intervals(today))

    def _due(self, cal: WorkCalendar, intervals: list[tuple[date, date]]) -> date:
        remaining = self.total_workdays
        cursor = self.start
        for lo, hi in intervals:
            due = cal.add_workdays(cursor, remaining)
            if due < lo:  # ends before this suspension (which may lie in a year not loaded yet)
                return due
            remaining -= cal.workdays_between(cursor, lo - ONE_DAY)
            cursor = hi  # the working days in [lo, hi] are skipped
        return cal.add_workdays(cursor, remaining)

    @staticmethod
    def _suspended_between(cal: WorkCalendar, intervals, after: date, through: date) -> int:
        """Working days in (after, through] that fall inside a suspension."""
        n = 0
        for lo, hi in intervals:
            a, b = max(lo - ONE_DAY, after), min(hi, through)
            if b > a:
                n += cal.workdays_between(a, b)
        return n

    def evaluate(self, today: date, *, due_soon_workdays: int = 3) -> DeadlineState:
        """Where the deadline stands on `today`.

        `workdays_left` counts the working days after today up to the due date that will count (0: today is
        the last day). Once past the due date it is negative: -k when the current (or next) working day is the
        k-th after the due date, so it is at most -1 on the first rest day after the deadline.
        Status: 超期 after the due date; otherwise 中止 while today lies in a suspension; otherwise 临期 when
        `due_soon_workdays` or fewer are left (TONGBAN_DUE_SOON_WORKDAYS, national default 3); otherwise 正常.

        When the due date lies beyond the last loaded year (and today is in a loaded one) the state is flagged
        instead of refused: see `_pending`. When today itself is in a year not loaded, CalendarNotLoaded.
        """
        cal = self._cal()
        intervals = self._intervals(today)
        try:
            due = self._due(cal, intervals)
        except CalendarNotLoaded as exc:
            cal.is_workday(today)  # raises CalendarNotLoaded when today itself is in a year not loaded
            if exc.year <= today.year:
                raise
            return self._pending(cal, intervals, today, exc.year, due_soon_workdays)
        if today > due:
            left = min(cal.workdays_between(today, due), -1)
            status = DeadlineStatus.OVERDUE
        else:
            left, status = self._standing(cal, intervals, today, due, due_soon_workdays)
        return DeadlineState(
            due=due,
            workdays_left=left,
            status=status,
            explanation=self._explain(cal, due, today),
            total_workdays=self.total_workdays,
            suspended_workdays=self._suspended_between(cal, intervals, self.start, due),
        )

    def _standing(self, cal, intervals, today: date, end: date, due_soon_workdays: int) -> tuple[int, DeadlineStatus]:
        """Working days that count after today through `end` (not yet past), and the status they give: 中止 while
        today lies in a suspension, 临期 at `due_soon_workdays` or fewer, else 正常."""
        left = cal.workdays_between(today, end) - self._suspended_between(cal, intervals, today, end)
        if any(lo <= today <= hi for lo, hi in intervals):
            return left, DeadlineStatus.SUSPENDED
        return left, DeadlineStatus.DUE_SOON if left <= due_soon_workdays else DeadlineStatus.NORMAL

    def _pending(self, cal, intervals, today: date, year: int, due_soon_workdays: int) -> DeadlineState:
        """The due date is after 31 December of `year - 1`, the last loaded day: flag it, never guess it.

        `workdays_left` is what will certainly count after today through that day (suspended days excluded),
        a lower bound. Never 超期: the due date is after the last loaded day and today is not.
        """
        horizon = date(year - 1, 12, 31)
        left, status = self._standing(cal, intervals, today, horizon, due_soon_workdays)
        within = "本年内" if horizon.year == today.year else f"{horizon.year} 年底前"
        ending = (f"截止日期在 {year} 年，待国务院办公厅 {year} 年节假日安排导入后确定"
                  f"（{within}尚余 {left} 个工作日）")
        return DeadlineState(
            due=None,
            workdays_left=left,
            status=status,
            explanation=self._explain(cal, horizon, today, ending=ending),
            total_workdays=self.total_workdays,
            suspended_workdays=self._suspended_between(cal, intervals, self.start, horizon),
            pending_year=year,
        )

    def explain(self, today: date) -> str:
        cal = self._cal()
        return self._explain(cal, self.due(today), today)

    def _explain(self, cal: WorkCalendar, due: date, today: date, *, ending: str | None = None) -> str:
        """E.g. 受理日 2026-02-10；法定 20 个工作日；春节 2026-02-15 至 02-23 不计；专家评审 3 月 2 日至 3 月 6 日中止计时；截止 2026-03-23

        Named: the 放假 runs inside the counting window (start, due] (weekend-only days are not named) and the
        suspensions that overlap it, in date order; then the extensions; then `ending` (default 截止 <due>).
        """
        parts = [
            f"{self.start_label} {self.start.isoformat()}",
            f"{self.budget_label} {self.workdays} 个工作日",
        ]
        dated: list[tuple[date, int, str]] = []
        for run in cal.holiday_runs(self.start, due):
            dated.append((run.first, 0, f"{run.label()} 不计"))
        for s in self.suspensions:
            lo, hi = s.span(today)
            if hi <= self.start or lo > due or lo > hi:
                continue
            if s.end is None:
                text = f"{s.reason.value} {self._md(s.start)}起中止计时，尚未恢复"
            elif s.start == s.end:
                text = f"{s.reason.value} {self._md(s.start)}中止计时"
            else:
                text = f"{s.reason.value} {self._md(s.start)}至 {self._md(s.end)}中止计时"
            dated.append((s.start, 1, text))
        parts += [text for _, _, text in sorted(dated, key=lambda t: (t[0], t[1]))]
        for e in self.extensions:
            reason = f"（{e.reason}）" if e.reason else ""
            parts.append(f"经{e.approver}批准延长 {e.days} 个工作日{reason}")
        parts.append(ending or f"截止 {due.isoformat()}")
        return "；".join(parts)

    def _md(self, d: date) -> str:
        year = f"{d.year} 年 " if d.year != self.start.year else ""
        return f"{year}{d.month} 月 {d.day} 日"
