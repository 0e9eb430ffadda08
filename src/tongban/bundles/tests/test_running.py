"""Running 企业开办一件事 through the services: one form, one upload per material, fan-out into real cases,
the dependent member started on its predecessor's grant, one combined 补正, and the results together."""

from datetime import date

import pytest

from tongban.bundles import selectors, services
from tongban.bundles.models import BundleCase, BundleMemberCase
from tongban.bundles.plan import plan_of
from tongban.bundles.tests.conftest import upload
from tongban.cases import services as cases
from tongban.cases.models import Case
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.seals.documents_models import IssuedDocument

D = date(2026, 3, 2)


def _draft(w, form, user=None):
    user = user or w.applicant_user
    bc = services.bundle_case_draft(actor=user, version=w.bundle, person=w.person, form_data=form)
    for m in plan_of(w.bundle).materials:
        services.bundle_attach(actor=user, bundle_case=bc, code=m.code, file=upload(user, m.code))
    return bc


@pytest.fixture
def submitted(world, form, django_capture_on_commit_callbacks):
    bc = _draft(world, form)
    with django_capture_on_commit_callbacks(execute=True):
        return services.bundle_submit(actor=world.applicant_user, bundle_case=bc, on=D)


def _links(bc):
    return {link.member.key: link for link in BundleMemberCase.objects.filter(bundle_case=bc).select_related(
        "member", "case")}


def _grant(w, case, key, grant=True, capture=None):
    staff = w.staff[{"setup": "market", "seal": "police", "social": "hr", "fund": "fund"}[key]]
    case.refresh_from_db()
    day = max(D, case.received_on)  # a dependent starts on the real day its predecessor was granted
    if case.status == "received":
        cases.case_accept(actor=w.clerk.user, case=case, on=day)
    cases.case_complete_step(actor=staff.reviewer.user, case=case, opinion="材料齐全", on=day)
    cases.case_decide(actor=staff.approver.user, case=case, grant=grant, reasons=[] if grant else ["住所不符合要求"],
                      on=day)
    case.refresh_from_db()
    return case


def test_one_submission_fans_out_to_each_competent_department(world, submitted):
    links = _links(submitted)
    assert submitted.number == "2026-YJS-000001" and submitted.status == "intake"
    assert {k: link.state for k, link in links.items()} == {
        "setup": "started", "seal": "waiting", "social": "started", "fund": "started"}
    setup, social, fund = links["setup"].case, links["social"].case, links["fund"].case
    assert (setup.department, social.department, fund.department) == (world.market, world.hr, world.fund)
    assert setup.status == social.status == "received" and setup.received_on == D
    # The one form, mapped into each item's own fields.
    assert setup.form_data["legal_rep_name"] == "李四" and fund.form_data["employees"] == 8
    assert social.form_data == {"company_name": "苏州一件事科技有限公司", "address": "苏州市姑苏区人民路 1 号"}
    # One upload of 公司章程 serves both items that need it.
    articles = {m.requirement.name: m.file_id for m in setup.materials.select_related("requirement")}
    assert social.materials.get().file_id == articles["公司章程"]
    assert fund.materials.get().file_id == articles["住所使用证明"]


def test_a_member_whose_condition_does_not_hold_is_skipped(world, form, django_capture_on_commit_callbacks):
    bc = _draft(world, {**form, "will_hire": False, "staff_count": None})
    with django_capture_on_commit_callbacks(execute=True):
        services.bundle_submit(actor=world.applicant_user, bundle_case=bc, on=D)
    link = _links(bc)["fund"]
    assert link.state == "skipped" and link.case is None and "是否招用员工为“是”" in link.reason
    assert Case.objects.count() == 2


def test_bad_form_or_missing_material_changes_nothing(world, form):
    bc = services.bundle_case_draft(actor=world.applicant_user, version=world.bundle, person=world.person,
                                    form_data={**form, "staff_count": None, "registered_capital": "很多"})
    with pytest.raises(ValidationFailed) as err:
        services.bundle_submit(actor=world.applicant_user, bundle_case=bc, on=D)
    text = err.value.detail
    assert "请填写拟招用人数" in text and "注册资本" in text and "请上传“公司章程”" in text
    bc.refresh_from_db()
    assert not bc.submitted and bc.number is None and Case.objects.count() == 0
    assert not BundleMemberCase.objects.exists()


