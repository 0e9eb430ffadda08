"""窗口收件 (综合受理窗口 · 代办帮办 · 跨域通办), mounted at /workbench/window/ (`cases_window:`).

- ""                     choose the item (catalogue search), then who applies — found or registered by document
                         number (POST only: an ID number never goes in a URL) — an optional agent with an
                         authorisation in force (recorded here if the principal brings one), the window and the
                         channel; creates the draft (an Idempotency-Key makes a double click harmless)
- cases/<id>/            the application form and the scanned materials; submit
- cases/<id>/receipt/    the printable receipt handed to the applicant

After submission the case is in the clerk's 待办 (cases_admin), where intake is decided.
Every write goes through the people and case services; a refusal shows their Chinese message and keeps the input.
"""

from __future__ import annotations

import unicodedata

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tongban.cases import services
from tongban.cases.domain import Status
from tongban.cases.forms import (
    AUTH_ERROR_FIELDS,
    LEGAL_ERROR_FIELDS,
    PERSON_ERROR_FIELDS,
    WindowRegisterForm,
    new_idempotency_key,
    posted_key,
    schema_fields,
    schema_form_data,
)
from tongban.cases.models import Case
from tongban.cases.views_portal import (
    attach_uploads,
    field_errors,
    material_rows,
    receipt_context,
    upload_limit_mb,
)
from tongban.catalog import selectors as catalog_selectors
from tongban.catalog.models import ItemVersion
from tongban.core.errors import Conflict, NotFound, ServiceError, ValidationFailed
from tongban.org.access import staff_required
from tongban.org.models import Role, Window
from tongban.org.permissions import department_scope
from tongban.people import identity
from tongban.people.models import LegalPerson, NaturalPerson
from tongban.people.selectors import (
    agent_can_act_for,
    legal_person_get,
    legal_person_list,
    person_get,
    person_list,
)
from tongban.people.services import agent_authorise, legal_person_register, person_register

CLERKS = [Role.WINDOW_CLERK]


def clerk_windows(user) -> list[Window]:
    """The windows of the departments where the user is a window clerk (all windows for a system admin)."""
    scope = department_scope(user, CLERKS)
    qs = Window.objects.select_related("hall__region", "department").order_by("hall__name", "number")
    return list(qs if scope is None else qs.filter(department_id__in=scope))


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _remap(exc: ServiceError, mapping: dict[str, str], prefix: str = "") -> ServiceError:
    """The same refusal with its field errors renamed to this page's fields."""
    if not exc.errors:
        return exc
    errors = {prefix + mapping.get(k, k): v for k, v in exc.errors.items()}
    return type(exc)(exc.detail, code=exc.code, errors=errors)


def _find_person(actor, *, id_type: str, id_number: str) -> NaturalPerson | None:
    rows = person_list(actor=actor, id_type=id_type, id_number=id_number)  # exact number only
    return person_get(person_id=rows[0].id) if len(rows) else None


def _person(actor, data: dict, prefix: str, request) -> NaturalPerson:
    """Find a natural person by document number (the name must match), or register them (checked in person)."""
    name, id_type, id_number = data[prefix + "name"], data.get(prefix + "id_type") or "resident_id", data[prefix + "id_number"]
    person = _find_person(actor, id_type=id_type, id_number=id_number)
    if person is not None:
        if _norm(person.name) != _norm(name):
            message = _("证件号码 %(number)s 已登记，但姓名与登记信息不一致，请核对证件。") % {
                "number": identity.mask_id_number(person.id_number)}
            raise ValidationFailed(message, errors={prefix + "name": [message]})
        return person
    try:
        return person_register(actor=actor, name=name, id_type=id_type, id_number=id_number,
                               phone=data.get(prefix + "phone", ""), address=data.get(prefix + "address", ""),
                               request=request)
    except ServiceError as exc:
        raise _remap(exc, PERSON_ERROR_FIELDS, prefix) from exc


def _legal(actor, data: dict, request) -> LegalPerson:
    rows = legal_person_list(actor=actor, q=identity.normalise(data["legal_uscc"]))
    exact = [r for r in rows[:5] if r.uscc == identity.normalise(data["legal_uscc"])]
    if exact:
        return legal_person_get(legal_person_id=exact[0].id)
    try:
        return legal_person_register(
            actor=actor, name=data.get("legal_name", ""), uscc=data["legal_uscc"],
            legal_representative_name=data.get("legal_rep_name", ""),
            legal_representative_id_type=data.get("legal_rep_id_type") or "resident_id",
            legal_representative_id_number=data.get("legal_rep_id_number", ""), address=data.get("legal_address", ""),
            request=request)
    except ServiceError as exc:
        raise _remap(exc, LEGAL_ERROR_FIELDS) from exc


