"""Import and export of the whole catalogue (JSON and Excel): round trips, re-imports, refused files."""

import copy
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from tests.factories import make_staff

from tongban.audit.models import AuditEntry
from tongban.catalog import services, transfer
from tongban.catalog.models import (
    Delegation,
    Faq,
    Fee,
    ItemVersion,
    LegalBasis,
    MaterialRequirement,
    ReviewStep,
    ServiceItem,
    Theme,
)
from tongban.catalog.spec import VersionRecord
from tongban.catalog.tests.factories import FOOD_CODE, catalogue_people, food_spec
from tongban.core.errors import PermissionDenied, ValidationFailed
from tongban.files.models import Blob, StoredFile, blob_storage_name
from tongban.org.models import Hall, Role, Window, Zone

Status = ItemVersion.Status
SUB_CODE = FOOD_CODE[:-2] + "01"
HEALTH_CODE = "320A0456000000-320500000000-000-11320500MB0000002X-1-00"
SHA = "ab" * 32


@pytest.fixture
def w(org_world):
    w = catalogue_people(org_world)
    w.health_admin = make_staff("health_admin", w.health, Role.DEPT_ADMIN, name="卫健管理员")
    w.hall = Hall.objects.create(name="苏州市政务服务中心", region=w.city, department=w.bureau, address="苏州市姑苏区")
    Window.objects.create(hall=w.hall, number="A01", name="综合受理", kind="comprehensive")
    Window.objects.create(hall=w.hall, number="B02", name="卫健专窗", kind="specialised")
    Theme.objects.create(name="准入准营", audience="legal", order=1)
    Theme.objects.create(name="开办企业", audience="legal", order=2)
    Theme.objects.create(name="就医", audience="personal", order=1)
    w.sip = Zone.objects.create(name="苏州工业园区", kind="etdz", region=w.city)
    w.snd = Zone.objects.create(name="苏州高新区", kind="high_tech", region=w.city)
    blob = Blob.objects.create(sha256=SHA, sm3="cd" * 32, size=3, content_type="application/pdf",
                               storage_name=blob_storage_name(SHA))
    StoredFile.objects.create(filename="申请书（空白）.pdf", blob=blob)
    return w


def _publish(w, version, reviewer=None):
    author = version.created_by
    services.version_submit(actor=author, version=version)
    return services.version_review(actor=(reviewer or w.bureau_reviewer).user, version=version, approve=True)


