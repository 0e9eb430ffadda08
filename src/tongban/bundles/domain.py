"""Pure rules of 一件事 (no database): include conditions over the merged form, the order of members, and the
aggregate status of a bundle application.

国发〔2024〕3号 and 国办发〔2025〕24号 (legal-rules.md §9): one notice, one form, one set of materials, one
intake, sub-items routed in parallel. A member runs 并行 (at once) or 在某项准予后 (after another member is
granted); a member may be included only when the merged form says so (公积金开户 only when hiring).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


def gettext_noop(text: str) -> str:
    """Marks a label for the translation catalogue (makemessages knows the name); translated where shown."""
    return text


class ConditionError(ValueError):
    pass


# A condition is a small JSON tree, never code:
#   {"field": "will_hire", "equals": true}
#   {"field": "company_type", "in": ["有限责任公司", "股份有限公司"]}
#   {"field": "registered_capital", "gte": 100}        (also gt, lte, lt; numbers)
#   {"field": "bank_name", "filled": true}
#   {"all": [c, ...]}   {"any": [c, ...]}   {"not": c}
_LEAF_OPS = ("equals", "in", "gte", "gt", "lte", "lt", "filled")


def check_condition(cond: Any, fields: set[str]) -> list[str]:
    """Problems with a condition, in Chinese (empty when sound). `fields`: the merged form's field names."""
    if cond is None or cond == {}:
        return []
    if not isinstance(cond, Mapping):
        return ["办理条件应为对象"]
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        parts = cond[key]
        if set(cond) != {key} or not isinstance(parts, list) or not parts:
            return [f"办理条件“{key}”应为非空列表，且不能与其他键并列"]
        return [p for part in parts for p in check_condition(part, fields)]
    if "not" in cond:
        if set(cond) != {"not"}:
            return ["办理条件“not”不能与其他键并列"]
        return check_condition(cond["not"], fields)
    ops = [op for op in _LEAF_OPS if op in cond]
    problems = []
    if "field" not in cond or len(ops) != 1 or set(cond) != {"field", ops[0]}:
        return [f"办理条件应写作 {{\"field\": 字段, 运算: 值}}，运算为 {'、'.join(_LEAF_OPS)} 之一"]
    if cond["field"] not in fields:
        problems.append(f"办理条件引用了一表申请中不存在的字段“{cond['field']}”")
    op = ops[0]
    if op == "in" and not isinstance(cond["in"], list):
        problems.append("办理条件“in”应为列表")
    if op in ("gte", "gt", "lte", "lt") and (isinstance(cond[op], bool) or not isinstance(cond[op], int | float)):
        problems.append(f"办理条件“{op}”应为数字")
    return problems


def evaluate(cond: Any, data: Mapping[str, Any]) -> bool:
    """Whether the merged form's (cleaned) data meets the condition; an empty condition always holds."""
    if not cond:
        return True
    if "all" in cond:
        return all(evaluate(c, data) for c in cond["all"])
    if "any" in cond:
        return any(evaluate(c, data) for c in cond["any"])
    if "not" in cond:
        return not evaluate(cond["not"], data)
    value = data.get(cond["field"])
    if "equals" in cond:
        return value == cond["equals"]
    if "in" in cond:
        return value in cond["in"]
    if "filled" in cond:
        return (value not in (None, "", [])) == bool(cond["filled"])
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    op, limit = next((op, cond[op]) for op in ("gte", "gt", "lte", "lt") if op in cond)
    return {"gte": number >= limit, "gt": number > limit, "lte": number <= limit, "lt": number < limit}[op]


def describe(cond: Any, labels: Mapping[str, str]) -> str:
    """The condition in Chinese, for guides and the bundle view."""
    if not cond:
        return ""
    if "all" in cond:
        return "且".join(describe(c, labels) for c in cond["all"])
    if "any" in cond:
        return "或".join(describe(c, labels) for c in cond["any"])
    if "not" in cond:
        return f"非（{describe(cond['not'], labels)}）"
    label = labels.get(cond["field"], cond["field"])
    if "equals" in cond:
        value = cond["equals"]
        if value is True:
            return f"{label}为“是”"
        if value is False:
            return f"{label}为“否”"
        return f"{label}为“{value}”"
    if "in" in cond:
        return f"{label}为{'、'.join(map(str, cond['in']))}之一"
    if "filled" in cond:
        return f"已填写{label}" if cond["filled"] else f"未填写{label}"
    signs = {"gte": "≥", "gt": ">", "lte": "≤", "lt": "<"}
    op = next(op for op in signs if op in cond)
    return f"{label}{signs[op]}{cond[op]}"