def _lookup(actor, data: dict) -> dict:
    """What registering would find, without writing anything (masked, as the people selectors give it)."""
    found: dict = {}
    if data.get("applicant_kind") == "legal":
        code = identity.normalise(data.get("legal_uscc", ""))
        rows = [r for r in legal_person_list(actor=actor, q=code)[:5] if r.uscc == code]
        found["applicant"] = ({"known": True, "label": f"{rows[0].name}（{rows[0].uscc}）",
                               "detail": _("法定代表人：%(name)s") % {"name": rows[0].legal_representative_name}}
                              if rows else {"known": False})
    else:
        found["applicant"] = _person_found(actor, data, "person_")
    if data.get("has_agent"):
        found["agent"] = _person_found(actor, data, "agent_")
    return found


def _person_found(actor, data: dict, prefix: str) -> dict:
    id_type = data.get(prefix + "id_type") or "resident_id"
    rows = person_list(actor=actor, id_type=id_type, id_number=data.get(prefix + "id_number", ""))
    if not len(rows):
        try:  # say now whether the number will pass when registering
            identity.parse_document(id_type, data.get(prefix + "id_number", ""), today=timezone.localdate())
        except ValueError as exc:
            return {"known": False, "problem": getattr(exc, "message", str(exc))}
        return {"known": False}
    row = rows[0]
    same_name = _norm(person_get(person_id=row.id).name) == _norm(data.get(prefix + "name", ""))
    return {"known": True, "label": f"{row.name}（{row.id_type_label} {row.id_number}）",
            "detail": (_("已现场核验") if row.verified else _("网上登记，未核验")) + ("" if same_name else _("；姓名不一致，请核对证件"))}


@staff_required(roles=CLERKS)
@require_http_methods(["GET", "POST"])
def register(request):
    """窗口收件登记: item, applicant, agent, window, channel → a draft to fill in and submit."""
    from tongban.catalog.search import search_items

    today = timezone.localdate()
    query = request.GET.get("q", "").strip()[:100]
    code = request.GET.get("item", "").strip()
    hits = search_items(query, limit=12) if query else []
    version, item_error = None, None
    if code:
        try:
            version = catalog_selectors.guide_version(code)
        except NotFound as exc:
            item_error = exc.detail
    windows = clerk_windows(request.user)
    zones = [d.zone for d in catalog_selectors.delegations_in_force(version.item, today)] if version else []
    drafts = (Case.objects.filter(submitted_by=request.user, status=Status.DRAFT)
              .select_related("item_version").order_by("-created_at")[:10])
    form_kwargs = {"windows": windows, "zones": zones,
                   "default_department": version.implementing_department.name if version else ""}
    error, found, key, status = None, None, new_idempotency_key(), 200
    if request.method == "POST" and version is not None:
        key = posted_key(request.POST) or key
        form = WindowRegisterForm(request.POST, **form_kwargs)
        existing = Case.objects.filter(submitted_by=request.user, idempotency_key=key).first()
        if existing is not None:  # a double click or a retry of a registration that went through
            return redirect("cases_window:case", pk=existing.pk)
        if not form.is_valid():
            error = _("请按提示填写。")
        elif request.POST.get("action") == "lookup":
            try:
                found = _lookup(request.user, form.cleaned_data)
            except ServiceError as exc:
                error = exc.detail
        else:
            try:
                case = _register_case(request, version, form.cleaned_data, windows, zones, key, today)
            except ServiceError as exc:
                error, status = exc.detail, exc.status
                for name, msgs in exc.errors.items():
                    for msg in msgs:
                        form.add_error(name if name in form.fields else None, msg)
            else:
                messages.success(request, _("已登记。请填写申请表并上传扫描的材料，核对无误后提交。"))
                return redirect("cases_window:case", pk=case.pk)
    elif request.method == "POST":
        form = WindowRegisterForm(**form_kwargs)
        error = _("请先选择要办理的事项。")
    else:
        form = WindowRegisterForm(**form_kwargs)
    return render(request, "cases/window/register.html", {
        "query": query, "hits": hits, "version": version, "item_error": item_error, "form": form,
        "windows": windows, "zones": zones, "drafts": drafts, "error": error, "found": found,
        "idempotency_key": key,
    }, status=status if status != 200 else (422 if error else 200))


