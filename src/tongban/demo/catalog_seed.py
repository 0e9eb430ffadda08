"""Loads the demo catalogue (catalog_data.py) through the real catalogue services, acting as demo staff.

Each owner department's 部门管理员 writes the first version and its FAQs and submits it; a bureau reviewer who is
not the author publishes it; the department admin then records the delegations (赋权); items with a second version
get it drafted and submitted by the admin and published by the second bureau reviewer, so the first is retired.

Idempotent: an item whose code already exists is skipped entirely; themes and demo accounts are get-or-created.
Run after `seed_org()` (the departments, halls, windows and zones must exist).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from tongban.catalog import services
from tongban.catalog.models import Delegation, Faq, ItemVersion, ServiceItem, Theme
from tongban.demo import catalog_data, org_data
from tongban.org.models import Department, Role, RoleAssignment, Staff, Zone

FIRST_REVIEWER = "reviewer"  # the org seed's 市场准入处 reviewer
PUBLISH_NOTE = "要素齐全，设定依据和办理时限核对无误，同意发布。"


@cache
def _demo_password_hash(hasher: str) -> str:
    # Hashed once per run and per hasher: a full-strength hash per account would make the seed take seconds more.
    return make_password(org_data.DEMO_PASSWORD)


def _account(username: str, name: str, department: Department, role: str):
    """A demo staff account holding `role` in `department` (created with the demo password if missing)."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.password = _demo_password_hash(settings.PASSWORD_HASHERS[0])
        user.save(update_fields=["password"])
    staff, _ = Staff.objects.get_or_create(user=user, defaults={"name": name, "department": department})
    RoleAssignment.objects.get_or_create(staff=staff, role=role, department=department)
    return user


def _reviewers() -> list:
    """The bureau reviewers who publish, in order of preference."""
    username, name, division = catalog_data.SECOND_REVIEWER
    second = _account(username, name, Department.objects.get(name=division), Role.REVIEWER)
    first = get_user_model().objects.filter(username=FIRST_REVIEWER).first()
    return [u for u in (first, second) if u is not None]


def _reviewer_for(version: ItemVersion, reviewers: list, *, prefer_second: bool = False):
    candidates = list(reversed(reviewers)) if prefer_second else reviewers
    for user in candidates:
        if user.pk != version.created_by_id:
            return user
    raise RuntimeError(f"没有可以审核 {version} 的审查人员（审核人不能是编写人）。")


def _publish(version: ItemVersion, author, reviewers: list, *, prefer_second: bool = False) -> ItemVersion:
    services.version_submit(actor=author, version=version)
    reviewer = _reviewer_for(version, reviewers, prefer_second=prefer_second)
    return services.version_review(actor=reviewer, version=version, approve=True, note=PUBLISH_NOTE)


@transaction.atomic
def seed_catalog() -> dict[str, int]:
    for theme in catalog_data.THEMES:
        Theme.objects.update_or_create(
            audience=theme["audience"], name=theme["name"], defaults={"order": theme["order"]}
        )
    reviewers = _reviewers()
    existing = set(
        ServiceItem.objects.filter(code__in=[e["code"] for e in catalog_data.ITEMS]).values_list("code", flat=True)
    )
    departments: dict[str, Department] = {}
    authors: dict[str, object] = {}
    zones = {z.name: z for z in Zone.objects.all()}
    for entry in catalog_data.ITEMS:
        if entry["code"] in existing:
            continue
        owner_name = entry["owner"]
        if owner_name not in departments:
            departments[owner_name] = Department.objects.get(name=owner_name)
            username, name = catalog_data.OWNER_ADMINS[owner_name]
            authors[owner_name] = _account(username, name, departments[owner_name], Role.DEPT_ADMIN)
        owner, author = departments[owner_name], authors[owner_name]

        v1 = services.item_create(actor=author, code=entry["code"], owner=owner, spec=entry["spec"])
        item = v1.item
        # The admin writes the FAQs while the item is still a draft, so the search index (refreshed by the services
        # on every FAQ change and publication) builds each item's entries once, at publication.
        for faq in entry["faqs"]:
            services.faq_save(actor=author, item=item, question=faq["question"], answer=faq["answer"])
        _publish(v1, author, reviewers)
        for delegation in entry.get("delegate_to", []):
            services.delegation_grant(
                actor=author, item=item, zone=zones[delegation["zone"]],
                effective_from=date.fromisoformat(delegation["effective_from"]), basis=delegation["basis"],
            )
        if "v2" in entry:
            v2 = services.version_new_draft(actor=author, item=item)
            v2 = services.version_update(actor=author, version=v2, spec=catalog_data.v2_spec(entry))
            _publish(v2, author, reviewers, prefer_second=True)

    return {
        "主题": Theme.objects.count(),
        "事项": ServiceItem.objects.count(),
        "已发布事项": ItemVersion.objects.filter(status=ItemVersion.Status.PUBLISHED).count(),
        "赋权": Delegation.objects.count(),
        "常见问题": Faq.objects.count(),
    }
