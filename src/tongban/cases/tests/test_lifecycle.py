"""The whole procedure of 行政许可法 through the services, with the dates checked by hand against the
2026 calendar (春节 2026-02-15 至 02-23 放假，02-14 与 02-28 调休上班)."""

from datetime import date

import pytest

from tongban.audit.models import AuditEntry
from tongban.cases import clocks, selectors, services
from tongban.cases.models import Case, Delivery, Notification
from tongban.cases.tests.conftest import upload
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.seals.documents_models import IssuedDocument

D = date


def _verified(w, case):
    """第三十四条: the two-person check of the facts the item marks (its 食品安全管理制度)."""
    for reviewer in (w.reviewer_a, w.reviewer_a2):
        services.case_verify_fact(actor=reviewer.user, case=case, requirement=w.materials["食品安全管理制度"],
                                  finding="现场核查，制度张贴上墙并落实")


def _submitted(w, form, on=None, key=""):
    case = services.case_draft(actor=w.applicant_user, version=w.version, person=w.person, form_data=form,
                               idempotency_key=key)
    for name in ("食品经营许可申请书", "食品安全管理制度"):
        services.case_attach(actor=w.applicant_user, case=case, requirement=w.materials[name],
                             file=upload(w.applicant_user, name))
    return services.case_submit(actor=w.applicant_user, case=case, on=on or D(2026, 2, 10))


def test_submit_gives_a_number_and_the_intake_date_across_the_spring_festival(world, form):
    case = _submitted(world, form)
    assert case.number == f"2026-{world.market.case_code}-000001"
    assert case.status == "received" and case.received_on == D(2026, 2, 10)
    # 2/11, 2/12, 2/13, 2/14 (调休上班), then 2/24 after the holiday: the fifth working day.
    assert clocks.intake_due(case) == D(2026, 2, 24)
    assert Notification.objects.filter(recipient=world.applicant_user, title="申请已提交").exists()


def test_submit_checks_the_form_and_the_materials(world, form):
    case = services.case_draft(actor=world.applicant_user, version=world.version, person=world.person,
                               form_data={**form, "uscc": "91350100M000100Y44", "has_agent": True})
    with pytest.raises(ValidationFailed) as err:
        services.case_submit(actor=world.applicant_user, case=case, on=D(2026, 2, 10))
    text = str(err.value.detail)
    assert "统一社会信用代码" in text and "请填写代办人姓名" in text and "请上传“食品经营许可申请书”" in text
    case.refresh_from_db()
    assert case.status == "draft" and case.number is None


def test_a_retried_submission_never_creates_two_cases(world, form):
    a = services.case_draft(actor=world.applicant_user, version=world.version, person=world.person, form_data=form,
                            idempotency_key="k-1")
    b = services.case_draft(actor=world.applicant_user, version=world.version, person=world.person, form_data=form,
                            idempotency_key="k-1")
    assert a.pk == b.pk and Case.objects.count() == 1


