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
from django.urls import reverse
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


def _edit_context(bc, *, values=None, errors=None, error=None, layout="web/base_portal.html", here="bundles_portal:edit"):
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
            "error": error, "layout": layout, "action": reverse(here, args=[bc.pk])}


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int, layout="web/base_portal.html", done="bundles_portal:detail", here="bundles_portal:edit"):
    """The one form and one upload per distinct material; save, or submit and fan out."""
    bc = selectors.bundle_case_get(actor=request.user, bundle_case_id=pk)
    if bc.submitted:
        return redirect(done, pk=bc.pk)
    if request.method == "GET":
        return render(request, "bundles/edit.html", _edit_context(bc, layout=layout, here=here))
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
            return redirect(done, pk=bc.pk)
    except ServiceError as exc:
        bc.refresh_from_db()
        return render(request, "bundles/edit.html",
                      _edit_context(bc, values=values, errors=exc.errors, error=exc.detail, layout=layout, here=here),
                      status=exc.status)
    messages.success(request, _("草稿已保存。"))
    return redirect(here, pk=bc.pk)


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


@staff_required(roles=(Role.WINDOW_CLERK,))
@require_http_methods(["GET", "POST"])
def register(request):
    """窗口收件: a walk-in applicant (already registered at the window) applies for a bundle; the clerk then fills
    the same one form and uploads the materials the applicant hands over."""
    from tongban.cases.views_window import clerk_windows
    from tongban.people.models import NaturalPerson
    from tongban.people.selectors import person_list

    windows = clerk_windows(request.user)
    context = {"bundles": selectors.published_bundles(), "windows": windows, "error": None, "values": request.POST}
    if request.method == "POST":
        try:
            version = selectors.bundle_guide(request.POST.get("bundle", ""))
            window = next((w for w in windows if str(w.pk) == request.POST.get("window")), None)
            rows = list(person_list(actor=request.user, id_number=request.POST.get("id_number", "")))
            if not request.POST.get("id_number") or len(rows) != 1:
                raise ServiceError(_("未找到该证件号码的申请人，请先在“窗口收件”页面登记申请人身份。"))
            person = NaturalPerson.objects.get(pk=rows[0].id)
            bc = services.bundle_case_draft(actor=request.user, version=version, person=person,
                                            channel="window", window=window)
        except ServiceError as exc:
            context["error"] = exc.detail
            return render(request, "bundles/workbench/register.html", context, status=exc.status)
        return redirect("bundles_admin:edit", pk=bc.pk)
    return render(request, "bundles/workbench/register.html", context)


@staff_required(roles=(Role.WINDOW_CLERK,))
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk: int):
    """The clerk fills the one form of a window application: the portal's form in the workbench layout."""
    return edit(request, pk, layout="web/base_workbench.html", done="bundles_admin:detail",
                here="bundles_admin:edit")


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
def accept(request, pk: int):
    bc = selectors.bundle_case_get(actor=request.user, bundle_case_id=pk)
    try:
        accepted = services.bundle_accept(actor=request.user, bundle_case=bc, request=request)
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("已一窗受理 %(n)s 个子项，各受理通知书已盖章出具。") % {"n": len(accepted)})
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
