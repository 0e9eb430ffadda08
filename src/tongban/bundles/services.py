"""Every write of 一件事: defining bundles (versions published like catalogue items) and running them.

Running a bundle extends the cases app, never duplicates it: each member that applies becomes a real
`cases.Case` through the cases services (case_draft, case_attach, case_submit, case_request_supplement,
case_submit_supplement, case_deliver), routed to its own competent department with its own statutory clock.
Writes lock the BundleCase row (SELECT … FOR UPDATE), so two requests — or a grant arriving while the window
asks for a 补正 — cannot start a member twice.
"""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from pydantic import ValidationError as PydanticError

from tongban.audit.services import audit_record
from tongban.bundles import domain
from tongban.bundles.domain import Aggregate, MemberState
from tongban.bundles.models import (
    Bundle,
    BundleCase,
    BundleEvent,
    BundleMaterial,
    BundleMember,
    BundleMemberCase,
    BundleSequence,
    BundleSupplement,
    BundleVersion,
)
from tongban.bundles.plan import Plan, plan_of
from tongban.bundles.spec import BundleSpec
from tongban.cases import notices as case_notices
from tongban.cases import services as cases
from tongban.cases.domain import Status as CaseStatus
from tongban.cases.models import Case
from tongban.catalog.form_schema import clean_data
from tongban.catalog.models import ServiceItem
from tongban.catalog.services import is_bureau_reviewer
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.files.models import StoredFile
from tongban.org.models import Department, Role, Window
from tongban.org.permissions import has_role, require_role
from tongban.people.models import LegalPerson, NaturalPerson

log = logging.getLogger(__name__)
Status = BundleVersion.Status


def _today(on: date | None) -> date:
    return on or timezone.localdate()


def _label(actor) -> str:
    if actor is None:
        return "系统"
    staff = getattr(actor, "staff", None)
    return staff.name if staff else actor.get_username()


# -- definition -------------------------------------------------------------------------------------------------


def parse_spec(data: dict | BundleSpec) -> BundleSpec:
    if isinstance(data, BundleSpec):
        return data
    try:
        return BundleSpec.model_validate(data)
    except PydanticError as exc:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            parts.append(f"{where}：{msg}" if where else msg)
        raise ValidationFailed("一件事定义有误：" + "；".join(parts)) from exc


def _department(name: str, label: str) -> Department:
    found = list(Department.objects.filter(name=name)[:2])
    if len(found) != 1:
        raise ValidationFailed(f"{label}“{name}”{'不存在' if not found else '不唯一'}。")
    return found[0]


def _write(version: BundleVersion, spec: BundleSpec) -> None:
    items = {i.code: i for i in ServiceItem.objects.filter(code__in=[m.item_code for m in spec.members])}
    for m in spec.members:
        if m.item_code not in items:
            raise ValidationFailed(f"成员“{m.key}”的事项编码 {m.item_code} 不在目录中。")
    for name in ("name", "summary", "theme", "stage", "list_level", "list_year", "promised_days", "joint_licence",
                 "visits", "combined_report", "fields", "change_note"):
        setattr(version, name, getattr(spec, name))
    version.materials = [m.model_dump() for m in spec.materials]
    version.lead_department = _department(spec.lead_department, "牵头部门")
    cooperating = [_department(n, "配合部门") for n in spec.cooperating_departments]
    version.save()
    version.cooperating_departments.set(cooperating)
    version.members.all().delete()
    BundleMember.objects.bulk_create(
        BundleMember(version=version, key=m.key, item=items[m.item_code], order=i, mode=m.mode, after=m.after,
                     condition=m.condition, field_map=m.field_map, fixed=m.fixed)
        for i, m in enumerate(spec.members, 1)
    )


@transaction.atomic
def bundle_create(*, actor, code: str, owner: Department, spec: BundleSpec | dict) -> BundleVersion:
    """A new 一件事 with its first draft, by an admin of the lead department (catalogue rights)."""
    require_role(actor, [Role.DEPT_ADMIN], owner)
    spec = parse_spec(spec)
    code = (code or "").strip().upper()
    if not code or len(code) > 32 or not code.replace("-", "").isalnum():
        raise ValidationFailed("一件事编码应为 1–32 位字母、数字或连字符。")
    if Bundle.objects.filter(code=code).exists():
        raise Conflict(f"一件事编码 {code} 已存在。")
    bundle = Bundle.objects.create(code=code, owner=owner)
    version = BundleVersion(bundle=bundle, number=1, created_by=actor)
    _write(version, spec)
    audit_record(actor=actor, action="bundle.create", target=version, summary=f"新建一件事 {spec.name}（{code}）")
    return version


