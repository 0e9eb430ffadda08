"""Forms for the catalogue pages: the public search box, and the workbench editor of an item version.

The editor is a plain Django form for the scalar elements of the 实施规范 plus one formset per kind of row
(legal bases, fees, materials, review steps). The forms only shape the input: `version_spec_data` turns them
into the canonical VersionSpec dict, and `tongban.catalog.services` does every check that matters (promised ≤
statutory, steps fit the promised limit, fees need a basis, …) and every write. See docs/adr/0008.
"""

from __future__ import annotations

import json
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from tongban.catalog.models import (
    Fee,
    ItemType,
    ItemVersion,
    LegalBasis,
    MaterialRequirement,
    ReviewStep,
    ServiceItem,
    Theme,
)
from tongban.org.models import Department, Hall, Role, Window


def _label(model, name: str):
    return model._meta.get_field(name).verbose_name


def _text(rows: int = 3, **attrs):
    return forms.Textarea(attrs={"rows": rows, **attrs})


# 网办深度 (legal-rules.md §7): the four levels published in a guide.
ONLINE_DEPTHS = [
    (1, _("一级：信息公开")),
    (2, _("二级：在线预约、表格下载")),
    (3, _("三级：在线申请、线下取件或核验")),
    (4, _("四级：全程网办")),
]
VISITS = [(0, _("0 次（零跑动）")), (1, _("1 次（最多跑一次）")), (2, _("2 次"))]
_SPLIT = re.compile(r"[\s,，、;；]+")


def split_list(value: str) -> list[str]:
    return [part for part in _SPLIT.split(value or "") if part]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("搜索事项和常见问题"), max_length=100, strip=True,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("例如：开饭店要办什么证"), "autocomplete": "off"}),
    )


class WindowChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Window) -> str:
        return f"{obj.hall.name} · {obj.number} {obj.name}"


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.get_audience_display()} · {obj.name}"


