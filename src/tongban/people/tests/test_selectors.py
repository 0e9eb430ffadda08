"""Masked lists, audited unmasked reads, and the person's own access log."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator

from tongban.audit.models import AuditEntry
from tongban.audit.services import PERSONAL_READ
from tongban.core.errors import NotFound, PermissionDenied, ValidationFailed
from tongban.people.selectors import legal_person_list, my_access_log, person_detail, person_list
from tongban.people.services import legal_person_register, person_register, person_update_contact

from .conftest import COMPANY_USCC, LI_ID, WANG_ID, ZHANG_ID

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhang(applicant):
    return person_register(actor=applicant, name="张三", id_number=ZHANG_ID, phone="13812345678", address="人民路 1 号")


@pytest.fixture
def others(clerk):
    return [
        person_register(actor=clerk, name="李四", id_number=LI_ID),
        person_register(actor=clerk, name="王五", id_number=WANG_ID),
    ]


def test_person_list_is_masked(clerk, zhang, others):
    rows = list(person_list(actor=clerk))
    assert sorted(r.name for r in rows) == sorted(["张*", "李*", "王*"])
    row = next(r for r in rows if r.id == zhang.pk)
    assert row.id_number == "320***********" + ZHANG_ID[-4:]
    assert row.phone == "138****5678"
    assert row.has_account and not row.verified
    assert not AuditEntry.objects.filter(action=PERSONAL_READ).exists()


def test_person_list_searches_by_name_part_or_whole_number_only(clerk, zhang, others):
    assert [r.id for r in person_list(actor=clerk, q="李")] == [others[0].pk]
    assert [r.id for r in person_list(actor=clerk, id_number=WANG_ID.lower())] == [others[1].pk]
    assert list(person_list(actor=clerk, id_number=WANG_ID[:10])) == []


def test_person_list_pages_in_the_database(clerk, zhang, others):
    page = Paginator(person_list(actor=clerk), 2).get_page(2)
    assert page.paginator.count == 3 and len(page.object_list) == 1


def test_person_list_is_for_case_staff_only(applicant, world, zhang):
    with pytest.raises(PermissionDenied):
        person_list(actor=applicant)
    assert list(person_list(actor=world.inspector.user))  # 督查 holds a case role (region scope)


def test_staff_detail_is_unmasked_needs_a_purpose_and_is_audited(clerk, zhang, rf_request):
    with pytest.raises(ValidationFailed, match="须说明目的"):
        person_detail(actor=clerk, person=zhang)
    assert not AuditEntry.objects.filter(action=PERSONAL_READ).exists()
    detail = person_detail(actor=clerk, person=zhang.pk, purpose="受理核验", request=rf_request("10.1.2.3"))
    assert (detail.name, detail.id_number, detail.phone) == ("张三", ZHANG_ID, "13812345678")
    assert detail.gender_label == "男"
    entry = AuditEntry.objects.get(action=PERSONAL_READ)
    assert (entry.subject, entry.actor_id, entry.ip) == (f"person:{zhang.pk}", clerk.pk, "10.1.2.3")
    assert entry.data == {"fields": ["姓名", "证件号码", "出生日期", "性别", "联系电话", "联系地址"], "purpose": "受理核验"}


def test_person_reads_own_detail_and_that_is_recorded_too(applicant, zhang):
    detail = person_detail(actor=applicant, person=zhang)
    assert detail.id_number == ZHANG_ID
    assert AuditEntry.objects.get(action=PERSONAL_READ).data["purpose"] == "本人查看"


def test_stranger_is_refused_and_nothing_is_recorded(other_applicant, zhang):
    with pytest.raises(PermissionDenied):
        person_detail(actor=other_applicant, person=zhang.pk, purpose="好奇")
    # An unknown id looks the same as someone else's record to a non-staff user.
    with pytest.raises(PermissionDenied):
        person_detail(actor=other_applicant, person=zhang.pk + 1000)
    assert not AuditEntry.objects.filter(action=PERSONAL_READ).exists()


def test_staff_get_not_found_for_an_unknown_id(clerk):
    with pytest.raises(NotFound):
        person_detail(actor=clerk, person=999, purpose="受理核验")


def test_my_access_log_lists_who_viewed_and_changed_my_data(applicant, other_applicant, clerk, world, zhang, others, rf_request):
    person_detail(actor=clerk, person=zhang, purpose="受理核验", request=rf_request("10.1.2.3"))
    person_update_contact(actor=world.reviewer_a.user, person=zhang, address="新地址", request=rf_request("10.9.9.9"))
    person_detail(actor=clerk, person=others[0], purpose="受理核验")  # somebody else's data: not in my log

    rows = list(my_access_log(user=applicant))
    assert [r.action_label for r in rows] == ["修改联系方式", "查看个人信息", "登记个人信息"]
    changed, viewed, registered = rows
    assert (viewed.actor, viewed.ip, viewed.purpose) == ("综窗人员（clerk）", "10.1.2.3", "受理核验")
    assert "证件号码" in viewed.fields and not viewed.by_self
    assert (changed.actor, changed.fields, changed.ip) == ("市场审查员（reviewer_a）", ["联系地址"], "10.9.9.9")
    assert registered.by_self and registered.actor == "本人"
    assert list(my_access_log(user=other_applicant)) == []


def test_legal_person_list_masks_the_representative_number(clerk, applicant):
    legal_person_register(actor=clerk, name="测试有限公司", uscc=COMPANY_USCC, legal_representative_name="李四",
                          legal_representative_id_number=LI_ID)
    (row,) = legal_person_list(actor=clerk, q=COMPANY_USCC.lower())
    assert row.uscc == COMPANY_USCC and row.organisation_type_label == "企业"
    assert row.legal_representative_id_number == "320***********" + LI_ID[-4:]
    assert [r.name for r in legal_person_list(actor=clerk, q="测试")] == ["测试有限公司"]
    with pytest.raises(PermissionDenied):
        legal_person_list(actor=applicant)
