import pytest

from tongban.trading.collusion.evaluate import METRICS, evaluate, format_results
from tongban.trading.collusion.synthetic import generate_tenders


@pytest.fixture(scope="module")
def markets():
    return [
        generate_tenders(220, seed=31).assign(dataset="Alpha"),
        generate_tenders(220, seed=32, with_bidders=False, collusive_share=0.5).assign(dataset="Beta"),
    ]


def test_p2_on_generated_markets(markets):
    res = evaluate(markets, protocol="p2", repeats=2, n_estimators=30, n_jobs=1)
    assert set(res["dataset"]) == {"Alpha", "Beta"}
    ours = res[res.model.str.startswith("ours")].set_index("dataset")
    assert ours.loc["Alpha", "model"] == "ours (screens+network)"
    assert ours.loc["Beta", "model"] == "ours (screens)"
    assert (ours["roc_auc_mean"] > 80).all()
    assert (res[[f"{m}_mean" for m in METRICS]].stack().between(0, 100)).all()
    assert res[res.model.str.startswith("baseline")]["model"].str.contains("recomputed").all()
    text = format_results(res)
    assert "P2" in text and "Alpha" in text and "baseline ET" in text


def test_p3_leave_one_market_out(markets):
    res = evaluate(markets, protocol="p3", repeats=1, n_estimators=30, n_jobs=1)
    ours = res[res.model.str.startswith("ours")].set_index("dataset")
    assert (ours["roc_auc_mean"] > 80).all()
    assert "P3" in format_results(res)


def test_p3_needs_two_markets(markets):
    with pytest.raises(ValueError):
        evaluate(markets[:1], protocol="p3", repeats=1)