@pytest.fixture
def catalogue(w):
    """Three items: 食品经营许可 with a retired v1, published v2 and a draft v3, delegations and FAQs; a sub-item
    whose only version is awaiting review; a health item with fees, files, windows, themes and awkward text."""
    admin = w.market_admin.user
    v1 = services.item_create(actor=admin, code=FOOD_CODE, owner=w.market, spec=food_spec())
    _publish(w, v1)
    food = v1.item
    v2 = services.version_new_draft(actor=admin, item=food)
    services.version_update(actor=admin, version=v2, spec=food_spec(
        promised_days=8, steps=[{"name": "审查", "role": "reviewer", "workdays": 5},
                                {"name": "决定", "role": "approver", "workdays": 3}],
        halls=["苏州市政务服务中心"], windows=["苏州市政务服务中心/A01"],
        themes=[{"audience": "legal", "name": "开办企业"}, {"audience": "legal", "name": "准入准营"}],
        change_note="承诺时限压缩至 8 个工作日"))
    _publish(w, v2, w.bureau_reviewer2)
    v3 = services.version_new_draft(actor=admin, item=food)
    services.version_update(actor=admin, version=v3, spec=food_spec(
        promised_days=5, steps=[{"name": "审查", "role": "reviewer", "workdays": 5}], change_note="再压缩"))
    d = services.delegation_grant(actor=admin, item=food, zone=w.sip, effective_from=date(2025, 1, 1), basis="苏府〔2024〕9号")
    services.delegation_withdraw(actor=admin, delegation=d, on=date(2025, 6, 1))
    services.delegation_grant(actor=admin, item=food, zone=w.sip, effective_from=date(2025, 7, 1), basis="苏府〔2025〕3号")
    services.delegation_grant(actor=admin, item=food, zone=w.snd, effective_from=date(2026, 1, 1))
    services.faq_save(actor=admin, item=food, question="开饭店要办什么证？", answer="需要办理食品经营许可。")
    services.faq_save(actor=admin, item=food, question="多久能办好？", answer="承诺 8 个工作日。\n材料齐全的当场受理。")

    sub = services.item_create(actor=admin, code=SUB_CODE, owner=w.market, parent=food,
                               spec=food_spec(name="食品经营许可（变更）", item_type="licensing"))
    services.version_submit(actor=admin, version=sub)

    health = services.item_create(actor=w.health_admin.user, code=HEALTH_CODE, owner=w.health, spec=food_spec(
        name="公共场所卫生许可", competent_department="苏州市卫生健康委员会",
        implementing_department="苏州市卫生健康委员会",
        summary="=SUM(A1) 不是公式；分号；也不是分隔符\n第二行",
        free_of_charge=False,
        fees=[{"name": "检测费", "standard": "每次 100 元", "basis": "某某条例 第十条"}],
        tolerance_allowed=True, tolerance_conditions="次要材料可容缺",
        commitment_allowed=True, commitment_conditions="书面承诺符合条件",
        handling="instant", statutory_days=20, promised_days=0, online_depth=3, visits=1,
        steps=[{"name": "当场审查", "role": "window_clerk", "workdays": 0, "description": "窗口当场办结"}],
        halls=["苏州市政务服务中心"], windows=["苏州市政务服务中心/B02", "苏州市政务服务中心/A01"],
        themes=[{"audience": "personal", "name": "就医"}],
        extra_procedures=["现场勘验", "专家评审"], extension_days=0,
        materials=[
            {"name": "申请书", "form": "original", "copies": 2, "formats": [], "blank_form_sha256": SHA,
             "sample_sha256": SHA, "notes": "用黑色签字笔填写"},
            {"name": "卫生检测报告", "source": "department", "source_detail": "疾控中心", "form": "both",
             "formats": ["pdf", "jpg"], "condition": "新建场所提交"},
        ],
        form_schema=[{"name": "venue", "label": "场所类型", "type": "select", "required": True,
                      "options": ["宾馆", "游泳场所"]}],
    ))
    _publish(w, health)
    services.faq_save(actor=w.health_admin.user, item=health.item, question="要现场核查吗？", answer="需要。")
    return w


CATALOGUE_MODELS = (ServiceItem, ItemVersion, LegalBasis, Fee, MaterialRequirement, ReviewStep, Delegation, Faq,
                    ItemVersion.halls.through, ItemVersion.windows.through, ItemVersion.themes.through)


def _counts():
    return {m._meta.label: m.objects.count() for m in (*CATALOGUE_MODELS, AuditEntry)}


def _empty_catalogue():
    Delegation.objects.all().delete()
    Faq.objects.all().delete()
    ItemVersion.objects.all().delete()
    ServiceItem.objects.update(parent=None)
    ServiceItem.objects.all().delete()
    assert not any(m.objects.exists() for m in CATALOGUE_MODELS)


