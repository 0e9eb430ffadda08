"""A clock's cells in the workbench (`{% load case_clocks %}`): the working days left and the status badge.

Tags rather than `{% include %}`: two includes in each of a list page's fifty rows took most of its rendering
time (docs/benchmarks.md, cases at scale). `c` is a clock as views_workbench._clock_view gives it, or None.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def clock_left(c: dict | None) -> str:
    if not c:
        return "—"
    if c["status"] == "中止":
        return format_html('<span class="text-body-secondary">{}</span>', _("暂停计时"))
    if c["pending_year"]:  # past the loaded calendar: `left` is a lower bound (ADR 0002 §4)
        return format_html('<span title="{}">{}</span>', c["explanation"], _("至少 %(n)s 个工作日") % {"n": c["left"]})
    if c["left"] < 0:
        return format_html('<span class="cw-left-overdue">{}</span>', _("超 %(n)s 个工作日") % {"n": c["overdue_by"]})
    if c["left"] == 0:
        return format_html('<span class="cw-left-today">{}</span>', _("今日到期"))
    return _("%(n)s 个工作日") % {"n": c["left"]}


@register.simple_tag
def clock_badge(c: dict | None) -> str:
    if not c:
        return mark_safe('<span class="text-body-secondary">—</span>')
    return format_html('<span class="badge cw-badge {}">{}</span>', c["css"], c["label"])
