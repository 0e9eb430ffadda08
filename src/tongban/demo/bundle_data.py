"""The demo 一件事 bundles (国发〔2024〕3号; 国办发〔2025〕24号 — legal-rules.md §9), over the demo catalogue.

Each bundle's one form (data dictionary) is the union of its members' form fields: a field with the same name in
several items (company_name, uscc, contact_phone …) is asked once; fields with other names are mapped
(field_map), fixed (fixed) or filled with the day the member starts (@start_date). Fields that only a
conditional member needs become required only when its condition holds.
"""

from __future__ import annotations

import copy

from tongban.demo import catalog_data as cd

_BY_NAME = {e["spec"]["name"]: e for e in cd.ITEMS}


def code_of(name: str) -> str:
    return _BY_NAME[name]["code"]


def merged_fields(members: list[dict], *, rename: dict[str, str] | None = None, extra: list[dict] = (),
                  conditional: dict[str, dict] | None = None, labels: dict[str, str] | None = None) -> list[dict]:
    """The union of the members' form fields (first definition wins), minus those fixed or mapped elsewhere."""
    rename = rename or {}
    conditional = conditional or {}
    fields: dict[str, dict] = {}
    for m in members:
        spec = _BY_NAME[m["item"]]["spec"]
        for f in spec["form_schema"]:
            if f["name"] in m.get("fixed", {}) or m.get("field_map", {}).get(f["name"], "").startswith("@"):
                continue
            name = m.get("field_map", {}).get(f["name"], f["name"])
            if name in fields:
                continue
            field = copy.deepcopy(f)
            field["name"] = name
            if name in conditional and field.get("required"):
                field["required"] = False
                field["required_if"] = conditional[name]
            if labels and name in labels:
                field["label"] = labels[name]
            fields[name] = field
    return [*fields.values(), *extra]


def _members(members: list[dict]) -> list[dict]:
    out = []
    for m in members:
        spec = {"key": m["key"], "item_code": code_of(m["item"])}
        for k in ("mode", "after", "condition", "field_map", "fixed"):
            if k in m:
                spec[k] = m[k]
        out.append(spec)
    return out


def _materials(entries: list[tuple[str, str, list[tuple[str, str]]]]) -> list[dict]:
    return [{"code": code, "name": name, "sources": [{"member": k, "requirement": r} for k, r in sources]}
            for code, name, sources in entries]


HIRING = {"field": "will_hire", "equals": True}

# 企业开办一件事: 设立登记, then 公章; 发票, 社保, 公积金 (if hiring) and 银行开户预约 at once.
_QYKB = [
    {"key": "setup", "item": "公司设立登记"},
    {"key": "seal", "item": "公章刻制备案", "mode": "after", "after": "setup", "fixed": {"reissue": False}},
    {"key": "invoice", "item": "发票申领"},
    {"key": "social", "item": "社会保险登记（单位参保）", "field_map": {"established_date": "@start_date"}},
    {"key": "fund", "item": "住房公积金单位缴存登记", "condition": HIRING},
    {"key": "bank", "item": "银行开户预约"},
]

_JYZX = [
    {"key": "tax", "item": "清税证明开具"},
    {"key": "social", "item": "社会保险注销登记（单位）"},
    {"key": "deregister", "item": "企业简易注销登记", "mode": "after", "after": "tax"},
]

_QYQY = [
    {"key": "move", "item": "企业迁移登记"},
    {"key": "tax", "item": "跨区域涉税事项迁移", "mode": "after", "after": "move", "fixed": {"pending_matters": False}},
]

_GZQ = [
    {"key": "close", "item": "个体工商户注销登记", "fixed": {"convert_to_company": True},
     "field_map": {"applicant_name": "legal_rep_name", "id_number": "legal_rep_id", "phone": "contact_phone"}},
    {"key": "setup", "item": "公司设立登记"},
    {"key": "social", "item": "社会保险登记（单位参保）", "mode": "after", "after": "setup",
     "field_map": {"established_date": "@start_date"}},
]

ROAD = {"field": "needs_road_work", "equals": True}
_KG = [
    {"key": "permit", "item": "建筑工程施工许可证核发"},
    {"key": "quality", "item": "建设工程质量安全监督登记"},
    {"key": "road", "item": "城市道路占用挖掘许可", "condition": ROAD},
]

_CDZ = [
    {"key": "power", "item": "充电桩报装"},
    {"key": "filing", "item": "住宅小区充电设施安装报备"},
]

_NSS = [
    {"key": "market", "item": "企业合法合规信息核查（市场监管）"},
    {"key": "tax", "item": "企业合法合规信息核查（税务）"},
    {"key": "hr", "item": "企业合法合规信息核查（人力资源社会保障）"},
    {"key": "eco", "item": "企业合法合规信息核查（生态环境）"},
]


