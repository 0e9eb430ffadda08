"""Forms of the staff workbench: the case filters and one form per action of the action panel.

Every action form carries `expected_version`, the case's `row_version` when the page was rendered; the service
refuses the action with a conflict when somebody else changed the case in between (issue 5, point 9). The
forms only shape the input; the rules (who, when, what the law requires) are checked by the services.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tongban.cases.domain import Status
from tongban.cases.models import Delivery
from tongban.seals.documents.kinds import RefusalGround

# Labels of the statuses, translatable (domain.STATUS_LABELS are the Chinese originals).
STATUS_TEXT = {
    Status.DRAFT: _("草稿"),
    Status.RECEIVED: _("待受理"),
    Status.SUPPLEMENT_REQUESTED: _("待补正"),
    Status.IN_REVIEW: _("审查中"),
    Status.DECIDED: _("已决定待送达"),
    Status.REFUSED: _("不予受理待送达"),
    Status.CONCLUDED: _("已办结"),
    Status.WITHDRAWN: _("已撤回"),
}
STATUS_CHOICES = [(s.value, STATUS_TEXT[s]) for s in Status if s != Status.DRAFT]

MAX_TEXT = 2000


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class _Textarea(forms.Textarea):
    def __init__(self, rows: int = 3, **attrs):
        super().__init__(attrs={"rows": rows, **attrs})


# -- filters --------------------------------------------------------------------------------------------------


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=[("", _("办理中的全部办件"))] + STATUS_CHOICES)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("办件编号、申请人或事项名称")}))
    number = forms.CharField(label=_("办件编号"), required=False, max_length=32,
                             widget=forms.TextInput(attrs={"placeholder": "2026-SJ-000001"}))
    applicant = forms.CharField(label=_("申请人"), required=False, max_length=100,
                                help_text=_("按名称开头匹配"))
    item = forms.CharField(label=_("事项"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部"))] + STATUS_CHOICES)
    received_from = forms.DateField(label=_("收件日期自"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    received_to = forms.DateField(label=_("收件日期至"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("结束日期不能早于开始日期。"))
        return data

    def filters(self) -> dict:
        """The selector's keyword arguments (only what was given)."""
        data = self.cleaned_data
        return {k: v for k, v in data.items() if v not in (None, "")}


# -- actions --------------------------------------------------------------------------------------------------


class ActionForm(forms.Form):
    """Every action: the version of the case the page showed."""

    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput,
                                          error_messages={"required": _("页面信息不完整，请刷新后再操作。"),
                                                          "invalid": _("页面信息不完整，请刷新后再操作。")})

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        # Several action forms share field names (reason …) on one page: ids stay unique per form, so each
        # label points at its own field.
        kwargs.setdefault("auto_id", f"id_{type(self).__name__.lower()}_%s")
        super().__init__(*args, **kwargs)


class SupplementForm(ActionForm):
    """一次性补正告知: tick every material that is missing or defective and say why — all in one notice."""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.requirements = list(case.item_version.materials.all()) if case is not None else []
        for req in self.requirements:
            self.fields[f"item_{req.pk}"] = forms.BooleanField(label=req.name, required=False)
            self.fields[f"reason_{req.pk}"] = forms.CharField(
                label=_("补正原因"), required=False, max_length=200,
                widget=forms.TextInput(attrs={"placeholder": _("如：未加盖公章、缺少第 2 页、已过有效期")}))

    def rows(self):
        return [(req, self[f"item_{req.pk}"], self[f"reason_{req.pk}"]) for req in self.requirements]

    def clean(self):
        data = super().clean()
        items = []
        for req in self.requirements:
            if not data.get(f"item_{req.pk}"):
                continue
            reason = (data.get(f"reason_{req.pk}") or "").strip()
            if not reason:
                self.add_error(f"reason_{req.pk}", _("请写明“%(name)s”需要补正的原因。") % {"name": req.name})
            items.append({"requirement_id": req.pk, "reason": reason})
        if not items:
            raise forms.ValidationError(_("请勾选需要补正的全部材料，并逐项写明原因（一次性告知）。"))
        data["items"] = items
        return data


