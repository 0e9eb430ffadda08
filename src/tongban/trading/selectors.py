"""Reads for the trading pages, the scoring and the exports. Access: the trading inspector (交易监管人员) or a
system administrator; `require_inspector` is the one check every page and service uses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tongban.core.errors import NotFound, PermissionDenied
from tongban.org.models import Role
from tongban.org.permissions import has_role
from tongban.trading import rules
from tongban.trading.models import (
    AssessmentStatus,
    Bid,
    Bidder,
    CompanyRelation,
    Decision,
    Flag,
    ImportBatch,
    Lot,
    Project,
    Sector,
    TenderAssessment,
)

INSPECTOR_ROLES = (Role.TRADING_INSPECTOR,)


def require_inspector(user) -> None:
    """交易监管人员 only (a system administrator holds every role). Raises PermissionDenied (403)."""
    if not has_role(user, INSPECTOR_ROLES):
        raise PermissionDenied("只有公共资源交易中心的交易监管人员可以查看和研判交易数据。")


# -- the rule layer's view of a lot -------------------------------------------------------------------------

FILE_FIELDS = ("upload_ip", "mac_address", "machine_code", "hardware_serial", "file_creation_id", "ca_serial",
               "pricing_lock_serial", "author", "template_fingerprint")


def _bids_with_details(lot_ids) -> QuerySet:
    return (Bid.objects.filter(lot_id__in=lot_ids).select_related("bidder", "file")
            .prefetch_related("bonds", "key_staff").order_by("lot_id", "price", "pk"))


def lot_views(lot_ids) -> dict[int, rules.LotView]:
    """The rule layer's input for many lots in a handful of queries."""
    lot_ids = list(lot_ids)
    by_lot: dict[int, list[rules.BidView]] = defaultdict(list)
    bidder_ids = set()
    for bid in _bids_with_details(lot_ids):
        file = getattr(bid, "file", None)
        by_lot[bid.lot_id].append(rules.BidView(
            bid_id=bid.pk, bidder_id=bid.bidder_id, bidder_name=bid.bidder.name, price=bid.price,
            is_winner=bid.is_winner, is_valid=bid.is_valid, submitted_at=bid.submitted_at,
            contact_person=bid.contact_person, contact_phone=bid.contact_phone, agent_name=bid.agent_name,
            legal_representative=bid.bidder.legal_representative,
            legal_representative_id_number=bid.bidder.legal_representative_id_number,
            file={f: str(getattr(file, f) or "") for f in FILE_FIELDS} if file else {},
            bonds=tuple((b.account, b.account_holder) for b in bid.bonds.all()),
            staff=tuple((s.role, s.name, s.id_number, s.certificate_number) for s in bid.key_staff.all()),
        ))
        bidder_ids.add(bid.bidder_id)
    relations = [rules.RelationView(bidder_id=r.bidder_id, kind=r.kind, other_id=r.other_id,
                                    person_name=r.person_name, person_id_number=r.person_id_number,
                                    share_ratio=r.share_ratio)
                 for r in CompanyRelation.objects.filter(Q(bidder_id__in=bidder_ids) | Q(other_id__in=bidder_ids))]
    views = {}
    for lot_id in lot_ids:
        ids = {b.bidder_id for b in by_lot.get(lot_id, [])}
        views[lot_id] = rules.LotView(
            lot_id=lot_id, bids=tuple(by_lot.get(lot_id, [])),
            relations=tuple(r for r in relations if r.bidder_id in ids or r.other_id in ids))
    return views


def bid_rows(lot_ids=None) -> list[dict]:
    """Every bid as a row for the collusion package: tender (lot id), bidder, bid_value, winner."""
    qs = Bid.objects.filter(is_valid=True)
    if lot_ids is not None:
        qs = qs.filter(lot_id__in=list(lot_ids))
    return [{"tender": lot_id, "bidder": bidder_id, "bid_value": float(price), "winner": int(winner)}
            for lot_id, bidder_id, price, winner in qs.values_list("lot_id", "bidder_id", "price", "is_winner")]


# -- the ranked list ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankFilters:
    period_from: object = None  # date
    period_to: object = None
    buyer: str = ""
    sector: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    status: str = ""
    q: str = ""