def _json_bytes(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


def _xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    transfer.export_xlsx(buf)
    return buf.getvalue()


def _workbook(raw):
    return load_workbook(io.BytesIO(raw))


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rejected(exc_info) -> dict:
    err = exc_info.value
    assert err.detail.startswith("导入失败：共 ") and "未导入任何内容" in err.detail
    return err.errors


# --- export -----------------------------------------------------------------------------------------------------


def test_export_document_holds_every_item_version_delegation_and_faq(catalogue):
    doc = transfer.export_document()
    assert doc["format"] == "tongban.catalog/1"
    assert [i["code"] for i in doc["items"]] == sorted([FOOD_CODE, SUB_CODE, HEALTH_CODE])
    food = next(i for i in doc["items"] if i["code"] == FOOD_CODE)
    assert [(v["number"], v["status"]) for v in food["versions"]] == [(1, "retired"), (2, "published"), (3, "draft")]
    assert food["owner"] == "苏州市市场监督管理局" and food["parent_code"] is None
    assert [(d["zone"], d["effective_from"], d["withdrawn_on"]) for d in food["delegations"]] == [
        ("苏州工业园区", "2025-01-01", "2025-06-01"), ("苏州工业园区", "2025-07-01", None), ("苏州高新区", "2026-01-01", None)]
    assert [f["question"] for f in food["faqs"]] == ["开饭店要办什么证？", "多久能办好？"]
    sub = next(i for i in doc["items"] if i["code"] == SUB_CODE)
    assert sub["parent_code"] == FOOD_CODE and sub["versions"][0]["status"] == "submitted"
    health = next(i for i in doc["items"] if i["code"] == HEALTH_CODE)
    assert health["versions"][0]["materials"][0]["blank_form_sha256"] == SHA
    json.dumps(doc)  # JSON-able as it stands


def test_export_summaries_count_in_chinese(catalogue):
    buf = io.BytesIO()
    assert transfer.export_json(buf) == "事项 3 个，版本 5 个，赋权 3 条，常见问题 3 条"
    assert json.loads(buf.getvalue())["items"][0]["code"] == FOOD_CODE
    assert transfer.export_xlsx(io.BytesIO()) == "事项 3 个，版本 5 个，赋权 3 条，常见问题 3 条"


def test_workbook_layout_and_readme(catalogue):
    wb = _workbook(_xlsx_bytes())
    assert wb.sheetnames == ["说明", "事项", "版本", "法律依据", "收费", "材料", "审查环节", "主题", "赋权", "常见问题"]
    assert [c.value for c in wb["说明"][1]][:2] == ["格式", "tongban.catalog/1"]
    readme = {(r[0], r[1]): r for r in wb["说明"].iter_rows(min_row=5, values_only=True)}
    assert "licensing 行政许可" in readme[("版本", "事项类型")][5]
    assert readme[("版本", "承诺办结时限（工作日）")][4] == "是"
    versions = wb["版本"]
    header = [c.value for c in versions[1]]
    assert header[:4] == ["事项编码", "版本号", "状态", "事项名称"]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in versions.iter_rows(min_row=2)]
    health = next(r for r in rows if r["事项编码"] == HEALTH_CODE)
    assert health["不收费"] == "否" and health["办件类型"] == "instant"
    assert health["办理窗口"] == "苏州市政务服务中心/A01；苏州市政务服务中心/B02"
    assert health["事项简介"].startswith("=SUM") and versions.cell(row=2, column=8).data_type == "s"
    assert json.loads(health["申请表（JSON）"])[0]["options"] == ["宾馆", "游泳场所"]
    materials = [[c.value for c in row] for row in wb["材料"].iter_rows(min_row=2)]
    assert [m[:4] for m in materials if m[0] == HEALTH_CODE] == [
        [HEALTH_CODE, 1, 1, "申请书"], [HEALTH_CODE, 1, 2, "卫生检测报告"]]


def test_every_version_field_has_a_place_in_the_workbook():
    for sheet in transfer.SHEETS:
        expected = set(sheet.model.model_fields) - set(transfer.SHEET_BY_LIST)
        placed = {c.field for c in sheet.columns} - {"order"}
        if sheet.level != "item":
            placed -= {"code"}
        if sheet.level == "version_child":
            placed -= {"number"}
        assert placed == expected, sheet.name
    assert set(VersionRecord.model_fields) <= {c.field for s in transfer.SHEETS[1:2] for c in s.columns} | set(
        transfer.SHEET_BY_LIST)


# --- round trips ------------------------------------------------------------------------------------------------


def test_json_round_trip_into_an_empty_catalogue_loses_nothing(catalogue):
    before = transfer.export_document()
    buf = io.BytesIO()
    transfer.export_json(buf)
    _empty_catalogue()
    report = transfer.import_json(actor=catalogue.admin.user, raw=buf.getvalue())
    assert report.startswith("新建事项 3 个；新增版本 5 个，赋权 3 条，常见问题 3 条")
    assert transfer.export_document() == before
    food = ServiceItem.objects.get(code=FOOD_CODE)
    assert ServiceItem.objects.get(code=SUB_CODE).parent == food
    published = food.versions.get(status=Status.PUBLISHED)
    assert published.number == 2 and published.published_at and published.reviewed_by == catalogue.admin.user
    assert published.review_note == "导入" and published.created_by == catalogue.admin.user
    draft = food.versions.get(number=3)
    assert draft.reviewed_by is None and draft.submitted_at is None
    entries = AuditEntry.objects.filter(action="catalog.import")
    assert entries.count() == 3 and {e.target_id for e in entries} == {str(i.pk) for i in ServiceItem.objects.all()}
    assert "公共场所卫生许可" in entries.get(target_id=str(ServiceItem.objects.get(code=HEALTH_CODE).pk)).summary


