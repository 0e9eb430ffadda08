"""Per-lot features and the suspicion score: the rules (rules.py), the statistical screens and the bidder network
of the collusion package, and — when a trained model is configured — its score.

`TONGBAN_COLLUSION_MODEL` (settings; environment variable of the same name) is the path of a model file saved by
`tongban collusion fit`. Without it, the score is the clearly labelled *rules-and-screens ranking*:

    score = 1 − (1 − rules) · (1 − 0.4 · screens)

where `rules` = 1 − Π(1 − wᵢ) over the lot's flags (strong 0.6, medium 0.3, weak 0.1) and `screens` ∈ [0, 1] is
the mean of the lot's market percentile ranks of low CV, low SPD and high RD (the variance and cover-bidding
signatures of collusion.md §1; CV is the strongest single screen on the labelled data, §6). It ranks; it is not
a probability.
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


def _screen_reasons(s: dict, pct: float | None) -> list[str]:
    out = []
    if pct is not None and pct >= 0.9:
        cv = s.get("CV")
        out.append(f"报价离散程度异常低：统计筛查综合排名位于市场前 {max(1, round((1 - pct) * 100))}%"
                   + (f"（CV = {cv:.2%}）" if cv is not None else ""))
    rd = s.get("RD")
    if rd is not None and rd > 1:
        out.append(f"中标价与其余报价之间的间隔异常（RD = {rd:.2f} > 1，陪标报价聚集在中标价之上）")
    return out


def score_lots(views: dict[int, rules.LotView], flags: dict[int, list[rules.FlagResult]], rows: list[dict],
               market_rows: list[dict] | None = None) -> dict[int, LotScore]:
    """Scores for the lots in `views`. `rows` are their bids (selectors.bid_rows); `market_rows` every bid of the
    market, for the percentile ranks (defaults to `rows`)."""
    screens = compute_screens(market_rows if market_rows is not None else rows)
    suspicion = screen_suspicion(screens)
    path = model_path()
    model_scores: dict[int, tuple[float, list[str]]] = {}
    version = ""
    if path is not None:
        model_scores, version = _model_scores(path, rows, flags)
    out = {}
    for lot_id in views:
        lot_flags = flags.get(lot_id, [])
        s = screens.get(lot_id, {})
        reasons = [f"{f.code} {f.title}（{f.legal_basis}）" for f in lot_flags]
        reasons += _screen_reasons(s, suspicion.get(lot_id))
        if lot_id in model_scores:
            score, model_reasons = model_scores[lot_id]
            out[lot_id] = LotScore(lot_id, score, "model", version, model_reasons + reasons, s)
        else:
            base = rules.rules_score(lot_flags)
            score = 1 - (1 - base) * (1 - SCREEN_WEIGHT * suspicion.get(lot_id, 0.0))
            out[lot_id] = LotScore(lot_id, round(score, 6), "rules_screens", "", reasons, s)
    return out


def _model_scores(path: Path, rows: list[dict], flags) -> tuple[dict[int, tuple[float, list[str]]], str]:
    """The configured model's scores; a missing or unreadable model file is logged and the ranking is used."""
    if not path.exists():
        log.warning("TONGBAN_COLLUSION_MODEL %s does not exist; using the rules-and-screens ranking", path)
        return {}, ""
    import pandas as pd

    from tongban.trading.collusion.model import CollusionModel

    model = CollusionModel.load(path)
    extra = pd.DataFrame(
        [{"tender": t, "rules_strong": sum(f.strength == "strong" for f in fs),
          "rules_medium": sum(f.strength == "medium" for f in fs),
          "rules_weak": sum(f.strength == "weak" for f in fs)} for t, fs in flags.items()]
    )
    if rows:
        frame = model.score(pd.DataFrame(rows), extra_features=extra.set_index("tender") if len(extra) else None)
    else:
        frame = pd.DataFrame(columns=["tender", "score", "reasons"])
    out = {}
    for rec in frame.to_dict("records"):
        reasons = rec.get("reasons") or []
        if isinstance(reasons, str):
            reasons = [reasons]
        out[int(rec["tender"])] = (float(rec["score"]), [f"模型：{r}" for r in reasons])
    return out, f"{path.name}"