def _register_case(request, version: ItemVersion, data: dict, windows, zones, key: str, today) -> Case:
    """Everything in one transaction: a refusal anywhere (a bad number, no authorisation, not cross-region)
    leaves no half-registered person, authorisation or case behind."""
    actor = request.user
    window = next(w for w in windows if w.pk == data["window"])
    zone = next((z for z in zones if z.pk == data.get("zone")), None)
    with transaction.atomic():
        if data["applicant_kind"] == "legal":
            person, legal = None, _legal(actor, data, request)
        else:
            person, legal = _person(actor, data, "person_", request), None
        agent = _person(actor, data, "agent_", request) if data.get("has_agent") else None
        principal = legal or person
        if agent is not None and data.get("authorise") and not agent_can_act_for(agent=agent, principal=principal,
                                                                                   on_date=today):
            try:
                agent_authorise(actor=actor, agent=agent, principal=principal,
                                scope=data.get("auth_scope") or version.name, valid_from=today,
                                valid_until=data["auth_valid_until"], request=request)
            except ServiceError as exc:
                raise _remap(exc, AUTH_ERROR_FIELDS) from exc
        prefill = {f["name"]: legal.uscc for f in version.form_schema if f.get("type") == "uscc" and legal}
        return services.case_draft(actor=actor, version=version, person=person, legal=legal, agent=agent, zone=zone,
                                   channel=data["channel"], window=window, idempotency_key=key, form_data=prefill)


def _clerk_case(request, pk: int) -> Case:
    """A case this clerk registered, or one received at one of their windows."""
    windows = [w.pk for w in clerk_windows(request.user)]
    case = (Case.objects.select_related("item_version__item", "department", "receiving_window__hall", "agent",
                                        "applicant_person", "applicant_legal", "zone")
            .filter(Q(submitted_by=request.user) | Q(receiving_window_id__in=windows), pk=pk).first())
    if case is None:
        raise NotFound(_("办件不存在，或不是在您的窗口收件的。"))
    return case


def _case_context(request, case: Case, *, values=None, errors=None, material_errors=None, error=None) -> dict:
    version = case.item_version
    errors = errors or {}
    return {
        "case": case, "version": version, "item": version.item,
        "fields": schema_fields(version.form_schema, case.form_data if values is None else values, errors),
        "materials": material_rows(case, errors={**field_errors(errors, "material_"), **(material_errors or {})},
                                   user=request.user),
        "error": error, "idempotency_key": case.idempotency_key, "upload_limit_mb": upload_limit_mb(),
    }


@staff_required(roles=CLERKS)
@require_http_methods(["GET", "POST"])
def case(request, pk: int):
    """The registered draft: the form as the applicant states it, the scanned materials, submit."""
    case = _clerk_case(request, pk)
    if case.status != Status.DRAFT:
        return redirect("cases_window:receipt", pk=case.pk)
    if case.submitted_by_id != request.user.pk:
        raise NotFound(_("这份登记由其他工作人员办理。"))
    if request.method == "GET":
        return render(request, "cases/window/case.html", _case_context(request, case))
    values = schema_form_data(case.item_version.form_schema, request.POST)

    def again(status, **extra):
        return render(request, "cases/window/case.html", _case_context(request, case, values=values, **extra),
                      status=status)

    try:
        case = services.case_save_draft(actor=request.user, case=case, form_data=values)
        material_errors, version = attach_uploads(request, case, case.item_version.materials.all(),
                                                  expected_version=case.row_version)
        if material_errors:
            return again(422, material_errors=material_errors,
                         error=_("申请表已保存，但部分材料未能上传，请按提示重新扫描或选择文件。"))
        if request.POST.get("action") != "submit":
            messages.success(request, _("已保存。"))
            return redirect(reverse("cases_window:case", args=[case.pk]) + ("#materials" if request.FILES else ""))
        case = services.case_submit(actor=request.user, case=case, expected_version=version, request=request)
    except Conflict as exc:
        case.refresh_from_db()
        if case.status != Status.DRAFT:
            return redirect("cases_window:receipt", pk=case.pk)
        return again(409, error=exc.detail)
    except ServiceError as exc:
        return again(exc.status, errors=exc.errors, error=exc.detail)
    messages.success(request, _("已收件，办件编号 %(number)s。请打印回执交申请人；受理决定在“我的待办”中作出。") % {
        "number": case.number})
    return redirect("cases_window:receipt", pk=case.pk)


@staff_required(roles=CLERKS)
@require_GET
def receipt(request, pk: int):
    case = _clerk_case(request, pk)
    if not case.number:
        return redirect("cases_window:case", pk=case.pk)
    return render(request, "cases/window/receipt.html", receipt_context(case))
