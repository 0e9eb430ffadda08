"""Catalogue pages.

Public (办事大厅, `catalog:`): the directory by department, theme (个人 / 法人) and zone, one search box over items
and FAQs, the guide (办事指南) of every published item with a print stylesheet and a PDF.

Workbench (工作台, `catalog_admin:`): department admins write items and versions (事项编写), the bureau's
reviewers see the diff and publish or return them (审核发布), and the figures of the catalogue (事项指标).

Every write goes through `tongban.catalog.services`; a refused write shows the service's message and keeps what
the user typed. Permission failures raise PermissionDenied and get the 403 page.
"""

from __future__ import annotations

import html
import re
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tongban.catalog import indicators, selectors, services
from tongban.catalog.forms import (
    ONLINE_DEPTHS,
    ROW_SETS,
    VISITS,
    FaqForm,
    ItemCreateForm,
    RetireForm,
    ReviewForm,
    SearchForm,
    build_editor,
    version_spec_data,
)
from tongban.catalog.models import (
    Faq,
    Fee,
    ItemType,
    ItemVersion,
    LegalBasis,
    MaterialRequirement,
    ReviewStep,
    ServiceItem,
    Theme,
)
from tongban.core.errors import NotFound, PermissionDenied, ServiceError
from tongban.org.access import staff_required
from tongban.org.models import Department, Role, Zone
from tongban.org.permissions import department_scope, has_role

Status = ItemVersion.Status


# --------------------------------------------------------------------------------------------------------------
# Reads used only by these pages. They are small aggregate queries over the published catalogue; they belong in
# selectors.py (see the report in docs/adr/0008) and are kept here so this module does not edit selectors.
# --------------------------------------------------------------------------------------------------------------

def _department_counts() -> list[dict]:
    """Implementing departments with their number of published items, most first."""
    return list(
        selectors.published_versions()
        .values("implementing_department_id", "implementing_department__name")
        .annotate(n=Count("id"))
        .order_by("-n", "implementing_department__name")
    )


def _theme_counts() -> dict[str, list[Theme]]:
    themes = Theme.objects.annotate(
        n=Count("item_versions", filter=Q(item_versions__status=Status.PUBLISHED), distinct=True)
    ).order_by("audience", "order", "name")
    grouped: dict[str, list[Theme]] = {Theme.Audience.PERSONAL: [], Theme.Audience.LEGAL: []}
    for theme in themes:
        grouped.setdefault(theme.audience, []).append(theme)
    return grouped


def _zone_counts(on: date) -> list[Zone]:
    """Zones with the number of published items delegated to them and in force on `on`."""
    in_force = (
        Q(delegations__effective_from__lte=on)
        & (Q(delegations__withdrawn_on__isnull=True) | Q(delegations__withdrawn_on__gt=on))
        & Q(delegations__item__versions__status=Status.PUBLISHED)
    )
    return list(Zone.objects.annotate(n=Count("delegations__item", filter=in_force, distinct=True)).order_by("name"))


def _owned_items(user):
    """Items whose owning department lies in the user's 部门管理员 scope, with their versions."""
    scope = department_scope(user, [Role.DEPT_ADMIN])
    qs = ServiceItem.objects.select_related("owner").prefetch_related("versions").order_by("owner__name", "code")
    return qs if scope is None else qs.filter(owner_id__in=scope)


def _admin_departments(user):
    scope = department_scope(user, [Role.DEPT_ADMIN])
    qs = Department.objects.filter(is_active=True).order_by("name")
    return qs if scope is None else qs.filter(pk__in=scope)


# --------------------------------------------------------------------------------------------------------------
# Presentation helpers
# --------------------------------------------------------------------------------------------------------------

DEPTH_LABELS = dict(ONLINE_DEPTHS)
# Examples under the search box: the way people actually ask.
SEARCH_HINTS = ("开饭店要办什么证", "注册公司", "装修要审批吗", "开药店", "充电桩报装")
VISIT_LABELS = dict(VISITS)


