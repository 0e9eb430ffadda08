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