def ranked_lots(*, actor, filters: RankFilters, page: int = 1, per_page: int = 25):
    """Assessed lots, most suspicious first, with their flags; a Django Page."""
    require_inspector(actor)
    qs = (TenderAssessment.objects.select_related("lot__project")
          .prefetch_related(Prefetch("lot__flags", queryset=Flag.objects.order_by("code")))
          .order_by("-score", "lot_id"))
    f = filters
    if f.period_from:
        qs = qs.filter(Q(lot__opening_at__date__gte=f.period_from)
                       | Q(lot__opening_at__isnull=True, lot__project__published_on__gte=f.period_from))
    if f.period_to:
        qs = qs.filter(Q(lot__opening_at__date__lte=f.period_to)
                       | Q(lot__opening_at__isnull=True, lot__project__published_on__lte=f.period_to))
    if f.buyer:
        qs = qs.filter(lot__project__buyer__icontains=f.buyer)
    if f.sector:
        qs = qs.filter(lot__project__sector=f.sector)
    if f.amount_min is not None:
        qs = qs.filter(lot__project__amount__gte=f.amount_min)
    if f.amount_max is not None:
        qs = qs.filter(lot__project__amount__lte=f.amount_max)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.q:
        qs = qs.filter(Q(lot__project__name__icontains=f.q) | Q(lot__project__code__icontains=f.q)
                       | Q(lot__bids__bidder__name__icontains=f.q)).distinct()
    return Paginator(qs, per_page).get_page(page)


def flag_badges(flags) -> list[dict]:
    """One badge per rule code: its strongest strength, how often it fired, and the situations with their basis."""
    badges: dict[str, dict] = {}
    for f in flags:
        badge = badges.setdefault(f.code, {"code": f.code, "strength": f.strength, "count": 0, "titles": []})
        badge["count"] += 1
        if rules.STRENGTH_ORDER[f.strength] > rules.STRENGTH_ORDER[badge["strength"]]:
            badge["strength"] = f.strength
        badge["titles"].append(f"{f.title}（{f.legal_basis}）")
    out = sorted(badges.values(), key=lambda b: (-rules.STRENGTH_ORDER[b["strength"]], int(b["code"][1:])))
    for badge in out:
        badge["titles"] = "；".join(badge["titles"])
    return out


def overview(*, actor) -> dict:
    require_inspector(actor)
    qs = TenderAssessment.objects.all()
    return {
        "lots": Lot.objects.count(),
        "assessed": qs.count(),
        "open_strong": qs.filter(status=AssessmentStatus.OPEN, strongest="strong").count(),
        "referred": qs.filter(status=AssessmentStatus.REFERRED).count(),
        "confirmed": qs.filter(status=AssessmentStatus.CONFIRMED).count(),
        "dismissed": qs.filter(status=AssessmentStatus.DISMISSED).count(),
        "method": qs.values_list("method", flat=True).first(),
    }


def recent_imports(*, actor, limit: int = 20) -> list[ImportBatch]:
    require_inspector(actor)
    return list(ImportBatch.objects.select_related("imported_by__staff")[:limit])


def buyers() -> list[str]:
    return list(Project.objects.exclude(buyer="").values_list("buyer", flat=True).distinct().order_by("buyer")[:500])


SECTORS = Sector.choices


# -- one lot ------------------------------------------------------------------------------------------------


def lot_detail(*, actor, lot_id: int) -> Lot:
    require_inspector(actor)
    lot = (Lot.objects.select_related("project", "assessment")
           .prefetch_related(Prefetch("flags", queryset=Flag.objects.order_by("code").prefetch_related("bidders")),
                             Prefetch("decisions", queryset=Decision.objects.select_related(
                                 "decided_by__staff", "document")))
           .filter(pk=lot_id).first())
    if lot is None:
        raise NotFound("没有找到该标段。")
    return lot


def lot_bids(lot: Lot) -> list[Bid]:
    return list(_bids_with_details([lot.pk]))


def bid_chart(lot: Lot, bids: list[Bid]) -> dict:
    """Bar chart data: the bids in price order with the winner marked; the ceiling price as a line."""
    return {
        "bidders": [b.bidder.name for b in bids],
        "prices": [float(b.price) for b in bids],
        "winner": [b.is_winner for b in bids],
        "valid": [b.is_valid for b in bids],
        "ceiling": float(lot.ceiling_price) if lot.ceiling_price else None,
    }


SCREEN_LABELS = {"CV": "变异系数 CV", "SPD": "极差比 SPD", "DIFFP": "前两名价差 DIFFP", "RD": "相对距离 RD",
                 "KURT": "峰度 KURT", "SKEW": "偏度 SKEW", "KS": "均匀性 KS"}


NETWORK_LABELS = {
    "net_sig_pair_share": _("显著共同投标的投标人对占比"), "net_group_share": _("同一投标群体的投标人占比"),
    "net_group_cohesion": _("该群体的凝聚度"), "net_group_rotation": _("该群体的轮流中标度"),
    "net_group_win_share": _("该群体的中标占比"), "net_loser_share": _("长期只投标不中标者占比"),
    "net_max_lose_surprise": _("陪标异常度（最大）"), "net_winner_win_rate": _("中标人在其他标段的中标率"),
}