def test_a_file_in_a_format_one_item_refuses_is_refused(world, form):
    bc = services.bundle_case_draft(actor=world.applicant_user, version=world.bundle, person=world.person,
                                    form_data=form)
    from django.core.files.base import ContentFile

    from tongban.files.services import file_upload
    from tongban.files.tests.samples import png

    picture = file_upload(actor=world.applicant_user, upload=ContentFile(png("章程"), name="章程.png"))
    with pytest.raises(ValidationFailed, match="只接受 pdf"):
        services.bundle_attach(actor=world.applicant_user, bundle_case=bc, code="articles", file=picture)
    assert not bc.uploads.exists()


def test_only_the_applicant_may_attach_and_submit(world, form):
    from django.contrib.auth import get_user_model

    other = get_user_model().objects.create_user("stranger", password="pw")
    bc = _draft(world, form)
    with pytest.raises(PermissionDenied):
        services.bundle_attach(actor=other, bundle_case=bc, code="articles", file=upload(other, "x"))
    with pytest.raises(PermissionDenied):
        services.bundle_submit(actor=other, bundle_case=bc, on=D)
    assert not BundleCase.objects.get(pk=bc.pk).submitted


def test_the_dependent_member_starts_when_its_predecessor_is_granted(world, submitted,
                                                                    django_capture_on_commit_callbacks):
    links = _links(submitted)
    with django_capture_on_commit_callbacks(execute=True):
        _grant(world, links["social"].case, "social")
    assert _links(submitted)["seal"].state == "waiting"  # a parallel member's grant starts nothing
    with django_capture_on_commit_callbacks(execute=True):
        _grant(world, links["setup"].case, "setup")
    seal = _links(submitted)["seal"]
    assert seal.state == "started" and seal.case.department == world.police
    assert seal.case.form_data["representative"] == "李四" and seal.case.status == "received"
    assert submitted.events.filter(summary__contains="自动启动“公章刻制备案”").exists()
    submitted.refresh_from_db()
    assert submitted.status == "in_progress" and submitted.accepted_on == D


def test_a_denied_member_stops_its_dependents_and_the_others_go_on(world, submitted,
                                                                  django_capture_on_commit_callbacks):
    links = _links(submitted)
    with django_capture_on_commit_callbacks(execute=True):
        _grant(world, links["setup"].case, "setup", grant=False)
    now = _links(submitted)
    assert now["seal"].state == "stopped" and "“公司设立登记”不予许可" in now["seal"].reason
    assert now["social"].case.status == "received"  # independent: goes on
    detail = selectors.bundle_detail(submitted, D)
    setup = next(m for m in detail["members"] if m["key"] == "setup")
    assert "公章刻制备案因此终止" in setup["consequence"] and "社会保险登记" in setup["consequence"]
    assert setup["result"].kind == "denial"


def test_one_combined_supplement_answered_once(world, submitted, django_capture_on_commit_callbacks):
    links = _links(submitted)
    before = IssuedDocument.objects.count()
    supplement = services.bundle_request_supplement(
        actor=world.clerk.user, bundle_case=submitted, on=D,
        items=[{"code": "articles", "reason": "未经全体股东签署"}])
    assert IssuedDocument.objects.count() == before + 1  # ONE sealed notice for two sub-cases
    assert supplement.document.kind == "supplement"
    assert sorted(supplement.items[0]["items"]) == ["公司设立登记", "社会保险登记"]
    assert supplement.document.data["missing_items"][0]["name"].startswith("公司章程（")
    setup, social = links["setup"].case, links["social"].case
    for case in (setup, social):
        case.refresh_from_db()
        assert case.status == "supplement_requested"
        assert case.supplement_requests.get().document_id == supplement.document_id
    assert links["fund"].case.status == "received"  # not concerned
    submitted.refresh_from_db()
    assert submitted.status == "supplement"
    with pytest.raises(ValidationFailed, match="公司章程"):
        services.bundle_submit_supplement(actor=world.applicant_user, bundle_case=submitted, on=D)
    with pytest.raises(ValidationFailed, match="不在其中"):
        services.bundle_attach(actor=world.applicant_user, bundle_case=submitted, code="premises",
                               file=upload(world.applicant_user, "p2"))
    new = upload(world.applicant_user, "章程-全体股东签署")
    services.bundle_attach(actor=world.applicant_user, bundle_case=submitted, code="articles", file=new)
    with django_capture_on_commit_callbacks(execute=True):
        services.bundle_submit_supplement(actor=world.applicant_user, bundle_case=submitted, on=date(2026, 3, 3))
    for case in (setup, social):
        case.refresh_from_db()
        assert case.status == "received" and case.intake_started_on == date(2026, 3, 3)
        assert case.materials.filter(round=1, file=new).exists()
    submitted.refresh_from_db()
    assert submitted.status == "intake"


