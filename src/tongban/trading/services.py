"""Every write of the trading app: imports, assessment (flags and scores), decisions and referral reports.

Each function is keyword-only, one transaction, permission-checked (交易监管人员; `actor=None` is the system: the
CLI and the demo), audited, and raises a ServiceError with a Chinese message; a refused call changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tongban.audit.services import audit_record
from tongban.core.errors import Conflict, ValidationFailed
from tongban.trading import imports, rules, scoring, selectors
from tongban.trading.models import (
    AssessmentStatus,
    Bid,
    BidBond,
    Bidder,
    BidFile,
    CompanyRelation,
    Decision,
    Flag,
    ImportBatch,
    KeyStaff,
    Lot,
    Project,
    TenderAssessment,
)

MAX_IMPORT_BYTES = 200 * 1024 * 1024


def _check(actor) -> None:
    if actor is not None:
        selectors.require_inspector(actor)


# -- import ------------------------------------------------------------------------------------------------


class ImportRefused(ValidationFailed):
    """The file has bad rows; `row_errors` lists them (line number and reason). Nothing was imported."""

    def __init__(self, row_errors: list[imports.RowError]):
        shown = "；".join(str(e) for e in row_errors[:5])
        more = f"；另有 {len(row_errors) - 5} 处错误" if len(row_errors) > 5 else ""
        super().__init__(f"文件有 {len(row_errors)} 处错误，未导入任何数据：{shown}{more}。",
                         errors={"file": [str(e) for e in row_errors]})
        self.row_errors = row_errors


def trading_import(*, actor, format: str, content: bytes, filename: str, assess: bool = True,
                   request=None) -> ImportBatch:
    """Import one file (`format`: csv | ocds | labelled). All or nothing: any bad row refuses the whole file.

    A lot present in the file is replaced whole (its bids, their file records, bonds and key staff), so
    importing the same file twice gives the same data. Projects and bidders are updated in place (bidders
    matched by 统一社会信用代码, else by external id, else by name). With `assess`, the lots are assessed.
    """
    _check(actor)
    if format not in imports.PARSERS:
        raise ValidationFailed("导入格式应为 csv、ocds 或 labelled。", errors={"format": ["格式无效"]})
    if not content:
        raise ValidationFailed("文件为空。", errors={"file": ["文件为空"]})
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationFailed("文件过大（最大 200 MB），请拆分后导入。", errors={"file": ["文件过大"]})
    parsed = imports.PARSERS[format](content, filename)
    if parsed.errors:
        raise ImportRefused(parsed.errors)
    with transaction.atomic():
        batch = ImportBatch.objects.create(format=format, filename=filename[:255],
                                           sha256=hashlib.sha256(content).hexdigest(),
                                           imported_by=actor if getattr(actor, "is_authenticated", False) else None)
        counts, lot_ids = _write(parsed, batch, source=format)
        batch.counts = counts
        batch.save(update_fields=["counts"])
        audit_record(actor=actor, action="trading.import", target=batch, request=request,
                     summary=f"导入交易数据（{format}）：{filename}",
                     data={"format": format, "sha256": batch.sha256, **counts})
        if assess and lot_ids:
            _assess(lot_ids)
    return batch


CHUNK = 500  # ids per IN (…) query: well under SQLite's and PostgreSQL's parameter limits


def _chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _fetch(model, field: str, values) -> dict:
    values = sorted({v for v in values if v})
    found = {}
    for part in _chunks(values):
        for obj in model.objects.filter(**{f"{field}__in": part}):
            found[getattr(obj, field)] = obj
    return found


def _bidder_key(rec: imports.BidRecord) -> tuple[str, str]:
    uscc, external = rec.bidder.get("uscc", ""), rec.bidder.get("external_id", "")
    return ("uscc", uscc) if uscc else ("ext", external) if external else ("name", rec.bidder_name)


def _write(parsed: imports.Parsed, batch: ImportBatch, *, source: str) -> tuple[dict, list[int]]:
    """Write the parsed file in bulk (a few queries per thousand rows); raise ImportRefused on any conflict."""
    errors: list[imports.RowError] = []
    recs = parsed.bids

    # Projects: the first row of each project carries its fields; blank fields keep what is stored.
    projects = _fetch(Project, "code", [r.project_code for r in recs])
    touched_projects: dict[str, Project] = {}
    for rec in recs:
        if rec.project_code in touched_projects:
            continue
        project = projects.get(rec.project_code) or Project(code=rec.project_code)
        for attr, value in rec.project.items():
            if value not in (None, ""):
                setattr(project, attr, value)
        project.name = project.name or rec.project_code
        project.source, project.batch = source, batch
        touched_projects[rec.project_code] = project
    new = [p for p in touched_projects.values() if p.pk is None]
    Project.objects.bulk_create(new, batch_size=CHUNK)
    fields = ["name", "buyer", "buyer_uscc", "agency", "sector", "region", "amount", "published_on", "source", "batch"]
    Project.objects.bulk_update([p for p in touched_projects.values() if p not in new], fields, batch_size=CHUNK)
    if any(p.pk is None for p in new):  # a backend that does not return ids from bulk inserts
        touched_projects = _fetch(Project, "code", list(touched_projects))

    # Lots: existing ones are updated and emptied (the file is the lot's whole bid list).
    existing_lots: dict[tuple[int, str], Lot] = {}
    project_ids = [p.pk for p in touched_projects.values()]
    for part in _chunks(project_ids):
        for lot in Lot.objects.filter(project_id__in=part):
            existing_lots[(lot.project_id, lot.code)] = lot
    lots: dict[tuple[str, str], Lot] = {}
    for rec in recs:
        key = (rec.project_code, rec.lot_code)
        if key in lots:
            continue
        project = touched_projects[rec.project_code]
        lot = existing_lots.get((project.pk, rec.lot_code)) or Lot(project=project, code=rec.lot_code)
        for attr, value in rec.lot.items():
            if value is not None:
                setattr(lot, attr, value)
        lots[key] = lot
    old = [lot for lot in lots.values() if lot.pk is not None]
    for part in _chunks([lot.pk for lot in old]):
        Bid.objects.filter(lot_id__in=part).delete()
    Lot.objects.bulk_update(old, ["name", "opening_at", "ceiling_price", "label"], batch_size=CHUNK)
    Lot.objects.bulk_create([lot for lot in lots.values() if lot.pk is None], batch_size=CHUNK)
    if any(lot.pk is None for lot in lots.values()):
        by_key = {(lot.project_id, lot.code): lot for part in _chunks(project_ids)
                  for lot in Lot.objects.filter(project_id__in=part)}
        lots = {k: by_key[(touched_projects[k[0]].pk, k[1])] for k in lots}

    # Bidders: by 统一社会信用代码, else external id, else name (among bidders with neither).
    keys = {_bidder_key(r) for r in recs}
    known = {("uscc", k): b for k, b in _fetch(Bidder, "uscc", [v for t, v in keys if t == "uscc"]).items()}
    known |= {("ext", k): b for k, b in _fetch(Bidder, "external_id", [v for t, v in keys if t == "ext"]).items()}
    names = sorted(v for t, v in keys if t == "name")
    for part in _chunks(names):
        for b in Bidder.objects.filter(name__in=part, uscc="", external_id=""):
            known[("name", b.name)] = b
    bidders: dict[tuple[str, str], Bidder] = {}
    first_line: dict[tuple[str, str], int] = {}
    changed: set[tuple[str, str]] = set()
    for rec in recs:
        key = _bidder_key(rec)
        if key in bidders:
            bidder = bidders[key]
            if key[0] == "uscc" and bidder.name != rec.bidder_name:
                errors.append(imports.RowError(rec.line, f"统一社会信用代码 {key[1]} 在文件中对应两个名称：“{bidder.name}”"
                                                         f"（第 {first_line[key]} 行）和“{rec.bidder_name}”"))
            continue
        bidder = known.get(key) or Bidder(uscc=rec.bidder.get("uscc", ""), external_id=rec.bidder.get("external_id", ""))
        before = (bidder.name, bidder.legal_representative, bidder.legal_representative_id_number)
        bidder.name = rec.bidder_name
        for attr in ("legal_representative", "legal_representative_id_number"):
            if rec.bidder.get(attr):
                setattr(bidder, attr, rec.bidder[attr])
        if bidder.pk is not None and before != (bidder.name, bidder.legal_representative,
                                                bidder.legal_representative_id_number):
            changed.add(key)
        bidders[key] = bidder
        first_line[key] = rec.line
    Bidder.objects.bulk_create([b for b in bidders.values() if b.pk is None], batch_size=CHUNK)
    Bidder.objects.bulk_update([bidders[k] for k in changed],
                               ["name", "legal_representative", "legal_representative_id_number"], batch_size=CHUNK)
    if any(b.pk is None for b in bidders.values()):
        raise RuntimeError("the database backend did not return the ids of bulk-inserted bidders")

    # Bids, then what hangs on them.
    seen: dict[tuple[int, int], int] = {}
    bids: list[tuple[imports.BidRecord, Bid]] = []
    for rec in recs:
        lot, bidder = lots[(rec.project_code, rec.lot_code)], bidders[_bidder_key(rec)]
        if (lot.pk, bidder.pk) in seen:
            errors.append(imports.RowError(rec.line, f"投标人“{rec.bidder_name}”在标段 {rec.lot_code} 已有一条投标"
                                                     f"（第 {seen[(lot.pk, bidder.pk)]} 行）"))
            continue
        seen[(lot.pk, bidder.pk)] = rec.line
        bids.append((rec, Bid(lot=lot, bidder=bidder, price=rec.price,
                              **{k: v for k, v in rec.bid.items() if v is not None})))
    relations = _write_relations(parsed.relations, errors)
    if errors:
        raise ImportRefused(sorted(errors, key=lambda e: e.line))  # rolls the whole import back
    Bid.objects.bulk_create([b for _r, b in bids], batch_size=CHUNK)
    files, bonds, staff = [], [], []
    for rec, bid in bids:
        if any(rec.file.values()):
            files.append(BidFile(bid=bid, **{k: (v if v is not None else ("" if k != "upload_ip" else None))
                                             for k, v in rec.file.items()}))
        if rec.bond.get("account") or rec.bond.get("account_holder") or rec.bond.get("amount") is not None:
            bonds.append(BidBond(bid=bid, **rec.bond))
        staff += [KeyStaff(bid=bid, role=p.role, name=p.name, id_number=p.id_number,
                           certificate_number=p.certificate_number) for p in rec.staff]
    BidFile.objects.bulk_create(files, batch_size=CHUNK)
    BidBond.objects.bulk_create(bonds, batch_size=CHUNK)
    KeyStaff.objects.bulk_create(staff, batch_size=CHUNK)

    counts = {"projects": len(touched_projects), "lots": len(lots), "bidders": len(bidders), "bids": len(bids),
              "relations": relations}
    lot_ids = {lot.pk for lot in lots.values()}
    if parsed.relations:
        lot_ids |= set(Bid.objects.filter(Q(bidder__relations__isnull=False) | Q(bidder__related_from__isnull=False))
                       .values_list("lot_id", flat=True).distinct())
    return counts, sorted(lot_ids)


def _write_relations(records: list[imports.RelationRecord], errors: list) -> int:
    if not records:
        return 0
    bidders = _fetch(Bidder, "uscc", [r.bidder_uscc for r in records] + [r.other_uscc for r in records])
    n = 0
    for rel in records:
        bidder, other = bidders.get(rel.bidder_uscc), bidders.get(rel.other_uscc) if rel.other_uscc else None
        if bidder is None:
            errors.append(imports.RowError(rel.line, f"统一社会信用代码 {rel.bidder_uscc} 的投标人尚未导入，请先导入投标数据"))
            continue
        if rel.other_uscc and other is None:
            errors.append(imports.RowError(rel.line, f"关联投标人 {rel.other_uscc} 尚未导入，请先导入投标数据"))
            continue
        CompanyRelation.objects.update_or_create(
            bidder=bidder, kind=rel.kind, other=other, person_id_number=rel.person_id_number,
            person_name=rel.person_name, defaults={"share_ratio": rel.share_ratio})
        n += 1
    return n


# -- assessment ---------------------------------------------------------------------------------------------


def _assess(lot_ids: Iterable[int]) -> int:
    """Recompute the flags and the score of `lot_ids` (inside the caller's transaction), in bulk."""
    lot_ids = sorted(set(lot_ids))
    views: dict[int, rules.LotView] = {}
    for part in _chunks(lot_ids):
        views |= selectors.lot_views(part)
    flags = {lot_id: rules.evaluate(view) for lot_id, view in views.items()}
    wanted = set(lot_ids)
    market = selectors.bid_rows()
    scores = scoring.score_lots(views, flags, [r for r in market if r["tender"] in wanted], market_rows=market)
    for part in _chunks(lot_ids):
        Flag.objects.filter(lot_id__in=part).delete()
    rows = [(Flag(lot_id=lot_id, code=f.code, title=f.title[:128], legal_basis=f.legal_basis[:255],
                  strength=f.strength, evidence=list(f.evidence)), f.bidder_ids)
            for lot_id, lot_flags in flags.items() for f in lot_flags]
    Flag.objects.bulk_create([flag for flag, _ids in rows], batch_size=CHUNK)
    through = Flag.bidders.through
    through.objects.bulk_create([through(flag_id=flag.pk, bidder_id=b) for flag, ids in rows for b in ids],
                                batch_size=CHUNK)
    existing = {}
    for part in _chunks(lot_ids):
        existing |= {a.lot_id: a for a in TenderAssessment.objects.filter(lot_id__in=part)}
    new, old = [], []
    for lot_id in lot_ids:
        s, lot_flags = scores[lot_id], flags.get(lot_id, [])
        a = existing.get(lot_id) or TenderAssessment(lot_id=lot_id)
        a.score, a.method, a.model_version = s.score, s.method, s.model_version[:255]
        a.reasons, a.screens, a.flag_count = s.reasons, s.screens, len(lot_flags)
        a.strongest = max((f.strength for f in lot_flags), key=rules.STRENGTH_ORDER.get, default="")
        a.assessed_at = timezone.now()
        (old if a.pk else new).append(a)
    TenderAssessment.objects.bulk_create(new, batch_size=CHUNK)
    TenderAssessment.objects.bulk_update(old, ["score", "method", "model_version", "reasons", "screens", "strongest",
                                               "flag_count", "assessed_at"], batch_size=CHUNK)
    return len(lot_ids)


def lots_assess(*, actor, lots: Iterable[Lot] | None = None, request=None) -> int:
    """Re-run the rules and the scoring over `lots` (default: every lot). Decisions and statuses are kept."""
    _check(actor)
    with transaction.atomic():
        ids = [lot.pk for lot in lots] if lots is not None else list(Lot.objects.values_list("pk", flat=True))
        n = _assess(ids)
        path = scoring.model_path()
        audit_record(actor=actor, action="trading.assess", request=request,
                     summary=f"重新研判 {n} 个标段", data={"lots": n, "model": str(path) if path else ""})
    return n


# -- decisions and referral ---------------------------------------------------------------------------------

# What a decision means for the training labels: 查实 = collusive, 排除 = not; 移送 leaves it open.
LABELS = {AssessmentStatus.CONFIRMED: True, AssessmentStatus.DISMISSED: False}


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationFailed("请填写研判理由（至少 4 个字）。", errors={"reason": ["请填写研判理由"]})
    if len(reason) > 2000:
        raise ValidationFailed("研判理由不能超过 2000 字。", errors={"reason": ["研判理由过长"]})
    return reason


def decision_record(*, actor, lot: Lot, outcome: str, reason: str, document=None, request=None) -> Decision:
    """Record 排除 / 移送 / 查实 with reasons. History is kept; the latest decision sets the lot's status, and
    查实 / 排除 make the lot a training label."""
    selectors.require_inspector(actor)
    if outcome not in LABELS and outcome != AssessmentStatus.REFERRED:
        raise ValidationFailed("研判结论应为 排除、移送 或 查实。", errors={"outcome": ["结论无效"]})
    reason = _reason(reason)
    with transaction.atomic():
        lot = Lot.objects.select_for_update().get(pk=lot.pk)
        assessment = TenderAssessment.objects.filter(lot=lot).first()
        if assessment is None:
            raise Conflict("该标段尚未研判评分，请先运行研判。")
        decision = Decision.objects.create(lot=lot, outcome=outcome, reason=reason, decided_by=actor,
                                           document=document)
        assessment.status = outcome
        assessment.save(update_fields=["status"])
        if outcome in LABELS:
            lot.label = LABELS[outcome]
            lot.save(update_fields=["label"])
        audit_record(actor=actor, action=f"trading.decision.{outcome}", target=decision, request=request,
                     summary=f"标段 {lot} 研判为{decision.get_outcome_display()}",
                     data={"lot": lot.pk, "outcome": outcome, "document": document.number if document else ""})
    return decision


def referral_issue(*, actor, lot: Lot, recipient: str, reason: str, request=None) -> Decision:
    """Issue the sealed 串通投标线索移送函 to `recipient` (the authority that investigates, e.g. the 发展改革
    委员会 or the 公安机关) and record the decision 移送 with it."""
    from tongban.seals.documents.services import document_issue

    selectors.require_inspector(actor)
    recipient = " ".join((recipient or "").split())
    if not recipient:
        raise ValidationFailed("请填写移送机关。", errors={"recipient": ["请填写移送机关"]})
    reason = _reason(reason)
    lot = selectors.lot_detail(actor=actor, lot_id=lot.pk)
    assessment = getattr(lot, "assessment", None)
    if assessment is None:
        raise Conflict("该标段尚未研判评分，请先运行研判。")
    department = actor.staff.department
    bids = selectors.lot_bids(lot)
    flags = list(lot.flags.all())
    data = {
        "recipient": recipient,
        "item_name": lot.title,
        "applied_on": (lot.opening_at and timezone.localtime(lot.opening_at).date()
                       or lot.project.published_on or timezone.localdate()).isoformat(),
        "case_ref": f"{lot.project.code}/{lot.code}",
        "buyer": lot.project.buyer,
        "bidders": [f"{b.bidder.name}（报价 {b.price:,.2f} 元{'，中标' if b.is_winner else ''}）" for b in bids],
        "findings": [f"{f.title}（{_strength_text(f.strength)}；依据：{f.legal_basis}）" for f in flags],
        "score_text": _score_text(assessment),
        "reason": reason,
    }
    with transaction.atomic():
        document = document_issue(actor=actor, kind="trading_referral", department=department, data=data,
                                  request=request)
        return decision_record(actor=actor, lot=lot, outcome=AssessmentStatus.REFERRED, reason=reason,
                               document=document, request=request)


def _strength_text(strength: str) -> str:
    return {"strong": "强", "medium": "中", "weak": "弱"}.get(strength, strength) + "关联"


def _score_text(assessment: TenderAssessment) -> str:
    if assessment.method == TenderAssessment.Method.MODEL:
        return f"模型评分 {assessment.score:.2f}（{assessment.model_version}）"
    return f"规则与统计筛查排序得分 {assessment.score:.2f}（未使用训练模型）"
