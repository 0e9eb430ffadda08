"""Reads of 一件事: the public list and guide, an application with its sub-cases, its clock, the consequence of a
failed member, and what a bundle saves against applying item by item (the proof of the reform)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tongban.bundles import domain
from tongban.bundles.domain import MemberState
from tongban.bundles.models import BundleCase, BundleVersion
from tongban.bundles.plan import plan_of
from tongban.bundles.spec import BundleSpec
from tongban.cases import selectors as case_selectors
from tongban.clock import Deadline, Extension
from tongban.core.errors import NotFound
from tongban.org.models import Role
from tongban.org.permissions import department_scope

Status = BundleVersion.Status


def spec_of(version: BundleVersion) -> BundleSpec:
    return BundleSpec.model_validate({
        "name": version.name, "summary": version.summary, "theme": version.theme, "stage": version.stage,
        "list_level": version.list_level, "list_year": version.list_year,
        "lead_department": version.lead_department.name,
        "cooperating_departments": [d.name for d in version.cooperating_departments.order_by("name")],
        "promised_days": version.promised_days, "joint_licence": version.joint_licence, "visits": version.visits,
        "combined_report": version.combined_report, "fields": version.fields, "materials": version.materials,
        "members": [{"key": m.key, "item_code": m.item.code, "mode": m.mode, "after": m.after,
                     "condition": m.condition, "field_map": m.field_map, "fixed": m.fixed}
                    for m in version.members.select_related("item")],
        "change_note": version.change_note,
    })


def published_bundles() -> QuerySet[BundleVersion]:
    return (BundleVersion.objects.filter(status=Status.PUBLISHED)
            .select_related("bundle", "lead_department").order_by("theme", "list_level", "name"))


def bundle_guide(code: str) -> BundleVersion:
    version = published_bundles().filter(bundle__code=code).first()
    if version is None:
        raise NotFound("未找到该一件事（可能尚未发布或已停用）。")
    return version


def bundle_versions(*, actor) -> QuerySet[BundleVersion]:
    """Every version (drafts too) for the staff who maintain or publish bundles."""
    return BundleVersion.objects.select_related("bundle", "lead_department").order_by("bundle__code", "-number")


# -- the proof of the reform ------------------------------------------------------------------------------------


@dataclass
class Savings:
    """One application against applying for each member on its own (every member included)."""

    forms_separate: int
    forms_bundle: int
    fields_separate: int  # fields typed across the items' own forms
    fields_bundle: int  # fields of the one merged form
    materials_separate: int  # uploads, one per item and material
    materials_bundle: int  # one per distinct material
    trips_separate: int  # 到现场次数, summed over the items
    trips_bundle: int
    days_separate: int  # promised working days when each item waits for the one before (applying one by one)
    days_bundle: int  # the bundle's own promise
    departments: int

    def rows(self) -> list[dict]:
        def row(label, before, after):
            return {"label": label, "separate": before, "bundle": after, "saved": before - after,
                    "percent": round(100 * (before - after) / before) if before else 0}

        return [row(_("申请表（份）"), self.forms_separate, self.forms_bundle),
                row(_("填写字段（项）"), self.fields_separate, self.fields_bundle),
                row(_("上传材料（份）"), self.materials_separate, self.materials_bundle),
                row(_("到现场（次）"), self.trips_separate, self.trips_bundle),
                row(_("承诺时限（工作日）"), self.days_separate, self.days_bundle)]


def bundle_savings(version: BundleVersion) -> Savings:
    """What the bundle saves. Separately, an applicant fills each item's form and uploads each item's own
    applicant-provided materials, travels as often as each item asks, and — items depending on each other in
    practice (公章 after 执照) — waits for the promised days one after another. Together: one form of the bundle's
    fields, one upload per distinct material, the bundle's trips and promise."""
    plan = plan_of(version)
    items = [m.item_version for m in plan.members if m.item_version is not None]
    applicant_materials = [(mp.member.key, r) for mp in plan.members if mp.item_version
                           for r in mp.item_version.materials.all() if r.source == "applicant"]
    return Savings(
        forms_separate=len(items), forms_bundle=1,
        fields_separate=sum(len(iv.form_schema) for iv in items), fields_bundle=len(version.fields),
        materials_separate=len(applicant_materials),
        materials_bundle=len([m for m in plan.materials if m.sources]),
        trips_separate=sum(iv.visits for iv in items), trips_bundle=version.visits,
        days_separate=sum(iv.promised_days for iv in items), days_bundle=version.promised_days,
        departments=len({iv.implementing_department_id for iv in items}),
    )


def savings_dashboard() -> list[dict]:
    out = []
    for version in published_bundles():
        s = bundle_savings(version)
        out.append({"code": version.bundle.code, "name": version.name, "savings": s, "rows": s.rows()})
    return out


# -- applications ------------------------------------------------------------------------------------------------


def _base() -> QuerySet[BundleCase]:
    return BundleCase.objects.select_related("version", "version__bundle", "applicant_person", "applicant_legal",
                                             "submitted_by")