class RefuseForm(ActionForm):
    reasons = forms.CharField(label=_("不予受理的理由"), max_length=MAX_TEXT, widget=_Textarea(3),
                              help_text=_("每行一条理由。"))
    ground = forms.ChoiceField(label=_("不予受理的情形"), choices=RefusalGround.choices, initial=RefusalGround.OTHER)
    competent_agency = forms.CharField(label=_("有权受理的行政机关"), required=False, max_length=200,
                                       help_text=_("不属于本机关职权范围的，须告知申请人向哪个行政机关申请。"))

    def clean(self):
        data = super().clean()
        data["reason_list"] = _lines(data.get("reasons", ""))
        if data.get("ground") == RefusalGround.NOT_COMPETENT and not (data.get("competent_agency") or "").strip():
            self.add_error("competent_agency", _("不属于本机关职权范围的，须告知有权受理的行政机关。"))
        return data


class InstantForm(ActionForm):
    content = forms.CharField(label=_("准予内容"), max_length=MAX_TEXT, widget=_Textarea(2))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            self.fields["content"].initial = _("准予%(item)s") % {"item": case.item_version.name}


class CompleteStepForm(ActionForm):
    opinion = forms.CharField(label=_("审查意见"), max_length=MAX_TEXT, widget=_Textarea(3))


class ReturnStepForm(ActionForm):
    to_order = forms.TypedChoiceField(label=_("退回到"), coerce=int, choices=())
    reason = forms.CharField(label=_("退回理由"), max_length=MAX_TEXT, widget=_Textarea(2))

    def __init__(self, *args, case=None, steps=(), **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["to_order"].choices = [(s.order, f"{s.order}. {s.name}") for s in steps]


class VerifyFactForm(ActionForm):
    requirement = forms.TypedChoiceField(label=_("核查事项"), coerce=int, choices=())
    finding = forms.CharField(label=_("核查情况"), max_length=MAX_TEXT, widget=_Textarea(2))

    def __init__(self, *args, case=None, requirements=(), **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.requirements = {r.pk: r for r in requirements}
        self.fields["requirement"].choices = [(r.pk, r.name) for r in requirements]


class SuspendForm(ActionForm):
    reason = forms.ChoiceField(label=_("特别程序"), choices=())
    expected_workdays = forms.IntegerField(label=_("预计所需工作日"), min_value=1, max_value=250, initial=5)
    detail = forms.CharField(label=_("事由说明"), max_length=MAX_TEXT, widget=_Textarea(2),
                             help_text=_("写入特别程序告知书，送达申请人。"))

    def __init__(self, *args, case=None, procedures=(), **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["reason"].choices = [(p, p) for p in procedures]


class ExtensionRequestForm(ActionForm):
    days = forms.IntegerField(label=_("延长工作日"), min_value=1)
    reason = forms.CharField(label=_("延期理由"), max_length=MAX_TEXT, widget=_Textarea(2),
                             help_text=_("批准后写入延期告知书，送达申请人。"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.limit = case.item_version.extension_days if case is not None else 10
        self.fields["days"].initial = self.limit
        self.fields["days"].widget.attrs["max"] = self.limit

    def clean_days(self):
        days = self.cleaned_data["days"]
        if days > self.limit:
            raise forms.ValidationError(_("延长期限应为 1 至 %(n)s 个工作日。") % {"n": self.limit})
        return days


class DecideForm(ActionForm):
    decision = forms.ChoiceField(label=_("决定"), widget=forms.RadioSelect,
                                 choices=[("grant", _("准予许可")), ("deny", _("不予许可"))])
    content = forms.CharField(label=_("准予内容"), required=False, max_length=MAX_TEXT, widget=_Textarea(2),
                              help_text=_("写入准予行政许可决定书，如许可范围、经营项目。"))
    reasons = forms.CharField(label=_("不予许可的理由"), required=False, max_length=MAX_TEXT, widget=_Textarea(3),
                              help_text=_("每行一条理由；决定书同时告知申请复议和提起诉讼的权利。"))

    def clean(self):
        data = super().clean()
        data["reason_list"] = _lines(data.get("reasons", ""))
        if data.get("decision") == "deny" and not data["reason_list"]:
            self.add_error("reasons", _("不予许可须说明理由（行政许可法第三十八条第二款）。"))
        return data


class DeliverForm(ActionForm):
    method = forms.ChoiceField(label=_("送达方式"), choices=[(Delivery.Method.IN_PERSON, Delivery.Method.IN_PERSON.label),
                                                           (Delivery.Method.POST, Delivery.Method.POST.label)])
    note = forms.CharField(label=_("送达记录"), max_length=255,
                           widget=forms.TextInput(attrs={"placeholder": _("领取人及证件、快递单号等")}))