def test_full_procedure_to_a_sealed_grant_delivered_electronically(world, form):
    w = world
    case = _submitted(w, form)
    supplement = services.case_request_supplement(
        actor=w.clerk.user, case=case, on=D(2026, 2, 12),
        items=[{"requirement_id": w.materials["食品安全管理制度"].pk, "reason": "未加盖公章"},
               {"requirement_id": w.materials["营业执照"].pk, "reason": "证照库未查到，请上传"}])
    assert supplement.document.kind == "supplement" and len(supplement.items) == 2
    case.refresh_from_db()
    assert case.status == "supplement_requested"
    with pytest.raises(ValidationFailed, match="营业执照"):
        services.case_submit_supplement(actor=w.applicant_user, case=case, on=D(2026, 2, 13))
    for name in ("食品安全管理制度", "营业执照"):
        services.case_attach(actor=w.applicant_user, case=case, requirement=w.materials[name],
                             file=upload(w.applicant_user, name + "-2"))
    services.case_submit_supplement(actor=w.applicant_user, case=case, on=D(2026, 2, 13))
    case.refresh_from_db()
    assert case.intake_started_on == D(2026, 2, 13)

    case = services.case_accept(actor=w.clerk.user, case=case, on=D(2026, 2, 24))
    # Promised 10 working days from 2/24: 2/25, 26, 27, 28 (调休上班), 3/2 … 3/6, 3/9 → 3/9? count: 25,26,27,28,2,3,4,5,6,9
    assert case.accepted_on == D(2026, 2, 24) and case.due_on == D(2026, 3, 9)
    assert IssuedDocument.objects.filter(kind="acceptance").count() == 1

    with pytest.raises(ValidationFailed, match="两名以上工作人员核查"):
        services.case_complete_step(actor=w.reviewer_a.user, case=case, opinion="材料齐全，符合条件")
    _verified(w, case)
    case = services.case_complete_step(actor=w.reviewer_a.user, case=case, opinion="材料齐全，符合条件", on=D(2026, 2, 26))
    services.case_suspend(actor=w.approver.user, case=case, reason="专家评审", expected_workdays=5,
                          detail="经营场所布局复杂", on=D(2026, 3, 2))
    case.refresh_from_db()
    assert selectors.case_clock(case, D(2026, 3, 4))["decision"].status == "中止"
    services.case_resume(actor=w.approver.user, case=case, on=D(2026, 3, 6))
    case.refresh_from_db()
    state = clocks.decision_state(case, D(2026, 3, 9))
    # 3/2–3/6 did not count: five working days move the due date to 3/16.
    assert state.due == D(2026, 3, 16)
    assert "专家评审 3 月 2 日至 3 月 6 日中止计时" in state.explanation

    case = services.case_decide(actor=w.approver.user, case=case, grant=True, content="准予食品经营许可（餐饮服务）",
                                on=D(2026, 3, 10))
    assert case.status == "concluded" and case.decision == "grant"
    delivery = Delivery.objects.get(case=case)
    assert delivery.method == "electronic" and delivery.document.kind == "grant"
    services.delivery_opened(actor=w.applicant_user, delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.opened_at is not None
    lic = clocks.license_state(case, D(2026, 3, 10))
    assert lic.due == D(2026, 3, 24)  # 第四十四条: ten working days to issue the licence
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["submit", "submit", "request_supplement", "submit_supplement", "accept", "verify_fact",
                       "verify_fact", "complete_step",
                       "suspend", "resume", "decide", "deliver"]
    assert AuditEntry.objects.filter(action="case.decide", target_id=str(case.pk)).exists()


def test_deemed_acceptance_after_five_working_days(world, form):
    case = _submitted(world, form)
    assert services.case_sweep(on=D(2026, 2, 24)) == 0
    assert services.case_sweep(on=D(2026, 2, 25)) == 1
    case.refresh_from_db()
    assert case.status == "in_review" and case.acceptance == "deemed" and case.accepted_on == D(2026, 2, 10)
    assert "视为自 2026-02-10 起受理" in case.events.last().summary


def test_no_supplement_notice_once_deemed_accepted(world, form):
    case = _submitted(world, form)
    with pytest.raises(Conflict, match="视为受理"):
        services.case_request_supplement(actor=world.clerk.user, case=case, on=D(2026, 2, 25),
                                         items=[{"requirement_id": world.materials["营业执照"].pk, "reason": "缺"}])
    case.refresh_from_db()
    assert case.status == "in_review" and case.acceptance == "deemed"  # recorded although the action failed


def test_two_staff_acting_at_once_only_one_succeeds(world, form):
    case = _submitted(world, form)
    seen = case.row_version
    services.case_accept(actor=world.clerk.user, case=case, expected_version=seen, on=D(2026, 2, 11))
    with pytest.raises(Conflict, match="已被他人处理"):
        services.case_refuse_intake(actor=world.clerk.user, case=case, expected_version=seen, reasons=["不符合"],
                                    on=D(2026, 2, 11))
    assert Case.objects.get(pk=case.pk).status == "in_review"


def test_other_departments_cannot_act(world, form):
    case = services.case_accept(actor=world.clerk.user, case=_submitted(world, form), on=D(2026, 2, 11))
    with pytest.raises(PermissionDenied):
        services.case_complete_step(actor=world.reviewer_b.user, case=case, opinion="同意")


def test_denial_needs_reasons_and_states_remedies(world, form):
    w = world
    case = services.case_accept(actor=w.clerk.user, case=_submitted(w, form), on=D(2026, 2, 11))
    _verified(w, case)
    case = services.case_complete_step(actor=w.reviewer_a.user, case=case, opinion="场所不符合要求")
    with pytest.raises(ValidationFailed, match="须说明理由"):
        services.case_decide(actor=w.approver.user, case=case, grant=False)
    case = services.case_decide(actor=w.approver.user, case=case, grant=False, reasons=["经营场所与生活区未有效隔离"])
    doc = Delivery.objects.get(case=case).document
    assert doc.kind == "denial"


def test_one_extension_approved_by_another_approver(world, form):
    w = world
    case = services.case_accept(actor=w.clerk.user, case=_submitted(w, form), on=D(2026, 2, 11))
    due = case.due_on
    services.case_request_extension(actor=w.approver.user, case=case, reason="需现场核查多处经营场所")
    with pytest.raises(PermissionDenied, match="申请人以外"):
        services.case_approve_extension(actor=w.approver.user, case=case)
    services.case_approve_extension(actor=w.approver2.user, case=case)
    case.refresh_from_db()
    assert clocks.decision_state(case, D(2026, 2, 12)).due == services.clocks.WorkCalendar.default().add_workdays(due, 10)
    with pytest.raises(Conflict, match="只能申请一次"):
        services.case_request_extension(actor=w.approver.user, case=case, reason="再延")


def test_withdraw_and_nothing_after(world, form):
    case = _submitted(world, form)
    services.case_withdraw(actor=world.applicant_user, case=case, reason="不开了")
    with pytest.raises(Conflict, match="已撤回"):
        services.case_accept(actor=world.clerk.user, case=case)


def test_daily_sweep_command_and_deadline_alerts(world, form):
    from io import StringIO

    from django.core.management import call_command

    w = world
    _submitted(w, form)
    out = StringIO()
    call_command("cases", "sweep", "--on", "2026-02-25", stdout=out)
    assert "视为受理 1 件" in out.getvalue()
    # Deemed accepted from 2/10 with 10 promised working days: 2/11–2/14, 2/24–2/28 (2/28 调休上班), 3/2 is due.
    # On 2/27 two working days are left (2/28, 3/2): 临期. A second pass the same day sends nothing new.
    call_command("cases", "sweep", "--on", "2026-02-27", stdout=out)
    call_command("cases", "sweep", "--on", "2026-02-27", stdout=out)
    alerts = Notification.objects.filter(recipient=w.reviewer_a.user, title="办件临期")
    assert alerts.count() == 1 and "剩余 2 个工作日" in alerts.get().body


def test_admin_cannot_change_a_case(world, form, client):
    case = _submitted(world, form)
    world.admin.user.is_staff = world.admin.user.is_superuser = True
    world.admin.user.save()
    client.force_login(world.admin.user)
    assert client.get(f"/admin/cases/case/{case.pk}/change/").status_code == 200  # view only
    response = client.post(f"/admin/cases/case/{case.pk}/change/", {"status": "concluded"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "received"


def test_attachments_respect_formats_owner_and_online_depth(world, form):
    from django.contrib.auth import get_user_model

    from tongban.catalog.models import ItemVersion

    w = world
    case = services.case_draft(actor=w.applicant_user, version=w.version, person=w.person, form_data=form)
    stranger = get_user_model().objects.create_user("stranger", password="pw")
    with pytest.raises(PermissionDenied):
        services.case_attach(actor=stranger, case=case, requirement=w.materials["食品经营许可申请书"],
                             file=upload(stranger, "x"))
    from django.core.files.base import ContentFile

    from tongban.files.services import file_upload
    from tongban.files.tests.samples import png

    image = file_upload(actor=w.applicant_user, upload=ContentFile(png("p"), name="scan.png"))
    with pytest.raises(ValidationFailed, match="只接受 pdf"):
        services.case_attach(actor=w.applicant_user, case=case, requirement=w.materials["食品经营许可申请书"], file=image)
    ItemVersion.objects.filter(pk=w.version.pk).update(online_depth=2)
    w.version.refresh_from_db()
    with pytest.raises(ValidationFailed, match="暂不支持网上申请"):
        services.case_draft(actor=w.applicant_user, version=w.version, person=w.person, form_data=form)


def test_the_windows_steps_around_review_are_the_acceptance_and_the_delivery(world, form):
    """A guide's process usually opens with the window's 受理 and may close with its 制证送达. Accepting the case is
    the first, so review starts after it (no one in the handling department holds the window's role) and nothing
    returns to it; the decision is taken at the last review step, and the delivery that concludes the case is
    the second."""
    from tongban.cases.domain import WINDOW_CLERK
    from tongban.catalog import services as catalog
    from tongban.catalog.tests.factories import food_spec
    from tongban.org.models import Role

    assert WINDOW_CLERK == Role.WINDOW_CLERK
    w = world
    draft = catalog.version_new_draft(actor=w.market_admin.user, item=w.version.item)
    steps = [{"name": "受理", "role": "window_clerk", "workdays": 0}, {"name": "审查", "role": "reviewer", "workdays": 6},
             {"name": "决定", "role": "approver", "workdays": 3}, {"name": "制证送达", "role": "window_clerk", "workdays": 1}]
    draft = catalog.version_update(actor=w.market_admin.user, version=draft, spec=food_spec(steps=steps))
    catalog.version_submit(actor=w.market_admin.user, version=draft)
    w.version = catalog.version_review(actor=w.bureau_reviewer.user, version=draft, approve=True)
    w.materials = {m.name: m for m in w.version.materials.all()}

    case = services.case_accept(actor=w.clerk.user, case=_submitted(w, form), on=D(2026, 2, 12))
    intake, review, decision, delivery = case.steps.order_by("order")
    assert (intake.name, intake.state, intake.completed_by) == ("受理", "done", w.clerk.user)
    assert (review.state, decision.state, delivery.state) == ("active", "pending", "pending")
    assert case.task_role == "reviewer" and case.current_step == review.order
    assert case in selectors.my_tasks(actor=w.reviewer_a.user)

    _verified(w, case)
    case = services.case_complete_step(actor=w.reviewer_a.user, case=case, opinion="同意", on=D(2026, 2, 13))
    with pytest.raises(ValidationFailed, match="之前的审查环节"):
        services.case_return_step(actor=w.approver.user, case=case, to_order=intake.order, reason="重新受理")
    with pytest.raises(Conflict, match="最后一个环节"):
        services.case_complete_step(actor=w.approver.user, case=case, opinion="同意")
    case = services.case_decide(actor=w.approver.user, case=case, grant=True, content="准予", on=D(2026, 2, 24))
    assert case.status == "concluded"  # delivered electronically
    assert list(case.steps.order_by("order").values_list("state", flat=True)) == ["done"] * 4


def test_a_process_of_the_window_alone_is_done_by_the_windows_that_take_its_intake(world, form):
    """A 即办件 left without an intake decision is deemed accepted (第三十二条) and waits on its only step, the
    window's: the clerks who take the department's intake (a comprehensive window here) see it and decide it."""
    from tongban.catalog import services as catalog
    from tongban.catalog.tests.factories import food_spec
    from tongban.org.permissions import has_role

    w = world
    assert not has_role(w.clerk.user, ["window_clerk"], w.market)  # not the department's own window
    draft = catalog.version_new_draft(actor=w.market_admin.user, item=w.version.item)
    spec = food_spec(handling="instant", promised_days=0, steps=[{"name": "核验发放", "role": "window_clerk",
                                                                 "workdays": 0}])
    draft = catalog.version_update(actor=w.market_admin.user, version=draft, spec=spec)
    catalog.version_submit(actor=w.market_admin.user, version=draft)
    w.version = catalog.version_review(actor=w.bureau_reviewer.user, version=draft, approve=True)
    w.materials = {m.name: m for m in w.version.materials.all()}

    case = _submitted(w, form)
    assert services.case_sweep(on=D(2026, 2, 26)) == 1
    case.refresh_from_db()
    assert (case.status, case.acceptance, case.task_role) == ("in_review", "deemed", "window_clerk")
    assert case in selectors.my_tasks(actor=w.clerk.user)
    with pytest.raises(PermissionDenied):
        services.case_decide(actor=w.reviewer_a.user, case=case, grant=True, content="准予")
    case = services.case_decide(actor=w.clerk.user, case=case, grant=True, content="准予", on=D(2026, 2, 26))
    assert case.status == "concluded"
