"""The rules-and-screens ranking: tight, regular bids rank above dispersed ones; flags dominate; a configured
but missing model falls back to the ranking (and says so)."""

import random
from decimal import Decimal

from tongban.trading import rules, scoring


def market(n_lots=30, seed=1):
    """Independent lots with bids a few per cent apart, and lot 0 with four bids within 0.3 %."""
    rng = random.Random(seed)
    rows = []
    for lot in range(n_lots):
        for bidder in range(5):
            spread = 0.003 if lot == 0 else 0.08
            rows.append({"tender": lot, "bidder": 100 * lot + bidder, "bid_value": 1e6 * (1 + rng.uniform(0, spread)),
                         "winner": int(bidder == 0)})
    return rows


def views(rows):
    return {t: rules.LotView(lot_id=t, bids=()) for t in {r["tender"] for r in rows}}


def test_screens_come_from_the_collusion_package():
    screens = scoring.compute_screens(market())
    assert set(screens) == set(range(30))
    assert screens[0]["n_bids"] == 5 and screens[0]["CV"] < min(s["CV"] for t, s in screens.items() if t)


def test_tight_bids_rank_near_the_top_without_flags():
    rows = market()
    scores = scoring.score_lots(views(rows), {}, rows)
    ranked = sorted(scores.values(), key=lambda s: -s.score)
    # CV and SPD put lot 0 first on two of the three screens; RD (scale-free) may rank another lot above it.
    assert 0 in [s.lot_id for s in ranked[:3]] and scores[0].method == "rules_screens"
    assert scores[0].score > sorted(s.score for s in scores.values())[len(scores) // 2]
    assert any("报价离散程度异常低" in r for r in scores[0].reasons)
    assert all(0 <= s.score <= 1 for s in scores.values())


def test_a_strong_flag_outranks_the_screens():
    rows = market()
    strong = rules.FlagResult("F2", "不同投标人的投标文件由同一台计算机制作", "第四十条第（一）项", "strong", (1, 2), ())
    scores = scoring.score_lots(views(rows), {7: [strong]}, rows)
    assert max(scores.values(), key=lambda s: s.score).lot_id == 7
    assert scores[7].reasons[0].startswith("F2 ")


def test_missing_model_file_falls_back_to_the_ranking(settings, tmp_path, caplog):
    settings.TONGBAN_COLLUSION_MODEL = str(tmp_path / "missing.pkl")
    rows = market()
    scores = scoring.score_lots(views(rows), {}, rows)
    assert {s.method for s in scores.values()} == {"rules_screens"}
    assert "does not exist" in caplog.text


def test_network_suspicion_is_bounded():
    assert scoring.network_suspicion({}) == 0
    assert scoring.network_suspicion({"net_group_share": 1.0, "net_group_cohesion": 0.8}) == 0.8
    assert scoring.network_suspicion({"net_loser_share": 3.0}) == 1.0


def test_rule_weights():
    assert rules.rules_score([]) == 0
    assert Decimal(str(round(rules.rules_score([rules.FlagResult("F1", "", "", "weak", (), ())]), 2))) == Decimal("0.1")


def test_a_configured_model_scores_the_lots(db, settings, tmp_path):
    """Train the collusion package's model on generated markets, configure it, import a fresh generated market
    through the labelled import, and assess: every lot is scored by the model, with its reasons, and the
    collusive lots score higher."""
    from tongban.trading import services
    from tongban.trading.collusion.model import CollusionModel
    from tongban.trading.collusion.synthetic import generate_tenders, write_csv
    from tongban.trading.models import TenderAssessment

    model = CollusionModel(n_estimators=30, n_jobs=1).fit([generate_tenders(240, seed=1)])
    path = tmp_path / "model.pkl"
    model.save(path)
    settings.TONGBAN_COLLUSION_MODEL = str(path)
    live = tmp_path / "live.csv"
    write_csv(generate_tenders(120, seed=2), live)
    services.trading_import(actor=None, format="labelled", content=live.read_bytes(), filename="live.csv")
    assessments = list(TenderAssessment.objects.select_related("lot"))
    assert len(assessments) == 120 and {a.method for a in assessments} == {"model"}
    assert {a.model_version for a in assessments} == {"model.pkl"}
    assert all(any(r.startswith("模型：") for r in a.reasons) for a in assessments)
    collusive = [a.score for a in assessments if a.lot.label]
    honest = [a.score for a in assessments if a.lot.label is False]
    assert sum(collusive) / len(collusive) > sum(honest) / len(honest) + 0.2
