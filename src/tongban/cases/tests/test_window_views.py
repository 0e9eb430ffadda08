"""The 综窗's registration pages: find or register the applicant (ID numbers only in POST bodies), an agent with
an authorisation in force, the window and the channel (跨域通办 checked by the service), the form, scanned
materials, submit and the receipt."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.factories import make_staff

from tongban.cases.models import Case, CaseMaterial
from tongban.catalog.tests.factories import FOOD_CODE
from tongban.files.tests.samples import pdf
from tongban.org.models import Department, Hall, Region, Role, Window
from tongban.people.identity import id_check_character, uscc_check_character
from tongban.people.models import AgentAuthorisation, LegalPerson, NaturalPerson
from tongban.people.services import person_register

pytestmark = pytest.mark.django_db

ZHAO_ID = "11010519800101001" + id_check_character("11010519800101001")
AGENT_ID = "11010519800101002" + id_check_character("11010519800101002")
COMPANY_USCC = "91320505MA1P3K7Q2" + uscc_check_character("91320505MA1P3K7Q2")


@pytest.fixture
def window(world):
    hall = Hall.objects.create(name="市政务服务中心", region=world.city, department=world.bureau, address="三香路")
    return Window.objects.create(hall=hall, number="1", name="综合受理", kind="comprehensive", department=world.bureau)


@pytest.fixture
def clerk(client, world, window):
    client.force_login(world.clerk.user)
    return client


def _url(**query):
    url = reverse("cases_window:register")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _person_post(at, key="w-1", **extra):
    return {"idempotency_key": key, "action": "create", "applicant_kind": "person", "person_name": "赵六",
            "person_id_type": "resident_id", "person_id_number": ZHAO_ID, "person_phone": "13912345678",
            "window": at.pk, "channel": "window", **extra}


def _file(name):
    return SimpleUploadedFile(name, pdf(name), content_type="application/pdf")


def test_window_pages_are_for_window_clerks(client, world, window):
    for user in (world.applicant_user, world.reviewer_a.user):
        client.force_login(user)
        assert client.get(_url()).status_code == 403
    client.logout()
    assert client.get(_url()).status_code == 302


def test_the_menu_and_the_item_search(clerk, world):
    page = clerk.get(reverse("web:workbench")).content.decode()
    assert reverse("cases_window:register") in page and "窗口收件" in page
    page = clerk.get(_url(q="食品经营许可")).content.decode()
    assert "食品经营许可" in page and f"item={FOOD_CODE}" in page
    page = clerk.get(_url(item=FOOD_CODE)).content.decode()
    assert 'name="person_id_number"' in page and "市政务服务中心 · 1 综合受理" in page and "跨域通办" in page
    assert "未找到" in clerk.get(_url(item="NOPE")).content.decode()


def test_register_a_new_person_fill_the_form_scan_and_submit(clerk, world, window):
    response = clerk.post(_url(item=FOOD_CODE), _person_post(window))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ZHAO_ID not in response["Location"]
    case = Case.objects.get()
    person = NaturalPerson.objects.get(id_number=ZHAO_ID)
    assert case.applicant_person == person and person.verified_at is not None and person.user is None
    assert case.channel == "window" and case.receiving_window == window and case.status == "draft"
    assert response["Location"] == reverse("cases_window:case", args=[case.pk])

    page = clerk.get(response["Location"]).content.decode()
    assert 'name="field_business_name"' in page and "扫描材料" in page
    data = {"action": "submit", "field_business_name": "赵六面馆", "field_uscc": "91350100M000100Y43",
            "field_has_agent": "false",
            f"material_{world.materials['食品经营许可申请书'].pk}": _file("scan-申请书.pdf"),
            f"material_{world.materials['食品安全管理制度'].pk}": _file("scan-制度.pdf")}
    done = clerk.post(response["Location"], data)
    assert done.status_code == 302 and done["Location"] == reverse("cases_window:receipt", args=[case.pk])
    case.refresh_from_db()
    assert case.status == "received" and case.number and case.submitted_by == world.clerk.user
    assert CaseMaterial.objects.filter(case=case, uploaded_by=world.clerk.user).count() == 2
    receipt = clerk.get(done["Location"]).content.decode()
    for text in ("申请材料接收回执", case.number, "赵六", "窗口收件", "市政务服务中心 1", "受理决定期限", "打印回执"):
        assert text in receipt, text
    # a second submit (double click) shows the receipt again and changes nothing
    again = clerk.post(reverse("cases_window:case", args=[case.pk]), data)
    assert again["Location"] == reverse("cases_window:receipt", args=[case.pk]) and Case.objects.count() == 1


def test_lookup_writes_nothing_and_keeps_the_input(clerk, world, window):
    page = clerk.post(_url(item=FOOD_CODE), _person_post(window, action="lookup")).content.decode()
    assert "未登记" in page and f'value="{ZHAO_ID}"' in page and not NaturalPerson.objects.filter(id_number=ZHAO_ID).exists()
    person_register(actor=world.clerk.user, name="赵六", id_number=ZHAO_ID)
    page = clerk.post(_url(item=FOOD_CODE), _person_post(window, action="lookup")).content.decode()
    assert "已登记：赵*" in page and "已现场核验" in page
    bad = ZHAO_ID[:-1] + ("0" if ZHAO_ID[-1] != "0" else "1")
    page = clerk.post(_url(item=FOOD_CODE), _person_post(window, action="lookup", person_id_number=bad)).content.decode()
    assert "未登记，且证件号码有误" in page and "校验" in page
    assert not Case.objects.exists()


def test_bad_input_keeps_the_form_and_shows_the_chinese_error(clerk, world, window):
    bad_id = ZHAO_ID[:-1] + ("0" if ZHAO_ID[-1] != "0" else "1")
    response = clerk.post(_url(item=FOOD_CODE), _person_post(window, person_id_number=bad_id))
    assert response.status_code == 422
    page = response.content.decode()
    assert "校验" in page and 'value="赵六"' in page and f'value="{bad_id}"' in page
    assert not Case.objects.exists() and not NaturalPerson.objects.filter(name="赵六").exists()

    missing = clerk.post(_url(item=FOOD_CODE), _person_post(window, person_name=""))
    assert missing.status_code == 422 and "请填写姓名" in missing.content.decode()


def test_a_known_number_with_another_name_is_refused(clerk, world, window):
    person_register(actor=world.clerk.user, name="赵六", id_number=ZHAO_ID)
    response = clerk.post(_url(item=FOOD_CODE), _person_post(window, person_name="赵七"))
    assert response.status_code == 422 and "姓名与登记信息不一致" in response.content.decode()
    assert not Case.objects.exists()


def test_the_same_key_twice_registers_once(clerk, world, window):
    first = clerk.post(_url(item=FOOD_CODE), _person_post(window, key="same"))
    second = clerk.post(_url(item=FOOD_CODE), _person_post(window, key="same"))
    assert first["Location"] == second["Location"]
    assert Case.objects.count() == 1 and NaturalPerson.objects.filter(id_number=ZHAO_ID).count() == 1


def test_company_through_an_agent_needs_an_authorisation(clerk, world, window):
    post = {"idempotency_key": "c-1", "action": "create", "applicant_kind": "legal", "legal_uscc": COMPANY_USCC,
            "legal_name": "苏州某餐饮有限公司", "legal_rep_name": "王五", "legal_rep_id_type": "resident_id",
            "legal_rep_id_number": "11010519491231002X", "has_agent": "on", "agent_name": "李四",
            "agent_id_type": "resident_id", "agent_id_number": AGENT_ID, "window": window.pk, "channel": "window"}
    refused = clerk.post(_url(item=FOOD_CODE), post)
    assert refused.status_code == 403 and "没有代苏州某餐饮有限公司办理的有效委托授权" in refused.content.decode()
    # one transaction: neither the company nor the agent was left registered
    assert not LegalPerson.objects.exists() and not NaturalPerson.objects.filter(id_number=AGENT_ID).exists()

    no_date = clerk.post(_url(item=FOOD_CODE), {**post, "authorise": "on"})
    assert no_date.status_code == 422 and "请填写授权截止日期" in no_date.content.decode()

    done = clerk.post(_url(item=FOOD_CODE), {**post, "idempotency_key": "c-2", "authorise": "on",
                                             "auth_scope": "代为申请食品经营许可", "auth_valid_until": "2099-12-31"})
    assert done.status_code == 302
    case = Case.objects.get()
    assert case.applicant_legal.uscc == COMPANY_USCC and case.agent.id_number == AGENT_ID
    auth = AgentAuthorisation.objects.get()
    assert auth.principal_legal_person == case.applicant_legal and auth.scope == "代为申请食品经营许可"
    assert case.form_data == {"uscc": COMPANY_USCC}


def test_cross_region_channel_is_checked_by_the_service(client, world):
    nanjing = Region.objects.create(division_code="320100", name="南京市", level="city")
    nj_bureau = Department.objects.create(name="南京市行政审批局", kind="bureau", region=nanjing)
    hall = Hall.objects.create(name="南京市政务服务中心", region=nanjing, department=nj_bureau, address="江东中路")
    nj_window = Window.objects.create(hall=hall, number="9", name="跨域通办", kind="cross_region", department=nj_bureau)
    nj_clerk = make_staff("nj_clerk", nj_bureau, Role.WINDOW_CLERK)
    client.force_login(nj_clerk.user)
    page = client.get(_url(item=FOOD_CODE)).content.decode()
    assert "南京市政务服务中心 · 9 跨域通办（南京市）" in page and "市政务服务中心 · 1" not in page

    local = client.post(_url(item=FOOD_CODE), _person_post(nj_window, key="nj-1"))
    assert local.status_code == 422 and "跨域通办用于本窗口所在地以外的地区办理的事项" in local.content.decode()
    assert not Case.objects.exists() and not NaturalPerson.objects.filter(id_number=ZHAO_ID).exists()

    ok = client.post(_url(item=FOOD_CODE), _person_post(nj_window, key="nj-2", channel="cross_region"))
    assert ok.status_code == 302
    case = Case.objects.get()
    assert case.channel == "cross_region" and case.department == world.market and case.receiving_window == nj_window


def test_a_window_of_another_department_cannot_be_chosen(clerk, world, window):
    other_hall = Hall.objects.create(name="卫健大厅", region=world.city, department=world.health, address="x")
    other = Window.objects.create(hall=other_hall, number="2", name="卫健窗口", kind="department", department=world.health)
    response = clerk.post(_url(item=FOOD_CODE), _person_post(window, window=other.pk))
    assert response.status_code == 422 and not Case.objects.exists()


def test_the_registered_case_is_only_for_its_clerk(client, clerk, world, window):
    clerk.post(_url(item=FOOD_CODE), _person_post(window))
    case = Case.objects.get()
    other = make_staff("clerk_b", world.health, Role.WINDOW_CLERK)
    client.force_login(other.user)
    assert client.get(reverse("cases_window:case", args=[case.pk])).status_code == 404
    assert client.get(reverse("cases_window:receipt", args=[case.pk])).status_code == 404
    applicant = get_user_model().objects.get(username="zhangsan")
    client.force_login(applicant)
    assert client.get(reverse("cases_window:case", args=[case.pk])).status_code == 403


def test_a_refused_submission_keeps_the_form(clerk, world, window):
    clerk.post(_url(item=FOOD_CODE), _person_post(window))
    case = Case.objects.get()
    response = clerk.post(reverse("cases_window:case", args=[case.pk]), {
        "action": "submit", "field_business_name": "赵六面馆", "field_uscc": "BAD"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "申请未通过检查" in page and 'value="赵六面馆"' in page and 'value="BAD"' in page
    assert "请上传“食品经营许可申请书”" in page
    case.refresh_from_db()
    assert case.status == "draft"
