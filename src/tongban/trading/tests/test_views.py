"""The inspector's pages: ranked list with filters, the lot page (flags, evidence, charts' data, masking),
decisions and the referral letter through the forms, the upload page; other roles get 403."""

import json

import pytest
from django.urls import reverse

from tongban.seals.models import Seal
from tongban.seals.services import seal_create
from tongban.trading import services
from tongban.trading.models import Decision, Lot
from tongban.trading.tests.factories import bid_row, csv_bytes, honest_lot, id_number, trading_world
from tongban.trading.tests.test_services import rigged_lot


@pytest.fixture
def w(org_world, settings):
    settings.TONGBAN_SEAL_KEK = "test-seal-kek-" + "x" * 40
    return trading_world(org_world)


@pytest.fixture
def market(w):
    rows = honest_lot() + rigged_lot()
    rows[5]["key_staff"] = f"项目经理:欧阳娜娜:{id_number(77)}"
    rows[5]["bond_account"] = "6222000011113333"
    services.trading_import(actor=None, format="csv", content=csv_bytes(rows), filename="m.csv")
    return Lot.objects.get(project__code="P-1"), Lot.objects.get(project__code="P-R")


@pytest.fixture
def inspector(client, w):
    client.force_login(w.trading.user)
    return client


def test_ranked_list_puts_the_rigged_lot_first(inspector, market):
    honest, rigged = market
    page = inspector.get(reverse("trading:ranked")).content.decode()
    assert page.index(reverse("trading:lot", args=[rigged.pk])) < page.index(reverse("trading:lot", args=[honest.pk]))
    assert "规则与统计筛查排序" in page and 'title="不同投标人的投标文件由同一台计算机制作' in page


def test_filters(inspector, market):
    honest, rigged = market
    url = reverse("trading:ranked")
    assert reverse("trading:lot", args=[honest.pk]) not in inspector.get(url, {"q": "围标101"}).content.decode()
    assert "没有符合条件的标段" in inspector.get(url, {"sector": "water"}).content.decode()
    assert "没有符合条件的标段" in inspector.get(url, {"from": "2026-04-01"}).content.decode()
    assert "没有符合条件的标段" in inspector.get(url, {"min": "500"}).content.decode()  # 万元
    assert reverse("trading:lot", args=[rigged.pk]) in inspector.get(url, {"max": "500", "buyer": "建设中心"}).content.decode()
    assert inspector.get(url, {"from": "not-a-date", "page": "99"}).status_code == 200


def test_lot_page_shows_flags_evidence_and_masks_people(inspector, market):
    _honest, rigged = market
    response = inspector.get(reverse("trading:lot", args=[rigged.pk]))
    page = response.content.decode()
    assert "第四十条第（一）项" in page and "00-AA-BB-CC-DD-EE" in page
    assert "欧阳**" in page and id_number(77) not in page and "320***********" in page
    assert "6222000011113333" not in page and "6222********3333" in page
    charts = json.loads(page.split('id="trading-charts" type="application/json">')[1].split("</script>")[0])
    assert charts["bids"]["winner"] == [True, False, False, False]
    assert len(charts["network"]["nodes"]) == 4 and any(link["kind"] == "flag" for link in charts["network"]["links"])
    assert "vendor/echarts/echarts.min.js" in page


def test_decision_form_and_history(inspector, market, w):
    honest, _rigged = market
    url = reverse("trading:decide", args=[honest.pk])
    bad = inspector.post(url, {"outcome": "dismissed", "reason": ""})
    assert bad.status_code == 422 and "请填写研判理由" in bad.content.decode()
    ok = inspector.post(url, {"outcome": "dismissed", "reason": "报价差异正常，排除"}, follow=True)
    assert "已记录研判结论：排除" in ok.content.decode() and "报价差异正常，排除" in ok.content.decode()
    assert Decision.objects.get().decided_by == w.trading.user


def test_referral_form_issues_a_verifiable_letter(inspector, market, w):
    _honest, rigged = market
    seal_create(actor=None, department=w.centre, kind=Seal.Kind.OFFICIAL)
    response = inspector.post(reverse("trading:refer", args=[rigged.pk]),
                              {"recipient": "苏州市发展和改革委员会", "reason": "同一台计算机制作投标文件"}, follow=True)
    page = response.content.decode()
    doc = Decision.objects.get().document
    assert doc.number in page and reverse("seals_verify:document", args=[doc.token]) in page
    verify = inspector.get(reverse("seals_verify:document", args=[doc.token])).content.decode()
    assert "有效" in verify and "串通投标线索移送函" in verify


def test_upload_page_reports_row_errors(inspector, w):
    rows = honest_lot()
    rows[1]["opening_at"] = "明天"
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = inspector.post(reverse("trading:import"), {"format": "csv",
                                                      "file": SimpleUploadedFile("bad.csv", csv_bytes(rows))})
    assert bad.status_code == 422 and "第 3 行：开标时间“明天”不是时间" in bad.content.decode()
    good = inspector.post(reverse("trading:import"), {"format": "csv", "file": SimpleUploadedFile(
        "good.csv", csv_bytes(honest_lot() + [bid_row("P-2", bidder="乙", n=9)]))}, follow=True)
    assert "已导入 good.csv" in good.content.decode() and Lot.objects.count() == 2


@pytest.mark.parametrize("name,args,method", [
    ("trading:ranked", [], "get"), ("trading:lot", [1], "get"), ("trading:import", [], "get"),
    ("trading:decide", [1], "post"), ("trading:refer", [1], "post"), ("trading:assess", [], "post"),
])
def test_other_roles_get_403(client, w, market, name, args, method):
    client.force_login(w.inspector.user)  # the cases inspector: staff, but not a trading inspector
    args = [market[1].pk] if args else []
    response = getattr(client, method)(reverse(name, args=args), {"outcome": "dismissed", "reason": "理由充分的说明"})
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_menu_entry_only_for_trading_inspectors(client, w, inspector):
    assert reverse("trading:ranked") in inspector.get(reverse("web:workbench")).content.decode()
    client.force_login(w.reviewer_a.user)
    assert reverse("trading:ranked") not in client.get(reverse("web:workbench")).content.decode()


def test_bidder_page_shows_history_and_masks(inspector, market, client, w):
    _honest, rigged = market
    bidder = rigged.bids.get(is_winner=True).bidder
    lot_page = inspector.get(reverse("trading:lot", args=[rigged.pk])).content.decode()
    url = reverse("trading:bidder", args=[bidder.pk])
    assert url in lot_page
    page = inspector.get(url).content.decode()
    assert bidder.name in page and reverse("trading:lot", args=[rigged.pk]) in page
    assert bidder.uscc not in page and bidder.masked_uscc in page
    assert "投标 1 次，中标 1 次" in page and "该标段中本投标人涉及预警规则" in page
    client.force_login(w.reviewer_a.user)
    assert client.get(url).status_code == 403
