"""Every write on a case: one keyword-only function per step of 行政许可法's procedure.

Each runs in one transaction on the locked case row, checks the transition table (domain.py) and the actor's
role in the case's department, writes the timeline and the audit log, issues the sealed notice the law asks
for, and notifies the applicant. `expected_version` (from the page or API the actor acted on) makes a stale
action fail with a clear conflict instead of silently acting on a changed case.
"""

from __future__ import annotations

from copy import deepcopy
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from tongban.audit.services import audit_record
from tongban.cases import clocks, notices, selectors
from tongban.cases.domain import (
    ACTION_LABELS,
    Action,
    Status,
    TransitionNotAllowed,
    return_target,
    review_step_after,
    transition,
)
from tongban.cases.models import (
    Case,
    CaseEvent,
    CaseMaterial,
    CaseSequence,
    CaseStep,
    Delivery,
    Extension,
    FactCheck,
    Notification,
    Opinion,
    SupplementRequest,
    Suspension,
)
from tongban.cases.selectors import intake_scope
from tongban.cases.signals import case_event
from tongban.catalog.form_schema import clean_data
from tongban.catalog.models import ItemVersion, MaterialRequirement
from tongban.catalog.selectors import delegations_in_force
from tongban.clock import SuspensionReason
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.files.models import StoredFile
from tongban.org.models import Department, Role, Window, Zone
from tongban.org.permissions import has_role
from tongban.people import identity
from tongban.people.models import LegalPerson, NaturalPerson
from tongban.people.selectors import agent_can_act_for, person_of

# 行政许可法 第四十五条 lists the procedures whose time does not count; an item may add 现场勘验 etc. as its own.
SPECIAL_PROCEDURES = {r.value for r in SuspensionReason} - {SuspensionReason.SUPPLEMENT,
                                                           SuspensionReason.THIRD_PARTY_CONSULTATION}
FIELD_VALIDATORS = {
    "id_number": lambda v: identity.parse_id_number(v),
    "uscc": lambda v: identity.parse_uscc(v),
}


def _today(on: date | None) -> date:
    return on or timezone.localdate()


def _actor_label(actor) -> str:
    if actor is None:
        return "系统"
    staff = getattr(actor, "staff", None)
    return staff.name if staff else actor.get_username()


# The rows most steps read. Not the agent: most cases have none, and case.agent loads it when there is one.
LOCK_RELATED = ("item_version", "department", "applicant_person")


def _lock(case: Case, expected_version: int | None) -> Case:
    # Lock the case row only (of=self): locking the joined department and item rows too made concurrent
    # submissions of one department deadlock on PostgreSQL (seen under load in bench_cases_scale).
    locked = Case.objects.select_for_update(of=("self",)).select_related(*LOCK_RELATED).get(pk=case.pk)
    _check_version(locked, locked.row_version, expected_version)
    locked.as_locked = {f.attname: _snapshot(getattr(locked, f.attname)) for f in Case._meta.concrete_fields}
    return locked


def _lock_bumped(case: Case, expected_version: int | None) -> Case:
    """_lock for a step whose only change to the case row is its version (attaching a material): the lock and
    the increment in one UPDATE … RETURNING rather than a SELECT … FOR UPDATE and an UPDATE. A step that fails
    afterwards rolls the increment back with the rest of its transaction."""
    bumped = Case.objects.raw(f"UPDATE {Case._meta.db_table} SET row_version = row_version + 1 WHERE id = %s "
                              "RETURNING *", [case.pk])
    locked = next(iter(bumped), None)
    if locked is None:
        raise Case.DoesNotExist
    _check_version(locked, locked.row_version - 1, expected_version)
    return locked


def _check_version(locked: Case, current: int, expected: int | None) -> None:
    if expected is not None and current != expected:
        label = f"办件 {locked.number}" if locked.number else "该申请"
        raise Conflict(f"{label}已被他人处理（当前状态：{locked.status_label}），请刷新后再操作。")


def _snapshot(value):
    # Only the JSON columns can change in place; copying every value cost as much as a query.
    return deepcopy(value) if isinstance(value, dict | list) else value


def _changed_fields(case: Case) -> list[str] | None:
    """The columns a step changed since _lock read the row (None: unknown, save them all) — an UPDATE of those
    only is what every step writes, rather than all thirty-odd columns."""
    before = getattr(case, "as_locked", None)
    if before is None:
        return None
    return [name for name, value in before.items() if getattr(case, name) != value] + ["updated_at"]


def _move(case: Case, action: Action) -> None:
    try:
        case.status = transition(case.status, action)
    except TransitionNotAllowed as exc:
        raise Conflict(str(exc), code="transition_not_allowed") from exc


def _record(case: Case, action: Action, actor, summary: str, *, document=None, public: bool = True, request=None,
            actor_label: str | None = None):
    # Every caller holds the row lock (_lock) or has just created the row, so the increment cannot race.
    case.row_version += 1
    case.save(update_fields=_changed_fields(case))
    case.as_locked = None  # saved: a second _record in the same step writes every column again, to be safe
    summary = summary if len(summary) <= 500 else summary[:499] + "…"
    CaseEvent.objects.create(case=case, action=action, actor=actor, actor_label=actor_label or _actor_label(actor),
                             summary=summary, public=public, document=document)
    audit_record(actor=actor, action=f"case.{action}", target=case, summary=f"{case.number} {summary}"[:255],
                 request=request)
    _announce(case.pk, action)


def _announce(case_id: int, action) -> None:
    """Tell the apps built on cases (signals.case_event) once this step has committed."""
    transaction.on_commit(lambda: case_event.send(sender=Case, case_id=case_id, action=str(action)))


def _staff_in(actor, case: Case, roles) -> None:
    window = Role.WINDOW_CLERK in roles and selectors.acts_on_step(actor, case, Role.WINDOW_CLERK)
    if not (window or has_role(actor, roles, case.department)):
        raise PermissionDenied(f"您没有在{case.department.name}办理该办件的权限。")