def _today() -> date:
    return timezone.localdate()


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _places(version: ItemVersion) -> list[dict]:
    """Halls with the windows of this item in them (a window may be in a hall not listed on its own)."""
    places: dict[int, dict] = {}
    for hall in version.halls.select_related("department").order_by("name"):
        places[hall.pk] = {"hall": hall, "windows": []}
    for window in version.windows.select_related("hall", "department").order_by("hall__name", "number"):
        places.setdefault(window.hall_id, {"hall": window.hall, "windows": []})["windows"].append(window)
    return list(places.values())


def guide_context(version: ItemVersion, *, public: bool = True) -> dict:
    """Everything the guide shows, for the web page, the workbench preview and the PDF."""
    item = version.item
    bases = list(version.legal_bases.all())
    steps = list(version.steps.all())
    return {
        "version": version,
        "item": item,
        "public": public,
        "setting_bases": [b for b in bases if b.kind == LegalBasis.Kind.SETTING],
        "implementing_bases": [b for b in bases if b.kind == LegalBasis.Kind.IMPLEMENTING],
        "materials": list(version.materials.select_related("blank_form", "sample")),
        "fees": list(version.fees.all()),
        "steps": steps,
        "steps_total": sum(s.workdays for s in steps),
        "places": _places(version),
        "themes": list(version.themes.all()),
        "delegations": list(selectors.delegations_in_force(item, _today())),
        "faqs": list(item.faqs.all()),
        "depth_label": DEPTH_LABELS.get(version.online_depth, ""),
        "visits_label": VISIT_LABELS.get(version.visits, ""),
        "parent": item.parent,
        "sub_items": list(item.sub_items.filter(versions__status=Status.PUBLISHED).distinct()),
    }


_STOP_TERMS = {"什么", "怎么", "怎样", "如何", "需要", "哪些", "可以", "我要", "要办", "办什么", "多少", "办理", "一下", "请问"}


def _query_terms(query: str) -> list[str]:
    """Terms to highlight: the search analyzer's words and synonyms when it offers them, else jieba's words."""
    terms: set[str] = set()
    try:
        from tongban.catalog import search as search_module

        terms = {t for clause in search_module.analyzer().query(query) for t in clause.alternatives}
    except Exception:  # noqa: BLE001 - highlighting is a nicety; the results stand without it
        terms = set()
    if not terms:
        try:
            import jieba

            terms = set(jieba.cut_for_search(query))
        except ImportError:  # pragma: no cover
            terms = set(query.split())
    return sorted({t for t in terms if len(t.strip()) >= 2 and t not in _STOP_TERMS}, key=len, reverse=True)


def highlight(text: str, terms: list[str]):
    """`text`, HTML-escaped, with every occurrence of `terms` wrapped in <mark>."""
    escaped = html.escape(text or "")
    terms = [html.escape(t) for t in terms if t]
    if not terms:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  # noqa: S308


# Labels of the diff, from the models' translated field names (selectors.FIELD_LABELS is Chinese only).
_VERSION_FIELDS = {f.name for f in ItemVersion._meta.get_fields()}
_ROW_MODELS = {"legal_bases": LegalBasis, "fees": Fee, "materials": MaterialRequirement, "steps": ReviewStep}
_ROW_KEYS = {"legal_bases": ("kind", "law", "article"), "fees": ("name",), "materials": ("name",),
             "steps": ("name",), "form_schema": ("name",), "themes": ("audience", "name")}
_EXTRA_LABELS = {
    "legal_bases": gettext_lazy("法律依据"), "fees": gettext_lazy("收费"), "materials": gettext_lazy("申请材料"),
    "steps": gettext_lazy("审查环节"), "blank_form_sha256": gettext_lazy("空白表格"),
    "sample_sha256": gettext_lazy("填写样表"), "statutory_days": gettext_lazy("法定办结时限"),
    "promised_days": gettext_lazy("承诺办结时限"), "extension_days": gettext_lazy("可延长时限"),
}


def _field_label(field: str, model=ItemVersion) -> str:
    if field in _EXTRA_LABELS:
        return str(_EXTRA_LABELS[field])
    try:
        return str(model._meta.get_field(field).verbose_name)
    except Exception:
        return field


def _yes_no(value: bool) -> str:
    return _("是") if value else _("否")


