"""The applicant's pages as a browser-less user sees them: apply from the guide, the generated form, materials,
submit with a receipt, 我的办件 with the countdown, 补正, withdraw, and a delivered decision opened and verified."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tongban.cases import clocks, services
from tongban.cases.models import Case, CaseEvent, CaseMaterial, Delivery
from tongban.catalog.models import Delegation
from tongban.catalog.tests.factories import FOOD_CODE
from tongban.files.tests.samples import pdf
from tongban.org.models import Department, Zone
from tongban.people.identity import uscc_check_character
from tongban.people.models import NaturalPerson
from tongban.people.services import agent_authorise, legal_person_register, person_register

pytestmark = pytest.mark.django_db

GOOD_USCC = "91350100M000100Y43"
ZHANG_ID = "11010519491231002X"


def _id(first17: str) -> str:
    from tongban.people.identity import id_check_character

    return first17 + id_check_character(first17)


def _file(name: str, content: bytes | None = None, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content if content is not None else pdf(name), content_type=content_type)


def _fields(data: dict) -> dict:
    return {f"field_{k}": v for k, v in data.items()}


@pytest.fixture
def applicant(client, world):
    client.force_login(world.applicant_user)
    return client


@pytest.fixture
def draft(world):
    return services.case_draft(actor=world.applicant_user, version=world.version, person=world.person,
                               idempotency_key="draft-1")


def _start(client, key="k-start", **extra):
    return client.post(reverse("cases_portal:start", args=[FOOD_CODE]),
                       {"idempotency_key": key, "applicant": "self", **extra})


def _fill_and_submit(client, case, **overrides):
    data = {"idempotency_key": case.idempotency_key, "action": "submit",
            **_fields({"business_name": "张三小吃店", "uscc": GOOD_USCC, "has_agent": "false"}),
            f"material_{_req(case, '食品经营许可申请书').pk}": _file("申请书.pdf"),
            f"material_{_req(case, '食品安全管理制度').pk}": _file("管理制度.pdf"),
            **overrides}
    return client.post(reverse("cases_portal:edit", args=[case.pk]), data)


def _req(case, name):
    return case.item_version.materials.get(name=name)


def _submitted(world, client):
    case = Case.objects.get(pk=services.case_draft(actor=world.applicant_user, version=world.version,
                                                   person=world.person, idempotency_key="s-1").pk)
    response = _fill_and_submit(client, case)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == "received"
    return case


# -- starting ------------------------------------------------------------------------------------------------------


def test_the_guide_offers_online_application(client, world):
    page = client.get(reverse("catalog:guide", args=[FOOD_CODE])).content.decode()
    assert reverse("cases_portal:start", args=[FOOD_CODE]) in page and "在线申请" in page


def test_starting_needs_a_login(client, world):
    response = client.get(reverse("cases_portal:start", args=[FOOD_CODE]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


def test_an_account_without_a_person_registers_first_and_comes_back(client, world):
    user = get_user_model().objects.create_user("lisi", password="pw")
    client.force_login(user)
    start = reverse("cases_portal:start", args=[FOOD_CODE])
    response = client.get(start)
    assert response.status_code == 302 and response["Location"] == reverse("cases_portal:register") + "?next=" + start
    page = client.get(response["Location"]).content.decode()
    assert "实名登记" in page and f'value="{start}"' in page

    bad = client.post(reverse("cases_portal:register"), {"name": "李四", "id_type": "resident_id",
                                                          "id_number": "110105198001010031", "phone": "13800000000",
                                                          "next": start})
    assert bad.status_code == 422
    text = bad.content.decode()
    assert "校验码" in text or "证件号码" in text
    assert 'value="李四"' in text and 'value="110105198001010031"' in text  # the input is kept
    assert not NaturalPerson.objects.filter(user=user).exists()

    good = client.post(reverse("cases_portal:register"), {"name": "李四", "id_type": "resident_id",
                                                           "id_number": _id("11010519800101003"), "next": start})
    assert good.status_code == 302 and good["Location"] == start
    assert NaturalPerson.objects.get(user=user).name == "李四"
    assert "以谁的名义申请" in client.get(start).content.decode()


def test_register_refuses_an_outside_next(client, world):
    user = get_user_model().objects.create_user("wangwu", password="pw")
    client.force_login(user)
    response = client.post(reverse("cases_portal:register"), {"name": "王五", "id_type": "resident_id",
                                                               "id_number": _id("11010519800101005"),
                                                               "next": "https://evil.example/"})
    assert response["Location"] == reverse("cases_portal:mine")


def test_start_twice_with_the_same_key_makes_one_draft(applicant, world):
    first = _start(applicant)
    second = _start(applicant)
    case = Case.objects.get()
    assert first["Location"] == second["Location"] == reverse("cases_portal:edit", args=[case.pk])
    assert case.status == "draft" and case.applicant_person == world.person and case.idempotency_key == "k-start"
    assert _start(applicant, key="another").status_code == 302 and Case.objects.count() == 2


def test_start_page_offers_my_companies_and_applies_for_one(applicant, world):
    company = legal_person_register(actor=world.clerk.user, name="张三餐饮有限公司", uscc=GOOD_USCC,
                                    legal_representative_name="张三", legal_representative_id_number=ZHANG_ID)
    first17 = "91320505MA1P3K7Q2"
    other = legal_person_register(actor=world.clerk.user, name="苏州某餐饮有限公司",
                                  uscc=first17 + uscc_check_character(first17),
                                  legal_representative_name="王五", legal_representative_id_number=_id("11010519800101005"))
    page = applicant.get(reverse("cases_portal:start", args=[FOOD_CODE])).content.decode()
    assert "张三餐饮有限公司" in page and "您是法定代表人" in page and "苏州某餐饮有限公司" not in page

    refused = _start(applicant, key="x", applicant=f"legal:{other.pk}")
    assert refused.status_code == 422 and "请选择申请人" in refused.content.decode() and not Case.objects.exists()

    _start(applicant, key="rep", applicant=f"legal:{company.pk}")
    case = Case.objects.get()
    assert case.applicant_legal == company and case.agent is None
    assert case.form_data == {"uscc": GOOD_USCC}  # the known code is filled in

    agent_authorise(actor=world.clerk.user, agent=world.person, principal=other, scope="食品经营许可",
                    valid_from=date(2020, 1, 1), valid_until=date(2099, 12, 31))
    page = applicant.get(reverse("cases_portal:start", args=[FOOD_CODE])).content.decode()
    assert "苏州某餐饮有限公司" in page and "将作为代办人申请" in page
    _start(applicant, key="auth", applicant=f"legal:{other.pk}")
    case = Case.objects.get(idempotency_key="auth")
    assert case.applicant_legal == other and case.agent == world.person


def test_zone_choice_for_a_delegated_item(applicant, world):
    zone_bureau = Department.objects.create(name="苏州工业园区行政审批局", kind="bureau", region=world.city)
    zone = Zone.objects.create(name="苏州工业园区", kind=Zone.Kind.ETDZ, region=world.city, department=zone_bureau)
    Delegation.objects.create(item=world.version.item, zone=zone, effective_from=date(2020, 1, 1),
                              created_by=world.admin.user)
    page = applicant.get(reverse("cases_portal:start", args=[FOOD_CODE])).content.decode()
    assert "向哪个机构申请" in page and "苏州工业园区" in page
    assert _start(applicant, key="z-bad", zone="999999").status_code == 422
    _start(applicant, key="z", zone=str(zone.pk))
    case = Case.objects.get()
    assert case.zone == zone and case.department == zone_bureau


def test_an_item_not_applied_for_online_says_so(applicant, world):
    type(world.version).objects.filter(pk=world.version.pk).update(online_depth=2)
    page = applicant.get(reverse("cases_portal:start", args=[FOOD_CODE])).content.decode()
    assert "暂不支持网上申请" in page
    _start(applicant)
    assert not Case.objects.exists()
    assert reverse("cases_portal:start", args=[FOOD_CODE]) not in \
        applicant.get(reverse("catalog:guide", args=[FOOD_CODE])).content.decode()


# -- the form and the materials -------------------------------------------------------------------------------------


def test_the_form_is_generated_from_the_schema(applicant, world, draft):
    page = applicant.get(reverse("cases_portal:edit", args=[draft.pk])).content.decode()
    assert 'name="field_business_name"' in page and 'maxlength="100"' in page
    assert 'name="field_uscc"' in page and "18 位统一社会信用代码" in page
    assert 'type="radio" name="field_has_agent"' in page
    # required_if: shown and hidden by the script, explained without it
    assert 'data-ap-if="field_has_agent" data-ap-equals="true"' in page and "“是否委托代办”为“是”时必填" in page
    assert page.count('class="ap-req"') == 2  # 经营者名称, 统一社会信用代码
    for name in ("食品经营许可申请书", "营业执照", "食品安全管理制度", "委托书"):
        assert f'name="material_{world.materials[name].pk}"' in page
    assert "提交条件：委托他人办理时提交" in page and "电子证照库调取" in page
    assert 'name="idempotency_key" value="draft-1"' in page


def test_save_draft_keeps_the_data(applicant, world, draft):
    response = applicant.post(reverse("cases_portal:edit", args=[draft.pk]), {
        "action": "save", **_fields({"business_name": "张三小吃店", "has_agent": "true", "agent_name": ""})})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.form_data == {"business_name": "张三小吃店", "has_agent": True} and draft.status == "draft"
    page = applicant.get(reverse("cases_portal:edit", args=[draft.pk])).content.decode()
    assert 'value="张三小吃店"' in page and 'value="true" checked' in page


def test_a_refused_submission_keeps_the_input_and_shows_the_chinese_errors(applicant, world, draft):
    response = applicant.post(reverse("cases_portal:edit", args=[draft.pk]), {
        "action": "submit", "idempotency_key": "draft-1",
        **_fields({"business_name": "张三小吃店", "uscc": "91350100M000100Y44", "has_agent": "true"})})
    assert response.status_code == 422
    page = response.content.decode()
    assert "申请未通过检查" in page
    assert "统一社会信用代码：" in page and "请填写代办人姓名" in page and "请上传“食品经营许可申请书”" in page
    assert 'value="张三小吃店"' in page and 'value="91350100M000100Y44"' in page  # what was typed
    assert page.count("is-invalid") >= 3
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number is None


def test_upload_replace_and_a_refused_file(applicant, world, draft):
    req = world.materials["食品经营许可申请书"]
    url = reverse("cases_portal:edit", args=[draft.pk])
    applicant.post(url, {"action": "upload", f"material_{req.pk}": _file("第一版.pdf")})
    applicant.post(url, {"action": "upload", f"material_{req.pk}": _file("第二版.pdf")})
    assert CaseMaterial.objects.filter(case=draft, requirement=req).count() == 2
    page = applicant.get(url).content.decode()
    assert "第二版.pdf" in page and "<s>第一版.pdf</s>" in page and "以最后上传的为准" in page

    bad = applicant.post(url, {"action": "upload", **_fields({"business_name": "留着"}),
                               f"material_{req.pk}": _file("病毒.exe", b"MZ\x90\x00" * 20, "application/octet-stream")})
    assert bad.status_code == 422
    text = bad.content.decode()
    assert "“病毒.exe”未能上传" in text and "文件类型" in text and 'value="留着"' in text
    assert CaseMaterial.objects.filter(case=draft, requirement=req).count() == 2


def test_submit_gives_a_printable_receipt(applicant, world):
    case = _submitted(world, applicant)
    assert case.number.startswith(f"{timezone.localdate().year}-")
    response = applicant.get(reverse("cases_portal:receipt", args=[case.pk]))
    page = response.content.decode()
    for text in (case.number, "食品经营许可", "张三", "网上申请回执", "受理决定期限", "第三十二条", "打印回执",
                 "食品经营许可申请书", "管理制度.pdf"):
        assert text in page, text
    due = clocks.intake_due(case)
    assert f"{due.year}年{due.month}月{due.day}日" in page
    assert re.search(r"提交时间</th><td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}", page)


def test_a_double_click_on_submit_makes_one_case_with_one_number(applicant, world, draft):
    first = _fill_and_submit(applicant, draft)
    second = _fill_and_submit(applicant, draft)
    receipt = reverse("cases_portal:receipt", args=[draft.pk])
    assert first["Location"] == receipt and second["Location"] == receipt
    assert Case.objects.count() == 1
    draft.refresh_from_db()
    assert draft.status == "received"
    assert CaseEvent.objects.filter(case=draft, action="submit", summary__startswith="提交申请").count() == 1
    assert "该申请已提交" in applicant.get(receipt).content.decode()


# -- 我的办件 and the case page ---------------------------------------------------------------------------------------


def test_my_applications_list_status_and_countdown(applicant, world, draft):
    case = _submitted(world, applicant)
    page = applicant.get(reverse("cases_portal:mine")).content.decode()
    assert case.number in page and "待受理" in page and "受理决定期限" in page
    assert re.search(r"剩 \d 个工作日|今天截止", page)
    assert "继续填写" in page  # the other draft
    assert "待我处理" in page and "办理中" in page


def test_case_page_shows_the_clock_with_its_explanation_and_the_timeline(applicant, world):
    case = _submitted(world, applicant)
    page = applicant.get(reverse("cases_portal:detail", args=[case.pk])).content.decode()
    due = clocks.intake_due(case)
    assert "受理决定期限" in page and due.isoformat() in page and "如何计算" in page
    assert f"收件日 {case.received_on.isoformat()}" in page and "受理审查 5 个工作日" in page
    assert "办理进度" in page and "提交申请，办件编号" in page
    assert "撤回申请" in page


def test_countdown_under_review_and_overdue_colours(applicant, world):
    case = _submitted(world, applicant)
    services.case_accept(actor=world.clerk.user, case=case)
    page = applicant.get(reverse("cases_portal:detail", args=[case.pk])).content.decode()
    assert "办理期限" in page and "受理日" in page and "承诺 10 个工作日" in page and 'ap-clock ok' in page
    Case.objects.filter(pk=case.pk).update(accepted_on=date(2020, 1, 6))
    page = applicant.get(reverse("cases_portal:detail", args=[case.pk])).content.decode()
    assert 'ap-clock late' in page and "已超过" in page and "超期" in page


# -- 补正 ---------------------------------------------------------------------------------------------------------


def test_a_supplement_round_accepts_only_the_listed_materials(applicant, world):
    case = _submitted(world, applicant)
    listed = world.materials["食品安全管理制度"]
    services.case_request_supplement(actor=world.clerk.user, case=case,
                                     items=[{"requirement_id": listed.pk, "reason": "未加盖公章"}])
    case.refresh_from_db()
    page = applicant.get(reverse("cases_portal:detail", args=[case.pk])).content.decode()
    assert "请补正材料" in page and "未加盖公章" in page and f'name="material_{listed.pk}"' in page
    assert f'name="material_{world.materials["营业执照"].pk}"' not in page  # only the listed one is offered
    assert "查看补正告知书" in page

    url = reverse("cases_portal:supplement", args=[case.pk])
    other = world.materials["营业执照"]
    refused = applicant.post(url, {"action": "submit", "version": case.row_version,
                                   f"material_{other.pk}": _file("营业执照.pdf")})
    assert refused.status_code == 422 and "不在其中" in refused.content.decode()
    assert not CaseMaterial.objects.filter(case=case, requirement=other).exists()

    missing = applicant.post(url, {"action": "submit", "version": case.row_version})
    assert missing.status_code == 422 and "以下材料尚未补正：食品安全管理制度" in missing.content.decode()

    done = applicant.post(url, {"action": "submit", "version": case.row_version,
                                f"material_{listed.pk}": _file("管理制度（盖章）.pdf")})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == "received" and case.intake_started_on == timezone.localdate()
    assert CaseMaterial.objects.get(case=case, requirement=listed, round=1).file.filename == "管理制度（盖章）.pdf"
    assert "已提交全部补正材料" in applicant.get(reverse("cases_portal:detail", args=[case.pk])).content.decode()


def test_supplement_with_a_stale_page_is_a_conflict(applicant, world):
    case = _submitted(world, applicant)
    listed = world.materials["食品安全管理制度"]
    services.case_request_supplement(actor=world.clerk.user, case=case,
                                     items=[{"requirement_id": listed.pk, "reason": "模糊"}])
    case.refresh_from_db()
    response = applicant.post(reverse("cases_portal:supplement", args=[case.pk]), {
        "action": "submit", "version": case.row_version - 1, f"material_{listed.pk}": _file("清晰.pdf")})
    assert response.status_code == 409 and "请刷新后再操作" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "supplement_requested"


# -- withdraw ---------------------------------------------------------------------------------------------------------


def test_withdraw_after_confirmation(applicant, world):
    case = _submitted(world, applicant)
    url = reverse("cases_portal:withdraw", args=[case.pk])
    page = applicant.get(url).content.decode()
    assert "确认撤回申请" in page and "不能恢复" in page
    response = applicant.post(url, {"version": case.row_version, "reason": "暂不开店"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "withdrawn"
    page = applicant.get(reverse("cases_portal:detail", args=[case.pk])).content.decode()
    assert "已撤回" in page and "申请人撤回申请：暂不开店" in page and "撤回申请</a>" not in page
    again = applicant.post(url, {"version": case.row_version, "reason": ""})
    assert again.status_code == 409 and "不能撤回申请" in again.content.decode()


def test_withdraw_with_a_stale_page_changes_nothing(applicant, world):
    case = _submitted(world, applicant)
    seen = case.row_version
    services.case_accept(actor=world.clerk.user, case=case)
    response = applicant.post(reverse("cases_portal:withdraw", args=[case.pk]), {"version": seen})
    assert response.status_code == 409 and "已被他人处理" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "in_review"


# -- access ----------------------------------------------------------------------------------------------------------


def test_another_users_case_gives_404(client, world, applicant):
    case = _submitted(world, applicant)
    stranger = get_user_model().objects.create_user("stranger", password="pw")
    person_register(actor=stranger, name="路人", id_number=_id("11010519800101007"))
    client.force_login(stranger)
    for name in ("detail", "edit", "receipt", "withdraw"):
        assert client.get(reverse(f"cases_portal:{name}", args=[case.pk])).status_code == 404, name
    assert client.post(reverse("cases_portal:supplement", args=[case.pk]), {}).status_code == 404
    assert client.post(reverse("cases_portal:withdraw", args=[case.pk]), {"version": case.row_version}).status_code == 404
    material = case.materials.first()
    assert client.get(reverse("cases_portal:material_file", args=[case.pk, material.pk])).status_code == 404
    case.refresh_from_db()
    assert case.status == "received"
    assert case.number not in client.get(reverse("cases_portal:mine")).content.decode()


# -- a delivered decision ---------------------------------------------------------------------------------------------


def _granted(world, client):
    case = _submitted(world, client)
    case = services.case_accept(actor=world.clerk.user, case=case)
    for reviewer in (world.reviewer_a, world.reviewer_a2):
        services.case_verify_fact(actor=reviewer.user, case=case, requirement=world.materials["食品安全管理制度"],
                                  finding="属实")
    case = services.case_complete_step(actor=world.reviewer_a.user, case=case, opinion="材料齐全，符合条件")
    return services.case_decide(actor=world.approver.user, case=case, grant=True, content="准予食品经营许可")


def test_opening_the_delivered_decision_records_the_time_and_offers_verification(applicant, world):
    case = _granted(world, applicant)
    delivery = Delivery.objects.get(case=case)
    assert delivery.opened_at is None and delivery.document.kind == "grant"
    detail = applicant.get(reverse("cases_portal:detail", args=[case.pk])).content.decode()
    assert "准予行政许可决定书已送达" in detail and "查看并签收" in detail
    assert reverse("seals_verify:document", args=[delivery.document.token]) in detail
    assert "证照颁发期限" in detail  # 第四十四条: ten working days for the licence

    page = applicant.get(reverse("cases_portal:document", args=[case.pk, delivery.document.pk])).content.decode()
    delivery.refresh_from_db()
    opened = delivery.opened_at
    assert opened is not None and "签收时间" in page
    assert f"/verify/{delivery.document.token}/" in page and "在线核验真伪" in page

    response = applicant.get(reverse("cases_portal:document_pdf", args=[case.pk, delivery.document.pk]) + "?download=1")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    delivery.refresh_from_db()
    assert delivery.opened_at == opened  # the first opening is kept

    verify = applicant.get(reverse("seals_verify:document", args=[delivery.document.token]))
    assert verify.status_code == 200 and "有效" in verify.content.decode()
    detail = applicant.get(reverse("cases_portal:detail", args=[case.pk])).content.decode()
    assert "已签收" in detail and "查看并签收" not in detail


def test_a_document_of_another_case_is_not_served(applicant, world):
    case = _granted(world, applicant)
    doc = Delivery.objects.get(case=case).document
    other = services.case_draft(actor=world.applicant_user, version=world.version, person=world.person)
    assert applicant.get(reverse("cases_portal:document", args=[other.pk, doc.pk])).status_code == 404
    assert applicant.get(reverse("cases_portal:document_pdf", args=[other.pk, doc.pk])).status_code == 404
    assert Delivery.objects.get(case=case).opened_at is None


# -- English -----------------------------------------------------------------------------------------------------------


def test_pages_in_english(applicant, world, settings):
    case = _submitted(world, applicant)
    applicant.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = applicant.get(reverse("cases_portal:mine")).content.decode()
    assert "My applications" in page and case.number in page
    page = applicant.get(reverse("cases_portal:detail", args=[case.pk])).content.decode()
    assert "Time limits" in page and "Progress" in page
    page = applicant.get(reverse("cases_portal:receipt", args=[case.pk])).content.decode()
    assert "Print receipt" in page