def _intake_staff(actor, case: Case) -> None:
    scope = intake_scope(actor)
    if scope is not None and case.department_id not in scope:
        raise PermissionDenied("只有本部门或综合受理窗口的窗口人员可以作出受理决定。")


# -- applying ---------------------------------------------------------------------------------------------------


def _competent_department(version: ItemVersion, zone: Zone | None, on: date) -> Department:
    """The handling unit: a delegated zone's bureau; else the implementing agency, or its division that
    maintains the item (the bureau's 市场准入处 handles 食品经营许可 in the bureau's name)."""
    if zone is None:
        owner = version.item.owner
        return owner if owner.parent_id == version.implementing_department_id else version.implementing_department
    if not delegations_in_force(version.item, on).filter(zone=zone).exists():
        raise ValidationFailed(f"{version.name}未赋权{zone.name}办理，请向{version.implementing_department.name}申请。")
    if zone.department is None:
        raise ValidationFailed(f"{zone.name}尚无审批机构，请向{version.implementing_department.name}申请。")
    return zone.department


def _applicant_for(actor, person: NaturalPerson | None, legal: LegalPerson | None, agent, on: date):
    """Online, an applicant applies for themself, or for a company they represent or hold an authorisation for.
    At a window the clerk registers the applicant after checking their documents in person; an agent (代办人)
    must hold an authorisation in force."""
    clerk = has_role(actor, [Role.WINDOW_CLERK])
    principal = legal or person
    if principal is None:
        raise ValidationFailed("请指明申请人。")
    if agent is not None and not agent_can_act_for(agent=agent, principal=principal, on_date=on):
        raise PermissionDenied(f"{agent.name}没有代{principal.name}办理的有效委托授权。")
    if legal is None and person.user_id == actor.pk:  # for themself: the same answer for a clerk as for anyone
        return person, None
    if clerk:
        return person if legal is None else None, legal
    me = person if person is not None and person.user_id == actor.pk else person_of(actor)
    if me is None:
        raise PermissionDenied("请先完成实名登记，再在线申请。")
    if legal is None:
        if person.pk != me.pk and agent != me:
            raise PermissionDenied("只能为本人申请，或凭有效委托授权代他人申请。")
        return person, None
    if me.id_number == legal.legal_representative_id_number or agent_can_act_for(agent=me, principal=legal, on_date=on):
        return None, legal
    raise PermissionDenied(f"您不是{legal.name}的法定代表人，也没有有效的委托授权。")


def _allocate_number(department: Department, year: int) -> str:
    """The department's next number of the year: one UPDATE … RETURNING, whose row lock is held until commit, so
    numbers have no gaps and never repeat."""
    table = CaseSequence._meta.db_table
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(f'UPDATE {table} SET "last" = "last" + 1 WHERE department_id = %s AND "year" = %s '
                           'RETURNING "last"', [department.pk, year])
            row = cursor.fetchone()
        if row is not None:
            return f"{year}-{department.case_code}-{row[0]:06d}"
        try:  # the department's first case of the year
            with transaction.atomic():
                CaseSequence.objects.create(department=department, year=year, last=0)
        except IntegrityError:  # created by a concurrent submission: take the next number from it
            pass
    raise RuntimeError("case sequence row missing")


# What case_draft reads of the item version (the API reads only these: a version row is some forty columns).
DRAFT_VERSION_FIELDS = ("status", "online_depth", "name", "number", "item__owner", "implementing_department")


def case_draft(*, actor, version: ItemVersion, idempotency_key: str = "", **application) -> Case:
    """Start an application for a published item version (saved as a draft until submitted). A retried request
    (the same Idempotency-Key) gets the case the first one made."""
    try:
        return _draft(actor=actor, version=version, idempotency_key=idempotency_key, **application)
    except IntegrityError:  # the same key raced in from another request: its case is committed, ours rolled back
        existing = _with_key(actor, idempotency_key)
        if existing is None:
            raise
        return _replayed(Case.objects.select_related("item_version").get(pk=existing), version)


def _with_key(actor, idempotency_key: str) -> int | None:
    if not idempotency_key:
        return None
    found = Case.objects.filter(submitted_by=actor, idempotency_key=idempotency_key).values_list("pk", flat=True)
    return found.first()


@transaction.atomic
def _draft(*, actor, version: ItemVersion, person: NaturalPerson | None = None, legal: LegalPerson | None = None,
           agent: NaturalPerson | None = None, zone: Zone | None = None, form_data: dict | None = None,
           channel: str = Case.Channel.ONLINE, window: Window | None = None, idempotency_key: str = "",
           on: date | None = None) -> Case:
    today = _today(on)
    existing = _with_key(actor, idempotency_key)  # almost always none: the id only, a replayed case read whole
    if existing is not None:
        return _replayed(Case.objects.select_related("item_version").get(pk=existing), version)
    if version.status != ItemVersion.Status.PUBLISHED:
        raise ValidationFailed(f"{version.name}（v{version.number}）未发布或已停用，不能申请。")
    if channel == Case.Channel.ONLINE and version.online_depth < 3:
        raise ValidationFailed(f"{version.name}暂不支持网上申请（网办深度 {version.online_depth} 级），请到窗口办理。")
    person, legal = _applicant_for(actor, person, legal, agent, today)
    department = _competent_department(version, zone, today)
    if channel != Case.Channel.ONLINE:
        if window is None or not has_role(actor, [Role.WINDOW_CLERK], window.department_id):
            raise PermissionDenied("窗口收件须由该窗口的工作人员登记。")
        # 跨域通办: received here, handled by the competent region, the result handed over here.
        crossing = window.hall.region_id != department.region_id
        if crossing != (channel == Case.Channel.CROSS_REGION):
            raise ValidationFailed("跨域通办用于本窗口所在地以外的地区办理的事项；本地事项请按窗口收件登记。")
    case = Case(item_version=version, department=department, zone=zone,
                channel=channel, receiving_window=window, applicant_person=person, applicant_legal=legal,
                applicant_name=(person or legal).name, agent=agent, submitted_by=actor,
                form_data=form_data or {}, idempotency_key=idempotency_key)
    case.save()  # a key that raced in from another request fails here: case_draft answers with that case
    CaseEvent.objects.create(case=case, action=Action.SUBMIT, actor=actor, actor_label=_actor_label(actor),
                             summary="保存申请草稿", public=True)
    return case


