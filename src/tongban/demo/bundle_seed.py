"""Loads the demo 一件事 bundles (bundle_data.py) through the bundles services: the lead department's admin
defines each, a bureau reviewer publishes it. Idempotent: a bundle whose code exists is skipped."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from tongban.bundles import services
from tongban.bundles.models import Bundle, BundleVersion
from tongban.demo import bundle_data, catalog_data
from tongban.demo.catalog_seed import _account, _reviewers
from tongban.org.models import Department, Role


@transaction.atomic
def seed_bundles() -> dict[str, int]:
    reviewers = _reviewers()
    existing = set(Bundle.objects.values_list("code", flat=True))
    for code, owner_name, spec in bundle_data.BUNDLES:
        if code in existing:
            continue
        owner = Department.objects.get(name=owner_name)
        username, name = catalog_data.OWNER_ADMINS.get(owner_name, ("dept_admin", "郑涛（审批局管理员）"))
        author = _account(username, name, owner, Role.DEPT_ADMIN) if owner_name in catalog_data.OWNER_ADMINS \
            else get_user_model().objects.get(username="dept_admin")
        draft = services.bundle_create(actor=author, code=code, owner=owner, spec=spec)
        reviewer = next(u for u in reviewers if u.pk != author.pk)
        services.bundle_version_publish(actor=reviewer, version=draft)
    return {"一件事": BundleVersion.objects.filter(status=BundleVersion.Status.PUBLISHED).count()}
