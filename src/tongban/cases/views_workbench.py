"""Staff workbench for cases (办件), mounted at /workbench/cases/ (app "cases_admin").

- 我的待办: the actor's tasks (selectors.my_tasks), most urgent first, coloured by the clock (正常 / 临期 / 超期 / 中止).
- 部门办件, 办件查询, 超期督办: department_queue, case_search and overdue_cases, paginated.
- The case page: header, clocks with their explanation, form, materials with previews, review steps and
  opinions, fact checks, suspensions and the extension, documents, deliveries, the timeline, and the action panel.
  The panel offers only what `domain.allowed_actions` and the actor's roles permit; hiding is not the check —
  every action goes through `tongban.cases.services` with `expected_version` (the case's row_version when the
  page was rendered), so of two staff acting at once exactly one succeeds and the other is told why.
- 消息: the staff member's notifications.

A refused action re-renders the case page with the service's message and the input kept. Pages never 500 on
bad input: filters are forms, unknown ids are 404, pages out of range show the last page.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, QuerySet, prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from tongban.cases import domain, selectors, services
from tongban.cases.domain import Action, Status, return_target, review_step_after
from tongban.cases.forms_workbench import (
    STATUS_TEXT,
    ActionForm,
    CompleteStepForm,
    DecideForm,
    DeliverForm,
    ExtensionRequestForm,
    InstantForm,
    QueueFilterForm,
    RefuseForm,
    ReturnStepForm,
    SearchForm,
    SupplementForm,
    SuspendForm,
    VerifyFactForm,
)
from tongban.cases.models import Case, CaseMaterial, CaseStep, Extension, Notification, Opinion
from tongban.catalog.models import ItemVersion
from tongban.clock import SuspensionReason
from tongban.core.errors import Conflict, NotFound, ServiceError
from tongban.org.access import staff_required
from tongban.org.models import Role
from tongban.org.permissions import CASE_ROLES, has_role
from tongban.org.selectors import current_staff
from tongban.people import identity

PAGE_SIZE = 50
OVERSIGHT_ROLES = (Role.INSPECTOR, Role.SUPERVISOR)

CLOCK_TEXT = {"正常": gettext_lazy("正常"), "临期": gettext_lazy("临期"), "超期": gettext_lazy("超期"),
              "中止": gettext_lazy("中止")}
CLOCK_CLASS = {"正常": "cw-normal", "临期": "cw-due-soon", "超期": "cw-overdue", "中止": "cw-suspended"}
CLOCK_KIND = {"intake": gettext_lazy("受理审查期限"), "decision": gettext_lazy("决定期限"),
              "license": gettext_lazy("颁发证件期限")}
ACTION_TEXT = {
    Action.SUBMIT: gettext_lazy("提交申请"),
    Action.REQUEST_SUPPLEMENT: gettext_lazy("一次性告知补正"),
    Action.SUBMIT_SUPPLEMENT: gettext_lazy("提交补正材料"),
    Action.ACCEPT: gettext_lazy("受理"),
    Action.DEEM_ACCEPT: gettext_lazy("视为受理"),
    Action.REFUSE_INTAKE: gettext_lazy("不予受理"),
    Action.INSTANT: gettext_lazy("即办"),
    Action.COMPLETE_STEP: gettext_lazy("完成审查环节"),
    Action.RETURN_STEP: gettext_lazy("退回上一环节"),
    Action.VERIFY_FACT: gettext_lazy("核查"),
    Action.SUSPEND: gettext_lazy("中止计时（特别程序）"),
    Action.RESUME: gettext_lazy("恢复计时"),
    Action.EXTEND: gettext_lazy("延长期限"),
    Action.DECIDE: gettext_lazy("作出决定"),
    Action.DELIVER: gettext_lazy("送达"),
    Action.WITHDRAW: gettext_lazy("撤回申请"),
}
ROLE_TEXT = dict(Role.choices)


def _today() -> date:
    return timezone.localdate()


# --------------------------------------------------------------------------------------------------------------
# Reads used only by these pages (see the report: they belong in selectors.py).
# --------------------------------------------------------------------------------------------------------------


def _case_for(user, case_id: int) -> Case:
    return selectors.case_get(actor=user, case_id=case_id)


def _clock_prefetch():
    return (Prefetch("extension", queryset=Extension.objects.select_related("approved_by__staff")), "suspensions",
            Prefetch("steps", queryset=CaseStep.objects.filter(state=CaseStep.State.ACTIVE), to_attr="active_steps"))


def _with_clocks(qs):
    """What case_clock and the rows read, loaded with the rows (no query per row). The extension is prefetched,
    not joined: three more joins on every list query cost more to plan than the small query."""
    return qs.prefetch_related(*_clock_prefetch())


def _decorated(cases, today: date) -> list[Case]:
    """Rows with their clocks and tasks. A page of a queryset is read as its ids first — ordered and cut on the
    bare cases — then those fifty rows (_rows_in_order): joining every match before the sort cost 36 ms for
    5,000 matches (docs/benchmarks.md). Only a case in review reads its suspensions, extension and active step
    (the decision clock, the step waiting), so only those are prefetched: a page of concluded cases — most
    search results — needs none of those three queries."""
    if isinstance(cases, QuerySet):
        return _rows_in_order(list(cases.values_list("pk", flat=True)), today)
    cases = list(cases)
    prefetch_related_objects([c for c in cases if c.status == Status.IN_REVIEW], *_clock_prefetch())
    return [_decorate(c, today) for c in cases]


# --------------------------------------------------------------------------------------------------------------
# Presentation helpers
# --------------------------------------------------------------------------------------------------------------


def _clock_view(kind: str, state) -> dict | None:
    if state is None:
        return None
    status = str(state.status)
    return {
        "kind": kind, "kind_label": CLOCK_KIND[kind], "due": state.due, "left": state.workdays_left,
        "overdue_by": -state.workdays_left if state.workdays_left < 0 else 0,
        "status": status, "label": CLOCK_TEXT.get(status, status), "css": CLOCK_CLASS.get(status, ""),
        "explanation": state.explanation, "total": state.total_workdays, "suspended": state.suspended_workdays,
        # due None: past the loaded calendar (ADR 0002 §4); `left` is then a lower bound.
        "pending_year": state.pending_year,
    }


def _decorate(case: Case, today: date) -> Case:
    """Attach the row's clock (the one that runs now), labels and the pending task to a case."""
    clock = selectors.case_clock(case, today)
    case.clock = None
    for kind in ("intake", "decision", "license"):
        if clock[kind] is not None:
            case.clock = _clock_view(kind, clock[kind])
            break
    case.deemed_due = clock["deemed_acceptance_due"]
    case.status_text = STATUS_TEXT.get(case.status, case.status)
    steps = getattr(case, "active_steps", None)
    if case.status == Status.RECEIVED:
        case.task = _("受理决定")
    elif case.status == Status.IN_REVIEW and steps:
        case.task = steps[0].name
        case.task_role = ROLE_TEXT.get(steps[0].role, steps[0].role)
    elif case.status in (Status.DECIDED, Status.REFUSED):
        case.task = _("送达")
    else:
        case.task = case.status_text
    return case


