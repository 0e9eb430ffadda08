"""Statistical screens for bid rigging (串标围标), computed per tender from the bid prices alone.

Definitions follow shared/domain/collusion.md §1 (Imhof 2017; Huber & Imhof 2019) and the summary screens of
Wallimann, Imhof & Huber (2023) §1.2. Notation: a tender's n bids sorted ascending b₁ ≤ … ≤ bₙ, mean x̄,
sample standard deviation s (ddof = 1).

| column | formula | defined for |
|---|---|---|
| n_bids | n | n ≥ 1 |
| CV | s / x̄ | n ≥ 2 |
| SPD | (bₙ − b₁) / b₁ | n ≥ 2 |
| DIFFP | (b₂ − b₁) / b₁ | n ≥ 2 |
| RD | (b₂ − b₁) / s_L, s_L the sd (ddof = 1) of the losing bids b₂…bₙ (Imhof's definition) | n ≥ 3 |
| RDNOR | (b₂ − b₁) / [(bₙ − b₁)/(n − 1)]: the first gap over the mean adjacent gap | n ≥ 2 |
| RDALT | (b₂ − b₁) / [(bₙ − b₂)/(n − 2)]: the first gap over the mean gap among losing bids | n ≥ 3 |
| KURT | n(n+1)/((n−1)(n−2)(n−3)) Σ((bᵢ−x̄)/s)⁴ − 3(n−1)²/((n−2)(n−3)); 0 when n < 4 | n ≥ 2 |
| SKEW | n/((n−1)(n−2)) Σ((bᵢ−x̄)/s)³; 0 when n < 3 | n ≥ 2 |
| KS | Kolmogorov–Smirnov D of (bᵢ − b₁)/(bₙ − b₁) against U(0, 1) | n ≥ 2 |

Choices where the shipped García Rodríguez files differ (collusion.md §1.3):
- RD divides by the sd of the *losing* bids, as Imhof defines it. The files' RD divides by the sd of all bids
  but the highest (an implementation slip); that variant is not computed.
- DIFFP uses the sorted bids (b₂ is the second-lowest bid), whatever the award rule.
- KURT = 0 when n < 4 and SKEW = 0 when n < 3, as in the files (the formulas are undefined there).
- A ratio whose denominator is 0 (identical bids) is NaN ("undefined"), never ±inf; 0/0 likewise. So all
  screens of a tender whose bids are all equal are NaN except n_bids, CV = SPD = DIFFP = 0.
- Tenders with a single bid get n_bids = 1 and NaN screens.

Summary screens (Wallimann et al.): the screens CV, SPD, DIFFP, RD, RDNOR, KURT, SKEW, KS computed for every
subgroup of 3 and of 4 bids of a tender (KURT over the 4-bid subgroups only, since it is 0 by convention on 3
bids), summarised by their mean, median, min and max: columns ``sub_<SCREEN>_<stat>``. A tender of n bids has
C(n,3) + C(n,4) subgroups; where C(n,k) exceeds ``max_subsets`` (default 120) a fixed sample of
``max_subsets`` k-subsets is used instead. The sample depends only on (n, k) (seeded by them), so it is
deterministic and the same for every tender of n bids. Tenders with fewer than 3 bids have NaN summaries.

Everything is vectorised: bids are sorted once by (n, tender, value) so that the tenders of each size n form
one (tenders × n) matrix; the loop runs over the distinct sizes n (a few dozen), never over tenders.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from math import comb

import numpy as np
import pandas as pd

SCREENS = ["CV", "SPD", "DIFFP", "RD", "RDNOR", "RDALT", "KURT", "SKEW", "KS"]
SUBGROUP_SCREENS = ["CV", "SPD", "DIFFP", "RD", "RDNOR", "KURT", "SKEW", "KS"]
SUMMARY_STATS = ["mean", "median", "min", "max"]
SUMMARY_COLUMNS = [f"sub_{s}_{stat}" for s in SUBGROUP_SCREENS for stat in SUMMARY_STATS]
MAX_SUBSETS = 120
# Upper bound on the number of floats held at once in the (tenders × subsets × k) blocks.
_BLOCK_FLOATS = 4_000_000


def _div(num: np.ndarray, den: np.ndarray | float = 1.0) -> np.ndarray:
    """num / den with NaN where den == 0 (never ±inf)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.asarray(num / den, dtype=float)
    out[~np.isfinite(out)] = np.nan
    return out


