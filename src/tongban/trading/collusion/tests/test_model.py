import numpy as np
import pandas as pd
import pytest

from tongban.trading.collusion.model import CollusionModel, _calibrate, family_of, market_class_weights
from tongban.trading.collusion.synthetic import generate_tenders


@pytest.fixture(scope="module")
def trained():
    frames = [
        generate_tenders(260, seed=11).assign(dataset="a"),
        generate_tenders(220, seed=12).assign(dataset="b"),
    ]
    return CollusionModel(n_estimators=40, n_jobs=1).fit(frames)


def test_collusive_tenders_score_higher(trained):
    test = generate_tenders(150, seed=99)
    scores = trained.score(test)
    label = test.groupby("tender")["collusive"].first().reindex(scores["tender"]).to_numpy()
    assert list(scores.columns) == ["tender", "score", "reasons"]
    assert scores["score"].between(0, 1).all()
    assert scores["score"][label].mean() > scores["score"][~label].mean() + 0.4
    flagged = scores["score"] >= 0.5
    assert (flagged == label).mean() > 0.85


def test_reasons_are_plain_chinese_with_values(trained):
    test = generate_tenders(80, seed=7)
    scores = trained.score(test).sort_values("score", ascending=False)
    top = scores.iloc[0]["reasons"]
    assert "=" in top and "本市场" in top and "（+" in top
    assert all(isinstance(r, str) and r for r in scores["reasons"])


def test_without_bidder_ids_uses_the_price_only_model(trained):
    test = generate_tenders(120, seed=5, with_bidders=False)
    assert trained.head_for(test) is trained.heads["price"]
    scores = trained.score(test)
    label = test.groupby("tender")["collusive"].first().reindex(scores["tender"]).to_numpy()
    assert scores["score"][label].mean() > scores["score"][~label].mean()
    assert "团伙" not in "".join(scores["reasons"])


def test_small_batch_is_ranked_against_training_values(trained):
    test = generate_tenders(150, seed=21)
    whole = trained.score(test, explain=False).set_index("tender")["score"]
    ranked = whole.sort_values()
    high, low = list(ranked.index[-5:]), list(ranked.index[:5])
    alone = trained.score(test[test.tender.isin(high + low)], explain=False).set_index("tender")["score"]
    assert len(alone) == 10
    assert alone.loc[high].min() > alone.loc[low].max()  # price-only head: 10 tenders show no network


def test_a_few_new_tenders_scored_against_their_market_history(trained):
    market = generate_tenders(200, seed=23)
    new = market.tender.isin(["T00190", "T00191", "T00192", "T00193", "T00194", "T00195"])
    full = trained.score(market, explain=False).set_index("tender")["score"]
    few = trained.score(market[new], history=market[~new], explain=False).set_index("tender")["score"]
    assert list(few.index) == ["T00190", "T00191", "T00192", "T00193", "T00194", "T00195"]
    pd.testing.assert_series_equal(few, full.loc[few.index])


def test_rule_features_are_used_and_leaky_columns_refused():
    frames = [generate_tenders(240, seed=s).assign(dataset=str(s)) for s in (1, 2)]
    extras = []
    for f in frames:
        label = f.groupby("tender")["collusive"].first()
        rng = np.random.default_rng(0)
        extras.append(
            pd.DataFrame(
                {"tender": label.index, "F2_same_mac": (label & (rng.random(len(label)) < 0.7)).astype(int)}
            )
        )
    model = CollusionModel(n_estimators=30, n_jobs=1).fit(frames, extra_features=extras)
    assert "rule_F2_same_mac" in model.heads["full"].columns
    test = generate_tenders(80, seed=3)
    extra = pd.DataFrame({"tender": sorted(test.tender.unique()), "F2_same_mac": 0})
    assert len(model.score(test, extra)) == 80
    with pytest.raises(ValueError, match="不能作为特征"):
        model.score(test, pd.DataFrame({"tender": ["T00000"], "Date": [1]}))


def test_save_and_load(tmp_path, trained):
    test = generate_tenders(60, seed=8)
    path = tmp_path / "m.pkl"
    trained.save(path)
    back = CollusionModel.load(path)
    pd.testing.assert_frame_equal(back.score(test), trained.score(test))


def test_load_refuses_other_versions_and_garbage(tmp_path):
    import pickle

    old = tmp_path / "old.pkl"
    old.write_bytes(pickle.dumps({"format": 0, "model": None}))
    with pytest.raises(ValueError, match="格式版本"):
        CollusionModel.load(old)
    junk = tmp_path / "junk.pkl"
    junk.write_bytes(b"not a pickle")
    with pytest.raises(ValueError, match="无法读取"):
        CollusionModel.load(junk)


def test_calibration_keeps_order_and_moves_threshold_to_half():
    p = np.linspace(0, 1, 101)
    s = _calibrate(p, 0.3)
    assert s[0] == 0 and s[-1] == 1 and s[30] == pytest.approx(0.5)
    assert (np.diff(s) > 0).all()


def test_feature_families():
    assert family_of("sub_CV_median") == "CV"
    assert family_of("sub_RDNOR_max") == "RD" and family_of("RDALT") == "RD"
    assert family_of("net_group_rotation") == "group"
    assert family_of("rule_F9") == "rule_F9"


def test_training_needs_both_classes():
    frame = generate_tenders(40, seed=1, collusive_share=0.0)
    with pytest.raises(ValueError, match="同时包含"):
        CollusionModel(n_estimators=5).fit([frame])


def test_markets_and_classes_weigh_the_same():
    market = np.array([0] * 90 + [1] * 10)
    y = np.array([1] * 30 + [0] * 60 + [1] * 5 + [0] * 5)
    w = market_class_weights(market, y)
    assert w.mean() == pytest.approx(1.0)
    totals = {(m, c): w[(market == m) & (y == c)].sum() for m in (0, 1) for c in (0, 1)}
    assert all(t == pytest.approx(25.0) for t in totals.values())


def test_raw_plus_rank_features_option():
    frames = [generate_tenders(120, seed=41).assign(dataset="a")]
    model = CollusionModel(n_estimators=20, n_jobs=1, features="raw+rank").fit(frames)
    assert "abs_CV" in model.heads["full"].columns and "CV" in model.heads["full"].columns
    assert family_of("abs_sub_CV_max") == "CV"
    scores = model.score(generate_tenders(60, seed=42))
    assert scores["score"].between(0, 1).all()