def _locked_version(version: BundleVersion) -> BundleVersion:
    return BundleVersion.objects.select_for_update().select_related("bundle").get(pk=version.pk)


@transaction.atomic
def bundle_version_update(*, actor, version: BundleVersion, spec: BundleSpec | dict) -> BundleVersion:
    version = _locked_version(version)
    require_role(actor, [Role.DEPT_ADMIN], version.bundle.owner_id)
    if version.status != Status.DRAFT:
        raise Conflict(f"{version}已{version.get_status_display()}，不能修改；请新建版本。")
    _write(version, parse_spec(spec))
    audit_record(actor=actor, action="bundle.update", target=version, summary=f"修改一件事草稿 {version}")
    return version


@transaction.atomic
def bundle_version_new_draft(*, actor, bundle: Bundle) -> BundleVersion:
    require_role(actor, [Role.DEPT_ADMIN], bundle.owner_id)
    Bundle.objects.select_for_update().filter(pk=bundle.pk).first()
    if bundle.versions.filter(status=Status.DRAFT).exists():
        raise Conflict("该一件事已有草稿版本，请在其上修改。")
    from tongban.bundles.selectors import spec_of

    latest = bundle.versions.order_by("-number").first()
    version = BundleVersion(bundle=bundle, number=latest.number + 1, created_by=actor)
    _write(version, spec_of(latest).model_copy(update={"change_note": ""}))
    audit_record(actor=actor, action="bundle.draft", target=version, summary=f"新建一件事版本 {version}")
    return version


@transaction.atomic
def bundle_version_publish(*, actor, version: BundleVersion) -> BundleVersion:
    """A bureau reviewer other than the author publishes, after the version is checked against the catalogue:
    every member has a published item, every required item field is asked in the one form, every material
    named exists. The previous published version retires; a published version never changes again."""
    version = _locked_version(version)
    if not is_bureau_reviewer(actor):
        raise PermissionDenied("只有行政审批局的审查人员可以发布一件事。")
    if version.created_by_id == actor.pk:
        raise PermissionDenied("不能发布自己编写的版本，须由另一名审查人员审核。")
    if version.status != Status.DRAFT:
        raise Conflict(f"{version}已{version.get_status_display()}。")
    problems = plan_of(version).problems
    if problems:
        raise ValidationFailed("一件事不能发布：" + "；".join(problems))
    now = timezone.now()
    BundleVersion.objects.filter(bundle=version.bundle, status=Status.PUBLISHED).update(
        status=Status.RETIRED, retired_at=now)
    version.status, version.published_at, version.published_by = Status.PUBLISHED, now, actor
    version.save(update_fields=["status", "published_at", "published_by"])
    audit_record(actor=actor, action="bundle.publish", target=version, summary=f"发布一件事 {version}")
    return version


# -- applying ---------------------------------------------------------------------------------------------------


def _lock(bundle_case: BundleCase, expected_version: int | None = None) -> BundleCase:
    locked = BundleCase.objects.select_for_update(of=("self",)).select_related("version").get(pk=bundle_case.pk)
    if expected_version is not None and locked.row_version != expected_version:
        raise Conflict("该一件事申请已被他人处理，请刷新后再操作。")
    return locked


def _event(bc: BundleCase, actor, summary: str, *, document=None, request=None) -> None:
    BundleCase.objects.filter(pk=bc.pk).update(row_version=F("row_version") + 1)
    bc.refresh_from_db(fields=["row_version"])
    BundleEvent.objects.create(bundle_case=bc, actor=actor, actor_label=_label(actor), summary=summary[:500],
                               document=document)
    audit_record(actor=actor, action="bundle.case", target=bc, summary=f"{bc.number or bc.pk} {summary}"[:255],
                 request=request)


def _applicant_accounts(bc: BundleCase) -> set[int]:
    ids = set()
    if not hasattr(bc.submitted_by, "staff"):
        ids.add(bc.submitted_by_id)
    if bc.applicant_person_id and bc.applicant_person.user_id:
        ids.add(bc.applicant_person.user_id)
    return ids


