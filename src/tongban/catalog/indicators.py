"""The bureau's catalogue figures, per department and overall, over the published versions.

- 可网办率: share of items at 网办深度 4 (全程网办);
- 即办率: share of 即办件;
- 零跑动率: share with 到现场次数 0;
- 承诺时限压缩率: (Σ法定时限 − Σ承诺时限) / Σ法定时限 over items with a statutory limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from tongban.catalog.models import ItemType, ItemVersion


@dataclass
class Figures:
    department_id: int | None
    department: str
    items: int
    online_rate: float
    instant_rate: float
    zero_visit_rate: float
    time_compression_rate: float
    by_type: dict[str, int] = field(default_factory=dict)


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


_AGGREGATES = dict(
    items=Count("id"),
    online=Count("id", filter=Q(online_depth=4)),
    instant=Count("id", filter=Q(handling=ItemVersion.Handling.INSTANT)),
    zero_visit=Count("id", filter=Q(visits=0)),
    statutory=Sum("statutory_days", filter=Q(statutory_days__gt=0)),
    promised=Sum("promised_days", filter=Q(statutory_days__gt=0)),
)


def _figures(row: dict, department_id, department: str, by_type: dict[str, int]) -> Figures:
    statutory, promised = row["statutory"] or 0, row["promised"] or 0
    return Figures(
        department_id=department_id,
        department=department,
        items=row["items"],
        online_rate=_rate(row["online"], row["items"]),
        instant_rate=_rate(row["instant"], row["items"]),
        zero_visit_rate=_rate(row["zero_visit"], row["items"]),
        time_compression_rate=_rate(statutory - promised, statutory),
        by_type=by_type,
    )


def catalogue_figures() -> tuple[Figures, list[Figures]]:
    """Overall figures and one row per implementing department (most items first). Three queries."""
    published = ItemVersion.objects.filter(status=ItemVersion.Status.PUBLISHED)
    labels = dict(ItemType.choices)
    types_overall: dict[str, int] = {}
    types_by_dept: dict[int, dict[str, int]] = {}
    for row in published.values("implementing_department", "item_type").annotate(n=Count("id")):
        label = str(labels[row["item_type"]])
        types_overall[label] = types_overall.get(label, 0) + row["n"]
        types_by_dept.setdefault(row["implementing_department"], {})[label] = row["n"]
    overall = _figures(published.aggregate(**_AGGREGATES), None, "全市", types_overall)
    per_dept = [
        _figures(row, row["implementing_department"], row["implementing_department__name"],
                 types_by_dept.get(row["implementing_department"], {}))
        for row in published.values("implementing_department", "implementing_department__name")
        .annotate(**_AGGREGATES).order_by("-items", "implementing_department__name")
    ]
    return overall, per_dept