def network_figures(lot: Lot) -> list[tuple[str, float]]:
    """The co-bidding network features of the lot (collusion package, F14) with their labels."""
    own = (getattr(lot, "assessment", None) and lot.assessment.screens) or {}
    return [(label, own[key]) for key, label in NETWORK_LABELS.items() if own.get(key) is not None]


def screens_chart(lot: Lot) -> dict:
    """This lot's screens against the distribution over every assessed lot of the market (box plot data)."""
    import statistics

    own = (getattr(lot, "assessment", None) and lot.assessment.screens) or {}
    names = [n for n in SCREEN_LABELS if own.get(n) is not None]
    values: dict[str, list[float]] = {n: [] for n in names}
    for screens in TenderAssessment.objects.exclude(screens={}).values_list("screens", flat=True)[:20000]:
        for n in names:
            v = screens.get(n)
            if isinstance(v, int | float):
                values[n].append(float(v))
    boxes = []
    for n in names:
        vs = sorted(values[n])
        if len(vs) < 5:
            boxes.append(None)
            continue
        q = statistics.quantiles(vs, n=4)
        boxes.append([vs[0], q[0], q[1], q[2], vs[-1]])
    return {"names": [SCREEN_LABELS[n] for n in names], "keys": names, "boxes": boxes,
            "own": [own.get(n) for n in names]}


def network_chart(lot: Lot, bids: list[Bid], flags: list[Flag]) -> dict:
    """The bidders of this lot and what ties them: how often they bid together elsewhere (co-bidding), the
    fingerprints the rules found shared, and registry relationships."""
    ids = [b.bidder_id for b in bids]
    names = {b.bidder_id: b.bidder.name for b in bids}
    winners = {b.bidder_id for b in bids if b.is_winner}
    wins = defaultdict(int)
    entries = defaultdict(int)
    co = defaultdict(int)
    lots_of: dict[int, set[int]] = defaultdict(set)
    for lot_id, bidder_id, winner in Bid.objects.filter(bidder_id__in=ids).values_list("lot_id", "bidder_id",
                                                                                        "is_winner"):
        lots_of[bidder_id].add(lot_id)
        entries[bidder_id] += 1
        wins[bidder_id] += int(winner)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            n = len(lots_of[a] & lots_of[b]) - 1  # other lots than this one
            if n > 0:
                co[(a, b)] = n
    links = [{"source": str(a), "target": str(b), "value": n, "kind": "co", "label": f"共同投标 {n} 次"}
             for (a, b), n in co.items()]
    for flag in flags:
        members = [b.pk for b in flag.bidders.all() if b.pk in names]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                links.append({"source": str(a), "target": str(b), "kind": "flag",
                              "label": f"{flag.code} {flag.title}", "strength": flag.strength})
    for rel in CompanyRelation.objects.filter(bidder_id__in=ids, other_id__in=ids):
        links.append({"source": str(rel.bidder_id), "target": str(rel.other_id), "kind": "relation",
                      "label": rel.get_kind_display()})
    nodes = [{"id": str(i), "name": names[i], "winner": i in winners, "entries": entries[i], "wins": wins[i]}
             for i in ids]
    return {"nodes": nodes, "links": links}


def decision_history(lot: Lot) -> list[Decision]:
    return list(lot.decisions.all())


# -- labels for training ------------------------------------------------------------------------------------


def labelled_rows() -> list[dict]:
    """Lots with a known outcome (a labelled import, or an inspector's 查实 / 排除) in the labelled column
    format `tongban collusion fit` reads: Tender, Competitors, Bid_value, Winner, Collusive_competitor."""
    rows = []
    qs = (Bid.objects.filter(lot__label__isnull=False, is_valid=True)
          .values_list("lot_id", "bidder_id", "price", "is_winner", "lot__label").order_by("lot_id", "price"))
    for lot_id, bidder_id, price, winner, label in qs:
        rows.append({"Tender": lot_id, "Competitors": bidder_id, "Bid_value": f"{price:.2f}",
                     "Winner": int(winner), "Collusive_competitor": int(label)})
    return rows


def bidder_detail(*, actor, bidder_id: int) -> dict:
    """A bidder's history: every bid with the lot's score and flags, its wins, and its registry links."""
    require_inspector(actor)
    bidder = Bidder.objects.filter(pk=bidder_id).first()
    if bidder is None:
        raise NotFound("没有找到该投标人。")
    bids = list(Bid.objects.filter(bidder=bidder).select_related("lot__project", "lot__assessment")
                .order_by("-lot__opening_at", "-lot_id"))
    flagged = set(Flag.objects.filter(bidders=bidder).values_list("lot_id", flat=True))
    relations = list(CompanyRelation.objects.filter(Q(bidder=bidder) | Q(other=bidder)).select_related("bidder", "other"))
    return {"bidder": bidder, "bids": bids, "flagged_lots": flagged, "relations": relations,
            "wins": sum(b.is_winner for b in bids)}