def test_the_combined_supplement_is_for_window_staff_and_lists_something(world, submitted):
    with pytest.raises(PermissionDenied):
        services.bundle_request_supplement(actor=world.applicant_user, bundle_case=submitted,
                                           items=[{"code": "articles", "reason": "x"}])
    with pytest.raises(ValidationFailed, match="原因"):
        services.bundle_request_supplement(actor=world.clerk.user, bundle_case=submitted,
                                           items=[{"code": "articles", "reason": " "}])
    with pytest.raises(ValidationFailed, match="不是本一件事"):
        services.bundle_request_supplement(actor=world.clerk.user, bundle_case=submitted,
                                           items=[{"code": "nope", "reason": "x"}])
    assert not submitted.supplements.exists()
    assert Case.objects.filter(status="supplement_requested").count() == 0


def test_all_results_then_concluded_online(world, submitted, django_capture_on_commit_callbacks):
    for key in ("setup", "social", "fund"):
        with django_capture_on_commit_callbacks(execute=True):
            _grant(world, _links(submitted)[key].case, key)
    with django_capture_on_commit_callbacks(execute=True):
        _grant(world, _links(submitted)["seal"].case, "seal")
    submitted.refresh_from_db()
    # The founder has an account: each decision was delivered electronically as soon as it existed.
    assert submitted.status == "concluded"
    detail = selectors.bundle_detail(submitted, D)
    assert [m["result"].kind for m in detail["members"]] == ["grant"] * 4


