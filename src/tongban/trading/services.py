"""Every write of the trading app: imports, assessment (flags and scores), decisions and referral reports.

Each function is keyword-only, one transaction, permission-checked (交易监管人员; `actor=None` is the system: the
CLI and the demo), audited, and raises a ServiceError with a Chinese message; a refused call changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import transaction
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


def _bidder_for(record: imports.BidRecord, cache: dict, errors: list) -> Bidder:
    info = record.bidder
    uscc, external = info.get("uscc", ""), info.get("external_id", "")
    key = ("uscc", uscc) if uscc else ("ext", external) if external else ("name", record.bidder_name)
    if key in cache:
        bidder = cache[key]
        if bidder.name != record.bidder_name and uscc:
            errors.append(imports.RowError(record.line, f"统一社会信用代码 {uscc} 在文件中对应两个名称："
                                                        f"“{bidder.name}”和“{record.bidder_name}”"))
        return bidder
    if uscc:
        bidder = Bidder.objects.filter(uscc=uscc).first()
    elif external:
        bidder = Bidder.objects.filter(external_id=external).first()
    else:
        bidder = Bidder.objects.filter(name=record.bidder_name, uscc="", external_id="").first()
    if bidder is None:
        bidder = Bidder(uscc=uscc, external_id=external)
    bidder.name = record.bidder_name
    for attr in ("legal_representative", "legal_representative_id_number"):
        if info.get(attr):
            setattr(bidder, attr, info[attr])
    bidder.save()
    cache[key] = bidder
    return bidder


def _write(parsed: imports.Parsed, batch: ImportBatch, *, source: str) -> tuple[dict, list[int]]:
    projects: dict[str, Project] = {}
    lots: dict[tuple[str, str], Lot] = {}
    bidders: dict = {}
    errors: list[imports.RowError] = []
    seen: dict[tuple[int, int], int] = {}
    bids = 0
    for rec in parsed.bids:
        project = projects.get(rec.project_code)
        if project is None:
            project = Project.objects.filter(code=rec.project_code).first() or Project(code=rec.project_code)
            for attr, value in rec.project.items():
                if value not in (None, "") or not getattr(project, attr, None):
                    setattr(project, attr, value if value is not None else getattr(project, attr, None))
            project.name = project.name or rec.project_code
            project.source, project.batch = source, batch
            project.save()
            projects[rec.project_code] = project
        lot = lots.get((rec.project_code, rec.lot_code))
        if lot is None:
            lot = Lot.objects.filter(project=project, code=rec.lot_code).first() or Lot(project=project,
                                                                                         code=rec.lot_code)
            for attr, value in rec.lot.items():
                if value is not None:
                    setattr(lot, attr, value)
            lot.save()
            lot.bids.all().delete()  # the file is the lot's whole bid list
            lots[(rec.project_code, rec.lot_code)] = lot
        bidder = _bidder_for(rec, bidders, errors)
        if (lot.pk, bidder.pk) in seen:
            errors.append(imports.RowError(rec.line, f"投标人“{rec.bidder_name}”在标段 {rec.lot_code} 已有一条投标"
                                                     f"（第 {seen[(lot.pk, bidder.pk)]} 行）"))
            continue
        seen[(lot.pk, bidder.pk)] = rec.line
        bid = Bid.objects.create(lot=lot, bidder=bidder, price=rec.price,
                                 **{k: v for k, v in rec.bid.items() if v is not None})
        bids += 1
        if any(rec.file.values()):
            BidFile.objects.create(bid=bid, **{k: (v if v is not None else ("" if k != "upload_ip" else None))
                                               for k, v in rec.file.items()})
        if rec.bond.get("account") or rec.bond.get("account_holder") or rec.bond.get("amount") is not None:
            BidBond.objects.create(bid=bid, **rec.bond)
        for person in rec.staff:
            KeyStaff.objects.create(bid=bid, role=person.role, name=person.name, id_number=person.id_number,
                                    certificate_number=person.certificate_number)
    relations = 0
    for rel in parsed.relations:
        bidder = Bidder.objects.filter(uscc=rel.bidder_uscc).first()
        other = Bidder.objects.filter(uscc=rel.other_uscc).first() if rel.other_uscc else None
        if bidder is None:
            errors.append(imports.RowError(rel.line, f"统一社会信用代码 {rel.bidder_uscc} 的投标人尚未导入，请先导入投标数据"))
            continue
        if rel.other_uscc and other is None:
            errors.append(imports.RowError(rel.line, f"关联投标人 {rel.other_uscc} 尚未导入，请先导入投标数据"))
            continue
        CompanyRelation.objects.update_or_create(
            bidder=bidder, kind=rel.kind, other=other, person_id_number=rel.person_id_number,
            person_name=rel.person_name, defaults={"share_ratio": rel.share_ratio})
        relations += 1
    if errors:
        raise ImportRefused(errors)  # rolls the whole import back
    counts = {"projects": len(projects), "lots": len(lots), "bidders": len(bidders), "bids": bids,
              "relations": relations}
    lot_ids = [lot.pk for lot in lots.values()]
    if parsed.relations:
        lot_ids = list(Bid.objects.filter(bidder__relations__isnull=False).values_list("lot_id", flat=True)
                       .distinct()) + list(Bid.objects.filter(bidder__related_from__isnull=False)
                                           .values_list("lot_id", flat=True).distinct())
    return counts, sorted(set(lot_ids))


# -- assessment ---------------------------------------------------------------------------------------------


def _assess(lot_ids: Iterable[int]) -> int:
    """Recompute the flags and the score of `lot_ids` (inside the caller's transaction)."""
    lot_ids = sorted(set(lot_ids))
    views = selectors.lot_views(lot_ids)
    flags = {lot_id: rules.evaluate(view) for lot_id, view in views.items()}
    scores = scoring.score_lots(views, flags, selectors.bid_rows(lot_ids), market_rows=selectors.bid_rows())
    Flag.objects.filter(lot_id__in=lot_ids).delete()
    for lot_id, lot_flags in flags.items():
        for f in lot_flags:
            flag = Flag.objects.create(lot_id=lot_id, code=f.code, title=f.title[:128], legal_basis=f.legal_basis[:255],
                                       strength=f.strength, evidence=list(f.evidence))
            flag.bidders.set(f.bidder_ids)
        s = scores[lot_id]
        strongest = max((f.strength for f in lot_flags), key=rules.STRENGTH_ORDER.get, default="")
        TenderAssessment.objects.update_or_create(lot_id=lot_id, defaults={
            "score": s.score, "method": s.method, "model_version": s.model_version[:255], "reasons": s.reasons,
            "screens": s.screens, "strongest": strongest, "flag_count": len(lot_flags)})
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
