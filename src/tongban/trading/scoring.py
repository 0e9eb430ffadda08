"""Per-lot features and the suspicion score: the rules (rules.py), the statistical screens and the bidder network
of the collusion package, and — when a trained model is configured — its score.

`TONGBAN_COLLUSION_MODEL` (settings; environment variable of the same name) is the path of a model file saved by
`tongban collusion fit`. Without it, the score is the clearly labelled *rules-and-screens ranking*:

    score = 1 − (1 − rules) · (1 − 0.4 · screens) · (1 − 0.4 · network)

where `rules` = 1 − Π(1 − wᵢ) over the lot's flags (strong 0.6, medium 0.3, weak 0.1), `screens` ∈ [0, 1] is
the mean of the lot's market percentile ranks of low CV, low SPD and high RD (the variance and cover-bidding
signatures of collusion.md §1; CV is the strongest single screen on the labelled data, §6), and `network`
∈ [0, 1] is the strongest co-bidding signal of the collusion package (F14): the share of the lot's bidder pairs
that bid together far more often than chance, the share of its bidders from one cohesive group, or the share of
"always-losing" bidders (陪标专业户). It ranks; it is not a probability. Parts the package cannot compute (not
installed, too few bids, no bidder ids) count as 0.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from tongban.trading import rules

log = logging.getLogger(__name__)

SCREEN_WEIGHT = 0.4
NETWORK_WEIGHT = 0.4
NETWORK_KEYS = ("net_sig_pair_share", "net_group_share", "net_group_cohesion", "net_group_rotation",
                "net_group_win_share", "net_loser_share", "net_max_lose_surprise", "net_winner_win_rate")
SCREEN_KEYS = ("n_bids", "CV", "SPD", "DIFFP", "RD", "RDNOR", "KURT", "SKEW", "KS")


@dataclass
class LotScore:
    lot_id: int
    score: float
    method: str  # TenderAssessment.Method
    model_version: str = ""
    reasons: list[str] = field(default_factory=list)
    screens: dict = field(default_factory=dict)


def model_path() -> Path | None:
    value = getattr(settings, "TONGBAN_COLLUSION_MODEL", "") or ""
    return Path(value) if value else None


def _clean(value):
    if value is None:
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) or math.isinf(value) else round(value, 6)


def compute_screens(rows: list[dict]) -> dict[int, dict]:
    """Screens per lot (tender id) from the collusion package; {} per lot it cannot compute."""
    if not rows:
        return {}
    import pandas as pd

    try:
        from tongban.trading.collusion.screens import tender_screens
    except ImportError:  # the analytics package is not installed: the ranking falls back to the rules alone
        log.warning("tongban.trading.collusion is not available; scoring without the statistical screens")
        return {}
    frame = tender_screens(pd.DataFrame(rows), summary=False)
    return {int(t): {k: _clean(frame.at[t, k]) for k in SCREEN_KEYS if k in frame.columns} for t in frame.index}


def compute_network(rows: list[dict]) -> dict[int, dict]:
    """Co-bidding network features per lot from the collusion package (F14); {} when unavailable."""
    if not rows:
        return {}
    import pandas as pd

    try:
        from tongban.trading.collusion.network import bidder_features
    except ImportError:
        return {}
    frame = pd.DataFrame(rows)
    frame["winner"] = frame["winner"].astype(bool)
    tenders, _bidders, _groups = bidder_features(frame[["tender", "bidder", "bid_value", "winner"]])
    return {int(t): {k: _clean(tenders.at[t, k]) for k in NETWORK_KEYS if k in tenders.columns}
            for t in tenders.index}


def network_suspicion(net: dict) -> float:
    """The strongest of: significant co-bidding pairs, a cohesive group's share of the bidders, always-losers."""
    def v(key):
        value = net.get(key)
        return 0.0 if value is None else max(0.0, min(1.0, float(value)))

    return max(v("net_sig_pair_share"), v("net_group_share") * v("net_group_cohesion"), v("net_loser_share"))


def _network_reasons(net: dict) -> list[str]:
    out = []
    share, cohesion = net.get("net_group_share"), net.get("net_group_cohesion")
    if share and cohesion and share * cohesion >= 0.5:
        rotation = net.get("net_group_rotation")
        text = f"共同投标网络：{share:.0%} 的投标人属于同一紧密投标群体（凝聚度 {cohesion:.2f}"
        if rotation is not None and rotation >= 0.7:
            text += f"，群体内轮流中标（轮换度 {rotation:.2f}）"
        out.append(text + "）")
    losers = net.get("net_loser_share")
    if losers and losers > 0:
        out.append(f"{losers:.0%} 的投标人长期只投标不中标（“陪标专业户”）")
    return out


def _percentile_ranks(values: dict[int, float | None]) -> dict[int, float]:
    known = sorted((v, k) for k, v in values.items() if v is not None)
    n = len(known)
    if n < 2:
        return {k: 0.5 for k, v in values.items() if v is not None}
    return {k: i / (n - 1) for i, (_v, k) in enumerate(known)}


