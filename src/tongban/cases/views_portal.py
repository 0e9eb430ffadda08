"""Portal pages for applicants (网上申请 · 我的办件), mounted at /apply/ (`cases_portal:`).

- items/<code>/start/       choose who applies (oneself, or a company one represents or holds an authorisation
                            for) and, for an item delegated to a development zone, where; creates the draft
- cases/<id>/edit/          the application form generated from the item version, one upload per material,
                            save draft, submit (a double click or a retry never makes two cases)
- cases/<id>/receipt/       the printable receipt (回执) with the date by which intake will be decided
- mine/                     my applications with their status and countdown
- cases/<id>/               the case: countdown with the clock's explanation, 补正, documents, timeline, withdraw
- cases/<id>/documents/<d>/ a sealed document: opening it records the time of electronic delivery
- register/                 网上实名登记 for an account that has no natural person yet

Every write goes through `tongban.cases.services` (or people/files services); a refusal shows the service's
Chinese message and keeps what the user typed. The reads kept here are small and page-specific.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tongban.cases import clocks, notices, selectors, services
from tongban.cases.domain import ACTION_LABELS, Action, Status, allowed_actions
from tongban.cases.forms import (
    PersonRegisterForm,
    WithdrawForm,
    field_errors,
    new_idempotency_key,
    posted_key,
    schema_fields,
    schema_form_data,
)
from tongban.cases.models import Case, CaseMaterial, Delivery
from tongban.catalog import selectors as catalog_selectors
from tongban.catalog.models import ItemVersion, MaterialRequirement
from tongban.core.errors import Conflict, NotFound, ServiceError
from tongban.files.api import content_disposition
from tongban.files.services import file_open, file_upload
from tongban.people import identity
from tongban.people.models import AgentAuthorisation, LegalPerson, NaturalPerson
from tongban.people.permissions import is_case_staff
from tongban.people.selectors import person_of
from tongban.people.services import person_register

# 网办深度 3 (在线申请) and 4 (全程网办) admit an online application; 1 and 2 only inform or book.
ONLINE_APPLY_DEPTH = 3
PAGE_SIZE = 20

CLOCK_LABELS = {
    "intake": gettext_lazy("受理决定期限"),
    "decision": gettext_lazy("办理期限"),
    "license": gettext_lazy("证照颁发期限"),
}
CLOCK_NOTES = {
    "intake": gettext_lazy("行政许可法第三十二条：收到申请之日起五个工作日内决定是否受理；逾期未告知补正的，自收到之日起即为受理。"),
    "decision": gettext_lazy("从受理之日起按承诺时限以工作日计算；听证、检验检测、专家评审等特别程序的时间不计入，延期须经批准并告知您理由。"),
    "license": gettext_lazy("行政许可法第四十四条：作出准予行政许可决定之日起十个工作日内颁发、送达许可证件。"),
}
CLOCK_STATUS = {
    "正常": ("ok", gettext_lazy("正常")),
    "临期": ("soon", gettext_lazy("临期")),
    "超期": ("late", gettext_lazy("超期")),
    "中止": ("paused", gettext_lazy("中止计时")),
}
STATUS_CSS = {
    Status.DRAFT: "secondary", Status.RECEIVED: "primary", Status.SUPPLEMENT_REQUESTED: "warning",
    Status.IN_REVIEW: "primary", Status.DECIDED: "info", Status.REFUSED: "danger",
    Status.CONCLUDED: "success", Status.WITHDRAWN: "secondary",
}
FILTERS = {
    "active": (gettext_lazy("办理中"), (Status.RECEIVED, Status.IN_REVIEW, Status.DECIDED, Status.REFUSED)),
    "action": (gettext_lazy("待我处理"), (Status.DRAFT, Status.SUPPLEMENT_REQUESTED)),
    "done": (gettext_lazy("已办结"), (Status.CONCLUDED, Status.WITHDRAWN)),
}


def _today() -> date:
    return timezone.localdate()


# ---------------------------------------------------------------------------------------------------------------
# Reads used only by these pages (pure reads; see the report for the selectors they might become)
# ---------------------------------------------------------------------------------------------------------------

def my_companies(person: NaturalPerson, on: date) -> list[dict]:
    """Legal persons `person` may apply for online: those whose legal representative they are (matched by
    document number, as the case service checks) and those that gave them an authorisation in force on `on`."""
    rows: dict[int, dict] = {}
    for lp in LegalPerson.objects.filter(legal_representative_id_number=person.id_number).order_by("name"):
        rows[lp.pk] = {"legal": lp, "representative": True, "until": None}
    granted = (AgentAuthorisation.objects.in_force(on)
               .filter(agent=person, principal_legal_person__isnull=False)
               .select_related("principal_legal_person").order_by("principal_legal_person__name", "-valid_until"))
    for auth in granted:
        rows.setdefault(auth.principal_legal_person_id,
                        {"legal": auth.principal_legal_person, "representative": False, "until": auth.valid_until})
    return list(rows.values())


def _my_case(request, pk: int) -> Case:
    """One of the user's applications (submitted, applied for, or acted in as agent); 404 otherwise."""
    case = (selectors.my_applications(user=request.user)
            .select_related("agent", "receiving_window__hall", "zone", "item_version__item")
            .filter(pk=pk).first())
    if case is None:
        raise NotFound(_("办件不存在或无权查看。"))
    return case


