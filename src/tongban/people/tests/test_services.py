"""Registering persons, legal persons and agent authorisations: permissions, validation, audit."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from tests.factories import make_staff

from tongban.audit.models import AuditEntry
from tongban.audit.selectors import audit_verify
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.org.models import Role
from tongban.people.models import AgentAuthorisation, LegalPerson, NaturalPerson
from tongban.people.selectors import agent_can_act_for
from tongban.people.services import (
    agent_authorisation_revoke,
    agent_authorise,
    legal_person_register,
    person_link_user,
    person_register,
    person_update_contact,
)

from .conftest import COMPANY_USCC, LI_ID, WANG_ID, ZHANG_ID, uscc

pytestmark = pytest.mark.django_db


def _audit_text() -> str:
    """Everything the audit log holds, as one string, to check that no raw number leaked into it."""
    rows = AuditEntry.objects.values("actor_label", "target_id", "subject", "summary", "data")
    return json.dumps(list(rows), ensure_ascii=False, default=str)


def _register(actor, id_number=ZHANG_ID, **kw):
    kw.setdefault("name", "张三")
    return person_register(actor=actor, id_number=id_number, **kw)


# ---------------------------------------------------------------------------------------------------------
# person_register


def test_clerk_registers_a_verified_person_with_derived_birth_date_and_gender(clerk, rf_request):
    person = _register(clerk, phone="13812345678", address="苏州市姑苏区人民路 1 号", request=rf_request("10.0.0.8"))
    person.refresh_from_db()
    assert (person.birth_date, person.gender) == (date(1990, 3, 7), "male")
    assert person.verified_at is not None and person.user is None
    entry = AuditEntry.objects.get(action="people.person.register")
    assert entry.subject == f"person:{person.pk}"
    assert entry.ip == "10.0.0.8"
    assert entry.summary == "登记自然人 张*（居民身份证 320***********" + ZHANG_ID[-4:] + "）"
    assert entry.data["phone"] == "138****5678"


def test_audit_log_never_holds_a_raw_number(clerk, applicant, world):
    person = _register(clerk, phone="13812345678")
    mine = _register(applicant, id_number=WANG_ID, name="王五")
    person_update_contact(actor=clerk, person=person, phone="13900001111")
    legal = legal_person_register(
        actor=clerk, name="测试有限公司", uscc=COMPANY_USCC, legal_representative_name="李四",
        legal_representative_id_number=LI_ID,
    )
    agent_authorise(actor=clerk, agent=person, principal=legal, scope="代办营业执照变更",
                    valid_from=timezone.localdate(), valid_until=timezone.localdate() + timedelta(days=30))
    agent_authorise(actor=applicant, agent=person, principal=mine, scope="代办户籍证明",
                    valid_from=timezone.localdate(), valid_until=timezone.localdate() + timedelta(days=30))
    text = _audit_text()
    assert AuditEntry.objects.count() >= 7
    for secret in (ZHANG_ID, WANG_ID, LI_ID, COMPANY_USCC, "13812345678", "13900001111", "张三", "王五"):
        assert secret not in text
    assert audit_verify()[1] == []


def test_invalid_id_number_is_refused_with_the_reason_and_changes_nothing(clerk):
    bad = ZHANG_ID[:17] + ("1" if ZHANG_ID[17] != "1" else "2")
    with pytest.raises(ValidationFailed) as caught:
        _register(clerk, id_number=bad)
    assert caught.value.detail == (
        f"公民身份号码校验码不符：按 GB 11643-1999 计算，第 18 位应为“{ZHANG_ID[17]}”，实际为“{bad[17]}”。请核对号码是否抄错。"
    )
    assert caught.value.errors == {"id_number": [caught.value.detail]}
    assert NaturalPerson.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_every_field_error_is_named_at_once(clerk):
    with pytest.raises(ValidationFailed) as caught:
        _register(clerk, name=" ", id_number="12345", phone="12345678901")
    assert set(caught.value.errors) == {"name", "id_number", "phone"}
    assert caught.value.errors["phone"] == ["手机号码第 2 位应为 3 至 9。"]
    assert "请填写姓名。" in caught.value.detail and "应为 18 位，实际为 5 位" in caught.value.detail


def test_same_document_cannot_be_registered_twice(clerk):
    first = _register(clerk, id_number=WANG_ID)
    with pytest.raises(Conflict, match=f"自然人编号 {first.pk}"):
        _register(clerk, id_number=WANG_ID.lower())  # 110…002x is the same number
    assert NaturalPerson.objects.count() == 1


def test_same_number_under_another_document_type_is_a_different_record(clerk):
    _register(clerk, id_type="passport", id_number="E12345678")
    _register(clerk, id_type="hk_macau_permit", id_number="H12345678")
    assert NaturalPerson.objects.count() == 2


def test_reviewer_and_system_admin_may_register_but_department_admin_only_registers_themself(world):
    assert _register(world.reviewer_a.user).verified_at is not None
    assert _register(world.admin.user, id_number=LI_ID).verified_at is not None
    dept_admin = make_staff("dept_admin", world.market, Role.DEPT_ADMIN).user
    own = _register(dept_admin, id_number=WANG_ID)
    assert own.user == dept_admin and own.verified_at is None


def test_applicant_registers_themself_unverified_and_only_once(applicant):
    person = _register(applicant)
    assert person.user == applicant and person.verified_at is None
    entry = AuditEntry.objects.get(action="people.person.register")
    assert entry.actor_id == applicant.pk and entry.summary.endswith("本人网上登记")
    with pytest.raises(Conflict, match="已关联个人信息"):
        _register(applicant, id_number=LI_ID, name="李四")


def test_applicant_cannot_claim_a_number_already_registered_and_learns_no_record_id(clerk, applicant):
    existing = _register(clerk)
    with pytest.raises(Conflict) as caught:
        _register(applicant)
    assert "到任一窗口核验" in caught.value.detail and str(existing.pk) not in caught.value.detail
    assert NaturalPerson.objects.get().user is None


def test_anonymous_cannot_register():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        _register(AnonymousUser())
    assert NaturalPerson.objects.count() == 0


def test_model_clean_refuses_an_invalid_number():
    person = NaturalPerson(name="张三", id_number="32050819900230123X")
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert caught.value.message_dict["id_number"] == ["公民身份号码第 7–14 位出生日期“19900230”不是有效的日期。"]
    ok = NaturalPerson(name="王五", id_number="11010519491231002x")
    ok.full_clean()
    assert (ok.id_number, ok.gender, ok.birth_date) == (WANG_ID, "female", date(1949, 12, 31))


def test_str_is_masked(clerk):
    assert str(_register(clerk)) == "张*（居民身份证 320***********" + ZHANG_ID[-4:] + "）"


# ---------------------------------------------------------------------------------------------------------
# person_update_contact / person_link_user


def test_person_updates_own_contact_and_the_change_is_audited_masked(applicant):
    person = _register(applicant, phone="13812345678")
    person_update_contact(actor=applicant, person=person, phone="13987654321")
    person.refresh_from_db()
    assert person.phone == "13987654321"
    entry = AuditEntry.objects.get(action="people.person.update_contact")
    assert entry.data == {"fields": ["联系电话"], "phone": {"from": "138****5678", "to": "139****4321"}}


def test_nobody_else_updates_contact(applicant, other_applicant):
    person = _register(applicant, phone="13812345678")
    with pytest.raises(PermissionDenied):
        person_update_contact(actor=other_applicant, person=person, phone="13987654321")
    person.refresh_from_db()
    assert person.phone == "13812345678"


def test_invalid_phone_changes_nothing(clerk):
    person = _register(clerk, phone="13812345678")
    with pytest.raises(ValidationFailed, match="7 至 15 位数字"):
        person_update_contact(actor=clerk, person=person, phone="12-34")
    person.refresh_from_db()
    assert person.phone == "13812345678"
    assert not AuditEntry.objects.filter(action="people.person.update_contact").exists()


def test_unchanged_contact_writes_no_entry(clerk):
    person = _register(clerk, phone="13812345678")
    person_update_contact(actor=clerk, person=person, phone="13812345678")
    assert not AuditEntry.objects.filter(action="people.person.update_contact").exists()


def test_clerk_links_an_account_after_checking_the_document(clerk, applicant, other_applicant):
    person = _register(clerk)
    with pytest.raises(PermissionDenied):
        person_link_user(actor=applicant, person=person, user=applicant)
    person_link_user(actor=clerk, person=person, user=applicant)
    person.refresh_from_db()
    assert person.user == applicant
    with pytest.raises(Conflict, match="已关联其他门户账号"):
        person_link_user(actor=clerk, person=person, user=other_applicant)


# ---------------------------------------------------------------------------------------------------------
# legal_person_register


def _legal(actor, **kw):
    values = dict(name="测试有限公司", uscc=COMPANY_USCC, legal_representative_name="李四",
                  legal_representative_id_number=LI_ID)
    values.update(kw)
    return legal_person_register(actor=actor, **values)


def test_clerk_registers_a_legal_person_with_type_and_division_from_the_code(clerk):
    legal = _legal(clerk, uscc=COMPANY_USCC.lower())
    assert (legal.uscc, legal.organisation_type, legal.division_code) == (COMPANY_USCC, "91", "110000")
    assert legal.organisation_type_label == "企业"
    entry = AuditEntry.objects.get(action="people.legal_person.register")
    assert entry.data["uscc"] == "91110000********1L"
    assert entry.data["legal_representative_id_number"] == "320***********" + LI_ID[-4:]


def test_invalid_uscc_and_representative_number_are_named_and_nothing_is_created(clerk):
    with pytest.raises(ValidationFailed) as caught:
        _legal(clerk, uscc="91110000600037341Q", legal_representative_id_number=LI_ID[:17])
    assert caught.value.errors == {
        "uscc": ["统一社会信用代码校验码不符：按 GB 32100-2015 计算，第 18 位应为“L”，实际为“Q”。请核对代码是否抄错。"],
        "legal_representative_id_number": ["公民身份号码应为 18 位，实际为 17 位。"],
    }
    assert LegalPerson.objects.count() == 0 and AuditEntry.objects.count() == 0


def test_legal_person_needs_case_staff_and_is_unique(clerk, applicant):
    with pytest.raises(PermissionDenied):
        _legal(applicant)
    _legal(clerk)
    with pytest.raises(Conflict):
        _legal(clerk, name="另一家公司")
    assert LegalPerson.objects.count() == 1


# ---------------------------------------------------------------------------------------------------------
# Agents


@pytest.fixture
def parties(clerk, applicant):
    principal = _register(applicant, id_number=WANG_ID, name="王五")  # linked to the applicant
    agent = _register(clerk, id_number=ZHANG_ID, name="张三")
    company = _legal(clerk, uscc=uscc("91320508MA1ABCDE1"))
    return principal, agent, company


def _authorise(actor, agent, principal, start=None, days=30, **kw):
    start = start or timezone.localdate()
    return agent_authorise(actor=actor, agent=agent, principal=principal, scope=kw.pop("scope", "代办不动产登记"),
                           valid_from=start, valid_until=start + timedelta(days=days), **kw)


def test_principal_authorises_an_agent_and_both_see_it_in_their_log(applicant, parties):
    principal, agent, _ = parties
    authorisation = _authorise(applicant, agent, principal)
    assert authorisation.recorded_by == applicant
    subjects = set(AuditEntry.objects.filter(action="people.agent.authorise").values_list("subject", flat=True))
    assert subjects == {principal.audit_subject, agent.audit_subject}


def test_stranger_cannot_authorise_for_someone_else(other_applicant, parties):
    principal, agent, company = parties
    with pytest.raises(PermissionDenied):
        _authorise(other_applicant, agent, principal)
    with pytest.raises(PermissionDenied):
        _authorise(other_applicant, agent, company)
    assert AgentAuthorisation.objects.count() == 0


def test_authorisation_input_is_checked(clerk, parties):
    principal, agent, _ = parties
    with pytest.raises(ValidationFailed, match="代办人不能是委托人本人"):
        _authorise(clerk, principal, principal)
    with pytest.raises(ValidationFailed, match="早于生效日期"):
        _authorise(clerk, agent, principal, days=-1)
    with pytest.raises(ValidationFailed, match="已过，授权不会生效"):
        _authorise(clerk, agent, principal, start=timezone.localdate() - timedelta(days=10), days=5)
    with pytest.raises(ValidationFailed, match="请填写委托事项和权限"):
        _authorise(clerk, agent, principal, scope="  ")
    assert AgentAuthorisation.objects.count() == 0


def test_agent_can_act_only_within_the_term(clerk, parties):
    principal, agent, company = parties
    start = timezone.localdate() + timedelta(days=1)
    _authorise(clerk, agent, principal, start=start, days=9)
    assert not agent_can_act_for(agent=agent, principal=principal, on_date=start - timedelta(days=1))
    assert agent_can_act_for(agent=agent, principal=principal, on_date=start)
    assert agent_can_act_for(agent=agent, principal=principal, on_date=start + timedelta(days=9))
    assert not agent_can_act_for(agent=agent, principal=principal, on_date=start + timedelta(days=10))
    # The authorisation is for the natural person, not for the company, and does not run backwards.
    assert not agent_can_act_for(agent=agent, principal=company, on_date=start)
    assert not agent_can_act_for(agent=principal, principal=agent, on_date=start)


def test_revocation_ends_the_authorisation_from_that_day(applicant, parties):
    principal, agent, _ = parties
    today = timezone.localdate()
    authorisation = _authorise(applicant, agent, principal, start=today - timedelta(days=0))
    assert agent_can_act_for(agent=agent, principal=principal)
    agent_authorisation_revoke(actor=applicant, authorisation=authorisation, reason="已自行办理")
    assert not agent_can_act_for(agent=agent, principal=principal)
    assert not agent_can_act_for(agent=agent, principal=principal, on_date=today + timedelta(days=1))
    authorisation.refresh_from_db()
    assert authorisation.revoked_by == applicant and authorisation.revoke_reason == "已自行办理"
    assert AuditEntry.objects.filter(action="people.agent.revoke").count() == 2


def test_historical_check_sees_an_authorisation_revoked_later(clerk, parties):
    principal, agent, _ = parties
    today = timezone.localdate()
    authorisation = AgentAuthorisation.objects.create(
        agent=agent, principal_person=principal, scope="代办", valid_from=today - timedelta(days=20),
        valid_until=today + timedelta(days=20), recorded_by=clerk,
    )
    agent_authorisation_revoke(actor=clerk, authorisation=authorisation)
    assert agent_can_act_for(agent=agent, principal=principal, on_date=today - timedelta(days=1))
    assert not agent_can_act_for(agent=agent, principal=principal, on_date=today)


def test_company_authorisation(clerk, parties):
    _, agent, company = parties
    _authorise(clerk, agent, company)
    assert agent_can_act_for(agent=agent, principal=company)


def test_agent_may_renounce_a_stranger_may_not_and_twice_is_a_conflict(clerk, applicant, other_applicant, parties):
    principal, agent, _ = parties
    authorisation = _authorise(clerk, agent, principal)
    with pytest.raises(PermissionDenied):
        agent_authorisation_revoke(actor=other_applicant, authorisation=authorisation)
    agent.user = other_applicant
    agent.save()
    agent_authorisation_revoke(actor=other_applicant, authorisation=authorisation)
    with pytest.raises(Conflict, match="已于 .* 撤销"):
        agent_authorisation_revoke(actor=applicant, authorisation=authorisation)


def test_database_refuses_malformed_authorisations(clerk, parties):
    principal, agent, company = parties
    today = timezone.localdate()
    base = dict(agent=agent, scope="代办", valid_from=today, valid_until=today, recorded_by=clerk)
    for extra in (
        {"principal_person": principal, "principal_legal_person": company},  # two principals
        {},  # none
        {"principal_person": agent},  # oneself
        {"principal_person": principal, "valid_until": today - timedelta(days=1)},  # term backwards
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            AgentAuthorisation.objects.create(**{**base, **extra})
