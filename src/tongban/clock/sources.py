"""Schedules from the `chinesecalendar` package's data (read directly, not through its slow helpers).

chinesecalendar (https://github.com/LKI/chinese-calendar) transcribes each year's 国务院办公厅 节假日安排通知.
Its supported range is every year from its first to its last 放假 entry; each of those years becomes one
YearSchedule. Citations for the years checked against the notices in legal-rules.md §0.2/§0.3 are attached;
document numbers stay blank where they are unconfirmed.
"""

from __future__ import annotations

from datetime import date

from tongban.clock.calendar import YearSchedule

CHINESECALENDAR = "chinesecalendar"

# Notices checked in legal-rules.md. The document numbers of both are unconfirmed, so they stay blank.
NOTICES: dict[int, dict] = {
    # 国务院办公厅关于2025年部分节假日安排的通知, published 2024-11-12 (legal-rules.md §0.2).
    2025: {
        "notice_title": "国务院办公厅关于2025年部分节假日安排的通知",
        "notice_number": "",
        "notice_url": "https://big5.cctv.com/gate/big5/news.cctv.cn/2024/11/12/ARTIpdPD9BFgB4TnLNXKtCgc241112.shtml",
        "published_on": date(2024, 11, 12),
    },
    # 国务院办公厅关于2026年部分节假日安排的通知, dated 2025-11-04 (legal-rules.md §0.3).
    2026: {
        "notice_title": "国务院办公厅关于2026年部分节假日安排的通知",
        "notice_number": "",
        "notice_url": "https://politics.gmw.cn/2025-11/04/content_38391083.htm",
        "published_on": date(2025, 11, 4),
    },
}


def chinesecalendar_range() -> tuple[int, int]:
    """First and last year chinesecalendar supports (its own `_validate_date` uses the same bounds)."""
    from chinese_calendar.constants import holidays

    return min(holidays).year, max(holidays).year


def chinesecalendar_schedules() -> list[YearSchedule]:
    """One YearSchedule per year chinesecalendar knows, with Chinese holiday names."""
    from chinese_calendar.constants import Holiday, holidays, workdays

    def cn(value: str) -> str:
        return Holiday(value).chinese

    first, last = chinesecalendar_range()
    out = []
    for year in range(first, last + 1):
        notice = NOTICES.get(year, {"notice_title": f"国务院办公厅关于{year}年部分节假日安排的通知"})
        out.append(
            YearSchedule(
                year=year,
                holidays={d: cn(v) for d, v in holidays.items() if d.year == year},
                makeup_workdays={d: cn(v) for d, v in workdays.items() if d.year == year},
                source=CHINESECALENDAR,
                **notice,
            )
        )
    return out
