"""Search quality: the labelled colloquial queries (search_data/queries.csv), hit rates over them, and a stand-in
catalogue (search_data/eval_catalogue.json) to measure on while the demo catalogue is not there.

Used by the search tests and by bench/bench_catalog_search.py.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from dataclasses import dataclass, field

from tongban.catalog.search import DATA_DIR, search_items

EVAL_CODE = "320A{:010d}-320500000000-000-11320500MB0000001X-1-00"


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    expected: tuple[str, ...]  # any of these names counts as the right answer


@dataclass
class Evaluation:
    total: int
    top1: int
    top3: int
    misses: list[tuple[str, tuple[str, ...], list[str]]] = field(default_factory=list)  # query, expected, top 3
    unknown: list[str] = field(default_factory=list)  # expected names absent from the catalogue

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.total if self.total else 0.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.total if self.total else 0.0


def labelled_queries() -> list[LabelledQuery]:
    with (DATA_DIR / "queries.csv").open(encoding="utf-8", newline="") as fh:
        return [
            LabelledQuery(row["query"].strip(), tuple(n.strip() for n in row["expected"].split("|") if n.strip()))
            for row in csv.DictReader(fh)
        ]


def evaluate(queries: list[LabelledQuery] | None = None) -> Evaluation:
    """Top-1 and top-3 hits of `search_items` over the labelled queries, against what is published now."""
    from tongban.catalog.models import ItemVersion

    queries = labelled_queries() if queries is None else queries
    published = set(ItemVersion.objects.filter(status=ItemVersion.Status.PUBLISHED).values_list("name", flat=True))
    result = Evaluation(total=len(queries), top1=0, top3=0)
    for q in queries:
        names = [hit.name for hit in search_items(q.query, limit=3)]
        if any(name in q.expected for name in names[:1]):
            result.top1 += 1
        if any(name in q.expected for name in names[:3]):
            result.top3 += 1
        else:
            result.misses.append((q.query, q.expected, names))
        if not published.intersection(q.expected):
            result.unknown.append(" | ".join(q.expected))
    result.unknown = sorted(set(result.unknown))
    return result


def demo_catalogue_available() -> bool:
    try:
        return importlib.util.find_spec("tongban.demo.catalog_data") is not None
    except ImportError:
        return False


def eval_entries() -> list[dict]:
    return json.loads((DATA_DIR / "eval_catalogue.json").read_text(encoding="utf-8"))["items"]


def eval_spec(entry: dict) -> dict:
    """A full VersionSpec dict for one stand-in entry (limits, steps and phones are plausible defaults)."""
    laws = entry["laws"]
    return {
        "name": entry["name"],
        "item_type": entry["type"],
        "competent_department": entry["dept"],
        "implementing_department": entry["dept"],
        "summary": entry["summary"],
        "acceptance_conditions": entry["conditions"],
        "statutory_days": 20,
        "promised_days": 10,
        "online_depth": 4,
        "visits": 0,
        "consultation_phone": "0512-12345",
        "complaint_phone": "0512-12345",
        "legal_bases": [
            {"kind": "setting" if i == 0 else "implementing", "law": law, "article": article}
            for i, (law, article) in enumerate(laws)
        ],
        "materials": [{"name": name} for name in entry["materials"]],
        "steps": [{"name": "审查", "role": "reviewer", "workdays": 6}, {"name": "决定", "role": "approver", "workdays": 4}],
    }


def load_eval_catalogue(*, actor, reviewer, owner) -> int:
    """Publish the stand-in catalogue through the catalogue services (draft → submitted → published, FAQs), as
    `actor` (a department admin of `owner`) and `reviewer` (a bureau reviewer). Missing departments are created
    in `owner`'s region. Returns the number of items published."""
    from tongban.catalog import services
    from tongban.org.models import Department

    entries = eval_entries()
    for name in sorted({e["dept"] for e in entries}):
        Department.objects.get_or_create(name=name, region=owner.region, defaults={"kind": Department.Kind.FUNCTIONAL})
    for number, entry in enumerate(entries, 1):
        version = services.item_create(actor=actor, code=EVAL_CODE.format(number), owner=owner, spec=eval_spec(entry))
        services.version_submit(actor=actor, version=version)
        services.version_review(actor=reviewer, version=version, approve=True)
        for question, answer in entry["faqs"]:
            services.faq_save(actor=actor, item=version.item, question=question, answer=answer)
    return len(entries)
