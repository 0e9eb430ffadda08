"""Reads of cases for pages and the API: clocks, timelines, queues and search, restricted by role."""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Count, DateField, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import Coalesce

from tongban.cases import clocks
from tongban.cases.domain import Status
from tongban.cases.models import Case, Suspension
from tongban.catalog.models import ItemVersion
from tongban.clock import WorkCalendar
from tongban.core.errors import NotFound
from tongban.org.models import Department, Role
from tongban.org.permissions import department_scope, department_scopes, has_role
from tongban.people.models import NaturalPerson


def case_clock(case: Case, today: date) -> dict:
    """Every clock the case shows, each with its explanation; the display status notes a deemed acceptance
    that is due but not yet recorded by the daily sweep."""
    intake = clocks.intake_state(case, today) if case.status == Status.RECEIVED else None
    return {
        "intake": intake,
        "deemed_acceptance_due": bool(intake and intake.status == "超期"),
        "decision": clocks.decision_state(case, today) if case.status == Status.IN_REVIEW else None,
        "license": clocks.license_state(case, today),
    }


def _base() -> QuerySet[Case]:
    return Case.objects.select_related("item_version", "department", "applicant_person", "applicant_legal")


def cases_visible_to(actor) -> QuerySet[Case]:
    """Staff see the cases of departments in their scope — window clerks also every case whose intake they
    decide (intake_scope) and the cross-region cases received at their windows; an applicant sees their own."""
    scope = department_scope(actor, list(Role.values))
    if scope is None:
        return _base()
    if not scope:
        # The applicant's persons as a subquery, not a join: the OR then needs no join and plans in a fraction.
        mine = NaturalPerson.objects.filter(user=actor).values("pk")
        return _base().filter(Q(submitted_by=actor) | Q(applicant_person__in=mine) | Q(agent__in=mine))
    where = Q(department__in=scope)
    clerk_scope = department_scope(actor, [Role.WINDOW_CLERK])
    if clerk_scope:
        where |= Q(department__in=intake_scope(actor)) | Q(receiving_window__department__in=clerk_scope)
    return _base().filter(where)


def case_get(*, actor, case_id: int) -> Case:
    case = cases_visible_to(actor).filter(pk=case_id).order_by().first()
    if case is None:
        raise NotFound("办件不存在或无权查看。")
    return case


def require_visible(*, actor, case_id: int) -> None:
    """NotFound unless the actor may see the case (as case_get, without reading it)."""
    if not cases_visible_to(actor).filter(pk=case_id).exists():
        raise NotFound("办件不存在或无权查看。")


def intake_scope(actor) -> set[int] | None:
    """Departments whose intake the actor decides: where they are a window clerk, and — for clerks of an
    approval bureau's comprehensive windows (综窗) — every department in the bureau's region."""
    scope = department_scope(actor, [Role.WINDOW_CLERK])
    if not scope:
        return scope
    regions = Department.objects.filter(
        pk__in=scope, kind__in=[Department.Kind.BUREAU, Department.Kind.DIVISION]).values_list("region", flat=True)
    return scope | set(Department.objects.filter(region__in=list(regions)).values_list("pk", flat=True))


ACTIVE = (Status.RECEIVED, Status.SUPPLEMENT_REQUESTED, Status.IN_REVIEW, Status.DECIDED, Status.REFUSED)


def my_tasks(*, actor) -> QuerySet[Case]:
    """待办: intake decisions for window clerks, the active review step for staff holding its role — each only in
    the departments where they hold that role — most urgent first (nearest deadline)."""
    conditions = Q(pk__in=[])
    for role, scope in department_scopes(actor, Role.values).items():
        if scope == set():
            continue
        where = Q() if scope is None else Q(department__in=scope)
        if role == Role.WINDOW_CLERK:  # intake, and the window's steps, wherever the clerk takes intake
            intake = intake_scope(actor)
            where = Q() if intake is None else Q(department__in=intake)
            conditions |= where & Q(status=Status.RECEIVED)
        # The active step's role as copied onto the case (Case.task_role): one index range per department,
        # where probing each case's steps cost a join over thousands of tasks (docs/benchmarks.md).
        conditions |= where & Q(status=Status.IN_REVIEW, task_role=role)
    return _base().filter(conditions).order_by("due_on", "received_on", "pk")


def acts_on_step(actor, case: Case, role: str) -> bool:
    """Whether the actor may do a step of `role` on the case: staff holding the role in its department; a window's
    step also the windows that take the department's intake (综窗) — a 即办件 deemed accepted waits on one."""
    if role == Role.WINDOW_CLERK:
        intake = intake_scope(actor)
        return intake is None or case.department_id in intake
    return has_role(actor, [role], case.department_id)