def screen_suspicion(screens: dict[int, dict]) -> dict[int, float]:
    """Mean of the market percentile ranks of low CV, low SPD and high RD, over lots with ≥ 3 bids."""
    eligible = {t: s for t, s in screens.items() if (s.get("n_bids") or 0) >= 3}
    cv = _percentile_ranks({t: s.get("CV") for t, s in eligible.items()})
    spd = _percentile_ranks({t: s.get("SPD") for t, s in eligible.items()})
    rd = _percentile_ranks({t: s.get("RD") for t, s in eligible.items()})
    out = {}
    for t in eligible:
        parts = [1 - cv[t] if t in cv else None, 1 - spd[t] if t in spd else None, rd.get(t)]
        parts = [p for p in parts if p is not None]
        out[t] = sum(parts) / len(parts) if parts else 0.0
    return out


def _screen_reasons(s: dict, pct: float | None, cv_rank: float | None) -> list[str]:
    out = []
    cv = s.get("CV")
    if cv_rank is not None and cv_rank <= 0.1 and cv is not None:
        out.append(f"报价离散程度异常低：CV = {cv:.2%}，低于市场 {max(1, round((1 - cv_rank) * 100))}% 的标段")
    if pct is not None and pct >= 0.9:
        out.append(f"统计筛查（低 CV、低 SPD、高 RD）综合排名位于市场前 {max(1, round((1 - pct) * 100))}%")
    rd = s.get("RD")
    if rd is not None and rd > 1:
        out.append(f"中标价与其余报价之间的间隔异常（RD = {rd:.2f} > 1，陪标报价聚集在中标价之上）")
    return out


def score_lots(views: dict[int, rules.LotView], flags: dict[int, list[rules.FlagResult]], rows: list[dict],
               market_rows: list[dict] | None = None) -> dict[int, LotScore]:
    """Scores for the lots in `views`. `rows` are their bids (selectors.bid_rows); `market_rows` every bid of the
    market, for the percentile ranks (defaults to `rows`)."""
    screens = compute_screens(market_rows if market_rows is not None else rows)
    network = compute_network(market_rows if market_rows is not None else rows)
    suspicion = screen_suspicion(screens)
    cv_ranks = _percentile_ranks({t: v.get("CV") for t, v in screens.items() if (v.get("n_bids") or 0) >= 3})
    path = model_path()
    model_scores: dict[int, tuple[float, list[str]]] = {}
    version = ""
    if path is not None:
        # The whole market: the network and the within-market ranks need it (collusion.model).
        model_scores, version = _model_scores(path, market_rows if market_rows is not None else rows, flags)
    out = {}
    for lot_id in views:
        lot_flags = flags.get(lot_id, [])
        net = network.get(lot_id, {})
        s = {**screens.get(lot_id, {}), **net}
        reasons = [f"{f.code} {f.title}（{f.legal_basis}）" for f in lot_flags]
        reasons += _screen_reasons(s, suspicion.get(lot_id), cv_ranks.get(lot_id))
        reasons += _network_reasons(net)
        if lot_id in model_scores:
            score, model_reasons = model_scores[lot_id]
            out[lot_id] = LotScore(lot_id, score, "model", version, model_reasons + reasons, s)
        else:
            base = rules.rules_score(lot_flags)
            score = 1 - ((1 - base) * (1 - SCREEN_WEIGHT * suspicion.get(lot_id, 0.0))
                         * (1 - NETWORK_WEIGHT * network_suspicion(net)))
            out[lot_id] = LotScore(lot_id, round(score, 6), "rules_screens", "", reasons, s)
    return out


def _model_scores(path: Path, rows: list[dict], flags) -> tuple[dict[int, tuple[float, list[str]]], str]:
    """The configured model's scores; a missing or unreadable model file is logged and the ranking is used."""
    if not path.exists():
        log.warning("TONGBAN_COLLUSION_MODEL %s does not exist; using the rules-and-screens ranking", path)
        return {}, ""
    import pandas as pd

    from tongban.trading.collusion.model import CollusionModel

    try:
        model = CollusionModel.load(path)
    except ValueError as exc:  # unreadable, or trained by another scikit-learn: retrain with `tongban collusion fit`
        log.warning("%s; using the rules-and-screens ranking", exc)
        return {}, ""
    # The rule flags as features (rule_F1 … rule_F12: how many times each fired); a model trained without
    # them ignores them.
    extra = pd.DataFrame([{"tender": t, **{f"F{i}": sum(f.code == f"F{i}" for f in fs) for i in range(1, 13)}}
                          for t, fs in flags.items()])
    if rows:
        frame = model.score(pd.DataFrame(rows), extra_features=extra if len(extra) else None)
    else:
        frame = pd.DataFrame(columns=["tender", "score", "reasons"])
    out = {}
    for rec in frame.to_dict("records"):
        reasons = rec.get("reasons") or []
        if isinstance(reasons, str):
            reasons = [reasons]
        out[int(rec["tender"])] = (float(rec["score"]), [f"模型：{r}" for r in reasons])
    return out, f"{path.name}"