def _own(actor, bc: BundleCase) -> None:
    if actor is None or (actor.pk != bc.submitted_by_id and actor.pk not in _applicant_accounts(bc)):
        raise PermissionDenied("只能操作自己的一件事申请。")


@transaction.atomic
def bundle_case_draft(*, actor, version: BundleVersion, person: NaturalPerson | None = None,
                      legal: LegalPerson | None = None, form_data: dict | None = None,
                      channel: str = BundleCase.Channel.ONLINE, window: Window | None = None,
                      on: date | None = None) -> BundleCase:
    """Start one application for a published bundle: one form, one set of materials (a draft until submitted)."""
    if version.status != Status.PUBLISHED:
        raise ValidationFailed(f"{version.name}未发布或已停用，不能申请。")
    if channel not in BundleCase.Channel.values:
        raise ValidationFailed("申请渠道应为网上申请或窗口收件。")
    if channel == BundleCase.Channel.WINDOW:
        if window is None or not has_role(actor, [Role.WINDOW_CLERK], window.department_id):
            raise PermissionDenied("窗口收件须由该窗口的工作人员登记。")
    elif window is not None:
        raise ValidationFailed("网上申请不经窗口。")
    # The same applicant rules as a single case (a person for themself, a legal representative or an
    # authorised agent for a company; at a window the clerk registers the applicant).
    person, legal = cases._applicant_for(actor, person, legal, None, _today(on))
    bc = BundleCase.objects.create(version=version, channel=channel, receiving_window=window,
                                   applicant_person=person, applicant_legal=legal,
                                   applicant_name=(person or legal).name, submitted_by=actor,
                                   form_data=form_data or {})
    BundleEvent.objects.create(bundle_case=bc, actor=actor, actor_label=_label(actor), summary="保存一件事申请草稿")
    return bc


@transaction.atomic
def bundle_case_save_form(*, actor, bundle_case: BundleCase, form_data: dict,
                          expected_version: int | None = None) -> BundleCase:
    bc = _lock(bundle_case, expected_version)
    _own(actor, bc)
    if bc.submitted:
        raise Conflict("申请已提交，不能再修改申请表。")
    if not isinstance(form_data, dict):
        raise ValidationFailed("申请表应为字段与值的对象。")
    bc.form_data = form_data
    bc.row_version = F("row_version") + 1
    bc.save(update_fields=["form_data", "row_version"])
    bc.refresh_from_db()
    return bc


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _accepted_formats(material) -> list[str]:
    """Formats every requirement behind the shared material accepts (one upload must satisfy each of them)."""
    sets = [{f.lower().lstrip(".") for f in req.formats} for _, req in material.sources if req.formats]
    common = set.intersection(*sets) if sets else {f.lower() for f in material.formats}
    return sorted(common)


@transaction.atomic
def bundle_attach(*, actor, bundle_case: BundleCase, code: str, file: StoredFile,
                  expected_version: int | None = None) -> BundleMaterial:
    """One upload for one shared material — of the draft, or of the combined 补正 now pending."""
    bc = _lock(bundle_case, expected_version)
    clerk_here = bc.receiving_window_id and has_role(actor, [Role.WINDOW_CLERK], bc.receiving_window.department_id)
    if not clerk_here:
        _own(actor, bc)
    plan = plan_of(bc.version)
    material = plan.material(code)
    if material is None:
        raise ValidationFailed(f"“{code}”不是本一件事的材料。")
    if not bc.submitted:
        round_ = 0
    else:
        pending = bc.supplements.filter(answered_on__isnull=True).order_by("-round").first()
        if pending is None:
            raise Conflict("申请已提交，目前没有需要补正的材料。")
        if code not in {i["code"] for i in pending.items}:
            raise ValidationFailed(f"补正只需提交告知书所列材料；“{material.name}”不在其中。")
        round_ = pending.round
    if file.uploaded_by_id not in (actor.pk, None):
        raise PermissionDenied("只能使用自己上传的文件。")
    accepted = _accepted_formats(material)
    ext = _extension(file.filename)
    if accepted and ext not in accepted and not (ext == "jpeg" and "jpg" in accepted):
        raise ValidationFailed(f"“{material.name}”只接受 {'、'.join(accepted)} 格式，所传文件为 .{ext or '（无扩展名）'}。")
    upload = BundleMaterial.objects.create(bundle_case=bc, code=code, file=file, round=round_, uploaded_by=actor)
    BundleCase.objects.filter(pk=bc.pk).update(row_version=F("row_version") + 1)
    return upload