class CappedPaginator(Paginator):
    """Counts up to selectors.SEARCH_COUNT_CAP (+1, shown as "1,000+"): for searches, whose matches can be
    tens of thousands."""

    @cached_property
    def count(self) -> int:
        n, self.object_list = selectors.counted_search(self.object_list)
        return n

    @property
    def cap(self) -> int:
        return selectors.SEARCH_COUNT_CAP

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def _page(request, rows, paginator=Paginator, total: int | None = None):
    pages = paginator(rows, PAGE_SIZE)
    if total is not None:  # already counted with the rest of the page's figures
        pages.count = total
    return pages.get_page(request.GET.get("page"))


def _decorated_page(request, qs, paginator=Paginator, total: int | None = None):
    page = _page(request, qs, paginator, total)
    page.object_list = _decorated(page.object_list, _today())
    return page


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _list_context(request, page, **extra):
    return {"page": page, "rows": page.object_list, "query": _query_without_page(request), "today": _today(),
            **extra}


def _unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def _render(request, template, context, status=200):
    context.setdefault("unread_count", _unread_count(request.user))
    return render(request, template, context, status=status)


# --------------------------------------------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------------------------------------------


def _rows_in_order(pks: list[int], today: date) -> list[Case]:
    # A row shows its item's and department's names: the few distinct ones read once (prefetch), not joined onto
    # each of fifty rows with the applicants — building those objects was most of a page's query time.
    cases = Case.objects.filter(pk__in=pks).prefetch_related("item_version", "department").in_bulk()
    return _decorated([cases[pk] for pk in pks if pk in cases], today)


