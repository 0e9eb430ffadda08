"""Assessment, decisions, the sealed referral letter and the training labels, through the services."""

import csv

import pytest
from django.core.management import call_command

from tongban.audit.models import AuditEntry
from tongban.core.errors import Conflict, PermissionDenied, ValidationFailed
from tongban.seals.documents.selectors import read_pdf
from tongban.seals.documents_models import IssuedDocument
from tongban.seals.keys import deployment_root
from tongban.seals.models import Seal
from tongban.seals.services import seal_create
from tongban.seals.verify import check_pdf
from tongban.trading import services
from tongban.trading.models import Decision, Flag, Lot, TenderAssessment
from tongban.trading.tests.factories import bid_row, csv_bytes, honest_lot, trading_world


@pytest.fixture
def w(org_world, settings):
    settings.TONGBAN_SEAL_KEK = "test-seal-kek-" + "x" * 40
    settings.TONGBAN_PUBLIC_URL = "https://tongban.example.gov.cn"
    return trading_world(org_world)


def rigged_lot(project="P-R", base=100):
    """Four bids in arithmetic progression, two from one computer, bonds from one account."""
    rows = [bid_row(project, bidder=f"围标{base + i}", n=base + i, price=str(1_000_000 + 20_000 * i),
                    is_winner="1" if i == 0 else "0", mac_address=f"00-AA-00-00-00-{i:02X}") for i in range(4)]
    rows[1]["mac_address"] = rows[2]["mac_address"] = "00-AA-BB-CC-DD-EE"
    rows[2]["bond_account"] = rows[3]["bond_account"] = "6222000011112222"
    return rows


@pytest.fixture
def market(w):
    services.trading_import(actor=None, format="csv", content=csv_bytes(honest_lot() + rigged_lot()),
                            filename="m.csv")
    return Lot.objects.get(project__code="P-1"), Lot.objects.get(project__code="P-R")


def test_the_rigged_lot_ranks_first_with_its_flags(market):
    honest, rigged = market
    assert rigged.assessment.score > honest.assessment.score
    codes = set(rigged.flags.values_list("code", flat=True))
    assert {"F2", "F8", "F9"} <= codes and not honest.flags.exists()
    assert rigged.assessment.method == TenderAssessment.Method.RULES_SCREENS
    assert rigged.assessment.strongest == "strong" and rigged.assessment.flag_count == rigged.flags.count()
    assert any("第四十条第（一）项" in r for r in rigged.assessment.reasons)


def test_reassessing_replaces_flags_and_keeps_decisions(w, market):
    _honest, rigged = market
    services.decision_record(actor=w.trading.user, lot=rigged, outcome="confirmed", reason="经调查确认串通投标")
    before = Flag.objects.count()
    assert services.lots_assess(actor=w.trading.user) == 2
    assert Flag.objects.count() == before
    assert TenderAssessment.objects.get(lot=rigged).status == "confirmed"


def test_decisions_are_history_and_become_labels(w, market):
    honest, rigged = market
    user = w.trading.user
    services.decision_record(actor=user, lot=rigged, outcome="referred", reason="线索移送发改委")
    services.decision_record(actor=user, lot=rigged, outcome="confirmed", reason="发改委查实串通投标")
    services.decision_record(actor=user, lot=honest, outcome="dismissed", reason="报价差异正常，无关联")
    assert list(Decision.objects.filter(lot=rigged).values_list("outcome", flat=True)) == ["confirmed", "referred"]
    rigged.refresh_from_db()
    honest.refresh_from_db()
    assert (rigged.label, honest.label, rigged.assessment.status) == (True, False, "confirmed")
    assert AuditEntry.objects.filter(action__startswith="trading.decision.").count() == 3


def test_decision_refusals_change_nothing(w, market):
    _honest, rigged = market
    with pytest.raises(ValidationFailed):
        services.decision_record(actor=w.trading.user, lot=rigged, outcome="confirmed", reason="")
    with pytest.raises(ValidationFailed):
        services.decision_record(actor=w.trading.user, lot=rigged, outcome="closed", reason="理由充分的说明")
    with pytest.raises(PermissionDenied):
        services.decision_record(actor=w.reviewer_a.user, lot=rigged, outcome="dismissed", reason="理由充分的说明")
    with pytest.raises(PermissionDenied):
        services.lots_assess(actor=w.inspector.user)  # the case inspector is not a trading inspector
    assert not Decision.objects.exists()
    unassessed = Lot.objects.create(project=rigged.project, code="9")
    with pytest.raises(Conflict):
        services.decision_record(actor=w.trading.user, lot=unassessed, outcome="dismissed", reason="理由充分的说明")


def test_referral_letter_is_sealed_and_verifies(w, market):
    _honest, rigged = market
    seal_create(actor=None, department=w.centre, kind=Seal.Kind.OFFICIAL)
    decision = services.referral_issue(actor=w.trading.user, lot=rigged, recipient="苏州市发展和改革委员会",
                                       reason="多家投标文件出自同一台计算机，保证金同一账户转出")
    doc = decision.document
    assert decision.outcome == "referred" and doc.kind == "trading_referral"
    assert doc.department == w.centre and "移" in doc.number
    assert check_pdf(read_pdf(doc), trust_roots=[deployment_root()]).ok
    assert doc.data["findings"] and any("第四十条第（六）项" in f for f in doc.data["findings"])
    assert TenderAssessment.objects.get(lot=rigged).status == "referred"


def test_referral_without_a_seal_issues_nothing(w, market):
    _honest, rigged = market
    with pytest.raises(Exception) as exc:
        services.referral_issue(actor=w.trading.user, lot=rigged, recipient="苏州市发展和改革委员会", reason="理由充分的说明")
    assert "印章" in str(exc.value)
    assert not IssuedDocument.objects.exists() and not Decision.objects.exists()


def test_labels_export_in_the_labelled_format(w, market, tmp_path):
    honest, rigged = market
    services.decision_record(actor=w.trading.user, lot=rigged, outcome="confirmed", reason="发改委查实串通投标")
    services.decision_record(actor=w.trading.user, lot=honest, outcome="dismissed", reason="无异常，排除")
    out = tmp_path / "labels.csv"
    call_command("trading", "labels", "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert set(rows[0]) == {"Tender", "Competitors", "Bid_value", "Winner", "Collusive_competitor"}
    by_tender = {}
    for r in rows:
        by_tender.setdefault(int(r["Tender"]), set()).add(r["Collusive_competitor"])
    assert by_tender == {honest.pk: {"0"}, rigged.pk: {"1"}}
    # …and it reads back through the labelled import.
    services.trading_import(actor=None, format="labelled", content=out.read_bytes(), filename="labels.csv")
    assert Lot.objects.filter(project__code=f"labels-{rigged.pk}", label=True).exists()


def test_cli_import_reports_bad_rows(w, tmp_path, capsys):
    from django.core.management.base import CommandError

    rows = honest_lot()
    rows[2]["price"] = "-5"
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError, match="未导入任何数据"):
        call_command("trading", "import", "--format", "csv", str(path))
    assert "第 4 行" in capsys.readouterr().err
