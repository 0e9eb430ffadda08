"""A small 企业开办 world: four items at four departments, their staff and seals, a published bundle over them,
and a founder with a portal account.

    setup  公司设立登记 (市场监管局)            parallel
    seal   公章刻制备案 (公安局)                after setup is granted
    social 社会保险登记 (人社局)                parallel
    fund   住房公积金缴存登记 (公积金中心)       parallel, only if will_hire
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from tests.factories import make_staff

from tongban.bundles import services
from tongban.catalog import services as catalog
from tongban.catalog.tests.factories import catalogue_people, food_spec
from tongban.files.services import file_upload
from tongban.files.tests.samples import pdf
from tongban.org.models import Department, Role
from tongban.people.services import person_register
from tongban.seals.services import seal_create


def code(n: int) -> str:
    return f"320A{n:04d}000000-320500000000-000-11320500MB0000001X-1-00"


def _item(w, n, dept, name, materials, fields, admin):
    spec = food_spec(
        name=name, competent_department=dept.name, implementing_department=dept.name,
        materials=[{"name": m} for m in materials],
        steps=[{"name": "审查", "role": "reviewer", "workdays": 2}, {"name": "决定", "role": "approver", "workdays": 1}],
        form_schema=fields, promised_days=5,
    )
    v = catalog.item_create(actor=admin.user, code=code(n), owner=dept, spec=spec)
    catalog.version_submit(actor=admin.user, version=v)
    return catalog.version_review(actor=w.bureau_reviewer.user, version=v, approve=True)


def F(name, label, type_="text", **kw):  # noqa: N802
    return {"name": name, "label": label, "type": type_, "required": kw.pop("required", True), **kw}


def bundle_spec(**overrides) -> dict:
    spec = {
        "name": "企业开办一件事", "summary": "一次申请，同步办理设立登记、公章刻制、社保登记和公积金开户。",
        "theme": "enterprise", "stage": "准入准营", "list_level": "national", "list_year": 2024,
        "lead_department": "苏州市市场监督管理局",
        "cooperating_departments": ["苏州市公安局", "苏州市人力资源和社会保障局", "苏州市住房公积金管理中心"],
        "promised_days": 3, "joint_licence": False, "visits": 0,
        "fields": [
            F("company_name", "企业名称", max_length=100), F("address", "住所", max_length=200),
            F("legal_rep_name", "法定代表人姓名", max_length=30),
            F("registered_capital", "注册资本（万元）", "decimal", min=0),
            F("will_hire", "是否招用员工", "boolean", required=False),
            F("staff_count", "拟招用人数", "integer", required=False, required_if={"field": "will_hire", "equals": True}),
        ],
        "members": [
            {"key": "setup", "item_code": code(1)},
            {"key": "seal", "item_code": code(2), "mode": "after", "after": "setup",
             "field_map": {"representative": "legal_rep_name"}},
            {"key": "social", "item_code": code(3)},
            {"key": "fund", "item_code": code(4), "condition": {"field": "will_hire", "equals": True},
             "field_map": {"employees": "staff_count"}},
        ],
        "materials": [
            {"code": "articles", "name": "公司章程", "sources": [
                {"member": "setup", "requirement": "公司章程"}, {"member": "social", "requirement": "公司章程"}]},
            {"code": "premises", "name": "住所使用证明", "sources": [
                {"member": "setup", "requirement": "住所使用证明"}, {"member": "fund", "requirement": "住所使用证明"}]},
        ],
    }
    spec.update(overrides)
    return spec


@pytest.fixture
def world(org_world, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    return make_bundle_world(org_world)


def make_bundle_world(org_world):
    """The four items, their departments, staff and seals, the published 企业开办 bundle and the founder."""
    w = catalogue_people(org_world)
    w.police = Department.objects.create(name="苏州市公安局", kind=Department.Kind.FUNCTIONAL, region=w.city)
    w.hr = Department.objects.create(name="苏州市人力资源和社会保障局", kind=Department.Kind.FUNCTIONAL, region=w.city)
    w.fund = Department.objects.create(name="苏州市住房公积金管理中心", kind=Department.Kind.FUNCTIONAL, region=w.city)
    w.staff = {}
    for key, dept in (("market", w.market), ("police", w.police), ("hr", w.hr), ("fund", w.fund)):
        admin = w.market_admin if key == "market" else make_staff(f"{key}_admin", dept, Role.DEPT_ADMIN)
        w.staff[key] = SimpleNamespace(
            admin=admin,
            reviewer=w.reviewer_a if key == "market" else make_staff(f"{key}_reviewer", dept, Role.REVIEWER),
            approver=make_staff(f"{key}_approver", dept, Role.APPROVER),
        )
        for kind in ("intake", "approval", "official"):
            seal_create(actor=w.admin.user, department=dept, kind=kind)
    seal_create(actor=w.admin.user, department=w.bureau, kind="intake")
    company = [F("company_name", "企业名称", max_length=100)]
    w.items = {
        "setup": _item(w, 1, w.market, "公司设立登记", ["公司登记申请书", "公司章程", "住所使用证明"],
                       company + [F("address", "住所"), F("legal_rep_name", "法定代表人姓名"),
                                  F("registered_capital", "注册资本（万元）", "decimal")], w.staff["market"].admin),
        "seal": _item(w, 2, w.police, "公章刻制备案", ["刻制印章申请表"],
                      company + [F("representative", "法定代表人")], w.staff["police"].admin),
        "social": _item(w, 3, w.hr, "社会保险登记", ["公司章程"], company + [F("address", "住所")],
                        w.staff["hr"].admin),
        "fund": _item(w, 4, w.fund, "住房公积金单位缴存登记", ["住所使用证明"],
                      company + [F("employees", "职工人数", "integer")], w.staff["fund"].admin),
    }
    draft = services.bundle_create(actor=w.market_admin.user, code="QYKB", owner=w.market, spec=bundle_spec())
    w.bundle = services.bundle_version_publish(actor=w.bureau_reviewer.user, version=draft)
    w.applicant_user = get_user_model().objects.create_user("founder", password="pw-founder")
    w.person = person_register(actor=w.applicant_user, name="李四", id_number="11010519491231002X",
                               phone="13812345678")
    return w


def upload(user, tag: str, ext: str = "pdf"):
    return file_upload(actor=user, upload=ContentFile(pdf(tag), name=f"{tag}.{ext}"))


FORM = {"company_name": "苏州一件事科技有限公司", "address": "苏州市姑苏区人民路 1 号", "legal_rep_name": "李四",
        "registered_capital": "100", "will_hire": True, "staff_count": 8}


@pytest.fixture
def form():
    return dict(FORM)