def _replayed(case: Case, version: ItemVersion) -> Case:
    """A retried request (the same Idempotency-Key) gets the case it made, marked `replayed` — never a second
    case; a key already used for another item is a conflict, not a silent answer about that other case."""
    if case.item_version.item_id != version.item_id:
        raise Conflict(f"Idempotency-Key 已用于另一份申请（{case.item_version.name}），请换一个键。",
                       code="idempotency_key_reused")
    case.replayed = True
    return case


@transaction.atomic
def case_save_draft(*, actor, case: Case, form_data: dict, expected_version: int | None = None) -> Case:
    case = _lock(case, expected_version)
    _own_application(actor, case)
    if case.status != Status.DRAFT:
        raise Conflict("申请已提交，不能再修改申请表。")
    case.form_data = form_data
    case.row_version = F("row_version") + 1
    case.save()
    case.refresh_from_db()
    return case


def _own_application(actor, case: Case) -> None:
    """The submitting account, or an account that speaks for the applicant (theirs or their agent's) — so an
    application registered at a window can be followed, supplemented and withdrawn online."""
    pk = getattr(actor, "pk", None)
    if case.submitted_by_id != pk and pk not in {u.pk for u in notices.applicant_users(case)}:
        raise PermissionDenied("只能操作自己的申请。")


@transaction.atomic
def case_attach(*, actor, case: Case, requirement: MaterialRequirement, file: StoredFile,
                expected_version: int | None = None) -> CaseMaterial:
    """Attach an uploaded file to one required material of a draft or of a pending 补正 (the latest file of a
    requirement counts)."""
    case = _lock_bumped(case, expected_version)
    clerk_here = (case.receiving_window_id and has_role(actor, [Role.WINDOW_CLERK], case.receiving_window.department_id)) \
        or (case.channel != Case.Channel.ONLINE and case.department_id in (intake_scope(actor) or set()))
    if not clerk_here:
        _own_application(actor, case)
    if requirement.version_id != case.item_version_id:
        raise ValidationFailed("该材料不属于本事项。", errors={"requirement_id": ["不是本事项的申请材料"]})
    if case.status == Status.DRAFT:
        round_ = 0
    elif case.status == Status.SUPPLEMENT_REQUESTED:
        request = case.supplement_requests.order_by("-round").first()
        if requirement.pk not in {i.get("requirement_id") for i in request.items}:
            raise ValidationFailed(f"补正只需提交告知书所列材料；“{requirement.name}”不在其中。")
        round_ = request.round
    else:
        raise Conflict(f"办件当前状态为“{case.status_label}”，不能上传材料。")
    if file.uploaded_by_id not in (actor.pk, None):
        raise PermissionDenied("只能使用自己上传的文件。")
    extension = file.filename.rsplit(".", 1)[-1].lower() if "." in file.filename else ""
    accepted = [f.lower().lstrip(".") for f in requirement.formats or []]
    if accepted and extension not in accepted and not (extension == "jpeg" and "jpg" in accepted):
        raise ValidationFailed(f"“{requirement.name}”只接受 {'、'.join(accepted)} 格式，所传文件为 .{extension or '（无扩展名）'}。")
    return CaseMaterial.objects.create(case=case, requirement=requirement, file=file, round=round_, uploaded_by=actor)


@transaction.atomic
def case_submit(*, actor, case: Case, expected_version: int | None = None, on: date | None = None,
                request=None) -> Case:
    """Submit: the form is checked against the item's schema, every unconditional material is present,
    and the case gets its number and a receipt with the date by which intake will be decided."""
    case = _lock(case, expected_version)
    if case.submitted_by_id != actor.pk:
        raise PermissionDenied("只能提交自己的申请。")
    case.submitted_by = actor  # the same account: notices need not read it again
    _move(case, Action.SUBMIT)
    version = case.item_version
    cleaned, errors = clean_data(version.form_schema, case.form_data, validators=FIELD_VALIDATORS)
    attached = CaseMaterial.objects.filter(case=case, requirement=OuterRef("pk"))
    for m in version.materials.annotate(attached=Exists(attached)):
        if not m.condition and m.source == MaterialRequirement.Source.APPLICANT and not m.attached:
            errors.setdefault(f"material_{m.pk}", []).append(f"请上传“{m.name}”")
    if errors:
        raise ValidationFailed("申请未通过检查：" + "；".join(msg for msgs in errors.values() for msg in msgs),
                               errors=errors)
    today = _today(on)
    case.form_data = cleaned
    case.received_on = case.intake_started_on = today
    by = _intake_by(case)
    label = _actor_label(actor)  # reads the account's staff record, if any: not while holding the number's lock
    # The number's row lock and then the audit chain's are held until commit: take them last, so that
    # concurrent submissions queue for as short a time as possible (docs/benchmarks.md, cases at scale).
    case.number = _allocate_number(case.department, today.year)
    notices.notify_applicant(case, "申请已提交", f"您的申请 {case.number}（{version.name}）已收到，"
                             f"窗口将于 {by}作出受理决定。")
    _record(case, Action.SUBMIT, actor, f"提交申请，办件编号 {case.number}；受理决定将于 {by}作出", request=request,
            actor_label=label)
    return case


def _intake_by(case: Case) -> str:
    """"2026-12-14 前", or "5 个工作日内（截止日期待 2027 年节假日安排导入后确定）" past the loaded calendar."""
    due = clocks.intake_due(case)  # 行政许可法 第三十二条: five working days
    if due is not None:
        return f"{due} 前"
    year = clocks.first_day_not_loaded(case.intake_started_on).year
    return f"{clocks.INTAKE_WORKDAYS} 个工作日内（{clocks.pending_note(year)}）"


