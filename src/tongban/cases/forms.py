"""Forms of the application pages (portal 网上申请 and the 综窗's 窗口收件).

The application form itself is generated from the item version's `form_schema` (tongban.catalog.form_schema):
`schema_fields` describes each field for the template (typed input, required mark, required_if condition,
current value and errors) and `schema_form_data` turns the posted inputs back into the JSON the case keeps.
Neither validates: the case services check the data with `clean_data` on submission, and their messages are
shown beside the fields. The fixed forms below only shape input; every rule that matters is in the services.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tongban.catalog.form_schema import is_required
from tongban.people.models import IdType

FIELD_PREFIX = "field_"
IDEMPOTENCY_FIELD = "idempotency_key"
_INTEGER = re.compile(r"-?\d+")

# How each schema type is typed in the browser: (input type, inputmode, autocomplete, placeholder).
_INPUTS: dict[str, tuple[str, str, str, str]] = {
    "text": ("text", "", "", ""),
    "integer": ("text", "numeric", "", ""),
    "decimal": ("text", "decimal", "", ""),
    "money": ("text", "decimal", "", "0.00"),
    "date": ("date", "", "", ""),
    "phone": ("tel", "tel", "tel", "13800000000"),
    "id_number": ("text", "", "off", ""),
    "uscc": ("text", "", "off", ""),
    "division_code": ("text", "numeric", "", "320500"),
}
_MAX_LENGTH = {"phone": 11, "id_number": 18, "uscc": 18, "division_code": 6}
_HINTS = {
    "id_number": _("18 位公民身份号码，末位可为 X"),
    "uscc": _("18 位统一社会信用代码，见营业执照"),
    "money": _("单位：元，最多两位小数"),
    "division_code": _("6 位行政区划代码"),
    "phone": _("11 位手机号码"),
}


def new_idempotency_key() -> str:
    """A fresh key for one rendering of a form: a retried or double-clicked POST carries the same key."""
    return secrets.token_urlsafe(24)


def posted_key(data) -> str:
    """The Idempotency-Key of a POST (hidden field), at most 64 characters like the case column."""
    return str(data.get(IDEMPOTENCY_FIELD, "")).strip()[:64]


@dataclass
class SchemaField:
    """One field of the generated application form, ready for the template."""

    name: str
    label: str
    type: str
    required: bool
    value: Any
    errors: list[str] = field(default_factory=list)
    help: str = ""
    options: list = field(default_factory=list)
    max_length: int | None = None
    input_type: str = "text"
    inputmode: str = ""
    autocomplete: str = ""
    placeholder: str = ""
    hint: str = ""
    condition_field: str = ""
    condition_label: str = ""
    condition_equals: str = ""  # JSON, for the little script that shows and hides the field
    condition_text: str = ""
    condition_met: bool = True

    @property
    def input_name(self) -> str:
        return FIELD_PREFIX + self.name

    @property
    def input_id(self) -> str:
        return "id_" + FIELD_PREFIX + self.name

    @property
    def text_value(self) -> str:
        if self.value is None or isinstance(self.value, bool | list):
            return ""
        return str(self.value)

    @property
    def values(self) -> list[str]:
        if isinstance(self.value, list):
            return [str(v) for v in self.value]
        return [] if self.value in (None, "") else [str(self.value)]

    @property
    def bool_value(self) -> str:
        """"true", "false" or "" (unanswered): which radio button is checked."""
        if self.value is True:
            return "true"
        if self.value is False:
            return "false"
        return ""


def _condition_text(label: str, equals: Any) -> str:
    if equals is True:
        shown = _("是")
    elif equals is False:
        shown = _("否")
    else:
        shown = str(equals)
    return str(_("“%(label)s”为“%(value)s”时必填")) % {"label": label, "value": shown}


def schema_fields(schema: list[dict], values: dict | None, errors: dict[str, list[str]] | None = None) -> list[SchemaField]:
    """The fields of `schema` with `values` (the case's form data, or what was just posted) and their errors."""
    values = values or {}
    errors = errors or {}
    labels = {f["name"]: f.get("label", f["name"]) for f in schema}
    fields = []
    for f in schema:
        kind = f.get("type", "text")
        input_type, inputmode, autocomplete, placeholder = _INPUTS.get(kind, ("text", "", "", ""))
        cond = f.get("required_if") or {}
        sf = SchemaField(
            name=f["name"], label=f.get("label", f["name"]), type=kind,
            required=bool(f.get("required")) and not cond,
            value=values.get(f["name"]), errors=list(errors.get(f["name"], [])),
            help=f.get("help", ""), options=list(f.get("options") or []),
            max_length=f.get("max_length") or _MAX_LENGTH.get(kind),
            input_type=input_type, inputmode=inputmode, autocomplete=autocomplete, placeholder=placeholder,
            hint=str(_HINTS.get(kind, "")),
        )
        if cond:
            sf.condition_field = FIELD_PREFIX + str(cond.get("field", ""))
            sf.condition_label = labels.get(cond.get("field"), cond.get("field", ""))
            sf.condition_equals = json.dumps(cond.get("equals"), ensure_ascii=False)
            sf.condition_text = _condition_text(sf.condition_label, cond.get("equals"))
            sf.condition_met = is_required(f, values)
        fields.append(sf)
    return fields


def schema_form_data(schema: list[dict], post) -> dict:
    """The posted inputs as the case's form data: booleans as true/false, whole numbers as integers (so a
    required_if rule compares like with like), multiple choices as lists; empty inputs are left out."""
    data: dict[str, Any] = {}
    for f in schema:
        name, kind = f["name"], f.get("type", "text")
        key = FIELD_PREFIX + name
        if kind == "multiselect":
            chosen = [v for v in post.getlist(key) if v != ""]
            if chosen:
                data[name] = chosen
            continue
        raw = post.get(key)
        if raw is None:
            continue
        raw = str(raw).strip()
        if raw == "":
            continue
        if kind == "boolean":
            if raw in ("true", "false"):
                data[name] = raw == "true"
            else:
                data[name] = raw  # the service names the mistake
        elif kind == "integer" and _INTEGER.fullmatch(raw):
            data[name] = int(raw)
        else:
            data[name] = raw
    return data


def field_errors(errors: dict[str, list[str]] | None, prefix: str) -> dict[str, list[str]]:
    """The service's errors whose key starts with `prefix` (e.g. "material_"), keyed by the rest."""
    return {k[len(prefix):]: v for k, v in (errors or {}).items() if k.startswith(prefix)}


# ---------------------------------------------------------------------------------------------------------------
# Fixed forms
# ---------------------------------------------------------------------------------------------------------------

ID_TYPES = IdType.choices


class PersonRegisterForm(forms.Form):
    """网上实名登记 (person_register). The service checks the number (GB 11643) and every other rule."""

    name = forms.CharField(label=_("姓名"), max_length=64, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_type = forms.ChoiceField(label=_("证件类型"), choices=ID_TYPES, initial=IdType.RESIDENT_ID)
    id_number = forms.CharField(label=_("证件号码"), max_length=32,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    phone = forms.CharField(label=_("手机号码"), max_length=32, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
                            help_text=_("用于接收办件进度短信，可不填"))
    address = forms.CharField(label=_("联系地址"), max_length=255, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "street-address"}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回原因（可不填）"), max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


APPLICANT_KINDS = [("person", _("自然人")), ("legal", _("法人和其他组织"))]


class WindowRegisterForm(forms.Form):
    """窗口收件登记: who applies (found or registered by document number, never through the URL), an optional
    agent with an authorisation in force, the window and the channel. The item comes from the search above."""

    applicant_kind = forms.ChoiceField(label=_("申请人类型"), choices=APPLICANT_KINDS, initial="person",
                                       widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    person_name = forms.CharField(label=_("姓名"), max_length=64, required=False)
    person_id_type = forms.ChoiceField(label=_("证件类型"), choices=ID_TYPES, initial=IdType.RESIDENT_ID, required=False)
    person_id_number = forms.CharField(label=_("证件号码"), max_length=32, required=False,
                                       widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    person_phone = forms.CharField(label=_("联系电话"), max_length=32, required=False,
                                   help_text=_("新登记的申请人填写，用于短信通知"))
    person_address = forms.CharField(label=_("联系地址"), max_length=255, required=False)

    legal_uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    legal_name = forms.CharField(label=_("名称"), max_length=200, required=False)
    legal_rep_name = forms.CharField(label=_("法定代表人（负责人）"), max_length=64, required=False)
    legal_rep_id_type = forms.ChoiceField(label=_("法定代表人证件类型"), choices=ID_TYPES, initial=IdType.RESIDENT_ID,
                                          required=False)
    legal_rep_id_number = forms.CharField(label=_("法定代表人证件号码"), max_length=32, required=False,
                                          widget=forms.TextInput(attrs={"autocomplete": "off"}))
    legal_address = forms.CharField(label=_("住所"), max_length=255, required=False)

    has_agent = forms.BooleanField(label=_("由代办人办理（代办帮办）"), required=False,
                                   widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    agent_name = forms.CharField(label=_("代办人姓名"), max_length=64, required=False)
    agent_id_type = forms.ChoiceField(label=_("代办人证件类型"), choices=ID_TYPES, initial=IdType.RESIDENT_ID,
                                      required=False)
    agent_id_number = forms.CharField(label=_("代办人证件号码"), max_length=32, required=False,
                                      widget=forms.TextInput(attrs={"autocomplete": "off"}))
    agent_phone = forms.CharField(label=_("代办人联系电话"), max_length=32, required=False)
    authorise = forms.BooleanField(label=_("现场登记授权委托书（代办人尚无有效授权时）"), required=False,
                                   widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    auth_scope = forms.CharField(label=_("委托事项和权限"), max_length=2000, required=False)
    auth_valid_until = forms.DateField(label=_("授权截止日期"), required=False,
                                       widget=forms.DateInput(attrs={"type": "date"}))

    window = forms.TypedChoiceField(label=_("收件窗口"), coerce=int, choices=())
    channel = forms.ChoiceField(label=_("申请渠道"), widget=forms.RadioSelect(attrs={"class": "form-check-input"}), choices=(
        ("window", _("窗口收件（本地办理）")),
        ("cross_region", _("跨域通办（异地事项，本窗口收件、结果在本窗口交付）")),
    ), initial="window")
    zone = forms.TypedChoiceField(label=_("办理机构"), coerce=int, required=False, empty_value=None, choices=())

    REQUIRED = {
        "person": ("person_name", "person_id_number"),
        "legal": ("legal_uscc",),
        "agent": ("agent_name", "agent_id_number"),
    }

    def __init__(self, *args, windows=(), zones=(), default_department: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # Which fields are required depends on the applicant's kind and on an agent: a bound form requires exactly
        # those; an unbound one marks every one of them (only the section in use is shown).
        if self.is_bound:
            kind = self.data.get("applicant_kind") if self.data.get("applicant_kind") in self.REQUIRED else "person"
            needed = set(self.REQUIRED[kind]) | (set(self.REQUIRED["agent"]) if self.data.get("has_agent") else set())
        else:
            needed = {name for names in self.REQUIRED.values() for name in names}
        for name in {n for names in self.REQUIRED.values() for n in names}:
            field = self.fields[name]
            field.required = name in needed
            field.error_messages["required"] = _("请填写%(label)s。") % {"label": field.label}
        self.fields["window"].choices = [(w.pk, f"{w.hall.name} · {w.number} {w.name}（{w.hall.region.name}）")
                                         for w in windows]
        if len(windows) == 1:
            self.fields["window"].initial = windows[0].pk
        self.fields["zone"].choices = [("", default_department)] + [(z.pk, z.name) for z in zones]

    def clean(self):
        data = super().clean()
        if data.get("has_agent") and data.get("authorise") and not data.get("auth_valid_until"):
            self.add_error("auth_valid_until", _("请填写授权截止日期。"))
        return data


# Keys of people-service errors → fields of WindowRegisterForm, per role of the person.
PERSON_ERROR_FIELDS = {"name": "name", "id_number": "id_number", "phone": "phone", "address": "address"}
LEGAL_ERROR_FIELDS = {"name": "legal_name", "uscc": "legal_uscc", "legal_representative_name": "legal_rep_name",
                      "legal_representative_id_number": "legal_rep_id_number", "address": "legal_address"}
AUTH_ERROR_FIELDS = {"scope": "auth_scope", "valid_until": "auth_valid_until"}