def _included(bc: BundleCase, cleaned: dict) -> set[str]:
    return {m.key for m in bc.version.members.all() if domain.evaluate(m.condition, cleaned)}


def _allocate_number(year: int) -> str:
    seq, _ = BundleSequence.objects.select_for_update().get_or_create(year=year)
    BundleSequence.objects.filter(pk=seq.pk).update(last=F("last") + 1)
    seq.refresh_from_db()
    return f"{year}-YJS-{seq.last:06d}"


def _latest_uploads(bc: BundleCase) -> dict[str, StoredFile]:
    latest: dict[str, StoredFile] = {}
    for upload in bc.uploads.select_related("file").order_by("round", "id"):
        latest[upload.code] = upload.file
    return latest


@transaction.atomic
def bundle_submit(*, actor, bundle_case: BundleCase, expected_version: int | None = None, on: date | None = None,
                  request=None) -> BundleCase:
    """Submit once: the one form is checked, every material the included members need is present, and the
    application fans out — each parallel member becomes a case at its competent department at once, each
    dependent one waits for its predecessor's grant, each member whose condition does not hold is skipped."""
    bc = _lock(bundle_case, expected_version)
    if bc.submitted_by_id != actor.pk:
        raise PermissionDenied("只能提交自己的申请。")
    if bc.submitted:
        raise Conflict("该一件事申请已提交。")
    version = bc.version
    if version.status != Status.PUBLISHED:
        raise ValidationFailed(f"{version.name}已停用，请按新版本重新申请。")
    cleaned, errors = clean_data(version.fields, bc.form_data, validators=cases.FIELD_VALIDATORS)
    plan = plan_of(version)
    if plan.problems:
        raise Conflict("该一件事的成员事项已变更，暂不能申请：" + "；".join(plan.problems))
    included = _included(bc, cleaned)
    uploaded = _latest_uploads(bc)
    for material in plan.materials:
        if material.required_for(included) and material.code not in uploaded:
            errors.setdefault(f"material_{material.code}", []).append(f"请上传“{material.name}”")
    if errors:
        raise ValidationFailed("申请未通过检查：" + "；".join(m for msgs in errors.values() for m in msgs),
                               errors=errors)
    today = _today(on)
    bc.form_data, bc.submitted, bc.received_on = cleaned, True, today
    bc.number = _allocate_number(today.year)
    bc.save(update_fields=["form_data", "submitted", "received_on", "number"])
    started, skipped, waiting = [], [], []
    for mp in plan.members:
        m = mp.member
        if m.key not in included:
            BundleMemberCase.objects.create(bundle_case=bc, member=m, state=MemberState.SKIPPED,
                                            reason=f"不符合办理条件：{domain.describe(m.condition, _labels(version))}")
            skipped.append(mp.item_version.name)
        elif m.mode == BundleMember.Mode.AFTER:
            pred = plan.member(m.after)
            BundleMemberCase.objects.create(bundle_case=bc, member=m, state=MemberState.WAITING,
                                            reason=f"待“{pred.item_version.name}”准予后自动启动")
            waiting.append(mp.item_version.name)
        else:
            link = BundleMemberCase.objects.create(bundle_case=bc, member=m, state=MemberState.WAITING)
            _start(bc, link, plan, today, request=request)
            started.append(mp.item_version.name)
    summary = f"提交一件事申请，编号 {bc.number}；分送办理：{'、'.join(started)}"
    if waiting:
        summary += f"；待前置事项准予后办理：{'、'.join(waiting)}"
    if skipped:
        summary += f"；无需办理：{'、'.join(skipped)}"
    _refresh_status(bc)
    _event(bc, actor, summary, request=request)
    return bc


def _labels(version: BundleVersion) -> dict[str, str]:
    return {f["name"]: f["label"] for f in version.fields}