# -- intake (行政许可法 第三十二条) ---------------------------------------------------------------------------


def _apply_deemed_acceptance(case: Case, today: date) -> bool:
    """第三十二条第一款第（四）项: no 补正 notice within five working days means accepted from receipt."""
    if case.status != Status.RECEIVED:
        return False
    due = clocks.intake_due(case)
    if due is None and case.intake_started_on is not None:
        # The fifth working day lies past the loaded calendar, so after today — unless today is past it too,
        # which is refused rather than guessed (ADR 0002 §4).
        clocks.require_loaded(today)
    if due is None or today <= due:
        return False
    _move(case, Action.DEEM_ACCEPT)
    _start_review(case, accepted_on=case.intake_started_on, kind=Case.Acceptance.DEEMED)
    _record(case, Action.DEEM_ACCEPT, None,
            f"收件后五个工作日（至 {due}）内未告知补正，依行政许可法第三十二条视为自 {case.intake_started_on} 起受理")
    notices.notify_applicant(case, "申请已受理", f"您的申请 {case.number} 自 {case.intake_started_on} 起视为受理。")
    return True


def case_sweep(*, on: date | None = None) -> int:
    """Record every deemed acceptance that is due (run daily; every intake action also applies it first)."""
    today, n = _today(on), 0
    for pk in Case.objects.filter(status=Status.RECEIVED).values_list("pk", flat=True):
        with transaction.atomic():
            case = Case.objects.select_for_update(of=("self",)).select_related("item_version", "department").get(pk=pk)
            n += _apply_deemed_acceptance(case, today)
    return n


def case_settle_due_dates(*, on: date | None = None) -> int:
    """Fill in the decision date of cases in review whose `due_on` is NULL because it lay past the loaded
    calendar, once the year's 节假日安排 is imported (ADR 0002 §4; run by the daily sweep). The applicant is
    told the date: the notices said 届时另行告知."""
    today, n = _today(on), 0
    for pk in Case.objects.filter(status=Status.IN_REVIEW, due_on__isnull=True).values_list("pk", flat=True):
        with transaction.atomic():
            n += _settle_due(_lock(Case(pk=pk), None), today)
    return n


def _settle_due(case: Case, today: date) -> bool:
    _refresh_due(case, today)
    if case.due_on is None:
        return False
    Case.objects.filter(pk=case.pk).update(due_on=case.due_on)  # derived from the record: no new event
    audit_record(actor=None, action="case.due_settled", target=case,
                 summary=f"{case.number} 节假日安排导入后确定决定期限 {case.due_on}")
    notices.notify_applicant(case, "决定期限已确定", f"您的申请 {case.number} 的决定期限为 {case.due_on}。")
    return True


def _deemed_first(case: Case, today: date) -> None:
    """Record a deemed acceptance that is already due, in its own transaction, then refuse the intake action:
    the law has decided (第三十二条), so the record stands even though the clerk's action does not."""
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).select_related("item_version", "department").get(pk=case.pk)
        deemed = _apply_deemed_acceptance(locked, today)
    if deemed:
        raise Conflict(f"收件已超过五个工作日，依法视为受理（自 {locked.intake_started_on} 起），"
                       "不能再告知补正或不予受理。", code="deemed_accepted")


def _intake(case: Case, actor, expected_version) -> Case:
    locked = _lock(case, expected_version)
    _intake_staff(actor, locked)
    return locked


def _start_review(case: Case, *, accepted_on: date, kind: str, actor=None) -> int | None:
    case.accepted_on, case.acceptance = accepted_on, kind
    steps = [CaseStep(case=case, order=s.order, name=s.name, role=s.role, workdays=s.workdays)
             for s in case.item_version.steps.all()]
    # A guide's process usually opens with the window's 受理: the acceptance is that step, so it is recorded done
    # and review starts after it (the handling department has no window clerk to act on it).
    for step in steps[:_intake_steps(steps)]:
        step.state, step.started_on = CaseStep.State.DONE, accepted_on
        step.completed_at, step.completed_by = timezone.now(), actor
    CaseStep.objects.bulk_create(steps)
    first = case.steps.filter(state=CaseStep.State.PENDING).order_by("order").first()
    CaseStep.objects.filter(pk=first.pk).update(state=CaseStep.State.ACTIVE, started_on=accepted_on)
    case.current_step, case.task_role = first.order, first.role
    return _refresh_due(case)


def _intake_steps(steps) -> int:
    """How many of the process's first steps are the window's (受理), as long as a review step follows them."""
    return next((i for i, step in enumerate(steps) if step.role != Role.WINDOW_CLERK), 0)


def _later_review_steps(case: Case, step: CaseStep) -> list[CaseStep]:
    return [s for s in case.steps.order_by("order") if review_step_after(s, step)]


def _refresh_due(case: Case, today: date | None = None) -> int | None:
    """Store the decision date (行政许可法 第四十二条, 第四十五条). NULL while it lies past the loaded calendar:
    flagged, not guessed (ADR 0002 §4); returns the year awaited then, and case_settle_due_dates fills it in."""
    case.due_on, pending_year = clocks.decision_due(case, today or timezone.localdate())
    return pending_year


def _due_words(case: Case, pending_year: int | None) -> str:
    """"2026-12-30", or "待定（截止日期待 2027 年节假日安排导入后确定）" past the loaded calendar."""
    return str(case.due_on) if case.due_on else f"待定（{clocks.pending_note(pending_year)}）"


