from itertools import combinations
from math import comb

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tongban.trading.collusion.screens import (
    SUMMARY_COLUMNS,
    _subset_index,
    matrix_screens,
    tender_screens,
)
from tongban.trading.collusion.synthetic import generate_tenders


def _bids(*tenders):
    rows = [(f"T{i}", v) for i, values in enumerate(tenders) for v in values]
    return pd.DataFrame(rows, columns=["tender", "bid_value"])


def _scipy_screens(values):
    b = np.sort(np.asarray(values, dtype=float))
    n = len(b)
    s = b.std(ddof=1)
    u = (b - b[0]) / (b[-1] - b[0])
    out = {
        "n_bids": n,
        "CV": s / b.mean(),
        "SPD": (b[-1] - b[0]) / b[0],
        "DIFFP": (b[1] - b[0]) / b[0],
        "RDNOR": (b[1] - b[0]) / ((b[-1] - b[0]) / (n - 1)),
        "KS": stats.kstest(u, "uniform").statistic,
        "SKEW": stats.skew(b, bias=False) if n >= 3 else 0.0,
        "KURT": stats.kurtosis(b, fisher=True, bias=False) if n >= 4 else 0.0,
    }
    if n >= 3:
        out["RD"] = (b[1] - b[0]) / b[1:].std(ddof=1)
        out["RDALT"] = (b[1] - b[0]) / ((b[-1] - b[1]) / (n - 2))
    return out


def test_hand_computed_three_bids():
    # bids 100, 110, 130: mean 113.33, s = sqrt(((−13.33)² + (−3.33)² + 16.67²)/2) = 15.2753
    got = tender_screens(_bids([130, 100, 110]), summary=False).loc["T0"]
    assert got.n_bids == 3
    assert got.CV == pytest.approx(15.275252 / 113.333333, rel=1e-6)
    assert got.SPD == pytest.approx(0.30)
    assert got.DIFFP == pytest.approx(0.10)
    assert got.RD == pytest.approx(10 / np.std([110, 130], ddof=1))  # 10 / 14.142 = 0.7071
    assert got.RDNOR == pytest.approx(10 / 15)  # first gap 10 over the mean gap 30/2
    assert got.RDALT == pytest.approx(10 / 20)
    assert got.KURT == 0.0  # undefined for n < 4; 0 as in the files
    # u = 0, 1/3, 1 → D = max(1/3 − 0, 2/3 − 1/3, 1 − 1) ... = 1/3
    assert got.KS == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "values",
    [
        [100.0, 120.0],
        [100.0, 104.0, 180.0],
        [5.0, 5.5, 6.1, 9.0],
        [1e9, 1.01e9, 1.02e9, 1.2e9, 1.5e9],
        [100.0, 100.0, 101.0, 101.0, 130.0],  # ties
        [100.0, 100.0, 150.0],  # tie at the bottom: DIFFP = 0
        [3.2, 7.7, 1.1, 9.9, 4.4, 8.0, 2.5],
    ],
)
def test_screens_agree_with_scipy(values):
    got = tender_screens(_bids(values), summary=False).loc["T0"]
    want = _scipy_screens(values)
    for name, value in want.items():
        assert got[name] == pytest.approx(value, rel=1e-9, abs=1e-12), name
    if len(values) < 3:
        assert np.isnan(got.RD) and np.isnan(got.RDALT)


def test_degenerate_tenders():
    got = tender_screens(_bids([50.0], [7.0, 7.0, 7.0, 7.0]), summary=True)
    single, equal = got.loc["T0"], got.loc["T1"]
    assert single.n_bids == 1 and single.drop("n_bids").isna().all()
    assert equal.CV == 0 and equal.SPD == 0 and equal.DIFFP == 0
    assert np.isnan(equal.RD) and np.isnan(equal.KS) and np.isnan(equal.SKEW)
    assert not np.isinf(got.to_numpy(dtype=float)).any()


def test_scale_invariant_and_order_free():
    rng = np.random.default_rng(3)
    values = rng.lognormal(10, 1, 9)
    a = tender_screens(_bids(values))
    b = tender_screens(_bids(rng.permutation(values) * 1234.5))
    pd.testing.assert_frame_equal(a, b, rtol=1e-9)


def test_summary_screens_against_explicit_subsets():
    values = [100.0, 103.0, 104.0, 111.0, 125.0, 126.0]
    got = tender_screens(_bids(values)).loc["T0"]
    b = np.sort(values)
    subs = [b[list(c)] for k in (3, 4) for c in combinations(range(len(b)), k)]
    for name in ["CV", "SPD", "DIFFP", "RD", "RDNOR", "SKEW", "KS"]:
        vals = np.array([matrix_screens(s[None, :])[name][0] for s in subs])
        assert got[f"sub_{name}_mean"] == pytest.approx(vals.mean()), name
        assert got[f"sub_{name}_median"] == pytest.approx(np.median(vals)), name
        assert got[f"sub_{name}_min"] == pytest.approx(vals.min()), name
        assert got[f"sub_{name}_max"] == pytest.approx(vals.max()), name
    kurt = [stats.kurtosis(b[list(c)], bias=False) for c in combinations(range(len(b)), 4)]
    assert got["sub_KURT_mean"] == pytest.approx(np.mean(kurt))
    assert got["sub_KURT_max"] == pytest.approx(np.max(kurt))


def test_summary_of_three_bids_is_the_screen_itself():
    got = tender_screens(_bids([10.0, 12.0, 15.0])).loc["T0"]
    assert got["sub_CV_mean"] == pytest.approx(got["CV"]) == got["sub_CV_min"] == got["sub_CV_max"]
    assert np.isnan(got["sub_KURT_mean"])  # no subgroup of 4 bids
    two = tender_screens(_bids([10.0, 12.0])).loc["T0"]
    assert two[SUMMARY_COLUMNS].isna().all()


def test_large_tenders_sample_subsets_deterministically():
    idx = _subset_index(40, 4, 120)
    assert idx.shape == (120, 4)
    assert (np.diff(idx, axis=1) > 0).all()  # sorted, distinct positions
    assert len({tuple(r) for r in idx.tolist()}) == 120
    assert (idx == _subset_index.__wrapped__(40, 4, 120)).all()
    big = _subset_index.__wrapped__(150, 4, 120)
    assert big.shape == (120, 4) and comb(150, 4) > 120
    rng = np.random.default_rng(1)
    bids = _bids(rng.lognormal(5, 0.3, 60), rng.lognormal(5, 0.3, 60))
    pd.testing.assert_frame_equal(tender_screens(bids), tender_screens(bids))
    assert tender_screens(bids).notna().all().all()


def test_vectorised_equals_per_tender_on_generated_market():
    bids = generate_tenders(120, seed=5)
    whole = tender_screens(bids)
    for tender in ["T00000", "T00007", "T00042", "T00119"]:
        alone = tender_screens(bids[bids.tender == tender])
        pd.testing.assert_frame_equal(whole.loc[[tender]], alone, rtol=1e-9)


def test_collusive_tenders_have_tighter_bids():
    bids = generate_tenders(400, seed=1)
    screens = tender_screens(bids, summary=False)
    label = bids.groupby("tender")["collusive"].first()
    assert screens.CV[label].median() < screens.CV[~label].median()


def test_missing_values_are_ignored_and_input_untouched():
    bids = _bids([10.0, 11.0, 12.0])
    bids.loc[len(bids)] = ["T0", np.nan]
    before = bids.copy()
    got = tender_screens(bids, summary=False)
    assert got.loc["T0"].n_bids == 3
    pd.testing.assert_frame_equal(bids, before)