def test_excel_round_trip_into_an_empty_catalogue_loses_nothing(catalogue):
    before = transfer.export_document()
    raw = _xlsx_bytes()
    _empty_catalogue()
    report = transfer.import_xlsx(actor=catalogue.admin.user, raw=raw)
    assert report.startswith("新建事项 3 个")
    assert transfer.export_document() == before
    assert _xlsx_bytes() != b"" and transfer.export_document() == before


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_reimporting_the_same_file_changes_nothing(catalogue, fmt):
    if fmt == "json":
        buf = io.BytesIO()
        transfer.export_json(buf)
        raw, importer = buf.getvalue(), transfer.import_json
    else:
        raw, importer = _xlsx_bytes(), transfer.import_xlsx
    before = _counts()
    report = importer(actor=catalogue.admin.user, raw=raw)
    assert report == "文件内容与系统中完全一致，未作任何修改（未变化：事项 3 个，版本 5 个，赋权 3 条，常见问题 3 条）"
    assert _counts() == before


def test_windows_line_endings_survive_an_excel_reimport(catalogue):
    ItemVersion.objects.filter(item__code=HEALTH_CODE).update(review_criteria="第一条\r\n第二条")
    before = _counts()
    assert "未作任何修改" in transfer.import_xlsx(actor=catalogue.admin.user, raw=_xlsx_bytes())
    assert _counts() == before


def test_existing_items_gain_new_versions_delegations_and_faqs_and_keep_the_rest(catalogue):
    doc = transfer.export_document()
    food = doc["items"][0]
    v4 = copy.deepcopy(food["versions"][2]) | {"number": 4, "status": "submitted"}
    food["versions"][2]["status"] = "draft"
    food["versions"] = [v for v in food["versions"] if v["number"] != 3] + [v4]  # v3 left out: kept as it is
    ItemVersion.objects.filter(item__code=FOOD_CODE, number=3).update(status=Status.RETIRED)
    food["faqs"].append({"question": "可以网上办吗？", "answer": "可以，全程网办。"})
    food["delegations"].append({"zone": "苏州高新区", "effective_from": "2024-01-01", "withdrawn_on": "2024-12-31",
                                "basis": ""})
    report = transfer.import_json(actor=catalogue.admin.user, raw=_json_bytes(doc))
    assert report == ("新建事项 0 个；新增版本 1 个，赋权 1 条，常见问题 1 条；"
                      "未变化：事项 2 个，版本 4 个，赋权 3 条，常见问题 3 条")
    item = ServiceItem.objects.get(code=FOOD_CODE)
    assert list(item.versions.order_by("number").values_list("number", "status")) == [
        (1, "retired"), (2, "published"), (3, "retired"), (4, "submitted")]
    assert [f.question for f in item.faqs.order_by("order")][-1] == "可以网上办吗？"
    assert AuditEntry.objects.filter(action="catalog.import").count() == 1


# --- refused imports --------------------------------------------------------------------------------------------


@pytest.fixture
def doc(catalogue):
    """The exported catalogue, imported into an empty one (so every item is new)."""
    doc = transfer.export_document()
    _empty_catalogue()
    return doc


def _refused(actor, doc) -> dict:
    before = _counts()
    with pytest.raises(ValidationFailed) as exc_info:
        transfer.import_json(actor=actor, raw=_json_bytes(doc))
    assert _counts() == before  # nothing written, no audit entry
    return _rejected(exc_info)


def test_unknown_department_is_rejected_with_its_location(catalogue, doc):
    doc["items"][2]["versions"][0]["competent_department"] = "不存在的局"
    errors = _refused(catalogue.admin.user, doc)
    assert errors == {"items[2].versions[0]": ["主管部门“不存在的局”不存在。"]}


def test_promised_beyond_statutory_is_rejected(catalogue, doc):
    doc["items"][0]["versions"][1]["promised_days"] = 30
    errors = _refused(catalogue.admin.user, doc)
    assert list(errors) == ["items[0].versions[1]"]
    assert "承诺时限 30 个工作日超过法定时限 20 个工作日" in errors["items[0].versions[1]"][0]


def test_a_second_published_version_is_rejected(catalogue, doc):
    doc["items"][0]["versions"][0]["status"] = "published"
    errors = _refused(catalogue.admin.user, doc)
    assert errors == {
        "items[0].versions[0].status": [f"事项 {FOOD_CODE} 同一时间只能有一个已发布版本，导入后将有 v1、v2"],
        "items[0].versions[1].status": [f"事项 {FOOD_CODE} 同一时间只能有一个已发布版本，导入后将有 v1、v2"],
    }