def _choice(choices, value) -> str:
    return str(dict(choices).get(value, value))


def _scalar(field: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return _yes_no(value)
    if field == "item_type":
        return _choice(ItemType.choices, value)
    if field == "handling":
        return _choice(ItemVersion.Handling.choices, value)
    if field == "online_depth":
        return str(DEPTH_LABELS.get(value, value))
    if field == "visits":
        return str(VISIT_LABELS.get(value, value))
    if field in ("statutory_days", "promised_days", "extension_days"):
        return _("%(n)s 个工作日") % {"n": value}
    return str(value)


def _row_value(field: str, key: str, value) -> str:
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, list):
        return "、".join(map(str, value)) or "—"
    if value in (None, ""):
        return "—"
    if key in ("blank_form_sha256", "sample_sha256"):
        return _("文件 %(sha)s…") % {"sha": str(value)[:12]}
    if field == "legal_bases" and key == "kind":
        return _choice(LegalBasis.Kind.choices, value)
    if field == "materials" and key == "source":
        return _choice(MaterialRequirement.Source.choices, value)
    if field == "materials" and key == "form":
        return _choice(MaterialRequirement.Form.choices, value)
    if field == "steps" and key == "role":
        return _choice(Role.choices, value)
    if field == "themes" and key == "audience":
        return _choice(Theme.Audience.choices, value)
    return str(value)


def _describe(field: str, row) -> str:
    """One row of a list element, in a line a reviewer can read."""
    if not isinstance(row, dict):
        return str(row)
    if field == "legal_bases":
        text = f"{_row_value(field, 'kind', row['kind'])}：《{row['law']}》{row.get('article', '')}"
        return text + (f"　{row['text']}" if row.get("text") else "")
    if field == "materials":
        parts = [_row_value(field, "source", row["source"]) + (f"（{row['source_detail']}）" if row.get("source_detail") else ""),
                 f"{_row_value(field, 'form', row['form'])} × {row['copies']}"]
        if row.get("formats"):
            parts.append("、".join(row["formats"]))
        parts.append(row["condition"] if row.get("condition") else _("必须提交"))
        return f"{row['name']}（{'；'.join(parts)}）"
    if field == "steps":
        return _("%(name)s · %(role)s · %(n)s 个工作日") % {
            "name": row["name"], "role": _row_value(field, "role", row["role"]), "n": row["workdays"]}
    if field == "fees":
        return f"{row['name']}：{row['standard']}（{row['basis']}）"
    if field == "themes":
        return f"{_row_value(field, 'audience', row['audience'])} · {row['name']}"
    if field == "form_schema":
        return f"{row.get('label', '')}（{row.get('name', '')}，{row.get('type', '')}）"
    return "；".join(f"{k}={v}" for k, v in row.items())


def diff_display(rows: list[dict]) -> list[dict]:
    """selectors.version_diff rows, readable: scalar old → new; lists as added, removed and changed rows."""
    shown = []
    for row in rows:
        field = row["field"]
        label = _field_label(field) if field in _VERSION_FIELDS or field in _EXTRA_LABELS else row["label"]
        if not isinstance(row["old"], list):
            shown.append({"label": label, "kind": "value", "old": _scalar(field, row["old"]),
                          "new": _scalar(field, row["new"]), "long": len(str(row["old"])) + len(str(row["new"])) > 60})
            continue
        removed, added, changed = list(row.get("removed", [])), list(row.get("added", [])), []
        keys = _ROW_KEYS.get(field)
        if keys:
            model = _ROW_MODELS.get(field)
            for new in list(added):
                match = next((old for old in removed if isinstance(old, dict) and isinstance(new, dict)
                              and all(old.get(k) == new.get(k) for k in keys)), None)
                if match is None:
                    continue
                removed.remove(match)
                added.remove(new)
                changes = [
                    {"label": _field_label(k, model) if model else k,
                     "old": _row_value(field, k, match.get(k)), "new": _row_value(field, k, new.get(k))}
                    for k in new if match.get(k) != new.get(k)
                ]
                title = new.get("name") or new.get("label") or f"《{new.get('law', '')}》{new.get('article', '')}"
                changed.append({"name": title, "changes": changes})
        shown.append({
            "label": label, "kind": "list",
            "added": [_describe(field, x) for x in added],
            "removed": [_describe(field, x) for x in removed],
            "changed": changed,
            "reordered": not (added or removed or changed),
        })
    return shown


