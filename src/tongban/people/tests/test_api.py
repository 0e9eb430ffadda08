"""/api/v1/people through Django's test client, as a browser session or an integrating system would call it."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from tongban.audit.models import AuditEntry
from tongban.audit.services import PERSONAL_READ
from tongban.people.models import AgentAuthorisation, LegalPerson, NaturalPerson

from .conftest import COMPANY_USCC, LI_ID, WANG_ID, ZHANG_ID

pytestmark = pytest.mark.django_db

BASE = "/api/v1/people"
PROBLEM = "application/problem+json"


def _post(client, path, body):
    return client.post(BASE + path, body, content_type="application/json")


@pytest.fixture
def as_clerk(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def zhang(as_clerk):
    response = _post(as_clerk, "/persons", {"name": "张三", "id_number": ZHANG_ID, "phone": "13812345678"})
    assert response.status_code == 201, response.content
    return NaturalPerson.objects.get(pk=response.json()["id"])


def test_register_returns_a_masked_row(as_clerk):
    response = _post(as_clerk, "/persons", {"name": "王五", "id_number": WANG_ID.lower(), "phone": "13812345678"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "王*" and body["id_number"] == "110***********002X" and body["phone"] == "138****5678"
    assert body["verified"] is True and body["id_type_label"] == "居民身份证"
    assert NaturalPerson.objects.get().id_number == WANG_ID


def test_invalid_id_number_is_a_422_problem_with_the_exact_reason(as_clerk, caplog):
    bad = "32050819900230123X"
    with caplog.at_level(logging.DEBUG):
        response = _post(as_clerk, "/persons", {"name": "张三", "id_number": bad})
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["detail"] == "公民身份号码第 7–14 位出生日期“19900230”不是有效的日期。"
    assert problem["errors"] == {"id_number": [problem["detail"]]}
    assert NaturalPerson.objects.count() == 0 and AuditEntry.objects.count() == 0
    assert bad not in caplog.text


def test_unknown_document_type_is_a_422(as_clerk):
    response = _post(as_clerk, "/persons", {"name": "张三", "id_type": "library_card", "id_number": "1"})
    assert response.status_code == 422 and "id_type" in response.json()["errors"]


def test_duplicate_is_a_409(as_clerk, zhang):
    response = _post(as_clerk, "/persons", {"name": "张三", "id_number": ZHANG_ID})
    assert response.status_code == 409 and response["Content-Type"] == PROBLEM


def test_applicant_registers_themself(client, applicant):
    client.force_login(applicant)
    response = _post(client, "/persons", {"name": "张三", "id_number": ZHANG_ID})
    assert response.status_code == 201 and response.json()["has_account"] is True
    assert NaturalPerson.objects.get().user == applicant


def test_anonymous_gets_401(client):
    response = _post(client, "/persons", {"name": "张三", "id_number": ZHANG_ID})
    assert response.status_code == 401 and response["Content-Type"] == PROBLEM
    assert NaturalPerson.objects.count() == 0


def test_listing_is_masked_paginated_and_staff_only(as_clerk, zhang, client, applicant):
    for name, number in (("李四", LI_ID), ("李五", WANG_ID)):
        assert _post(as_clerk, "/persons", {"name": name, "id_number": number}).status_code == 201
    response = as_clerk.get(BASE + "/persons", {"page": 1})
    body = response.json()
    assert response.status_code == 200 and body["count"] == 3
    assert ZHANG_ID not in response.content.decode()
    assert {row["name"] for row in body["items"]} == {"张*", "李*"}
    assert [r["id"] for r in as_clerk.get(BASE + "/persons", {"q": "张"}).json()["items"]] == [zhang.pk]

    client.force_login(applicant)
    denied = client.get(BASE + "/persons")
    assert denied.status_code == 403 and denied["Content-Type"] == PROBLEM
    assert denied.json()["title"] == "无权操作"


def test_lookup_by_number_goes_in_the_body_not_the_url(as_clerk, zhang):
    response = _post(as_clerk, "/persons/lookup", {"id_number": ZHANG_ID})
    assert [r["id"] for r in response.json()] == [zhang.pk]
    assert response.json()[0]["id_number"].startswith("320***")


def test_detail_is_unmasked_for_staff_and_audited(as_clerk, zhang):
    response = as_clerk.get(f"{BASE}/persons/{zhang.pk}", {"purpose": "受理核验"})
    assert response.status_code == 200
    body = response.json()
    assert (body["id_number"], body["birth_date"], body["gender_label"]) == (ZHANG_ID, "1990-03-07", "男")
    entry = AuditEntry.objects.get(action=PERSONAL_READ)
    assert entry.subject == f"person:{zhang.pk}" and entry.ip == "127.0.0.1"


def test_detail_without_purpose_is_refused(as_clerk, zhang):
    response = as_clerk.get(f"{BASE}/persons/{zhang.pk}")
    assert response.status_code == 422 and "须说明目的" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action=PERSONAL_READ).exists()


def test_detail_is_403_problem_for_a_stranger(client, zhang, other_applicant):
    client.force_login(other_applicant)
    response = client.get(f"{BASE}/persons/{zhang.pk}", {"purpose": "看看"})
    assert response.status_code == 403 and response["Content-Type"] == PROBLEM
    assert ZHANG_ID not in response.content.decode()
    assert client.get(f"{BASE}/persons/{zhang.pk + 99}").status_code == 403
    assert not AuditEntry.objects.filter(action=PERSONAL_READ).exists()


def test_person_sees_own_detail(client, applicant):
    client.force_login(applicant)
    person_id = _post(client, "/persons", {"name": "张三", "id_number": ZHANG_ID}).json()["id"]
    assert client.get(f"{BASE}/persons/{person_id}").json()["id_number"] == ZHANG_ID


def test_contact_update(client, applicant):
    client.force_login(applicant)
    person_id = _post(client, "/persons", {"name": "张三", "id_number": ZHANG_ID}).json()["id"]
    response = client.patch(f"{BASE}/persons/{person_id}/contact", {"phone": "13912345678"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["phone"] == "139****5678"
    assert NaturalPerson.objects.get().phone == "13912345678"


# ---------------------------------------------------------------------------------------------------------
# Legal persons


def _company(client, **kw):
    body = {"name": "测试有限公司", "uscc": COMPANY_USCC, "legal_representative_name": "李四",
            "legal_representative_id_number": LI_ID}
    body.update(kw)
    return _post(client, "/legal-persons", body)


def test_invalid_uscc_is_a_422_problem_with_the_exact_reason(as_clerk):
    response = _company(as_clerk, uscc="91110000600O37341L")
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert response.json()["detail"] == "统一社会信用代码第 12 位是“O”；统一社会信用代码不使用字母 I、O、Z、S、V。"
    assert LegalPerson.objects.count() == 0


def test_register_and_list_legal_persons(as_clerk):
    created = _company(as_clerk)
    assert created.status_code == 201
    assert created.json()["legal_representative_id_number"] == "320***********" + LI_ID[-4:]
    listing = as_clerk.get(BASE + "/legal-persons").json()
    assert listing["count"] == 1 and listing["items"][0]["uscc"] == COMPANY_USCC
    assert LI_ID not in str(listing)


def test_applicant_cannot_register_a_legal_person(client, applicant):
    client.force_login(applicant)
    assert _company(client).status_code == 403
    assert client.get(BASE + "/legal-persons").status_code == 403


# ---------------------------------------------------------------------------------------------------------
# Agent authorisations


def test_authorise_and_revoke(as_clerk, zhang):
    company_id = _company(as_clerk).json()["id"]
    today = timezone.localdate()
    body = {"agent_id": zhang.pk, "principal_legal_person_id": company_id, "scope": "代办营业执照变更登记",
            "valid_from": today.isoformat(), "valid_until": (today + timedelta(days=30)).isoformat()}
    created = _post(as_clerk, "/agent-authorisations", body)
    assert created.status_code == 201, created.content
    assert created.json()["in_force_today"] is True
    authorisation_id = created.json()["id"]

    revoked = _post(as_clerk, f"/agent-authorisations/{authorisation_id}/revoke", {"reason": "公司收回委托"})
    assert revoked.status_code == 200
    assert revoked.json()["in_force_today"] is False and revoked.json()["revoked_at"]
    again = _post(as_clerk, f"/agent-authorisations/{authorisation_id}/revoke", {})
    assert again.status_code == 409 and again["Content-Type"] == PROBLEM


def test_authorisation_needs_exactly_one_principal(as_clerk, zhang):
    today = timezone.localdate().isoformat()
    response = _post(as_clerk, "/agent-authorisations", {"agent_id": zhang.pk, "scope": "代办", "valid_from": today,
                                                         "valid_until": today})
    assert response.status_code == 422 and "只填写一个委托人" in response.json()["detail"]
    assert AgentAuthorisation.objects.count() == 0


def test_authorisation_with_unknown_agent_is_404(as_clerk, zhang):
    today = timezone.localdate().isoformat()
    response = _post(as_clerk, "/agent-authorisations", {"agent_id": 9999, "principal_person_id": zhang.pk,
                                                         "scope": "代办", "valid_from": today, "valid_until": today})
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM


# ---------------------------------------------------------------------------------------------------------
# Who viewed my data


def test_my_access_log_shows_the_staff_view(client, applicant, clerk):
    client.force_login(applicant)
    person_id = _post(client, "/persons", {"name": "张三", "id_number": ZHANG_ID}).json()["id"]
    client.force_login(clerk)
    client.get(f"{BASE}/persons/{person_id}", {"purpose": "受理核验"})

    client.force_login(applicant)
    response = client.get(BASE + "/me/access-log")
    assert response.status_code == 200
    latest = response.json()["items"][0]
    assert (latest["actor"], latest["action_label"], latest["purpose"], latest["ip"]) == (
        "综窗人员（clerk）", "查看个人信息", "受理核验", "127.0.0.1"
    )
    assert "证件号码" in latest["fields"]
    assert response.json()["count"] == 2


def test_access_log_of_a_user_without_a_person_is_empty(client, other_applicant):
    client.force_login(other_applicant)
    assert client.get(BASE + "/me/access-log").json() == {"items": [], "count": 0}


def test_openapi_lists_the_people_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/persons", "/persons/{person_id}", "/legal-persons", "/agent-authorisations",
                 "/agent-authorisations/{authorisation_id}/revoke", "/me/access-log"):
        assert f"{BASE}{path}" in paths
