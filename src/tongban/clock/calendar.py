"""The working-day calendar: per-year schedules in, O(1) working-day arithmetic out.

Rules (legal-rules.md §0):

- A day is a working day when it is Monday–Friday and not a 放假 day of the year's schedule, or when it is a
  weekend day the schedule makes a 调休上班 day and `makeup_days_count` is on (unconfirmed in statute, so it
  is a switch; practice counts them, so the default is True).
- Counting starts the day after the event: the event day itself is never counted (民法典 第二百零一条;
  民事诉讼法 第八十五条 for court periods).
- The calendar is data, not an algorithm: a date in a year without a loaded schedule raises
  `CalendarNotLoaded` — never a guess.

Every query is O(1): at construction the calendar walks its date range once and keeps `_cum[i]`, the number of
working days among the first `i` days of the range, and `_workdays`, the ordinal offsets of the working days
in order (the inverse of `_cum`). A query is two array reads and a subtraction.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tongban.clock.errors import CalendarNotLoaded

_WEEKDAY_CN = "一二三四五六日"


@dataclass(frozen=True)
class YearSchedule:
    """One calendar year's 放假 days and 调休上班 days, with the notice they come from.

    `holidays` and `makeup_workdays` map a date to a name (春节, 国庆节 …; for a make-up day, the holiday it
    serves). Every date must lie inside `year`: a day that a neighbouring year's notice moves (e.g. the 2012
    notice made 2011-12-31 a working day) belongs to the schedule of the year it falls in.
    """

    year: int
    holidays: Mapping[date, str]
    makeup_workdays: Mapping[date, str] = field(default_factory=dict)
    notice_title: str = ""
    notice_number: str = ""  # blank when unconfirmed (legal-rules.md §0.2/§0.3)
    notice_url: str = ""
    published_on: date | None = None
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", dict(self.holidays))
        object.__setattr__(self, "makeup_workdays", dict(self.makeup_workdays))
        for kind, days in (("放假日", self.holidays), ("调休上班日", self.makeup_workdays)):
            for d in days:
                if not isinstance(d, date) or d.year != self.year:
                    raise ValueError(f"{self.year} 年的节假日安排中，{kind} {d} 不在该年内。")
        both = sorted(set(self.holidays) & set(self.makeup_workdays))
        if both:
            raise ValueError(f"{both[0]} 不能既是放假日又是调休上班日。")
        for d in self.makeup_workdays:
            # 全国年节及纪念日放假办法 第七条: 调休 moves weekend rest days, so a make-up day is a Saturday or Sunday.
            if d.weekday() < 5:
                raise ValueError(f"调休上班日 {d} 是星期{_WEEKDAY_CN[d.weekday()]}，应为周六或周日。")


@dataclass(frozen=True)
class HolidayRun:
    """Consecutive 放假 days, for explanations: `name` joins the holiday names in the run (国庆节、中秋)."""

    name: str
    first: date
    last: date

    def label(self) -> str:
        if self.first == self.last:
            return f"{self.name} {self.first.isoformat()}"
        last = self.last.strftime("%m-%d") if self.last.year == self.first.year else self.last.isoformat()
        return f"{self.name} {self.first.isoformat()} 至 {last}"


class WorkCalendar:
    """Working-day arithmetic over the loaded years. Immutable once built; safe to share between threads."""

    def __init__(self, schedules: Iterable[YearSchedule], *, makeup_days_count: bool = True):
        by_year: dict[int, YearSchedule] = {}
        for s in schedules:
            if s.year in by_year:
                raise ValueError(f"{s.year} 年的节假日安排重复。")
            by_year[s.year] = s
        self.makeup_days_count = makeup_days_count
        self._schedules = dict(sorted(by_year.items()))
        self._holiday_names: dict[int, str] = {}
        if not by_year:
            self._first_year = self._last_year = 0
            self._base = 0
            self._size = 0
            self._cum = array("l", [0])
            self._workdays = array("l")
            self._loaded = []
            self._missing_before = [0]
            self._holiday_ords: list[int] = []
            return
        first, last = min(by_year), max(by_year)
        self._first_year, self._last_year = first, last
        self._base = date(first, 1, 1).toordinal()
        self._size = date(last, 12, 31).toordinal() - self._base + 1
        # _loaded[y - first]: is year y loaded? Years between loaded ones may be missing (gaps).
        self._loaded = [y in by_year for y in range(first, last + 1)]
        # _missing_before[y - first]: how many years before y (from `first`) are missing, for an O(1) span check.
        self._missing_before = [0]
        for loaded in self._loaded:
            self._missing_before.append(self._missing_before[-1] + (not loaded))
        rest: set[int] = set()
        extra: set[int] = set()
        for s in by_year.values():
            for d, name in s.holidays.items():
                rest.add(d.toordinal())
                self._holiday_names[d.toordinal()] = name
            if makeup_days_count:
                extra.update(d.toordinal() for d in s.makeup_workdays)
        cum = array("l", [0]) * (self._size + 1)
        workdays = array("l")
        count = 0
        offset = 0
        for year in range(first, last + 1):
            loaded = year in by_year
            year_start = date(year, 1, 1)
            # date.weekday() once per year; then step it along (0 = Monday).
            weekday = year_start.weekday()
            for ordinal in range(year_start.toordinal(), date(year, 12, 31).toordinal() + 1):
                if loaded and (ordinal in extra or (weekday < 5 and ordinal not in rest)):
                    count += 1
                    workdays.append(offset)
                offset += 1
                cum[offset] = count
                weekday = (weekday + 1) % 7
        self._cum = cum
        self._workdays = workdays
        self._holiday_ords = sorted(self._holiday_names)

    # -- construction -------------------------------------------------------------------------------------

    @classmethod
    def from_chinesecalendar(cls, *, makeup_days_count: bool = True) -> WorkCalendar:
        """A calendar of every year the installed `chinesecalendar` package knows completely."""
        return _chinesecalendar_calendar(makeup_days_count)

    @classmethod
    def default(cls) -> WorkCalendar:
        """The calendar the application uses.

        Inside Django the holidays app registers a provider (`set_default_provider`) that builds the calendar
        from the database; outside Django it is the chinesecalendar data.
        """
        if _provider is not None:
            return _provider()
        return _chinesecalendar_calendar(True)

    # -- what is loaded -----------------------------------------------------------------------------------

    @property
    def years(self) -> list[int]:
        return list(self._schedules)

    def schedule(self, year: int) -> YearSchedule:
        try:
            return self._schedules[year]
        except KeyError:
            raise CalendarNotLoaded(year) from None

    # -- queries ------------------------------------------------------------------------------------------

    def _offset(self, day: date) -> int:
        offset = day.toordinal() - self._base
        if not 0 <= offset < self._size or not self._loaded[day.year - self._first_year]:
            raise CalendarNotLoaded(day.year)
        return offset

    def _check_span(self, a: date, b: date) -> None:
        """Refuse when a missing year lies between two loaded ones (both ends are already checked)."""
        lo, hi = (a.year, b.year) if a.year <= b.year else (b.year, a.year)
        lo_i, hi_i = lo - self._first_year, hi - self._first_year
        if hi - lo > 1 and self._missing_before[hi_i] != self._missing_before[lo_i + 1]:
            raise CalendarNotLoaded(
                next(y for y in range(lo + 1, hi) if not self._loaded[y - self._first_year])
            )

    def is_workday(self, day: date) -> bool:
        offset = self._offset(day)
        return self._cum[offset + 1] != self._cum[offset]

    def is_holiday(self, day: date) -> bool:
        """Is `day` a 放假 day of its year's schedule (not merely a weekend)?"""
        self._offset(day)
        return day.toordinal() in self._holiday_names

    def holiday_name(self, day: date) -> str | None:
        self._offset(day)
        return self._holiday_names.get(day.toordinal())

    def add_workdays(self, day: date, n: int) -> date:
        """The n-th working day after `day`; `day` itself is not counted (民法典 第二百零一条).

        - n > 0: the n-th working day after `day`, so add_workdays(Mon, 1) is Tue.
        - n == 0: `day` itself (zero working days after the event is the event day; workdays_between(day, day) == 0).
        - n < 0: the |n|-th working day before `day`, `day` itself not counted (add_workdays(Tue, -1) is Mon),
          the same as chinesecalendar's find_workday(n, day).

        Raises CalendarNotLoaded when `day`, the answer, or any year in between has no loaded schedule.
        """
        offset = self._offset(day)
        if n == 0:
            return day
        if n > 0:
            k = self._cum[offset + 1] + n - 1
            if k >= len(self._workdays):
                self._check_span(day, date(self._last_year, 12, 31))
                raise CalendarNotLoaded(self._last_year + 1)
        else:
            k = self._cum[offset] + n
            if k < 0:
                self._check_span(day, date(self._first_year, 1, 1))
                raise CalendarNotLoaded(self._first_year - 1)
        result = date.fromordinal(self._base + self._workdays[k])
        if result.year != day.year:
            self._check_span(day, result)
        return result

    def add_workdays_if_loaded(self, day: date, n: int) -> date | None:
        """add_workdays, or None when the answer lies past the last loaded year: a caller then flags the date as
        pending rather than guessing it (ADR 0002 §4). A `day` in a year not loaded is still refused."""
        try:
            return self.add_workdays(day, n)
        except CalendarNotLoaded as exc:
            if exc.year <= day.year:
                raise
            return None

    def workdays_between(self, start: date, end: date) -> int:
        """The number of working days after `start` up to and including `end`.

        `start` is not counted (民法典 第二百零一条), so workdays_between(d, add_workdays(d, n)) == n for n >= 0.
        0 when end == start; negative when end < start: -(working days after `end` up to and including `start`),
        so workdays_between(a, b) == -workdays_between(b, a).
        """
        s = self._offset(start)
        e = self._offset(end)
        if start.year != end.year:
            self._check_span(start, end)
        return self._cum[e + 1] - self._cum[s + 1]

    def next_workday(self, day: date) -> date:
        """`day` if it is a working day, otherwise the first working day after it."""
        return day if self.is_workday(day) else self.add_workdays(day, 1)

    def holiday_runs(self, after: date, through: date) -> list[HolidayRun]:
        """The 放假 runs (consecutive 放假 days) within (after, through], clipped to that window, in order.

        Weekend days that are not 放假 days of a schedule are not listed.
        """
        lo = bisect.bisect_right(self._holiday_ords, after.toordinal())
        hi = bisect.bisect_right(self._holiday_ords, through.toordinal())
        runs: list[HolidayRun] = []
        names: list[str] = []
        start = prev = None
        for ordinal in self._holiday_ords[lo:hi]:
            if prev is not None and ordinal != prev + 1:
                runs.append(HolidayRun("、".join(names), date.fromordinal(start), date.fromordinal(prev)))
                names, start = [], None
            if start is None:
                start = ordinal
            name = self._holiday_names[ordinal]
            if name not in names:
                names.append(name)
            prev = ordinal
        if start is not None:
            runs.append(HolidayRun("、".join(names), date.fromordinal(start), date.fromordinal(prev)))
        return runs

    def __repr__(self) -> str:
        span = f"{self._first_year}–{self._last_year}" if self._schedules else "empty"
        return f"<WorkCalendar {span} ({len(self._schedules)} years, makeup_days_count={self.makeup_days_count})>"


# -- the default calendar ------------------------------------------------------------------------------------

# A registered function, not cached data: the provider itself decides how to stay fresh across processes.
_provider: Callable[[], WorkCalendar] | None = None


def set_default_provider(provider: Callable[[], WorkCalendar] | None) -> None:
    """Make `WorkCalendar.default()` call `provider` (None restores the chinesecalendar data).

    The holidays app registers its database-backed provider here in `AppConfig.ready`.
    """
    global _provider
    _provider = provider


@lru_cache(maxsize=2)
def _chinesecalendar_calendar(makeup_days_count: bool) -> WorkCalendar:
    # The library's data is fixed for the life of the process, so caching the built calendar is safe.
    from tongban.clock.sources import chinesecalendar_schedules

    return WorkCalendar(chinesecalendar_schedules(), makeup_days_count=makeup_days_count)