def _spec(name, members, *, summary, theme, stage, level, year, lead, cooperating, days, fields, materials=(),
          joint=False, visits=0, report=False) -> dict:
    return {"name": name, "summary": summary, "theme": theme, "stage": stage, "list_level": level,
            "list_year": year, "lead_department": lead, "cooperating_departments": cooperating,
            "promised_days": days, "joint_licence": joint, "visits": visits, "combined_report": report,
            "fields": fields, "members": _members(members), "materials": _materials(list(materials))}


# (code, owner department whose admin defines it, spec)
BUNDLES = [
    ("QYKB", cd.MARKET, _spec(
        "企业开办一件事", _QYKB,
        summary="一次申请、一表填报、一套材料：公司设立登记、公章刻制、发票申领、社保登记、公积金缴存登记（招用员工的）和银行开户预约同步办理，"
                "营业执照核准后公章刻制自动启动。",
        theme="enterprise", stage="准入准营", level="national", year=2024, lead=cd.MARKET,
        cooperating=[cd.POLICE, cd.TAX, cd.HR, cd.HPF, cd.PBC], days=1,
        fields=merged_fields(_QYKB, extra=[{"name": "will_hire", "label": "是否招用员工（招用的同步办理公积金缴存登记）",
                                            "type": "boolean", "required": False}],
                             conditional={"contribution_rate": HIRING},
                             labels={"uscc": "统一社会信用代码（名称自主申报时赋予）",
                                     "employee_count": "拟招用职工人数（不招用填 0）"}),
        materials=[
            ("application", "企业开办综合申请表（一表通，系统生成后签名）", [
                ("setup", "公司登记（备案）申请书"), ("invoice", "发票领用申请表"),
                ("fund", "单位住房公积金缴存登记表"), ("bank", "银行开户预约表")]),
        ])),
    ("JYZX", cd.MARKET, _spec(
        "简易注销一件事", _JYZX,
        summary="未开业或者无债权债务的企业，一次申请同步办理清税、社保注销和简易注销登记；清税完成后注销登记自动启动。",
        theme="enterprise", stage="注销退出", level="national", year=2024, lead=cd.MARKET,
        cooperating=[cd.TAX, cd.HR], days=1, fields=merged_fields(_JYZX))),
    ("QYQY", cd.MARKET, _spec(
        "企业迁移一件事", _QYQY,
        summary="企业住所跨区迁移，向迁入地一次申请，迁移登记核准后税务迁移自动办理，档案和涉税事项随户转移。",
        theme="enterprise", stage="经营发展", level="provincial", year=2025, lead=cd.MARKET,
        cooperating=[cd.TAX], days=1, fields=merged_fields(_QYQY))),
    ("GZQ", cd.MARKET, _spec(
        "个转企一件事", _GZQ,
        summary="个体工商户转型为企业，一次申请同步办理个体户注销和公司设立登记，原字号和统一社会信用代码信息可以沿用；公司成立后社保登记自动启动。",
        theme="enterprise", stage="经营发展", level="city", year=2025, lead=cd.MARKET,
        cooperating=[cd.HR], days=1, fields=merged_fields(_GZQ))),
    ("KGGL", cd.HOUSING, _spec(
        "开工管理一件事", _KG,
        summary="建设项目开工前，施工许可、工程质量安全监督登记一次申请、联合办理；需要占用挖掘城市道路的同步申请道路占用挖掘许可。",
        theme="enterprise", stage="工程建设", level="national", year=2024, lead=cd.HOUSING,
        cooperating=[cd.CITYMGMT], days=5, joint=True,
        fields=merged_fields(_KG, extra=[{"name": "needs_road_work", "label": "是否需要占用、挖掘城市道路",
                                          "type": "boolean", "required": False}],
                             conditional={n: ROAD for n in ("road_name", "kind", "area", "start_date", "end_date")}),
        materials=[("contract", "施工合同", [("permit", "施工合同"), ("quality", "施工合同")])])),
    ("CDZB", cd.GRID, _spec(
        "充电桩报装一件事", _CDZ,
        summary="居民在小区固定车位安装充电桩，一次申请同步办理供电报装和小区充电设施安装报备，物业凭报备信息配合安装。",
        theme="personal", stage="出行", level="city", year=2025, lead=cd.GRID, cooperating=[cd.HOUSING], days=3,
        fields=merged_fields(_CDZ),
        materials=[("parking", "车位产权证明或者租赁合同", [("power", "车位产权证明或者租赁合同"),
                                                  ("filing", "车位产权证明或者租赁合同")])])),
    ("NSSW", cd.BUREAU, _spec(
        "拟上市企业无违规证明一件事", _NSS,
        summary="拟上市企业一次申请，市场监管、税务、人社、生态环境等部门同步核查，汇总出具一份加盖电子印章的合法合规信息核查报告。",
        theme="enterprise", stage="经营发展", level="national", year=2024, lead=cd.BUREAU,
        cooperating=[cd.MARKET, cd.TAX, cd.HR, cd.ECO], days=5, report=True,
        fields=merged_fields(_NSS),
        materials=[("request", "合法合规信息核查申请书", [(m["key"], "合法合规信息核查申请书") for m in _NSS])])),
]
