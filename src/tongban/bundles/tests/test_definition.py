"""Defining 一件事: the spec's rules, publishing (by another bureau reviewer, checked against the catalogue),
immutability of a published version, and the pure rules in domain.py."""

import pytest

from tongban.bundles import domain, selectors, services
from tongban.bundles.models import Bundle, BundleVersion
from tongban.bundles.tests.conftest import bundle_spec, code
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed


def test_conditions_are_data_not_code():
    cond = {"all": [{"field": "will_hire", "equals": True}, {"field": "staff_count", "gte": 1}]}
    assert domain.evaluate(cond, {"will_hire": True, "staff_count": 3})
    assert not domain.evaluate(cond, {"will_hire": True, "staff_count": 0})
    assert not domain.evaluate({"not": {"field": "x", "in": [1, 2]}}, {"x": 2})
    assert domain.evaluate({"field": "bank", "filled": True}, {"bank": "工行"})
    assert domain.evaluate({}, {})
    assert domain.check_condition({"field": "x", "equals": 1, "gte": 2}, {"x"})
    assert domain.check_condition({"field": "__import__('os')", "equals": 1}, {"x"}) == [
        "办理条件引用了一表申请中不存在的字段“__import__('os')”"]
    assert domain.describe(cond, {"will_hire": "是否招用员工", "staff_count": "人数"}) == "是否招用员工为“是”且人数≥1"


def test_dependencies_must_exist_and_not_loop():
    assert domain.check_order([("a", None), ("b", "a")]) == []
    assert domain.check_order([("a", "b"), ("b", "a")]) == ["成员“a”的先后顺序形成循环", "成员“b”的先后顺序形成循环"]
    assert domain.check_order([("a", "zz")]) == ["成员“a”要求在“zz”准予后办理，但没有这个成员"]


def test_a_bad_spec_is_refused_with_every_problem_and_nothing_is_created(world):
    spec = bundle_spec(members=[
        {"key": "setup", "item_code": code(1), "mode": "after", "after": "seal"},
        {"key": "seal", "item_code": code(2), "mode": "after", "after": "setup"},
        {"key": "fund", "item_code": code(4), "condition": {"field": "hiring", "equals": True}},
    ], joint_licence=True, promised_days=50)
    with pytest.raises(ValidationFailed) as err:
        services.bundle_create(actor=world.market_admin.user, code="BAD", owner=world.market, spec=spec)
    text = err.value.detail
    assert "循环" in text and "“hiring”" in text and "45 个工作日" in text and "不存在的成员“social”" in text
    assert not Bundle.objects.filter(code="BAD").exists()


def test_only_the_lead_departments_admin_defines(world):
    with pytest.raises(PermissionDenied):
        services.bundle_create(actor=world.staff["hr"].admin.user, code="X1", owner=world.market, spec=bundle_spec())


def test_publishing_checks_the_catalogue_and_needs_another_reviewer(world):
    missing_field = bundle_spec(fields=[f for f in bundle_spec()["fields"] if f["name"] != "address"])
    draft = services.bundle_create(actor=world.market_admin.user, code="QYKB2", owner=world.market,
                                   spec=missing_field)
    with pytest.raises(PermissionDenied):
        services.bundle_version_publish(actor=world.market_admin.user, version=draft)
    with pytest.raises(ValidationFailed) as err:
        services.bundle_version_publish(actor=world.bureau_reviewer.user, version=draft)
    assert "公司设立登记的必填字段“住所”没有对应的一表申请字段" in err.value.detail
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_published_version_is_immutable_and_a_new_version_retires_it(world):
    with pytest.raises(Conflict):
        services.bundle_version_update(actor=world.market_admin.user, version=world.bundle,
                                       spec=bundle_spec(name="改名"))
    v2 = services.bundle_version_new_draft(actor=world.market_admin.user, bundle=world.bundle.bundle)
    assert v2.number == 2 and selectors.spec_of(v2).members == selectors.spec_of(world.bundle).members
    services.bundle_version_update(actor=world.market_admin.user, version=v2, spec=bundle_spec(promised_days=2))
    services.bundle_version_publish(actor=world.bureau_reviewer2.user, version=v2)
    world.bundle.refresh_from_db()
    assert world.bundle.status == "retired" and world.bundle.promised_days == 3
    assert selectors.bundle_guide("QYKB").pk == v2.pk
    assert BundleVersion.objects.filter(bundle__code="QYKB", status="published").count() == 1


def test_savings_against_item_by_item(world):
    s = selectors.bundle_savings(world.bundle)
    # 4 forms (4 + 2 + 2 + 2 fields) become one form of 6; 6 uploads (3 + 1 + 1 + 1) become 4 distinct ones.
    assert (s.forms_separate, s.forms_bundle) == (4, 1)
    assert (s.fields_separate, s.fields_bundle) == (4 + 2 + 2 + 2, 6)
    assert (s.materials_separate, s.materials_bundle) == (6, 4)
    assert (s.days_separate, s.days_bundle) == (20, 3)
    assert s.departments == 4
    assert s.rows()[2] == {"label": "上传材料（份）", "separate": 6, "bundle": 4, "saved": 2, "percent": 33}