def _tasks_page(request, tasks, today: date):
    """The requested page of 我的待办 and the counts, in one query (selectors.urgency_page); the page's ids first,
    then their rows: joining every task's related rows before the sort cost more than the sort itself."""
    number = request.GET.get("page") or 1
    try:
        offset = max(int(number) - 1, 0) * PAGE_SIZE
    except ValueError:
        offset = 0
    ids, counts = selectors.urgency_page(tasks, today, offset=offset, limit=PAGE_SIZE)
    if counts is None:  # past the last page, or nothing to do
        counts = selectors.by_urgency(tasks, today)[1]
    page = Paginator(range(counts["total"]), PAGE_SIZE).get_page(number)
    if page.start_index() - 1 != offset and counts["total"]:  # a page number out of range: the last page
        ids = selectors.urgency_page(tasks, today, offset=page.start_index() - 1, limit=PAGE_SIZE)[0]
    page.object_list = _rows_in_order(ids, today)
    return page, counts


@staff_required(roles=CASE_ROLES)
@require_GET
def tasks(request):
    """我的待办: every task of the actor, most urgent first (超期, 临期, then the nearest deadline; 中止 last)."""
    today = _today()
    page, counts = _tasks_page(request, selectors.my_tasks(actor=request.user), today)
    deliveries = _decorated(selectors.deliveries_pending(actor=request.user)[:PAGE_SIZE], today)
    return _render(request, "cases/workbench/tasks.html", _list_context(
        request, page, total=counts["total"], overdue_count=counts["超期"], due_soon_count=counts["临期"],
        deliveries=deliveries))


@staff_required(roles=CASE_ROLES)
@require_GET
def department(request):
    """部门办件: the cases of the actor's departments, by status (default: everything still in progress)."""
    form = QueueFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = _decorated_page(request, selectors.department_queue(actor=request.user, status=status or None))
    return _render(request, "cases/workbench/department.html", _list_context(request, page, form=form))


@staff_required(roles=CASE_ROLES)
@require_GET
def search(request):
    """办件查询: number, applicant, item, status and received-date range; newest first."""
    form = SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        page = _page(request, [])
        return _render(request, "cases/workbench/search.html", _list_context(request, page, form=form, searched=True),
                       status=200)
    filters = form.filters() if form.is_bound else {}
    page = _decorated_page(request, selectors.case_search(actor=request.user, **filters), CappedPaginator)
    return _render(request, "cases/workbench/search.html",
                   _list_context(request, page, form=form, searched=bool(filters)))


@staff_required(roles=OVERSIGHT_ROLES)
@require_GET
def overdue(request):
    """超期督办: every case in scope past its decision date, longest overdue first, with the count per department."""
    today = _today()
    qs = selectors.overdue_cases(actor=request.user, today=today)
    by_department = list(qs.order_by().values("department__name").annotate(n=Count("pk", distinct=True))
                         .order_by("-n", "department__name"))
    page = _decorated_page(request, qs)
    return _render(request, "cases/workbench/overdue.html",
                   _list_context(request, page, by_department=by_department, total=page.paginator.count))


