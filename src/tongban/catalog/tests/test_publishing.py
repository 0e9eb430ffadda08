import pytest

from tongban.audit.models import AuditEntry
from tongban.catalog import selectors, services
from tongban.catalog.models import ItemVersion
from tongban.catalog.tests.factories import FOOD_CODE, catalogue_people, food_spec
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed

Status = ItemVersion.Status


@pytest.fixture
def w(org_world):
    return catalogue_people(org_world)


@pytest.fixture
def published(w):
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    services.version_submit(actor=w.market_admin.user, version=v1)
    return services.version_review(actor=w.bureau_reviewer.user, version=v1, approve=True)


def test_draft_submit_review_publish(w, published):
    assert published.status == Status.PUBLISHED and published.published_at is not None
    assert [m.name for m in published.materials.all()][:2] == ["食品经营许可申请书", "营业执照"]
    actions = list(AuditEntry.objects.filter(action__startswith="catalog.").values_list("action", flat=True))
    assert actions == ["catalog.item.create", "catalog.version.submit", "catalog.version.publish"]


def test_a_change_is_a_new_version_and_the_old_one_is_kept(w, published):
    with pytest.raises(Conflict, match="只有草稿可以修改"):
        services.version_update(actor=w.market_admin.user, version=published, spec=food_spec(promised_days=8))
    v2 = services.version_new_draft(actor=w.market_admin.user, item=published.item)
    v2 = services.version_update(
        actor=w.market_admin.user, version=v2,
        spec=food_spec(promised_days=8, steps=[{"name": "审查", "role": "reviewer", "workdays": 5},
                                               {"name": "决定", "role": "approver", "workdays": 3}],
                       change_note="承诺时限压缩至 8 个工作日"),
    )
    services.version_submit(actor=w.market_admin.user, version=v2)
    services.version_review(actor=w.bureau_reviewer2.user, version=v2, approve=True)
    published.refresh_from_db()
    assert published.status == Status.RETIRED and published.promised_days == 10
    assert selectors.current_version(published.item).number == 2
    diff = {row["label"]: row for row in selectors.version_diff(published, v2)}
    assert diff["承诺办结时限"]["old"] == 10 and diff["承诺办结时限"]["new"] == 8
    assert "审查环节" in diff and "事项名称" not in diff


def test_author_cannot_review_own_version(w):
    author = w.bureau_reviewer  # a bureau reviewer who is also the owning department's admin
    from tongban.org.models import RoleAssignment

    RoleAssignment.objects.create(staff=author, role="dept_admin", department=w.market)
    v1 = services.item_create(actor=author.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    services.version_submit(actor=author.user, version=v1)
    with pytest.raises(PermissionDenied, match="不能审核自己编写的版本"):
        services.version_review(actor=author.user, version=v1, approve=True)


def test_only_owning_department_admins_edit_and_only_bureau_reviewers_publish(w):
    with pytest.raises(PermissionDenied):
        services.item_create(actor=w.reviewer_b.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    services.version_submit(actor=w.market_admin.user, version=v1)
    with pytest.raises(PermissionDenied, match="行政审批局的审查人员"):
        services.version_review(actor=w.reviewer_a.user, version=v1, approve=True)  # a market reviewer


def test_return_needs_a_reason_and_goes_back_to_draft(w):
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    services.version_submit(actor=w.market_admin.user, version=v1)
    with pytest.raises(ValidationFailed):
        services.version_review(actor=w.bureau_reviewer.user, version=v1, approve=False)
    services.version_review(actor=w.bureau_reviewer.user, version=v1, approve=False, note="审查标准不明确")
    v1.refresh_from_db()
    assert v1.status == Status.DRAFT and v1.review_note == "审查标准不明确"


@pytest.mark.parametrize("overrides, message", [
    ({"promised_days": 25}, "超过法定时限"),
    ({"steps": [{"name": "审查", "role": "reviewer", "workdays": 11}]}, "超过承诺时限"),
    ({"free_of_charge": False}, "收费事项须列出收费项目"),
    ({"legal_bases": [{"kind": "implementing", "law": "某办法"}]}, "至少需要一条设定依据"),
    ({"competent_department": "不存在的局"}, "不存在"),
    ({"materials": [{"name": "核发证明", "source": "department"}]}, "须写明出具部门"),
    ({"form_schema": [{"name": "x", "label": "X", "type": "unknown"}]}, "类型“unknown”未知"),
])
def test_invalid_spec_is_refused_and_changes_nothing(w, overrides, message):
    with pytest.raises(ValidationFailed, match=message):
        services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec(**overrides))
    assert not ItemVersion.objects.exists()


def test_bad_item_code_is_refused(w):
    with pytest.raises(ValidationFailed, match="GB/T 39554.1"):
        services.item_create(actor=w.market_admin.user, code="12345", owner=w.market, spec=food_spec())


def test_concurrent_publication_only_one_succeeds(w):
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    services.version_submit(actor=w.market_admin.user, version=v1)
    stale = ItemVersion.objects.get(pk=v1.pk)
    services.version_review(actor=w.bureau_reviewer.user, version=v1, approve=True)
    with pytest.raises(Conflict, match="不在待审核状态"):
        services.version_review(actor=w.bureau_reviewer2.user, version=stale, approve=False, note="另一人同时退回")


def test_delegation_in_force_and_withdrawn(w, published):
    from datetime import date

    from tongban.org.models import Region, Zone

    zone = Zone.objects.create(name="苏州工业园区", kind="etdz", region=w.city)
    d = services.delegation_grant(actor=w.market_admin.user, item=published.item, zone=zone,
                                  effective_from=date(2026, 1, 1), basis="苏府〔2025〕1号")
    assert list(selectors.directory(zone_id=zone.pk, on=date(2026, 3, 1))) == [published]
    assert list(selectors.directory(zone_id=zone.pk, on=date(2025, 12, 31))) == []
    services.delegation_withdraw(actor=w.market_admin.user, delegation=d, on=date(2026, 6, 1))
    assert list(selectors.directory(zone_id=zone.pk, on=date(2026, 6, 1))) == []
    with pytest.raises(Conflict):
        services.delegation_withdraw(actor=w.market_admin.user, delegation=d, on=date(2026, 7, 1))
    assert Region.objects.exists()
