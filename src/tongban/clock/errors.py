"""Errors raised by the clock. Plain Python: callers (services, API) turn them into user-facing errors."""

from __future__ import annotations


class ClockError(Exception):
    """Base class: the clock cannot give a trustworthy answer. `str(exc)` is a Chinese message for the user."""


class CalendarNotLoaded(ClockError):
    """A date falls in a year whose 节假日安排 is not loaded: the clock refuses rather than guesses.

    The working-day calendar cannot be computed by algorithm; it needs each year's State Council notice
    (legal-rules.md §0). `year` is the first year that is missing.
    """

    def __init__(self, year: int, message: str | None = None):
        self.year = year
        super().__init__(
            message
            or (
                f"{year} 年的节假日安排尚未导入，无法计算工作日。"
                f"请系统管理员先导入国务院办公厅关于{year}年部分节假日安排的通知。"
            )
        )