# --------------------------------------------------------------------------------------------------------------
# The case page
# --------------------------------------------------------------------------------------------------------------


def _file_kind(content_type: str) -> str:
    if content_type == "application/pdf":
        return "pdf"
    if content_type in ("image/png", "image/jpeg", "image/gif", "image/webp"):
        return "image"
    return "other"


def _materials(case: Case, version: ItemVersion) -> tuple[list[dict], list[CaseMaterial]]:
    """Each required material with its files grouped by 补正 round (0: the application itself)."""
    files = list(case.materials.select_related("file__blob", "uploaded_by__staff").order_by("round", "id"))
    for m in files:
        m.kind = _file_kind(m.file.blob.content_type)
        m.preview_url = reverse("cases_admin:material_content", args=[case.pk, m.pk])
        m.download_url = f"/api/v1/files/{m.file_id}/content"
    asked: dict[int, list[dict]] = {}
    for request_row in case.supplement_requests.all():
        for item in request_row.items:
            asked.setdefault(item.get("requirement_id"), []).append({"round": request_row.round,
                                                                     "reason": item.get("reason", "")})
    groups = []
    for req in version.materials.all():
        mine = [m for m in files if m.requirement_id == req.pk]
        rounds = []
        for m in mine:
            if not rounds or rounds[-1]["round"] != m.round:
                rounds.append({"round": m.round, "files": []})
            rounds[-1]["files"].append(m)
        groups.append({"requirement": req, "rounds": rounds, "count": len(mine), "asked": asked.get(req.pk, [])})
    return groups, [m for m in files if m.requirement_id is None]


def _form_rows(version: ItemVersion, data: dict) -> list[tuple[str, str]]:
    """The application form as (label, value) rows, labelled from the version's form schema."""
    rows, known = [], set()
    for field in version.form_schema or []:
        name = field.get("name")
        known.add(name)
        if name not in data:
            continue
        rows.append((field.get("label") or name, _form_value(field, data[name])))
    rows += [(name, _form_value({}, value)) for name, value in data.items() if name not in known]
    return rows


def _form_value(field: dict, value) -> str:
    options = {}
    for option in field.get("options") or []:
        if isinstance(option, dict):
            options[str(option.get("value"))] = str(option.get("label", option.get("value")))
        else:
            options[str(option)] = str(option)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list):
        return "、".join(options.get(str(v), str(v)) for v in value)
    if value in (None, ""):
        return "—"
    return options.get(str(value), str(value))


def _applicant(case: Case) -> dict:
    if case.applicant_person is not None:
        p = case.applicant_person
        return {"kind": _("自然人"), "name": p.name, "id_label": p.get_id_type_display(),
                "id": identity.mask_id_number(p.id_number), "phone": identity.mask_phone(p.phone) if p.phone else ""}
    legal = case.applicant_legal
    return {"kind": _("法人"), "name": legal.name, "id_label": _("统一社会信用代码"), "id": legal.uscc,
            "representative": legal.legal_representative_name}


def _url(name: str, *args, fallback: str = "") -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return fallback


def _documents(case: Case) -> list:
    docs = list(selectors.case_documents(case).select_related("seal", "pdf"))
    for doc in docs:
        doc.verify_url = _url("seals_verify:document", doc.token, fallback=f"/verify/{doc.token}/")
        doc.pdf_url = _url("seals_verify:pdf", doc.token, fallback=f"/api/v1/files/{doc.pdf_id}/content")
    return docs


def _steps(case: Case) -> list[CaseStep]:
    steps = list(case.steps.select_related("completed_by__staff").prefetch_related(
        Prefetch("opinions", queryset=Opinion.objects.select_related("author__staff"))))
    for s in steps:
        s.role_text = ROLE_TEXT.get(s.role, s.role)
    return steps


