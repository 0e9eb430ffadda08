"""A decision or intake date past the loaded calendar (ADR 0002 §4): flagged as 待定, never guessed, and the work
goes on — accepting, suspending, extending, the pages, the API and the daily sweep; once next year's 节假日安排
is imported the sweep fills the dates in.

The seeded calendar ends with 2026 and no 2027 schedule exists, so a 20-working-day item accepted on
2026-12-07 runs into 2027. "Today" is pinned (timezone.localdate) so these tests mean the same on any day.
The 2027 schedule imported here is holidays/tests/samples.py: MADE UP FOR TESTS, not the real notice.
"""

from __future__ import annotations

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tongban.cases import selectors, services
from tongban.cases.models import Case, Notification
from tongban.cases.tests.conftest import upload
from tongban.cases.tests.test_api import Api, ok
from tongban.catalog import services as catalog
from tongban.catalog.tests.factories import food_spec
from tongban.holidays.services import schedule_import
from tongban.holidays.tests import samples

DAY = date(2026, 12, 7)  # Monday; 18 working days are left in 2026 after it
PENDING = "截止日期在 2027 年，待国务院办公厅 2027 年节假日安排导入后确定（本年内尚余 18 个工作日）"
BASE = "/workbench/cases/"


def pin(monkeypatch, day: date) -> None:
    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: real(value, timezone)
                        if value is not None else day)


@pytest.fixture
def w(world, monkeypatch):
    """The world with a 20-working-day item, on 2026-12-07."""
    pin(monkeypatch, DAY)
    code = "320A0123000000-320500000000-000-11320500MB0000001X-3-00"
    v = catalog.item_create(actor=world.market_admin.user, code=code, owner=world.market,
                            spec=food_spec(name="食品经营许可（二十个工作日）", promised_days=20))
    catalog.version_submit(actor=world.market_admin.user, version=v)
    world.version = catalog.version_review(actor=world.bureau_reviewer.user, version=v, approve=True)
    world.materials = {m.name: m for m in world.version.materials.all()}
    return world


def submitted(w, form, on: date) -> Case:
    user = w.applicant_user
    case = services.case_draft(actor=user, version=w.version, person=w.person, form_data=form)
    for name in ("食品经营许可申请书", "食品安全管理制度"):
        services.case_attach(actor=user, case=case, requirement=w.materials[name], file=upload(user, name))
    return services.case_submit(actor=user, case=case, on=on)


def accepted(w, form, on: date = DAY) -> Case:
    return services.case_accept(actor=w.clerk.user, case=submitted(w, form, on), on=on)


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def import_made_up_2027() -> None:
    schedule_import(actor=None, data=samples.csv_text(), filename="2027-made-up-for-tests.csv")


@pytest.mark.django_db
def test_a_case_accepted_today_whose_decision_date_runs_into_2027_is_accepted_with_the_date_pending(w, form, client):
    case = accepted(w, form)
    case.refresh_from_db()
    assert case.status == "in_review" and case.accepted_on == DAY and case.due_on is None
    event = case.events.get(action="accept")
    assert event.document is not None  # the sealed 受理通知书 was issued
    assert event.summary == "受理；承诺 20 个工作日内作出决定（截止日期待 2027 年节假日安排导入后确定）"
    told = Notification.objects.get(recipient=w.applicant_user, title="申请已受理").body
    assert "将于 20 个工作日内（截止日期待 2027 年节假日安排导入后确定）作出决定" in told

    client.force_login(w.reviewer_a.user)
    page = body(client.get(f"{BASE}{case.pk}/"))
    assert "待定" in page and PENDING in page and "至少 18 个工作日" in page
    tasks = body(client.get(BASE))  # 我的待办
    assert case.number in tasks and "待定" in tasks and PENDING in tasks

    detail = ok(Api(w.reviewer_a.user, token=True).get(str(case.pk)))
    clock = detail["clocks"]["decision"]
    assert (clock["due"], clock["pending_year"], clock["workdays_left"], clock["status"]) == (None, 2027, 18, "正常")
    assert clock["explanation"].endswith(PENDING) and detail["due_on"] is None
    row = next(r for r in ok(Api(w.reviewer_a.user, token=True).get("tasks"))["items"] if r["id"] == case.pk)
    assert row["clock"]["due"] is None and row["clock"]["pending_year"] == 2027

    client.force_login(w.applicant_user)
    portal = body(client.get(f"/apply/cases/{case.pk}/"))
    assert "待定" in portal and "还剩至少" in portal and PENDING in portal
    assert "待定" in body(client.get("/apply/"))