def test_malformed_code_and_type_errors_are_each_reported(catalogue, doc):
    doc["items"][1]["code"] = "12345"
    doc["items"][2]["versions"][0]["visits"] = "两次"
    doc["items"][2]["versions"][0]["materials"][1]["source"] = "somewhere"
    errors = _refused(catalogue.admin.user, doc)
    assert "GB/T 39554.1" in errors["items[1].code"][0]
    assert errors["items[2].versions[0].visits"] == ["应为整数，实际为“两次”"]
    assert errors["items[2].versions[0].materials[1].source"][0].startswith("取值“somewhere”不在允许范围内，应为 applicant")


def test_a_changed_existing_version_is_rejected(catalogue):
    doc = transfer.export_document()
    doc["items"][0]["versions"][1]["promised_days"] = 7
    doc["items"][0]["versions"][1]["steps"][0]["workdays"] = 4
    errors = _refused(catalogue.admin.user, doc)
    assert errors == {"items[0].versions[1]": [
        f"事项 {FOOD_CODE} 的 v2 与系统中已有内容不同（承诺办结时限、审查环节）；已有版本不能通过导入修改，变更请使用新的版本号"]}


def test_overlapping_delegation_and_unknown_zone_are_rejected(catalogue):
    doc = transfer.export_document()
    doc["items"][0]["delegations"].append({"zone": "苏州高新区", "effective_from": "2026-03-01"})
    doc["items"][0]["delegations"].append({"zone": "火星开发区", "effective_from": "2026-03-01"})
    errors = _refused(catalogue.admin.user, doc)
    assert "时段重叠" in errors["items[0].delegations[3]"][0]
    assert errors["items[0].delegations[4].zone"] == ["开发区“火星开发区”不存在。"]


def test_text_longer_than_its_column_is_rejected(catalogue, doc):
    doc["items"][0]["faqs"][0]["question"] = "问" * 256
    errors = _refused(catalogue.admin.user, doc)
    assert errors == {"items[0].faqs[0].question": ["不能超过 255 个字符（现有 256 个）"]}


def test_parent_must_exist_and_not_form_a_cycle(catalogue, doc):
    doc["items"][0]["parent_code"] = SUB_CODE  # food ← sub ← food
    doc["items"][2]["parent_code"] = FOOD_CODE[:-2] + "99"
    errors = _refused(catalogue.admin.user, doc)
    assert "上级事项关系成环" in errors["items[0].parent_code"][0]
    assert "既不在文件中，也不在系统中" in errors["items[2].parent_code"][0]


def test_only_a_system_admin_may_import(catalogue):
    buf = io.BytesIO()
    transfer.export_json(buf)
    for person in (catalogue.market_admin, catalogue.bureau_reviewer):
        with pytest.raises(PermissionDenied, match="只有系统管理员"):
            transfer.import_json(actor=person.user, raw=buf.getvalue())
    with pytest.raises(PermissionDenied):
        transfer.import_xlsx(actor=catalogue.market_admin.user, raw=_xlsx_bytes())


@pytest.mark.parametrize("raw, message", [
    (b"", "文件为空"),
    (b"\xff\xfe\x00garbage", "不是 UTF-8"),
    (b"name,code\n\xe9\xa3\x9f\xe5\x93\x81,1\n", "不是有效的 JSON（第 1 行第 1 列"),
    (b"PK\x03\x04rest", "不是 JSON，而是 Excel"),
])
def test_a_file_that_is_not_json_gets_a_clear_message(w, raw, message):
    with pytest.raises(ValidationFailed, match=message) as exc_info:
        transfer.import_json(actor=w.admin.user, raw=raw)
    assert "未导入任何内容" in exc_info.value.detail and list(exc_info.value.errors) == ["文件"]


def test_json_of_the_wrong_shape_is_refused(w):
    with pytest.raises(ValidationFailed) as exc_info:
        transfer.import_json(actor=w.admin.user, raw=b'{"format": "other/2", "items": {}}')
    assert _rejected(exc_info) == {"format": ["格式标识应为“tongban.catalog/1”，实际为“other/2”"],
                                   "items": ["应为事项列表"]}