def case_accept(*, actor, case: Case, expected_version: int | None = None, on: date | None = None, request=None) -> Case:
    """受理 with a sealed 受理通知书 that states the date by which the decision will be made."""
    today = _today(on)
    _deemed_first(case, today)
    with transaction.atomic():
        case = _intake(case, actor, expected_version)
        _move(case, Action.ACCEPT)
        pending_year = _start_review(case, accepted_on=today, kind=Case.Acceptance.EXPLICIT, actor=actor)
        document = notices.acceptance(actor, case, request=request, on=_today(on))
        days = case.item_version.promised_days
        by = f"{case.due_on} 前" if case.due_on else clocks.pending_note(pending_year)
        _record(case, Action.ACCEPT, actor, f"受理；承诺 {days} 个工作日内作出决定（{by}）",
                document=document, request=request)
        by = f"{case.due_on} 前" if case.due_on else f"{days} 个工作日内（{by}）"
        notices.notify_applicant(case, "申请已受理", f"您的申请 {case.number} 已受理，将于 {by}作出决定。")
        return case


def case_request_supplement(*, actor, case: Case, items: list[dict], expected_version: int | None = None,
                            on: date | None = None, request=None, notice=None) -> SupplementRequest:
    """一次性告知补正: every missing or defective material at once, in one sealed notice.

    `items`: [{"requirement_id": int, "reason": str}]. `notice`: a combined 补正告知书 already issued for a
    一件事 (bundles) that lists this case's items too; it stands for this case's notice, so the applicant gets one.
    """
    today = _today(on)
    _deemed_first(case, today)
    with transaction.atomic():
        case = _intake(case, actor, expected_version)
        _move(case, Action.REQUEST_SUPPLEMENT)
        if not items:
            raise ValidationFailed("请列出需要补正的全部材料（一次性告知）。")
        requirements = {m.pk: m for m in case.item_version.materials.all()}
        listed = []
        for i, item in enumerate(items, 1):
            req = requirements.get(item.get("requirement_id"))
            if req is None:
                raise ValidationFailed(f"第 {i} 项不是本事项的申请材料。")
            if not str(item.get("reason", "")).strip():
                raise ValidationFailed(f"请写明“{req.name}”需要补正的原因。")
            listed.append({"requirement_id": req.pk, "name": req.name, "reason": item["reason"].strip()})
        round_ = case.supplement_requests.count() + 1
        supplement = SupplementRequest.objects.create(case=case, round=round_, items=listed, requested_on=today,
                                                      requested_by=actor)
        supplement.document = notice or notices.supplement(actor, case, supplement, request=request, on=_today(on))
        supplement.save(update_fields=["document"])
        names = "、".join(i["name"] for i in listed)
        _record(case, Action.REQUEST_SUPPLEMENT, actor, f"一次性告知补正 {len(listed)} 项：{names}",
                document=supplement.document, request=request)
        notices.notify_applicant(case, "请补正材料", f"您的申请 {case.number} 需要补正：{names}。请在办件页面上传。")
        return supplement


@transaction.atomic
def case_submit_supplement(*, actor, case: Case, expected_version: int | None = None, on: date | None = None,
                           request=None) -> Case:
    """The applicant hands in everything asked for; the intake clock restarts from this day."""
    case = _lock(case, expected_version)
    _own_application(actor, case)
    _move(case, Action.SUBMIT_SUPPLEMENT)
    supplement = case.supplement_requests.order_by("-round").first()
    given = set(case.materials.filter(round=supplement.round).values_list("requirement_id", flat=True))
    missing = [i["name"] for i in supplement.items if i["requirement_id"] not in given]
    if missing:
        raise ValidationFailed("以下材料尚未补正：" + "、".join(missing))
    today = _today(on)
    supplement.answered_on = today
    supplement.save(update_fields=["answered_on"])
    # 第三十二条: acceptance dates from the day the supplement is complete.
    case.intake_started_on = today
    _record(case, Action.SUBMIT_SUPPLEMENT, actor, "已提交全部补正材料", request=request)
    notices.notify_department(case, "补正材料已提交", f"办件 {case.number} 已提交补正材料，请作出受理决定。")
    return case


def case_refuse_intake(*, actor, case: Case, reasons: list[str], ground: str = "other", competent_agency: str = "",
                       expected_version: int | None = None, on: date | None = None, request=None) -> Case:
    """不予受理 with reasons and, when the matter is not ours, the competent agency (第三十二条第一款第（二）项)."""
    today = _today(on)
    _deemed_first(case, today)
    with transaction.atomic():
        case = _intake(case, actor, expected_version)
        _move(case, Action.REFUSE_INTAKE)
        reasons = [r.strip() for r in reasons if r and r.strip()]
        if not reasons:
            raise ValidationFailed("不予受理须写明理由。")
        if ground == "not_competent" and not competent_agency.strip():
            raise ValidationFailed("不属于本机关职权范围的，须告知有权受理的行政机关。")
        case.decision_reasons = "；".join(reasons)
        case.decided_on = today
        document = notices.intake_refusal(actor, case, reasons, ground, competent_agency, request=request, on=_today(on))
        _record(case, Action.REFUSE_INTAKE, actor, f"不予受理：{case.decision_reasons}", document=document, request=request)
        _deliver_electronically(case, document)
        return case


def case_instant(*, actor, case: Case, content: str, expected_version: int | None = None, on: date | None = None,
                 request=None) -> Case:
    """即办: a 即办件 decided on the spot at intake, with a sealed grant."""
    today = _today(on)
    _deemed_first(case, today)
    with transaction.atomic():
        case = _intake(case, actor, expected_version)
        if case.item_version.handling != ItemVersion.Handling.INSTANT:
            raise Conflict("该事项为承诺件，不能即办。")
        _move(case, Action.INSTANT)
        case.accepted_on, case.acceptance = today, Case.Acceptance.INSTANT
        case.decision, case.decided_on, case.decision_reasons = Case.Decision.GRANT, today, content
        document = notices.grant(actor, case, content, request=request, on=_today(on))
        _record(case, Action.INSTANT, actor, "即办：当场作出准予决定", document=document, request=request)
        _deliver_electronically(case, document)
        return case


# -- review ---------------------------------------------------------------------------------------------------


