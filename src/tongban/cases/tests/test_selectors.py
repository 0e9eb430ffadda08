from datetime import date

from tongban.cases import selectors, services
from tongban.cases.tests.test_lifecycle import _submitted


def test_tasks_follow_the_active_step_and_the_department(world, form):
    w = world
    case = _submitted(w, form)
    assert list(selectors.my_tasks(actor=w.clerk.user)) == [case]
    assert list(selectors.my_tasks(actor=w.reviewer_a.user)) == []
    services.case_accept(actor=w.clerk.user, case=case, on=date(2026, 2, 11))
    assert list(selectors.my_tasks(actor=w.reviewer_a.user)) == [case]
    assert list(selectors.my_tasks(actor=w.approver.user)) == []
    assert list(selectors.my_tasks(actor=w.reviewer_b.user)) == []  # another department
    assert list(selectors.my_tasks(actor=w.clerk.user)) == []


def test_search_and_overdue_in_scope(world, form):
    w = world
    case = services.case_accept(actor=w.clerk.user, case=_submitted(w, form), on=date(2026, 2, 11))
    assert list(selectors.case_search(actor=w.reviewer_a.user, number=case.number)) == [case]
    assert list(selectors.case_search(actor=w.reviewer_a.user, applicant="张")) == [case]
    assert list(selectors.case_search(actor=w.reviewer_b.user, number=case.number)) == []
    # q: a case number, the start of the applicant's name, or a piece of the item's name.
    for q in (case.number, " 张", "食品经营", case.item_version.name[-2:]):
        assert list(selectors.case_search(actor=w.reviewer_a.user, q=q)) == [case], q
    for q in (case.number[:-1] + "9", "李", "药品"):
        assert list(selectors.case_search(actor=w.reviewer_a.user, q=q)) == [], q
    assert list(selectors.overdue_cases(actor=w.inspector.user, today=date(2026, 12, 1))) == [case]
    assert list(selectors.overdue_cases(actor=w.inspector.user, today=date(2026, 2, 12))) == []
    assert list(selectors.my_applications(user=w.applicant_user)) == [case]


def test_a_suspended_clock_is_not_overdue_until_it_runs_again(world, form):
    """超期督办 lists cases past their decision date whose clock runs: a special procedure in progress (第四十五条)
    takes the case off the list, and its end puts it back."""
    w = world
    case = services.case_accept(actor=w.clerk.user, case=_submitted(w, form), on=date(2026, 2, 11))
    services.case_suspend(actor=w.approver.user, case=case, reason="专家评审", expected_workdays=5, on=date(2026, 2, 12))
    other = services.case_accept(actor=w.clerk.user, case=_submitted(w, form), on=date(2026, 2, 11))
    assert list(selectors.overdue_cases(actor=w.inspector.user, today=date(2026, 12, 1))) == [other]
    services.case_resume(actor=w.approver.user, case=case, on=date(2026, 2, 13))
    assert set(selectors.overdue_cases(actor=w.inspector.user, today=date(2026, 12, 1))) == {case, other}


def test_the_task_moves_with_the_step(world, form):
    """我的待办 reads the active step's role from the case (Case.task_role): it follows every step change."""
    w = world
    case = services.case_accept(actor=w.clerk.user, case=_submitted(w, form), on=date(2026, 2, 11))
    for reviewer in (w.reviewer_a, w.reviewer_a2):
        services.case_verify_fact(actor=reviewer.user, case=case, requirement=w.materials["食品安全管理制度"],
                                  finding="现场核查属实")

    def holders():
        return {u.username for u in (w.reviewer_a.user, w.approver.user)
                if case.pk in {c.pk for c in selectors.my_tasks(actor=u)}}

    assert holders() == {w.reviewer_a.user.username}
    case = services.case_complete_step(actor=w.reviewer_a.user, case=case, opinion="符合条件")
    assert holders() == {w.approver.user.username}
    case = services.case_return_step(actor=w.approver.user, case=case, to_order=1, reason="请补充核查意见")
    assert holders() == {w.reviewer_a.user.username}
    case = services.case_complete_step(actor=w.reviewer_a.user, case=case, opinion="已补充")
    services.case_decide(actor=w.approver.user, case=case, grant=True, content="准予")
    assert holders() == set()


def test_the_combined_search_finds_a_name_and_an_item_separately(world, form, monkeypatch):
    """q is the start of an applicant's name or a piece of an item's name: each is looked up on its own, and
    when either finds more than the count cap the one query over both is used instead — the same cases."""
    w = world
    case = services.case_accept(actor=w.clerk.user, case=_submitted(w, form), on=date(2026, 2, 11))
    for q in ("张", "食品", "许可"):
        assert [c.pk for c in selectors.case_search(actor=w.reviewer_a.user, q=q)] == [case.pk], q
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 0)  # every branch found "large"
    assert [c.pk for c in selectors.case_search(actor=w.reviewer_a.user, q="食品")] == [case.pk]  # the item alone
    monkeypatch.setattr(selectors, "_versions_named", lambda text: [w.version.pk])  # 张 named an item too
    assert [c.pk for c in selectors.case_search(actor=w.reviewer_a.user, q="张")] == [case.pk]  # the OR of both
    assert list(selectors.case_search(actor=w.reviewer_b.user, q="张")) == []
