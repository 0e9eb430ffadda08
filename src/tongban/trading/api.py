"""数据铁笼 API (交易监管人员 only): the ranked lots, one lot with its flags and evidence, and recording a
decision. The same selectors and services as the pages, so the permission and the rules are the same."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema, Status

from tongban.trading import selectors, services

router = Router(tags=["公共资源交易 trading"])


class FlagOut(Schema):
    code: str = Field(description="F1–F12（collusion.md §4.4）")
    title: str
    legal_basis: str
    strength: str = Field(description="strong / medium / weak")
    evidence: list[dict] = Field(description="证据行：投标人、项目、记录值（个人信息已脱敏）")


class LotSummaryOut(Schema):
    lot_id: int
    project_code: str
    lot_code: str
    name: str
    buyer: str
    sector: str
    amount: Decimal | None
    opening_at: datetime | None
    score: float = Field(description="可疑度：模型评分，或未配置模型时的规则与统计筛查排序得分")
    method: str = Field(description="model / rules_screens")
    status: str = Field(description="open 待研判 / dismissed 排除 / referred 移送 / confirmed 查实")
    flags: list[str] = Field(description="触发的规则编号")


class LotPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[LotSummaryOut]


class DecisionOut(Schema):
    id: int
    outcome: str
    reason: str
    decided_at: datetime
    document_number: str | None = None


class LotOut(LotSummaryOut):
    reasons: list[str]
    screens: dict
    flag_details: list[FlagOut]
    decisions: list[DecisionOut]


class DecisionIn(Schema):
    outcome: str = Field(description="dismissed 排除 / confirmed 查实（移送请出具移送函）", examples=["dismissed"])
    reason: str = Field(min_length=1, max_length=2000, examples=["报价分布正常，无共享指纹。"])


class RankQuery(Schema):
    period_from: date | None = None
    period_to: date | None = None
    buyer: str = ""
    sector: str = ""
    amount_min: Decimal | None = Field(default=None, description="元")
    amount_max: Decimal | None = Field(default=None, description="元")
    status: str = ""
    q: str = ""
    page: int = Field(default=1, ge=1)


def _summary(assessment) -> dict:
    lot = assessment.lot
    return {"lot_id": lot.pk, "project_code": lot.project.code, "lot_code": lot.code, "name": lot.title,
            "buyer": lot.project.buyer, "sector": lot.project.sector, "amount": lot.project.amount,
            "opening_at": lot.opening_at, "score": assessment.score, "method": assessment.method,
            "status": assessment.status, "flags": sorted({f.code for f in lot.flags.all()},
                                                         key=lambda c: int(c[1:]))}


@router.get("/lots", response=LotPageOut, summary="按可疑度排序的标段")
def lots(request, filters: Query[RankQuery]):
    data = filters.dict()
    page_no = data.pop("page")
    page = selectors.ranked_lots(actor=request.user, filters=selectors.RankFilters(**data), page=page_no)
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
            "items": [_summary(a) for a in page]}


def _lot_out(request, lot_id: int) -> dict:
    lot = selectors.lot_detail(actor=request.user, lot_id=lot_id)
    assessment = getattr(lot, "assessment", None)
    if assessment is None:
        from tongban.core.errors import NotFound

        raise NotFound("该标段尚未研判评分。")
    return {**_summary(assessment), "reasons": assessment.reasons, "screens": assessment.screens,
            "flag_details": [{"code": f.code, "title": f.title, "legal_basis": f.legal_basis,
                              "strength": f.strength, "evidence": f.evidence} for f in lot.flags.all()],
            "decisions": [{"id": d.pk, "outcome": d.outcome, "reason": d.reason, "decided_at": d.decided_at,
                           "document_number": d.document.number if d.document_id else None}
                          for d in lot.decisions.all()]}


@router.get("/lots/{lot_id}", response=LotOut, summary="一个标段：预警规则、法律依据、证据、研判记录")
def lot(request, lot_id: int):
    return _lot_out(request, lot_id)


@router.post("/lots/{lot_id}/decisions", response={201: LotOut}, summary="记录研判结论（排除 / 查实）")
def decide(request, lot_id: int, payload: DecisionIn):
    lot = selectors.lot_detail(actor=request.user, lot_id=lot_id)
    if payload.outcome == "referred":
        from tongban.core.errors import ValidationFailed

        raise ValidationFailed("移送须出具移送函：请在工作台出具串通投标线索移送函。", errors={"outcome": ["移送须出具移送函"]})
    services.decision_record(actor=request.user, lot=lot, outcome=payload.outcome, reason=payload.reason,
                             request=request)
    return Status(201, _lot_out(request, lot_id))
