"""The 数据铁笼 workbench pages for the 交易监管人员: ranked lots, one lot (flags, charts, network, decisions,
referral letter), import. Reads from selectors, writes through services (docs/adr/0001)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tongban.core.errors import PermissionDenied, ServiceError
from tongban.org.access import staff_required
from tongban.org.models import Role
from tongban.trading import selectors, services
from tongban.trading.models import AssessmentStatus, Sector

ROLES = [Role.TRADING_INSPECTOR]


def _date(value: str):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _amount(value: str):
    try:
        return Decimal(value) * 10000 if value else None  # entered in 万元
    except InvalidOperation:
        return None


@staff_required(roles=ROLES)
def ranked(request):
    g = request.GET
    filters = selectors.RankFilters(
        period_from=_date(g.get("from", "")), period_to=_date(g.get("to", "")), buyer=g.get("buyer", "").strip(),
        sector=g.get("sector", "") if g.get("sector", "") in Sector.values else "",
        amount_min=_amount(g.get("min", "")), amount_max=_amount(g.get("max", "")),
        status=g.get("status", "") if g.get("status", "") in AssessmentStatus.values else "",
        q=g.get("q", "").strip(),
    )
    page = selectors.ranked_lots(actor=request.user, filters=filters, page=g.get("page") or 1)
    for assessment in page:
        assessment.badges = selectors.flag_badges(assessment.lot.flags.all())
    query = g.copy()
    query.pop("page", None)
    return render(request, "trading/ranked.html", {
        "page": page, "filters": filters, "params": g, "query": query.urlencode(),
        "sectors": Sector.choices, "statuses": AssessmentStatus.choices, "buyers": selectors.buyers(),
        "overview": selectors.overview(actor=request.user),
    })


@staff_required(roles=ROLES)
def lot_detail(request, lot_id: int, *, decision_error=None, referral_error=None, status=200):
    lot = selectors.lot_detail(actor=request.user, lot_id=lot_id)
    bids = selectors.lot_bids(lot)
    flags = list(lot.flags.all())
    return render(request, "trading/lot.html", {
        "lot": lot, "bids": bids, "flags": flags, "assessment": getattr(lot, "assessment", None),
        "decisions": selectors.decision_history(lot), "network_figures": selectors.network_figures(lot),
        "charts": {"bids": selectors.bid_chart(lot, bids), "screens": selectors.screens_chart(lot),
                   "network": selectors.network_chart(lot, bids, flags),
                   "labels": {"ceiling": _("最高投标限价"), "winner": _("中标人"), "bidder": _("投标人"),
                              "market": _("全部标段"), "own": _("本标段"), "entries": _("投标次数"),
                              "wins": _("中标次数"), "wan": _("万")}},
        "outcomes": [(AssessmentStatus.DISMISSED, AssessmentStatus.DISMISSED.label),
                     (AssessmentStatus.CONFIRMED, AssessmentStatus.CONFIRMED.label)],
        "decision_error": decision_error, "referral_error": referral_error, "form": request.POST,
    }, status=status)


@staff_required(roles=ROLES)
@require_POST
def decide(request, lot_id: int):
    lot = selectors.lot_detail(actor=request.user, lot_id=lot_id)
    try:
        decision = services.decision_record(actor=request.user, lot=lot, outcome=request.POST.get("outcome", ""),
                                            reason=request.POST.get("reason", ""), request=request)
    except PermissionDenied:
        raise
    except ServiceError as exc:
        return lot_detail(request, lot_id, decision_error=exc.detail, status=422)
    messages.success(request, _("已记录研判结论：%(outcome)s。") % {"outcome": decision.get_outcome_display()})
    return redirect("trading:lot", lot_id=lot.pk)


@staff_required(roles=ROLES)
@require_POST
def refer(request, lot_id: int):
    lot = selectors.lot_detail(actor=request.user, lot_id=lot_id)
    try:
        decision = services.referral_issue(actor=request.user, lot=lot, recipient=request.POST.get("recipient", ""),
                                           reason=request.POST.get("reason", ""), request=request)
    except PermissionDenied:
        raise
    except ServiceError as exc:
        return lot_detail(request, lot_id, referral_error=exc.detail, status=422)
    messages.success(request, _("已出具移送函 %(number)s，并记录为“移送”。") % {"number": decision.document.number})
    return redirect("trading:lot", lot_id=lot.pk)


@staff_required(roles=ROLES)
def import_page(request):
    selectors.require_inspector(request.user)
    error, row_errors, batch = None, [], None
    if request.method == "POST":
        upload = request.FILES.get("file")
        fmt = request.POST.get("format", "")
        if upload is None:
            error = _("请选择要导入的文件。")
        else:
            try:
                batch = services.trading_import(actor=request.user, format=fmt, content=upload.read(),
                                                filename=upload.name, request=request)
            except PermissionDenied:
                raise
            except ServiceError as exc:
                error = exc.detail
                row_errors = [str(e) for e in getattr(exc, "row_errors", [])]
        if batch is not None:
            c = batch.counts
            messages.success(request, _("已导入 %(file)s：项目 %(p)s，标段 %(l)s，投标人 %(b)s，投标 %(n)s，关联关系 %(r)s。") % {
                "file": batch.filename, "p": c["projects"], "l": c["lots"], "b": c["bidders"], "n": c["bids"],
                "r": c["relations"]})
            return redirect("trading:import")
    return render(request, "trading/import.html", {
        "error": error, "row_errors": row_errors, "format": request.POST.get("format", "csv"),
        "batches": selectors.recent_imports(actor=request.user),
    }, status=422 if error else 200)


@staff_required(roles=ROLES)
@require_POST
def assess(request):
    n = services.lots_assess(actor=request.user, request=request)
    messages.success(request, _("已重新研判 %(n)s 个标段。") % {"n": n})
    return redirect("trading:ranked")


@staff_required(roles=ROLES)
def bidder_detail(request, bidder_id: int):
    return render(request, "trading/bidder.html", selectors.bidder_detail(actor=request.user, bidder_id=bidder_id))
