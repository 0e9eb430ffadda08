"""The catalogue pages as a browser-less user sees them: the public directory, search, guide and PDF; the
workbench editor, review and dashboard; permissions; English."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from tests.factories import make_staff

from tongban.catalog import services
from tongban.catalog.models import ItemVersion, Theme
from tongban.catalog.tests.factories import FOOD_CODE, catalogue_people, food_spec
from tongban.files.services import file_upload
from tongban.org.models import Hall, Role, Window, Zone

Status = ItemVersion.Status
HALL = "苏州市政务服务中心"


@pytest.fixture(autouse=True)
def file_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "media")}},
    }


@pytest.fixture
def w(org_world):
    w = catalogue_people(org_world)
    w.health_admin = make_staff("health_admin", w.health, Role.DEPT_ADMIN, name="卫健管理员")
    w.hall = Hall.objects.create(name=HALL, region=w.city, department=w.bureau, address="苏州市姑苏区三香路 998 号",
                                 opening_hours="工作日 9:00—17:00", phone="0512-68610000")
    w.window = Window.objects.create(hall=w.hall, number="A01", name="市场准入综合窗口", kind=Window.Kind.COMPREHENSIVE,
                                     department=w.market)
    w.theme = Theme.objects.create(name="准入准营", audience=Theme.Audience.LEGAL, order=1)
    w.personal = Theme.objects.create(name="就业创业", audience=Theme.Audience.PERSONAL, order=1)
    w.zone = Zone.objects.create(name="苏州工业园区", kind=Zone.Kind.ETDZ, region=w.city)
    return w


def _pdf_bytes(tag: str) -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj % " + tag.encode() + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def full_spec(w, **overrides) -> dict:
    """食品经营许可 with every optional element filled in."""
    blank = file_upload(actor=w.market_admin.user, upload=ContentFile(_pdf_bytes("blank"), name="申请书空白表.pdf"))
    sample = file_upload(actor=w.market_admin.user, upload=ContentFile(_pdf_bytes("sample"), name="申请书样表.pdf"))
    materials = food_spec()["materials"]
    materials[0].update(blank_form_sha256=blank.blob.sha256, sample_sha256=sample.blob.sha256,
                        formats=["pdf", "ofd"], notes="法定代表人签字并加盖公章")
    materials[2].update(form="both", copies=2)
    spec = food_spec(
        materials=materials,
        free_of_charge=False,
        fees=[{"name": "证照工本费", "standard": "每证 10 元", "basis": "苏价费〔2024〕1号"}],
        tolerance_allowed=True, tolerance_conditions="食品安全管理制度可在领证前补交",
        commitment_allowed=True, commitment_conditions="承诺经营场所符合要求的，先行发证后核查",
        halls=[HALL], windows=[f"{HALL}/A01"], themes=[{"audience": "legal", "name": "准入准营"}],
        extra_procedures=["现场核查"],
        steps=[{"name": "审查", "role": "reviewer", "workdays": 6, "description": "核对材料并现场核查"},
               {"name": "决定", "role": "approver", "workdays": 4}],
    )
    spec.update(overrides)
    return spec


def publish(w, spec=None, code=FOOD_CODE) -> ItemVersion:
    v = services.item_create(actor=w.market_admin.user, code=code, owner=w.market, spec=spec or food_spec())
    services.version_submit(actor=w.market_admin.user, version=v)
    return services.version_review(actor=w.bureau_reviewer.user, version=v, approve=True)


@pytest.fixture
def published(w):
    v = publish(w, full_spec(w))
    services.faq_save(actor=w.market_admin.user, item=v.item, question="开饭店需要办理哪些证照？",
                      answer="开饭店一般需要营业执照和食品经营许可证。")
    services.delegation_grant(actor=w.market_admin.user, item=v.item, zone=w.zone,
                              effective_from=date.today() - timedelta(days=30), basis="苏府〔2025〕1号")
    return v


def text(response) -> str:
    return response.content.decode()


def english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


class FormReader(HTMLParser):
    """The successful controls of the forms in a page, as a browser would submit them (files left out)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = self._textarea = None
        self._in_template = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self._in_template += 1
        if self._in_template:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type", "text") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if a.get("type") in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(a.get("value", default) or "")
        elif tag == "select" and name:
            self._select, self._multiple, self._first = name, "multiple" in a, None
            self.data.setdefault(name, [])
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
            if "selected" in a:
                self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "template":
            self._in_template -= 1
        elif tag == "select" and self._select:
            if not self.data[self._select] and not self._multiple and self._first is not None:
                self.data[self._select].append(self._first)  # a browser submits the first option
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and not self._in_template:
            self.data[self._textarea][0] += data.removeprefix("\n") if not self.data[self._textarea][0] else data


