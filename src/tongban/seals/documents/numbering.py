"""Document numbers (文号): 苏审批受字〔2026〕第 123 号 — agency code, kind code, year, sequence.

GB/T 9704-2012 §7.2.4: 发文字号由发文机关代字、年份、发文顺序号组成; the year in full inside 六角括号 〔〕, the
sequence without leading zeros. A notice adds the kind's 代字 (受, 补, 许 …) and "第 … 号", as the public
templates do.

The sequence runs per department, kind and year and has no gaps: it is allocated inside the issuing
transaction, under a row lock on its `DocumentNumberSequence` (PostgreSQL: SELECT … FOR UPDATE; SQLite: the
write lock BEGIN IMMEDIATE takes), so a document that fails to issue gives its number back with the rollback.
The unique constraint on (department, kind, year, sequence) backs it up.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction

from tongban.org.models import Department
from tongban.seals.documents.kinds import NUMBER_CODES, DocumentKind

# Common abbreviations of department names in 发文机关代字. A deployment sets exact codes per department in
# TONGBAN_DOCUMENT_AGENCY_CODES = {"苏州市行政审批局": "苏审批", …}; these only shape the default.
_ABBREVIATIONS = (
    ("行政审批", "审批"),
    ("市场监督管理", "市监"),
    ("住房和城乡建设", "住建"),
    ("卫生健康", "卫健"),
    ("人力资源和社会保障", "人社"),
    ("自然资源和规划", "自然资源"),
    ("生态环境", "环"),
    ("交通运输", "交"),
    ("发展和改革", "发改"),
    ("文化广电和旅游", "文旅"),
)
_SUFFIXES = ("委员会", "管理中心", "中心", "办公室", "支队", "局", "委", "厅", "办")


def agency_code(department: Department) -> str:
    """发文机关代字: configured, else the region's first character and the department's name, shortened."""
    configured = getattr(settings, "TONGBAN_DOCUMENT_AGENCY_CODES", {}) or {}
    if department.name in configured:
        return configured[department.name]
    region = department.region.name if department.region_id else ""
    rest = department.name
    for prefix in (region, region.rstrip("市区县")):
        if prefix and rest.startswith(prefix):
            rest = rest[len(prefix):]
            break
    for suffix in _SUFFIXES:
        if rest.endswith(suffix) and len(rest) > len(suffix):
            rest = rest[: -len(suffix)]
            break
    for long, short in _ABBREVIATIONS:
        rest = rest.replace(long, short)
    return (region[:1] + rest[:6]) or "文"


def format_number(code: str, kind: str, year: int, sequence: int) -> str:
    return f"{code}{NUMBER_CODES[DocumentKind(kind)]}字〔{year}〕第 {sequence} 号"


def allocate(department: Department, kind: str, year: int) -> int:
    """The next sequence number. Must run inside the transaction that issues the document."""
    from tongban.seals.documents_models import DocumentNumberSequence

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate() must run inside the issuing transaction")
    series = DocumentNumberSequence.objects.select_for_update()
    row = series.filter(department=department, kind=kind, year=year).first()
    if row is None:
        try:
            with transaction.atomic():  # a savepoint: losing the race for the insert must not end the transaction
                row = DocumentNumberSequence.objects.create(department=department, kind=kind, year=year)
        except IntegrityError:
            # Another transaction created the series first; wait for its lock, then read its latest value.
            row = series.get(department=department, kind=kind, year=year)
    row.last_value += 1
    row.save(update_fields=["last_value"])
    return row.last_value