# --------------------------------------------------------------------------------------------------------------
# Public pages (办事大厅)
# --------------------------------------------------------------------------------------------------------------

def home(request):
    today = _today()
    themes = _theme_counts()
    groups = [
        {"key": Theme.Audience.PERSONAL.value, "label": _("个人办事"), "icon": "person",
         "themes": themes[Theme.Audience.PERSONAL]},
        {"key": Theme.Audience.LEGAL.value, "label": _("法人办事"), "icon": "briefcase",
         "themes": themes[Theme.Audience.LEGAL]},
    ]
    return render(request, "catalog/home.html", {
        "form": SearchForm(),
        "departments": _department_counts(),
        "theme_groups": groups,
        "zones": _zone_counts(today),
        "today": today,
        "hints": SEARCH_HINTS,
    })


def directory(request):
    """Published items of one department, theme or zone (or all)."""
    today = _today()
    department_id = _int(request.GET.get("department"))
    theme_id = _int(request.GET.get("theme"))
    zone_id = _int(request.GET.get("zone"))
    heading, kicker = _("全部事项"), ""
    if department_id:
        department = get_object_or_404(Department, pk=department_id)
        heading, kicker = department.name, _("按部门")
    elif theme_id:
        theme = get_object_or_404(Theme, pk=theme_id)
        heading, kicker = theme.name, _("%(audience)s主题") % {"audience": theme.get_audience_display()}
    elif zone_id:
        zone = get_object_or_404(Zone, pk=zone_id)
        heading, kicker = zone.name, _("赋权至开发区的事项（%(day)s 起有效）") % {"day": today.isoformat()}
    versions = selectors.directory(department_id=department_id, theme_id=theme_id, zone_id=zone_id, on=today)
    page = Paginator(versions, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "catalog/directory.html", {
        "page": page, "heading": heading, "kicker": kicker, "form": SearchForm(),
        "query": query.urlencode(), "depths": DEPTH_LABELS,
    })


def search(request):
    form = SearchForm(request.GET or None)
    items, faqs, query = [], [], ""
    if form.is_valid():
        from tongban.catalog.search import search as run_search

        query = form.cleaned_data["q"]
        terms = _query_terms(query)
        for hit in run_search(query, limit=20):
            entry = {
                "hit": hit,
                "url": reverse("catalog:guide", args=[hit.item_code]),
                "name": highlight(hit.name, terms),
                "snippet": highlight(hit.snippet, terms),
            }
            if hit.kind == "faq":
                entry["question"] = highlight(hit.question or "", terms)
                entry["url"] += f"#faq-{hit.faq_id}"
                faqs.append(entry)
            else:
                items.append(entry)
    return render(request, "catalog/search.html", {"form": form, "query": query, "items": items, "faqs": faqs})


def _guide_or_404(request, code: str):
    try:
        return selectors.guide_version(code), None
    except NotFound as exc:
        item = ServiceItem.objects.filter(code=code).first()
        retired = item is not None and item.versions.filter(status=Status.RETIRED).exists()
        response = render(request, "catalog/guide_missing.html", {
            "code": code, "retired": retired, "detail": exc.detail, "form": SearchForm(),
        }, status=404)
        return None, response


def guide(request, code: str):
    version, missing = _guide_or_404(request, code)
    if missing:
        return missing
    return render(request, "catalog/guide.html", guide_context(version))


