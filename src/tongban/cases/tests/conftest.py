"""A market department with a published 食品经营许可, its seals, its staff and an applicant with an account."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from tests.factories import make_staff

from tongban.catalog import services as catalog
from tongban.catalog.tests.factories import FOOD_CODE, catalogue_people, food_spec
from tongban.files.services import file_upload
from tongban.files.tests.samples import pdf
from tongban.org.models import Role
from tongban.people.services import person_register
from tongban.seals.services import seal_create


@pytest.fixture
def world(org_world, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    w = catalogue_people(org_world)
    w.reviewer_a2 = make_staff("reviewer_a2", w.market, Role.REVIEWER, name="市场审查员二")
    w.approver = make_staff("approver_a", w.market, Role.APPROVER, name="市场审批员")
    w.approver2 = make_staff("approver_a2", w.market, Role.APPROVER, name="市场审批员二")
    v = catalog.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    catalog.version_submit(actor=w.market_admin.user, version=v)
    w.version = catalog.version_review(actor=w.bureau_reviewer.user, version=v, approve=True)
    for kind in ("intake", "approval"):
        seal_create(actor=w.admin.user, department=w.market, kind=kind)
    w.applicant_user = get_user_model().objects.create_user("zhangsan", password="pw", email="zs@example.cn")
    w.person = person_register(actor=w.applicant_user, name="张三", id_number="11010519491231002X",
                               phone="13812345678")
    w.materials = {m.name: m for m in w.version.materials.all()}
    return w


def upload(user, tag: str):
    return file_upload(actor=user, upload=ContentFile(pdf(tag), name=f"{tag}.pdf"))


FORM = {"business_name": "张三小吃店", "uscc": "91350100M000100Y43", "has_agent": False}


@pytest.fixture
def form():
    return dict(FORM)


@pytest.fixture
def helpers():
    return SimpleNamespace(upload=upload)
