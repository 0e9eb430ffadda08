"""A member of staff signs in, sees the workbench, switches to English and signs out — with every asset local."""

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_staff_login_journey(live_server, org_world, browser):
    origin = live_server.url
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    seen, offsite, failed, errors = [], [], [], []

    def local(url: str) -> bool:
        return url.startswith(origin + "/") or url.startswith("data:")

    # Anything aimed at another host is recorded and refused, so a CDN reference cannot hide behind a network.
    context.route(lambda url: not local(url), lambda route: (offsite.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("request", lambda request: seen.append(request.url))
    page.on("requestfailed", lambda request: failed.append((request.url, request.failure)))
    page.on("response", lambda response: response.status >= 400 and errors.append((response.status, response.url)))

    # 办事大厅: Chinese by default, styled by the vendored Bootstrap, scripts loaded.
    page.goto(origin + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="通办 · 一网通办")).to_be_visible()
    assert page.evaluate("typeof bootstrap === 'object' && typeof htmx === 'object'")
    assert "PingFang SC" in page.evaluate("getComputedStyle(document.body).fontFamily")

    # 登录: a wrong password first, then the right one.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="登录").click()
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    page.get_by_label("用户名").fill("reviewer_a")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
    page.get_by_label("密码").fill("pw-reviewer_a")
    page.get_by_role("button", name="登录", exact=True).click()

    # 工作台: the user's name and department, the role-filtered sidebar, icons from the vendored font.
    expect(page).to_have_url(re.compile(r"/workbench/$"))
    expect(page.get_by_role("heading", name="您好，市场审查员")).to_be_visible()
    expect(page.locator(".tb-topbar")).to_contain_text("苏州市市场监督管理局")
    sidebar = page.get_by_role("navigation", name="工作台导航")
    expect(sidebar.get_by_role("link", name="工作台首页")).to_have_attribute("aria-current", "page")
    expect(sidebar.get_by_role("link", name="修改密码")).to_be_visible()
    assert page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts].some(f => f.family.includes('bootstrap-icons') && f.status === 'loaded'))"
    )

    # English.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    sidebar = page.get_by_role("navigation", name="Workbench navigation")
    expect(sidebar.get_by_role("link", name="Workbench home")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Change password")).to_be_visible()
    expect(page.get_by_role("heading", name="Hello, 市场审查员")).to_be_visible()
    expect(page.get_by_role("heading", name="My roles and their scope")).to_be_visible()

    # Sign out (a POST form): back at the portal, and the workbench asks for a login again.
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(origin + "/")
    expect(page.get_by_role("status")).to_contain_text("You have been signed out.")
    page.goto(origin + "/workbench/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/workbench/$"))
    expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible()

    context.close()
    assert any("/static/vendor/bootstrap/bootstrap.min.css" in url for url in seen)
    assert not offsite, f"requests to other hosts: {offsite}"
    assert all(local(url) for url in seen), [url for url in seen if not local(url)]
    # The browser drops a favicon fetch still in flight when the page moves on; anything else must load.
    failed = [(url, why) for url, why in failed if not (url.endswith("/favicon.svg") and why == "net::ERR_ABORTED")]
    assert not failed, f"failed requests: {failed}"
    assert not errors, f"error responses: {errors}"
