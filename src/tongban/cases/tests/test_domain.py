import pytest

from tongban.cases.domain import (
    TERMINAL,
    TRANSITIONS,
    Action,
    Status,
    TransitionNotAllowed,
    allowed_actions,
    transition,
)


def test_the_happy_path_is_allowed():
    s = Status.DRAFT
    for action in (Action.SUBMIT, Action.REQUEST_SUPPLEMENT, Action.SUBMIT_SUPPLEMENT, Action.ACCEPT,
                   Action.COMPLETE_STEP, Action.SUSPEND, Action.RESUME, Action.DECIDE, Action.DELIVER):
        s = transition(s, action)
    assert s == Status.CONCLUDED


@pytest.mark.parametrize("status", sorted(TERMINAL))
def test_nothing_leaves_a_terminal_state(status):
    assert allowed_actions(status) == []
    with pytest.raises(TransitionNotAllowed, match="不能"):
        transition(status, Action.WITHDRAW)


def test_no_decision_without_acceptance():
    with pytest.raises(TransitionNotAllowed, match="待受理.*不能作出决定"):
        transition(Status.RECEIVED, Action.DECIDE)


def test_every_action_has_sources():
    assert all(t.sources for t in TRANSITIONS.values())
