import numpy as np
import pandas as pd

from tongban.trading.collusion.network import TENDER_COLUMNS, bidder_features


def _market():
    """A constructed market: firms A, B, C always bid together (10 tenders, A and B take turns winning, C never
    wins); 30 other tenders among firms D…K at random, one of them won by each in turn."""
    rows = []
    for t in range(10):
        winner = "A" if t % 2 == 0 else "B"
        for firm in "ABC":
            rows.append((f"R{t}", firm, 100 + (0 if firm == winner else 5), firm == winner))
    rng = np.random.default_rng(0)
    others = list("DEFGHIJK")
    for t in range(30):
        firms = rng.choice(others, size=3, replace=False)
        for i, firm in enumerate(firms):
            rows.append((f"O{t}", firm, 100 + 10 * i, i == 0))
    return pd.DataFrame(rows, columns=["tender", "bidder", "bid_value", "winner"])


def test_ring_is_found_with_rotation_and_a_professional_loser():
    tenders, bidders, groups = bidder_features(_market())
    ring = [g for g, members in groups.members.items() if members == ["A", "B", "C"]]
    assert ring, groups.members
    row = groups.table.loc[ring[0]]
    assert row["cohesion"] == 1.0
    assert row["exclusivity"] == 1.0  # A, B, C never co-bid with anyone else
    assert row["group_tenders"] == 10 and row["win_share"] == 1.0
    assert row["rotation"] == 1.0  # A and B won 5 each
    assert bidders.loc["C", "n_wins"] == 0 and bidders.loc["C", "always_loser"]
    assert bidders.loc["C", "lose_surprise"] > 1.0
    assert not bidders.loc["A", "always_loser"]
    r = tenders.loc["R3"]
    assert r.net_group_share == 1.0 and r.net_winner_in_group == 1.0
    assert r.net_sig_pair_share == 1.0 and r.net_known == 1.0
    assert r.net_loser_share == 1 / 3
    o = tenders.loc["O3"]
    assert o.net_group_share == 0.0 and o.net_sig_pair_share < 1.0
    assert o.net_max_log_lift < r.net_max_log_lift


def test_pair_lift_and_winner_rate():
    tenders, _, _ = bidder_features(_market())
    # A, B, C each bid in 10 of 40 tenders and always together: lift = 10 * 40 / (10 * 10) = 4
    assert tenders.loc["R0", "net_max_log_lift"] == np.log(4.0)
    # A won 5 of its 10 tenders; excluding R0 itself: 4 of 9
    assert tenders.loc["R0", "net_winner_win_rate"] == 4 / 9


def test_without_bidder_ids_features_are_missing():
    bids = _market().assign(bidder=pd.NA)
    tenders, bidders, groups = bidder_features(bids)
    assert list(tenders.columns) == TENDER_COLUMNS
    assert (tenders["net_known"] == 0).all()
    assert tenders.drop(columns="net_known").isna().all().all()
    assert len(bidders) == 0 and len(groups) == 0


def test_without_winner_information():
    bids = _market().assign(winner=pd.NA)
    tenders, bidders, _ = bidder_features(bids)
    assert tenders["net_winner_win_rate"].isna().all()
    assert not bidders["always_loser"].any()
    assert tenders.loc["R0", "net_group_share"] == 1.0