def _start(bc: BundleCase, link: BundleMemberCase, plan: Plan, today: date, request=None) -> Case:
    """Turn one member into a real case: drafted, its materials attached from the shared uploads, submitted —
    by the account that submitted the bundle, through the cases services (so every rule of a single case holds)."""
    mp = plan.member(link.member.key)
    iv = mp.item_version
    form = {name: bc.form_data[src] for name, src in mp.field_sources.items()
            if src is not None and src in bc.form_data}
    form.update(mp.member.fixed)
    form.update({name: today.isoformat() for name, src in mp.field_sources.items() if src == "@start_date"})
    actor = bc.submitted_by
    window = bc.receiving_window
    channel = Case.Channel.ONLINE
    if window is not None:
        channel = Case.Channel.CROSS_REGION if window.hall.region_id != iv.implementing_department.region_id \
            else Case.Channel.WINDOW
    case = cases.case_draft(actor=actor, version=iv, person=bc.applicant_person, legal=bc.applicant_legal,
                            form_data=form, channel=channel, window=window, on=today)
    uploads = _latest_uploads(bc)
    for material, req in plan.materials_of(mp.member.key):
        if material.code in uploads:
            cases.case_attach(actor=actor, case=case, requirement=req, file=uploads[material.code])
    case = cases.case_submit(actor=actor, case=case, on=today, request=request)
    link.case, link.state, link.reason = case, MemberState.STARTED, ""
    link.save(update_fields=["case", "state", "reason"])
    return case


def _refresh_status(bc: BundleCase) -> str:
    links = list(bc.member_cases.select_related("case"))
    status = domain.aggregate(
        submitted=bc.submitted, withdrawn=bc.withdrawn_at is not None,
        members=[(link.state, link.case.status if link.case_id else None) for link in links])
    accepted = [link.case.accepted_on for link in links if link.case_id and link.case.accepted_on]
    bc.accepted_on = min(accepted) if accepted else None
    bc.status = status
    BundleCase.objects.filter(pk=bc.pk).update(status=status, accepted_on=bc.accepted_on)
    return status


# -- following the sub-cases -------------------------------------------------------------------------------------


def bundle_advance(*, bundle_case_id: int, on: date | None = None) -> BundleCase:
    """React to the sub-cases: start every waiting member whose predecessor is granted, stop (with the reason)
    every one whose predecessor was refused, denied or withdrawn, and recompute the aggregate. Idempotent; run
    after every sub-case event (cases.signals.case_event) and safe to run again at any time."""
    today = _today(on)
    with transaction.atomic():
        bc = _lock(BundleCase(pk=bundle_case_id))
        if not bc.submitted:
            return bc
        links = {link.member.key: link for link in bc.member_cases.select_related("member", "case")}
        plan = None
        changed = True
        while changed:  # a stop can cascade down a chain of dependents
            changed = False
            for link in links.values():
                if link.state != MemberState.WAITING or link.member.mode != BundleMember.Mode.AFTER:
                    continue
                pred = links[link.member.after]
                outcome = _outcome(pred)
                if outcome == "granted":
                    plan = plan or plan_of(bc.version)
                    case = _start(bc, link, plan, today)
                    _event(bc, None, f"“{pred.case.item_version.name}”已准予，自动启动“{case.item_version.name}”"
                                     f"（办件 {case.number}）")
                    changed = True
                elif outcome is not None:
                    name = plan_of(bc.version).member(link.member.key).item_version.name if plan is None else \
                        plan.member(link.member.key).item_version.name
                    link.state, link.reason = MemberState.STOPPED, f"前置事项{outcome}，本项不再办理"
                    link.save(update_fields=["state", "reason"])
                    _event(bc, None, f"“{name}”终止：{link.reason}")
                    changed = True
        before = bc.status
        status = _refresh_status(bc)
        if status != before:
            _event(bc, None, f"总体状态：{bc.status_label}")
        if bc.version.combined_report and bc.report_id is None and status in (Aggregate.RESULTS_READY,
                                                                               Aggregate.CONCLUDED):
            _issue_report(bc, today)
        if status != before and status in (Aggregate.RESULTS_READY, Aggregate.CONCLUDED):
            _notify(bc, "一件事结果已全部产生",
                    f"您的一件事申请 {bc.number}（{bc.version.name}）各项结果均已产生，可在申请页面查看和下载。")
        return bc


def _outcome(pred: BundleMemberCase) -> str | None:
    """'granted', a Chinese description of a failure, or None while the predecessor is still running."""
    if pred.state == MemberState.STOPPED:
        return "已终止"
    if pred.state == MemberState.SKIPPED:
        return "无需办理"
    case = pred.case
    if case is None:
        return None
    if case.decision == Case.Decision.GRANT:
        return "granted"
    if case.decision == Case.Decision.DENY:
        return f"“{case.item_version.name}”不予许可"
    if case.status in (CaseStatus.REFUSED,) or (case.status == CaseStatus.CONCLUDED and not case.decision):
        return f"“{case.item_version.name}”不予受理"
    if case.status == CaseStatus.WITHDRAWN:
        return f"“{case.item_version.name}”已撤回"
    return None


