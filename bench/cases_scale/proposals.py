"""Proposed changes to code this benchmark may not edit, measured side by side with the code as it is.

Nothing here replaces the application's code: each proposal is a copy of one function with one change, run on
the same data, parameters and actors as the original, so the report can show before/after figures for the
owner to decide. Once a proposal is adopted in the application, its line in the report shows the same figure
twice.

1. `my_tasks`: the active-step condition as EXISTS per role instead of a join on cases_casestep with DISTINCT.
   The join multiplies rows and forces DISTINCT over every selected column (about 130 with the related rows),
   which PostgreSQL can only do by hashing or sorting every task before LIMIT and before COUNT; with EXISTS the
   rows come off the due-date index in page order and the page stops after 50.
2. `case_search`: the item-name condition resolved to item-version ids first (a query on the 50-row catalogue),
   so the case query carries `item_version_id IN (…)` constants instead of a join on the item's name: the planner
   then knows how many cases each item has (a join parameter it cannot know), and the `q` search becomes one OR of
   three conditions on cases_case that three indexes answer (BitmapOr) instead of a filter over every case in
   scope.
3. Clocks: one calendar per page. `WorkCalendar.default()` asks the database for the calendar's version stamp on
   every deadline it evaluates (tongban.holidays.selectors.calendar_from_database), so a page of 50 rows runs
   50 aggregate queries; checking the stamp once per request (or at most once a second per process) keeps the
   cross-process freshness the stamp exists for.
4. The list pages' `select_related("extension__approved_by__staff")` (views_workbench._with_clocks, api._rows):
   three more LEFT JOINs on every list query for a row most cases do not have; as a prefetch (one small query)
   the list query has four joins instead of seven, which PostgreSQL plans several times faster.
5. Search pages count at most 1,000 matches ("1,000+ 条，请缩小范围"): an exact total of a broad search (`q`
   matching an item, a one-character applicant prefix) reads every matching case — 30,000–90,000 rows — while
   `COUNT(*)` over `LIMIT 1001` stops early. The first page is the same.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet


def my_tasks(*, actor) -> QuerySet:
    """selectors.my_tasks with EXISTS instead of join + DISTINCT (proposal 1)."""
    from tongban.cases.domain import Status
    from tongban.cases.models import CaseStep
    from tongban.cases.selectors import _base, intake_scope
    from tongban.org.models import Role
    from tongban.org.permissions import department_scope

    conditions = Q(pk__in=[])
    for role in Role.values:
        scope = department_scope(actor, [role])
        if scope == set():
            continue
        where = Q() if scope is None else Q(department__in=scope)
        if role == Role.WINDOW_CLERK:
            intake = intake_scope(actor)
            conditions |= (Q() if intake is None else Q(department__in=intake)) & Q(status=Status.RECEIVED)
        active = CaseStep.objects.filter(case=OuterRef("pk"), state=CaseStep.State.ACTIVE, role=role)
        conditions |= where & Q(status=Status.IN_REVIEW) & Q(Exists(active))
    return _base().filter(conditions).order_by("due_on", "received_on", "pk")


def case_search(*, actor, q: str = "", number: str = "", applicant: str = "", item: str = "", status: str = "",
                received_from: date | None = None, received_to: date | None = None) -> QuerySet:
    """selectors.case_search with the item name resolved to version ids first (proposal 2)."""
    from tongban.cases.domain import Status
    from tongban.cases.selectors import cases_visible_to
    from tongban.catalog.models import ItemVersion

    def versions(text: str) -> list[int]:
        return list(ItemVersion.objects.filter(name__contains=text).values_list("pk", flat=True))

    qs = cases_visible_to(actor).exclude(status=Status.DRAFT)
    if number:
        qs = qs.filter(number=number.strip())
    if applicant:
        qs = qs.filter(applicant_name__startswith=applicant.strip())
    if item:
        qs = qs.filter(item_version_id__in=versions(item.strip()))
    if status:
        qs = qs.filter(status=status)
    if received_from:
        qs = qs.filter(received_on__gte=received_from)
    if received_to:
        qs = qs.filter(received_on__lte=received_to)
    if q:
        q = q.strip()
        qs = qs.filter(Q(number=q) | Q(applicant_name__startswith=q) | Q(item_version_id__in=versions(q)))
    return qs.order_by("-received_on", "-pk")


SEARCH_COUNT_CAP = 1000


def capped_count(qs, cap: int) -> int:
    """Proposal 5: the number of matches up to cap + 1 (a page shows "1,000+" when it gets cap + 1). Without the
    ordering, so PostgreSQL stops after cap + 1 rows instead of sorting every match first."""
    return qs.order_by()[: cap + 1].count()


@contextmanager
def one_calendar():
    """Proposal 3: the calendar checked against the database once for the page, not once per deadline."""
    from tongban.clock import calendar as calendar_module
    from tongban.clock import set_default_provider

    original = calendar_module._provider
    current = original() if original is not None else None
    if current is None:
        yield
        return
    set_default_provider(lambda: current)
    try:
        yield
    finally:
        set_default_provider(original)


def with_clocks(qs):
    """Proposal 4: what the page's clocks read, with the extension prefetched instead of joined."""
    from tongban.cases.models import CaseStep, Extension

    return qs.prefetch_related(
        Prefetch("extension", queryset=Extension.objects.select_related("approved_by__staff")),
        "suspensions",
        Prefetch("steps", queryset=CaseStep.objects.filter(state=CaseStep.State.ACTIVE), to_attr="active_steps"),
    )
