"""The canonical shape of a bundle version — one format for the service, the API and the demo seed.

Members name catalogue items by their code; the data dictionary (`fields`) uses the catalogue's form-field shape
(catalog.form_schema) and says, per member, which item field each bundle field fills; `materials` gives each
shared material a code and the members' requirements (by name) it stands for.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tongban.bundles.domain import check_condition, check_order
from tongban.catalog.form_schema import check_schema

SPECIAL_SOURCES = {"@start_date"}  # the day the member starts (a dependent: the day its predecessor was granted)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MemberSpec(_Spec):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$", description="成员标识，如 setup、seal")
    item_code: str = Field(min_length=1, description="目录中的事项编码")
    mode: str = Field(default="parallel", pattern="^(parallel|after)$", description="parallel 并行 / after 在前置事项准予后")
    after: str = Field(default="", description="mode 为 after 时：前置成员的标识")
    condition: dict = Field(default_factory=dict, description='办理条件，如 {"field": "will_hire", "equals": true}')
    field_map: dict[str, str] = Field(default_factory=dict, description="事项表单字段 → 一表申请字段（同名字段自动对应）；"
                                      "“@start_date”为该成员启动之日（如成立日期）")
    fixed: dict = Field(default_factory=dict, description="事项表单字段 → 固定取值")


class MaterialSource(_Spec):
    member: str
    requirement: str = Field(min_length=1, description="该成员事项中的材料名称")


class SharedMaterialSpec(_Spec):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{0,47}$")
    name: str = Field(min_length=1, max_length=255)
    formats: list[str] = Field(default_factory=lambda: ["pdf"])
    sources: list[MaterialSource] = Field(min_length=1)
    notes: str = ""


class BundleSpec(_Spec):
    name: str = Field(min_length=2, max_length=128)
    summary: str = ""
    theme: str = Field(pattern="^(enterprise|personal)$")
    stage: str = ""
    list_level: str = Field(pattern="^(national|provincial|city)$")
    list_year: int = Field(ge=2019, le=2100)
    lead_department: str
    cooperating_departments: list[str] = Field(default_factory=list)
    promised_days: int = Field(ge=0, le=365)
    joint_licence: bool = False
    visits: int = Field(default=0, ge=0, le=2)
    combined_report: bool = False
    fields: list[dict] = Field(default_factory=list)
    members: list[MemberSpec] = Field(min_length=2)
    materials: list[SharedMaterialSpec] = Field(default_factory=list)
    change_note: str = ""

    @model_validator(mode="after")
    def _rules(self):
        problems = list(check_schema(self.fields))
        names = {f.get("name") for f in self.fields}
        keys = {m.key for m in self.members}
        problems += check_order([(m.key, m.after if m.mode == "after" else None) for m in self.members])
        for m in self.members:
            if m.mode == "after" and not m.after:
                problems.append(f"成员“{m.key}”在前置事项准予后办理，须写明前置成员")
            if m.mode == "parallel" and m.after:
                problems.append(f"成员“{m.key}”为并行办理，不应写前置成员")
            problems += [f"成员“{m.key}”：{p}" for p in check_condition(m.condition, names)]
            for item_field, bundle_field in m.field_map.items():
                if bundle_field not in names and bundle_field not in SPECIAL_SOURCES:
                    problems.append(f"成员“{m.key}”的字段“{item_field}”映射到一表申请中不存在的字段“{bundle_field}”")
        codes = [m.code for m in self.materials]
        for code in {c for c in codes if codes.count(c) > 1}:
            problems.append(f"材料编码“{code}”重复")
        for mat in self.materials:
            for src in mat.sources:
                if src.member not in keys:
                    problems.append(f"材料“{mat.name}”引用了不存在的成员“{src.member}”")
        # 行政许可法 第四十二条第二款: joint handling has 45 working days; a promise may be shorter, never longer.
        if self.joint_licence and self.promised_days > 45:
            problems.append("联合办理的承诺时限不能超过 45 个工作日（行政许可法第四十二条第二款）")
        if problems:
            raise ValueError("；".join(problems))
        return self