def by_urgency(qs: QuerySet[Case], today: date) -> tuple[QuerySet[Case], dict[str, int]]:
    """`qs` most urgent first, and its counts: {"total", "超期", "临期"} — ordered and counted in SQL.

    The key (`clock_due`) is the date the running clock falls due: the intake deadline (five working days from
    receipt or the completed 补正, 行政许可法 第三十二条) while the case awaits intake, else `due_on` (the
    decision date, kept current by every event); a case whose clock is suspended (中止) comes last. Intake
    deadlines come from the calendar for the few distinct start dates awaiting intake, as constants.
    A due date past the loaded calendar is NULL (ADR 0002 §4) and sorts after every dated one; while the 临期
    window itself runs past it, every dated case through the last loaded day counts as 临期.
    """
    ordered, overdue, due_soon = _urgency(qs, today)
    counts = ordered.order_by().aggregate(total=Count("pk"), overdue=Count("pk", filter=overdue),
                                          due_soon=Count("pk", filter=due_soon))
    return ordered, {"total": counts["total"], "超期": counts["overdue"], "临期": counts["due_soon"]}


def urgency_page(qs: QuerySet[Case], today: date, *, offset: int, limit: int) -> tuple[list[int], dict | None]:
    """One page of by_urgency's order (the ids) and the counts over all of `qs`, in one pass: the counts ride on
    the page's rows as window aggregates, so the tasks are read once, not once to count and once to order.
    The counts are None when the page is empty (past the end): by_urgency then counts."""
    ordered, overdue, due_soon = _urgency(qs, today)
    rows = list(ordered.annotate(
        n_total=Window(Count("pk")), n_overdue=Window(Count("pk", filter=overdue)),
        n_due_soon=Window(Count("pk", filter=due_soon)),
    ).values_list("pk", "n_total", "n_overdue", "n_due_soon")[offset:offset + limit])
    if not rows:
        return [], None
    return [r[0] for r in rows], {"total": rows[0][1], "超期": rows[0][2], "临期": rows[0][3]}


def _urgency(qs: QuerySet[Case], today: date) -> tuple[QuerySet[Case], Q, Q]:
    """by_urgency's order, and the conditions of 超期 and 临期 on the clock that runs."""
    cal = WorkCalendar.default()
    starts = (qs.filter(status=Status.RECEIVED, intake_started_on__isnull=False).order_by()
              .values_list("intake_started_on", flat=True).distinct())
    whens = [When(status=Status.RECEIVED, intake_started_on=d,
                  then=Value(clocks.add_workdays(d, clocks.INTAKE_WORKDAYS, cal))) for d in starts]
    due = models.Case(*whens, default=F("due_on"), output_field=DateField()) if whens else F("due_on")
    # IN (…) rather than a correlated EXISTS: PostgreSQL reads the few open suspensions once into a hash
    # instead of probing them once per task, twice over in the counts.
    open_suspension = Suspension.objects.filter(ended_on__isnull=True).values("case_id")
    qs = qs.annotate(paused=Q(pk__in=open_suspension), clock_due=due)
    # 临期: at most TONGBAN_DUE_SOON_WORKDAYS working days after today, i.e. before the one after those.
    soon_ends = (clocks.add_workdays(today, settings.TONGBAN_DUE_SOON_WORKDAYS + 1, cal)
                 or clocks.first_day_not_loaded(today, cal))
    running = Q(paused=False, clock_due__isnull=False)
    ordered = qs.order_by("paused", F("clock_due").asc(nulls_last=True), "pk")
    return ordered, running & Q(clock_due__lt=today), running & Q(clock_due__gte=today, clock_due__lt=soon_ends)


def department_queue(*, actor, status: str | None = None) -> QuerySet[Case]:
    qs = cases_visible_to(actor).exclude(status=Status.DRAFT)
    return (qs.filter(status=status) if status else qs.filter(status__in=ACTIVE)).order_by("due_on", "received_on")


def case_search(*, actor, q: str = "", number: str = "", applicant: str = "", item: str = "", status: str = "",
                received_from: date | None = None, received_to: date | None = None) -> QuerySet[Case]:
    qs = cases_visible_to(actor).exclude(status=Status.DRAFT)
    if number:
        qs = qs.filter(number=number.strip())
    if applicant:
        qs = qs.filter(applicant_name__startswith=applicant.strip())
    if item:
        qs = qs.filter(item_version_id__in=_versions_named(item.strip()))
    if status:
        qs = qs.filter(status=status)
    if received_from:
        qs = qs.filter(received_on__gte=received_from)
    if received_to:
        qs = qs.filter(received_on__lte=received_to)
    if q:
        q = q.strip()
        if CASE_NUMBER.match(q):  # a case number is nobody's name and no item's: one index lookup
            qs = qs.filter(number=q)
        else:
            qs = _name_or_item(qs, q)
    return qs.order_by("-received_on", "-pk")