def _published_version(code: str) -> ItemVersion:
    return catalog_selectors.guide_version(code)  # NotFound → the 404 page with the catalogue's message


def _clock_state(key: str, state) -> dict:
    css, label = CLOCK_STATUS.get(str(state.status), ("ok", str(state.status)))
    return {
        "key": key, "label": CLOCK_LABELS[key], "note": CLOCK_NOTES[key], "due": state.due,
        "left": state.workdays_left, "late_by": -state.workdays_left if state.workdays_left < 0 else 0,
        "status": str(state.status), "status_label": label, "css": css, "explanation": state.explanation,
        "total": state.total_workdays, "suspended": state.suspended_workdays,
        # due None: past the loaded calendar (ADR 0002 §4); `left` is then a lower bound.
        "pending_year": state.pending_year,
    }


def case_clocks(case: Case, today: date) -> dict:
    """The clocks the case shows now (selectors.case_clock), most relevant first, ready for the template."""
    clock = selectors.case_clock(case, today)
    rows = [_clock_state(key, clock[key]) for key in ("intake", "decision", "license") if clock[key] is not None]
    return {"rows": rows, "main": rows[0] if rows else None, "deemed_due": clock["deemed_acceptance_due"]}


def material_rows(case: Case, *, requirements=None, errors: dict | None = None, user=None,
                  only: set[int] | None = None) -> list[dict]:
    """One row per material requirement: what it asks, what is attached (the latest file counts), errors."""
    errors = errors or {}
    attached: dict[int | None, list[CaseMaterial]] = {}
    for m in case.materials.select_related("file__blob").order_by("uploaded_at", "id"):
        attached.setdefault(m.requirement_id, []).append(m)
    if requirements is None:
        requirements = case.item_version.materials.select_related("blank_form", "sample")
    rows = []
    for req in requirements:
        if only is not None and req.pk not in only:
            continue
        files = attached.get(req.pk, [])
        formats = [str(f).lower().lstrip(".") for f in (req.formats or []) if str(f).strip()]
        accept = []
        for f in formats:
            accept += [".jpg", ".jpeg"] if f in ("jpg", "jpeg") else [f".{f}"]
        rows.append({
            "req": req,
            "current": files[-1] if files else None,
            "earlier": list(reversed(files[:-1])),
            "required": not req.condition and req.source == MaterialRequirement.Source.APPLICANT,
            "from_elsewhere": req.source != MaterialRequirement.Source.APPLICANT,
            "accept": ",".join(accept),
            "formats": "、".join(f.upper() for f in formats),
            "errors": errors.get(str(req.pk), []),
            "input_name": f"material_{req.pk}",
            "can_open": bool(files) and user is not None and files[-1].uploaded_by_id == user.pk,
        })
    return rows


def attach_uploads(request, case: Case, requirements, *, expected_version: int | None) -> tuple[dict, int | None]:
    """Keep each chosen file (files.services.file_upload) and attach it to its material (case_attach), one by
    one: a refused file is reported beside its material and the others stay attached.

    `expected_version` is the case version the page was built on; every attachment advances it by one, so the
    chain raises Conflict as soon as someone else changed the case. Returns the errors by requirement id and
    the version after the last attachment (for the submission that follows)."""
    errors: dict[str, list[str]] = {}
    version = expected_version
    for req in requirements:
        upload = request.FILES.get(f"material_{req.pk}")
        if upload is None:
            continue
        try:
            stored = file_upload(actor=request.user, upload=upload, purpose=f"办件材料：{req.name}"[:64],
                                 request=request)
            services.case_attach(actor=request.user, case=case, requirement=req, file=stored,
                                 expected_version=version)
        except Conflict:
            raise
        except ServiceError as exc:
            errors[str(req.pk)] = [_("“%(file)s”未能上传：%(reason)s") % {"file": upload.name, "reason": exc.detail}]
            continue
        if version is not None:
            version += 1
    return errors, version


