"""Imports: all or nothing, bad rows named by line and reason in Chinese, the three formats."""

import json

import pytest

from tongban.audit.models import AuditEntry
from tongban.core.errors import PermissionDenied
from tongban.trading import services
from tongban.trading.models import (
    Bid,
    BidBond,
    Bidder,
    BidFile,
    CompanyRelation,
    ImportBatch,
    KeyStaff,
    Lot,
    Project,
)
from tongban.trading.tests.factories import bid_row, csv_bytes, honest_lot, id_number, trading_world, uscc


@pytest.fixture
def w(org_world):
    return trading_world(org_world)


def test_csv_import_brings_in_every_entity(w):
    rows = honest_lot()
    rows[0].update(upload_ip="58.210.1.2", machine_code="MC-1", pricing_lock_serial="LOCK-9", author="张工",
                   bond_account_holder="投标人1", legal_representative="王五",
                   legal_representative_id_number=id_number(50), contact_phone="13912345678")
    batch = services.trading_import(actor=w.trading.user, format="csv", content=csv_bytes(rows), filename="a.csv")
    assert batch.counts == {"projects": 1, "lots": 1, "bidders": 4, "bids": 4, "relations": 0}
    lot = Lot.objects.get()
    assert lot.project.sector == "municipal" and str(lot.ceiling_price) == "1200000.00"
    assert Bid.objects.get(is_winner=True).bidder.name == "投标人1"
    f = BidFile.objects.get(bid__bidder__name="投标人1")
    assert (f.upload_ip, f.mac_address, f.machine_code, f.pricing_lock_serial) == ("58.210.1.2", "00-1A-2B-3C-4D-01",
                                                                                    "MC-1", "LOCK-9")
    assert BidBond.objects.count() == 4 and KeyStaff.objects.count() == 4
    assert Bidder.objects.get(name="投标人1").legal_representative_id_number == id_number(50)
    assert hasattr(lot, "assessment")  # assessed on import
    assert AuditEntry.objects.filter(action="trading.import").count() == 1


def test_reimporting_replaces_the_lot(w):
    content = csv_bytes(honest_lot())
    services.trading_import(actor=None, format="csv", content=content, filename="a.csv")
    services.trading_import(actor=None, format="csv", content=content, filename="a.csv")
    assert Bid.objects.count() == 4 and Project.objects.count() == 1 and ImportBatch.objects.count() == 2


def test_bad_rows_refuse_the_whole_file_with_line_numbers(w):
    rows = honest_lot()
    rows[1]["price"] = "一百万"
    rows[2]["bidder_uscc"] = uscc(3)[:17] + ("0" if uscc(3)[17] != "0" else "1")
    rows[3]["mac_address"] = "zz"
    with pytest.raises(services.ImportRefused) as exc:
        services.trading_import(actor=w.trading.user, format="csv", content=csv_bytes(rows), filename="bad.csv")
    messages = [str(e) for e in exc.value.row_errors]
    assert messages[0].startswith("第 3 行：") and "不是数字" in messages[0]
    assert messages[1].startswith("第 4 行：") and "校验码不符" in messages[1]
    assert messages[2].startswith("第 5 行：") and "MAC 地址" in messages[2]
    assert not Project.objects.exists() and not Bidder.objects.exists() and not ImportBatch.objects.exists()


def test_a_database_level_conflict_rolls_back_too(w):
    rows = honest_lot() + [bid_row(bidder="投标人1", n=1, price="999999")]  # the same bidder twice in one lot
    with pytest.raises(services.ImportRefused) as exc:
        services.trading_import(actor=None, format="csv", content=csv_bytes(rows), filename="dup.csv")
    assert "第 6 行" in str(exc.value.row_errors[0]) and "已有一条投标" in str(exc.value.row_errors[0])
    assert not Bid.objects.exists() and not Project.objects.exists()


def test_unknown_columns_and_missing_required_columns(w):
    with pytest.raises(services.ImportRefused) as exc:
        services.trading_import(actor=None, format="csv", content="project_code,报价\nP,1\n".encode(),
                                filename="x.csv")
    text = str(exc.value.row_errors[0])
    assert "缺少必填列" in text and "lot_code" in text


def test_gb18030_files_are_read(w):
    content = csv_bytes(honest_lot()).decode().encode("gb18030")
    services.trading_import(actor=None, format="csv", content=content, filename="gbk.csv")
    assert Bidder.objects.filter(name="投标人1").exists()


def test_relations_file(w):
    services.trading_import(actor=None, format="csv", content=csv_bytes(honest_lot()), filename="a.csv")
    rel = ("bidder_uscc,kind,other_uscc,person_name,person_id_number,share_ratio\n"
           f"{uscc(1)},控股,{uscc(2)},,,60\n").encode()
    services.trading_import(actor=None, format="csv", content=rel, filename="rel.csv")
    r = CompanyRelation.objects.get()
    assert (r.bidder.name, r.kind, r.other.name) == ("投标人1", "controls", "投标人2")
    assert Lot.objects.get().flags.filter(code="F12", strength="strong").exists()
    missing = f"bidder_uscc,kind,other_uscc,person_name,person_id_number,share_ratio\n{uscc(77)},控股,{uscc(2)},,,\n"
    with pytest.raises(services.ImportRefused) as exc:
        services.trading_import(actor=None, format="csv", content=missing.encode(), filename="rel2.csv")
    assert "尚未导入" in str(exc.value.row_errors[0])