def _notify(bc: BundleCase, title: str, body: str) -> None:
    """Through the cases notification channel, attached to the bundle's first sub-case."""
    first = bc.member_cases.filter(case__isnull=False).select_related("case").first()
    if first is not None:
        case_notices.notify_applicant(first.case, title, body)


def _issue_report(bc: BundleCase, today: date) -> None:
    """拟上市企业无违规证明: every department's finding in one sealed report by the lead department's agency."""
    from tongban.seals.documents.services import document_issue

    findings = []
    for link in bc.member_cases.select_related("case__department", "case__item_version").order_by("member__order"):
        if link.case is None:
            continue
        case = link.case
        agency = case_notices.agency(case.department).name
        if case.decision == Case.Decision.GRANT:
            result = "经核查，报告期内未发现违法违规记录"
        elif case.decision == Case.Decision.DENY:
            result = f"经核查，存在以下情况：{case.decision_reasons}"
        else:
            result = "未出具核查结果（" + case.status_label + "）"
        findings.append({"department": agency, "item": case.item_version.name, "result": result,
                         "case_ref": case.number or ""})
    data = {"recipient": bc.applicant_name, "item_name": bc.version.name, "applied_on": bc.received_on,
            "case_ref": bc.number, "issued_on": today, "subject": bc.applicant_name,
            "uscc": str(bc.form_data.get("uscc", "")), "period": str(bc.form_data.get("period", "")),
            "findings": findings}
    document = document_issue(actor=None, kind="compliance_report",
                              department=case_notices.agency(bc.version.lead_department), data=data)
    bc.report = document
    BundleCase.objects.filter(pk=bc.pk).update(report=document)
    _event(bc, None, f"汇总{len(findings)}个部门的核查结果，出具{document.get_kind_display()} {document.number}",
           document=document)


# -- combined intake ---------------------------------------------------------------------------------------------


def bundle_accept(*, actor, bundle_case: BundleCase, on: date | None = None, request=None) -> list[Case]:
    """一窗受理: the window accepts, in one act, every sub-case awaiting intake in its scope (each through
    case_accept, so each gets its own sealed 受理通知书 and its own decision clock)."""
    from tongban.cases.selectors import intake_scope

    today = _today(on)
    with transaction.atomic():
        bc = _lock(bundle_case)
        if not has_role(actor, [Role.WINDOW_CLERK]):
            raise PermissionDenied("只有窗口人员可以受理。")
        scope = intake_scope(actor)
        pending = [link.case for link in bc.member_cases.select_related("case")
                   if link.case_id and link.case.status == CaseStatus.RECEIVED
                   and (scope is None or link.case.department_id in scope)]
        if not pending:
            raise Conflict("没有待受理的子项。")
    accepted = []
    for case in pending:  # each in its own transaction: case_accept records a due deemed acceptance first
        accepted.append(cases.case_accept(actor=actor, case=case, on=today, request=request))
    with transaction.atomic():
        bc = _lock(bundle_case)
        _refresh_status(bc)
        _event(bc, actor, f"一窗受理 {len(accepted)} 个子项：{'、'.join(c.item_version.name for c in accepted)}",
               request=request)
    return accepted


# -- one combined 补正 ---------------------------------------------------------------------------------------------


