"""Moving the whole catalogue between systems: export and import as JSON or Excel, in one format.

The format is `tongban.catalog.spec.CatalogueDocument` ("tongban.catalog/1"), described in docs/catalog-format.md.
The Excel workbook is the same document laid out as one sheet per table; it is read back into that document and
then validated exactly like JSON, so both formats accept and refuse the same things.

An import checks every item first (the spec rules via the spec models, references via `services._resolve_refs`,
the publishing invariants, what is already in the system) and writes nothing unless everything is sound; the writes
then happen in one transaction. It only adds: new items, new version numbers, new delegations and FAQs. An
existing version must be identical to the recorded one. Nothing is ever changed or deleted.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, BinaryIO
from xml.etree.ElementTree import ParseError

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

from tongban.audit.services import audit_record
from tongban.catalog.models import (
    Delegation,
    Faq,
    Fee,
    ItemType,
    ItemVersion,
    LegalBasis,
    MaterialRequirement,
    ReviewStep,
    ServiceItem,
    Theme,
    item_code_validator,
)
from tongban.catalog.search import index_item
from tongban.catalog.selectors import FIELD_LABELS, spec_of
from tongban.catalog.services import _one, _resolve_refs, _write_version
from tongban.catalog.spec import (
    CatalogueDocument,
    DelegationSpec,
    FaqSpec,
    FeeSpec,
    ItemSpec,
    LegalBasisSpec,
    MaterialSpec,
    StepSpec,
    ThemeSpec,
    VersionRecord,
    VersionSpec,
)
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.org.models import Department, Role, Zone
from tongban.org.permissions import is_system_admin

FORMAT = "tongban.catalog/1"
Status = ItemVersion.Status
Path = tuple  # a location inside the document: ("items", 3, "versions", 0, "promised_days")

MAX_VERSION_NUMBER = 2_147_483_647  # PositiveIntegerField on every backend
EXCEL_CELL_MAX = 32_767  # characters Excel keeps in one cell
LIST_SEPARATOR = "；"
IMPORT_NOTE = "导入"


# ---------------------------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------------------------


def export_document() -> dict:
    """The whole catalogue as a JSON-able CatalogueDocument: every item (by code), every version (by number) with
    its status, delegations and FAQs."""
    items = []
    for item in ServiceItem.objects.select_related("owner", "parent").order_by("code"):
        versions = [
            {**spec_of(v).model_dump(mode="json"), "number": v.number, "status": v.status}
            for v in item.versions.select_related("competent_department", "implementing_department").order_by("number")
        ]
        delegations = [
            {"zone": d.zone.name, "effective_from": d.effective_from, "withdrawn_on": d.withdrawn_on, "basis": d.basis}
            for d in item.delegations.select_related("zone").order_by("effective_from", "zone__name", "id")
        ]
        faqs = [{"question": f.question, "answer": f.answer} for f in item.faqs.order_by("order", "id")]
        items.append({
            "code": item.code,
            "owner": item.owner.name,
            "parent_code": item.parent.code if item.parent_id else None,
            "versions": versions,
            "delegations": delegations,
            "faqs": faqs,
        })
    return CatalogueDocument.model_validate({"format": FORMAT, "items": items}).model_dump(mode="json")


def _counts(doc: dict) -> str:
    items = doc["items"]
    return (
        f"事项 {len(items)} 个，版本 {sum(len(i['versions']) for i in items)} 个，"
        f"赋权 {sum(len(i['delegations']) for i in items)} 条，常见问题 {sum(len(i['faqs']) for i in items)} 条"
    )


def export_json(out: BinaryIO) -> str:
    doc = export_document()
    out.write(json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
    return _counts(doc)


def export_xlsx(out: BinaryIO) -> str:
    doc = export_document()
    _workbook_of(doc).save(out)
    return _counts(doc)


# ---------------------------------------------------------------------------------------------------------------
# The Excel layout: one sheet per table, a header row of Chinese column names, rows keyed by (code, number, order)
# ---------------------------------------------------------------------------------------------------------------


def _choices(*pairs) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in pairs)


STATUS_CHOICES = _choices(*Status.choices)
ITEM_TYPE_CHOICES = _choices(*ItemType.choices)
HANDLING_CHOICES = _choices(*ItemVersion.Handling.choices)
KIND_CHOICES = _choices(*LegalBasis.Kind.choices)
SOURCE_CHOICES = _choices(*MaterialRequirement.Source.choices)
FORM_CHOICES = _choices(*MaterialRequirement.Form.choices)
ROLE_CHOICES = _choices(*Role.choices)
AUDIENCE_CHOICES = _choices(*Theme.Audience.choices)
# Every code with its label, for messages about a value outside a pattern ("draft（草稿）").
CODE_LABELS = {
    code: label
    for group in (STATUS_CHOICES, HANDLING_CHOICES, KIND_CHOICES, SOURCE_CHOICES, FORM_CHOICES, AUDIENCE_CHOICES)
    for code, label in group
}


@dataclass(frozen=True)
class Col:
    label: str
    field: str
    kind: str = "text"  # text | int | bool | list | json | date | enum
    choices: tuple[tuple[str, str], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    level: str  # item | version | version_child | item_child
    list_field: str | None  # where its rows go in the document ("materials"); None for 事项
    model: type[BaseModel]  # the spec model of one row
    columns: tuple[Col, ...]

    @property
    def keys(self) -> tuple[Col, ...]:
        return self.columns[: {"item": 1, "version": 2, "version_child": 3, "item_child": 2}[self.level]]

    @property
    def values(self) -> tuple[Col, ...]:
        return self.columns[len(self.keys):]


CODE = Col("事项编码", "code", note="GB/T 39554.1 实施编码，如 320A0123000000-320500000000-000-11320500MB0000001X-1-00")
NUMBER = Col("版本号", "number", "int", note="从 1 起的整数")
ORDER = Col("序号", "order", "int", note="同一版本（或事项）内的排列顺序，从 1 起，不得重复")

SHEETS: tuple[Sheet, ...] = (
    Sheet("事项", "item", None, ItemSpec, (
        CODE,
        Col("维护部门", "owner", note="部门全称，须已在系统中"),
        Col("上级事项编码", "parent_code", note="子项、办理项所属的事项；留空表示没有上级事项"),
    )),
    Sheet("版本", "version", "versions", VersionRecord, (
        CODE, NUMBER,
        Col("状态", "status", "enum", STATUS_CHOICES, "同一事项至多一个已发布版本、至多一个草稿或待审核版本"),
        Col("事项名称", "name"),
        Col("事项类型", "item_type", "enum", ITEM_TYPE_CHOICES),
        Col("主管部门", "competent_department", note="部门全称"),
        Col("实施机关", "implementing_department", note="部门全称"),
        Col("事项简介", "summary"),
        Col("受理条件", "acceptance_conditions"),
        Col("审查标准", "review_criteria"),
        Col("不收费", "free_of_charge", "bool", note="“否”时须在“收费”表列出收费项目"),
        Col("法定办结时限（工作日）", "statutory_days", "int", note="0–365"),
        Col("承诺办结时限（工作日）", "promised_days", "int", note="0–365，不得超过法定时限"),
        Col("办件类型", "handling", "enum", HANDLING_CHOICES, "即办件的承诺时限为 0"),
        Col("网办深度", "online_depth", "int", note="1 信息公开，2 在线预约/下载，3 在线申请，4 全程网办"),
        Col("到现场次数", "visits", "int", note="0、1 或 2"),
        Col("容缺受理", "tolerance_allowed", "bool"),
        Col("容缺受理条件", "tolerance_conditions"),
        Col("告知承诺", "commitment_allowed", "bool"),
        Col("告知承诺条件", "commitment_conditions"),
        Col("咨询电话", "consultation_phone"),
        Col("投诉电话", "complaint_phone"),
        Col("办理大厅", "halls", "list", note="大厅名称"),
        Col("办理窗口", "windows", "list", note="“大厅名称/窗口号”"),
        Col("可用特别程序", "extra_procedures", "list", note="如 现场勘验"),
        Col("可延长时限（工作日）", "extension_days", "int", note="0–60，留空为 10"),
        Col("修订说明", "change_note"),
        Col("申请表（JSON）", "form_schema", "json", note="申请表字段列表，JSON 数组；留空表示无申请表"),
    )),
    Sheet("法律依据", "version_child", "legal_bases", LegalBasisSpec, (
        CODE, NUMBER, ORDER,
        Col("类别", "kind", "enum", KIND_CHOICES, "每个版本至少一条设定依据"),
        Col("法律法规名称", "law"),
        Col("条款", "article"),
        Col("条文内容", "text"),
    )),
    Sheet("收费", "version_child", "fees", FeeSpec, (
        CODE, NUMBER, ORDER,
        Col("收费项目", "name"),
        Col("收费标准", "standard"),
        Col("收费依据", "basis", note="法律、行政法规"),
    )),
    Sheet("材料", "version_child", "materials", MaterialSpec, (
        CODE, NUMBER, ORDER,
        Col("材料名称", "name"),
        Col("来源渠道", "source", "enum", SOURCE_CHOICES, "留空为 applicant"),
        Col("出具部门或证照类型", "source_detail", note="来源为 department 或 license 时必填"),
        Col("材料形式", "form", "enum", FORM_CHOICES, "留空为 electronic"),
        Col("份数", "copies", "int", note="1–99，留空为 1"),
        Col("接受格式", "formats", "list", note="如 pdf；jpg；留空表示不限"),
        Col("提交条件", "condition", note="留空表示必须提交，否则写明在何种情形下提交"),
        Col("填报须知", "notes"),
        Col("须两人核查", "needs_dual_verification", "bool", note="留空为 否"),
        Col("空白表格 SHA-256", "blank_form_sha256", note="文件库中空白表格的 SHA-256；留空表示没有"),
        Col("填写样表 SHA-256", "sample_sha256", note="文件库中填写样表的 SHA-256；留空表示没有"),
    )),
    Sheet("审查环节", "version_child", "steps", StepSpec, (
        CODE, NUMBER, ORDER,
        Col("环节名称", "name"),
        Col("办理角色", "role", "enum", ROLE_CHOICES),
        Col("时限（工作日）", "workdays", "int", note="各环节合计不得超过承诺时限"),
        Col("办理内容", "description"),
    )),
    Sheet("主题", "version_child", "themes", ThemeSpec, (
        CODE, NUMBER, ORDER,
        Col("服务对象", "audience", "enum", AUDIENCE_CHOICES),
        Col("主题名称", "name", note="须已在系统中"),
    )),
    Sheet("赋权", "item_child", "delegations", DelegationSpec, (
        CODE, ORDER,
        Col("开发区", "zone", note="开发区名称，须已在系统中"),
        Col("赋权日期", "effective_from", "date"),
        Col("收回日期", "withdrawn_on", "date", note="留空表示尚未收回；须晚于赋权日期"),
        Col("赋权文件", "basis"),
    )),
    Sheet("常见问题", "item_child", "faqs", FaqSpec, (
        CODE, ORDER,
        Col("问题", "question"),
        Col("解答", "answer"),
    )),
)
README = "说明"
SHEET_BY_LIST = {s.list_field: s for s in SHEETS if s.list_field}
# Lists in the document that are whole sheets, for messages about them ("审查环节：至少需要 1 项").
LIST_LABELS = {"versions": "版本", **{s.list_field: s.name for s in SHEETS if s.level != "version"}}
LABELS = {**FIELD_LABELS, "change_note": "修订说明", "code": "事项编码", "owner": "维护部门",
          "parent_code": "上级事项编码", "number": "版本号", "status": "状态", **LIST_LABELS}

_KIND_TEXT = {
    "text": "文本", "int": "整数", "bool": "是/否", "list": "多个值以全角分号“；”分隔（值中含“；”时写成 JSON 数组）",
    "json": "JSON", "date": "日期 YYYY-MM-DD", "enum": "代码（也可填中文名称）",
}


def _workbook_of(doc: dict):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    readme = wb.active
    readme.title = README
    _write_readme(readme)
    rows: dict[str, list[tuple[str, list]]] = defaultdict(list)  # sheet → [(where, values)]
    for item in doc["items"]:
        code = item["code"]
        rows["事项"].append((code, [item[c.field] for c in SHEETS[0].columns]))
        for v in item["versions"]:
            where = f"{code} v{v['number']}"
            rows["版本"].append((where, [code, v["number"], *(v[c.field] for c in SHEETS[1].values)]))
            for sheet in SHEETS[2:]:
                if sheet.level == "version_child":
                    for k, child in enumerate(v[sheet.list_field], 1):
                        rows[sheet.name].append((where, [code, v["number"], k, *(child[c.field] for c in sheet.values)]))
        for sheet in SHEETS:
            if sheet.level == "item_child":
                for k, child in enumerate(item[sheet.list_field], 1):
                    rows[sheet.name].append((code, [code, k, *(child[c.field] for c in sheet.values)]))
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        for c, col in enumerate(sheet.columns, 1):
            cell = ws.cell(row=1, column=c, value=col.label)
            cell.font, cell.fill = header_font, header_fill
            ws.column_dimensions[cell.column_letter].width = min(max(len(col.label) * 2 + 2, 10), 40)
        ws.freeze_panes = "A2"
        for r, (where, values) in enumerate(rows[sheet.name], 2):
            for c, (col, value) in enumerate(zip(sheet.columns, values, strict=True), 1):
                _put(ws, r, c, _cell_value(col, value), where=f"{sheet.name}：{where} 的“{col.label}”")
        for cell in ws[1]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return wb


def _write_readme(ws) -> None:
    from openpyxl.styles import Font

    ws.append(["格式", FORMAT])
    ws.append(["说明", "通办事项清单（格式 tongban.catalog/1，详见 docs/catalog-format.md）。第 1 行的格式标识不可修改。"
               "每张工作表第一行为列名；每行以“事项编码、版本号、序号”定位；空单元格表示取默认值（列表为空列表）。"
               "导入时任何一行有误，整个文件都不导入，并列出工作表、行号和原因。"])
    ws.append([])
    ws.append(["工作表", "列名", "字段", "类型", "必填", "说明与允许值"])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for sheet in SHEETS:
        for i, col in enumerate(sheet.columns):
            required = i < len(sheet.keys) or (
                col.field in sheet.model.model_fields and sheet.model.model_fields[col.field].is_required()
            )
            allowed = "、".join(f"{code} {label}" for code, label in col.choices)
            note = "；".join(filter(None, [col.note, f"允许值：{allowed}" if allowed else ""]))
            ws.append([sheet.name, col.label, col.field, _KIND_TEXT[col.kind], "是" if required else "否", note])
    for letter, width in zip("ABCDEF", (10, 24, 26, 30, 6, 80), strict=True):
        ws.column_dimensions[letter].width = width


def _cell_value(col: Col, value: Any) -> Any:
    if value is None:
        return None
    if col.kind == "bool":
        return "是" if value else "否"
    if col.kind == "list":
        if not value:
            return None
        parts = [str(v) for v in value]
        needs_json = any(LIST_SEPARATOR in p or p != p.strip() or not p for p in parts) or parts[0].startswith("[")
        return json.dumps(parts, ensure_ascii=False) if needs_json else LIST_SEPARATOR.join(parts)
    if col.kind == "json":
        return json.dumps(value, ensure_ascii=False) if value else None
    if col.kind == "date":
        return date.fromisoformat(value)
    if col.kind == "int":
        return value
    return value if value != "" else None


def _put(ws, row: int, column: int, value: Any, *, where: str) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        if len(value) > EXCEL_CELL_MAX:
            raise ValidationFailed(f"导出失败：{where}有 {len(value)} 个字符，超过 Excel 单元格上限 {EXCEL_CELL_MAX}；请改用 JSON 导出。")
        if ILLEGAL_CHARACTERS_RE.search(value):
            raise ValidationFailed(f"导出失败：{where}含有 Excel 不允许的控制字符；请改用 JSON 导出。")
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text that starts with "=" stays text, never a formula
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"


# ---------------------------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------------------------


def import_json(*, actor, raw: bytes) -> str:
    _require_admin(actor)
    data = _load_json(raw)
    return _import(actor, data, _json_location)


def import_xlsx(*, actor, raw: bytes) -> str:
    _require_admin(actor)
    book = _ExcelReader(_load_workbook(raw))
    try:
        data = book.document()
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:  # a damaged sheet inside
        raise _unreadable(f"Excel 工作簿已损坏，无法读取：{exc}") from None
    return _import(actor, data, book.location, cell_errors=book.errors, suppressed=book.suppressed)


def _require_admin(actor) -> None:
    if not is_system_admin(actor):
        raise PermissionDenied("只有系统管理员可以导入事项清单。")


def _unreadable(reason: str) -> ValidationFailed:
    return ValidationFailed(f"导入失败：{reason}，未导入任何内容。", errors={"文件": [reason]})


def _load_json(raw: bytes) -> Any:
    if not raw.strip():
        raise _unreadable("文件为空")
    if raw.startswith(b"PK\x03\x04"):
        raise _unreadable("文件不是 JSON，而是 Excel 或其他压缩文件（Excel 工作簿请以 .xlsx 导入）")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _unreadable("文件不是 UTF-8 编码的 JSON") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _unreadable(f"文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None


def _load_workbook(raw: bytes):
    from openpyxl import load_workbook

    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _unreadable("文件是旧版 Excel（.xls）格式，请在 Excel 中另存为 .xlsx 后再导入")
    if not raw.startswith(b"PK\x03\x04"):
        raise _unreadable("文件不是 Excel 工作簿（.xlsx）")
    try:
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # BadZipFile, KeyError for a missing part, openpyxl's InvalidFileException, …
        raise _unreadable(f"文件不是有效的 Excel 工作簿（.xlsx）：{exc}") from None


def _import(actor, data: Any, locate, *, cell_errors=None, suppressed=frozenset()) -> str:
    try:
        with transaction.atomic():
            plans, problems = _plan(data)
            errors: dict[str, list[str]] = defaultdict(list)
            for where, message in cell_errors or []:
                errors[where].append(message)
            for path, message in problems:
                where, prefix, key = locate(path)
                if key in suppressed:
                    continue  # a consequence of a cell already reported as unreadable
                errors[where].append(prefix + message)
            if errors:
                total = sum(len(m) for m in errors.values())
                raise ValidationFailed(f"导入失败：共 {total} 处错误，未导入任何内容。", errors=dict(errors))
            return _write(actor, plans)
    except IntegrityError as exc:
        raise Conflict("导入时事项清单被他人同时修改，未导入任何内容；请重试。") from exc


def _json_location(path: Path) -> tuple[str, str, None]:
    where = ""
    for part in path:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where or "文件", "", None


# --- messages -------------------------------------------------------------------------------------------------


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:40] + "…"


def _pydantic_message(err: dict) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "必填"
    if kind == "extra_forbidden":
        return "未知字段（格式中没有这一项）"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"应为整数，实际为“{_shown(value)}”"
    if kind in ("bool_type", "bool_parsing"):
        return f"应为 true 或 false，实际为“{_shown(value)}”"
    if kind.startswith("date_"):
        return f"应为日期（如 2026-01-01），实际为“{_shown(value)}”"
    if kind == "string_type":
        return f"应为文本，实际为“{_shown(value)}”"
    if kind == "list_type":
        return "应为列表"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "应为对象"
    if kind == "greater_than_equal":
        return f"不能小于 {ctx.get('ge')}，实际为 {_shown(value)}"
    if kind == "less_than_equal":
        return f"不能大于 {ctx.get('le')}，实际为 {_shown(value)}"
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        return "不能为空" if n == 1 else f"至少 {n} 个字符"
    if kind == "string_too_long":
        return f"不能超过 {ctx.get('max_length')} 个字符"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length')} 项"
    if kind == "string_pattern_mismatch":
        match = re.fullmatch(r"\^\(?(.*?)\)?\$", str(ctx.get("pattern", "")))
        allowed = match.group(1).replace("\\", "").split("|") if match else []
        shown = "、".join(f"{a}（{CODE_LABELS[a]}）" if a in CODE_LABELS else a for a in allowed)
        return f"取值“{_shown(value)}”不在允许范围内" + (f"，应为 {shown}" if shown else "")
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    return err["msg"]


# --- the plan: everything checked before anything is written --------------------------------------------------


@dataclass
class _ItemPlan:
    spec: ItemSpec
    existing: ServiceItem | None
    owner: Department | None = None
    new_versions: list[tuple[VersionRecord, dict]] = field(default_factory=list)
    unchanged_versions: int = 0
    new_delegations: list[tuple[DelegationSpec, Zone]] = field(default_factory=list)
    kept_delegations: int = 0
    new_faqs: list[FaqSpec] = field(default_factory=list)
    kept_faqs: int = 0

    @property
    def adds_anything(self) -> bool:
        return self.existing is None or bool(self.new_versions or self.new_delegations or self.new_faqs)


def _plan(data: Any) -> tuple[list[_ItemPlan], list[tuple[Path, str]]]:
    problems: list[tuple[Path, str]] = []
    if not isinstance(data, dict):
        return [], [((), '文件内容应为 JSON 对象 {"format": "tongban.catalog/1", "items": [...]}')]
    for key in data:
        if key not in ("format", "items"):
            problems.append(((key,), "未知字段（格式中没有这一项）"))
    if data.get("format") != FORMAT:
        problems.append((("format",), f"格式标识应为“{FORMAT}”，实际为“{_shown(data.get('format'))}”"))
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        problems.append((("items",), "应为事项列表"))
        return [], problems

    specs: list[tuple[Path, ItemSpec]] = []
    for i, raw in enumerate(raw_items):
        try:
            specs.append((("items", i), ItemSpec.model_validate(raw)))
        except PydanticError as exc:
            problems += [(("items", i, *err["loc"]), _pydantic_message(err)) for err in exc.errors()]

    first_seen: dict[str, Path] = {}
    unique: list[tuple[Path, ItemSpec]] = []
    for path, spec in specs:
        try:
            item_code_validator(spec.code)
        except DjangoValidationError:
            problems.append((path + ("code",), f"事项编码“{spec.code}”格式不正确：应为 GB/T 39554.1 实施编码格式"
                             "（14位基本编码-12位区划-3位-18位信用代码-1位-2位办理项）"))
            continue
        if spec.code in first_seen:
            problems.append((path + ("code",), f"事项编码 {spec.code} 在文件中重复（另见 {_json_location(first_seen[spec.code])[0]}）"))
            continue
        first_seen[spec.code] = path
        unique.append((path, spec))

    existing = {
        item.code: item
        for item in ServiceItem.objects.filter(code__in=list(first_seen)).select_related("owner", "parent")
    }
    # Items refused above still count as present, so their sub-items are not blamed for a missing parent.
    file_codes = {raw.get("code") for raw in raw_items if isinstance(raw, dict) and isinstance(raw.get("code"), str)}
    parent_known = file_codes | set(
        ServiceItem.objects.filter(code__in={s.parent_code for _, s in unique if s.parent_code}).values_list("code", flat=True)
    )
    plans = []
    for path, spec in unique:
        plan = _ItemPlan(spec=spec, existing=existing.get(spec.code))
        problems += _check_item(plan, path, parent_known)
        problems += _check_versions(plan, path)
        problems += _check_delegations(plan, path)
        problems += _check_faqs(plan, path)
        plans.append(plan)
    problems += _check_parent_cycles([(p, plan) for (p, _), plan in zip(unique, plans, strict=True)])
    return plans, problems


def _too_long(obj: BaseModel, model: type[models.Model], path: Path) -> list[tuple[Path, str]]:
    """Text longer than its database column (the spec models do not bound every field)."""
    out = []
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if not isinstance(value, str):
            continue
        try:
            max_length = getattr(model._meta.get_field(name), "max_length", None)
        except FieldDoesNotExist:
            continue
        if max_length and len(value) > max_length:
            out.append((path + (name,), f"不能超过 {max_length} 个字符（现有 {len(value)} 个）"))
    return out


def _check_item(plan: _ItemPlan, path: Path, parent_known: set[str]) -> list[tuple[Path, str]]:
    spec, item, out = plan.spec, plan.existing, []
    if spec.parent_code == spec.code:
        out.append((path + ("parent_code",), "不能以事项自身为上级事项"))
    elif spec.parent_code and spec.parent_code not in parent_known:
        out.append((path + ("parent_code",), f"上级事项 {spec.parent_code} 既不在文件中，也不在系统中"))
    if item is None:
        try:
            plan.owner = _one(Department, "维护部门", name=spec.owner)
        except ValidationFailed as exc:
            out.append((path + ("owner",), exc.detail))
        return out
    if item.owner.name != spec.owner:
        out.append((path + ("owner",), f"事项 {spec.code} 已在系统中，维护部门为“{item.owner.name}”，与文件中的“{spec.owner}”不同"))
    current_parent = item.parent.code if item.parent_id else None
    if current_parent != spec.parent_code:
        out.append((path + ("parent_code",), f"事项 {spec.code} 已在系统中，上级事项为“{current_parent or '无'}”，"
                    f"与文件中的“{spec.parent_code or '无'}”不同"))
    return out


def _canonical(spec: dict) -> dict:
    """A version spec in a form where storage order and line endings do not count as differences."""
    def norm(value):
        if isinstance(value, str):
            return value.replace("\r\n", "\n").replace("\r", "\n")
        if isinstance(value, list):
            return [norm(v) for v in value]
        if isinstance(value, dict):
            return {k: norm(v) for k, v in value.items()}
        return value

    out = norm(spec)
    out["halls"] = sorted(out["halls"])
    out["windows"] = sorted(out["windows"], key=lambda ref: ref.rpartition("/")[::2])
    out["themes"] = sorted(out["themes"], key=lambda t: (t["audience"], t["name"]))
    out["legal_bases"] = sorted(out["legal_bases"], key=lambda b: b["kind"])  # stored grouped by kind
    return out


def _differences(stored: VersionSpec, recorded: VersionRecord) -> list[str]:
    a = _canonical(stored.model_dump(mode="json"))
    b = _canonical(recorded.model_dump(mode="json", exclude={"number", "status"}))
    return [LABELS.get(k, k) for k in a if a[k] != b.get(k)]


def _status_label(status: str) -> str:
    return CODE_LABELS.get(status, status)


def _check_versions(plan: _ItemPlan, path: Path) -> list[tuple[Path, str]]:
    spec, out = plan.spec, []
    stored = {v.number: v for v in plan.existing.versions.all()} if plan.existing else {}
    seen: set[int] = set()
    final_status: dict[int, tuple[str, Path | None]] = {n: (v.status, None) for n, v in stored.items()}
    for j, rec in enumerate(spec.versions):
        vpath = path + ("versions", j)
        if rec.number in seen:
            out.append((vpath + ("number",), f"事项 {spec.code} 的版本号 v{rec.number} 在文件中重复"))
            continue
        seen.add(rec.number)
        if rec.number > MAX_VERSION_NUMBER:
            out.append((vpath + ("number",), f"版本号不能大于 {MAX_VERSION_NUMBER}"))
            continue
        if rec.number in stored:
            version = stored[rec.number]
            changed = _differences(spec_of(version), rec)
            if changed:
                out.append((vpath, f"事项 {spec.code} 的 v{rec.number} 与系统中已有内容不同（{'、'.join(changed)}）；"
                            "已有版本不能通过导入修改，变更请使用新的版本号"))
            elif version.status != rec.status:
                out.append((vpath + ("status",), f"事项 {spec.code} 的 v{rec.number} 在系统中为“{_status_label(version.status)}”，"
                            f"文件中为“{_status_label(rec.status)}”；导入不改变已有版本的状态"))
            else:
                plan.unchanged_versions += 1
            continue
        final_status[rec.number] = (rec.status, vpath)
        problems = _too_long(rec, ItemVersion, vpath)
        for name, model in (("legal_bases", LegalBasis), ("fees", Fee), ("materials", MaterialRequirement), ("steps", ReviewStep)):
            for k, child in enumerate(getattr(rec, name)):
                problems += _too_long(child, model, vpath + (name, k))
        out += problems
        try:
            refs = _resolve_refs(rec)
        except ValidationFailed as exc:
            out.append((vpath, exc.detail))
            continue
        if not problems:
            plan.new_versions.append((rec, refs))
    for wanted, what in (
        ({Status.PUBLISHED}, "已发布版本"),
        ({Status.DRAFT, Status.SUBMITTED}, "未发布（草稿或待审核）版本"),
    ):
        numbers = sorted(n for n, (status, _) in final_status.items() if status in wanted)
        if len(numbers) > 1:
            new_paths = [p for n, (s, p) in sorted(final_status.items()) if s in wanted and p is not None]
            listed = "、".join(f"v{n}" for n in numbers)
            for p in new_paths:
                out.append((p + ("status",), f"事项 {spec.code} 同一时间只能有一个{what}，导入后将有 {listed}"))
    return out


def _check_delegations(plan: _ItemPlan, path: Path) -> list[tuple[Path, str]]:
    spec, out = plan.spec, []
    stored = list(plan.existing.delegations.select_related("zone")) if plan.existing else []
    unmatched = Counter((d.zone.name, d.effective_from, d.withdrawn_on, d.basis) for d in stored)
    periods: dict[str, list[tuple[date, date | None, Path | None]]] = defaultdict(list)
    for d in stored:
        periods[d.zone.name].append((d.effective_from, d.withdrawn_on, None))
    for k, d in enumerate(spec.delegations):
        dpath = path + ("delegations", k)
        key = (d.zone, d.effective_from, d.withdrawn_on, d.basis)
        if unmatched[key] > 0:
            unmatched[key] -= 1
            plan.kept_delegations += 1
            continue
        problems = _too_long(d, Delegation, dpath)
        if d.withdrawn_on is not None and d.withdrawn_on <= d.effective_from:
            problems.append((dpath + ("withdrawn_on",), "收回日期须晚于赋权日期"))
        try:
            zone = _one(Zone, "开发区", name=d.zone)
        except ValidationFailed as exc:
            problems.append((dpath + ("zone",), exc.detail))
        out += problems
        if not problems:
            for start, end, other in periods[d.zone]:
                if start < (d.withdrawn_on or date.max) and d.effective_from < (end or date.max):
                    against = "系统中已有" if other is None else f"文件中 {_json_location(other)[0]} "
                    span = f"自 {start} 起" + (f"至 {end}" if end else "，尚未收回")
                    out.append((dpath, f"与{against}对“{d.zone}”的赋权（{span}）时段重叠"))
                    break
            else:
                plan.new_delegations.append((d, zone))
            periods[d.zone].append((d.effective_from, d.withdrawn_on, dpath))
    return out


def _check_faqs(plan: _ItemPlan, path: Path) -> list[tuple[Path, str]]:
    out = []
    stored = plan.existing.faqs.all() if plan.existing else []
    unmatched = Counter((f.question, f.answer) for f in stored)
    for k, faq in enumerate(plan.spec.faqs):
        key = (faq.question, faq.answer)
        if unmatched[key] > 0:
            unmatched[key] -= 1
            plan.kept_faqs += 1
            continue
        problems = _too_long(faq, Faq, path + ("faqs", k))
        out += problems
        if not problems:
            plan.new_faqs.append(faq)
    return out


def _check_parent_cycles(pairs: list[tuple[Path, _ItemPlan]]) -> list[tuple[Path, str]]:
    new_parent = {plan.spec.code: plan.spec.parent_code for _, plan in pairs if plan.existing is None}
    out = []
    for path, plan in pairs:
        code = plan.spec.code
        if code not in new_parent:
            continue
        chain, current = [code], new_parent[code]
        while current in new_parent and current not in chain:
            chain.append(current)
            current = new_parent[current]
        if current == code and len(chain) > 1:
            out.append((path + ("parent_code",), "上级事项关系成环：" + " → ".join([*chain, code])))
    return out


# --- writing ---------------------------------------------------------------------------------------------------


def _creation_order(plans: list[_ItemPlan]) -> list[_ItemPlan]:
    """Parents before their sub-items."""
    new = {p.spec.code: p for p in plans if p.existing is None}

    def depth(code: str) -> int:
        n, parent = 0, new[code].spec.parent_code
        while parent in new:
            n, parent = n + 1, new[parent].spec.parent_code
        return n

    return sorted(plans, key=lambda p: (p.existing is None, depth(p.spec.code) if p.existing is None else 0))


def _write(actor, plans: list[_ItemPlan]) -> str:
    now = timezone.now()
    items: dict[str, ServiceItem] = {}
    totals = Counter()
    for plan in _creation_order(plans):
        spec = plan.spec
        item = plan.existing
        if item is None:
            parent = None
            if spec.parent_code:
                parent = items.get(spec.parent_code) or ServiceItem.objects.get(code=spec.parent_code)
            item = ServiceItem.objects.create(code=spec.code, owner=plan.owner, parent=parent)
            totals["created_items"] += 1
        items[spec.code] = item
        for rec, refs in sorted(plan.new_versions, key=lambda pair: pair[0].number):
            version = ItemVersion(item=item, number=rec.number, status=rec.status, created_by=actor)
            if rec.status != Status.DRAFT:
                version.submitted_at = now
            if rec.status in (Status.PUBLISHED, Status.RETIRED):
                version.reviewed_by, version.review_note, version.published_at = actor, IMPORT_NOTE, now
            if rec.status == Status.RETIRED:
                version.retired_at = now
            _write_version(version, rec, refs)
        for d, zone in plan.new_delegations:
            Delegation.objects.create(item=item, zone=zone, effective_from=d.effective_from,
                                      withdrawn_on=d.withdrawn_on, basis=d.basis, created_by=actor)
        last = item.faqs.aggregate(m=models.Max("order"))["m"] if plan.existing else None
        next_order = 0 if last is None else last + 1
        for k, faq in enumerate(plan.new_faqs):
            Faq.objects.create(item=item, question=faq.question, answer=faq.answer, order=next_order + k)
        totals["new_versions"] += len(plan.new_versions)
        totals["new_delegations"] += len(plan.new_delegations)
        totals["new_faqs"] += len(plan.new_faqs)
        totals["unchanged_versions"] += plan.unchanged_versions
        totals["kept_delegations"] += plan.kept_delegations
        totals["kept_faqs"] += plan.kept_faqs
        if not plan.adds_anything:
            totals["unchanged_items"] += 1
            continue
        added = f"版本 {len(plan.new_versions)} 个，赋权 {len(plan.new_delegations)} 条，常见问题 {len(plan.new_faqs)} 条"
        if plan.existing is None:
            latest = max(spec.versions, key=lambda v: v.number)
            summary = f"导入事项 {latest.name}（{spec.code}）：{added}"
        else:
            summary = f"导入：为事项 {spec.code} 新增{added}"
        audit_record(actor=actor, action="catalog.import", target=item, summary=summary,
                     data={"code": spec.code, "versions": sorted(rec.number for rec, _ in plan.new_versions)})
        index_item(item)
    unchanged = (f"事项 {totals['unchanged_items']} 个，版本 {totals['unchanged_versions']} 个，"
                 f"赋权 {totals['kept_delegations']} 条，常见问题 {totals['kept_faqs']} 条")
    if not plans:
        return "文件中没有事项，未作任何修改"
    if not any(plan.adds_anything for plan in plans):
        return f"文件内容与系统中完全一致，未作任何修改（未变化：{unchanged}）"
    return (f"新建事项 {totals['created_items']} 个；新增版本 {totals['new_versions']} 个，"
            f"赋权 {totals['new_delegations']} 条，常见问题 {totals['new_faqs']} 条；未变化：{unchanged}")


# --- reading a workbook back into the document ------------------------------------------------------------------


class _Missing:
    pass


MISSING = _Missing()


class _CellError(ValueError):
    pass


def _read_cell(col: Col, value: Any) -> Any:
    """A cell as a document value; MISSING when empty (the field then takes its default)."""
    if isinstance(value, str) and not value.strip():
        value = None
    if value is None:
        return [] if col.kind in ("list", "json") else MISSING
    if col.kind == "text":
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime):
            return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
        return str(value)
    if col.kind == "int":
        if isinstance(value, bool):
            raise _CellError(f"应为整数，实际为“{'是' if value else '否'}”")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        text = str(value).strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        raise _CellError(f"应为整数，实际为“{_shown(text)}”")
    if col.kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip()
        if text in ("是", "否"):
            return text == "是"
        raise _CellError(f"应填“是”或“否”，实际为“{_shown(text)}”")
    if col.kind == "enum":
        text = str(value).strip()
        by_label = {label: code for code, label in col.choices}
        return by_label.get(text, text)
    if col.kind == "date":
        if isinstance(value, datetime):
            if value.time() != datetime.min.time():
                raise _CellError(f"应为日期（不含时刻），实际为“{value}”")
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise _CellError(f"应为日期（如 2026-01-01），实际为“{_shown(value)}”") from None
    if col.kind == "list":
        text = str(value).strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError as exc:
                raise _CellError(f"以“[”开头的单元格应为 JSON 数组：{exc.msg}") from None
            if not isinstance(parsed, list) or not all(isinstance(p, str) for p in parsed):
                raise _CellError("以“[”开头的单元格应为文本组成的 JSON 数组")
            return parsed
        return [p.strip() for p in text.split(LIST_SEPARATOR) if p.strip()]
    if col.kind == "json":
        try:
            return json.loads(str(value))
        except json.JSONDecodeError as exc:
            raise _CellError(f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None
    raise AssertionError(col.kind)


@dataclass
class _Row:
    row: int
    values: dict
    children: dict = field(default_factory=lambda: defaultdict(dict))  # list_field → {order: _Row}
    versions: dict = field(default_factory=dict)  # number → _Row (items only)


class _ExcelReader:
    """Reads the sheets into the document, remembering which sheet and row every part came from."""

    def __init__(self, wb):
        self.wb = wb
        self.errors: list[tuple[str, str]] = []
        # (sheet, row, field) of unreadable cells and (sheet, row, None) of their rows: the document left those
        # cells out, so "必填" for that field, or a rule about the whole row, would only repeat the same problem.
        self.suppressed: set[tuple[str, int, str | None]] = set()
        self.origins: dict[Path, tuple[str, int]] = {}

    @staticmethod
    def where(sheet: str, row: int | None = None) -> str:
        return f"工作表“{sheet}”" + (f"第 {row} 行" if row else "")

    def error(self, sheet: str, row: int | None, message: str, field: str | None = None) -> None:
        self.errors.append((self.where(sheet, row), message))
        if row:
            self.suppressed |= {(sheet, row, None), (sheet, row, field)}

    def location(self, path: Path) -> tuple[str, str, tuple[str, int, str | None] | None]:
        for n in range(len(path), -1, -1):
            origin = self.origins.get(tuple(path[:n]))
            if origin:
                break
        else:
            return "工作簿", "", None
        sheet, row = origin
        rest = path[n:]
        prefix, field_name = "", rest[0] if rest and isinstance(rest[0], str) else None
        if field_name:
            labels = {c.field: c.label for s in SHEETS if s.name == sheet for c in s.columns}
            label = labels.get(rest[0]) or LABELS.get(rest[0], rest[0])
            prefix = f"{label}：" if sheet != README else ""
        return self.where(sheet, row), prefix, (sheet, row, field_name)

    def document(self) -> dict:
        try:
            return self._document()
        finally:
            self.wb.close()

    def _document(self) -> dict:
        wb = self.wb
        doc: dict[str, Any] = {}
        if README in wb.sheetnames:
            first = next(wb[README].iter_rows(min_row=1, max_row=1, values_only=True), ())
            doc["format"] = first[1] if len(first) > 1 and first[0] == "格式" else None
        else:
            doc["format"] = None
        self.origins[("format",)] = (README, 1)
        missing = [s.name for s in SHEETS if s.name not in wb.sheetnames]
        if missing:
            self.error("、".join(missing), None, "缺少工作表（每张表都须保留，没有内容时只留列名行）")
        items: dict[str, _Row] = {}
        for sheet in SHEETS:
            if sheet.name in wb.sheetnames:
                self._read_sheet(sheet, wb[sheet.name], items)
        doc["items"] = []
        for i, (code, it) in enumerate(items.items()):
            ipath = ("items", i)
            self.origins[ipath] = ("事项", it.row)
            item = {"code": code, **it.values, "versions": []}
            for j, (number, v) in enumerate(sorted(it.versions.items())):
                vpath = ipath + ("versions", j)
                self.origins[vpath] = ("版本", v.row)
                version = {**v.values, "number": number}
                for sheet in SHEETS:
                    if sheet.level == "version_child":
                        version[sheet.list_field] = self._children(sheet, v, vpath)
                item["versions"].append(version)
            for sheet in SHEETS:
                if sheet.level == "item_child":
                    item[sheet.list_field] = self._children(sheet, it, ipath)
            doc["items"].append(item)
        return doc

    def _children(self, sheet: Sheet, parent: _Row, path: Path) -> list[dict]:
        out = []
        for k, (_, child) in enumerate(sorted(parent.children[sheet.list_field].items())):
            self.origins[path + (sheet.list_field, k)] = (sheet.name, child.row)
            out.append(child.values)
        return out

    def _read_sheet(self, sheet: Sheet, ws, items: dict[str, _Row]) -> None:
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()
        position: dict[str, int] = {}
        for c, label in enumerate(header):
            if label is None or (isinstance(label, str) and not label.strip()):
                continue
            label = str(label).strip()
            if label in position:
                self.error(sheet.name, 1, f"列“{label}”重复")
            position[label] = c
        known = {col.label for col in sheet.columns}
        problems = [f"缺少列“{col.label}”" for col in sheet.columns if col.label not in position]
        problems += [f"未知列“{label}”" for label in position if label not in known]
        for problem in problems:
            self.error(sheet.name, 1, problem)
        if problems:
            return
        for r, cells in enumerate(rows, 2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                continue
            values: dict[str, Any] = {}
            unreadable = set()
            for col in sheet.columns:
                c = position[col.label]
                try:
                    value = _read_cell(col, cells[c] if c < len(cells) else None)
                except _CellError as exc:
                    self.error(sheet.name, r, f"{col.label}：{exc}", col.field)
                    unreadable.add(col.field)
                    continue
                if value is not MISSING:
                    values[col.field] = value
            keys = {}
            for col in sheet.keys:
                if col.field in values:
                    keys[col.field] = values.pop(col.field)
                elif col.field not in unreadable:
                    self.error(sheet.name, r, f"{col.label}：必填", col.field)
            if len(keys) == len(sheet.keys):  # otherwise there is no telling where the row belongs
                self._place(sheet, r, keys, values, items)

    def _place(self, sheet: Sheet, r: int, keys: dict, values: dict, items: dict[str, _Row]) -> None:
        code = keys["code"]
        if sheet.level == "item":
            if code in items:
                self.error(sheet.name, r, f"事项编码 {code} 与第 {items[code].row} 行重复")
            else:
                items[code] = _Row(r, values)
            return
        item = items.get(code)
        if item is None:
            self.error(sheet.name, r, f"事项编码 {code} 不在“事项”工作表中")
            return
        if sheet.level == "version":
            number = keys["number"]
            if number in item.versions:
                self.error(sheet.name, r, f"事项 {code} 的版本号 {number} 与第 {item.versions[number].row} 行重复")
            else:
                item.versions[number] = _Row(r, values)
            return
        parent = item
        if sheet.level == "version_child":
            parent = item.versions.get(keys["number"])
            if parent is None:
                self.error(sheet.name, r, f"事项 {code} 的版本号 {keys['number']} 不在“版本”工作表中")
                return
        siblings = parent.children[sheet.list_field]
        if keys["order"] in siblings:
            self.error(sheet.name, r, f"序号 {keys['order']} 与第 {siblings[keys['order']].row} 行重复")
            return
        siblings[keys["order"]] = _Row(r, values)