def form_data(response) -> dict:
    reader = FormReader()
    reader.feed(text(response))
    data = {k: (v if len(v) > 1 else v[0] if v else "") for k, v in reader.data.items()}
    data.pop("csrfmiddlewaretoken", None)
    data.pop("language", None)
    data.pop("next", None)
    return data


# ---------------------------------------------------------------------------------------------------------------
# The public guide


@pytest.mark.django_db
def test_the_guide_shows_every_element_of_the_version(w, published, client):
    response = client.get(f"/catalog/items/{FOOD_CODE}/")
    assert response.status_code == 200
    body = text(response)
    for expected in (
        "食品经营许可", FOOD_CODE, "行政许可", "苏州市市场监督管理局",  # name, code, type, 主管部门 / 实施机关
        "中华人民共和国食品安全法", "第三十五条", "国家对食品生产经营实行许可制度。",  # 设定依据 with article and text
        "食品经营许可和备案管理办法", "第十条",  # 实施依据
        "申请人具有与经营的食品品种、数量相适应的经营场所和设施设备。",  # 受理条件
        "材料齐全、符合法定形式；经营场所符合要求。",  # 审查标准
        "食品经营许可申请书", "法定代表人签字并加盖公章", "PDF、OFD",  # material, notes, formats
        "电子证照库调取", "申请人无需提交，由部门调取",  # source
        "原件及复印件", "委托他人办理时提交", "有条件提交", "必须提交",  # original/copy, condition
        "该材料所涉事实须由两名以上工作人员核查",
        "空白表格", "填写样表",
        "证照工本费", "每证 10 元", "苏价费〔2024〕1号",  # fees with basis
        "20 个工作日", "10 个工作日", "承诺件", "可延长 10 个工作日", "现场核查",  # limits
        "四级：全程网办", "0 次（零跑动）",  # 网办深度, 到现场次数
        "食品安全管理制度可在领证前补交", "承诺经营场所符合要求的，先行发证后核查",  # 容缺受理, 告知承诺
        HALL, "苏州市姑苏区三香路 998 号", "工作日 9:00—17:00", "A01 号窗口", "市场准入综合窗口",  # halls, windows
        "0512-12345",  # consultation / complaint phones
        "审查", "审查人员", "6 个工作日", "核对材料并现场核查", "决定", "审批人员", "4 个工作日",  # steps
        "苏州工业园区", "苏府〔2025〕1号",  # delegation in force
        "开饭店需要办理哪些证照？", "开饭店一般需要营业执照和食品经营许可证。",  # FAQ
        "法人 · 准入准营", "经营者名称",  # theme, application form fields
        "下载 PDF", f'/catalog/items/{FOOD_CODE}/pdf/', "catalog/catalog.css",
    ):
        assert expected in body, expected
    material = published.materials.get(order=1)
    assert f"/catalog/items/{FOOD_CODE}/materials/{material.pk}/blank/" in body


