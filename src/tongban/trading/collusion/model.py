"""CollusionModel: a score in [0, 1] per tender (higher = more suspicious) with reasons in plain Chinese.

Features (features.py): n_bids, the screens and summary screens recomputed from the bids, the co-bidding
network features when bidder ids exist, and optional rule features (F1–F12 flags from the trading app) passed as
``extra_features``; each ranked within its market. Never Date, period, site or tender ids.

Estimator: the mean of an extra-trees forest and a histogram gradient-boosting model, trained with sample
weights that give every (market, class) cell the same total weight (balanced classes within each market, and
markets counted equally). Two such pairs are trained: one on all features, one on the price features only; a market without
bidder ids (at least half the bids without one), or a batch of fewer than 50 tenders given without its
market's ``history``, is scored by the price-only pair, so the network features are never filled in from
nothing.

Decision point: the threshold that maximises Youden's J (= balanced accuracy) on out-of-fold predictions of
the *training* data (3-fold; with fewer than 200 training tenders the threshold stays 0.5), then the raw probability is mapped piecewise-linearly so that this threshold
becomes 0.5: ``score ≥ 0.5`` is the model's flag, and the order of the scores is unchanged.

Reasons (occlusion): for each feature family (CV and its summary screens; SPD; DIFFP; RD/RDNOR/RDALT; KURT;
SKEW; KS; n_bids; companion pairs; bidder group; always-losing bidders; the winner's win rate; experience; each
rule feature) the family's columns are set to the training median and the tender is scored again; the drop
in score is that family's contribution. The reasons are the (up to) three families with the largest positive
contributions, written with the tender's headline value and its percentile in its market. It is a local,
model-agnostic explanation (like a one-feature-group-at-a-time SHAP baseline), not a causal claim.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import ExtraTreesClassifier, HistGradientBoostingClassifier
from sklearn.metrics import roc_curve
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from .features import (
    MIN_BATCH,
    PRICE_COLUMNS,
    build_features,
    has_bidders,
    reference_values,
    transform,
)
from .io import tender_labels
from .network import TENDER_COLUMNS as NETWORK_COLUMNS

FORMAT_VERSION = 1
MAX_EXPLAINED = 5000
MIN_THRESHOLD_TRAINING = 200

# family → (Chinese name, headline column, how the headline value is printed)
FAMILIES: dict[str, tuple[str, str, str]] = {
    "n_bids": ("投标人数", "n_bids", "{:.0f} 家"),
    "CV": ("报价变异系数 CV", "CV", "{:.4f}"),
    "SPD": ("报价极差率 SPD", "SPD", "{:.4f}"),
    "DIFFP": ("最低两价差率 DIFFP", "DIFFP", "{:.4f}"),
    "RD": ("最低价相对距离 RD", "RD", "{:.3f}"),
    "KURT": ("报价峰度 KURT", "KURT", "{:.3f}"),
    "SKEW": ("报价偏度 SKEW", "SKEW", "{:.3f}"),
    "KS": ("报价分布均匀性检验 KS", "KS", "{:.3f}"),
    "pairs": ("伴随投标（异常频繁共同投标的投标人对占比）", "net_sig_pair_share", "{:.0%}"),
    "group": ("同一投标人团伙的投标占比", "net_group_share", "{:.0%}"),
    "losers": ("陪标专业户（屡投不中的投标人）异常度", "net_max_lose_surprise", "{:.1f}"),
    "winner": ("中标人在其他标段的中标率", "net_winner_win_rate", "{:.0%}"),
    "experience": ("投标人平均投标经验（对数）", "net_mean_experience", "{:.2f}"),
}


def family_of(column: str) -> str:
    column = column.removeprefix("abs_")
    if column.startswith("rule_"):
        return column
    if column == "n_bids":
        return "n_bids"
    if column.startswith("net_"):
        if column in ("net_max_log_lift", "net_mean_log_lift", "net_sig_pair_share"):
            return "pairs"
        if column.startswith("net_group") or column == "net_winner_in_group":
            return "group"
        if column in ("net_loser_share", "net_max_lose_surprise"):
            return "losers"
        if column == "net_winner_win_rate":
            return "winner"
        return "experience"
    screen = column[4:].rsplit("_", 1)[0] if column.startswith("sub_") else column
    return "RD" if screen in ("RD", "RDNOR", "RDALT") else screen


@dataclass
class _Head:
    """One estimator pair over a fixed column list, with its decision threshold and training medians."""

    columns: list[str]
    estimators: list = field(default_factory=list)
    threshold: float = 0.5
    medians: dict[str, float] = field(default_factory=dict)

    def raw_proba(self, x: pd.DataFrame) -> np.ndarray:
        m = x[self.columns].to_numpy(dtype=float)
        with threadpool_limits(limits=1, user_api="openmp"):
            return np.mean([e.predict_proba(m)[:, 1] for e in self.estimators], axis=0)

    def score(self, x: pd.DataFrame) -> np.ndarray:
        return _calibrate(self.raw_proba(x), self.threshold)


def _calibrate(p: np.ndarray, threshold: float) -> np.ndarray:
    """Monotone map of [0, 1] onto itself sending ``threshold`` to 0.5."""
    t = min(max(threshold, 1e-6), 1 - 1e-6)
    return np.where(p < t, 0.5 * p / t, 0.5 + 0.5 * (p - t) / (1 - t))


def _estimators(seed: int, n_estimators: int, n_jobs: int) -> list:
    return [
        ExtraTreesClassifier(
            n_estimators=n_estimators,
            min_samples_leaf=2,
            max_features="sqrt",
            n_jobs=n_jobs,
            random_state=seed,
        ),
        HistGradientBoostingClassifier(
            max_iter=min(100, n_estimators),
            learning_rate=0.1,
            max_leaf_nodes=15,
            min_samples_leaf=10,
            l2_regularization=1.0,
            random_state=seed,
        ),
    ]


def market_class_weights(market: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Sample weights giving every (market, class) cell the same total weight, mean 1.

    Within one market this is scikit-learn's class_weight="balanced". Across markets it keeps the largest
    market (CH: 4,344 of 5,803 labelled tenders) from dictating what collusion looks like everywhere."""
    cells = market.astype(np.int64) * 2 + y.astype(np.int64)
    _, inverse, counts = np.unique(cells, return_inverse=True, return_counts=True)
    w = 1.0 / counts[inverse]
    return w * len(w) / w.sum()