def guide_pdf(request, code: str):
    from tongban.catalog.pdf import guide_pdf as render_pdf
    from tongban.files.api import content_disposition

    version, missing = _guide_or_404(request, code)
    if missing:
        return missing
    data = render_pdf(version, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(_("%(name)s-办事指南.pdf") % {"name": version.name})
    return response


def material_file(request, code: str, material_id: int, which: str):
    """The blank form or sample of a material of a published guide: public, because the guide is."""
    from tongban.files import services as file_services
    from tongban.files.api import content_disposition

    if which not in ("blank", "sample"):
        raise Http404
    version, missing = _guide_or_404(request, code)
    if missing:
        return missing
    material = get_object_or_404(version.materials.select_related("blank_form__blob", "sample__blob"), pk=material_id)
    stored = material.blank_form if which == "blank" else material.sample
    if stored is None:
        raise Http404
    # A file published in a guide is public: it is read by the system on the visitor's behalf (audited as 系统).
    stream = file_services.file_open(actor=None, stored_file=stored, request=request)
    response = FileResponse(stream, content_type=stored.blob.content_type)
    response["Content-Length"] = str(stored.blob.size)
    response["Content-Disposition"] = content_disposition(stored.filename)
    return response


# --------------------------------------------------------------------------------------------------------------
# Workbench: writing items (事项编写)
# --------------------------------------------------------------------------------------------------------------

def _is_owner_admin(user, item: ServiceItem) -> bool:
    return has_role(user, [Role.DEPT_ADMIN], item.owner_id)


def _require_owner_admin(user, item: ServiceItem) -> None:
    if not _is_owner_admin(user, item):
        raise PermissionDenied(_("只有事项所属部门（%(dept)s）的部门管理员可以编写该事项。") % {"dept": item.owner.name})


def _require_item_access(user, item: ServiceItem) -> tuple[bool, bool]:
    can_edit, can_review = _is_owner_admin(user, item), services.is_bureau_reviewer(user)
    if not (can_edit or can_review):
        raise PermissionDenied(_("只有事项所属部门的部门管理员和行政审批局的审查人员可以查看该事项的版本。"))
    return can_edit, can_review


def _require_bureau_reviewer(user) -> None:
    if not services.is_bureau_reviewer(user):
        raise PermissionDenied(_("只有行政审批局的审查人员可以审核发布事项。"))


def _version(version_id: int) -> ItemVersion:
    return get_object_or_404(
        ItemVersion.objects.select_related("item", "item__owner", "created_by__staff", "reviewed_by__staff",
                                           "competent_department", "implementing_department"),
        pk=version_id,
    )


@staff_required(roles=[Role.DEPT_ADMIN])
def item_list(request):
    rows = []
    for item in _owned_items(request.user):
        versions = sorted(item.versions.all(), key=lambda v: -v.number)
        rows.append({
            "item": item,
            "latest": versions[0] if versions else None,
            "published": next((v for v in versions if v.status == Status.PUBLISHED), None),
            "pending": next((v for v in versions if v.status in (Status.DRAFT, Status.SUBMITTED)), None),
        })
    return render(request, "catalog/admin/item_list.html", {"rows": rows})


def _annotate_files(rowsets: dict) -> None:
    """Give each materials row the stored files it points at (`row.current_blank_form`, `row.current_sample`)."""
    from tongban.files.models import StoredFile

    forms_ = rowsets["materials"].forms
    wanted = {form: {key: form[f"{key}_sha256"].value() for key in ("blank_form", "sample")} for form in forms_}
    shas = {sha for keys in wanted.values() for sha in keys.values() if sha}
    found: dict[str, StoredFile] = {}
    for stored in StoredFile.objects.filter(blob__sha256__in=shas).select_related("blob").order_by("id"):
        found.setdefault(stored.blob.sha256, stored)
    for form, keys in wanted.items():
        for key, sha in keys.items():
            setattr(form, f"current_{key}", found.get(sha) if sha else None)


def _store_uploads(request, rowsets: dict) -> None:
    """Keep files uploaded in the materials rows and point the rows at them (by SHA-256)."""
    from tongban.files import services as file_services

    formset = rowsets["materials"]
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or not form.cleaned_data or formset._should_delete_form(form):
            continue
        for key in ("blank_form", "sample"):
            upload = form.cleaned_data.get(f"{key}_upload")
            if upload:
                stored = file_services.file_upload(actor=request.user, upload=upload, purpose=f"catalog.{key}",
                                                   request=request)
                form.cleaned_data[f"{key}_sha256"] = stored.blob.sha256
                form.cleaned_data[f"{key}_clear"] = False
                # Re-rendering after a refused save keeps the file without asking for it again.
                data = form.data.copy()
                data[form.add_prefix(f"{key}_sha256")] = stored.blob.sha256
                form.data = data


def _editor_valid(form, rowsets) -> bool:
    return all([form.is_valid(), *(fs.is_valid() for fs in rowsets.values())])


def _render_editor(request, template: str, context: dict, *, status: int = 200):
    rowsets = context["rowsets"]
    context["row_sets"] = [(prefix, rowsets[prefix], title) for prefix, _cls, title, _key in ROW_SETS]
    _annotate_files(rowsets)
    return render(request, template, context, status=status)


@staff_required(roles=[Role.DEPT_ADMIN])
def item_create(request):
    owners = _admin_departments(request.user)
    error = None
    if request.method == "POST":
        head = ItemCreateForm(request.POST, owners=owners)
        form, rowsets = build_editor(request.POST, request.FILES)
        if all([head.is_valid(), _editor_valid(form, rowsets)]):
            try:
                _store_uploads(request, rowsets)
                version = services.item_create(
                    actor=request.user, code=head.cleaned_data["code"], owner=head.cleaned_data["owner"],
                    spec=version_spec_data(form, rowsets), parent=head.cleaned_data["parent_code"],
                )
            except PermissionDenied:
                raise
            except ServiceError as exc:
                error = exc.detail
            else:
                messages.success(request, _("已新建事项“%(name)s”（版本 1，草稿）。") % {"name": version.name})
                return redirect("catalog_admin:item_detail", code=version.item.code)
        else:
            error = _("请按提示修改标红的内容。")
    else:
        mine = request.staff.department if owners.filter(pk=request.staff.department_id).exists() else owners.first()
        head = ItemCreateForm(owners=owners, initial={"owner": mine.pk if mine else None})
        form, rowsets = build_editor()
        if mine:
            form.initial.update(competent_department=mine.pk, implementing_department=mine.pk)
    return _render_editor(request, "catalog/admin/editor.html", {
        "head": head, "form": form, "rowsets": rowsets, "error": error, "version": None,
    }, status=422 if error else 200)


@staff_required
def item_detail(request, code: str, *, faq_form=None, faq_error=None, status=200):
    item = get_object_or_404(ServiceItem.objects.select_related("owner", "parent"), code=code)
    can_edit, can_review = _require_item_access(request.user, item)
    versions = list(item.versions.select_related("created_by__staff", "reviewed_by__staff").order_by("-number"))
    pending = next((v for v in versions if v.status in (Status.DRAFT, Status.SUBMITTED)), None)
    return render(request, "catalog/admin/item_detail.html", {
        "item": item, "versions": versions, "pending": pending, "can_edit": can_edit, "can_review": can_review,
        "published": next((v for v in versions if v.status == Status.PUBLISHED), None),
        "faqs": list(item.faqs.all()), "faq_form": faq_form or FaqForm(), "faq_error": faq_error,
        "delegations": list(item.delegations.select_related("zone").order_by("-effective_from")),
        "today": _today(),
    }, status=status)


@staff_required
@require_POST
def version_new(request, code: str):
    item = get_object_or_404(ServiceItem.objects.select_related("owner"), code=code)
    try:
        version = services.version_new_draft(actor=request.user, item=item)
    except PermissionDenied:
        raise
    except ServiceError as exc:
        messages.error(request, exc.detail)
        return redirect("catalog_admin:item_detail", code=code)
    messages.success(request, _("已新建版本 %(n)s（草稿），内容复制自上一版本。") % {"n": version.number})
    return redirect("catalog_admin:version_edit", version_id=version.pk)


@staff_required
def version_edit(request, version_id: int):
    version = _version(version_id)
    _require_owner_admin(request.user, version.item)
    if version.status != Status.DRAFT:
        messages.info(request, _("%(v)s 状态为“%(s)s”，只有草稿可以修改。") % {
            "v": version, "s": version.get_status_display()})
        return redirect("catalog_admin:version", version_id=version.pk)
    error = None
    if request.method == "POST":
        form, rowsets = build_editor(request.POST, request.FILES, version=version)
        if _editor_valid(form, rowsets):
            try:
                _store_uploads(request, rowsets)
                services.version_update(actor=request.user, version=version, spec=version_spec_data(form, rowsets))
                if "submit" in request.POST:
                    services.version_submit(actor=request.user, version=version)
            except PermissionDenied:
                raise
            except ServiceError as exc:
                error = exc.detail
            else:
                if "submit" in request.POST:
                    messages.success(request, _("已保存并提交审核，等待行政审批局审查人员审核发布。"))
                    return redirect("catalog_admin:item_detail", code=version.item.code)
                messages.success(request, _("草稿已保存。"))
                return redirect("catalog_admin:version_edit", version_id=version.pk)
        else:
            error = _("请按提示修改标红的内容。")
    else:
        form, rowsets = build_editor(version=version)
    return _render_editor(request, "catalog/admin/editor.html", {
        "head": None, "form": form, "rowsets": rowsets, "error": error, "version": version,
    }, status=422 if error else 200)


@staff_required
@require_POST
def version_submit(request, version_id: int):
    version = _version(version_id)
    _require_owner_admin(request.user, version.item)
    try:
        services.version_submit(actor=request.user, version=version)
    except PermissionDenied:
        raise
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("已提交审核，等待行政审批局审查人员审核发布。"))
    return redirect("catalog_admin:item_detail", code=version.item.code)


