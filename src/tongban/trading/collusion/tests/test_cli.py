import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from tongban.trading.collusion.synthetic import generate_tenders, write_csv


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, seed, bidders in [("a", 1, True), ("b", 2, False), ("new", 3, True)]:
        paths[name] = tmp_path / f"{name}.csv"
        write_csv(
            generate_tenders(220 if name != "new" else 90, seed=seed, with_bidders=bidders), paths[name]
        )
    return paths


def test_fit_score_evaluate_end_to_end(files, tmp_path, capsys):
    model = tmp_path / "model.pkl"
    call_command(
        "collusion",
        "fit",
        "--data",
        str(files["a"]),
        "--data",
        str(files["b"]),
        "--model",
        str(model),
        "--n-estimators",
        "30",
    )
    assert model.exists()
    assert "已训练：2 个市场" in capsys.readouterr().out
    out = tmp_path / "scores.csv"
    call_command("collusion", "score", "--model", str(model), "--data", str(files["new"]), "--out", str(out))
    scores = pd.read_csv(out, dtype={"tender": str})
    assert list(scores.columns) == ["tender", "score", "reasons"]
    assert scores["tender"].is_unique and len(scores) == 90
    truth = pd.read_csv(files["new"]).groupby("Tender")["Collusive_competitor"].first()
    label = truth.reindex(scores["tender"]).to_numpy().astype(bool)
    assert scores["score"][label].mean() > scores["score"][~label].mean()
    call_command(
        "collusion",
        "evaluate",
        "--data",
        str(files["a"]),
        "--protocol",
        "p2",
        "--repeats",
        "2",
        "--n-estimators",
        "20",
    )
    text = capsys.readouterr().out
    assert "ours (screens+network)" in text and "baseline ET" in text


def test_bad_rows_are_reported_with_line_numbers(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("Tender,Bid_value,Collusive_competitor\n1,100,0\n1,,0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 处错误"):
        call_command("collusion", "fit", "--data", str(bad), "--model", str(tmp_path / "m.pkl"))
    assert "第 3 行" in capsys.readouterr().err
    assert not (tmp_path / "m.pkl").exists()


def test_unlabelled_file_cannot_train(tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("Tender,Bid_value\n1,100\n1,120\n", encoding="utf-8")
    with pytest.raises(CommandError, match="串标标签"):
        call_command("collusion", "fit", "--data", str(plain), "--model", str(tmp_path / "m.pkl"))


def test_score_with_a_missing_model(tmp_path, files):
    with pytest.raises(CommandError, match="无法读取模型文件"):
        call_command(
            "collusion",
            "score",
            "--model",
            str(tmp_path / "none.pkl"),
            "--data",
            str(files["new"]),
            "--out",
            str(tmp_path / "s.csv"),
        )