def bundle_request_supplement(*, actor, bundle_case: BundleCase, items: list[dict], on: date | None = None,
                              expected_version: int | None = None, request=None) -> BundleSupplement:
    """一次性告知补正 for the whole bundle: the window lists, by shared material, everything any sub-case lacks;
    one sealed 补正告知书 goes to the applicant, and each sub-case awaiting intake that needs one of those
    materials records the request (case_request_supplement) against that same notice.

    `items`: [{"code": shared material code, "reason": str}].
    """
    today = _today(on)
    with transaction.atomic():
        bc = _lock(bundle_case, expected_version)
        clerk_dept = getattr(getattr(actor, "staff", None), "department", None)
        if clerk_dept is None or not has_role(actor, [Role.WINDOW_CLERK]):
            raise PermissionDenied("只有窗口人员可以作出一次性补正告知。")
        if not bc.submitted:
            raise Conflict("申请尚未提交。")
        if bc.supplements.filter(answered_on__isnull=True).exists():
            raise Conflict("已有一份补正告知书等待申请人补正。")
        if not items:
            raise ValidationFailed("请列出需要补正的全部材料（一次性告知）。")
        plan = plan_of(bc.version)
        receiving = {link.member.key: link.case for link in bc.member_cases.select_related("member", "case")
                     if link.case_id and link.case.status == CaseStatus.RECEIVED}
        per_case: dict[int, list[dict]] = {}
        listed, seen = [], set()
        for i, item in enumerate(items, 1):
            material = plan.material(str(item.get("code", "")))
            if material is None:
                raise ValidationFailed(f"第 {i} 项不是本一件事的申请材料。")
            if material.code in seen:
                raise ValidationFailed(f"“{material.name}”重复列出。")
            seen.add(material.code)
            reason = str(item.get("reason", "")).strip()
            if not reason:
                raise ValidationFailed(f"请写明“{material.name}”需要补正的原因。")
            targets = []
            for key, req in material.sources:
                case = receiving.get(key)
                if case is not None:
                    per_case.setdefault(case.pk, []).append({"requirement_id": req.pk, "reason": reason})
                    targets.append(case)
            if not targets:
                raise ValidationFailed(f"“{material.name}”所属的子项均不在待受理状态，无需补正。")
            listed.append({"code": material.code, "name": material.name, "reason": reason,
                           "cases": [c.pk for c in targets],
                           "items": [c.item_version.name for c in targets]})
        round_ = bc.supplements.count() + 1
        from tongban.seals.documents.services import document_issue

        document = document_issue(
            actor=None, kind="supplement", department=case_notices.agency(clerk_dept), request=request,
            data={"recipient": bc.applicant_name, "item_name": bc.version.name, "applied_on": bc.received_on,
                  "case_ref": bc.number, "issued_on": today,
                  "missing_items": [{"name": f"{e['name']}（{'、'.join(e['items'])}）", "requirement": e["reason"]}
                                    for e in listed]})
        supplement = BundleSupplement.objects.create(bundle_case=bc, round=round_, items=listed,
                                                     requested_on=today, requested_by=actor, document=document)
        for case_id, case_items in per_case.items():
            cases.case_request_supplement(actor=actor, case=Case(pk=case_id), items=case_items, on=today,
                                          request=request, notice=document)
        _refresh_status(bc)
        _event(bc, actor, f"一次性告知补正 {len(listed)} 项：{'、'.join(e['name'] for e in listed)}",
               document=document, request=request)
        return supplement


@transaction.atomic
def bundle_submit_supplement(*, actor, bundle_case: BundleCase, expected_version: int | None = None,
                             on: date | None = None, request=None) -> BundleCase:
    """The applicant answers once: each upload goes to every sub-case that asked for it (case_attach) and each
    of those sub-cases takes its 补正 as complete (case_submit_supplement), restarting its intake clock."""
    bc = _lock(bundle_case, expected_version)
    _own(actor, bc)
    supplement = bc.supplements.filter(answered_on__isnull=True).order_by("-round").first()
    if supplement is None:
        raise Conflict("没有等待补正的告知书。")
    given = {u.code: u.file for u in bc.uploads.filter(round=supplement.round).select_related("file")}
    missing = [e["name"] for e in supplement.items if e["code"] not in given]
    if missing:
        raise ValidationFailed("以下材料尚未补正：" + "、".join(missing))
    plan = plan_of(bc.version)
    today = _today(on)
    case_ids = sorted({cid for e in supplement.items for cid in e["cases"]})
    for case in Case.objects.filter(pk__in=case_ids).select_related("item_version"):
        if case.status != CaseStatus.SUPPLEMENT_REQUESTED:
            continue  # withdrawn meanwhile, or deemed accepted: nothing to hand in there
        key = case.bundle_link.member.key
        for entry in supplement.items:
            if case.pk not in entry["cases"]:
                continue
            material = plan.material(entry["code"])
            for src_key, req in material.sources:
                if src_key == key:
                    cases.case_attach(actor=actor, case=case, requirement=req, file=given[entry["code"]])
        cases.case_submit_supplement(actor=actor, case=case, on=today, request=request)
    supplement.answered_on = today
    supplement.save(update_fields=["answered_on"])
    _refresh_status(bc)
    _event(bc, actor, f"提交全部补正材料，已分送 {len(case_ids)} 个子项", request=request)
    return bc