def _fact_checks(case: Case, version: ItemVersion) -> list[dict]:
    checks = list(case.fact_checks.select_related("checker__staff", "requirement").order_by("checked_at", "pk"))
    rows = []
    for req in version.materials.filter(needs_dual_verification=True):
        mine = [c for c in checks if c.requirement_id == req.pk]
        rows.append({"requirement": req, "checks": mine, "checkers": len({c.checker_id for c in mine})})
    return rows


def _procedures(version: ItemVersion) -> list[str]:
    """第四十五条's special procedures, then the item's own (e.g. 现场勘验), in the order the law lists them."""
    listed = [r.value for r in SuspensionReason if r.value in services.SPECIAL_PROCEDURES]
    return listed + [p for p in version.extra_procedures or [] if p not in listed]


def _staff_name(user) -> str:
    if user is None:
        return _("系统")
    staff = getattr(user, "staff", None)
    return staff.name if staff else user.get_username()


# The action panel: which forms the actor sees. The services decide; this only avoids offering the impossible.
FORMS = {
    "accept": ActionForm,
    "supplement": SupplementForm,
    "refuse": RefuseForm,
    "instant": InstantForm,
    "complete_step": CompleteStepForm,
    "return_step": ReturnStepForm,
    "verify_fact": VerifyFactForm,
    "suspend": SuspendForm,
    "resume": ActionForm,
    "request_extension": ExtensionRequestForm,
    "approve_extension": ActionForm,
    "decide": DecideForm,
    "deliver": DeliverForm,
}


def _panel(user, case: Case, steps: list[CaseStep]) -> dict:
    """The actions offered to `user` on `case`, with what each form needs (and notes on why one waits)."""
    allowed = set(domain.allowed_actions(case.status))
    version = case.item_version
    offered: dict[str, dict] = {}
    notes: list[str] = []
    intake = selectors.intake_scope(user)
    intake_ok = intake is None or case.department_id in intake
    if intake_ok:
        if Action.ACCEPT in allowed:
            offered["accept"] = {}
        if Action.REQUEST_SUPPLEMENT in allowed:
            offered["supplement"] = {}
        if Action.REFUSE_INTAKE in allowed:
            offered["refuse"] = {}
        if Action.INSTANT in allowed and version.handling == ItemVersion.Handling.INSTANT:
            offered["instant"] = {}
    if case.status == Status.IN_REVIEW:
        active = next((s for s in steps if s.state == CaseStep.State.ACTIVE), None)
        open_suspension = case.suspensions.filter(ended_on__isnull=True).first()
        if active is not None and selectors.acts_on_step(user, case, active.role):
            earlier = [s for s in steps if return_target(s, active)]
            if any(review_step_after(s, active) for s in steps):
                offered["complete_step"] = {}
            elif open_suspension is None:
                offered["decide"] = {}
            else:
                notes.append(_("特别程序（%(p)s）进行中：恢复计时后才能作出决定。") % {"p": open_suspension.reason})
            if earlier and Action.RETURN_STEP in allowed:
                offered["return_step"] = {"steps": earlier}
        elif active is not None:
            notes.append(_("当前环节“%(step)s”由%(role)s办理。") % {"step": active.name,
                                                                  "role": ROLE_TEXT.get(active.role, active.role)})
        if has_role(user, [Role.REVIEWER, Role.APPROVER], case.department):
            dual = list(version.materials.filter(needs_dual_verification=True))
            checks = list(case.fact_checks.values_list("requirement_id", "checker_id"))
            # 第三十四条: two different staff per fact; once two have checked, the panel stops offering it.
            todo = [r for r in dual if (r.pk, user.pk) not in checks
                    and len({c for q, c in checks if q == r.pk}) < 2]
            if todo:
                offered["verify_fact"] = {"requirements": todo}
            if open_suspension is None:
                offered["suspend"] = {"procedures": _procedures(version)}
            else:
                offered["resume"] = {"suspension": open_suspension}
            extension = getattr(case, "extension", None)
            if extension is None:
                offered["request_extension"] = {}
            elif extension.approved_on is None:
                if extension.requested_by_id == user.pk:
                    notes.append(_("您申请的延期须由另一名审批人员批准。"))
                elif has_role(user, [Role.APPROVER], case.department):
                    offered["approve_extension"] = {"extension": extension}
                else:
                    notes.append(_("延期申请待审批人员批准。"))
    if Action.DELIVER in allowed:
        at_window = bool(case.receiving_window_id) and has_role(user, [Role.WINDOW_CLERK],
                                                                 case.receiving_window.department_id)
        if at_window or has_role(user, [Role.WINDOW_CLERK, Role.APPROVER, Role.REVIEWER], case.department):
            offered["deliver"] = {}
    return {"offered": offered, "notes": notes}


