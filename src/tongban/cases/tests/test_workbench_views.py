"""The staff workbench for cases through the pages, as window clerks, reviewers, approvers and inspectors use it:
lists coloured by the clock, the case page, every action of the panel (with `expected_version`), refusals that
keep the input and change nothing, and who may see what."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from tests.factories import make_staff

from tongban.audit.models import AuditEntry
from tongban.cases import selectors, services, views_workbench
from tongban.cases.models import (
    Case,
    Delivery,
    Extension,
    FactCheck,
    Notification,
    Opinion,
    SupplementRequest,
    Suspension,
)
from tongban.cases.tests.conftest import upload
from tongban.catalog import services as catalog
from tongban.catalog.tests.factories import food_spec
from tongban.clock import Deadline
from tongban.org.models import Hall, Role, Window
from tongban.seals.documents_models import IssuedDocument

BASE = "/workbench/cases/"


def text(response) -> str:
    return response.content.decode()


def today() -> date:
    return timezone.localdate()


def submitted(w, form, on: date | None = None, *, person=None, user=None) -> Case:
    user = user or w.applicant_user
    case = services.case_draft(actor=user, version=w.version, person=person or w.person, form_data=form)
    for name in ("食品经营许可申请书", "食品安全管理制度"):
        services.case_attach(actor=user, case=case, requirement=w.materials[name], file=upload(user, name))
    return services.case_submit(actor=user, case=case, on=on or today())


def accepted(w, form, on: date | None = None) -> Case:
    day = on or today()
    return services.case_accept(actor=w.clerk.user, case=submitted(w, form, day), on=day)


def verified(w, case):
    for reviewer in (w.reviewer_a, w.reviewer_a2):
        services.case_verify_fact(actor=reviewer.user, case=case, requirement=w.materials["食品安全管理制度"],
                                  finding="现场核查属实")


def at_decision(w, form) -> Case:
    case = accepted(w, form)
    verified(w, case)
    return services.case_complete_step(actor=w.reviewer_a.user, case=case, opinion="材料齐全，符合条件")


def version_of(client, case) -> int:
    """The expected_version the case page hands out (as a browser would post it back)."""
    body = text(client.get(f"{BASE}{case.pk}/"))
    found = re.findall(r'name="expected_version" value="(\d+)"', body)
    assert found, "the page offers no action"
    return int(found[0])


def act(client, case, action, data=None, version=None):
    payload = {"expected_version": version if version is not None else version_of(client, case), **(data or {})}
    return client.post(f"{BASE}{case.pk}/actions/{action}/", payload)


def accept_day_for(status: str, workdays: int = 10) -> date:
    """An acceptance date that puts a 10-working-day decision clock in `status` today."""
    day = today() - timedelta(days=1)
    for _ in range(60):
        if str(Deadline(start=day, workdays=workdays).evaluate(today()).status) == status:
            return day
        day -= timedelta(days=1)
    raise AssertionError(status)


# ---------------------------------------------------------------------------------------------------------------
# Lists


@pytest.mark.django_db
def test_my_tasks_are_sorted_by_urgency_and_coloured_by_the_clock(world, form, client):
    w = world
    normal = accepted(w, form)
    overdue = accepted(w, form, on=accept_day_for("超期"))
    soon = accepted(w, form, on=accept_day_for("临期"))
    paused = accepted(w, form, on=today() - timedelta(days=7))  # (a suspension counts from the day after acceptance)
    services.case_suspend(actor=w.reviewer_a.user, case=paused, reason="检测", expected_workdays=5, detail="送检")
    client.force_login(w.reviewer_a.user)
    response = client.get(BASE)
    assert response.status_code == 200
    body = text(response)
    numbers = re.findall(r'class="fw-semibold cw-number"[^>]*>([^<]+)<', body)
    assert numbers == [overdue.number, soon.number, normal.number, paused.number]
    for number, css, label in ((overdue.number, "cw-overdue", "超期"), (soon.number, "cw-due-soon", "临期"),
                               (paused.number, "cw-suspended", "中止")):
        row = re.search(r'<tr class="cw-row ([^"]*)">\s*<td[^>]*><a[^>]*>' + re.escape(number), body)
        assert row and row.group(1) == css, number
        assert f'<span class="badge cw-badge {css}">{label}</span>' in body
    assert '<span class="badge cw-badge cw-normal">正常</span>' in body
    assert "审查" in body  # the step waiting for this reviewer


@pytest.mark.django_db
def test_intake_and_review_tasks_share_one_urgency_order(world, form, client):
    """Someone both at the window and reviewing: the intake deadline (5 working days) sorts between a decision
    due within 3 working days and one due in 10; 超期 and 临期 counted on the clock that runs."""
    w = world
    both = make_staff("window_and_review", w.market, Role.REVIEWER, name="综合岗")
    both.roles.create(role=Role.WINDOW_CLERK, department=w.market)
    normal, overdue, soon = accepted(w, form), accepted(w, form, on=accept_day_for("超期")), \
        accepted(w, form, on=accept_day_for("临期"))
    waiting = submitted(w, form)
    ordered, counts = selectors.by_urgency(selectors.my_tasks(actor=both.user), today())
    assert [c.pk for c in ordered] == [overdue.pk, soon.pk, waiting.pk, normal.pk]
    assert counts == {"total": 4, "超期": 1, "临期": 1}
    assert ordered[2].clock_due == Deadline(start=today(), workdays=5).due(today())
    client.force_login(both.user)
    numbers = re.findall(r'class="fw-semibold cw-number"[^>]*>([^<]+)<', text(client.get(BASE)))
    assert numbers == [overdue.number, soon.number, waiting.number, normal.number]


@pytest.mark.django_db
def test_my_tasks_pages_keep_the_order_and_the_counts(world, form, client, monkeypatch):
    """One query gives a page of 我的待办 and the counts over all of it (window aggregates): every page shows the
    same counts, and a page past the end shows the last one."""
    monkeypatch.setattr(views_workbench, "PAGE_SIZE", 1)
    w = world
    overdue, soon, normal = (accepted(w, form, on=accept_day_for("超期")), accepted(w, form, on=accept_day_for("临期")),
                             accepted(w, form))
    client.force_login(w.reviewer_a.user)

    def page(number):
        body = text(client.get(BASE, {"page": number}))
        return re.findall(r'class="fw-semibold cw-number"[^>]*>([^<]+)<', body), body

    for number, expected in (("1", overdue), ("2", soon), ("3", normal), ("99", normal), ("x", overdue)):
        numbers, body = page(number)
        assert numbers == [expected.number], number
        assert "共 3 条" in body, number
        assert '<strong>1</strong> 超期' in body and '<strong>1</strong> 临期' in body, number


@pytest.mark.django_db
def test_the_clerk_sees_intake_tasks_and_the_approver_none_yet(world, form, client):
    w = world
    case = submitted(w, form)
    client.force_login(w.clerk.user)
    body = text(client.get(BASE))
    assert case.number in body and "受理决定" in body
    client.force_login(w.approver.user)
    body = text(client.get(BASE))
    assert case.number not in body and "没有待办的办件。" in body


@pytest.mark.django_db
def test_department_queue_filters_by_status_and_survives_bad_input(world, form, client):
    w = world
    received = submitted(w, form)
    reviewing = accepted(w, form)
    client.force_login(w.reviewer_a.user)
    body = text(client.get(f"{BASE}department/"))
    assert received.number in body and reviewing.number in body
    body = text(client.get(f"{BASE}department/", {"status": "in_review"}))
    assert reviewing.number in body and received.number not in body
    response = client.get(f"{BASE}department/", {"status": "nonsense", "page": "x"})
    assert response.status_code == 200 and "状态无效" in text(response)
    assert client.get(f"{BASE}department/", {"page": "999"}).status_code == 200


@pytest.mark.django_db
def test_search_by_number_applicant_item_status_and_dates(world, form, client):
    w = world
    case = accepted(w, form)
    client.force_login(w.reviewer_a.user)

    def found(**params):
        response = client.get(f"{BASE}search/", params)
        assert response.status_code == 200
        return f">{case.number}</a>" in text(response)

    assert found(number=case.number) and not found(number="2026-XX-000009")
    assert found(applicant="张") and not found(applicant="李")
    assert found(item="食品经营") and not found(item="药品")
    assert found(status="in_review") and not found(status="concluded")
    assert found(received_from=today().isoformat(), received_to=today().isoformat())
    assert not found(received_from=(today() + timedelta(days=1)).isoformat())
    assert found(q=case.number)
    response = client.get(f"{BASE}search/", {"received_from": "2026-13-45", "status": "bogus"})
    assert response.status_code == 200 and "查询条件有误" in text(response)
    response = client.get(f"{BASE}search/", {"received_from": "2026-05-02", "received_to": "2026-05-01"})
    assert "结束日期不能早于开始日期" in text(response)
    client.force_login(w.reviewer_b.user)  # another department sees nothing of it
    assert not found(number=case.number)


@pytest.mark.django_db
def test_a_broad_search_counts_up_to_the_cap(world, form, client, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr(views_workbench, "PAGE_SIZE", 1)
    cases = [accepted(world, form) for _ in range(4)]
    client.force_login(world.reviewer_a.user)
    body = text(client.get(f"{BASE}search/", {"item": "食品经营"}))
    assert "第 1–1 条，共 2 条以上，请缩小查询范围" in body and f">{cases[-1].number}</a>" in body
    body = text(client.get(f"{BASE}search/", {"number": cases[0].number}))
    assert "共 1 条" in body and "以上" not in body
    api = client.get("/api/v1/cases/search", {"item": "食品经营"})
    assert api.status_code == 200 and api.json()["count"] == 3  # cap + 1: "more than 2"


@pytest.mark.django_db
def test_a_narrow_search_is_sorted_newest_first_like_a_broad_one(world, form, client):
    days = [today() - timedelta(days=n) for n in (9, 2, 5)]
    cases = [submitted(world, form, on=d) for d in days]
    newest_first = [c.pk for c in sorted(cases, key=lambda c: (c.received_on, c.pk), reverse=True)]
    qs = selectors.case_search(actor=world.reviewer_a.user, item="食品经营")
    assert [c.pk for c in qs] == newest_first  # the indexable order
    assert selectors.counted_search(qs)[0] == 3
    assert [c.pk for c in selectors.counted_search(qs)[1]] == newest_first  # few matches: read whole and sorted
    client.force_login(world.reviewer_a.user)
    numbers = re.findall(r'class="fw-semibold cw-number"[^>]*>([^<]+)<', text(client.get(f"{BASE}search/",
                                                                                         {"item": "食品经营"})))
    assert numbers == [Case.objects.get(pk=pk).number for pk in newest_first]
    api = client.get("/api/v1/cases/search", {"item": "食品经营"}).json()
    assert [row["id"] for row in api["items"]] == newest_first and api["count"] == 3


@pytest.mark.django_db
def test_overdue_cases_are_for_inspectors_and_supervisors(world, form, client):
    w = world
    late = accepted(w, form, on=accept_day_for("超期"))
    fresh = accepted(w, form)
    client.force_login(w.inspector.user)
    body = text(client.get(f"{BASE}overdue/"))
    assert late.number in body and fresh.number not in body and "cw-overdue" in body
    assert w.market.name in body
    supervisor = make_staff("supervisor_a", w.market, Role.SUPERVISOR, name="市场监管人员")
    client.force_login(supervisor.user)
    assert late.number in text(client.get(f"{BASE}overdue/"))
    client.force_login(w.reviewer_a.user)
    assert client.get(f"{BASE}overdue/").status_code == 403


# ---------------------------------------------------------------------------------------------------------------
# The case page


@pytest.mark.django_db
def test_case_page_shows_header_form_materials_clock_and_timeline(world, form, client):
    w = world
    case = submitted(w, form)
    client.force_login(w.clerk.user)  # a 综窗 clerk of the bureau: decides intake for the market department
    response = client.get(f"{BASE}{case.pk}/")
    assert response.status_code == 200
    body = text(response)
    assert case.number in body and "食品经营许可" in body and "v1" in body and w.market.name in body
    assert "110***********002X" in body and "11010519491231002X" not in body  # masked ID
    assert "经营者名称" in body and "张三小吃店" in body and "是否委托代办" in body  # labels from the form schema
    assert "食品安全管理制度" in body and "申请时提交" in body and "<iframe" in body
    assert "受理审查期限" in body and "收件日" in body  # the clock with its explanation
    assert "提交申请" in body  # timeline
    for action in ("accept", "supplement", "refuse"):
        assert f"/actions/{action}/" in body
    assert "/actions/instant/" not in body  # 承诺件
    assert "/actions/decide/" not in body


@pytest.mark.django_db
def test_material_preview_is_inline_framed_by_this_site_and_audited(world, form, client):
    w = world
    case = submitted(w, form)
    material = case.materials.first()
    client.force_login(w.reviewer_a.user)
    response = client.get(f"{BASE}{case.pk}/materials/{material.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline") and response["X-Frame-Options"] == "SAMEORIGIN"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="file.read", actor_id=str(w.reviewer_a.user.pk)).exists()
    body = text(client.get(f"{BASE}{case.pk}/"))
    assert f'src="{BASE}{case.pk}/materials/{material.pk}/"' in body  # previewed in the page
    download = client.get(f"/api/v1/files/{material.file_id}/content")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    other = submitted(w, form)
    assert client.get(f"{BASE}{case.pk}/materials/{other.materials.first().pk}/").status_code == 404


@pytest.mark.django_db
def test_another_departments_reviewer_cannot_see_or_act(world, form, client):
    w = world
    case = accepted(w, form)
    client.force_login(w.reviewer_b.user)
    assert client.get(f"{BASE}{case.pk}/").status_code == 404
    response = client.post(f"{BASE}{case.pk}/actions/complete_step/",
                           {"expected_version": case.row_version, "opinion": "同意"})
    assert response.status_code == 404
    assert client.get(f"{BASE}{case.pk}/materials/{case.materials.first().pk}/").status_code == 404
    case.refresh_from_db()
    assert case.current_step == 1 and not Opinion.objects.exists()
    assert client.get(f"{BASE}999999/").status_code == 404
    assert client.post(f"{BASE}{case.pk}/actions/unknown/", {}).status_code == 404


@pytest.mark.django_db
def test_an_applicant_account_gets_no_workbench(world, form, client):
    case = submitted(world, form)
    client.force_login(world.applicant_user)
    assert client.get(f"{BASE}{case.pk}/").status_code == 403
    assert client.get(BASE).status_code == 403


# ---------------------------------------------------------------------------------------------------------------
# Intake


@pytest.mark.django_db
def test_accept_through_the_page(world, form, client):
    w = world
    case = submitted(w, form)
    client.force_login(w.clerk.user)
    response = act(client, case, "accept")
    assert response.status_code == 302 and response["Location"] == f"{BASE}{case.pk}/"
    case.refresh_from_db()
    assert case.status == "in_review" and case.acceptance == "explicit"
    body = text(client.get(response["Location"]))
    assert "已受理" in body and "受理通知书" in body and "决定期限" in body
    doc = IssuedDocument.objects.get(kind="acceptance")
    assert f"/verify/{doc.token}/" in body and f"/verify/{doc.token}/document.pdf" in body


@pytest.mark.django_db
def test_two_clerks_at_once_one_succeeds_the_other_sees_the_conflict(world, form, client):
    w = world
    case = submitted(w, form)
    other = make_staff("clerk2", w.bureau, Role.WINDOW_CLERK, name="综窗人员二")
    client.force_login(w.clerk.user)
    seen = version_of(client, case)  # both opened the page at the same version
    assert act(client, case, "accept", version=seen).status_code == 302
    client.force_login(other.user)
    response = act(client, case, "refuse", {"reasons": "材料不全", "ground": "other"}, version=seen)
    assert response.status_code == 409
    body = text(response)
    assert "已被他人处理" in body and "请刷新后再操作" in body and "操作未执行：办件已发生变化" in body
    case.refresh_from_db()
    assert case.status == "in_review" and not IssuedDocument.objects.filter(kind="intake_refusal").exists()


@pytest.mark.django_db
def test_an_action_without_the_version_changes_nothing(world, form, client):
    w = world
    case = submitted(w, form)
    client.force_login(w.clerk.user)
    response = client.post(f"{BASE}{case.pk}/actions/accept/", {})
    assert response.status_code == 409 and "页面信息不完整" in text(response)
    case.refresh_from_db()
    assert case.status == "received"


@pytest.mark.django_db
def test_one_supplement_notice_lists_every_missing_item(world, form, client):
    w = world
    case = submitted(w, form)
    licence, rules = w.materials["营业执照"], w.materials["食品安全管理制度"]
    client.force_login(w.clerk.user)
    # A ticked item without its reason: refused, input kept, nothing issued.
    response = act(client, case, "supplement", {f"item_{licence.pk}": "on", f"item_{rules.pk}": "on",
                                                f"reason_{rules.pk}": "未加盖公章"})
    assert response.status_code == 422
    body = text(response)
    assert "请写明“营业执照”需要补正的原因" in body and 'value="未加盖公章"' in body
    assert not SupplementRequest.objects.exists()
    response = act(client, case, "supplement", {})
    assert response.status_code == 422 and "请勾选需要补正的全部材料" in text(response)
    response = act(client, case, "supplement", {f"item_{licence.pk}": "on", f"reason_{licence.pk}": "证照库未查到",
                                                f"item_{rules.pk}": "on", f"reason_{rules.pk}": "未加盖公章"})
    assert response.status_code == 302
    supplement = SupplementRequest.objects.get(case=case)
    assert [i["name"] for i in supplement.items] == ["营业执照", "食品安全管理制度"]
    assert supplement.document.kind == "supplement"
    body = text(client.get(f"{BASE}{case.pk}/"))
    assert "第 1 次补正告知" in body and "证照库未查到" in body and "等待补正" in body
    assert "/actions/accept/" not in body  # 待补正: no intake decision until the applicant answers


@pytest.mark.django_db
def test_refusal_names_the_competent_agency_when_not_ours(world, form, client):
    w = world
    case = submitted(w, form)
    client.force_login(w.clerk.user)
    response = act(client, case, "refuse", {"reasons": "属于药品经营许可\n不属于食品经营", "ground": "not_competent"})
    assert response.status_code == 422 and "须告知有权受理的行政机关" in text(response)
    assert "属于药品经营许可" in text(response)  # kept
    case.refresh_from_db()
    assert case.status == "received"
    response = act(client, case, "refuse", {"reasons": "属于药品经营许可\n不属于食品经营", "ground": "not_competent",
                                            "competent_agency": "苏州市药品监督管理局"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "concluded"  # electronic delivery to the applicant's account
    assert case.decision_reasons == "属于药品经营许可；不属于食品经营"
    assert IssuedDocument.objects.get(kind="intake_refusal").data["competent_agency"] == "苏州市药品监督管理局"


@pytest.mark.django_db
def test_instant_items_are_decided_on_the_spot(world, form, client):
    w = world
    code = "320A0123000000-320500000000-000-11320500MB0000001X-2-00"
    v = catalog.item_create(actor=w.market_admin.user, code=code, owner=w.market,
                            spec=food_spec(name="食品经营许可变更（即办）", handling="instant", promised_days=0,
                                           steps=[{"name": "当场办结", "role": "window_clerk", "workdays": 0}]))
    catalog.version_submit(actor=w.market_admin.user, version=v)
    w.version = catalog.version_review(actor=w.bureau_reviewer.user, version=v, approve=True)
    w.materials = {m.name: m for m in w.version.materials.all()}
    case = submitted(w, form)
    client.force_login(w.clerk.user)
    assert "/actions/instant/" in text(client.get(f"{BASE}{case.pk}/"))
    response = act(client, case, "instant", {"content": "准予变更经营项目"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.acceptance == "instant" and case.decision == "grant" and case.status == "concluded"


# ---------------------------------------------------------------------------------------------------------------
# Review, clock, extension, decision


@pytest.mark.django_db
def test_two_person_fact_check_then_the_step_passes_with_an_opinion(world, form, client):
    w = world
    case = accepted(w, form)
    req = w.materials["食品安全管理制度"]
    client.force_login(w.reviewer_a.user)
    response = act(client, case, "complete_step", {"opinion": "材料齐全"})
    assert response.status_code == 422 and "两名以上工作人员核查" in text(response)
    assert "材料齐全" in text(response)  # the opinion is kept
    assert act(client, case, "verify_fact", {"requirement": req.pk, "finding": "现场核查属实"}).status_code == 302
    body = text(client.get(f"{BASE}{case.pk}/"))
    assert "1/2 人已核查" in body and "/actions/verify_fact/" not in body  # not twice by the same person
    client.force_login(w.reviewer_a2.user)
    assert act(client, case, "verify_fact", {"requirement": req.pk, "finding": "复核属实"}).status_code == 302
    client.force_login(w.reviewer_a.user)
    assert act(client, case, "complete_step", {"opinion": "材料齐全，符合条件"}).status_code == 302
    case.refresh_from_db()
    assert case.current_step == 2 and FactCheck.objects.filter(case=case).count() == 2
    body = text(client.get(f"{BASE}{case.pk}/"))
    assert "材料齐全，符合条件" in body and "2/2 人已核查" in body
    assert "当前环节“决定”由审批人员办理" in body


@pytest.mark.django_db
def test_return_to_an_earlier_step_with_a_reason(world, form, client):
    w = world
    case = at_decision(w, form)
    client.force_login(w.approver.user)
    response = act(client, case, "return_step", {"to_order": 1, "reason": ""})
    assert response.status_code == 422
    assert act(client, case, "return_step", {"to_order": 1, "reason": "场所面积需复核"}).status_code == 302
    case.refresh_from_db()
    assert case.current_step == 1
    assert Opinion.objects.filter(case=case, verdict="return", text="场所面积需复核").exists()
    assert "场所面积需复核" in text(client.get(f"{BASE}{case.pk}/"))


@pytest.mark.django_db
def test_a_reviewer_cannot_decide_for_the_approver(world, form, client):
    w = world
    case = at_decision(w, form)
    client.force_login(w.reviewer_a.user)
    body = text(client.get(f"{BASE}{case.pk}/"))
    assert "/actions/decide/" not in body
    response = act(client, case, "decide", {"decision": "grant", "content": "准予"})
    assert response.status_code == 403 and "没有在" in text(response)
    case.refresh_from_db()
    assert case.status == "in_review" and not case.decision


@pytest.mark.django_db
def test_suspend_resume_extend_and_grant(world, form, client):
    w = world
    case = at_decision(w, form)
    client.force_login(w.approver.user)
    response = act(client, case, "suspend", {"reason": "拍卖行", "expected_workdays": 5, "detail": "x"})
    assert response.status_code == 422  # not a special procedure
    response = act(client, case, "suspend", {"reason": "专家评审", "expected_workdays": "0", "detail": "布局复杂"})
    assert response.status_code == 422 and "布局复杂" in text(response)
    assert act(client, case, "suspend", {"reason": "专家评审", "expected_workdays": 5,
                                         "detail": "经营场所布局复杂，需专家评审"}).status_code == 302
    body = text(client.get(f"{BASE}{case.pk}/"))
    assert "cw-suspended" in body and "中止" in body and "特别程序告知书" in body and "进行中" in body
    assert "/actions/decide/" not in body and "恢复计时后才能作出决定" in body
    assert Suspension.objects.get(case=case).document.kind == "special_procedure"
    assert act(client, case, "resume").status_code == 302
    assert Suspension.objects.get(case=case).ended_on == today()

    assert act(client, case, "request_extension", {"days": 11, "reason": "需复核"}).status_code == 422
    assert act(client, case, "request_extension", {"days": 10, "reason": "需现场核查多处经营场所"}).status_code == 302
    body = text(client.get(f"{BASE}{case.pk}/"))
    assert "/actions/approve_extension/" not in body and "须由另一名审批人员批准" in body
    response = act(client, case, "approve_extension")
    assert response.status_code == 403 and "申请人以外" in text(response)
    client.force_login(w.approver2.user)
    assert act(client, case, "approve_extension").status_code == 302
    assert Extension.objects.get(case=case).document.kind == "extension"

    client.force_login(w.approver.user)
    response = act(client, case, "decide", {"decision": "deny", "reasons": ""})
    assert response.status_code == 422 and "须说明理由" in text(response)
    response = act(client, case, "decide", {"decision": "grant", "content": "准予食品经营许可（餐饮服务）"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "concluded" and case.decision == "grant"
    body = text(client.get(f"{BASE}{case.pk}/"))
    for kind in ("受理通知书", "特别程序告知书", "延期告知书", "准予行政许可决定书"):
        assert kind in body, kind
    assert "电子送达" in body and "颁发证件期限" in body
    assert "/actions/" not in body


@pytest.mark.django_db
def test_a_window_case_is_delivered_in_person_and_concludes(world, client):
    w = world
    hall = Hall.objects.create(name="市政务服务中心", region=w.city, department=w.bureau, address="三香路")
    window = Window.objects.create(hall=hall, number="1", name="综合受理", kind="comprehensive", department=w.bureau)
    from tongban.people.services import person_register

    walk_in = person_register(actor=w.clerk.user, name="王五", id_number="110105194912310046")
    case = services.case_draft(actor=w.clerk.user, version=w.version, person=walk_in, channel="window", window=window,
                               form_data={"business_name": "王五面馆", "uscc": "91350100M000100Y43"})
    for name in ("食品经营许可申请书", "食品安全管理制度"):
        services.case_attach(actor=w.clerk.user, case=case, requirement=w.materials[name],
                             file=upload(w.clerk.user, "scan-" + name))
    case = services.case_submit(actor=w.clerk.user, case=case, on=today())
    case = services.case_accept(actor=w.clerk.user, case=case)
    verified(w, case)
    case = services.case_complete_step(actor=w.reviewer_a.user, case=case, opinion="同意")
    case = services.case_decide(actor=w.approver.user, case=case, grant=False, reasons=["经营场所与生活区未有效隔离"])
    assert case.status == "decided"
    client.force_login(w.clerk.user)
    body = text(client.get(BASE))
    assert "待送达" in body and case.number in body
    response = act(client, case, "deliver", {"method": "in_person", "note": ""})
    assert response.status_code == 422
    response = act(client, case, "deliver", {"method": "electronic", "note": "x"})
    assert response.status_code == 422
    assert act(client, case, "deliver", {"method": "in_person", "note": "王五本人窗口领取"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "concluded"
    delivery = Delivery.objects.get(case=case)
    assert delivery.method == "in_person" and delivery.document.kind == "denial"
    assert "王五本人窗口领取" in text(client.get(f"{BASE}{case.pk}/"))


# ---------------------------------------------------------------------------------------------------------------
# Messages and the workbench home


@pytest.mark.django_db
def test_notifications_unread_first_badge_and_mark_read(world, form, client):
    w = world
    case = at_decision(w, form)  # the approvers are told a case reached their step
    note = Notification.objects.get(recipient=w.approver.user, case=case)
    client.force_login(w.approver.user)
    body = text(client.get(f"{BASE}notifications/"))
    assert "新的待办" in body and "未读" in body
    badge = text(client.get(f"{BASE}notifications/badge/"))
    assert "cw-bell-count" in badge and ">1<" in badge
    assert "cw-bell-count" in text(client.get(BASE))  # the top bar of the case pages
    client.force_login(w.approver2.user)  # somebody else's message
    assert client.post(f"{BASE}notifications/{note.pk}/read/").status_code == 404
    client.force_login(w.approver.user)
    response = client.post(f"{BASE}notifications/{note.pk}/read/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == f"{BASE}{case.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert "cw-bell-count" not in text(client.get(f"{BASE}notifications/badge/"))
    response = client.post(f"{BASE}notifications/read-all/", {"next": "https://evil.example/"})
    assert response["Location"] == f"{BASE}notifications/"
    client.logout()  # an expired session: the htmx fragments stay empty instead of showing the login page
    for fragment in ("notifications/badge/", "summary/"):
        response = client.get(f"{BASE}{fragment}")
        assert response.status_code == 200 and response.content == b""


@pytest.mark.django_db
def test_workbench_home_shows_my_counts(world, form, client):
    w = world
    accepted(w, form, on=accept_day_for("超期"))
    accepted(w, form)
    client.force_login(w.reviewer_a.user)
    home = text(client.get("/workbench/"))
    assert f'hx-get="{BASE}summary/"' in home and "我的待办" in home and f'href="{BASE}"' in home
    assert f'hx-get="{BASE}notifications/badge/"' in home
    body = text(client.get(f"{BASE}summary/"))
    assert re.search(r'cw-figure">2<.*我的待办', body, re.S)
    assert re.search(r'cw-tile-overdue[^>]*>.*?cw-figure">1<.*?待办中超期', body, re.S)
    client.force_login(w.inspector.user)
    body = text(client.get(f"{BASE}summary/"))
    assert re.search(r'cw-figure">1<.*?督查范围内超期办件', body, re.S)
    assert 'href="/workbench/cases/overdue/"' in text(client.get("/workbench/"))


@pytest.mark.django_db
def test_english_pages(world, form, client):
    w = world
    case = submitted(w, form)
    client.force_login(w.clerk.user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = text(client.get(BASE))
    assert "My tasks" in body and "Intake decision" in body
    body = text(client.get(f"{BASE}{case.pk}/"))
    for label in ("Application form", "Application material", "Accept", "One-time notice to supplement", "Timeline"):
        assert label in body, label
    assert "张三小吃店" in body  # data stays as written