@pytest.mark.parametrize("raw, message", [
    (b'{"format": "tongban.catalog/1"}', "不是 Excel 工作簿"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "旧版 Excel（.xls）"),
    (b"PK\x03\x04broken zip", "不是有效的 Excel 工作簿"),
])
def test_a_file_that_is_not_excel_gets_a_clear_message(w, raw, message):
    with pytest.raises(ValidationFailed, match=message):
        transfer.import_xlsx(actor=w.admin.user, raw=raw)


# --- refused Excel rows -----------------------------------------------------------------------------------------


def _row_of(ws, **match) -> int:
    header = [c.value for c in ws[1]]
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), 2):
        record = dict(zip(header, row, strict=True))
        if all(record[k] == v for k, v in match.items()):
            return r
    raise AssertionError(match)


def _set(ws, row: int, column: str, value):
    header = [c.value for c in ws[1]]
    ws.cell(row=row, column=header.index(column) + 1).value = value


def _refused_xlsx(actor, wb) -> dict:
    before = _counts()
    with pytest.raises(ValidationFailed) as exc_info:
        transfer.import_xlsx(actor=actor, raw=_save(wb))
    assert _counts() == before
    return _rejected(exc_info)


def test_excel_bad_cells_are_rejected_with_sheet_row_and_reason(catalogue):
    wb = _workbook(_xlsx_bytes())
    _empty_catalogue()
    versions, materials, steps, faqs = wb["版本"], wb["材料"], wb["审查环节"], wb["常见问题"]
    v_row = _row_of(versions, 事项编码=FOOD_CODE, 版本号=2)
    _set(versions, v_row, "承诺办结时限（工作日）", "十天")
    h_row = _row_of(versions, 事项编码=HEALTH_CODE, 版本号=1)
    _set(versions, h_row, "容缺受理", "也许")
    m_row = _row_of(materials, 事项编码=HEALTH_CODE, 序号=2)
    _set(materials, m_row, "来源渠道", "别处")
    s_row = _row_of(steps, 事项编码=FOOD_CODE, 版本号=1, 序号=1)
    _set(steps, s_row, "时限（工作日）", 30)
    f_row = _row_of(faqs, 事项编码=FOOD_CODE, 序号=2)
    _set(faqs, f_row, "序号", 1)
    errors = _refused_xlsx(catalogue.admin.user, wb)
    assert errors == {
        f"工作表“版本”第 {v_row} 行": ["承诺办结时限（工作日）：应为整数，实际为“十天”"],
        f"工作表“版本”第 {h_row} 行": ["容缺受理：应填“是”或“否”，实际为“也许”"],
        f"工作表“材料”第 {m_row} 行": ["来源渠道：取值“别处”不在允许范围内，应为 applicant（申请人自备）、"
                                    "department（其他部门出具）、license（电子证照库调取）"],
        f"工作表“版本”第 {_row_of(versions, 事项编码=FOOD_CODE, 版本号=1)} 行": [
            "各审查环节时限合计 34 个工作日，超过承诺时限 10 个工作日"],
        f"工作表“常见问题”第 {f_row} 行": [f"序号 1 与第 {f_row - 1} 行重复"],
    }


def test_excel_version_level_errors_point_at_the_version_row(catalogue):
    wb = _workbook(_xlsx_bytes())
    _empty_catalogue()
    versions = wb["版本"]
    h_row = _row_of(versions, 事项编码=HEALTH_CODE, 版本号=1)
    _set(versions, h_row, "主管部门", "不存在的局")
    f_row = _row_of(versions, 事项编码=FOOD_CODE, 版本号=2)
    _set(versions, f_row, "事项名称", "")
    for sheet in wb.worksheets[1:]:  # the sub-item gets a malformed code everywhere it is named
        for row in sheet.iter_rows(min_row=2, max_col=1):
            if row[0].value == SUB_CODE:
                row[0].value = "BAD-CODE"
    code_row = _row_of(wb["事项"], 事项编码="BAD-CODE")
    errors = _refused_xlsx(catalogue.admin.user, wb)
    assert errors == {
        f"工作表“版本”第 {h_row} 行": ["主管部门“不存在的局”不存在。"],
        f"工作表“版本”第 {f_row} 行": ["事项名称：必填"],
        f"工作表“事项”第 {code_row} 行": [
            "事项编码：事项编码“BAD-CODE”格式不正确：应为 GB/T 39554.1 实施编码格式（14位基本编码-12位区划-3位-18位信用代码-1位-2位办理项）"],
    }


