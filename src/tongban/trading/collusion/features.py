"""Tender features for the model: screens, summary screens, network, optional rule features; and their
within-market normalisation.

Only the bids are used (price, bidder id, winner). Date, period, site and tender id never become features
(collusion.md §6: they encode the cartel period and do not exist for a live tender).

Normalisation (for transfer across markets, protocol P3): every feature is replaced by its percentile rank
within the market it comes from (the frame passed to ``fit`` or ``score``), ties averaged, in (0, 1]; a
missing value becomes −1 so that trees can set it apart. A rank is a monotone transform, so within one market
the trees see the same splits as on raw values; across markets it removes level differences (Japan's bids are
tighter than Brazil's for every tender, collusive or not). A batch too small to rank against itself (fewer than
``MIN_BATCH`` tenders) is ranked against the training markets' pooled values instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .network import bidder_features
from .screens import SCREENS, SUMMARY_COLUMNS, tender_screens

PRICE_COLUMNS = ["n_bids", *SCREENS, *SUMMARY_COLUMNS]
MIN_BATCH = 50
MISSING = -1.0
# Never features, whatever a caller passes in extra_features.
FORBIDDEN = {
    "date",
    "period",
    "site",
    "tender",
    "tender_id",
    "contract_type",
    "dataset",
    "collusive",
    "label",
}


def build_features(
    bids: pd.DataFrame, extra_features: pd.DataFrame | None = None, *, network: bool = True
) -> pd.DataFrame:
    """Raw features, one row per tender (index tender, sorted)."""
    screens = tender_screens(bids)
    parts = [screens]
    if network:
        cols = [c for c in ["tender", "bidder", "bid_value", "winner"] if c in bids.columns]
        net, _, _ = bidder_features(bids[cols])
        parts.append(net.reindex(screens.index))
    out = pd.concat(parts, axis=1)
    if extra_features is not None and len(extra_features.columns):
        extra = extra_features.copy()
        if "tender" in extra.columns:
            extra = extra.set_index("tender")
        bad = [c for c in extra.columns if str(c).lower() in FORBIDDEN]
        if bad:
            raise ValueError(f"这些列不能作为特征（泄漏或标识）：{', '.join(map(str, bad))}")
        extra = extra.apply(pd.to_numeric, errors="coerce").astype(float)
        extra.index = extra.index.astype(out.index.dtype) if len(extra) else extra.index
        out = out.join(extra.add_prefix("rule_"), how="left")
    return out


def rank_normalise(raw: pd.DataFrame, reference: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """Percentile ranks within ``raw`` (or against ``reference`` sorted values when given); NaN → −1."""
    out = pd.DataFrame(index=raw.index)
    for col in raw.columns:
        values = raw[col].to_numpy(dtype=float)
        finite = np.isfinite(values)
        ranks = np.full(len(values), MISSING)
        if reference is not None and col in reference and len(reference[col]):
            ref = reference[col]
            lo = np.searchsorted(ref, values[finite], side="left")
            hi = np.searchsorted(ref, values[finite], side="right")
            ranks[finite] = np.maximum((lo + hi) / 2, 0.5) / len(ref)
        elif finite.any():
            ranks[finite] = pd.Series(values[finite]).rank(method="average", pct=True).to_numpy()
        out[col] = ranks
    return out


def reference_values(raw: pd.DataFrame, max_values: int = 2000) -> dict[str, np.ndarray]:
    """Sorted (sub-sampled) finite values of each feature, for ranking small batches later."""
    ref = {}
    for col in raw.columns:
        v = np.sort(raw[col].to_numpy(dtype=float))
        v = v[np.isfinite(v)]
        if len(v) > max_values:
            v = v[np.linspace(0, len(v) - 1, max_values).round().astype(int)]
        ref[col] = v
    return ref


def has_bidders(bids: pd.DataFrame) -> bool:
    """Whether the network features can be computed: bidder ids on at least half of the bids."""
    return "bidder" in bids.columns and bids["bidder"].notna().mean() >= 0.5


ABSOLUTE_MISSING = -999.0


def transform(
    raw: pd.DataFrame, mode: str = "rank", reference: dict[str, np.ndarray] | None = None
) -> pd.DataFrame:
    """The model's input: ranks within the market (``"rank"``), or ranks plus the raw values of the
    scale-free features (``"raw+rank"``, columns ``abs_<name>``, missing → −999). Every screen is already
    dimensionless (a ratio of prices), so its raw value means the same in any market and currency: "the bids
    lie within 1 % of each other" is absolute information that ranks throw away."""
    ranked = rank_normalise(raw, reference)
    if mode == "rank":
        return ranked
    absolute = raw.replace([np.inf, -np.inf], np.nan).fillna(ABSOLUTE_MISSING).add_prefix("abs_")
    return pd.concat([ranked, absolute], axis=1)