# -- delivery ---------------------------------------------------------------------------------------------------


@transaction.atomic
def bundle_deliver(*, actor, bundle_case: BundleCase, method: str, note: str, expected_version: int | None = None,
                   request=None) -> BundleCase:
    """One delivery hands over every result together: each sub-case still waiting for delivery is delivered
    (case_deliver) with the same record, and the bundle concludes."""
    bc = _lock(bundle_case, expected_version)
    if not has_role(actor, [Role.WINDOW_CLERK]):
        raise PermissionDenied("只有窗口人员可以统一送达。")
    status = _refresh_status(bc)
    if status != Aggregate.RESULTS_READY:
        raise Conflict(f"一件事当前状态为“{bc.status_label}”，尚不能统一送达（须各项结果均已产生）。")
    if method not in ("in_person", "post"):
        raise ValidationFailed("请选择窗口领取或邮寄送达。")
    if not note.strip():
        raise ValidationFailed("请填写送达记录（领取人、快递单号等）。")
    delivered = []
    for link in bc.member_cases.select_related("case"):
        if link.case_id and link.case.status in (CaseStatus.DECIDED, CaseStatus.REFUSED):
            cases.case_deliver(actor=actor, case=link.case, method=method, note=f"一件事 {bc.number} 统一送达：{note}",
                               request=request)
            delivered.append(link.case.number)
    bc.delivered_at = timezone.now()
    BundleCase.objects.filter(pk=bc.pk).update(delivered_at=bc.delivered_at)
    _refresh_status(bc)
    _event(bc, actor, f"统一送达 {len(delivered)} 项结果（{'窗口领取' if method == 'in_person' else '邮寄送达'}）：{note.strip()}",
           request=request)
    return bc


@transaction.atomic
def bundle_extend(*, actor, bundle_case: BundleCase, reason: str, days: int = domain.JOINT_EXTENSION_WORKDAYS,
                  request=None) -> BundleCase:
    """行政许可法 第四十二条第二款: a joint licence's 45 working days may be extended by up to 15, with the
    approval of the head of the 本级人民政府 (recorded by an approver acting on that approval)."""
    bc = _lock(bundle_case)
    if not bc.version.joint_licence:
        raise Conflict("只有联合办理的行政许可可以按第四十二条第二款延长。")
    if not has_role(actor, [Role.APPROVER], bc.version.lead_department):
        raise PermissionDenied("须由牵头部门的审批人员登记经本级人民政府负责人批准的延期。")
    if bc.extension_days:
        raise Conflict("一件事的办理期限只能延长一次。")
    if not 0 < days <= domain.JOINT_EXTENSION_WORKDAYS:
        raise ValidationFailed(f"延长期限应为 1 至 {domain.JOINT_EXTENSION_WORKDAYS} 个工作日。")
    if not reason.strip():
        raise ValidationFailed("延期须写明理由。")
    bc.extension_days, bc.extension_reason = days, reason.strip()
    bc.save(update_fields=["extension_days", "extension_reason"])
    _event(bc, actor, f"经本级人民政府负责人批准延长 {days} 个工作日：{reason.strip()}", request=request)
    return bc


def safely_advance(case_id: int) -> None:
    """The receiver of cases.signals.case_event: advance the case's bundle, if it has one. Runs after the case's
    own transaction committed; a failure is logged (the bundle page and `tongban bundles sweep` retry)."""
    link = BundleMemberCase.objects.filter(case_id=case_id).values_list("bundle_case_id", flat=True).first()
    if link is None:
        return
    try:
        bundle_advance(bundle_case_id=link)
    except Exception:  # noqa: BLE001 — never undo or break the case step that triggered it
        log.exception("一件事 %s 推进失败（子办件 %s）", link, case_id)


def bundle_sweep(*, on: date | None = None) -> int:
    n = 0
    for pk in BundleCase.objects.filter(submitted=True, withdrawn_at__isnull=True).exclude(
            status=Aggregate.CONCLUDED).values_list("pk", flat=True):
        bundle_advance(bundle_case_id=pk, on=on)
        n += 1
    return n