def test_window_bundle_results_handed_over_in_one_delivery(world, form, django_capture_on_commit_callbacks):
    from tongban.org.models import Hall, Window

    hall = Hall.objects.create(name="市民中心", region=world.city, department=world.bureau)
    window = Window.objects.create(hall=hall, number="1", name="综合受理", kind="comprehensive",
                                   department=world.bureau)
    walk_in = services.bundle_case_draft(actor=world.clerk.user, version=world.bundle, person=world.person,
                                         form_data={**form, "will_hire": False, "staff_count": None},
                                         channel="window", window=window)
    for m in plan_of(world.bundle).materials:
        services.bundle_attach(actor=world.clerk.user, bundle_case=walk_in, code=m.code,
                               file=upload(world.clerk.user, m.code))
    with django_capture_on_commit_callbacks(execute=True):
        services.bundle_submit(actor=world.clerk.user, bundle_case=walk_in, on=D)
    # The person's portal account follows a window application, so make it paper-only for this test.
    world.person.user = None
    world.person.save()
    for key in ("setup", "social", "seal"):
        with django_capture_on_commit_callbacks(execute=True):
            _grant(world, _links(walk_in)[key].case, key)
    walk_in.refresh_from_db()
    assert walk_in.status == "results_ready"
    with pytest.raises(ValidationFailed):
        services.bundle_deliver(actor=world.clerk.user, bundle_case=walk_in, method="in_person", note=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.bundle_deliver(actor=world.clerk.user, bundle_case=walk_in, method="in_person", note="李四本人领取")
    walk_in.refresh_from_db()
    assert walk_in.status == "concluded" and walk_in.delivered_at is not None
    assert all(link.case.status == "concluded" for link in _links(walk_in).values() if link.case)
    assert all(link.case.deliveries.get().method == "in_person" for link in _links(walk_in).values() if link.case)


def test_results_are_not_delivered_before_all_exist(world, submitted):
    with pytest.raises(Conflict, match="尚不能统一送达"):
        services.bundle_deliver(actor=world.clerk.user, bundle_case=submitted, method="in_person", note="x")


def test_the_bundle_clock_joint_licence_45_plus_15(world, submitted, django_capture_on_commit_callbacks):
    from tongban.clock import WorkCalendar

    with django_capture_on_commit_callbacks(execute=True):
        cases.case_accept(actor=world.clerk.user, case=_links(submitted)["social"].case, on=D)
    submitted.refresh_from_db()
    clock = selectors.bundle_clock(submitted, D)
    assert clock.due == WorkCalendar.default().add_workdays(D, 3)  # the bundle's own promise
    world.bundle.joint_licence = True  # (a joint-licence version: 行政许可法 第四十二条第二款)
    world.bundle.save()
    submitted.refresh_from_db()
    assert selectors.bundle_clock(submitted, D).due == WorkCalendar.default().add_workdays(D, 45)
    approver = world.staff["market"].approver.user
    services.bundle_extend(actor=approver, bundle_case=submitted, reason="需多部门联合踏勘", days=15)
    submitted.refresh_from_db()
    assert selectors.bundle_clock(submitted, D).due == WorkCalendar.default().add_workdays(D, 60)
    with pytest.raises(Conflict):
        services.bundle_extend(actor=approver, bundle_case=submitted, reason="再延", days=5)


def test_visibility(world, submitted):
    from django.contrib.auth import get_user_model

    assert selectors.bundle_case_get(actor=world.applicant_user, bundle_case_id=submitted.pk)
    assert selectors.bundle_case_get(actor=world.staff["hr"].reviewer.user, bundle_case_id=submitted.pk)
    other = get_user_model().objects.create_user("nosy", password="pw")
    from tongban.core.errors import NotFound

    with pytest.raises(NotFound):
        selectors.bundle_case_get(actor=other, bundle_case_id=submitted.pk)


def test_one_window_acceptance_accepts_every_pending_sub_case(world, submitted, django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        services.bundle_accept(actor=world.applicant_user, bundle_case=submitted, on=D)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.bundle_accept(actor=world.clerk.user, bundle_case=submitted, on=D)
    assert sorted(c.item_version.name for c in accepted) == ["住房公积金单位缴存登记", "公司设立登记", "社会保险登记"]
    for case in accepted:
        case.refresh_from_db()
        assert case.status == "in_review" and case.events.filter(action="accept", document__kind="acceptance").exists()
    submitted.refresh_from_db()
    assert submitted.status == "in_progress" and submitted.accepted_on == D
    with pytest.raises(Conflict, match="没有待受理"):
        services.bundle_accept(actor=world.clerk.user, bundle_case=submitted, on=D)


def test_a_bundle_clock_past_the_loaded_calendar_is_pending_and_its_page_answers(
        world, form, django_capture_on_commit_callbacks, monkeypatch, client):
    """The seeded calendar ends with 2026: 45 working days from 2026-12-07 run into 2027 (ADR 0002 §4)."""
    from django.utils import timezone

    day = date(2026, 12, 7)
    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: real(value, timezone)
                        if value is not None else day)
    world.bundle.joint_licence = True
    world.bundle.save()
    bc = _draft(world, form)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.bundle_submit(actor=world.applicant_user, bundle_case=bc, on=day)
    with django_capture_on_commit_callbacks(execute=True):
        services.bundle_accept(actor=world.clerk.user, bundle_case=submitted, on=day)
    submitted.refresh_from_db()
    clock = selectors.bundle_clock(submitted, day)
    assert (clock.due, clock.pending_year, clock.workdays_left, str(clock.status)) == (None, 2027, 18, "正常")
    assert clock.explanation.endswith("截止日期在 2027 年，待国务院办公厅 2027 年节假日安排导入后确定（本年内尚余 18 个工作日）")
    client.force_login(world.applicant_user)
    page = client.get(f"/bundles/applications/{submitted.pk}/")
    assert page.status_code == 200
    assert "待定" in page.content.decode() and clock.explanation in page.content.decode()
    api = client.get(f"/api/v1/bundles/applications/{submitted.pk}").json()["clock"]
    assert (api["due"], api["pending_year"], api["workdays_left"]) == (None, 2027, 18)
