"""The canonical shape of an item version — one format for the API, import/export (JSON and Excel) and seeding.

Related rows are named by natural keys (department and hall names, "大厅/窗口号", theme audience and name, file
SHA-256), so a catalogue moves between deployments that share those names.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tongban.catalog.form_schema import check_schema


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LegalBasisSpec(_Spec):
    kind: str = Field(pattern="^(setting|implementing)$", description="setting 设定依据 / implementing 实施依据")
    law: str = Field(min_length=1, max_length=128)
    article: str = ""
    text: str = ""


class FeeSpec(_Spec):
    name: str = Field(min_length=1)
    standard: str = Field(min_length=1)
    basis: str = Field(min_length=1, description="收费依据（法律、行政法规）")


class MaterialSpec(_Spec):
    name: str = Field(min_length=1, max_length=255)
    source: str = Field(default="applicant", pattern="^(applicant|department|license)$")
    source_detail: str = ""
    form: str = Field(default="electronic", pattern="^(original|copy|both|electronic)$")
    copies: int = Field(default=1, ge=1, le=99)
    formats: list[str] = Field(default_factory=lambda: ["pdf"])
    condition: str = ""
    notes: str = ""
    needs_dual_verification: bool = False
    blank_form_sha256: str | None = None
    sample_sha256: str | None = None

    @model_validator(mode="after")
    def _detail_for_external_sources(self):
        if self.source != "applicant" and not self.source_detail:
            raise ValueError("来源为其他部门或电子证照库的材料，须写明出具部门或证照类型")
        return self


class StepSpec(_Spec):
    name: str = Field(min_length=1, max_length=64)
    role: str
    workdays: int = Field(ge=0, le=365)
    description: str = ""


class ThemeSpec(_Spec):
    audience: str = Field(pattern="^(personal|legal)$")
    name: str = Field(min_length=1)


class VersionSpec(_Spec):
    """Every 实施规范 element of one version."""

    name: str = Field(min_length=2, max_length=128)
    item_type: str
    competent_department: str
    implementing_department: str
    summary: str = ""
    acceptance_conditions: str = Field(min_length=1)
    review_criteria: str = ""
    free_of_charge: bool = True
    fees: list[FeeSpec] = Field(default_factory=list)
    statutory_days: int = Field(ge=0, le=365)
    promised_days: int = Field(ge=0, le=365)
    handling: str = Field(default="promised", pattern="^(instant|promised)$")
    online_depth: int = Field(ge=1, le=4)
    visits: int = Field(ge=0, le=2)
    tolerance_allowed: bool = False
    tolerance_conditions: str = ""
    commitment_allowed: bool = False
    commitment_conditions: str = ""
    consultation_phone: str = Field(min_length=1)
    complaint_phone: str = Field(min_length=1)
    halls: list[str] = Field(default_factory=list)
    windows: list[str] = Field(default_factory=list, description="“大厅名称/窗口号”")
    themes: list[ThemeSpec] = Field(default_factory=list)
    legal_bases: list[LegalBasisSpec] = Field(min_length=1)
    materials: list[MaterialSpec] = Field(default_factory=list)
    steps: list[StepSpec] = Field(min_length=1)
    form_schema: list[dict] = Field(default_factory=list)
    extra_procedures: list[str] = Field(default_factory=list)
    extension_days: int = Field(default=10, ge=0, le=60)
    change_note: str = ""

    @model_validator(mode="after")
    def _rules(self):
        problems = []
        if self.promised_days > self.statutory_days:
            problems.append(f"承诺时限 {self.promised_days} 个工作日超过法定时限 {self.statutory_days} 个工作日")
        total = sum(s.workdays for s in self.steps)
        if total > self.promised_days:
            problems.append(f"各审查环节时限合计 {total} 个工作日，超过承诺时限 {self.promised_days} 个工作日")
        if self.free_of_charge and self.fees:
            problems.append("已标为不收费，却列出了收费项目")
        if not self.free_of_charge and not self.fees:
            problems.append("收费事项须列出收费项目、标准及依据（行政许可法 第五十八条）")
        if not any(b.kind == "setting" for b in self.legal_bases):
            problems.append("至少需要一条设定依据")
        if self.tolerance_allowed and not self.tolerance_conditions:
            problems.append("容缺受理须写明条件")
        if self.commitment_allowed and not self.commitment_conditions:
            problems.append("告知承诺须写明条件")
        if self.handling == "instant" and self.promised_days > 0:
            problems.append("即办件的承诺时限应为 0 个工作日（当场办结）")
        problems += check_schema(self.form_schema)
        if problems:
            raise ValueError("；".join(problems))
        return self

    @field_validator("item_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        from tongban.catalog.models import ItemType

        if value not in ItemType.values:
            raise ValueError(f"事项类型“{value}”未知")
        return value


class DelegationSpec(_Spec):
    zone: str
    effective_from: date
    withdrawn_on: date | None = None
    basis: str = ""


class FaqSpec(_Spec):
    question: str = Field(min_length=2)
    answer: str = Field(min_length=1)


class VersionRecord(VersionSpec):
    """A version as exported: its spec plus where it stands in the publishing flow."""

    number: int = Field(ge=1)
    status: str = Field(pattern="^(draft|submitted|published|retired)$")


class ItemSpec(_Spec):
    code: str
    owner: str
    parent_code: str | None = None
    versions: list[VersionRecord] = Field(min_length=1)
    delegations: list[DelegationSpec] = Field(default_factory=list)
    faqs: list[FaqSpec] = Field(default_factory=list)


class CatalogueDocument(_Spec):
    format: str = Field(pattern="^tongban.catalog/1$")
    items: list[ItemSpec]
