"""The portal page "谁查看了我的信息" and the masked admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tongban.people.selectors import person_detail
from tongban.people.services import person_register

from .conftest import ZHANG_ID

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tongban.people.tests.urls")]


@pytest.fixture
def zhang(applicant):
    return person_register(actor=applicant, name="张三", id_number=ZHANG_ID, phone="13812345678")


def test_access_log_page_shows_who_viewed_my_data(client, applicant, clerk, zhang, rf_request):
    person_detail(actor=clerk, person=zhang, purpose="受理核验", request=rf_request("10.1.2.3"))
    client.force_login(applicant)
    response = client.get(reverse("people:access_log"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>谁查看了我的信息" in page
    for text in ("综窗人员（clerk）", "查看个人信息", "受理核验", "10.1.2.3", "姓名、证件号码", "本人", "登记个人信息"):
        assert text in page
    assert ZHANG_ID not in page


def test_access_log_page_explains_when_no_person_is_linked(client, other_applicant):
    client.force_login(other_applicant)
    page = client.get(reverse("people:access_log")).content.decode()
    assert "您的账号尚未关联个人信息" in page


def test_access_log_page_pages(client, applicant, clerk, zhang):
    for _ in range(21):
        person_detail(actor=clerk, person=zhang, purpose="审查")
    client.force_login(applicant)
    first = client.get(reverse("people:access_log")).content.decode()
    second = client.get(reverse("people:access_log"), {"page": 2}).content.decode()
    assert "第 1 / 2 页" in first and "第 2 / 2 页" in second
    assert "登记个人信息" not in first and "登记个人信息" in second


def test_access_log_page_needs_login(client):
    response = client.get(reverse("people:access_log"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


def test_admin_shows_masked_values_only(client, django_user_model, zhang):
    admin_user = django_user_model.objects.create_superuser("root", password="pw-root")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:people_naturalperson_changelist")).content.decode()
    assert "320***********" + ZHANG_ID[-4:] in listing and "张*" in listing
    detail = client.get(reverse("admin:people_naturalperson_change", args=[zhang.pk])).content.decode()
    for raw in (ZHANG_ID, "张三", "13812345678", "1990-03-07"):
        assert raw not in listing and raw not in detail
    assert client.get(reverse("admin:people_naturalperson_add")).status_code == 403