def _youden_threshold(y: np.ndarray, p: np.ndarray) -> float:
    fpr, tpr, thr = roc_curve(y, p)
    j = int(np.argmax(tpr - fpr))
    return float(min(max(thr[j], 0.0), 1.0))


class CollusionModel:
    """Fit on labelled markets, score tenders of any market. See the module doc for the method."""

    def __init__(
        self,
        *,
        n_estimators: int = 200,
        seed: int = 42,
        n_jobs: int = 2,
        network: bool = True,
        features: str = "rank",
    ):
        self.features = features
        self.n_estimators = n_estimators
        self.seed = seed
        self.n_jobs = n_jobs
        self.network = network
        self.heads: dict[str, _Head] = {}
        self.reference: dict[str, np.ndarray] = {}
        self.extra_columns: list[str] = []
        self.trained_on: list[str] = []

    # -- features ---------------------------------------------------------------------------------------
    def market_features(
        self, bids: pd.DataFrame, extra_features: pd.DataFrame | None = None
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(raw, normalised) features of one market's tenders."""
        raw = build_features(bids, extra_features, network=self.network)
        return raw, transform(raw, self.features)

    # -- training ---------------------------------------------------------------------------------------
    def fit(self, frames: list[pd.DataFrame], extra_features: list[pd.DataFrame | None] | None = None):
        """Train on labelled bid frames, one per market (each as returned by io.read_labelled)."""
        raws, xs, ys, with_net = [], [], [], []
        for i, frame in enumerate(frames):
            extra = extra_features[i] if extra_features else None
            raw, x = self.market_features(frame, extra)
            raws.append(raw)
            xs.append(x)
            ys.append(tender_labels(frame).reindex(x.index).to_numpy(dtype=bool))
            with_net.append(self.network and has_bidders(frame))
            if "dataset" in frame.columns:
                self.trained_on.append(str(frame["dataset"].iloc[0]))
        self.fit_features(xs, ys, with_net)
        self.reference = reference_values(pd.concat(raws))
        return self

    def fit_features(
        self,
        xs: list[pd.DataFrame],
        ys: list[np.ndarray],
        with_net: list[bool],
        heads: tuple[str, ...] | None = None,
    ) -> None:
        """Train from already normalised features (used by evaluate, which builds them once per market).

        ``heads`` limits training to ``("price",)`` or ``("full",)`` (evaluate trains only the one it scores
        with); by default both are trained where possible."""
        x = pd.concat(xs)
        y = np.concatenate(ys)
        market = np.concatenate([np.full(len(xi), i) for i, xi in enumerate(xs)])
        if len(np.unique(y)) < 2:
            raise ValueError("训练数据必须同时包含串标和非串标的标段。")
        self.extra_columns = sorted(c for c in x.columns if c.startswith("rule_"))
        price = [c for c in PRICE_COLUMNS if c in x.columns] + self.extra_columns
        price += [f"abs_{c}" for c in price if f"abs_{c}" in x.columns]
        self.heads = {}
        if heads is None or "price" in heads:
            self.heads["price"] = self._fit_head(x, y, price, market)
        net_rows = np.concatenate([np.full(len(xi), flag) for xi, flag in zip(xs, with_net, strict=True)])
        want_full = heads is None or "full" in heads
        if want_full and self.network and net_rows.any() and len(np.unique(y[net_rows])) == 2:
            full = price + [c for c in NETWORK_COLUMNS if c in x.columns]
            full += [f"abs_{c}" for c in NETWORK_COLUMNS if f"abs_{c}" in x.columns]
            self.heads["full"] = self._fit_head(x[net_rows], y[net_rows], full, market[net_rows])

    def _fit_head(self, x: pd.DataFrame, y: np.ndarray, columns: list[str], market: np.ndarray) -> _Head:
        # OpenMP threads spin while waiting: on a shared, busy machine gradient boosting's default threads
        # slow everything down many times over. One thread; the forest has its own n_jobs.
        with threadpool_limits(limits=1, user_api="openmp"):
            return self._fit_head_inner(x, y, columns, market)

    def _fit_head_inner(
        self, x: pd.DataFrame, y: np.ndarray, columns: list[str], market: np.ndarray
    ) -> _Head:
        m = x[columns].to_numpy(dtype=float)
        w = market_class_weights(market, y)
        head = _Head(columns=columns, medians={c: float(np.median(x[c])) for c in columns})
        folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=self.seed)
        oof = np.zeros(len(y))
        # Youden thresholds from a few dozen out-of-fold predictions are noise: small training sets keep 0.5,
        # the natural point of balanced class weights.
        if len(y) >= MIN_THRESHOLD_TRAINING and min(np.bincount(y.astype(int))) >= 10:
            for tr, te in folds.split(m, y):
                ests = _estimators(self.seed, self.n_estimators, self.n_jobs)
                oof[te] = np.mean(
                    [e.fit(m[tr], y[tr], sample_weight=w[tr]).predict_proba(m[te])[:, 1] for e in ests],
                    axis=0,
                )
            head.threshold = _youden_threshold(y, oof)
        head.estimators = [
            e.fit(m, y, sample_weight=w) for e in _estimators(self.seed, self.n_estimators, self.n_jobs)
        ]
        return head

    # -- scoring ----------------------------------------------------------------------------------------
    def head_for(self, bids: pd.DataFrame) -> _Head:
        """The full head for a market with bidder ids and enough tenders to see who bids with whom (at least
        MIN_BATCH); otherwise the price-only head."""
        if "full" in self.heads and has_bidders(bids) and bids["tender"].nunique() >= MIN_BATCH:
            return self.heads["full"]
        return self.heads["price"]

    def score(
        self,
        bids: pd.DataFrame,
        extra_features: pd.DataFrame | None = None,
        *,
        history: pd.DataFrame | None = None,
        explain: bool = True,
    ) -> pd.DataFrame:
        """One row per tender of ``bids``: tender, score in [0, 1] (≥ 0.5 = flagged), reasons (Chinese text).

        ``history``: earlier bids of the same market (same columns). The network and the within-market ranks
        are computed over history + bids, so a handful of new tenders is judged against the market they
        belong to; only the tenders of ``bids`` are returned."""
        if not self.heads:
            raise ValueError("模型尚未训练。")
        wanted = pd.Index(sorted(pd.unique(bids["tender"])))
        market = bids if history is None else pd.concat([history[~history["tender"].isin(wanted)], bids])
        raw = build_features(market, extra_features, network=self.network)
        for col in self.extra_columns:
            if col not in raw.columns:
                raw[col] = np.nan
        x = transform(raw, self.features, None if len(raw) >= MIN_BATCH else self.reference)
        keep = raw.index.isin(wanted)
        raw, x = raw[keep], x[keep]
        head = self.head_for(market)
        score = head.score(x)
        out = pd.DataFrame({"tender": raw.index.to_numpy(), "score": np.round(score, 4)})
        out["reasons"] = self.reasons(head, raw, x, score) if explain else ""
        return out

    def contributions(self, head: _Head, x: pd.DataFrame, score: np.ndarray) -> pd.DataFrame:
        """Score drop when each feature family is set to its training median (tenders × families)."""
        families: dict[str, list[str]] = {}
        for col in head.columns:
            families.setdefault(family_of(col), []).append(col)
        out = {}
        for fam, cols in families.items():
            occluded = x.copy()
            for c in cols:
                occluded[c] = head.medians[c]
            out[fam] = score - head.score(occluded)
        return pd.DataFrame(out, index=x.index)

    def reasons(self, head: _Head, raw: pd.DataFrame, x: pd.DataFrame, score: np.ndarray, top: int = 3):
        texts = pd.Series("", index=raw.index, dtype=object)
        chosen = np.argsort(-score, kind="stable")[:MAX_EXPLAINED]
        if not len(chosen):
            return texts.to_numpy()
        sub = x.iloc[chosen]
        contrib = self.contributions(head, sub, score[chosen])
        for row_pos, (tender, row) in enumerate(contrib.iterrows()):
            parts = []
            for fam, value in row.sort_values(ascending=False).items():
                if value <= 0.005 or len(parts) == top:
                    break
                parts.append(self._describe(fam, raw.loc[tender], sub.iloc[row_pos], value))
            texts.loc[tender] = "；".join(parts) if parts else "无突出异常特征"
        return texts.to_numpy()

    @staticmethod
    def _describe(fam: str, raw_row: pd.Series, x_row: pd.Series, contribution: float) -> str:
        if fam.startswith("rule_"):
            name, column, fmt = f"规则 {fam[5:]}", fam, "{:g}"
        else:
            name, column, fmt = FAMILIES.get(fam, (fam, fam, "{:g}"))
        value = raw_row.get(column, np.nan)
        pct = x_row.get(column, -1.0)
        shown = "缺失" if pd.isna(value) else fmt.format(value)
        where = ""
        if pct >= 0:
            where = f"，高于本市场 {pct:.0%} 的标段" if pct >= 0.5 else f"，低于本市场 {1 - pct:.0%} 的标段"
        return f"{name}={shown}{where}（+{contribution:.2f}）"

    # -- persistence ------------------------------------------------------------------------------------
    def save(self, path) -> None:
        """A pickle: load only model files this deployment wrote itself (unpickling runs code)."""
        payload = {"format": FORMAT_VERSION, "sklearn": sklearn.__version__, "model": self}
        Path(path).write_bytes(pickle.dumps(payload, protocol=5))

    @classmethod
    def load(cls, path) -> CollusionModel:
        try:
            data = pickle.loads(Path(path).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ModuleNotFoundError) as exc:
            raise ValueError(f"无法读取模型文件 {path}：{exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            found = data.get("format") if isinstance(data, dict) else "未知"
            raise ValueError(
                f"模型文件 {path} 的格式版本为 {found}，本程序需要 {FORMAT_VERSION}：请重新训练。"
            )
        if data.get("sklearn") != sklearn.__version__:
            raise ValueError(
                f"模型文件 {path} 由 scikit-learn {data.get('sklearn')} 训练，当前为 {sklearn.__version__}：请重新训练。"
            )
        return data["model"]