@staff_required
@require_POST
def faq_save(request, code: str):
    item = get_object_or_404(ServiceItem.objects.select_related("owner"), code=code)
    _require_owner_admin(request.user, item)
    form = FaqForm(request.POST)
    faq = None
    if request.POST.get("faq_id"):
        faq = get_object_or_404(Faq, pk=_int(request.POST["faq_id"]) or 0, item=item)
    if form.is_valid():
        try:
            services.faq_save(actor=request.user, item=item, faq=faq, **form.cleaned_data)
        except PermissionDenied:
            raise
        except ServiceError as exc:
            return item_detail(request, code, faq_form=form, faq_error=exc.detail, status=422)
        messages.success(request, _("常见问题已保存。"))
        return redirect(reverse("catalog_admin:item_detail", args=[code]) + "#faqs")
    return item_detail(request, code, faq_form=form, faq_error=_("请填写问题和解答。"), status=422)


@staff_required
@require_POST
def faq_delete(request, faq_id: int):
    faq = get_object_or_404(Faq.objects.select_related("item__owner"), pk=faq_id)
    _require_owner_admin(request.user, faq.item)
    services.faq_delete(actor=request.user, faq=faq)
    messages.success(request, _("常见问题已删除。"))
    return redirect(reverse("catalog_admin:item_detail", args=[faq.item.code]) + "#faqs")