class VersionForm(forms.Form):
    """The scalar elements of one version, in the order a guide shows them."""

    name = forms.CharField(label=_label(ItemVersion, "name"), min_length=2, max_length=128)
    item_type = forms.ChoiceField(label=_label(ItemVersion, "item_type"), choices=ItemType.choices)
    competent_department = forms.ModelChoiceField(
        label=_label(ItemVersion, "competent_department"), queryset=Department.objects.filter(is_active=True)
    )
    implementing_department = forms.ModelChoiceField(
        label=_label(ItemVersion, "implementing_department"), queryset=Department.objects.filter(is_active=True)
    )
    summary = forms.CharField(label=_label(ItemVersion, "summary"), required=False, widget=_text(2))
    acceptance_conditions = forms.CharField(label=_label(ItemVersion, "acceptance_conditions"), widget=_text(4))
    review_criteria = forms.CharField(label=_label(ItemVersion, "review_criteria"), required=False, widget=_text(3))
    statutory_days = forms.IntegerField(label=_label(ItemVersion, "statutory_days"), min_value=0, max_value=365)
    promised_days = forms.IntegerField(
        label=_label(ItemVersion, "promised_days"), min_value=0, max_value=365,
        help_text=_("不得超过法定时限；各审查环节时限之和不得超过承诺时限。"),
    )
    handling = forms.ChoiceField(label=_label(ItemVersion, "handling"), choices=ItemVersion.Handling.choices,
                                 initial=ItemVersion.Handling.PROMISED)
    extension_days = forms.IntegerField(
        label=_label(ItemVersion, "extension_days"), min_value=0, max_value=60, initial=10,
        help_text=_("行政许可法第四十二条：经本机关负责人批准可延长十日；法律另有规定的从其规定。"),
    )
    online_depth = forms.TypedChoiceField(label=_label(ItemVersion, "online_depth"), choices=ONLINE_DEPTHS, coerce=int)
    visits = forms.TypedChoiceField(label=_label(ItemVersion, "visits"), choices=VISITS, coerce=int)
    free_of_charge = forms.BooleanField(
        label=_label(ItemVersion, "free_of_charge"), required=False,
        help_text=_("收费的，请取消勾选并在下方“收费”中列出项目、标准及依据。"),
    )
    tolerance_allowed = forms.BooleanField(label=_label(ItemVersion, "tolerance_allowed"), required=False)
    tolerance_conditions = forms.CharField(
        label=_label(ItemVersion, "tolerance_conditions"), required=False, widget=_text(2)
    )
    commitment_allowed = forms.BooleanField(label=_label(ItemVersion, "commitment_allowed"), required=False)
    commitment_conditions = forms.CharField(
        label=_label(ItemVersion, "commitment_conditions"), required=False, widget=_text(2)
    )
    consultation_phone = forms.CharField(label=_label(ItemVersion, "consultation_phone"), max_length=64)
    complaint_phone = forms.CharField(label=_label(ItemVersion, "complaint_phone"), max_length=64)
    halls = forms.ModelMultipleChoiceField(
        label=_label(ItemVersion, "halls"), queryset=Hall.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    windows = WindowChoiceField(
        label=_label(ItemVersion, "windows"), queryset=Window.objects.select_related("hall").order_by("hall__name", "number"),
        required=False, widget=forms.CheckboxSelectMultiple,
    )
    themes = ThemeChoiceField(
        label=_label(ItemVersion, "themes"), queryset=Theme.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    extra_procedures = forms.CharField(
        label=_label(ItemVersion, "extra_procedures"), required=False,
        help_text=_("如“现场勘验”“专家评审”，多个用顿号或逗号分隔。"),
    )
    form_schema = forms.CharField(
        label=_label(ItemVersion, "form_schema"), required=False,
        widget=_text(8, spellcheck="false", **{"class": "font-monospace small"}),
        help_text=_("JSON 数组，每个字段形如 {\"name\": \"business_name\", \"label\": \"经营者名称\", \"type\": \"text\", \"required\": true}。"),
    )
    change_note = forms.CharField(label=_label(ItemVersion, "change_note"), required=False, widget=_text(2))

    def clean_form_schema(self):
        raw = self.cleaned_data["form_schema"].strip()
        if not raw:
            return []
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("申请表不是有效的 JSON（第 %(line)s 行第 %(col)s 列）。"), params={"line": exc.lineno, "col": exc.colno}
            ) from None
        if not isinstance(value, list) or not all(isinstance(f, dict) for f in value):
            raise forms.ValidationError(_("申请表应为 JSON 数组，每个元素是一个字段对象。"))
        return value

    @classmethod
    def initial_for(cls, version: ItemVersion) -> dict:
        initial = {name: getattr(version, name) for name in cls.base_fields if hasattr(version, name)}
        initial.update(
            competent_department=version.competent_department_id,
            implementing_department=version.implementing_department_id,
            halls=list(version.halls.values_list("pk", flat=True)),
            windows=list(version.windows.values_list("pk", flat=True)),
            themes=list(version.themes.values_list("pk", flat=True)),
            extra_procedures="、".join(version.extra_procedures),
            form_schema=json.dumps(version.form_schema, ensure_ascii=False, indent=2) if version.form_schema else "",
        )
        return initial


class ItemCreateForm(forms.Form):
    code = forms.CharField(
        label=_label(ServiceItem, "code"), max_length=64,
        help_text=_("GB/T 39554.1 实施编码：14位基本编码-12位区划-3位-18位信用代码-1位-2位办理项。"),
        widget=forms.TextInput(attrs={"class": "font-monospace", "spellcheck": "false"}),
    )
    owner = forms.ModelChoiceField(label=_label(ServiceItem, "owner"), queryset=Department.objects.none())
    parent_code = forms.CharField(
        label=_("上级事项编码（子项时填写）"), max_length=64, required=False,
        widget=forms.TextInput(attrs={"class": "font-monospace", "spellcheck": "false"}),
    )

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners if owners is not None else Department.objects.none()

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_parent_code(self):
        code = self.cleaned_data["parent_code"].strip().upper()
        if not code:
            return None
        parent = ServiceItem.objects.filter(code=code).first()
        if parent is None:
            raise forms.ValidationError(_("上级事项编码不存在。"))
        return parent


class _RowForm(forms.Form):
    """A row of a formset. An untouched blank row is skipped; `spec()` gives its VersionSpec dict."""

    def spec(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("DELETE", "ORDER")}


class LegalBasisForm(_RowForm):
    kind = forms.ChoiceField(label=_label(LegalBasis, "kind"), choices=LegalBasis.Kind.choices,
                             initial=LegalBasis.Kind.SETTING)
    law = forms.CharField(label=_label(LegalBasis, "law"), max_length=128)
    article = forms.CharField(label=_label(LegalBasis, "article"), max_length=64, required=False)
    text = forms.CharField(label=_label(LegalBasis, "text"), required=False, widget=_text(2))


class FeeForm(_RowForm):
    name = forms.CharField(label=_label(Fee, "name"), max_length=128)
    standard = forms.CharField(label=_label(Fee, "standard"), max_length=255)
    basis = forms.CharField(label=_label(Fee, "basis"), max_length=255)


class MaterialForm(_RowForm):
    name = forms.CharField(label=_label(MaterialRequirement, "name"), max_length=255)
    source = forms.ChoiceField(label=_label(MaterialRequirement, "source"), choices=MaterialRequirement.Source.choices,
                               initial=MaterialRequirement.Source.APPLICANT)
    source_detail = forms.CharField(label=_label(MaterialRequirement, "source_detail"), max_length=128, required=False)
    form = forms.ChoiceField(label=_label(MaterialRequirement, "form"), choices=MaterialRequirement.Form.choices,
                             initial=MaterialRequirement.Form.ELECTRONIC)
    copies = forms.IntegerField(label=_label(MaterialRequirement, "copies"), min_value=1, max_value=99, initial=1)
    formats = forms.CharField(label=_label(MaterialRequirement, "formats"), max_length=128, required=False,
                              initial="pdf", help_text=_("如 pdf、jpg，逗号分隔"))
    condition = forms.CharField(label=_label(MaterialRequirement, "condition"), max_length=255, required=False,
                                help_text=_("留空表示必须提交"))
    notes = forms.CharField(label=_label(MaterialRequirement, "notes"), required=False, widget=_text(2))
    needs_dual_verification = forms.BooleanField(label=_label(MaterialRequirement, "needs_dual_verification"),
                                                 required=False)
    blank_form_sha256 = forms.CharField(required=False, widget=forms.HiddenInput)
    sample_sha256 = forms.CharField(required=False, widget=forms.HiddenInput)
    blank_form_upload = forms.FileField(label=_label(MaterialRequirement, "blank_form"), required=False)
    sample_upload = forms.FileField(label=_label(MaterialRequirement, "sample"), required=False)
    blank_form_clear = forms.BooleanField(label=_("移除空白表格"), required=False)
    sample_clear = forms.BooleanField(label=_("移除填写样表"), required=False)

    def spec(self) -> dict:
        data = self.cleaned_data
        spec = {k: data[k] for k in ("name", "source", "source_detail", "form", "copies", "condition", "notes",
                                     "needs_dual_verification")}
        spec["formats"] = [f.lower().lstrip(".") for f in split_list(data["formats"])]
        for key in ("blank_form", "sample"):
            sha = "" if data[f"{key}_clear"] else data[f"{key}_sha256"]
            spec[f"{key}_sha256"] = sha or None
        return spec


class StepForm(_RowForm):
    name = forms.CharField(label=_label(ReviewStep, "name"), max_length=64)
    role = forms.ChoiceField(label=_label(ReviewStep, "role"), choices=Role.choices, initial=Role.REVIEWER)
    workdays = forms.IntegerField(label=_label(ReviewStep, "workdays"), min_value=0, max_value=365)
    description = forms.CharField(label=_label(ReviewStep, "description"), required=False, widget=_text(2))


def _formset(form, *, order: bool = False):
    return forms.formset_factory(form, extra=1, can_delete=True, can_order=order, max_num=200, validate_max=True)


LegalBasisFormSet = _formset(LegalBasisForm)
FeeFormSet = _formset(FeeForm)
MaterialFormSet = _formset(MaterialForm, order=True)
StepFormSet = _formset(StepForm, order=True)

# (prefix, formset class, title, the VersionSpec key it fills)
ROW_SETS = (
    ("legal_bases", LegalBasisFormSet, _("设定依据和实施依据"), "legal_bases"),
    ("materials", MaterialFormSet, _("申请材料"), "materials"),
    ("steps", StepFormSet, _("办理流程（审查环节）"), "steps"),
    ("fees", FeeFormSet, _("收费"), "fees"),
)


def initial_rows(version: ItemVersion | None) -> dict[str, list[dict]]:
    if version is None:
        return {"legal_bases": [{"kind": LegalBasis.Kind.SETTING}], "materials": [], "steps": [], "fees": []}
    return {
        "legal_bases": [
            {"kind": b.kind, "law": b.law, "article": b.article, "text": b.text} for b in version.legal_bases.all()
        ],
        "materials": [
            {
                "name": m.name, "source": m.source, "source_detail": m.source_detail, "form": m.form,
                "copies": m.copies, "formats": ", ".join(m.formats), "condition": m.condition, "notes": m.notes,
                "needs_dual_verification": m.needs_dual_verification, "ORDER": i,
                "blank_form_sha256": m.blank_form.blob.sha256 if m.blank_form_id else "",
                "sample_sha256": m.sample.blob.sha256 if m.sample_id else "",
            }
            for i, m in enumerate(version.materials.select_related("blank_form__blob", "sample__blob"), 1)
        ],
        "steps": [
            {"name": s.name, "role": s.role, "workdays": s.workdays, "description": s.description, "ORDER": i}
            for i, s in enumerate(version.steps.all(), 1)
        ],
        "fees": [{"name": f.name, "standard": f.standard, "basis": f.basis} for f in version.fees.all()],
    }


def build_editor(data=None, files=None, *, version: ItemVersion | None = None) -> tuple[VersionForm, dict]:
    """The bound (POST) or initial (GET) editor: the scalar form and the four row formsets."""
    if data is not None:
        form = VersionForm(data)
        rowsets = {prefix: cls(data, files, prefix=prefix) for prefix, cls, _t, _k in ROW_SETS}
    else:
        form = VersionForm(initial=VersionForm.initial_for(version) if version else {"free_of_charge": True})
        rows = initial_rows(version)
        rowsets = {prefix: cls(initial=rows[prefix], prefix=prefix) for prefix, cls, _t, _k in ROW_SETS}
    return form, rowsets


def _rows(formset) -> list[forms.Form]:
    """The rows to keep, in order: existing rows and filled-in new ones, minus those marked for deletion."""
    if formset.can_order:
        return list(formset.ordered_forms)
    initial = formset.initial_form_count()
    return [
        f for i, f in enumerate(formset.forms)
        if (i < initial or f.has_changed()) and not formset._should_delete_form(f)
    ]


def version_spec_data(form: VersionForm, rowsets: dict) -> dict:
    """The VersionSpec dict from a valid editor (departments, halls, windows and themes by their natural keys)."""
    data = form.cleaned_data
    spec = {
        key: data[key]
        for key in (
            "name", "item_type", "summary", "acceptance_conditions", "review_criteria", "free_of_charge",
            "statutory_days", "promised_days", "handling", "online_depth", "visits", "tolerance_allowed",
            "tolerance_conditions", "commitment_allowed", "commitment_conditions", "consultation_phone",
            "complaint_phone", "form_schema", "extension_days", "change_note",
        )
    }
    spec.update(
        competent_department=data["competent_department"].name,
        implementing_department=data["implementing_department"].name,
        halls=[h.name for h in data["halls"]],
        windows=[f"{w.hall.name}/{w.number}" for w in data["windows"]],
        themes=[{"audience": t.audience, "name": t.name} for t in data["themes"]],
        extra_procedures=split_list(data["extra_procedures"]),
    )
    for prefix, _cls, _title, key in ROW_SETS:
        spec[key] = [row.spec() for row in _rows(rowsets[prefix])]
    return spec


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("审核通过并发布")), ("return", _("退回修改"))])
    note = forms.CharField(label=_("审核意见"), required=False, max_length=2000, widget=_text(3))


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("停用理由"), max_length=500, widget=_text(2))


class FaqForm(forms.Form):
    question = forms.CharField(label=_("问题"), min_length=2, max_length=255)
    answer = forms.CharField(label=_("解答"), widget=_text(3))