def bundle_cases_visible_to(actor) -> QuerySet[BundleCase]:
    """Applicants see their own; staff see a bundle when they may see one of its sub-cases, or it was received
    at their window; window clerks of an approval bureau (综窗) see those in their intake scope."""
    scope = department_scope(actor, list(Role.values))
    if scope is None:
        return _base()
    if not scope:
        return _base().filter(Q(submitted_by=actor) | Q(applicant_person__user=actor))
    visible = case_selectors.cases_visible_to(actor).values("pk")
    where = Q(member_cases__case__in=visible) | Q(submitted_by=actor)
    clerk = department_scope(actor, [Role.WINDOW_CLERK])
    if clerk:
        where |= Q(receiving_window__department__in=clerk)
    return _base().filter(where).distinct()


def bundle_case_get(*, actor, bundle_case_id: int) -> BundleCase:
    bc = bundle_cases_visible_to(actor).filter(pk=bundle_case_id).first()
    if bc is None:
        raise NotFound("一件事申请不存在或无权查看。")
    return bc


def my_bundle_cases(*, user) -> QuerySet[BundleCase]:
    return _base().filter(Q(submitted_by=user) | Q(applicant_person__user=user)).distinct()


def bundle_queue(*, actor) -> QuerySet[BundleCase]:
    return bundle_cases_visible_to(actor).filter(submitted=True).order_by("-received_on", "-pk")


def bundle_clock(bc: BundleCase, today: date):
    """The bundle's own clock, from the first sub-case's acceptance: a joint licence 45 working days (+15 with the
    approval of the head of the 本级人民政府, 行政许可法 第四十二条第二款), otherwise the bundle's promise.
    None until a sub-case is accepted, or once every result exists."""
    if bc.accepted_on is None or bc.status in (domain.Aggregate.RESULTS_READY, domain.Aggregate.CONCLUDED,
                                               domain.Aggregate.WITHDRAWN):
        return None
    version = bc.version
    if version.joint_licence:
        workdays, label = domain.JOINT_WORKDAYS, "联合办理法定"
    else:
        workdays, label = version.promised_days, "一件事承诺"
    extensions = ()
    if bc.extension_days:
        extensions = (Extension(approver="本级人民政府负责人", reason=bc.extension_reason, days=bc.extension_days),)
    deadline = Deadline(start=bc.accepted_on, workdays=workdays, extensions=extensions,
                        start_label="首个子项受理日", budget_label=label)
    return deadline.evaluate(today, due_soon_workdays=settings.TONGBAN_DUE_SOON_WORKDAYS)


def bundle_detail(bc: BundleCase, today: date) -> dict:
    """Everything the bundle view shows: each member with its sub-case, clock and result, the consequence of a
    failure, the shared uploads, the combined 补正 requests and the timeline."""
    plan = plan_of(bc.version)
    names = {mp.member.key: (mp.item_version.name if mp.item_version else mp.member.item.code) for mp in plan.members}
    links = list(bc.member_cases.select_related("member", "case", "case__department", "case__item_version"))
    by_key = {link.member.key: link for link in links}
    members = []
    for mp in plan.members:
        link = by_key.get(mp.member.key)
        case = link.case if link else None
        dependents = [names[m.member.key] for m in plan.members if m.member.after == mp.member.key]
        consequence = ""
        if case is not None and case.status in ("refused", "withdrawn") or (case is not None and case.decision == "deny"):
            independent = [names[k] for k, other in by_key.items() if k != mp.member.key
                           and other.member.after != mp.member.key and other.state != MemberState.SKIPPED]
            consequence = (f"依赖本项的{'、'.join(dependents)}因此终止；" if dependents else "") + \
                (f"{'、'.join(independent)}不受影响，继续办理。" if independent else "")
        documents = list(case_selectors.case_documents(case)) if case is not None else []
        members.append({
            "key": mp.member.key, "name": names[mp.member.key], "mode": mp.member.get_mode_display(),
            "after": names.get(mp.member.after, ""),
            "condition": domain.describe(mp.member.condition, {f["name"]: f["label"] for f in bc.version.fields}),
            "state": link.state if link else "", "state_label": link.state_label if link else "",
            "reason": link.reason if link else "", "case": case,
            "department": case.department.name if case else
            (mp.item_version.implementing_department.name if mp.item_version else ""),
            "clock": case_selectors.case_clock(case, today) if case else None,
            "result": next((d for d in reversed(documents) if d.kind in ("grant", "denial", "intake_refusal")), None),
            "documents": documents, "consequence": consequence,
        })
    return {
        "bundle_case": bc, "members": members, "clock": bundle_clock(bc, today),
        "materials": [{"code": m.code, "name": m.name, "items": sorted({names[k] for k, _ in m.sources}),
                       "condition": m.condition_text(), "formats": m.formats,
                       "uploads": [u for u in bc.uploads.select_related("file") if u.code == m.code]}
                      for m in plan.materials],
        "supplements": list(bc.supplements.select_related("document")),
        "pending_supplement": bc.supplements.filter(answered_on__isnull=True).first(),
        "events": list(bc.events.select_related("document")),
        "report": bc.report,
    }