def test_excel_missing_sheet_or_column_and_format_marker(catalogue):
    wb = _workbook(_xlsx_bytes())
    del wb["常见问题"]
    wb["收费"].cell(row=1, column=4, value="费用名称")
    wb["说明"]["B1"] = "tongban.catalog/0"
    errors = _refused_xlsx(catalogue.admin.user, wb)
    assert errors["工作表“常见问题”"] == ["缺少工作表（每张表都须保留，没有内容时只留列名行）"]
    assert errors["工作表“收费”第 1 行"] == ["缺少列“收费项目”", "未知列“费用名称”"]
    assert errors["工作表“说明”第 1 行"] == ["格式标识应为“tongban.catalog/1”，实际为“tongban.catalog/0”"]


def test_excel_accepts_chinese_labels_for_codes_and_blank_cells_for_defaults(catalogue):
    wb = _workbook(_xlsx_bytes())
    _empty_catalogue()
    versions = wb["版本"]
    row = _row_of(versions, 事项编码=HEALTH_CODE, 版本号=1)
    _set(versions, row, "事项类型", "行政许可")
    _set(versions, row, "状态", "已发布")
    _set(versions, row, "可延长时限（工作日）", None)
    transfer.import_xlsx(actor=catalogue.admin.user, raw=_save(wb))
    version = ItemVersion.objects.get(item__code=HEALTH_CODE)
    assert version.item_type == "licensing" and version.status == "published" and version.extension_days == 10


# --- the command line -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_cli_export_and_import(catalogue, tmp_path, suffix, capsys):
    path = tmp_path / f"catalogue{suffix}"
    call_command("catalog", "export", str(path))
    assert "已导出到" in capsys.readouterr().out
    before = transfer.export_document()
    _empty_catalogue()
    call_command("catalog", "import", str(path), "--as-user", "admin")
    assert "导入完成：新建事项 3 个" in capsys.readouterr().out
    assert transfer.export_document() == before
    call_command("catalog", "import", str(path), "--as-user", "admin")
    assert "未作任何修改" in capsys.readouterr().out


def test_cli_import_reports_errors_and_refuses_non_admins(catalogue, tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text("这不是 JSON", encoding="utf-8")
    with pytest.raises(CommandError, match="不是有效的 JSON"):
        call_command("catalog", "import", str(path), "--as-user", "admin")
    doc = transfer.export_document()
    doc["items"][0]["versions"][1]["promised_days"] = 99
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="共 1 处错误"):
        call_command("catalog", "import", str(path), "--as-user", "admin")
    assert "✗ items[0].versions[1]：" in capsys.readouterr().err
    with pytest.raises(CommandError, match="只有系统管理员"):
        call_command("catalog", "import", str(path), "--as-user", "market_admin")


# --- the format itself ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("values", [["现场勘验", "专家评审"], ["甲；乙", "丙"], ["[不是数组]"], [" 前有空格"], []])
def test_list_cells_read_back_as_written(values):
    col = next(c for c in transfer.SHEETS[1].columns if c.field == "extra_procedures")
    cell = transfer._cell_value(col, values)
    assert transfer._read_cell(col, cell) == values


def test_the_documented_format_names_every_sheet_and_column():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[4] / "docs" / "catalog-format.md").read_text(encoding="utf-8")
    for sheet in transfer.SHEETS:
        assert f"#### {sheet.name}" in text
        for col in sheet.columns:
            assert f"| {col.label} | `{col.field}` |" in text, (sheet.name, col.label)


def test_a_damaged_workbook_gets_a_clear_message(catalogue):
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(_xlsx_bytes())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as damaged:
        for name in source.namelist():
            data = source.read(name)
            damaged.writestr(name, data[: len(data) // 2] if name == "xl/worksheets/sheet3.xml" else data)
    with pytest.raises(ValidationFailed, match="Excel 工作簿已损坏"):
        transfer.import_xlsx(actor=catalogue.admin.user, raw=out.getvalue())


def test_an_empty_catalogue_exports_and_imports(w):
    buf = io.BytesIO()
    assert transfer.export_xlsx(buf) == "事项 0 个，版本 0 个，赋权 0 条，常见问题 0 条"
    assert transfer.import_xlsx(actor=w.admin.user, raw=buf.getvalue()) == "文件中没有事项，未作任何修改"
