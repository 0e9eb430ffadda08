"""Application forms generated from an item version: the field schema and the checking of filled data.

Pure Python. A schema is a list of fields:
    {"name": "company_name", "label": "企业名称", "type": "text", "required": true,
     "max_length": 100, "options": [...], "required_if": {"field": "hires_staff", "equals": true}, "help": "…"}
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

FIELD_TYPES = {
    "text": "单行文本", "textarea": "多行文本", "integer": "整数", "decimal": "数字", "money": "金额（元）",
    "date": "日期", "select": "单选", "multiselect": "多选", "boolean": "是/否",
    "phone": "手机号码", "id_number": "身份证号", "uscc": "统一社会信用代码", "division_code": "行政区划代码",
}
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


class SchemaError(ValueError):
    pass


def check_schema(fields: list[dict]) -> list[str]:
    """Problems with a form schema, in Chinese (empty when the schema is sound)."""
    problems: list[str] = []
    names: set[str] = set()
    for i, f in enumerate(fields, 1):
        where = f"第 {i} 个字段"
        name = f.get("name", "")
        if not _NAME_RE.match(str(name)):
            problems.append(f"{where}的标识“{name}”应为小写字母开头的英文、数字或下划线")
        elif name in names:
            problems.append(f"{where}的标识“{name}”重复")
        names.add(name)
        if not f.get("label"):
            problems.append(f"{where}缺少显示名称")
        if f.get("type") not in FIELD_TYPES:
            problems.append(f"{where}的类型“{f.get('type')}”未知")
        if f.get("type") in ("select", "multiselect") and not f.get("options"):
            problems.append(f"{where}为选择题，须列出选项")
    for i, f in enumerate(fields, 1):
        cond = f.get("required_if")
        if cond and cond.get("field") not in names:
            problems.append(f"第 {i} 个字段的必填条件引用了不存在的字段“{cond.get('field')}”")
    return problems


def is_required(field: dict, data: dict) -> bool:
    cond = field.get("required_if")
    if cond:
        return data.get(cond["field"]) == cond.get("equals")
    return bool(field.get("required"))


def clean_data(fields: list[dict], data: dict[str, Any], *, validators: dict | None = None) -> tuple[dict, dict[str, list[str]]]:
    """Check filled data against the schema: returns (cleaned, errors by field name, in Chinese).

    `validators` maps a field type (e.g. "id_number") to a callable raising ValueError with a Chinese message,
    so the people app's GB 11643 / GB 32100 checks plug in without this module importing them.
    """
    validators = validators or {}
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    known = {f["name"] for f in fields}
    for unknown in sorted(set(data) - known):
        errors.setdefault(unknown, []).append("表单中没有这个字段")
    for f in fields:
        name, label, value = f["name"], f["label"], data.get(f["name"])
        if value in (None, "", []):
            if is_required(f, data):
                errors.setdefault(name, []).append(f"请填写{label}")
            continue
        try:
            cleaned[name] = _coerce(f, value)
            if f["type"] in validators:
                validators[f["type"]](cleaned[name])
        except (ValueError, InvalidOperation) as exc:
            errors.setdefault(name, []).append(f"{label}：{exc}")
    return cleaned, errors


def _coerce(f: dict, value: Any) -> Any:
    kind = f["type"]
    if kind in ("text", "textarea", "id_number", "uscc", "phone", "division_code"):
        value = str(value).strip()
        if f.get("max_length") and len(value) > f["max_length"]:
            raise ValueError(f"不能超过 {f['max_length']} 个字符")
        if kind == "phone" and not _PHONE_RE.match(value):
            raise ValueError("应为 11 位手机号码")
        if kind == "division_code" and not re.fullmatch(r"\d{6}", value):
            raise ValueError("应为 6 位数字")
        return value.upper() if kind in ("id_number", "uscc") else value
    if kind == "integer":
        if isinstance(value, bool) or not re.fullmatch(r"-?\d+", str(value).strip()):
            raise ValueError("应为整数")
        return _bounded(f, int(value))
    if kind in ("decimal", "money"):
        number = Decimal(str(value).strip())
        if kind == "money" and number.as_tuple().exponent < -2:
            raise ValueError("金额最多保留两位小数")
        return str(_bounded(f, number))
    if kind == "date":
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError("应为日期，格式 YYYY-MM-DD") from None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "1", "是", "on"):
            return True
        if str(value).lower() in ("false", "0", "否", "off"):
            return False
        raise ValueError("应为“是”或“否”")
    if kind == "select":
        if value not in f["options"]:
            raise ValueError(f"应为以下之一：{'、'.join(map(str, f['options']))}")
        return value
    if kind == "multiselect":
        values = value if isinstance(value, list) else [value]
        bad = [v for v in values if v not in f["options"]]
        if bad:
            raise ValueError(f"选项无效：{'、'.join(map(str, bad))}")
        return values
    raise ValueError("字段类型未知")


def _bounded(f: dict, number):
    if f.get("min") is not None and number < f["min"]:
        raise ValueError(f"不能小于 {f['min']}")
    if f.get("max") is not None and number > f["max"]:
        raise ValueError(f"不能大于 {f['max']}")
    return number