def matrix_screens(x: np.ndarray) -> dict[str, np.ndarray]:
    """Screens of the rows of x (shape (..., k), each row sorted ascending, positive values)."""
    return column_screens([x[..., j] for j in range(x.shape[-1])])


def column_screens(cols: list[np.ndarray], names: list[str] = SCREENS) -> dict[str, np.ndarray]:
    """Screens of k sorted bids given as k same-shaped arrays (cols[0] the lowest bid of each row).

    Working column by column keeps every operation a flat vectorised one: reducing over a short last axis
    (k = 3 or 4 for the summary screens) is several times slower in numpy than adding k arrays."""
    k = len(cols)
    shape = cols[0].shape
    if k < 2:
        return {name: np.full(shape, np.nan) for name in names}
    inv_mean = k / sum(cols)
    z = [c * inv_mean for c in cols]  # scale-free: every screen is invariant to the bids' scale
    dev = [zi - 1.0 for zi in z]
    s = np.sqrt(sum(d * d for d in dev) / (k - 1))
    b1, b2, bn = z[0], z[1], z[-1]
    gap = b2 - b1
    out: dict[str, np.ndarray] = {"CV": s}
    if "SPD" in names:
        out["SPD"] = _div(bn - b1, b1)
    if "DIFFP" in names:
        out["DIFFP"] = _div(gap, b1)
    if "RDNOR" in names:
        out["RDNOR"] = _div(gap, (bn - b1) / (k - 1))
    if k >= 3:
        if "RD" in names:
            mean_l = (k - b1) / (k - 1)
            s_l = np.sqrt(sum((zi - mean_l) ** 2 for zi in z[1:]) / (k - 2))
            out["RD"] = _div(gap, s_l)
        if "RDALT" in names:
            out["RDALT"] = _div(gap, (bn - b2) / (k - 2))
    else:
        out["RD"] = np.full(shape, np.nan)
        out["RDALT"] = np.full(shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv_s = 1.0 / s
        zs = [d * inv_s for d in dev]
    sq = [a * a for a in zs]
    if k >= 3:
        out["SKEW"] = _div(k / ((k - 1) * (k - 2)) * sum(a * b for a, b in zip(zs, sq, strict=True)))
    else:
        out["SKEW"] = np.where(s > 0, 0.0, np.nan)
    if "KURT" in names:
        if k >= 4:
            out["KURT"] = _div(
                k * (k + 1) / ((k - 1) * (k - 2) * (k - 3)) * sum(a * a for a in sq)
                - 3 * (k - 1) ** 2 / ((k - 2) * (k - 3))
            )
        else:
            out["KURT"] = np.where(s > 0, 0.0, np.nan)
    if "KS" in names:
        d = np.zeros(shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            inv_range = 1.0 / (bn - b1)
            for i, zi in enumerate(z):
                u = (zi - b1) * inv_range
                d = np.maximum(d, np.maximum((i + 1) / k - u, u - i / k))
        out["KS"] = _div(d)
    return {name: out[name] for name in names}


@lru_cache(maxsize=512)
def _subset_index(n: int, k: int, max_subsets: int) -> np.ndarray:
    """Index rows (sorted ascending) of the k-subsets of range(n): all of them, or a fixed sample of them."""
    total = comb(n, k)
    if total <= max_subsets:
        return np.array(list(combinations(range(n), k)), dtype=np.intp).reshape(-1, k)
    rng = np.random.default_rng(1_000 * n + k)
    if total <= 20 * max_subsets:
        pick = np.sort(rng.choice(total, size=max_subsets, replace=False))
        return np.array(list(combinations(range(n), k)), dtype=np.intp)[pick]
    rows = np.empty((0, k), dtype=np.intp)
    while rows.shape[0] < max_subsets:  # draws of k distinct positions; duplicates are rare and dropped
        draw = np.sort(rng.random((max_subsets, n)).argsort(axis=1)[:, :k], axis=1)
        rows = np.unique(np.concatenate([rows, draw]), axis=0)
    return rows[np.sort(rng.choice(rows.shape[0], size=max_subsets, replace=False))]


def _row_summary(vals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Mean, median, min and max of each row ignoring NaN (NaN for an all-NaN row), from one sort per row.

    np.nanmedian falls back to masked arrays for short rows, which is much slower than sorting."""
    srt = np.sort(vals, axis=1)  # NaN sort last
    valid = (~np.isnan(srt)).sum(axis=1)
    rows = np.arange(srt.shape[0])
    last = np.maximum(valid - 1, 0)
    lo = srt[rows, last // 2]
    hi = srt[rows, np.minimum(valid // 2, last)]
    empty = valid == 0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(empty, np.nan, np.nansum(srt, axis=1) / np.maximum(valid, 1))
    median = np.where(empty, np.nan, (lo + hi) / 2)
    minimum = np.where(empty, np.nan, srt[:, 0])
    maximum = np.where(empty, np.nan, srt[rows, last])
    return mean, median, minimum, maximum


def _summaries(mat: np.ndarray, max_subsets: int) -> dict[str, np.ndarray]:
    """Summary screens for a (tenders × n) block of sorted bids, n ≥ 3."""
    t, n = mat.shape
    idx3 = _subset_index(n, 3, max_subsets)
    idx4 = _subset_index(n, 4, max_subsets) if n >= 4 else None
    per_tender = idx3.shape[0] * 3 + (0 if idx4 is None else idx4.shape[0] * 4)
    step = max(1, _BLOCK_FLOATS // per_tender)
    cols: dict[str, list[np.ndarray]] = {c: [] for c in SUMMARY_COLUMNS}
    for lo in range(0, t, step):
        block = mat[lo : lo + step]
        s3 = column_screens([block[:, idx3[:, j]] for j in range(3)], SUBGROUP_SCREENS)
        s4 = (
            column_screens([block[:, idx4[:, j]] for j in range(4)], SUBGROUP_SCREENS)
            if idx4 is not None
            else None
        )
        for name in SUBGROUP_SCREENS:
            if name == "KURT":
                vals = s4[name] if s4 is not None else np.full((block.shape[0], 1), np.nan)
            elif s4 is not None:
                vals = np.concatenate([s3[name], s4[name]], axis=1)
            else:
                vals = s3[name]
            for stat, column in zip(SUMMARY_STATS, _row_summary(vals), strict=True):
                cols[f"sub_{name}_{stat}"].append(column)
    return {c: np.concatenate(v) for c, v in cols.items()}


def tender_screens(
    bids: pd.DataFrame, *, summary: bool = True, max_subsets: int = MAX_SUBSETS
) -> pd.DataFrame:
    """One row per tender (index ``tender``, sorted): n_bids, the screens and, if ``summary``, the summary screens.

    ``bids`` needs the columns ``tender`` and ``bid_value`` (positive numbers; rows with a missing value are
    ignored). Any other column is ignored.
    """
    frame = bids[["tender", "bid_value"]]
    values = pd.to_numeric(frame["bid_value"], errors="coerce").to_numpy(dtype=float)
    keep = np.isfinite(values)
    codes, uniques = pd.factorize(frame["tender"].to_numpy()[keep], sort=True)
    values = values[keep]
    n_tenders = len(uniques)
    columns = ["n_bids", *SCREENS, *(SUMMARY_COLUMNS if summary else [])]
    result = np.full((n_tenders, len(columns)), np.nan)
    if n_tenders:
        counts = np.bincount(codes, minlength=n_tenders)
        size_of_bid = counts[codes]
        order = np.lexsort((values, codes, size_of_bid))
        sorted_values = values[order]
        sorted_codes = codes[order]
        result[:, 0] = counts
        pos = 0
        for n in np.unique(counts):
            t = int((counts == n).sum())
            block = sorted_values[pos : pos + t * n].reshape(t, n)
            tender_rows = sorted_codes[pos : pos + t * n : n]
            pos += t * n
            screens = matrix_screens(block)
            for j, name in enumerate(SCREENS, start=1):
                result[tender_rows, j] = screens[name]
            if summary and n >= 3:
                sums = _summaries(block, max_subsets)
                base = 1 + len(SCREENS)
                for j, name in enumerate(SUMMARY_COLUMNS):
                    result[tender_rows, base + j] = sums[name]
    out = pd.DataFrame(result, columns=columns, index=pd.Index(uniques, name="tender"))
    out["n_bids"] = out["n_bids"].astype(int)
    return out
