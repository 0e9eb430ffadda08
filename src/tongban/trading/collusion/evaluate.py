"""Measuring the detector (collusion.md, protocols P2 and P3), beside the §6 baseline in the same run.

- **P2** (primary, within a market): one row per tender; ``repeats`` stratified 80/20 splits
  (``StratifiedShuffleSplit``, ``random_state=seed``) per dataset. Features are computed once per market from
  the bids alone (unsupervised: no label is used), the model is trained on the 80 % and scored on the 20 %.
- **P3** (generalisation): leave one dataset out: train on the other markets, score the held-out market
  (features ranked within each market); repeated with seeds seed … seed + repeats − 1 (the held-out set is the
  whole market, so only the model's randomness varies).

Positive class = collusive; a tender is flagged when its score ≥ 0.5. Metrics: balanced accuracy, precision,
recall, F1, ROC-AUC, PR-AUC (average precision), as mean ± sd over the repeats, in per cent.

Baseline (§6 ``tender · screens+nbids · ET``): scikit-learn's ExtraTreesClassifier with default
hyperparameters (100 trees) on the 7 screens CV, SPD, DIFFP, RD, KURT, SKEW, KSTEST + the number of bids, one
row per tender, on the same splits. It uses the screens shipped in the file when the file has them (as §6
did), else the screens we recompute (RD then is Imhof's). The §6 published figures are printed beside it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import (
    average_precision_score,
    balanced_accuracy_score,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedShuffleSplit

from .features import has_bidders
from .io import tender_labels
from .model import CollusionModel

METRICS = ["bal_acc", "precision", "recall", "f1", "roc_auc", "pr_auc"]
BASELINE_SCREENS = ["CV", "SPD", "DIFFP", "RD", "KURT", "SKEW", "KSTEST"]
# collusion.md §6, tender · screens+nbids · ET (P2): bal.acc, precision, recall, F1, ROC-AUC (no PR-AUC given)
PUBLISHED_P2 = {
    "Brazil": (81.8, 78.9, 74.3, 75.7, 89.7),
    "CH GR+See-Gaster": (60.7, 79.3, 79.3, 79.3, 70.7),
    "Italy": (82.6, 84.9, 81.0, 82.7, 89.9),
    "Japan": (69.9, 58.8, 44.0, 49.6, 83.4),
}


def metrics(y: np.ndarray, score: np.ndarray, threshold: float = 0.5) -> dict[str, float]:
    flag = score >= threshold
    return {
        "bal_acc": balanced_accuracy_score(y, flag),
        "precision": precision_score(y, flag, zero_division=0),
        "recall": recall_score(y, flag, zero_division=0),
        "f1": f1_score(y, flag, zero_division=0),
        "roc_auc": roc_auc_score(y, score) if len(np.unique(y)) == 2 else np.nan,
        "pr_auc": average_precision_score(y, score) if len(np.unique(y)) == 2 else np.nan,
    }


def _baseline_matrix(frame: pd.DataFrame, raw: pd.DataFrame) -> tuple[np.ndarray, str]:
    shipped = [f"shipped_{c}" for c in BASELINE_SCREENS]
    if all(c in frame.columns for c in shipped):
        m = frame.groupby("tender", sort=True)[shipped].first().reindex(raw.index)
        source = "shipped screens"
    else:
        m = raw[["CV", "SPD", "DIFFP", "RD", "KURT", "SKEW", "KS"]]
        source = "recomputed screens"
    m = m.assign(n_bids=raw["n_bids"].to_numpy())
    return np.nan_to_num(m.to_numpy(dtype=float), nan=0.0), source


def _baseline(seed: int) -> ExtraTreesClassifier:
    return ExtraTreesClassifier(n_estimators=100, random_state=seed, n_jobs=1)


def _summarise(rows: list[dict], label: str, dataset: str, extra: dict) -> dict:
    frame = pd.DataFrame(rows)
    out = {"dataset": dataset, "model": label, **extra}
    for m in METRICS:
        out[f"{m}_mean"] = 100 * frame[m].mean()
        out[f"{m}_sd"] = 100 * frame[m].std(ddof=1) if len(frame) > 1 else 0.0
    return out


def _prepare(frame: pd.DataFrame, model: CollusionModel):
    raw, x = model.market_features(frame)
    y = tender_labels(frame).reindex(x.index).to_numpy(dtype=bool)
    return raw, x, y


def evaluate(
    frames: list[pd.DataFrame],
    protocol: str = "p2",
    repeats: int = 10,
    seed: int = 42,
    *,
    n_estimators: int = 200,
    n_jobs: int = 2,
    price_only_too: bool = False,
    features: str = "rank",
    progress=None,
) -> pd.DataFrame:
    """One row per (dataset, model): mean and sd of each metric in per cent. See the module doc."""
    protocol = protocol.lower()
    if protocol not in ("p2", "p3"):
        raise ValueError("protocol 应为 p2 或 p3")
    say = progress or (lambda msg: None)
    proto = CollusionModel(n_estimators=n_estimators, seed=seed, n_jobs=n_jobs, features=features)
    prepared = []
    for frame in frames:
        raw, x, y = _prepare(frame, proto)
        name = str(frame["dataset"].iloc[0]) if "dataset" in frame.columns else f"data{len(prepared)}"
        prepared.append((name, frame, raw, x, y, has_bidders(frame)))
    results = []
    if protocol == "p2":
        for name, frame, raw, x, y, net in prepared:
            say(f"P2 {name}: {len(y)} tenders, {int(y.sum())} collusive")
            ours_variants = [
                ("full" if net else "price", "ours (screens+network)" if net else "ours (screens)")
            ]
            if price_only_too and net:
                ours_variants.append(("price", "ours (screens only)"))
            base_m, source = _baseline_matrix(frame, raw)
            rows: dict[str, list] = {label: [] for _, label in ours_variants}
            rows["baseline"] = []
            splits = StratifiedShuffleSplit(n_splits=repeats, test_size=0.2, random_state=seed)
            for r, (tr, te) in enumerate(splits.split(x, y)):
                for head, label in ours_variants:
                    model = CollusionModel(
                        n_estimators=n_estimators, seed=seed + r, n_jobs=n_jobs, features=features
                    )
                    model.fit_features([x.iloc[tr]], [y[tr]], [net], heads=(head,))
                    rows[label].append(metrics(y[te], model.heads[head].score(x.iloc[te])))
                base = _baseline(seed + r).fit(base_m[tr], y[tr])
                rows["baseline"].append(metrics(y[te], base.predict_proba(base_m[te])[:, 1]))
                say(f"  split {r + 1}/{repeats}")
            info = {"tenders": len(y), "collusive": int(y.sum())}
            for _, label in ours_variants:
                results.append(_summarise(rows[label], label, name, info))
            results.append(_summarise(rows["baseline"], f"baseline ET ({source} + n_bids)", name, info))
    else:
        if len(prepared) < 2:
            raise ValueError("P3（留一市场）至少需要两个数据集。")
        for i, (name, frame, raw, x, y, net) in enumerate(prepared):
            others = [p for j, p in enumerate(prepared) if j != i]
            say(f"P3 held out {name}: train on {', '.join(p[0] for p in others)}")
            head = "full" if net else "price"
            labels = [(head, "ours (screens+network)" if net else "ours (screens)")]
            if price_only_too and net:
                labels.append(("price", "ours (screens only)"))
            rows = {label: [] for _, label in labels}
            rows["baseline"] = []
            base_train = [_baseline_matrix(p[1], p[2])[0] for p in others]
            base_test, source = _baseline_matrix(frame, raw)
            for r in range(repeats):
                for h, label in labels:
                    model = CollusionModel(
                        n_estimators=n_estimators, seed=seed + r, n_jobs=n_jobs, features=features
                    )
                    model.fit_features(
                        [p[3] for p in others], [p[4] for p in others], [p[5] for p in others], heads=(h,)
                    )
                    used = model.heads.get(h) or model.heads.get("price")
                    if used is None:
                        model.fit_features(
                            [p[3] for p in others],
                            [p[4] for p in others],
                            [p[5] for p in others],
                            heads=("price",),
                        )
                        used = model.heads["price"]
                    rows[label].append(metrics(y, used.score(x)))
                base = _baseline(seed + r).fit(np.vstack(base_train), np.concatenate([p[4] for p in others]))
                rows["baseline"].append(metrics(y, base.predict_proba(base_test)[:, 1]))
                say(f"  repeat {r + 1}/{repeats}")
            info = {"tenders": len(y), "collusive": int(y.sum())}
            for _, label in labels:
                results.append(_summarise(rows[label], label, name, info))
            results.append(_summarise(rows["baseline"], f"baseline ET ({source} + n_bids)", name, info))
    out = pd.DataFrame(results)
    out.attrs["protocol"] = protocol
    out.attrs["repeats"] = repeats
    out.attrs["seed"] = seed
    return out


def format_results(results: pd.DataFrame) -> str:
    """A plain-text table: mean ± sd per metric, with the §6 published P2 row beside each P2 dataset."""
    protocol = results.attrs.get("protocol", "p2")
    head = f"{'dataset':<18} {'model':<44} " + " ".join(f"{m:>13}" for m in METRICS)
    lines = [
        f"protocol {protocol.upper()}, {results.attrs.get('repeats')} repeats, seed {results.attrs.get('seed')}; "
        "per cent, mean ± sd; flagged = score ≥ 0.5",
        head,
        "-" * len(head),
    ]
    for dataset, group in results.groupby("dataset", sort=False):
        for _, row in group.iterrows():
            cells = " ".join(f"{row[f'{m}_mean']:6.1f} ± {row[f'{m}_sd']:4.1f}" for m in METRICS)
            lines.append(f"{dataset:<18} {row['model']:<44} {cells}")
        if protocol == "p2" and dataset in PUBLISHED_P2:
            b, p, r, f, a = PUBLISHED_P2[dataset]
            cells = " ".join(
                f"{v:6.1f}       " if v is not None else f"{'–':>6}       " for v in (b, p, r, f, a, None)
            )
            lines.append(f"{dataset:<18} {'§6 published: tender·screens+nbids·ET':<44} {cells}")
        ours = group[group["model"].str.startswith("ours")].iloc[0]
        base = group[group["model"].str.startswith("baseline")].iloc[0]
        target = PUBLISHED_P2.get(dataset) if protocol == "p2" else None
        if target:
            ok = ours["bal_acc_mean"] > target[0] and ours["roc_auc_mean"] > target[4]
            lines.append(
                f"{'':<18} beats §6 on balanced accuracy and ROC-AUC: {'yes' if ok else 'NO'}; "
                f"Δ vs in-run baseline: bal.acc {ours['bal_acc_mean'] - base['bal_acc_mean']:+.1f}, "
                f"ROC-AUC {ours['roc_auc_mean'] - base['roc_auc_mean']:+.1f}"
            )
        else:
            lines.append(
                f"{'':<18} Δ vs in-run baseline: bal.acc {ours['bal_acc_mean'] - base['bal_acc_mean']:+.1f}, "
                f"ROC-AUC {ours['roc_auc_mean'] - base['roc_auc_mean']:+.1f}"
            )
    return "\n".join(lines)
