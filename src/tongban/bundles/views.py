"""一件事 pages. Portal (/bundles/): the list and the public guide with what the bundle saves, the one merged
form with one upload per material, my applications, an application with its aggregate status, clock, sub-cases,
results and the combined 补正. Workbench (/workbench/bundles/): the queue, a bundle with its sub-cases and the
consequence of failures, the combined 补正 and one delivery, and the savings dashboard (ECharts).

Views hold no logic: reads from selectors, writes through services; a refusal shows the service's Chinese message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tongban.bundles import selectors, services
from tongban.bundles.plan import plan_of
from tongban.cases.forms import field_errors, schema_fields, schema_form_data
from tongban.core.errors import ServiceError
from tongban.files.services import file_upload
from tongban.org.access import staff_required
from tongban.org.models import Role
from tongban.people.selectors import person_of

STAFF = (Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER, Role.INSPECTOR, Role.SUPERVISOR)


# -- portal -----------------------------------------------------------------------------------------------------


@require_GET
def bundle_list(request):
    rows = [{"version": v, "savings": selectors.bundle_savings(v)} for v in selectors.published_bundles()]
    return render(request, "bundles/list.html", {"rows": rows})


@require_GET
def guide(request, code: str):
    version = selectors.bundle_guide(code)
    plan = plan_of(version)
    labels = {f["name"]: f["label"] for f in version.fields}
    from tongban.bundles.domain import describe

    members = [{"member": m.member, "item": m.item_version, "after": plan.member(m.member.after).item_version
                if m.member.after else None, "condition": describe(m.member.condition, labels)}
               for m in plan.members]
    savings = selectors.bundle_savings(version)
    return render(request, "bundles/guide.html", {
        "version": version, "members": members, "materials": plan.materials, "savings": savings,
        "rows": savings.rows(), "cooperating": version.cooperating_departments.all()})


@login_required
@require_POST
def start(request, code: str):
    version = selectors.bundle_guide(code)
    person = person_of(request.user)
    if person is None:
        messages.warning(request, _("请先完成实名登记，再在线申请。"))
        return redirect("cases_portal:register")
    bc = services.bundle_case_draft(actor=request.user, version=version, person=person)
    return redirect("bundles_portal:edit", pk=bc.pk)


def _edit_context(bc, *, values=None, errors=None, error=None):
    plan = plan_of(bc.version)
    uploads = {}
    for u in bc.uploads.select_related("file").order_by("round", "id"):
        uploads[u.code] = u
    material_errors = field_errors(errors, "material_")
    return {"bc": bc, "version": bc.version,
            "fields": schema_fields(bc.version.fields, values if values is not None else bc.form_data, errors),
            "materials": [{"plan": m, "upload": uploads.get(m.code), "errors": material_errors.get(m.code, []),
                           "items": sorted({plan.member(k).item_version.name for k, _ in m.sources})}
                          for m in plan.materials],
            "error": error}


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    """The one form and one upload per distinct material; save, or submit and fan out."""
    bc = selectors.bundle_case_get(actor=request.user, bundle_case_id=pk)
    if bc.submitted:
        return redirect("bundles_portal:detail", pk=bc.pk)
    if request.method == "GET":
        return render(request, "bundles/edit.html", _edit_context(bc))
    values = schema_form_data(bc.version.fields, request.POST)
    try:
        bc = services.bundle_case_save_form(actor=request.user, bundle_case=bc, form_data=values)
        for code, upload in request.FILES.items():
            if code.startswith("material_"):
                stored = file_upload(actor=request.user, upload=upload, purpose="bundle", request=request)
                services.bundle_attach(actor=request.user, bundle_case=bc, code=code[len("material_"):], file=stored)
        if request.POST.get("action") == "submit":
            bc = services.bundle_submit(actor=request.user, bundle_case=bc, request=request)
            messages.success(request, _("一件事申请已提交，编号 %(number)s，已分送各部门办理。") % {"number": bc.number})
            return redirect("bundles_portal:detail", pk=bc.pk)
    except ServiceError as exc:
        bc.refresh_from_db()
        return render(request, "bundles/edit.html",
                      _edit_context(bc, values=values, errors=exc.errors, error=exc.detail), status=exc.status)
    messages.success(request, _("草稿已保存。"))
    return redirect("bundles_portal:edit", pk=bc.pk)


@login_required
@require_GET
def mine(request):
    return render(request, "bundles/mine.html", {"rows": selectors.my_bundle_cases(user=request.user)})


@login_required
@require_GET
def detail(request, pk: int):
    bc = selectors.bundle_case_get(actor=request.user, bundle_case_id=pk)
    if not bc.submitted:
        return redirect("bundles_portal:edit", pk=bc.pk)
    context = selectors.bundle_detail(bc, timezone.localdate())
    context["applicant_view"] = True
    return render(request, "bundles/detail.html", context)


@login_required
@require_POST
def supplement(request, pk: int):
    """Answer the combined 补正 once: one upload per listed material, then every sub-case gets it."""
    bc = selectors.bundle_case_get(actor=request.user, bundle_case_id=pk)
    try:
        for code, upload in request.FILES.items():
            if code.startswith("material_"):
                stored = file_upload(actor=request.user, upload=upload, purpose="bundle", request=request)
                services.bundle_attach(actor=request.user, bundle_case=bc, code=code[len("material_"):], file=stored)
        services.bundle_submit_supplement(actor=request.user, bundle_case=bc, request=request)
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("补正材料已提交，已分送各相关部门。"))
    return redirect("bundles_portal:detail", pk=bc.pk)


# -- workbench --------------------------------------------------------------------------------------------------


@staff_required(roles=STAFF)
@require_GET
def queue(request):
    rows = list(selectors.bundle_queue(actor=request.user)[:200])
    return render(request, "bundles/workbench/queue.html", {"rows": rows})


@staff_required(roles=STAFF)
@require_GET
def staff_detail(request, pk: int):
    bc = selectors.bundle_case_get(actor=request.user, bundle_case_id=pk)
    context = selectors.bundle_detail(bc, timezone.localdate())
    context["is_clerk"] = Role.WINDOW_CLERK in {r.role for r in request.staff.roles.all()}
    return render(request, "bundles/workbench/detail.html", context)


@staff_required(roles=(Role.WINDOW_CLERK,))
@require_POST
def request_supplement(request, pk: int):
    bc = selectors.bundle_case_get(actor=request.user, bundle_case_id=pk)
    items = [{"code": code, "reason": request.POST.get(f"reason_{code}", "")}
             for code in request.POST.getlist("code")]
    try:
        services.bundle_request_supplement(actor=request.user, bundle_case=bc, items=items, request=request)
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("已出具一次性补正告知书，相关子项均已转为待补正。"))
    return redirect("bundles_admin:detail", pk=bc.pk)


@staff_required(roles=(Role.WINDOW_CLERK,))
@require_POST
def deliver(request, pk: int):
    bc = selectors.bundle_case_get(actor=request.user, bundle_case_id=pk)
    try:
        services.bundle_deliver(actor=request.user, bundle_case=bc, method=request.POST.get("method", ""),
                                note=request.POST.get("note", ""), request=request)
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("全部结果已统一送达。"))
    return redirect("bundles_admin:detail", pk=bc.pk)


@staff_required
@require_GET
def savings(request):
    rows = selectors.savings_dashboard()
    chart = {"names": [r["name"] for r in rows],
             "series": [{"label": row["label"], "separate": [r["rows"][i]["separate"] for r in rows],
                         "bundle": [r["rows"][i]["bundle"] for r in rows]}
                        for i, row in enumerate(rows[0]["rows"])] if rows else []}
    return render(request, "bundles/workbench/savings.html", {"rows": rows, "chart": chart})
