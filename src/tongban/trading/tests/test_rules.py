"""The rule layer over hand-built lots: each rule fires on its situation, cites its article, and stays quiet on
an honest lot."""

from decimal import Decimal

import pytest

from tongban.trading import rules
from tongban.trading.rules import BidView, LotView, RelationView


def bid(i, price, **kw):
    return BidView(bid_id=i, bidder_id=i, bidder_name=f"公司{i}", price=Decimal(price), **kw)


HONEST = LotView(lot_id=1, bids=(
    bid(1, "951000", file={"mac_address": "A1", "upload_ip": "1.1.1.1"}, bonds=(("6222001", "公司1"),),
        staff=(("项目经理", "张一", "320505198001010011", ""),), contact_phone="13900000001"),
    bid(2, "1003500", file={"mac_address": "A2", "upload_ip": "1.1.1.2"}, bonds=(("6222002", "公司2"),),
        staff=(("项目经理", "张二", "320505198001010022", ""),), contact_phone="13900000002"),
    bid(3, "987200", file={"mac_address": "A3"}, bonds=(("6222003", "公司3"),)),
    bid(4, "1062000", file={"mac_address": ""}),
))


def codes(lot):
    return sorted({(f.code, f.strength) for f in rules.evaluate(lot)})


def test_an_honest_lot_raises_nothing():
    assert rules.evaluate(HONEST) == []
    assert rules.rules_score([]) == 0


def test_same_machine_is_strong_under_article_40_1():
    lot = LotView(lot_id=1, bids=(bid(1, "100", file={"mac_address": "00-1A"}), bid(2, "120", file={"mac_address": "00-1a"}),
                                  bid(3, "130", file={"mac_address": "FF"})))
    (flag,) = rules.evaluate(lot)
    assert (flag.code, flag.strength, flag.bidder_ids) == ("F2", "strong", (1, 2))
    assert flag.legal_basis == "《中华人民共和国招标投标法实施条例》第四十条第（一）项"
    assert [e["bidder"] for e in flag.evidence] == ["公司1", "公司2"] and flag.evidence[0]["value"] == "00-1A"


def test_blank_values_never_match():
    lot = LotView(lot_id=1, bids=(bid(1, "100", file={"mac_address": " "}), bid(2, "120", file={"mac_address": ""})))
    assert rules.evaluate(lot) == []


def test_same_ip_is_only_weak():
    lot = LotView(lot_id=1, bids=(bid(1, "100", file={"upload_ip": "1.2.3.4"}), bid(2, "150", file={"upload_ip": "1.2.3.4"})))
    assert codes(lot) == [("F1", "weak")]


def test_bonds_from_one_account_and_one_third_party_payer():
    lot = LotView(lot_id=1, bids=(bid(1, "100", bonds=(("6222 0001", "公司1"),)), bid(2, "150", bonds=(("62220001", "王某"),)),
                                  bid(3, "170", bonds=(("62229999", "王某"),))))
    flags = rules.evaluate(lot)
    assert {(f.code, f.bidder_ids) for f in flags} == {("F9", (1, 2)), ("F9", (2, 3))}
    assert all("第四十条第（六）项" in f.legal_basis for f in flags)
    payer = next(f for f in flags if f.bidder_ids == (2, 3))
    assert payer.evidence[0]["value"] == "王*"  # a person paying for two bidders is named masked


def test_own_account_payments_are_not_a_third_party():
    lot = LotView(lot_id=1, bids=(bid(1, "100", bonds=(("1", "公司1"),)), bid(2, "150", bonds=(("2", "公司2"),))))
    assert rules.evaluate(lot) == []


def test_same_project_manager_masked_in_evidence():
    staff = (("项目经理", "李四", "320505198001010011", ""),)
    lot = LotView(lot_id=1, bids=(bid(1, "100", staff=staff), bid(2, "150", staff=staff)))
    (flag,) = rules.evaluate(lot)
    assert flag.code == "F10" and "第四十条第（三）项" in flag.legal_basis
    assert "320***********0011" in flag.evidence[0]["value"] and "198001" not in flag.evidence[0]["value"]


