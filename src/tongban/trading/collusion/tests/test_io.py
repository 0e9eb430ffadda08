import pandas as pd
import pytest

from tongban.trading.collusion.io import ImportProblem, dataset_name, read_labelled, tender_labels
from tongban.trading.collusion.synthetic import generate_tenders, write_csv


def test_reads_the_shared_column_format_and_drops_leaky_columns(tmp_path):
    path = tmp_path / "DB_Collusion_Testland_processed.csv"
    path.write_text(
        "Tender,Date,Site,Competitors,Bid_value,Winner,Collusive_competitor,Number_bids,CV,SPD,DIFFP,RD,KURT,SKEW,KSTEST\n"
        "7,1274918400,3,216,100.5,1,1,2,0.1,0.2,0.3,0.4,0,0,0.5\n"
        "7,1274918400,3,210,120,0,1,2,0.1,0.2,0.3,0.4,0,0,0.5\n"
        "8,1274918400,3,216,50,0.0,0,1,0,0,0,0,0,0,0\n",
        encoding="utf-8",
    )
    bids = read_labelled(path)
    assert list(bids.columns[:6]) == ["tender", "bid_value", "bidder", "winner", "collusive", "dataset"]
    assert not {"Date", "Site", "Number_bids", "date", "site"} & set(bids.columns)
    assert bids["dataset"].iloc[0] == "Testland"
    assert bids["tender"].tolist() == ["7", "7", "8"]
    assert bids["bidder"].tolist() == ["216", "210", "216"]
    assert bids["winner"].tolist() == [True, False, False]
    assert tender_labels(bids).to_dict() == {"7": True, "8": False}
    assert bids["shipped_CV"].iloc[0] == 0.1


def test_optional_columns_absent(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("Tender,Bid_value\nA,10\nA,11\n", encoding="utf-8")
    bids = read_labelled(path)
    assert bids["bidder"].isna().all() and bids["winner"].isna().all() and bids["collusive"].isna().all()


def test_bad_rows_reported_with_line_numbers(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "Tender,Bid_value,Winner,Collusive_competitor\n"
        "1,100,1,0\n"  # line 2 fine
        "1,abc,0,0\n"  # line 3: bid not a number
        ",90,0,0\n"  # line 4: empty tender
        "2,-5,0,1\n"  # line 5: negative bid
        "2,80,2,1\n"  # line 6: winner 2
        "3,70,1,1\n"  # line 7: label differs within tender 3
        "3,75,0,0\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportProblem) as info:
        read_labelled(path)
    lines = dict(info.value.problems)
    assert set(lines) == {3, 4, 5, 6, 7}
    assert "Bid_value" in lines[3] and "abc" in lines[3]
    assert "Tender" in lines[4]
    assert "-5" in lines[5]
    assert "Winner" in lines[6]
    assert "不一致" in lines[7]
    assert "第 3 行" in str(info.value)


def test_missing_required_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Tender,Price\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportProblem) as info:
        read_labelled(path)
    assert info.value.problems == [(1, "缺少列 Bid_value")]


def test_round_trip_of_generated_file(tmp_path):
    bids = generate_tenders(30, seed=2)
    write_csv(bids, tmp_path / "gen.csv")
    back = read_labelled(tmp_path / "gen.csv")
    assert len(back) == len(bids)
    assert back["collusive"].astype(bool).tolist() == bids["collusive"].tolist()
    pd.testing.assert_series_equal(back["bid_value"], bids["bid_value"], check_names=False)


def test_dataset_names():
    assert dataset_name("/x/DB_Collusion_Switzerland_GR_and_See-Gaster_processed.csv") == "CH GR+See-Gaster"
    assert dataset_name("DB_Collusion_Japan_processed.csv") == "Japan"
    assert dataset_name("my_market.csv") == "my_market"