def _form_for(name: str, case: Case, spec: dict, data=None):
    kwargs = {k: v for k, v in spec.items() if k in ("steps", "requirements", "procedures")}
    return FORMS[name](data, case=case, **kwargs)


def _detail(request, case: Case, *, failed: str | None = None, failed_form=None, error: str | None = None,
            conflict: bool = False, status: int = 200):
    today = _today()
    case = _with_clocks(Case.objects.filter(pk=case.pk)).select_related(
        "item_version__item", "department", "applicant_person", "applicant_legal", "agent", "receiving_window__hall",
        "zone").get()
    version = case.item_version
    clock = selectors.case_clock(case, today)
    clocks = [c for c in (_clock_view(k, clock[k]) for k in ("intake", "decision", "license")) if c]
    steps = _steps(case)
    panel = _panel(request.user, case, steps)
    forms = {}
    for name, spec in panel["offered"].items():
        forms[name] = failed_form if name == failed and failed_form is not None else _form_for(name, case, spec)
    groups, other_files = _materials(case, version)
    extension = getattr(case, "extension", None)
    timeline = list(selectors.timeline(case, public_only=False).select_related("document"))
    for event in timeline:
        event.action_text = ACTION_TEXT.get(event.action, event.action)
        if event.document_id:
            event.doc_url = _url("seals_verify:document", event.document.token,
                                 fallback=f"/verify/{event.document.token}/")
    first = next((m for g in groups for r in g["rounds"] for m in r["files"] if m.kind != "other"), None)
    if first is not None:
        first.open = True
    primary = next((n for n in ("accept", "complete_step", "decide", "deliver", "approve_extension", "resume")
                    if n in panel["offered"]), next(iter(panel["offered"]), None))
    context = {
        "case": case, "version": version, "status_text": STATUS_TEXT.get(case.status, case.status),
        "applicant": _applicant(case),
        "agent": {"name": case.agent.name, "id": identity.mask_id_number(case.agent.id_number)} if case.agent else None,
        "clocks": clocks, "deemed_due": clock["deemed_acceptance_due"], "today": today,
        "form_rows": _form_rows(version, case.form_data or {}),
        "groups": groups, "other_files": other_files,
        "supplements": list(case.supplement_requests.select_related("document", "requested_by__staff")),
        "steps": steps, "fact_checks": _fact_checks(case, version),
        "suspensions": list(case.suspensions.select_related("document", "started_by__staff", "ended_by__staff")),
        "extension": extension,
        "extension_requester": _staff_name(extension.requested_by) if extension else "",
        "extension_approver": _staff_name(extension.approved_by) if extension and extension.approved_by_id else "",
        "documents": _documents(case),
        "deliveries": list(case.deliveries.select_related("document", "recorded_by__staff")),
        "timeline": timeline,
        "panel": panel, "forms": forms, "failed": failed, "error": error, "conflict": conflict,
        "open_action": failed or primary,
    }
    return _render(request, "cases/workbench/detail.html", context, status=status)


@staff_required(roles=CASE_ROLES)
@require_GET
def detail(request, case_id: int):
    return _detail(request, _case_for(request.user, case_id))


