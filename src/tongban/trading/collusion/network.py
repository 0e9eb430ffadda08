"""The co-bidding network: who bids with whom, how often, who wins (collusion.md §5; indicator F14).

``bidder_features(bids)`` takes bids with columns tender, bidder, bid_value, winner and returns
``(tenders, bidders, groups)``:

- **pairs**: two bidders co-bid in c tenders out of N; they bid in a and b tenders. Under independent entry the
  co-bid count is hypergeometric (N, a, b): ``lift = c·N/(a·b)`` and ``p = P(X ≥ c)``. A pair is *significant*
  when c ≥ 3, lift ≥ 1.5 and p < 0.001 (companion bidding, 伴随投标).
- **groups** (communities): Louvain communities (networkx, fixed seed) of the graph of significant pairs,
  weighted by −log10 p; groups of 2 or more bidders. For each group: ``cohesion`` (share of its member pairs
  that are significant), ``exclusivity`` (share of its members' co-bids that are with other members),
  ``group_tenders`` (tenders with ≥ 2 members), ``win_share`` (share of those won by a member) and ``rotation``
  (normalised entropy of the members' wins in those tenders: 1 = every winning member won equally often, 0 = one
  member wins them all or nobody wins).
- **bidders**: participations, wins, win rate, and ``lose_surprise`` = −log10 P(W ≤ wins) where W is Poisson with
  mean Σ 1/nₜ over the bidder's tenders (the wins a bidder would get by lottery): large for a bidder that keeps
  bidding and never wins (陪标专业户). ``always_loser`` = at least 5 bids, no win and lose_surprise ≥ 1.
- **tenders** (the features the model uses, prefix ``net_``): share of bids with a bidder id, max and mean
  log-lift of the tender's pairs, share of significant pairs, share of the tender's bidders from its dominant
  group and that group's cohesion, exclusivity, rotation and win share, whether the winner is in it, share of
  always-losers and the largest lose_surprise among the tender's losers, the winner's win rate in its *other*
  tenders, and the bidders' mean experience (log of participations).

Without bidder ids every ``net_`` feature is NaN and ``net_known`` is 0. Labels are never used here: the
network is unsupervised, so computing it over all the tenders of a market (as a live system would over its
history) leaks no label.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from scipy import stats

MIN_COBIDS = 3
MIN_LIFT = 1.5
MAX_P = 1e-3
LOSER_MIN_BIDS = 5
MAX_PAIR_BIDDERS = 120  # tenders with more bidders than this contribute no pairs (n² pairs)

TENDER_COLUMNS = [
    "net_known",
    "net_max_log_lift",
    "net_mean_log_lift",
    "net_sig_pair_share",
    "net_group_share",
    "net_group_cohesion",
    "net_group_exclusivity",
    "net_group_rotation",
    "net_group_win_share",
    "net_winner_in_group",
    "net_loser_share",
    "net_max_lose_surprise",
    "net_winner_win_rate",
    "net_mean_experience",
]


@dataclass
class Groups:
    """Bidder groups: ``members`` maps group id → sorted bidder ids; ``table`` has one row per group."""

    members: dict[int, list[str]]
    table: pd.DataFrame

    def __len__(self) -> int:
        return len(self.members)


def _empty(tenders: pd.Index) -> tuple[pd.DataFrame, pd.DataFrame, Groups]:
    out = pd.DataFrame(np.nan, index=tenders, columns=TENDER_COLUMNS)
    out["net_known"] = 0.0
    bidders = pd.DataFrame(
        columns=["n_tenders", "n_wins", "win_rate", "lose_surprise", "always_loser", "group"]
    )
    return out, bidders, Groups({}, pd.DataFrame())


def _pairs(part: pd.DataFrame) -> pd.DataFrame:
    """All bidder pairs (a < b by code) of each tender, vectorised over tenders of the same size."""
    sizes = part.groupby("t", sort=False)["b"].transform("size").to_numpy()
    part = part.assign(size=sizes).sort_values(["size", "t", "b"], kind="stable")
    t_arr, b_arr, size_arr = part["t"].to_numpy(), part["b"].to_numpy(), part["size"].to_numpy()
    chunks_t, chunks_a, chunks_b = [], [], []
    pos = 0
    for n in np.unique(size_arr):
        count = int((size_arr == n).sum())
        if n >= 2 and n <= MAX_PAIR_BIDDERS:
            block = b_arr[pos : pos + count].reshape(-1, n)
            ia, ib = np.triu_indices(n, k=1)
            chunks_a.append(block[:, ia].ravel())
            chunks_b.append(block[:, ib].ravel())
            chunks_t.append(np.repeat(t_arr[pos : pos + count : n], len(ia)))
        pos += count
    if not chunks_t:
        return pd.DataFrame({"t": [], "a": [], "b": []}, dtype=np.int64)
    return pd.DataFrame(
        {"t": np.concatenate(chunks_t), "a": np.concatenate(chunks_a), "b": np.concatenate(chunks_b)}
    )


def _entropy_norm(counts: np.ndarray) -> float:
    counts = counts[counts > 0]
    if len(counts) <= 1:
        return 0.0
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum() / np.log(len(counts)))


def bidder_features(bids: pd.DataFrame, *, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame, Groups]:
    """Tender-level network features (index tender, sorted), bidder table (index bidder) and groups."""
    tenders = pd.Index(sorted(pd.unique(bids["tender"])), name="tender")
    if "bidder" not in bids.columns or bids["bidder"].isna().all():
        return _empty(tenders)
    known = bids["bidder"].notna().groupby(bids["tender"]).mean().reindex(tenders)
    df = bids[bids["bidder"].notna()]
    winner = df["winner"] if "winner" in df.columns else pd.Series(pd.NA, index=df.index)
    winner = winner.astype("boolean")
    has_winner_info = bool(winner.notna().any())
    t_codes, t_uniques = pd.factorize(df["tender"], sort=True)
    b_codes, b_uniques = pd.factorize(df["bidder"].astype(str), sort=True)
    part = pd.DataFrame({"t": t_codes, "b": b_codes, "w": winner.fillna(False).to_numpy(dtype=bool)})
    part = part.groupby(["t", "b"], as_index=False)["w"].max()  # one participation per (tender, bidder)
    n_t, n_b = len(t_uniques), len(b_uniques)
    size_t = np.bincount(part["t"], minlength=n_t)

    # bidders
    n_part = np.bincount(part["b"], minlength=n_b)
    wins = np.bincount(part["b"], weights=part["w"], minlength=n_b)
    expected = np.bincount(part["b"], weights=1.0 / size_t[part["t"]], minlength=n_b)
    if has_winner_info:
        surprise = -np.log10(np.clip(stats.poisson.cdf(wins, expected), 1e-300, 1.0))
    else:
        surprise = np.full(n_b, np.nan)
    always_loser = (n_part >= LOSER_MIN_BIDS) & (wins == 0) & (surprise >= 1.0) & has_winner_info
    bidders = pd.DataFrame(
        {
            "n_tenders": n_part,
            "n_wins": wins if has_winner_info else np.nan,
            "win_rate": wins / n_part if has_winner_info else np.nan,
            "lose_surprise": surprise,
            "always_loser": always_loser,
        },
        index=pd.Index(b_uniques, name="bidder"),
    )

    # pairs and their significance
    pairs = _pairs(part[["t", "b"]])
    counts = pairs.groupby(["a", "b"]).size().rename("c").reset_index()
    a_n, b_n, c = n_part[counts["a"]], n_part[counts["b"]], counts["c"].to_numpy()
    counts["lift"] = c * n_t / (a_n * b_n)
    counts["p"] = stats.hypergeom.sf(c - 1, n_t, a_n, b_n)
    counts["sig"] = (c >= MIN_COBIDS) & (counts["lift"] >= MIN_LIFT) & (counts["p"] < MAX_P)

    # groups: communities of the significant-pair graph
    sig = counts[counts["sig"]]
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        zip(
            sig["a"].tolist(),
            sig["b"].tolist(),
            (-np.log10(np.maximum(sig["p"], 1e-300))).tolist(),
            strict=True,
        )
    )
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed) if len(graph) else []
    communities = sorted((sorted(cm) for cm in communities if len(cm) >= 2), key=lambda m: (-len(m), m[0]))
    group_of = np.full(n_b, -1)
    for g, members in enumerate(communities):
        group_of[members] = g
    bidders["group"] = group_of

    cobid_total = np.bincount(counts["a"], weights=c, minlength=n_b) + np.bincount(
        counts["b"], weights=c, minlength=n_b
    )
    same = (group_of[counts["a"]] == group_of[counts["b"]]) & (group_of[counts["a"]] >= 0)
    rows = []
    part_group = group_of[part["b"].to_numpy()]
    for g, members in enumerate(communities):
        size = len(members)
        in_g = same & (group_of[counts["a"]] == g)
        sig_edges = int((in_g & counts["sig"]).sum())
        within = float(c[in_g].sum())
        total = float(cobid_total[members].sum()) - within  # within pairs are counted at both ends
        member_rows = part[part_group == g]
        per_tender = member_rows.groupby("t").size()
        group_tenders = per_tender.index[per_tender >= 2]
        gt_rows = member_rows[member_rows["t"].isin(group_tenders)]
        member_wins = gt_rows.groupby("b")["w"].sum().reindex(members, fill_value=0).to_numpy()
        rows.append(
            {
                "group": g,
                "size": size,
                "cohesion": sig_edges / (size * (size - 1) / 2),
                "exclusivity": within / total if total else 0.0,
                "group_tenders": len(group_tenders),
                "win_share": member_wins.sum() / len(group_tenders) if len(group_tenders) else 0.0,
                "rotation": _entropy_norm(member_wins),
                "members": ", ".join(b_uniques[members]),
            }
        )
    group_table = pd.DataFrame(rows).set_index("group") if rows else pd.DataFrame()
    groups = Groups({g: list(b_uniques[m]) for g, m in enumerate(communities)}, group_table)

    # tender level
    out = pd.DataFrame(index=pd.RangeIndex(n_t))
    log_lift = np.log(counts.set_index(["a", "b"])["lift"])
    pair_lift = log_lift.reindex(pd.MultiIndex.from_arrays([pairs["a"], pairs["b"]])).to_numpy()
    pair_sig = counts.set_index(["a", "b"])["sig"].reindex(
        pd.MultiIndex.from_arrays([pairs["a"], pairs["b"]])
    )
    per_pair = pd.DataFrame(
        {"t": pairs["t"].to_numpy(), "ll": pair_lift, "sig": pair_sig.to_numpy(dtype=float)}
    )
    agg = per_pair.groupby("t").agg(mx=("ll", "max"), mean=("ll", "mean"), sig=("sig", "mean"))
    out["net_max_log_lift"] = agg["mx"]
    out["net_mean_log_lift"] = agg["mean"]
    out["net_sig_pair_share"] = agg["sig"]

    # the dominant group of each tender: the group with most of its bidders
    pg = pd.DataFrame({"t": part["t"], "g": part_group, "w": part["w"]})
    pg = pg[pg["g"] >= 0]
    cnt = pg.groupby(["t", "g"]).agg(k=("w", "size"), win=("w", "max")).reset_index()
    cnt = cnt.sort_values(["t", "k", "g"], ascending=[True, False, True]).drop_duplicates("t")
    dom = cnt.set_index("t")
    out["net_group_share"] = (dom["k"] / size_t[dom.index]).where(dom["k"] >= 2)
    out["net_group_share"] = out["net_group_share"].fillna(0.0)
    has_dom = dom[dom["k"] >= 2]
    for col, src in [
        ("net_group_cohesion", "cohesion"),
        ("net_group_exclusivity", "exclusivity"),
        ("net_group_rotation", "rotation"),
        ("net_group_win_share", "win_share"),
    ]:
        vals = group_table[src].reindex(has_dom["g"]).to_numpy() if len(group_table) else np.array([])
        out[col] = pd.Series(vals, index=has_dom.index).reindex(out.index).fillna(0.0)
    out["net_winner_in_group"] = has_dom["win"].astype(float).reindex(out.index).fillna(0.0)

    b_of = part["b"].to_numpy()
    t_of = part["t"].to_numpy()
    out["net_loser_share"] = np.bincount(t_of, weights=always_loser[b_of], minlength=n_t) / size_t
    losers = ~part["w"].to_numpy()
    ls = pd.Series(surprise[b_of][losers]).groupby(t_of[losers]).max()
    out["net_max_lose_surprise"] = ls.reindex(out.index).fillna(0.0) if has_winner_info else np.nan
    if has_winner_info:
        w_rows = part[part["w"]]
        other_wins = wins[w_rows["b"]] - 1
        other_bids = n_part[w_rows["b"]] - 1
        rate = np.where(other_bids > 0, other_wins / np.maximum(other_bids, 1), np.nan)
        out["net_winner_win_rate"] = pd.Series(rate, index=w_rows["t"].to_numpy()).groupby(level=0).max()
    else:
        out["net_winner_win_rate"] = np.nan
    out["net_mean_experience"] = np.bincount(t_of, weights=np.log(n_part[b_of]), minlength=n_t) / size_t
    out.index = pd.Index(t_uniques, name="tender")
    out = out.reindex(tenders)
    out["net_known"] = known
    if not has_winner_info:
        out[["net_group_win_share", "net_winner_in_group", "net_group_rotation"]] = np.nan
    return out[TENDER_COLUMNS], bidders, groups