def _active_step(case: Case) -> CaseStep:
    step = case.steps.filter(state=CaseStep.State.ACTIVE).first()
    if step is None:
        raise Conflict("办件没有正在办理的审查环节。")
    return step


@transaction.atomic
def case_complete_step(*, actor, case: Case, opinion: str, expected_version: int | None = None,
                       on: date | None = None, request=None) -> Case:
    """The active step's officer records a written opinion and passes the case to the next step."""
    case = _lock(case, expected_version)
    _move(case, Action.COMPLETE_STEP)
    step = _active_step(case)
    _staff_in(actor, case, [step.role])
    if not opinion.strip():
        raise ValidationFailed("请填写审查意见。")
    nxt = next(iter(_later_review_steps(case, step)), None)
    if nxt is None:
        raise Conflict("这是最后一个环节，请作出准予或不予许可的决定。")
    _check_fact_verification(case, before=nxt)
    Opinion.objects.create(case=case, step=step, author=actor, verdict=Opinion.Verdict.AGREE, text=opinion.strip())
    now = timezone.now()
    CaseStep.objects.filter(pk=step.pk).update(state=CaseStep.State.DONE, completed_at=now, completed_by=actor)
    CaseStep.objects.filter(pk=nxt.pk).update(state=CaseStep.State.ACTIVE, started_on=_today(on))
    case.current_step, case.task_role = nxt.order, nxt.role
    _record(case, Action.COMPLETE_STEP, actor, f"{step.name}完成，转{nxt.name}", request=request)
    notices.notify_role(case, nxt.role, "新的待办", f"办件 {case.number} 已转到“{nxt.name}”环节。")
    return case


@transaction.atomic
def case_return_step(*, actor, case: Case, to_order: int, reason: str, expected_version: int | None = None,
                     on: date | None = None, request=None) -> Case:
    """Send the case back to an earlier step, with a written reason."""
    case = _lock(case, expected_version)
    _move(case, Action.RETURN_STEP)
    step = _active_step(case)
    _staff_in(actor, case, [step.role])
    target = case.steps.filter(order=to_order).first()
    if target is None or not return_target(target, step):
        raise ValidationFailed("只能退回到之前的审查环节。")
    if not reason.strip():
        raise ValidationFailed("退回须写明理由。")
    Opinion.objects.create(case=case, step=step, author=actor, verdict=Opinion.Verdict.RETURN, text=reason.strip())
    case.steps.filter(order__gte=target.order, order__lte=step.order).update(
        state=CaseStep.State.PENDING, completed_at=None, completed_by=None)
    CaseStep.objects.filter(pk=target.pk).update(state=CaseStep.State.ACTIVE, started_on=_today(on))
    case.current_step, case.task_role = target.order, target.role
    _record(case, Action.RETURN_STEP, actor, f"{step.name}退回{target.name}：{reason.strip()}", public=False,
            request=request)
    return case


def _check_fact_verification(case: Case, *, before: CaseStep) -> None:
    """第三十四条第三款: facts the item marks for it must be checked by two staff before the decision step."""
    if before.role != Role.APPROVER:
        return
    for req in case.item_version.materials.filter(needs_dual_verification=True):
        checkers = case.fact_checks.filter(requirement=req).values("checker").distinct().count()
        if checkers < 2:
            raise ValidationFailed(f"“{req.name}”须由两名以上工作人员核查（行政许可法第三十四条），目前 {checkers} 人。")


@transaction.atomic
def case_verify_fact(*, actor, case: Case, requirement: MaterialRequirement, finding: str,
                     expected_version: int | None = None, request=None) -> FactCheck:
    case = _lock(case, expected_version)
    _move(case, Action.VERIFY_FACT)
    _staff_in(actor, case, [Role.REVIEWER, Role.APPROVER])
    if requirement.version_id != case.item_version_id or not requirement.needs_dual_verification:
        raise ValidationFailed("该材料不需要实地核查。")
    if not finding.strip():
        raise ValidationFailed("请填写核查情况。")
    if case.fact_checks.filter(requirement=requirement, checker=actor).exists():
        raise Conflict("您已核查过该事实，须由另一名工作人员核查。")
    check = FactCheck.objects.create(case=case, requirement=requirement, checker=actor, finding=finding.strip())
    _record(case, Action.VERIFY_FACT, actor, f"核查“{requirement.name}”：{finding.strip()[:80]}", public=False,
            request=request)
    return check


def _special_procedure(case: Case, reason: str) -> str:
    allowed = SPECIAL_PROCEDURES | set(case.item_version.extra_procedures)
    if reason not in allowed:
        raise ValidationFailed(f"“{reason}”不是本事项可用的特别程序（可选：{'、'.join(sorted(allowed))}）。")
    return reason


@transaction.atomic
def case_suspend(*, actor, case: Case, reason: str, expected_workdays: int, detail: str = "",
                 expected_version: int | None = None, on: date | None = None, request=None) -> Suspension:
    """第四十五条: a special procedure stops the clock; the applicant gets a sealed notice of it and its duration."""
    case = _lock(case, expected_version)
    _move(case, Action.SUSPEND)
    _staff_in(actor, case, [Role.REVIEWER, Role.APPROVER])
    reason = _special_procedure(case, reason)
    if case.suspensions.filter(ended_on__isnull=True).exists():
        raise Conflict("已有正在进行的特别程序，请先恢复计时。")
    if expected_workdays <= 0:
        raise ValidationFailed("请填写预计所需的工作日数。")
    today = _today(on)
    suspension = Suspension.objects.create(case=case, reason=reason, detail=detail, started_on=today,
                                           expected_workdays=expected_workdays, started_by=actor)
    suspension.document = notices.special_procedure(actor, case, suspension, request=request, on=_today(on))
    suspension.save(update_fields=["document"])
    _refresh_due(case)
    _record(case, Action.SUSPEND, actor, f"{reason}，自 {today} 起中止计时，预计 {expected_workdays} 个工作日",
            document=suspension.document, request=request)
    notices.notify_applicant(case, "办理期限中止", f"您的申请 {case.number} 进入{reason}程序，预计需要 {expected_workdays} 个工作日，期间不计入办理期限。")
    return suspension