def _name_or_item(qs: QuerySet[Case], q: str) -> QuerySet[Case]:
    """Cases whose applicant's name starts with q or whose item's name contains it. Each branch is looked up on its
    own (up to the count cap): PostgreSQL plans the OR of the two as one scan that, when few cases match — a word
    found only in other departments' item names — reads every case in scope (345 ms on a million). When both
    branches are small their ids are the answer; when one is large, the OR finds a newest-first page quickly."""
    versions = _versions_named(q)
    by_name = qs.filter(applicant_name__startswith=q)
    by_item = qs.filter(item_version_id__in=versions)
    names, items = (list(branch.order_by().values_list("pk", flat=True)[: SEARCH_COUNT_CAP + 1])
                    for branch in (by_name, by_item))
    if len(names) <= SEARCH_COUNT_CAP and len(items) <= SEARCH_COUNT_CAP:
        return _base().filter(pk__in=sorted(set(names) | set(items)))
    if not names or not items:  # one branch is everything: planned as a search by that alone
        return by_item if items else by_name
    return qs.filter(Q(applicant_name__startswith=q) | Q(item_version_id__in=versions))


CASE_NUMBER = re.compile(r"^\d{4}-[A-Z0-9]{2,8}-\d{6,}$")  # services._allocate_number: 2026-SCJ-000137

# A search page counts its matches up to this many and then says "1,000+": an exact total of a broad search
# reads every matching case (tens of thousands), while COUNT over LIMIT cap + 1 stops early.
SEARCH_COUNT_CAP = 1000


def capped_count(qs) -> int:
    """The number of matches, at most SEARCH_COUNT_CAP + 1 (which means "more than the cap"). Without the
    ordering, so the database can stop after cap + 1 rows instead of sorting every match first."""
    return qs.order_by()[: SEARCH_COUNT_CAP + 1].count()


def counted_search(qs: QuerySet[Case]) -> tuple[int, QuerySet[Case]]:
    """A search page's total (capped_count) and its rows in the order to read them. With at most
    SEARCH_COUNT_CAP matches they are read whole and sorted: walking the newest-first index for a few matches in
    a large scope (an item of another department, a rare name) reads every case in it (300 ms and more on a
    million). The expression only hides the index from the planner; the order is the same."""
    count = capped_count(qs)
    if count > SEARCH_COUNT_CAP:
        return count, qs
    return count, qs.order_by(Coalesce("received_on", "received_on").desc(), F("pk").desc())


def _versions_named(text: str) -> list[int]:
    """Item versions whose name contains text, looked up first in the small catalogue: as constants in the case
    query the planner knows how many cases each item has, which it cannot know through a join."""
    return list(ItemVersion.objects.filter(name__contains=text).values_list("pk", flat=True))


def overdue_cases(*, actor, today: date) -> QuerySet[Case]:
    """超期: cases under review past their decision date (no special procedure running), in the actor's scope."""
    # NOT IN the few open suspensions, read once into a hash (as in _urgency): the join's form ran a subplan per
    # overdue case, 290 ms to count a city's 15,000 (docs/benchmarks.md).
    return (
        cases_visible_to(actor)
        .filter(status=Status.IN_REVIEW, due_on__lt=today)
        .exclude(pk__in=Suspension.objects.filter(ended_on__isnull=True).values("case_id"))
        .order_by("due_on")
    )


def deliveries_pending(*, actor) -> QuerySet[Case]:
    """Decided or refused cases waiting for a window clerk to hand them over (窗口领取 / 邮寄): those received at
    their window or in their intake scope."""
    clerk_scope = department_scope(actor, [Role.WINDOW_CLERK])
    if clerk_scope == set():
        return Case.objects.none()
    qs = Case.objects.filter(status__in=[Status.DECIDED, Status.REFUSED])
    if clerk_scope is not None:
        qs = qs.filter(Q(receiving_window__department__in=clerk_scope) | Q(department__in=intake_scope(actor)))
    return qs.select_related("item_version", "department").order_by("decided_on", "pk")


def my_applications(*, user) -> QuerySet[Case]:
    return _base().filter(Q(submitted_by=user) | Q(applicant_person__user=user) | Q(agent__user=user)).distinct()


def timeline(case: Case, *, public_only: bool):
    events = case.events.select_related("document").order_by("at", "id")
    return events.filter(public=True) if public_only else events


def case_documents(case: Case):
    """The sealed documents issued in this case, oldest first."""
    from tongban.seals.documents_models import IssuedDocument

    ids = case.events.exclude(document__isnull=True).values_list("document_id", flat=True)
    return IssuedDocument.objects.filter(pk__in=list(ids)).order_by("issued_at")