def test_ocds_releases(w):
    release = {
        "ocid": "ocds-abc-0001", "date": "2026-03-01T00:00:00Z",
        "buyer": {"id": "b", "name": "苏州市水务局"},
        "parties": [
            {"id": "b", "name": "苏州市水务局", "roles": ["buyer"], "address": {"locality": "苏州市"}},
            {"id": "t1", "name": "甲水利公司", "roles": ["tenderer", "supplier"],
             "identifier": {"scheme": "CN-USCC", "id": uscc(1)}, "contactPoint": {"name": "张三", "telephone": "139"}},
            {"id": "t2", "name": "乙水利公司", "roles": ["tenderer"], "identifier": {"scheme": "CN-USCC", "id": uscc(2)}},
        ],
        "tender": {"title": "河道整治工程", "mainProcurementCategory": "works", "value": {"amount": 5000000},
                   "tenderPeriod": {"startDate": "2026-03-01T00:00:00Z", "endDate": "2026-03-21T09:30:00+08:00"},
                   "lots": [{"id": "L1", "title": "一标段", "value": {"amount": 3000000}},
                            {"id": "L2", "title": "二标段", "value": {"amount": 2000000}}]},
        "bids": {"details": [
            {"id": "1", "status": "valid", "tenderers": [{"id": "t1"}], "value": {"amount": 2800000},
             "relatedLots": ["L1"], "date": "2026-03-20T10:00:00+08:00"},
            {"id": "2", "status": "valid", "tenderers": [{"id": "t2"}], "value": {"amount": 2900000},
             "relatedLots": ["L1"]},
            {"id": "3", "status": "disqualified", "tenderers": [{"id": "t2"}], "value": {"amount": 1900000},
             "relatedLots": ["L2"]},
        ]},
        "awards": [{"id": "a1", "status": "active", "suppliers": [{"id": "t1"}], "relatedLots": ["L1"]}],
    }
    content = (json.dumps(release, ensure_ascii=False) + "\n").encode()
    batch = services.trading_import(actor=None, format="ocds", content=content, filename="r.jsonl")
    assert batch.counts["lots"] == 2 and batch.counts["bids"] == 3
    project = Project.objects.get(code="ocds-abc-0001")
    assert (project.buyer, project.sector, project.region) == ("苏州市水务局", "building", "苏州市")
    l1 = project.lots.get(code="L1")
    assert str(l1.ceiling_price) == "3000000.00" and l1.opening_at is not None
    assert l1.bids.get(is_winner=True).bidder.uscc == uscc(1)
    assert not project.lots.get(code="L2").bids.get().is_valid
    bad = b'{"ocid": "x", "bids": \n'
    with pytest.raises(services.ImportRefused) as exc:
        services.trading_import(actor=None, format="ocds", content=bad, filename="bad.jsonl")
    assert str(exc.value.row_errors[0]).startswith("第 1 行：不是有效的 JSON")


def test_labelled_format(w):
    content = (b"Tender,Bid_value,Competitors,Winner,Collusive_competitor\n"
               b"7,100.5,11,1,1\n7,101.5,12,0,1\n7,102.5,13,0,1\n8,100,11,0,0\n8,90,14,1,0\n")
    services.trading_import(actor=None, format="labelled", content=content, filename="market.csv")
    lots = {lot.project.code: lot for lot in Lot.objects.select_related("project")}
    assert lots["market-7"].label is True and lots["market-8"].label is False
    assert Bidder.objects.get(external_id="market:11").bids.count() == 2
    inconsistent = b"Tender,Bid_value,Collusive_competitor\n1,10,1\n1,11,0\n"
    with pytest.raises(services.ImportRefused) as exc:
        services.trading_import(actor=None, format="labelled", content=inconsistent, filename="m.csv")
    # Reported at the tender's first row (collusion.io.read_labelled's convention).
    assert "第 2 行" in str(exc.value.row_errors[0]) and "不一致" in str(exc.value.row_errors[0])
    bad_price = b"Tender,Bid_value\n1,10\n1,abc\n"
    with pytest.raises(services.ImportRefused) as exc:
        services.trading_import(actor=None, format="labelled", content=bad_price, filename="m.csv")
    assert str(exc.value.row_errors[0]).startswith("第 3 行：") and "Bid_value" in str(exc.value.row_errors[0])


def test_only_trading_inspectors_import(w):
    with pytest.raises(PermissionDenied):
        services.trading_import(actor=w.reviewer_a.user, format="csv", content=csv_bytes(honest_lot()),
                                filename="a.csv")
    assert not Project.objects.exists()