@transaction.atomic
def case_resume(*, actor, case: Case, expected_version: int | None = None, on: date | None = None,
                request=None) -> Case:
    case = _lock(case, expected_version)
    _move(case, Action.RESUME)
    _staff_in(actor, case, [Role.REVIEWER, Role.APPROVER])
    suspension = case.suspensions.filter(ended_on__isnull=True).first()
    if suspension is None:
        raise Conflict("办件没有中止计时。")
    today = _today(on)
    if today < suspension.started_on:
        raise ValidationFailed("恢复日期不能早于中止日期。")
    suspension.ended_on, suspension.ended_by = today, actor
    suspension.save(update_fields=["ended_on", "ended_by"])
    due = _due_words(case, _refresh_due(case))
    _record(case, Action.RESUME, actor, f"{suspension.reason}结束，自 {today} 后恢复计时；决定期限 {due}",
            request=request)
    notices.notify_applicant(case, "恢复计时", f"您的申请 {case.number} 已恢复计时，决定期限为 {due}。")
    return case


@transaction.atomic
def case_request_extension(*, actor, case: Case, reason: str, days: int | None = None,
                           expected_version: int | None = None, on: date | None = None, request=None) -> Extension:
    """第四十二条第一款: the case officer asks for one extension (default the item's, +10 working days)."""
    case = _lock(case, expected_version)
    _move(case, Action.EXTEND)
    _staff_in(actor, case, [Role.REVIEWER, Role.APPROVER])
    if Extension.objects.filter(case=case).exists():
        raise Conflict("延期只能申请一次（行政许可法第四十二条）。")
    limit = case.item_version.extension_days
    days = limit if days is None else days
    if not 0 < days <= limit:
        raise ValidationFailed(f"延长期限应为 1 至 {limit} 个工作日。")
    if not reason.strip():
        raise ValidationFailed("延期须写明理由。")
    extension = Extension.objects.create(case=case, days=days, reason=reason.strip(), requested_by=actor,
                                         requested_on=_today(on))
    _record(case, Action.EXTEND, actor, f"申请延长 {days} 个工作日：{reason.strip()}", public=False, request=request)
    notices.notify_role(case, Role.APPROVER, "延期待批", f"办件 {case.number} 申请延长 {days} 个工作日。")
    return extension


@transaction.atomic
def case_approve_extension(*, actor, case: Case, expected_version: int | None = None, on: date | None = None,
                           request=None) -> Extension:
    """An approver (the agency head's delegate) approves; the applicant receives the reasons in a sealed notice."""
    case = _lock(case, expected_version)
    _move(case, Action.EXTEND)
    _staff_in(actor, case, [Role.APPROVER])
    extension = Extension.objects.select_for_update().filter(case=case).first()
    if extension is None or extension.approved_on is not None:
        raise Conflict("没有待批准的延期申请。")
    if extension.requested_by_id == actor.pk:
        raise PermissionDenied("延期须由申请人以外的审批人员批准。")
    original_due = case.due_on
    extension.approved_by, extension.approved_on = actor, _today(on)
    extension.save(update_fields=["approved_by", "approved_on"])
    case.extension = extension
    due = _due_words(case, _refresh_due(case))  # 第四十二条
    extension.document = notices.extension(actor, case, extension, original_due, request=request, on=_today(on))
    extension.save(update_fields=["document"])
    _record(case, Action.EXTEND, actor, f"批准延长 {extension.days} 个工作日，决定期限改为 {due}",
            document=extension.document, request=request)
    notices.notify_applicant(case, "办理期限延长", f"您的申请 {case.number} 延长 {extension.days} 个工作日，"
                             f"决定期限为 {due}。理由：{extension.reason}")
    return extension


# -- decision and delivery ----------------------------------------------------------------------------------------


def case_decide(*, actor, case: Case, grant: bool, reasons: list[str] | None = None, content: str = "",
                expected_version: int | None = None, on: date | None = None, request=None) -> Case:
    """第三十八条: 准予, or 不予 with reasons and the remedies; decided at the last step by an approver."""
    today = _today(on)
    with transaction.atomic():
        case = _lock(case, expected_version)
        _move(case, Action.DECIDE)
        step = _active_step(case)
        if _later_review_steps(case, step):
            raise Conflict(f"办件还在“{step.name}”环节，尚未到决定环节。")
        _staff_in(actor, case, [step.role])
        if case.suspensions.filter(ended_on__isnull=True).exists():
            raise Conflict("特别程序尚未结束，请先恢复计时。")
        _check_fact_verification(case, before=step)
        reasons = [r.strip() for r in reasons or [] if r and r.strip()]
        if not grant and not reasons:
            raise ValidationFailed("不予许可须说明理由（行政许可法第三十八条第二款）。")
        now = timezone.now()
        Opinion.objects.create(case=case, step=step, author=actor,
                               verdict=Opinion.Verdict.AGREE if grant else Opinion.Verdict.DISAGREE,
                               text=content or "；".join(reasons) or "准予许可")
        CaseStep.objects.filter(pk=step.pk).update(state=CaseStep.State.DONE, completed_at=now, completed_by=actor)
        case.decision, case.task_role = (Case.Decision.GRANT if grant else Case.Decision.DENY), ""
        case.decided_on, case.decision_reasons = today, "；".join(reasons) or content
        document = notices.grant(actor, case, content, request=request, on=_today(on)) if grant else \
            notices.denial(actor, case, reasons, request=request, on=_today(on))
        _record(case, Action.DECIDE, actor, "准予许可" if grant else f"不予许可：{case.decision_reasons}",
                document=document, request=request)
        _deliver_electronically(case, document)
        return case


