"""A citizen finds the 食品经营许可 guide from a colloquial question; a department admin shortens its promised
limit in a new version; a bureau reviewer sees the diff and publishes it; the public guide shows the new limit."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tongban.catalog import services
from tongban.catalog.tests.factories import FOOD_CODE, catalogue_people, food_spec

# Set TONGBAN_SCREENSHOTS=/some/dir to keep screenshots of the guide, the editor and the dashboard.
SHOTS = os.environ.get("TONGBAN_SCREENSHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def sign_in(page, origin: str, username: str) -> None:
    page.goto(origin + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-" + username)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page).to_have_url(re.compile(r"/workbench/$"))


def sign_out(page) -> None:
    page.get_by_role("button", name="退出登录").click()


@pytest.mark.browser
def test_catalog_journey(live_server, org_world, browser):
    origin = live_server.url
    w = catalogue_people(org_world)
    v1 = services.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    services.version_submit(actor=w.market_admin.user, version=v1)
    services.version_review(actor=w.bureau_reviewer.user, version=v1, approve=True)
    services.faq_save(actor=w.market_admin.user, item=v1.item, question="开饭店需要办理哪些证照？",
                      answer="开饭店一般需要营业执照和食品经营许可证，可在网上一次申请。")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    offsite, errors, script_errors = [], [], []
    context.route(lambda url: not url.startswith(origin + "/"), lambda route: (offsite.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("response", lambda r: r.status >= 400 and errors.append((r.status, r.url)))
    page.on("pageerror", lambda exc: script_errors.append(str(exc)))

    # 办事大厅: a colloquial question in the one search box.
    page.goto(origin + "/")
    box = page.get_by_role("searchbox", name="搜索事项和常见问题")
    box.fill("开饭店要办什么证")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/catalog/search/\?q="))
    expect(page.get_by_role("heading", name="“开饭店要办什么证”的搜索结果")).to_be_visible()
    results = page.get_by_role("region", name=re.compile("相关事项"))
    expect(results.get_by_role("link").first).to_contain_text("食品经营许可")
    expect(page.get_by_role("region", name=re.compile("常见问题"))).to_contain_text("开饭店需要办理哪些证照")
    results.get_by_role("link").first.click()

    # 办事指南: the materials and the promised limit.
    expect(page).to_have_url(re.compile(rf"/catalog/items/{re.escape(FOOD_CODE)}/$"))
    expect(page.get_by_role("heading", name="食品经营许可", level=1)).to_be_visible()
    materials = page.get_by_role("region", name="申请材料")
    for name in ("食品经营许可申请书", "营业执照", "食品安全管理制度", "委托书"):
        expect(materials).to_contain_text(name)
    expect(page.locator(".g-figures")).to_contain_text("承诺办结时限10 个工作日")
    expect(page.get_by_role("link", name="下载 PDF")).to_have_attribute("href", f"/catalog/items/{FOOD_CODE}/pdf/")
    shot(page, "guide")

    # 事项编写: the market department's admin starts v2 and shortens the promised limit to 8 working days.
    sign_in(page, origin, "market_admin")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="事项编写").click()
    expect(page.get_by_role("heading", name="事项编写")).to_be_visible()
    page.get_by_role("button", name="新建修订版本").click()
    expect(page.get_by_role("heading", name="编辑实施规范：食品经营许可")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("已新建版本 2")
    page.get_by_label("承诺办结时限（工作日）").fill("8")
    page.locator("#id_steps-0-workdays").fill("4")
    page.get_by_role("textbox", name="修订说明").fill("压缩承诺时限至 8 个工作日")
    shot(page, "editor")
    page.get_by_role("button", name="保存并提交审核").click()
    expect(page.get_by_role("status")).to_contain_text("已保存并提交审核")
    expect(page.locator("table").first).to_contain_text("待审核")
    sign_out(page)

    # 审核发布: a bureau reviewer sees the diff and publishes.
    sign_in(page, origin, "bureau_reviewer")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="审核发布").click()
    queue = page.get_by_role("region", name=re.compile("待审核"))
    expect(queue).to_contain_text("食品经营许可")
    queue.get_by_role("link", name="审核").click()
    diff = page.get_by_role("region", name=re.compile("与 v1 的差异"))
    row = diff.get_by_role("row", name=re.compile("承诺办结时限"))
    expect(row).to_contain_text("10 个工作日")
    expect(row).to_contain_text("8 个工作日")
    expect(page.locator("#main")).to_contain_text("压缩承诺时限至 8 个工作日")  # the change note
    shot(page, "review")
    page.get_by_role("button", name="审核通过并发布").click()
    expect(page.get_by_role("status")).to_contain_text("已审核通过并发布")

    # 事项指标: the figures and the charts (ECharts draws SVG).
    page.goto(origin + "/workbench/catalog/dashboard/")
    expect(page.locator("[data-figure=online_rate]")).to_contain_text("100.0%")
    expect(page.locator("#chart-rates svg")).to_be_visible()
    expect(page.locator("#chart-types svg")).to_be_visible()
    shot(page, "dashboard")
    sign_out(page)

    # The public guide now shows the new limit.
    page.goto(origin + f"/catalog/items/{FOOD_CODE}/")
    expect(page.locator(".g-figures")).to_contain_text("承诺办结时限8 个工作日")
    expect(page.get_by_role("region", name="办理流程")).to_contain_text("4 个工作日")

    context.close()
    assert not offsite, f"requests to other hosts: {offsite}"
    assert not errors, f"error responses: {errors}"
    assert not script_errors, f"script errors: {script_errors}"
