"""The clock cells of the workbench lists and case page (templatetags/case_clocks.py), as a row renders them in
Chinese and in English: what is left, overdue, due today, paused, or only bounded (past the loaded calendar)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

ROW = Template("{% load case_clocks %}<td>{% clock_left c %}</td><td>{% clock_badge c %}</td>")


def clock(status: str, left: int, *, pending_year: int | None = None, explanation: str = "自受理日起算") -> dict:
    css = {"正常": "cw-normal", "临期": "cw-due-soon", "超期": "cw-overdue", "中止": "cw-suspended"}[status]
    return {"status": status, "label": status, "css": css, "left": left, "overdue_by": max(-left, 0),
            "pending_year": pending_year, "explanation": explanation}


def render(c, language: str = "zh-hans") -> str:
    with translation.override(language):
        return ROW.render(Context({"c": c}))


@pytest.mark.parametrize("c, zh, en", [
    (clock("正常", 7), "<td>7 个工作日</td>", "<td>7 working days</td>"),
    (clock("临期", 0), '<span class="cw-left-today">今日到期</span>', '<span class="cw-left-today">Due today</span>'),
    (clock("超期", -3), '<span class="cw-left-overdue">超 3 个工作日</span>',
     '<span class="cw-left-overdue">3 working days over</span>'),
    (clock("中止", 4), '<span class="text-body-secondary">暂停计时</span>',
     '<span class="text-body-secondary">Clock paused</span>'),
])
def test_the_days_left_read_as_the_clock_stands(c, zh, en):
    assert zh in render(c)
    assert en in render(c, "en")
    assert f'<span class="badge cw-badge {c["css"]}">{c["label"]}</span>' in render(c)


def test_past_the_loaded_calendar_the_days_are_a_lower_bound_explained_on_hover():
    page = render(clock("正常", 18, pending_year=2027, explanation="截止日期在 2027 年，待导入 <节假日安排>"))
    assert '<span title="截止日期在 2027 年，待导入 &lt;节假日安排&gt;">至少 18 个工作日</span>' in page


def test_a_case_without_a_running_clock_shows_a_dash():
    assert render(None) == '<td>—</td><td><span class="text-body-secondary">—</span></td>'