def check_order(members: list[tuple[str, str | None]]) -> list[str]:
    """Members as (key, after_key or None): every predecessor exists and the dependencies have no cycle."""
    keys = [k for k, _ in members]
    problems = [f"成员“{k}”重复" for k in {k for k in keys if keys.count(k) > 1}]
    after = dict(members)
    for key, pred in members:
        if pred is not None and pred not in after:
            problems.append(f"成员“{key}”要求在“{pred}”准予后办理，但没有这个成员")
        if pred == key:
            problems.append(f"成员“{key}”不能在自己准予后办理")
    for start in keys:
        seen, node = set(), start
        while node is not None and node in after:
            if node in seen:
                problems.append(f"成员“{start}”的先后顺序形成循环")
                break
            seen.add(node)
            node = after[node]
    return sorted(set(problems))


class MemberState(StrEnum):
    """Where one member of a bundle application stands (the sub-case's own status is in cases)."""

    SKIPPED = "skipped"  # its include condition does not hold for this application
    WAITING = "waiting"  # 在某项准予后: waiting for its predecessor's grant
    STARTED = "started"  # a sub-case exists and runs under its own statutory clock
    STOPPED = "stopped"  # its predecessor was refused, denied or withdrawn: it will not start


MEMBER_STATE_LABELS = {
    MemberState.SKIPPED: gettext_noop("无需办理"),
    MemberState.WAITING: gettext_noop("等待前置事项准予"),
    MemberState.STARTED: gettext_noop("已分送部门办理"),
    MemberState.STOPPED: gettext_noop("因前置事项未获准予而终止"),
}


class Aggregate(StrEnum):
    DRAFT = "draft"
    INTAKE = "intake"  # sub-cases received, intake pending
    SUPPLEMENT = "supplement"  # a combined 补正 waits for the applicant
    IN_PROGRESS = "in_progress"
    RESULTS_READY = "results_ready"  # every member has its result; delivery pending
    CONCLUDED = "concluded"  # every result delivered
    WITHDRAWN = "withdrawn"


AGGREGATE_LABELS = {
    Aggregate.DRAFT: gettext_noop("草稿"),
    Aggregate.INTAKE: gettext_noop("待受理"),
    Aggregate.SUPPLEMENT: gettext_noop("待补正"),
    Aggregate.IN_PROGRESS: gettext_noop("办理中"),
    Aggregate.RESULTS_READY: gettext_noop("结果已出待送达"),
    Aggregate.CONCLUDED: gettext_noop("已办结"),
    Aggregate.WITHDRAWN: gettext_noop("已撤回"),
}

_DONE = {"decided", "refused", "concluded", "withdrawn"}


def aggregate(*, submitted: bool, withdrawn: bool, members: list[tuple[str, str | None]]) -> Aggregate:
    """The bundle's status from (member state, sub-case status or None) of every member."""
    if withdrawn:
        return Aggregate.WITHDRAWN
    if not submitted:
        return Aggregate.DRAFT
    statuses = [s for state, s in members if state == MemberState.STARTED]
    if any(state == MemberState.WAITING for state, _ in members):
        open_ = True
    else:
        open_ = any(s not in _DONE for s in statuses)
    if any(s == "supplement_requested" for s in statuses):
        return Aggregate.SUPPLEMENT
    if open_:
        if statuses and all(s == "received" for s in statuses):
            return Aggregate.INTAKE
        return Aggregate.IN_PROGRESS
    if all(s in ("concluded", "withdrawn") for s in statuses):
        return Aggregate.CONCLUDED
    return Aggregate.RESULTS_READY


# 行政许可法 第四十二条第二款: 统一办理、联合办理、集中办理 — 45 working days, +15 with the approval of the head
# of the 本级人民政府.
JOINT_WORKDAYS = 45
JOINT_EXTENSION_WORKDAYS = 15