# --------------------------------------------------------------------------------------------------------------
# Workbench: reviewing and publishing (审核发布)
# --------------------------------------------------------------------------------------------------------------

def _compare_base(version: ItemVersion) -> ItemVersion | None:
    """What a version is compared with: the published version, or for a published one its predecessor."""
    if version.status == Status.PUBLISHED:
        return version.item.versions.filter(number__lt=version.number).order_by("-number").first()
    return version.item.versions.filter(status=Status.PUBLISHED).exclude(pk=version.pk).first()


@staff_required
def version_detail(request, version_id: int, *, review_form=None, retire_form=None, error=None, status=200):
    version = _version(version_id)
    can_edit, can_review = _require_item_access(request.user, version.item)
    base = _compare_base(version)
    changes = diff_display(selectors.version_diff(base, version)) if base else None
    own = version.created_by_id == request.user.pk
    return render(request, "catalog/admin/version_detail.html", {
        **guide_context(version, public=False),
        "base": base, "changes": changes, "can_edit": can_edit, "can_review": can_review, "own": own,
        "review_form": review_form or ReviewForm(), "retire_form": retire_form or RetireForm(), "error": error,
    }, status=status)


@staff_required
@require_POST
def version_review(request, version_id: int):
    version = _version(version_id)
    _require_bureau_reviewer(request.user)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return version_detail(request, version_id, review_form=form, error=_("请选择审核结论。"), status=422)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.version_review(actor=request.user, version=version, approve=approve, note=form.cleaned_data["note"])
    except PermissionDenied:
        raise
    except ServiceError as exc:
        return version_detail(request, version_id, review_form=form, error=exc.detail, status=422)
    if approve:
        messages.success(request, _("%(v)s 已审核通过并发布，办事指南即时更新。") % {"v": version})
    else:
        messages.success(request, _("%(v)s 已退回修改，退回理由已告知编写人。") % {"v": version})
    return redirect("catalog_admin:review_queue")