def _run(name: str, request, case: Case, data: dict) -> str:
    """Call the service of action `name`; returns the success message."""
    common = {"actor": request.user, "case": case, "expected_version": data["expected_version"], "request": request}
    if name == "accept":
        case = services.case_accept(**common)
        return _("已受理，受理通知书已盖章出具；决定期限 %(due)s。") % {"due": case.due_on or _("待定")}
    if name == "supplement":
        row = services.case_request_supplement(items=data["items"], **common)
        return _("已一次性告知补正 %(n)s 项材料，补正告知书已盖章出具。") % {"n": len(row.items)}
    if name == "refuse":
        services.case_refuse_intake(reasons=data["reason_list"], ground=data["ground"],
                                    competent_agency=data.get("competent_agency", ""), **common)
        return _("已作出不予受理决定，决定书已盖章出具。")
    if name == "instant":
        services.case_instant(content=data["content"], **common)
        return _("即办：已当场作出准予决定。")
    if name == "complete_step":
        services.case_complete_step(opinion=data["opinion"], **common)
        return _("本环节已完成，办件已转下一环节。")
    if name == "return_step":
        services.case_return_step(to_order=data["to_order"], reason=data["reason"], **common)
        return _("办件已退回。")
    if name == "verify_fact":
        form_requirements = {r.pk: r for r in case.item_version.materials.all()}
        requirement = form_requirements.get(data["requirement"])
        if requirement is None:
            raise NotFound(_("核查事项不存在。"))
        services.case_verify_fact(requirement=requirement, finding=data["finding"], **common)
        return _("核查情况已记录。")
    if name == "suspend":
        services.case_suspend(reason=data["reason"], expected_workdays=data["expected_workdays"],
                              detail=data["detail"], **common)
        return _("已中止计时，特别程序告知书已盖章出具。")
    if name == "resume":
        case = services.case_resume(**common)
        return _("已恢复计时，决定期限 %(due)s。") % {"due": case.due_on or _("待定")}
    if name == "request_extension":
        services.case_request_extension(reason=data["reason"], days=data["days"], **common)
        return _("延期申请已提交，待另一名审批人员批准。")
    if name == "approve_extension":
        services.case_approve_extension(**common)
        return _("已批准延期，延期告知书已盖章出具。")
    if name == "decide":
        grant = data["decision"] == "grant"
        case = services.case_decide(grant=grant, reasons=data["reason_list"], content=data.get("content", ""),
                                    **common)
        done = _("已作出准予许可决定。") if grant else _("已作出不予许可决定。")
        if case.status == Status.CONCLUDED:
            return done + _("决定书已电子送达申请人，办件已办结。")
        return done + _("申请人没有网上账户，请记录窗口领取或邮寄送达。")
    if name == "deliver":
        services.case_deliver(method=data["method"], note=data["note"], **common)
        return _("送达已记录，办件已办结。")
    raise Http404


@staff_required(roles=CASE_ROLES)
@require_POST
def act(request, case_id: int, action: str):
    """One action of the panel. On refusal the case page comes back with the message and the input kept."""
    if action not in FORMS:
        raise Http404
    case = _case_for(request.user, case_id)
    steps = list(case.steps.all())
    spec = _panel(request.user, case, steps)["offered"].get(action, {})
    # An action no longer offered (a stale page) still goes to the service, which says why it cannot be done.
    if action == "return_step" and not spec:
        spec = {"steps": steps}
    if action == "verify_fact" and not spec:
        spec = {"requirements": list(case.item_version.materials.filter(needs_dual_verification=True))}
    if action == "suspend" and not spec:
        spec = {"procedures": _procedures(case.item_version)}
    form = _form_for(action, case, spec, request.POST)
    if not form.is_valid():
        stale = "expected_version" in form.errors
        message = _("页面信息不完整，请刷新后再操作。") if stale else _("请检查填写的内容。")
        return _detail(request, case, failed=action, failed_form=form, error=message, status=409 if stale else 422)
    try:
        done = _run(action, request, case, form.cleaned_data)
    except ServiceError as exc:
        return _detail(request, case, failed=action, failed_form=form, error=exc.detail,
                       conflict=isinstance(exc, Conflict), status=exc.status)
    messages.success(request, done)
    return redirect("cases_admin:detail", case_id=case.pk)


