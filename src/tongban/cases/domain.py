"""The case lifecycle as a declarative transition table (pure Python, checked when the module loads).

Every change of a case's status goes through `transition(status, action)`; services add the permission, the
clock and the documents. States and actions follow 行政许可法 第二十九条至第四十四条:

  draft ──submit──► received ──accept / deem_accept──► in_review ──decide──► decided ──deliver──► concluded
                     │  ▲                                  │ (steps, return, suspend/resume, extend)
      request_supplement│  submit_supplement               │
                     ▼  │                                  │
              supplement_requested                         │
                     │                                     │
   received ──refuse_intake──► refused ──deliver──► concluded
   received ──instant──► decided          (即办件: decided on the spot)
   draft / received / supplement_requested / in_review ──withdraw──► withdrawn
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    RECEIVED = "received"  # 已收件，待受理决定（第三十二条：五个工作日内）
    SUPPLEMENT_REQUESTED = "supplement_requested"  # 已一次性告知补正
    IN_REVIEW = "in_review"  # 已受理，审查中
    DECIDED = "decided"  # 已作出准予或不予许可决定，待送达
    REFUSED = "refused"  # 不予受理，待送达
    CONCLUDED = "concluded"  # 已办结（送达完成）
    WITHDRAWN = "withdrawn"  # 申请人撤回


STATUS_LABELS = {
    Status.DRAFT: "草稿",
    Status.RECEIVED: "待受理",
    Status.SUPPLEMENT_REQUESTED: "待补正",
    Status.IN_REVIEW: "审查中",
    Status.DECIDED: "已决定待送达",
    Status.REFUSED: "不予受理待送达",
    Status.CONCLUDED: "已办结",
    Status.WITHDRAWN: "已撤回",
}

TERMINAL = frozenset({Status.CONCLUDED, Status.WITHDRAWN})


class Action(StrEnum):
    SUBMIT = "submit"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUBMIT_SUPPLEMENT = "submit_supplement"
    ACCEPT = "accept"
    DEEM_ACCEPT = "deem_accept"
    REFUSE_INTAKE = "refuse_intake"
    INSTANT = "instant"
    COMPLETE_STEP = "complete_step"
    RETURN_STEP = "return_step"
    VERIFY_FACT = "verify_fact"
    SUSPEND = "suspend"
    RESUME = "resume"
    EXTEND = "extend"
    DECIDE = "decide"
    DELIVER = "deliver"
    WITHDRAW = "withdraw"


ACTION_LABELS = {
    Action.SUBMIT: "提交申请",
    Action.REQUEST_SUPPLEMENT: "一次性告知补正",
    Action.SUBMIT_SUPPLEMENT: "提交补正材料",
    Action.ACCEPT: "受理",
    Action.DEEM_ACCEPT: "视为受理",
    Action.REFUSE_INTAKE: "不予受理",
    Action.INSTANT: "即办",
    Action.COMPLETE_STEP: "完成审查环节",
    Action.RETURN_STEP: "退回上一环节",
    Action.VERIFY_FACT: "核查",
    Action.SUSPEND: "中止计时（特别程序）",
    Action.RESUME: "恢复计时",
    Action.EXTEND: "延长期限",
    Action.DECIDE: "作出决定",
    Action.DELIVER: "送达",
    Action.WITHDRAW: "撤回申请",
}


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status | None  # None: the status stays (an action inside the state)


def _t(action: Action, sources: set[Status], target: Status | None) -> Transition:
    return Transition(action, frozenset(sources), target)


TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        _t(Action.SUBMIT, {Status.DRAFT}, Status.RECEIVED),
        # 第三十二条第一款第（四）项: one notice listing everything, within five working days of receipt.
        _t(Action.REQUEST_SUPPLEMENT, {Status.RECEIVED}, Status.SUPPLEMENT_REQUESTED),
        _t(Action.SUBMIT_SUPPLEMENT, {Status.SUPPLEMENT_REQUESTED}, Status.RECEIVED),
        # 第三十二条第一款第（五）项 and 第二款: accept with a sealed, dated notice.
        _t(Action.ACCEPT, {Status.RECEIVED}, Status.IN_REVIEW),
        # 第三十二条第一款第（四）项: no 补正 notice within five working days = accepted from receipt.
        _t(Action.DEEM_ACCEPT, {Status.RECEIVED}, Status.IN_REVIEW),
        # 第三十二条第一款第（一）（二）项.
        _t(Action.REFUSE_INTAKE, {Status.RECEIVED}, Status.REFUSED),
        _t(Action.INSTANT, {Status.RECEIVED}, Status.DECIDED),
        _t(Action.COMPLETE_STEP, {Status.IN_REVIEW}, None),
        _t(Action.RETURN_STEP, {Status.IN_REVIEW}, None),
        # 第三十四条第三款: material facts verified on site by two or more staff.
        _t(Action.VERIFY_FACT, {Status.IN_REVIEW}, None),
        # 第四十五条.
        _t(Action.SUSPEND, {Status.IN_REVIEW}, None),
        _t(Action.RESUME, {Status.IN_REVIEW}, None),
        # 第四十二条.
        _t(Action.EXTEND, {Status.IN_REVIEW}, None),
        # 第三十七条、第三十八条.
        _t(Action.DECIDE, {Status.IN_REVIEW}, Status.DECIDED),
        # 第四十四条; 送达 concludes the case.
        _t(Action.DELIVER, {Status.DECIDED, Status.REFUSED}, Status.CONCLUDED),
        _t(Action.WITHDRAW, {Status.DRAFT, Status.RECEIVED, Status.SUPPLEMENT_REQUESTED, Status.IN_REVIEW},
           Status.WITHDRAWN),
    )
}


class TransitionNotAllowed(Exception):
    def __init__(self, status: Status, action: Action):
        self.status, self.action = status, action
        super().__init__(f"办件当前状态为“{STATUS_LABELS[status]}”，不能{ACTION_LABELS[action]}。")


def transition(status: Status | str, action: Action | str) -> Status:
    """The status after `action`, or TransitionNotAllowed with a Chinese message."""
    status, action = Status(status), Action(action)
    t = TRANSITIONS[action]
    if status not in t.sources:
        raise TransitionNotAllowed(status, action)
    return t.target or status


def allowed_actions(status: Status | str) -> list[Action]:
    return [a for a, t in TRANSITIONS.items() if Status(status) in t.sources]


def _check_table() -> None:
    """One initial state, no exit from a terminal state, every state reaches a terminal one."""
    for t in TRANSITIONS.values():
        assert not (t.sources & TERMINAL), f"{t.action} leaves a terminal state"
    edges: dict[Status, set[Status]] = {s: set() for s in Status}
    for t in TRANSITIONS.values():
        for s in t.sources:
            edges[s].add(t.target or s)
    for start in Status:
        seen, frontier = {start}, [start]
        while frontier:
            for nxt in edges[frontier.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert seen & TERMINAL, f"{start} cannot reach an end"
    targets = {t.target for t in TRANSITIONS.values()}
    assert [s for s in Status if s not in targets] == [Status.DRAFT], "draft is the only initial state"


_check_table()


# The window's role, as named by org.models.Role (a plain string here: the domain imports no apps).
WINDOW_CLERK = "window_clerk"


def review_step_after(step, active) -> bool:
    """Whether `step` is still to be reviewed after the `active` one. A guide's process often ends with the
    window's 制证送达: that is the delivery after the decision, so the decision is taken before it."""
    return step.order > active.order and (active.role == WINDOW_CLERK or step.role != WINDOW_CLERK)


def return_target(step, active) -> bool:
    """Whether the case can be sent back from `active` to `step`: an earlier review step, never the window's
    受理 (the acceptance, done when review started)."""
    return step.order < active.order and step.role != WINDOW_CLERK
