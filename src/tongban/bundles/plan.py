"""How a bundle version unfolds over the current catalogue: each member's published item version, the merged
form and the de-duplicated materials. Reads only; used by services (to check and to fan out), selectors (the
guide, the savings) and pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tongban.bundles.models import BundleMember, BundleVersion
from tongban.catalog.models import ItemVersion, MaterialRequirement


@dataclass
class MemberPlan:
    member: BundleMember
    item_version: ItemVersion | None
    # item field name → bundle field name (None: nothing in the merged form fills it)
    field_sources: dict[str, str | None] = field(default_factory=dict)


@dataclass
class MaterialPlan:
    code: str
    name: str
    formats: list[str]
    notes: str
    # (member key, requirement) pairs this one upload stands for
    sources: list[tuple[str, MaterialRequirement]] = field(default_factory=list)
    declared: bool = True  # False: not in the definition, grouped by name automatically

    def required_for(self, included: set[str]) -> bool:
        return any(key in included and not req.condition for key, req in self.sources)

    def condition_text(self) -> str:
        return "；".join(sorted({req.condition for _, req in self.sources if req.condition}))


@dataclass
class Plan:
    version: BundleVersion
    members: list[MemberPlan]
    materials: list[MaterialPlan]
    problems: list[str]

    def member(self, key: str) -> MemberPlan:
        return next(m for m in self.members if m.member.key == key)

    def material(self, code: str) -> MaterialPlan | None:
        return next((m for m in self.materials if m.code == code), None)

    def materials_of(self, key: str) -> list[tuple[MaterialPlan, MaterialRequirement]]:
        return [(m, req) for m in self.materials for k, req in m.sources if k == key]


def plan_of(version: BundleVersion) -> Plan:
    problems: list[str] = []
    members = list(version.members.select_related("item").order_by("order"))
    published = {
        v.item_id: v for v in ItemVersion.objects.filter(
            item__in=[m.item_id for m in members], status=ItemVersion.Status.PUBLISHED
        ).select_related("item", "competent_department", "implementing_department").prefetch_related("materials")
    }
    bundle_fields = {f["name"] for f in version.fields}
    member_plans = []
    for m in members:
        iv = published.get(m.item_id)
        mp = MemberPlan(member=m, item_version=iv)
        if iv is None:
            problems.append(f"成员“{m.key}”的事项 {m.item.code} 没有已发布的版本")
        else:
            for f in iv.form_schema:
                source = m.field_map.get(f["name"], f["name"])
                if f["name"] in m.fixed:
                    source = "=fixed"
                mp.field_sources[f["name"]] = source if source in bundle_fields or source[:1] in "@=" else None
                if mp.field_sources[f["name"]] is None and (f.get("required") or f.get("required_if")):
                    problems.append(f"{iv.name}的必填字段“{f['label']}”没有对应的一表申请字段")
        member_plans.append(mp)
    by_key = {mp.member.key: mp for mp in member_plans}
    materials: list[MaterialPlan] = []
    claimed: set[int] = set()
    for spec in version.materials:
        plan = MaterialPlan(code=spec["code"], name=spec["name"], formats=spec.get("formats") or ["pdf"],
                            notes=spec.get("notes", ""))
        for src in spec["sources"]:
            mp = by_key.get(src["member"])
            if mp is None or mp.item_version is None:
                continue
            req = next((r for r in mp.item_version.materials.all() if r.name == src["requirement"]), None)
            if req is None:
                problems.append(f"材料“{spec['name']}”：{mp.item_version.name}没有名为“{src['requirement']}”的材料")
                continue
            plan.sources.append((mp.member.key, req))
            claimed.add(req.pk)
        materials.append(plan)
    # Materials the definition does not list: the applicant's own ones are grouped by name (the same name across
    # items is the same paper), so nothing a member needs is forgotten.
    auto: dict[str, MaterialPlan] = {}
    for mp in member_plans:
        if mp.item_version is None:
            continue
        for req in mp.item_version.materials.all():
            if req.pk in claimed or req.source != MaterialRequirement.Source.APPLICANT:
                continue
            plan = auto.get(req.name)
            if plan is None:
                plan = auto[req.name] = MaterialPlan(code=f"m{req.pk}", name=req.name,
                                                     formats=req.formats or ["pdf"], notes=req.notes, declared=False)
            plan.sources.append((mp.member.key, req))
    materials.extend(auto.values())
    return Plan(version=version, members=member_plans, materials=materials, problems=problems)