@staff_required(roles=CASE_ROLES)
@xframe_options_sameorigin
@require_GET
def material_content(request, case_id: int, material_id: int):
    """A material's bytes for the in-page preview: PDF and images inline (framed by this site only), others as a
    download. Access follows the case; every read is audited by the file store."""
    from tongban.files.api import content_disposition
    from tongban.files.services import file_open

    case = _case_for(request.user, case_id)
    material = CaseMaterial.objects.select_related("file__blob").filter(pk=material_id, case=case).first()
    if material is None:
        raise Http404
    stored = material.file
    stream = file_open(actor=request.user, stored_file=stored, request=request)
    content_type = stored.blob.content_type
    response = FileResponse(stream, content_type=content_type)
    response["Content-Length"] = str(stored.blob.size)
    disposition = content_disposition(stored.filename)
    if _file_kind(content_type) != "other":
        disposition = disposition.replace("attachment", "inline", 1)
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, max-age=300"
    return response


# --------------------------------------------------------------------------------------------------------------
# Messages (in-app notifications) and the workbench home summary
# --------------------------------------------------------------------------------------------------------------


@staff_required
@require_GET
def notifications(request):
    qs = (Notification.objects.filter(recipient=request.user).select_related("case")
          .order_by(F("read_at").desc(nulls_first=True), "-created_at", "-pk"))
    page = _page(request, qs)
    return _render(request, "cases/workbench/notifications.html",
                   {"page": page, "rows": page.object_list, "query": ""})


@staff_required
@require_POST
def notification_read(request, notification_id: int):
    notification = Notification.objects.filter(pk=notification_id, recipient=request.user).first()
    if notification is None:
        raise Http404
    services.notification_mark_read(actor=request.user, notification=notification)
    if request.POST.get("open") and notification.case_id:
        return redirect("cases_admin:detail", case_id=notification.case_id)
    return _back(request)


@staff_required
@require_POST
def notifications_read_all(request):
    n = services.notification_mark_read(actor=request.user)
    messages.success(request, _("已将 %(n)s 条消息标为已读。") % {"n": n})
    return _back(request)


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return redirect(target)
    return redirect("cases_admin:notifications")


def _fragment_for_staff(request) -> bool:
    """htmx fragments: a signed-out or non-staff request gets an empty fragment, never the login page."""
    return current_staff(request.user) is not None


@require_GET
def unread_badge(request):
    """The top bar's message badge (loaded by htmx on every workbench page)."""
    if not _fragment_for_staff(request):
        return HttpResponse("")
    return render(request, "cases/workbench/_unread_badge.html", {"unread_count": _unread_count(request.user)})


@require_GET
def summary(request):
    """The workbench home's panel: my tasks by clock status, overdue cases in scope, unread messages."""
    if not _fragment_for_staff(request):
        return HttpResponse("")
    today = _today()
    user = request.user
    context = {"unread_count": _unread_count(user),
               "latest": list(Notification.objects.filter(recipient=user, read_at__isnull=True)
                              .select_related("case").order_by("-created_at")[:5])}
    if has_role(user, CASE_ROLES):
        _ordered, counts = selectors.by_urgency(selectors.my_tasks(actor=user), today)
        context["tasks_total"] = counts["total"]
        context["tasks_overdue"], context["tasks_due_soon"] = counts["超期"], counts["临期"]
        context["deliveries"] = selectors.deliveries_pending(actor=user).count()
        context["case_staff"] = True
    if has_role(user, OVERSIGHT_ROLES):
        context["overdue_in_scope"] = selectors.overdue_cases(actor=user, today=today).count()
    return render(request, "cases/workbench/_summary.html", context)