@pytest.mark.django_db
def test_suspending_resuming_and_extending_past_the_calendar_succeed(w, form):
    case = accepted(w, form)
    services.case_suspend(actor=w.reviewer_a.user, case=case, reason="检测", expected_workdays=20, detail="送检")
    case = services.case_resume(actor=w.reviewer_a.user, case=case)
    assert case.due_on is None
    services.case_request_extension(actor=w.approver.user, case=case, reason="需现场核查多处经营场所")
    extension = services.case_approve_extension(actor=w.approver2.user, case=case)
    case.refresh_from_db()
    assert case.due_on is None and extension.document is not None
    assert case.events.filter(action="extend", summary__contains="决定期限改为 待定（截止日期待 2027 年").exists()
    assert "决定期限为 待定" in Notification.objects.get(recipient=w.applicant_user, title="办理期限延长").body


@pytest.mark.django_db
def test_intake_past_the_calendar_is_worded_as_pending_sorted_last_and_never_deemed_early(w, form, client,
                                                                                          monkeypatch):
    dated = accepted(w, form, on=date(2026, 12, 2))  # 20 working days: due 2026-12-30
    late = date(2026, 12, 28)
    pin(monkeypatch, late)
    waiting = submitted(w, form, late)  # five working days from 12-28 reach into 2027
    told = Notification.objects.get(recipient=w.applicant_user, title="申请已提交", case=waiting).body
    assert "窗口将于 5 个工作日内（截止日期待 2027 年节假日安排导入后确定）作出受理决定" in told
    assert waiting.intake_started_on == late

    both = w.clerk
    both.roles.create(role="reviewer", department=w.market)
    ordered, counts = selectors.by_urgency(selectors.my_tasks(actor=both.user), late)
    assert [c.pk for c in ordered] == [dated.pk, waiting.pk]  # the date to be fixed comes after every dated one
    assert counts == {"total": 2, "超期": 0, "临期": 1}
    client.force_login(both.user)
    tasks = body(client.get(BASE))
    assert re.findall(r'class="fw-semibold cw-number"[^>]*>([^<]+)<', tasks) == [dated.number, waiting.number]
    client.force_login(w.applicant_user)
    receipt = body(client.get(f"/apply/cases/{waiting.pk}/receipt/"))
    assert "待定" in receipt and "截止日期待 2027 年节假日安排导入后确定" in receipt

    assert services.case_sweep(on=date(2026, 12, 31)) == 0  # not due: the fifth working day is in 2027
    import_made_up_2027()
    # With the made-up 2027 (1-1..1-3 off): 12-29, 12-30, 12-31, 1-4, 1-5 — deemed accepted from 1-6.
    assert services.case_sweep(on=date(2027, 1, 5)) == 0
    assert services.case_sweep(on=date(2027, 1, 6)) == 1


@pytest.mark.django_db
def test_the_sweep_fills_in_the_decision_date_after_the_2027_schedule_is_imported(w, form, client):
    case = accepted(w, form)
    out = StringIO()
    call_command("cases", "sweep", "--on", "2026-12-07", stdout=out)
    assert "补定决定期限 0 件" in out.getvalue()
    import_made_up_2027()
    call_command("cases", "sweep", "--on", "2026-12-08", stdout=out)
    assert "补定决定期限 1 件" in out.getvalue()
    case.refresh_from_db()
    # 18 working days to 12-31, then (made-up 2027: 1-1..1-3 off) 1-4 and 1-5.
    assert case.due_on == date(2027, 1, 5)
    told = Notification.objects.get(recipient=w.applicant_user, title="决定期限已确定").body
    assert "决定期限为 2027-01-05" in told
    client.force_login(w.reviewer_a.user)
    page = body(client.get(f"{BASE}{case.pk}/"))
    assert "2027-01-05" in page and "截止 2027-01-05" in page and "待定" not in page
    out = StringIO()
    call_command("cases", "sweep", "--on", "2026-12-08", stdout=out)
    assert "补定决定期限 0 件" in out.getvalue()