def test_arithmetic_progression_of_prices():
    lot = LotView(lot_id=1, bids=(bid(1, "1000000"), bid(2, "1030000"), bid(3, "1060000"), bid(4, "1090000"),
                                  bid(5, "1250000")))
    (flag,) = rules.evaluate(lot)
    assert (flag.code, flag.strength, flag.bidder_ids) == ("F8", "strong", (1, 2, 3, 4))
    assert "等差" in flag.title and "第四十条第（四）项" in flag.legal_basis


def test_geometric_progression_of_three_is_medium():
    lot = LotView(lot_id=1, bids=(bid(1, "1000000"), bid(2, "1050000"), bid(3, "1102500"), bid(4, "1400000")))
    flags = rules.evaluate(lot)
    assert [(f.code, f.strength, "等比" in f.title) for f in flags] == [("F8", "medium", True)]


def test_identical_prices():
    lot = LotView(lot_id=1, bids=(bid(1, "100.00"), bid(2, "100"), bid(3, "180")))
    assert codes(lot) == [("F7", "medium")]


def test_article_34_same_legal_representative_and_control():
    lot = LotView(
        lot_id=1,
        bids=(bid(1, "100", legal_representative_id_number="320505198001010011"),
              bid(2, "150", legal_representative_id_number="320505198001010011"), bid(3, "190")),
        relations=(RelationView(bidder_id=3, kind="controls", other_id=1, share_ratio=Decimal("60")),
                   RelationView(bidder_id=3, kind="controls", other_id=99)),  # a firm not in this lot
    )
    flags = rules.evaluate(lot)
    assert {(f.code, f.strength, f.bidder_ids) for f in flags} == {("F12", "strong", (1, 2)), ("F12", "strong", (1, 3))}
    assert all(f.legal_basis == "《中华人民共和国招标投标法实施条例》第三十四条第二款" for f in flags)


def test_shared_shareholder_is_medium():
    lot = LotView(lot_id=1, bids=(bid(1, "100"), bid(2, "150")), relations=(
        RelationView(bidder_id=1, kind="shareholder", person_name="赵六", person_id_number="320505198001010099"),
        RelationView(bidder_id=2, kind="legal_rep", person_name="赵六", person_id_number="320505198001010099")))
    (flag,) = rules.evaluate(lot)
    assert (flag.code, flag.strength) == ("F12", "medium")


def test_score_combines_strengths():
    strong = rules.FlagResult("F2", "", "", "strong", (1, 2), ())
    weak = rules.FlagResult("F1", "", "", "weak", (1, 2), ())
    assert rules.rules_score([weak]) < rules.rules_score([strong]) < rules.rules_score([strong, weak]) < 1



@pytest.mark.parametrize("field,code,strength,article", [
    ("ca_serial", "F3", "strong", "第四十条第（一）项、第（二）项"),
    ("pricing_lock_serial", "F4", "strong", "第四十条第（一）项"),
    ("file_creation_id", "F5", "medium", "第四十条第（一）项"),
    ("template_fingerprint", "F6", "medium", "第四十条第（四）项"),
    ("machine_code", "F2", "strong", "第四十条第（一）项"),
    ("hardware_serial", "F2", "strong", "第四十条第（一）项"),
])
def test_each_file_fingerprint(field, code, strength, article):
    lot = LotView(lot_id=1, bids=(bid(1, "100", file={field: "X-1"}), bid(2, "130", file={field: "x-1"}),
                                  bid(3, "170", file={field: "Y"})))
    (flag,) = rules.evaluate(lot)
    assert (flag.code, flag.strength, flag.bidder_ids) == (code, strength, (1, 2))
    assert article in flag.legal_basis


def test_same_agent_is_article_40_2_and_masked():
    lot = LotView(lot_id=1, bids=(bid(1, "100", agent_name="陈小明"), bid(2, "130", agent_name="陈小明")))
    (flag,) = rules.evaluate(lot)
    assert (flag.code, flag.strength) == ("F11", "medium") and "第四十条第（二）项" in flag.legal_basis
    assert flag.evidence[0]["value"] == "陈**"


def test_one_bidder_alone_never_matches_itself():
    lot = LotView(lot_id=1, bids=(bid(1, "100", file={"mac_address": "A"}, bonds=(("1", "x"), ("1", "x"))),))
    assert rules.evaluate(lot) == []