@staff_required
@require_POST
def version_retire(request, version_id: int):
    version = _version(version_id)
    _require_bureau_reviewer(request.user)
    form = RetireForm(request.POST)
    if not form.is_valid():
        return version_detail(request, version_id, retire_form=form, error=_("停用事项须写明理由。"), status=422)
    try:
        services.version_retire(actor=request.user, version=version, reason=form.cleaned_data["reason"])
    except PermissionDenied:
        raise
    except ServiceError as exc:
        return version_detail(request, version_id, retire_form=form, error=exc.detail, status=422)
    messages.success(request, _("%(v)s 已停用，办事指南不再公开。") % {"v": version})
    return redirect("catalog_admin:version", version_id=version.pk)


@staff_required(roles=[Role.REVIEWER])
def review_queue(request):
    _require_bureau_reviewer(request.user)
    related = ("item", "item__owner", "implementing_department", "created_by__staff")
    pending = ItemVersion.objects.filter(status=Status.SUBMITTED).select_related(*related).order_by("submitted_at", "pk")
    recent = (ItemVersion.objects.filter(status=Status.PUBLISHED).select_related(*related, "reviewed_by__staff")
              .order_by("-published_at", "-pk")[:20])
    return render(request, "catalog/admin/review_queue.html", {"pending": list(pending), "recent": list(recent)})


# --------------------------------------------------------------------------------------------------------------
# Workbench: the bureau's figures (事项指标)
# --------------------------------------------------------------------------------------------------------------

def _may_see_figures(request) -> bool:
    """督查人员, 部门管理员 (they answer for their department's figures), the bureau's own staff, system admins."""
    if has_role(request.user, [Role.INSPECTOR, Role.DEPT_ADMIN]):
        return True
    department = request.staff.department
    return department.kind == Department.Kind.BUREAU or (
        department.parent_id is not None and Department.objects.filter(
            pk=department.parent_id, kind=Department.Kind.BUREAU).exists()
    )


def _pct(rate: float) -> float:
    return round(rate * 100, 1)


@staff_required
def dashboard(request):
    if not _may_see_figures(request):
        raise PermissionDenied(_("事项指标仅供督查人员、部门管理员和行政审批局工作人员查看。"))
    overall, departments = indicators.catalogue_figures()
    rates = (
        ("online_rate", _("可网办率"), _("网办深度达到四级（全程网办）的事项占比")),
        ("instant_rate", _("即办率"), _("即办件占比")),
        ("zero_visit_rate", _("零跑动率"), _("到现场次数为 0 的事项占比")),
        ("time_compression_rate", _("承诺时限压缩率"), _("（法定时限 − 承诺时限）÷ 法定时限")),
    )
    tiles = [{"key": key, "label": label, "help": help_text, "value": _pct(getattr(overall, key))}
             for key, label, help_text in rates]
    rows = [{"figures": f, **{key: _pct(getattr(f, key)) for key, _l, _h in rates}} for f in departments]
    chart = {
        "departments": [f.department for f in departments],
        "series": [{"name": str(label), "data": [_pct(getattr(f, key)) for f in departments]}
                   for key, label, _h in rates],
        "types": [{"name": name, "value": n} for name, n in sorted(overall.by_type.items(), key=lambda kv: -kv[1])],
        "labels": {"percent": _("百分比"), "items": _("事项数"), "by_type": _("按事项类型")},
    }
    return render(request, "catalog/admin/dashboard.html", {
        "overall": overall, "tiles": tiles, "rows": rows, "chart": chart,
        "type_labels": [str(label) for _v, label in ItemType.choices],
    })
