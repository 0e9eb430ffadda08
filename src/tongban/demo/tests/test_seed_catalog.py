"""The demo catalogue: loaded through the real services, complete, valid and idempotent."""

import re

import pytest
from django.contrib.auth import get_user_model

from tongban.audit.models import AuditEntry
from tongban.catalog.models import ITEM_CODE_RE, Delegation, Faq, ItemVersion, ServiceItem, Theme
from tongban.catalog.selectors import spec_of
from tongban.catalog.services import parse_spec
from tongban.demo import catalog_data
from tongban.demo.catalog_seed import seed_catalog
from tongban.demo.management.commands.seed_demo import seed_org
from tongban.org.models import Department, RoleAssignment

Status = ItemVersion.Status


def _comparable(spec) -> dict:
    """A spec as a dict, with the lists whose order the database does not keep sorted."""
    data = spec.model_dump(mode="json")
    data["halls"] = sorted(data["halls"])
    data["windows"] = sorted(data["windows"])
    data["themes"] = sorted((t["audience"], t["name"]) for t in data["themes"])
    # LegalBasis rows are ordered by kind first (catalog/models.py), keeping their order within a kind.
    data["legal_bases"] = sorted(data["legal_bases"], key=lambda b: b["kind"])
    return data


def test_the_data_is_well_formed():
    items = catalog_data.ITEMS
    assert len(items) >= 45
    codes = [e["code"] for e in items]
    assert len(set(codes)) == len(codes)
    assert len({c[:14] for c in codes}) == len(codes), "基本编码 are distinct"
    assert all(re.match(ITEM_CODE_RE, c) for c in codes)
    names = [e["spec"]["name"] for e in items]
    assert len(set(names)) == len(names)
    assert set(catalog_data.REQUIRED_NAMES) <= set(names)
    for entry in items:
        parse_spec(entry["spec"])
        if "v2" in entry:
            parse_spec(catalog_data.v2_spec(entry))
        assert 2 <= len(entry["faqs"]) <= 4, entry["spec"]["name"]
        assert 3 <= len(entry["spec"]["form_schema"]) <= 8, entry["spec"]["name"]
        assert entry["owner"] in catalog_data.OWNER_ADMINS
        assert all(b["text"] for b in entry["spec"]["legal_bases"]), entry["spec"]["name"]
    theme_names = {(t["audience"], t["name"]) for t in catalog_data.THEMES}
    used = {(t["audience"], t["name"]) for e in items for t in e["spec"]["themes"]}
    assert used <= theme_names


@pytest.fixture
def seeded(db):
    seed_org()
    return seed_catalog()


def test_seed_publishes_a_valid_complete_catalogue(seeded):
    published = list(
        ItemVersion.objects.filter(status=Status.PUBLISHED).select_related("item", "competent_department",
                                                                           "implementing_department")
    )
    assert len(published) >= 45
    assert seeded["已发布事项"] == len(published) == len(catalog_data.ITEMS)
    expected = {e["code"]: e for e in catalog_data.ITEMS}
    for version in published:
        spec = spec_of(version)  # re-validates the stored version as a VersionSpec
        assert spec.promised_days <= spec.statutory_days, spec.name
        assert sum(s.workdays for s in spec.steps) <= spec.promised_days, spec.name
        entry = expected[version.item.code]
        wanted = catalog_data.v2_spec(entry) if "v2" in entry else entry["spec"]
        assert _comparable(spec) == _comparable(parse_spec(wanted)), spec.name
        assert version.reviewed_by_id and version.reviewed_by_id != version.created_by_id
        assert version.item.faqs.count() >= 2, spec.name
    assert {v.name for v in published} >= set(catalog_data.REQUIRED_NAMES)

    delegated = ServiceItem.objects.filter(delegations__isnull=False).distinct().count()
    assert delegated >= 8
    assert Delegation.objects.filter(zone__name=catalog_data.FTZ).exists()

    revised = [
        item for item in ServiceItem.objects.all()
        if item.versions.filter(number=1, status=Status.RETIRED).exists()
        and item.versions.filter(number=2, status=Status.PUBLISHED).exists()
    ]
    assert len(revised) >= 5

    # Every owner department's items are maintained by a demo 部门管理员 of that department.
    for item in ServiceItem.objects.select_related("owner"):
        author = item.versions.get(number=1).created_by
        assert RoleAssignment.objects.filter(staff__user=author, role="dept_admin", department=item.owner).exists()
    assert Theme.objects.filter(audience="personal").count() == 9
    assert Theme.objects.filter(audience="legal").count() == 6
    assert Department.objects.filter(name="国网苏州供电公司").exists()


def test_seeding_twice_changes_nothing(seeded):
    def snapshot():
        return (
            ServiceItem.objects.count(), ItemVersion.objects.count(), Delegation.objects.count(),
            Faq.objects.count(), Theme.objects.count(), AuditEntry.objects.count(),
            get_user_model().objects.count(), RoleAssignment.objects.count(),
        )

    before = snapshot()
    again = seed_catalog()
    assert snapshot() == before
    assert again == seeded


def test_demo_admin_can_log_in(seeded, client):
    username, _name = catalog_data.OWNER_ADMINS[catalog_data.HOUSING]
    assert client.login(username=username, password="tongban-demo")