@pytest.mark.django_db
def test_a_blank_form_of_a_published_guide_downloads_for_anyone(w, published, client):
    material = published.materials.get(order=1)
    response = client.get(f"/catalog/items/{FOOD_CODE}/materials/{material.pk}/blank/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    other = published.materials.get(order=2)  # no blank form
    assert client.get(f"/catalog/items/{FOOD_CODE}/materials/{other.pk}/blank/").status_code == 404
    assert client.get(f"/catalog/items/{FOOD_CODE}/materials/{material.pk}/other/").status_code == 404


@pytest.mark.django_db
def test_the_guide_prints_cleanly(w, published, client):
    body = text(client.get(f"/catalog/items/{FOOD_CODE}/"))
    assert 'class="col-lg-3 d-none d-lg-block d-print-none"' in body  # the table of contents
    assert 'class="g-actions d-print-none"' in body  # print and PDF buttons
    css = (Path(__file__).parents[1] / "static" / "catalog" / "catalog.css").read_text(encoding="utf-8")
    assert "@media print" in css and "break-inside: avoid" in css


@pytest.mark.django_db
def test_the_pdf_is_a_pdf_with_every_font_embedded(w, published, client, tmp_path):
    response = client.get(f"/catalog/items/{FOOD_CODE}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"%PDF")
    path = tmp_path / "guide.pdf"
    path.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = fonts[2:]
    assert rows, "no fonts in the PDF"
    header = fonts[0]
    emb = header.index("emb")
    assert all(row[emb:emb + 3] == "yes" for row in rows), fonts
    assert any("Noto-Sans-CJK-SC" in row or "NotoSansCJKsc" in row for row in rows), fonts
    words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("食品经营许可", "办事指南", "食品经营许可申请书", "承诺办结时限", "中华人民共和国食品安全法",
                     "开饭店需要办理哪些证照", HALL):
        assert expected in words, expected


@pytest.mark.django_db
def test_an_unknown_or_retired_item_gets_a_friendly_404(w, published, client):
    response = client.get("/catalog/items/NO-SUCH-CODE/")
    assert response.status_code == 404
    assert "未找到该事项的办事指南" in text(response) and 'name="q"' in text(response)
    services.version_retire(actor=w.bureau_reviewer.user, version=published, reason="职能调整")
    for url in (f"/catalog/items/{FOOD_CODE}/", f"/catalog/items/{FOOD_CODE}/pdf/"):
        response = client.get(url)
        assert response.status_code == 404 and "该事项已停用" in text(response)


@pytest.mark.django_db
def test_drafts_never_show_on_the_public_pages(w, client):
    services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    assert client.get(f"/catalog/items/{FOOD_CODE}/").status_code == 404
    assert "食品经营许可" not in text(client.get("/catalog/items/"))


# ---------------------------------------------------------------------------------------------------------------
# Directory and search


@pytest.mark.django_db
def test_the_directory_by_department_theme_and_zone(w, published, client):
    home = text(client.get("/catalog/"))
    assert "按部门" in home and "个人办事" in home and "法人办事" in home and "按园区" in home
    assert f"?department={w.market.pk}" in home and f"?theme={w.theme.pk}" in home and f"?zone={w.zone.pk}" in home
    assert "就业创业" in home  # a personal theme, even with no items yet
    for query in (f"department={w.market.pk}", f"theme={w.theme.pk}", f"zone={w.zone.pk}", ""):
        body = text(client.get(f"/catalog/items/?{query}"))
        assert "食品经营许可" in body and f"/catalog/items/{FOOD_CODE}/" in body, query
    assert "食品经营许可" not in text(client.get(f"/catalog/items/?department={w.health.pk}"))
    assert "食品经营许可" not in text(client.get(f"/catalog/items/?theme={w.personal.pk}"))
    assert client.get("/catalog/items/?zone=999999").status_code == 404


@pytest.mark.django_db
def test_a_zone_lists_only_delegations_in_force_today(w, published, client):
    delegation = published.item.delegations.get()
    services.delegation_withdraw(actor=w.market_admin.user, delegation=delegation, on=date.today())
    assert "食品经营许可" not in text(client.get(f"/catalog/items/?zone={w.zone.pk}"))


@pytest.mark.django_db
def test_search_finds_items_and_faq_answers_from_a_colloquial_question(w, published, client):
    response = client.get("/catalog/search/", {"q": "开饭店要办什么证"})
    assert response.status_code == 200
    body = text(response)
    assert "相关事项" in body and f'href="/catalog/items/{FOOD_CODE}/"' in body
    assert "常见问题" in body and f"/catalog/items/{FOOD_CODE}/#faq-" in body
    assert "<mark>" in body  # matched terms are highlighted
    assert "开饭店需要办理哪些证照" in re.sub(r"</?mark>", "", body)


@pytest.mark.django_db
def test_search_escapes_the_query_and_says_when_nothing_matches(w, published, client):
    body = text(client.get("/catalog/search/", {"q": "<script>alert(1)</script>"}))
    assert "<script>alert(1)</script>" not in body and "没有找到相关的事项或问题" in body
    assert "请输入要查找的事项或问题" in text(client.get("/catalog/search/", {"q": " "}))


@pytest.mark.django_db
def test_the_portal_has_the_search_box_and_the_guide_entry(client):
    body = text(client.get("/"))
    assert 'action="/catalog/search/"' in body and 'name="q"' in body
    assert 'href="/catalog/"' in body and "办事指南" in body


# ---------------------------------------------------------------------------------------------------------------
# Workbench: writing, reviewing, publishing


@pytest.mark.django_db
def test_a_department_admin_edits_a_new_version_and_a_bureau_reviewer_publishes_it(w, client):
    v1 = publish(w)
    client.force_login(w.market_admin.user)
    listing = text(client.get("/workbench/catalog/items/"))
    assert "食品经营许可" in listing and "已发布" in listing and "新建修订版本" in listing

    response = client.post(f"/workbench/catalog/items/{FOOD_CODE}/versions/new/")
    v2 = ItemVersion.objects.get(item=v1.item, number=2)
    assert response.status_code == 302 and response["Location"] == f"/workbench/catalog/versions/{v2.pk}/edit/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    data = form_data(page)
    assert data["name"] == "食品经营许可" and data["promised_days"] == "10"
    assert data["materials-0-name"] == "食品经营许可申请书" and data["steps-1-name"] == "决定"
    data.update({"promised_days": "8", "steps-0-workdays": "4", "change_note": "承诺时限压缩至 8 个工作日",
                 "materials-4-name": "健康证明", "materials-4-condition": "从业人员直接接触入口食品的",
                 "submit": ""})
    response = client.post(f"/workbench/catalog/versions/{v2.pk}/edit/", data)
    assert response.status_code == 302, form_errors(response)
    v2.refresh_from_db()
    assert v2.status == Status.SUBMITTED and v2.promised_days == 8
    assert [m.name for m in v2.materials.all()][-1] == "健康证明"
    assert [s.workdays for s in v2.steps.all()] == [4, 4]

    client.force_login(w.bureau_reviewer.user)
    queue = text(client.get("/workbench/catalog/review/"))
    assert "食品经营许可" in queue and f"/workbench/catalog/versions/{v2.pk}/" in queue
    review = text(client.get(f"/workbench/catalog/versions/{v2.pk}/"))
    assert "与 v1 的差异" in review
    assert re.search(r"承诺办结时限.*?10 个工作日.*?8 个工作日", review, re.S)
    assert "健康证明" in review and "新增" in review
    assert re.search(r"审查.*?6.*?→.*?4", review, re.S)  # a changed step, field by field
    assert "审核通过并发布" in review and "退回修改" in review

    response = client.post(f"/workbench/catalog/versions/{v2.pk}/review/", {"decision": "approve", "note": "同意"})
    assert response.status_code == 302 and response["Location"] == "/workbench/catalog/review/"
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v2.status == Status.PUBLISHED and v1.status == Status.RETIRED
    client.logout()
    guide = text(client.get(f"/catalog/items/{FOOD_CODE}/"))
    assert "8 个工作日" in guide and "健康证明" in guide


def form_errors(response) -> str:
    body = text(response)
    return " | ".join(re.findall(r'class="(?:invalid-feedback[^"]*|alert alert-danger[^"]*)"[^>]*>(.*?)</div>', body, re.S))


@pytest.mark.django_db
def test_a_refused_save_shows_why_and_keeps_what_was_typed(w, client):
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    client.force_login(w.market_admin.user)
    data = form_data(client.get(f"/workbench/catalog/versions/{v1.pk}/edit/"))
    data.update(name="食品经营许可（新）", promised_days="25", save="")
    response = client.post(f"/workbench/catalog/versions/{v1.pk}/edit/", data)
    assert response.status_code == 422
    body = text(response)
    assert "承诺时限 25 个工作日超过法定时限 20 个工作日" in body
    assert 'value="食品经营许可（新）"' in body and 'value="25"' in body
    v1.refresh_from_db()
    assert v1.name == "食品经营许可" and v1.promised_days == 10

    data.update(promised_days="abc")
    response = client.post(f"/workbench/catalog/versions/{v1.pk}/edit/", data)
    assert response.status_code == 422 and "is-invalid" in text(response)

    data.update(promised_days="10", form_schema="[not json")
    body = text(client.post(f"/workbench/catalog/versions/{v1.pk}/edit/", data))
    assert "申请表不是有效的 JSON" in body and "[not json" in body


@pytest.mark.django_db
def test_rows_can_be_deleted_and_files_uploaded_in_the_editor(w, client):
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    client.force_login(w.market_admin.user)
    data = form_data(client.get(f"/workbench/catalog/versions/{v1.pk}/edit/"))
    data["materials-3-DELETE"] = "on"  # 委托书
    data["materials-0-blank_form_upload"] = ContentFile(_pdf_bytes("new blank"), name="空白表.pdf")
    data["save"] = ""
    response = client.post(f"/workbench/catalog/versions/{v1.pk}/edit/", data)
    assert response.status_code == 302, form_errors(response)
    materials = list(v1.materials.select_related("blank_form"))
    assert [m.name for m in materials] == ["食品经营许可申请书", "营业执照", "食品安全管理制度"]
    assert materials[0].blank_form.filename == "空白表.pdf"
    assert "空白表.pdf" in text(client.get(f"/workbench/catalog/versions/{v1.pk}/edit/"))


@pytest.mark.django_db
def test_creating_an_item_through_the_form(w, client):
    client.force_login(w.market_admin.user)
    page = client.get("/workbench/catalog/items/new/")
    assert page.status_code == 200 and "新建事项" in text(page)
    data = form_data(page)
    data.update({
        "code": FOOD_CODE.lower(), "name": "食品经营许可", "item_type": "licensing",
        "acceptance_conditions": "有经营场所。", "statutory_days": "20", "promised_days": "10",
        "online_depth": "4", "visits": "0", "consultation_phone": "0512-12345", "complaint_phone": "0512-12345",
        "legal_bases-0-kind": "setting", "legal_bases-0-law": "中华人民共和国食品安全法", "legal_bases-0-article": "第三十五条",
        "steps-0-name": "审查", "steps-0-role": "reviewer", "steps-0-workdays": "10", "save": "",
    })
    assert data["owner"] == str(w.market.pk) and data["implementing_department"] == str(w.market.pk)
    data["code"] = "bad-code"
    response = client.post("/workbench/catalog/items/new/", data)
    assert response.status_code == 422, form_errors(response)
    assert "事项编码“BAD-CODE”格式不正确" in form_errors(response) and 'value="bad-code"' in text(response)
    data["code"] = FOOD_CODE.lower()
    response = client.post("/workbench/catalog/items/new/", data)
    assert response.status_code == 302 and response["Location"] == f"/workbench/catalog/items/{FOOD_CODE}/"
    v1 = ItemVersion.objects.get(item__code=FOOD_CODE)
    assert v1.status == Status.DRAFT and v1.created_by == w.market_admin.user and v1.legal_bases.count() == 1


@pytest.mark.django_db
def test_a_reviewer_returns_a_version_with_a_reason(w, client):
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    services.version_submit(actor=w.market_admin.user, version=v1)
    client.force_login(w.bureau_reviewer.user)
    page = text(client.get(f"/workbench/catalog/versions/{v1.pk}/"))
    assert "这是该事项的第一个版本" in page and "食品经营许可申请书" in page  # no diff yet; the full preview
    response = client.post(f"/workbench/catalog/versions/{v1.pk}/review/", {"decision": "return", "note": ""})
    assert response.status_code == 422 and "退回修改须写明理由" in text(response)
    v1.refresh_from_db()
    assert v1.status == Status.SUBMITTED
    response = client.post(f"/workbench/catalog/versions/{v1.pk}/review/",
                           {"decision": "return", "note": "审查标准过于笼统，请细化"})
    assert response.status_code == 302
    v1.refresh_from_db()
    assert v1.status == Status.DRAFT and v1.review_note == "审查标准过于笼统，请细化"
    client.force_login(w.market_admin.user)
    assert "审查标准过于笼统，请细化" in text(client.get(f"/workbench/catalog/versions/{v1.pk}/edit/"))
    assert "已退回" in text(client.get("/workbench/catalog/items/"))


@pytest.mark.django_db
def test_a_reviewer_retires_an_item(w, published, client):
    client.force_login(w.bureau_reviewer.user)
    response = client.post(f"/workbench/catalog/versions/{published.pk}/retire/", {"reason": ""})
    assert response.status_code == 422 and "停用事项须写明理由" in text(response)
    response = client.post(f"/workbench/catalog/versions/{published.pk}/retire/", {"reason": "职能调整"})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == Status.RETIRED
    assert client.get(f"/catalog/items/{FOOD_CODE}/").status_code == 404


@pytest.mark.django_db
def test_faqs_are_written_on_the_item_page_and_shown_in_the_guide(w, published, client):
    client.force_login(w.market_admin.user)
    response = client.post(f"/workbench/catalog/items/{FOOD_CODE}/faqs/", {"question": "x", "answer": ""})
    assert response.status_code == 422 and "请填写问题和解答" in text(response)
    response = client.post(f"/workbench/catalog/items/{FOOD_CODE}/faqs/",
                           {"question": "网上申请后多久能拿到证？", "answer": "承诺 10 个工作日内办结。"})
    assert response.status_code == 302
    assert "网上申请后多久能拿到证？" in text(client.get(f"/catalog/items/{FOOD_CODE}/"))
    faq = published.item.faqs.get(question="网上申请后多久能拿到证？")
    assert client.post(f"/workbench/catalog/faqs/{faq.pk}/delete/").status_code == 302
    assert not published.item.faqs.filter(pk=faq.pk).exists()


@pytest.mark.django_db
def test_another_departments_admin_gets_403(w, client):
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    client.force_login(w.health_admin.user)
    assert "食品经营许可" not in text(client.get("/workbench/catalog/items/"))
    for url in (f"/workbench/catalog/versions/{v1.pk}/edit/", f"/workbench/catalog/items/{FOOD_CODE}/",
                f"/workbench/catalog/versions/{v1.pk}/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "无权访问" in text(response)
    data = {"name": "篡改", "promised_days": "1"}
    for url in (f"/workbench/catalog/versions/{v1.pk}/edit/", f"/workbench/catalog/versions/{v1.pk}/submit/",
                f"/workbench/catalog/items/{FOOD_CODE}/versions/new/", f"/workbench/catalog/items/{FOOD_CODE}/faqs/"):
        assert client.post(url, data).status_code == 403, url
    v1.refresh_from_db()
    assert v1.name == "食品经营许可" and v1.status == Status.DRAFT
    body = text(client.get(f"/workbench/catalog/versions/{v1.pk}/edit/"))
    assert "只有事项所属部门（苏州市市场监督管理局）的部门管理员可以编写该事项。" in body


@pytest.mark.django_db
def test_only_the_bureaus_reviewers_review_and_never_their_own_version(w, client):
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    services.version_submit(actor=w.market_admin.user, version=v1)
    client.force_login(w.reviewer_a.user)  # a reviewer of the market department, not of the bureau
    assert client.get("/workbench/catalog/review/").status_code == 403
    assert client.post(f"/workbench/catalog/versions/{v1.pk}/review/", {"decision": "approve"}).status_code == 403
    client.force_login(w.market_admin.user)  # department admins are not reviewers
    assert client.get("/workbench/catalog/review/").status_code == 403
    assert client.post(f"/workbench/catalog/versions/{v1.pk}/review/", {"decision": "approve"}).status_code == 403
    client.logout()
    response = client.get("/workbench/catalog/review/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    v1.refresh_from_db()
    assert v1.status == Status.SUBMITTED


# ---------------------------------------------------------------------------------------------------------------
# Dashboard


@pytest.mark.django_db
def test_the_dashboard_shows_the_figures_and_chart_data(w, client):
    publish(w)  # 全程网办, 零跑动, 承诺件, 10 of 20 days
    client.force_login(w.inspector.user)
    response = client.get("/workbench/catalog/dashboard/")
    assert response.status_code == 200
    body = text(response)
    for expected in ("可网办率", "即办率", "零跑动率", "承诺时限压缩率", "100.0<small>%</small>", "50.0<small>%</small>",
                     "行政许可 1", "苏州市市场监督管理局", "vendor/echarts/echarts.min.js", 'id="chart-rates"'):
        assert expected in body, expected
    data = json.loads(re.search(r'<script id="catalogue-figures" type="application/json">(.*?)</script>', body, re.S)[1])
    assert data["departments"] == ["苏州市市场监督管理局"]
    assert [s["data"] for s in data["series"]] == [[100.0], [0.0], [100.0], [50.0]]
    assert data["types"] == [{"name": "行政许可", "value": 1}]


@pytest.mark.django_db
def test_the_dashboard_is_for_inspectors_bureau_staff_and_department_admins(w, client):
    for staff in (w.inspector, w.clerk, w.bureau_reviewer, w.market_admin, w.admin):
        client.force_login(staff.user)
        assert client.get("/workbench/catalog/dashboard/").status_code == 200, staff.name
    client.force_login(w.reviewer_b.user)  # a health department reviewer
    response = client.get("/workbench/catalog/dashboard/")
    assert response.status_code == 403 and "事项指标仅供" in text(response)


@pytest.mark.django_db
def test_the_workbench_menu_shows_the_catalogue_pages_by_role(w, client):
    client.force_login(w.market_admin.user)
    body = text(client.get("/workbench/"))
    assert 'href="/workbench/catalog/items/"' in body and 'href="/workbench/catalog/dashboard/"' in body
    assert 'href="/workbench/catalog/review/"' not in body
    client.force_login(w.bureau_reviewer.user)
    body = text(client.get("/workbench/"))
    assert 'href="/workbench/catalog/review/"' in body and 'href="/workbench/catalog/items/"' not in body


# ---------------------------------------------------------------------------------------------------------------
# English


@pytest.mark.django_db
def test_english_labels(w, published, client):
    english(client)
    body = text(client.get(f"/catalog/items/{FOOD_CODE}/"))
    assert '<html lang="en">' in body
    for label in ("Service guide", "Intake conditions", "Review criteria", "Legal basis for establishment",
                  "Application material", "Download PDF", "Promised time limit", "10 working days",
                  "Always required", "Where and when to apply", "Window A01", "FAQ"):
        assert label in body, label
    assert "受理条件" not in body and "食品经营许可" in body  # labels translated; data stays as written
    assert "Search" in text(client.get("/catalog/search/", {"q": "开饭店要办什么证"}))
    assert "Browse by department" in text(client.get("/catalog/"))
    client.force_login(w.inspector.user)
    english(client)
    body = text(client.get("/workbench/catalog/dashboard/"))
    assert "Online service rate" in body and "Catalogue figures" in body
    client.force_login(w.market_admin.user)
    english(client)
    body = text(client.get(f"/workbench/catalog/items/{FOOD_CODE}/"))
    assert "New revision" in body and "Published" in body
    pdf = client.get(f"/catalog/items/{FOOD_CODE}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