def posted_version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _submitted_at(case: Case):
    event = case.events.filter(action=Action.SUBMIT).order_by("at", "id").last()
    return event.at if event else None


def receipt_context(case: Case) -> dict:
    """What the 回执 states (portal and window share it)."""
    intake_due = clocks.intake_due(case)
    return {
        "case": case,
        "submitted_at": _submitted_at(case),
        "intake_due": intake_due,
        # The fifth working day lies past the loaded calendar: the receipt says the date is to be fixed.
        "intake_pending_year": (clocks.first_day_not_loaded(case.intake_started_on).year
                                if intake_due is None and case.intake_started_on else None),
        "materials": [r for r in material_rows(case) if r["current"]],
        "status_css": STATUS_CSS.get(case.status, "secondary"),
    }


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def upload_limit_mb() -> int:
    return int(getattr(settings, "TONGBAN_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)) // (1024 * 1024)


# ---------------------------------------------------------------------------------------------------------------
# 网上实名登记
# ---------------------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    """An account without a natural person registers themself (people.services.person_register)."""
    next_url = _safe_next(request, reverse("cases_portal:mine"))
    if person_of(request.user) is not None:
        return redirect(next_url)
    staff_account = is_case_staff(request.user)
    error = None
    if request.method == "POST" and not staff_account:
        form = PersonRegisterForm(request.POST)
        if form.is_valid():
            try:
                person_register(actor=request.user, request=request, **form.cleaned_data)
            except ServiceError as exc:
                error = exc.detail
                for key, msgs in exc.errors.items():
                    for msg in msgs:
                        form.add_error(key if key in form.fields else None, msg)
            else:
                messages.success(request, _("实名信息已登记。现在可以在线申请了。"))
                return redirect(next_url)
        else:
            error = _("请按提示填写。")
    else:
        form = PersonRegisterForm()
    return render(request, "cases/portal/register.html", {
        "form": form, "error": error, "next": next_url, "staff_account": staff_account,
    }, status=422 if error else 200)


# ---------------------------------------------------------------------------------------------------------------
# Applying
# ---------------------------------------------------------------------------------------------------------------

def _prefill(version: ItemVersion, me: NaturalPerson, legal: LegalPerson | None) -> dict:
    """Numbers the portal already knows, put in the form's fields of that type (the applicant can change them)."""
    data = {}
    for f in version.form_schema:
        kind = f.get("type")
        if kind == "uscc" and legal is not None:
            data[f["name"]] = legal.uscc
        elif kind == "id_number" and legal is None:
            data[f["name"]] = me.id_number
        elif kind == "phone" and me.phone:
            data[f["name"]] = me.phone
    return data


@login_required
@require_http_methods(["GET", "POST"])
def start(request, code: str):
    """Choose who applies and where; the first POST creates the draft (the same Idempotency-Key never twice)."""
    version = _published_version(code)
    me = person_of(request.user)
    if me is None:
        messages.info(request, _("在线申请前，请先登记本人实名信息。"))
        return redirect(reverse("cases_portal:register") + "?next=" + request.path)
    today = _today()
    online = version.online_depth >= ONLINE_APPLY_DEPTH
    companies = [{**row, "value": f"legal:{row['legal'].pk}"} for row in my_companies(me, today)]
    zones = [d.zone for d in catalog_selectors.delegations_in_force(version.item, today)]
    drafts = Case.objects.filter(submitted_by=request.user, item_version=version, status=Status.DRAFT)
    error, chosen, chosen_zone = None, "self", ""
    key = new_idempotency_key()
    if request.method == "POST" and online:
        key = posted_key(request.POST) or key
        chosen = request.POST.get("applicant", "self")
        chosen_zone = request.POST.get("zone", "")
        legal, agent, zone = None, None, None
        if chosen != "self":
            row = next((c for c in companies if c["value"] == chosen), None)
            if row is None:
                error = _("请选择申请人：本人，或您担任法定代表人、持有有效授权的企业。")
            else:
                legal = row["legal"]
                agent = None if row["representative"] else me  # acting under an authorisation = 代办人
        if chosen_zone and error is None:
            zone = next((z for z in zones if str(z.pk) == chosen_zone), None)
            if zone is None:
                error = _("所选开发区未获赋权办理该事项，请重新选择。")
        if error is None:
            try:
                case = services.case_draft(actor=request.user, version=version, person=None if legal else me,
                                           legal=legal, agent=agent, zone=zone,
                                           form_data=_prefill(version, me, legal), idempotency_key=key)
            except ServiceError as exc:
                error = exc.detail
            else:
                if case.status != Status.DRAFT:
                    return redirect("cases_portal:detail", pk=case.pk)
                return redirect("cases_portal:edit", pk=case.pk)
    return render(request, "cases/portal/start.html", {
        "version": version, "item": version.item, "me": me, "me_id": identity.mask_id_number(me.id_number),
        "companies": companies, "zones": zones, "drafts": drafts, "online": online, "error": error,
        "chosen": chosen, "chosen_zone": chosen_zone, "idempotency_key": key,
        "materials": list(version.materials.all()),
    }, status=422 if error else 200)


def _edit_context(request, case: Case, *, values=None, errors=None, material_errors=None, error=None) -> dict:
    version = case.item_version
    errors = errors or {}
    material_errors = {**field_errors(errors, "material_"), **(material_errors or {})}
    return {
        "case": case, "version": version, "item": version.item,
        "fields": schema_fields(version.form_schema, case.form_data if values is None else values, errors),
        "materials": material_rows(case, errors=material_errors, user=request.user),
        "error": error, "idempotency_key": case.idempotency_key or new_idempotency_key(),
        "upload_limit_mb": upload_limit_mb(),
        "applicant_label": _applicant_label(case),
    }


def _applicant_label(case: Case) -> str:
    if case.applicant_legal_id:
        return case.applicant_legal.name
    return case.applicant_name


def _already_submitted(request, case: Case):
    """A retried or double-clicked submission: the first one went through, so show its receipt."""
    if case.number:
        messages.info(request, _("该申请已提交（办件编号 %(number)s），以下是回执。") % {"number": case.number})
        return redirect("cases_portal:receipt", pk=case.pk)
    return redirect("cases_portal:detail", pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    """The draft: form, materials, save, submit."""
    case = _my_case(request, pk)
    if case.submitted_by_id != request.user.pk:
        raise NotFound(_("办件不存在或无权查看。"))
    if case.status != Status.DRAFT:
        if request.method == "POST":
            return _already_submitted(request, case)
        return redirect("cases_portal:detail", pk=case.pk)
    if request.method == "GET":
        return render(request, "cases/portal/edit.html", _edit_context(request, case))

    values = schema_form_data(case.item_version.form_schema, request.POST)

    def again(status, **extra):
        return render(request, "cases/portal/edit.html", _edit_context(request, case, values=values, **extra),
                      status=status)

    try:
        case = services.case_save_draft(actor=request.user, case=case, form_data=values)
        material_errors, version = attach_uploads(request, case, case.item_version.materials.all(),
                                                  expected_version=case.row_version)
        if material_errors:
            return again(422, material_errors=material_errors,
                         error=_("申请表已保存，但部分材料未能上传，请按提示重新选择文件。"))
        if request.POST.get("action") != "submit":
            messages.success(request, _("已保存。草稿保留在“我的办件”中，可随时继续填写。"))
            return redirect(reverse("cases_portal:edit", args=[case.pk]) + ("#materials" if request.FILES else ""))
        case = services.case_submit(actor=request.user, case=case, expected_version=version, request=request)
    except Conflict as exc:
        case.refresh_from_db()
        if case.status != Status.DRAFT:  # a double click or a retry: the first submission went through
            return _already_submitted(request, case)
        return again(409, error=exc.detail)
    except ServiceError as exc:
        return again(exc.status, errors=exc.errors, error=exc.detail)
    messages.success(request, _("申请已提交。请保存或打印回执。"))
    return redirect("cases_portal:receipt", pk=case.pk)


@login_required
@require_GET
def receipt(request, pk: int):
    case = _my_case(request, pk)
    if not case.number:
        return redirect("cases_portal:edit", pk=case.pk)
    return render(request, "cases/portal/receipt.html", receipt_context(case))


# ---------------------------------------------------------------------------------------------------------------
# 我的办件
# ---------------------------------------------------------------------------------------------------------------

@login_required
@require_GET
def mine(request):
    today = _today()
    chosen = request.GET.get("status", "")
    qs = (selectors.my_applications(user=request.user)
          .select_related("extension__approved_by__staff").prefetch_related("suspensions")
          .order_by("-created_at", "-pk"))
    counts = {key: qs.filter(status__in=statuses).count() for key, (_label, statuses) in FILTERS.items()}
    if chosen in FILTERS:
        qs = qs.filter(status__in=FILTERS[chosen][1])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for c in page.object_list:
        clock = case_clocks(c, today)
        rows.append({"case": c, "clock": clock["main"], "deemed": clock["deemed_due"],
                     "status_css": STATUS_CSS.get(c.status, "secondary")})
    return render(request, "cases/portal/mine.html", {
        "page": page, "rows": rows, "filters": [(k, label, counts[k]) for k, (label, _s) in FILTERS.items()],
        "chosen": chosen, "person": person_of(request.user),
        "supplement_count": sum(1 for r in rows if r["case"].status == Status.SUPPLEMENT_REQUESTED),
    })


def _supplement_request(case: Case):
    return case.supplement_requests.order_by("-round").first()


def _detail_context(request, case: Case, *, material_errors=None, error=None, supplement_error=None) -> dict:
    today = _today()
    own = case.submitted_by_id == request.user.pk
    supplement = _supplement_request(case) if case.status == Status.SUPPLEMENT_REQUESTED else None
    listed = {i.get("requirement_id") for i in supplement.items} if supplement else set()
    reasons = {i.get("requirement_id"): i.get("reason", "") for i in supplement.items} if supplement else {}
    supplement_rows = material_rows(case, errors=material_errors, user=request.user, only=listed) if supplement else []
    for row in supplement_rows:
        row["reason"] = reasons.get(row["req"].pk, "")
        row["answered"] = bool(row["current"] and row["current"].round == supplement.round)
    deliveries = {d.document_id: d for d in case.deliveries.all()}
    documents = [{"doc": doc, "delivery": deliveries.get(doc.pk),
                  "verify_url": reverse("seals_verify:document", args=[doc.token])}
                 for doc in selectors.case_documents(case)]
    events = list(selectors.timeline(case, public_only=True))
    for event in events:  # the applicant sees their own steps as "本人", not as an account name
        event.who = _("本人") if event.actor_id == request.user.pk else event.actor_label
    can_withdraw = own and Action.WITHDRAW in allowed_actions(case.status) and case.status != Status.DRAFT
    return {
        "case": case, "version": case.item_version, "applicant_label": _applicant_label(case),
        "clocks": case_clocks(case, today), "status_css": STATUS_CSS.get(case.status, "secondary"),
        "supplement": supplement, "supplement_rows": supplement_rows, "own": own,
        "supplement_all_given": bool(supplement_rows) and all(r["answered"] for r in supplement_rows),
        "documents": documents, "events": events, "action_labels": ACTION_LABELS,
        "materials": material_rows(case, user=request.user), "can_withdraw": can_withdraw,
        "error": error, "supplement_error": supplement_error, "upload_limit_mb": upload_limit_mb(),
        "unopened": [d for d in documents if d["delivery"] and d["delivery"].method == Delivery.Method.ELECTRONIC
                     and d["delivery"].opened_at is None],
        "today": today,
    }


@login_required
@require_GET
def detail(request, pk: int):
    case = _my_case(request, pk)
    if case.status == Status.DRAFT and case.submitted_by_id == request.user.pk:
        return redirect("cases_portal:edit", pk=case.pk)
    return render(request, "cases/portal/detail.html", _detail_context(request, case))


@login_required
@require_POST
def supplement(request, pk: int):
    """补正: upload what the notice lists (the service refuses anything else), then hand the supplement in."""
    case = _my_case(request, pk)
    if case.status != Status.SUPPLEMENT_REQUESTED:
        messages.info(request, _("该办件当前不需要补正（状态：%(status)s）。") % {"status": case.status_label})
        return redirect("cases_portal:detail", pk=case.pk)
    # Every material with a chosen file goes to the service, which accepts only those the notice lists.
    try:
        material_errors, version = attach_uploads(request, case, case.item_version.materials.all(),
                                                  expected_version=posted_version(request))
        if material_errors:
            reasons = "；".join(msg for msgs in material_errors.values() for msg in msgs)
            return render(request, "cases/portal/detail.html", _detail_context(
                request, case, material_errors=material_errors,
                supplement_error=_("部分材料未能上传：%(reasons)s") % {"reasons": reasons}), status=422)
        if request.POST.get("action") != "submit":
            messages.success(request, _("补正材料已上传。全部上传后，请点击“提交补正材料”。"))
            return redirect(reverse("cases_portal:detail", args=[case.pk]) + "#supplement")
        services.case_submit_supplement(actor=request.user, case=case, expected_version=version, request=request)
    except ServiceError as exc:
        case.refresh_from_db()
        return render(request, "cases/portal/detail.html",
                      _detail_context(request, case, supplement_error=exc.detail), status=exc.status)
    messages.success(request, _("补正材料已提交。窗口将在五个工作日内作出受理决定。"))
    return redirect("cases_portal:detail", pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    """撤回申请, after a confirmation page."""
    case = _my_case(request, pk)
    error = None
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.case_withdraw(actor=request.user, case=case, reason=form.cleaned_data["reason"],
                                       expected_version=form.cleaned_data["version"], request=request)
            except ServiceError as exc:
                error = exc.detail
            else:
                messages.success(request, _("申请已撤回。"))
                return redirect("cases_portal:detail", pk=case.pk)
        else:
            error = _("请刷新页面后重试。")
    else:
        form = WithdrawForm(initial={"version": case.row_version})
    allowed = Action.WITHDRAW in allowed_actions(case.status) and case.submitted_by_id == request.user.pk
    return render(request, "cases/portal/withdraw.html", {
        "case": case, "form": form, "error": error, "allowed": allowed, "applicant_label": _applicant_label(case),
    }, status=(409 if error else 200))


# ---------------------------------------------------------------------------------------------------------------
# Documents and materials
# ---------------------------------------------------------------------------------------------------------------

def _case_document(case: Case, doc_id: int):
    doc = selectors.case_documents(case).filter(pk=doc_id).select_related("department").first()
    if doc is None:
        raise NotFound(_("该办件没有这份文书。"))
    return doc


def _record_opening(request, case: Case, doc) -> Delivery | None:
    """Electronic delivery: the applicant opening the document is the time it reached them (kept once)."""
    delivery = case.deliveries.filter(document=doc, method=Delivery.Method.ELECTRONIC).first()
    if delivery is None:
        return None
    if request.user.pk in {u.pk for u in notices.applicant_users(case)}:
        delivery = services.delivery_opened(actor=request.user, delivery=delivery)
    return delivery


@login_required
@require_GET
def document(request, pk: int, doc_id: int):
    case = _my_case(request, pk)
    doc = _case_document(case, doc_id)
    delivery = _record_opening(request, case, doc)
    return render(request, "cases/portal/document.html", {
        "case": case, "doc": doc, "delivery": delivery,
        "verify_url": reverse("seals_verify:document", args=[doc.token]),
        # The address printed under the document's QR code (TONGBAN_PUBLIC_URL), not this request's host.
        "verify_absolute": settings.TONGBAN_PUBLIC_URL.rstrip("/") + reverse("seals_verify:document", args=[doc.token]),
    })


@login_required
@require_GET
@xframe_options_sameorigin
def document_pdf(request, pk: int, doc_id: int):
    """The sealed PDF (cases.services.case_document_open reads it for the applicant and audits the reading)."""
    case = _my_case(request, pk)
    doc = _case_document(case, doc_id)
    _record_opening(request, case, doc)
    stream = services.case_document_open(actor=request.user, case=case, document=doc, request=request)
    response = FileResponse(stream, content_type="application/pdf")
    response["Content-Length"] = str(doc.size)
    disposition = content_disposition(f"{doc.get_kind_display()}-{doc.number}.pdf")
    if request.GET.get("download") != "1":
        disposition = disposition.replace("attachment", "inline", 1)
    response["Content-Disposition"] = disposition
    return response


@login_required
@require_GET
def material_file(request, pk: int, material_id: int):
    """A file the user attached themself (files.services checks they uploaded it)."""
    case = _my_case(request, pk)
    material = case.materials.select_related("file__blob").filter(pk=material_id).first()
    if material is None:
        raise NotFound(_("该办件没有这份材料。"))
    stream = file_open(actor=request.user, stored_file=material.file, request=request)
    response = FileResponse(stream, content_type=material.file.blob.content_type)
    response["Content-Length"] = str(material.file.blob.size)
    response["Content-Disposition"] = content_disposition(material.file.filename).replace("attachment", "inline", 1)
    return response

