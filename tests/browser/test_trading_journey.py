"""数据铁笼: a trading inspector opens the ranked list, filters it, opens the most suspicious lot, sees its flags
with their legal basis and the three charts drawn, dismisses an honest lot, issues a sealed referral letter for
the rigged one, and the letter verifies on the public page. Every asset local, no script errors."""

import re

import pytest
from playwright.sync_api import expect

from tongban.seals.models import Seal
from tongban.seals.services import seal_create
from tongban.trading import services
from tongban.trading.models import Decision, Lot
from tongban.trading.tests.factories import csv_bytes, honest_lot, trading_world
from tongban.trading.tests.test_services import rigged_lot


@pytest.fixture
def market(live_server, org_world, settings):
    settings.TONGBAN_SEAL_KEK = "browser-test-kek-" + "x" * 40
    settings.TONGBAN_PUBLIC_URL = live_server.url
    w = trading_world(org_world)
    seal_create(actor=None, department=w.centre, kind=Seal.Kind.OFFICIAL)
    services.trading_import(actor=None, format="csv", content=csv_bytes(honest_lot() + rigged_lot()),
                            filename="journey.csv")
    return w, Lot.objects.get(project__code="P-1").pk, Lot.objects.get(project__code="P-R").pk


@pytest.mark.browser
def test_inspector_journey(live_server, market, browser):
    _w, honest_id, rigged_id = market
    origin = live_server.url
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    offsite, errors, script_errors = [], [], []
    context.route(lambda url: not (url.startswith(origin + "/") or url.startswith("data:")),
                  lambda route: (offsite.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("response", lambda r: r.status >= 400 and r.status != 422 and errors.append((r.status, r.url)))
    page.on("pageerror", lambda exc: script_errors.append(str(exc)))

    page.goto(origin + "/login/")
    page.get_by_label("用户名").fill("trading")
    page.get_by_label("密码").fill("pw-trading")
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page).to_have_url(re.compile(r"/workbench/$"))

    # The menu leads to the ranked list; the rigged lot is first.
    page.get_by_role("link", name="串标围标研判", exact=True).click()
    expect(page.get_by_role("heading", name="串标围标研判")).to_be_visible()
    rows = page.locator("#ranked tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("P-R")
    expect(rows.first.locator(".t-flag-strong").first).to_be_visible()
    page.get_by_label("项目、编号或投标人").fill("投标人1")
    page.get_by_role("button", name="筛选").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("P-1")

    # The honest lot: nothing found, dismissed with reasons.
    rows.first.get_by_role("link").first.click()
    expect(page.get_by_text("规则层未发现第三十四条、第四十条所列情形。")).to_be_visible()
    page.get_by_label("排除").check()
    page.get_by_label("研判理由").fill("报价分布正常，无共享指纹，排除。")
    page.get_by_role("button", name="记录结论").click()
    expect(page.get_by_text("已记录研判结论：排除。")).to_be_visible()
    expect(page.locator("#decisions")).to_contain_text("报价分布正常")

    # The rigged lot: flags with their articles, the charts drawn.
    page.goto(f"{origin}/workbench/trading/lots/{rigged_id}/")
    expect(page.get_by_text("第四十条第（一）项").first).to_be_visible()
    expect(page.get_by_text("第四十条第（六）项").first).to_be_visible()
    expect(page.locator("#chart-bids svg")).to_be_visible()
    expect(page.locator("#chart-screens svg")).to_be_visible()
    expect(page.locator("#chart-network svg")).to_be_visible()

    # A referral letter with a refused first try (no reasons), then issued.
    page.get_by_label("移送理由").fill("")
    page.get_by_label("移送机关").fill("苏州市发展和改革委员会")
    page.locator("#referral-reason").evaluate("el => el.removeAttribute('required')")
    page.get_by_role("button", name="出具移送函（电子印章）").click()
    expect(page.get_by_role("alert")).to_contain_text("请填写研判理由")
    page.get_by_label("移送理由").fill("三家投标文件出自同一台计算机，两家保证金同一账户转出，报价呈等差数列。")
    page.get_by_role("button", name="出具移送函（电子印章）").click()
    expect(page.get_by_text(re.compile("已出具移送函 .*移字"))).to_be_visible()
    expect(page.locator("#assessment")).to_contain_text("移送")

    # The letter verifies on the public page.
    page.locator("#decisions").get_by_role("link", name="核验").click()
    result = page.get_by_role("status")
    expect(result).to_contain_text("有效")
    expect(result).to_contain_text("苏州市公共资源交易中心")
    context.close()

    assert list(Decision.objects.order_by("pk").values_list("lot_id", "outcome")) == [
        (honest_id, "dismissed"), (rigged_id, "referred")]
    assert not offsite, offsite
    assert not errors, errors
    assert not script_errors, script_errors