def _deliver_electronically(case: Case, document) -> None:
    """Decisions reach an applicant with an online account at once (电子送达); the case then concludes."""
    if not notices.applicant_users(case):
        return
    Delivery.objects.create(case=case, document=document, method=Delivery.Method.ELECTRONIC,
                            delivered_at=timezone.now(), note="送达至申请人网上办事账户")
    _conclude(case, None, "电子送达至申请人账户，办结")
    notices.notify_applicant(case, "决定书已送达", f"您的申请 {case.number} 已作出决定，请在办件页面查看并下载决定书。")


def _conclude(case: Case, actor, summary: str) -> None:
    _move(case, Action.DELIVER)
    case.concluded_at = timezone.now()
    # The window's steps after the decision (制证送达) are this delivery.
    case.steps.filter(state=CaseStep.State.PENDING).update(state=CaseStep.State.DONE, completed_at=case.concluded_at,
                                                           completed_by=actor)
    _record(case, Action.DELIVER, actor, summary)


@transaction.atomic
def case_deliver(*, actor, case: Case, method: str, note: str = "", expected_version: int | None = None,
                 request=None) -> Delivery:
    """Record delivery by another means (window collection, post); the case concludes."""
    case = _lock(case, expected_version)
    at_receiving_window = case.receiving_window_id and has_role(actor, [Role.WINDOW_CLERK],
                                                                  case.receiving_window.department_id)
    if not at_receiving_window:
        _staff_in(actor, case, [Role.WINDOW_CLERK, Role.APPROVER, Role.REVIEWER])
    if method not in Delivery.Method.values or method == Delivery.Method.ELECTRONIC:
        raise ValidationFailed("请选择窗口领取或邮寄送达，并填写送达记录。")
    if not note.strip():
        raise ValidationFailed("请填写送达记录（领取人、快递单号等）。")
    event = case.events.filter(document__isnull=False, action__in=[Action.DECIDE, Action.INSTANT,
                                                                   Action.REFUSE_INTAKE]).last()
    if event is None:
        raise Conflict("办件还没有可送达的决定书。")
    delivery = Delivery.objects.create(case=case, document=event.document, method=method,
                                       delivered_at=timezone.now(), note=note.strip(), recorded_by=actor)
    _conclude(case, actor, f"{delivery.get_method_display()}：{note.strip()}；办结")
    return delivery


@transaction.atomic
def delivery_opened(*, actor, delivery: Delivery) -> Delivery:
    """The applicant opened the delivered decision: the first opening time is kept."""
    if actor.pk not in {u.pk for u in notices.applicant_users(delivery.case)}:
        raise PermissionDenied("只有申请人可以签收该文书。")
    Delivery.objects.filter(pk=delivery.pk, opened_at__isnull=True).update(opened_at=timezone.now())
    delivery.refresh_from_db()
    return delivery


@transaction.atomic
def case_withdraw(*, actor, case: Case, reason: str = "", expected_version: int | None = None,
                  request=None) -> Case:
    case = _lock(case, expected_version)
    _own_application(actor, case)
    _move(case, Action.WITHDRAW)
    case.withdrawn_at = timezone.now()
    suspension = case.suspensions.filter(ended_on__isnull=True).first()
    if suspension:
        suspension.ended_on, suspension.ended_by = timezone.localdate(), actor
        suspension.save(update_fields=["ended_on", "ended_by"])
    _record(case, Action.WITHDRAW, actor, "申请人撤回申请" + (f"：{reason.strip()}" if reason.strip() else ""),
            request=request)
    if case.number:
        notices.notify_department(case, "申请人撤回", f"办件 {case.number} 已由申请人撤回。")
    return case


@transaction.atomic
def notification_mark_read(*, actor, notification: Notification | None = None) -> int:
    """Mark one of the actor's notifications, or all of them, read (the first reading time is kept)."""
    qs = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification is not None:
        qs = qs.filter(pk=notification.pk)
    return qs.update(read_at=timezone.now())


def case_document_open(*, actor, case: Case, document, request=None):
    """The sealed PDF of a document of this case, for someone who may see the case (the caller checked that
    through selectors.case_get). The applicant did not upload it, so the store opens it for the system and the
    applicant's reading is audited here."""
    from tongban.files import selectors as file_selectors
    from tongban.files.services import file_open

    if not selectors.case_documents(case).filter(pk=document.pk).exists():
        raise PermissionDenied("该文书不属于此办件。")
    if file_selectors.stored_file_can_read(actor=actor, stored_file=document.pdf):
        return file_open(actor=actor, stored_file=document.pdf, request=request)
    stream = file_open(actor=None, stored_file=document.pdf, request=request)
    audit_record(actor=actor, action="case.document.download", target=document,
                 summary=f"{case.number} 申请人下载{document.get_kind_display()} {document.number}", request=request)
    return stream


def _left_words(state) -> str:
    if state.workdays_left < 0:
        return f"已超期 {-state.workdays_left} 个工作日"
    left = "剩余至少" if state.due is None else "剩余"  # a lower bound past the loaded calendar (ADR 0002 §4)
    return f"{left} {state.workdays_left} 个工作日"


__all__ = [name for name in dict(globals()) if name.startswith("case_")] + [
    "delivery_opened", "notification_mark_read", "ACTION_LABELS"]


def case_alert_deadlines(*, on: date | None = None) -> int:
    """Tell the staff of the active step about cases that are 临期 or 超期, once per case per day."""
    today, sent = _today(on), 0
    for case in Case.objects.filter(status=Status.IN_REVIEW).select_related("item_version", "department"):
        state = clocks.decision_state(case, today)
        if state is None or state.status not in ("临期", "超期"):
            continue
        step = case.steps.filter(state=CaseStep.State.ACTIVE).first()
        title = f"办件{state.status}"
        if step is None or case.notifications.filter(title=title, created_at__date=timezone.localdate()).exists():
            continue
        with transaction.atomic():
            notices.notify_role(case, step.role, title, f"办件 {case.number}（{case.item_version.name}）"
                                f"{_left_words(state)}，决定期限 {state.due or '待定'}。{state.explanation}")
        sent += 1
    return sent
