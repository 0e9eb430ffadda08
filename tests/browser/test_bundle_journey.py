"""A new company applies for 企业开办一件事 in one form and receives every result, through the real pages.

The founder fills the one form (not hiring, so 公积金开户 is skipped) with one upload per material; the
submission fans out to 市场监管局 (公司设立登记) and 人社局 (社会保险登记) at once, while 公章刻制备案 waits for the
registration. The window gathers a missing signature into ONE sealed 补正 notice for both sub-cases; the founder
answers once and both sub-cases take it. The two departments act in parallel; the registration's grant starts
公章刻制备案 at 公安局 by itself; when it is granted too, the founder sees all three results on one page.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.test_case_journey import Guard, action, flash, sign_in
from tongban.bundles.plan import plan_of
from tongban.files.tests.samples import pdf

NAMES = {"articles": "公司章程", "premises": "住所使用证明", "m1": "公司登记申请书"}


@pytest.fixture
def world(live_server, org_world, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    settings.TONGBAN_SEAL_KEK = "browser-test-kek-" + "x" * 40
    settings.TONGBAN_PUBLIC_URL = live_server.url
    from tongban.bundles.tests.conftest import make_bundle_world

    w = make_bundle_world(org_world)
    w.labels = {m.code: m.name for m in plan_of(w.bundle).materials}
    w.files = {}
    for code, name in w.labels.items():
        path = tmp_path / "upload" / f"{name}.pdf"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(pdf(name))
        w.files[code] = str(path)
    signed = tmp_path / "upload" / "公司章程（全体股东签署）.pdf"
    signed.write_bytes(pdf("signed"))
    w.files["signed"] = str(signed)
    return w


def staff_page(guard, username):
    page = guard.page()
    page.goto(guard.origin + "/login/")
    sign_in(page, username)
    return page


def open_member(page, origin, bundle_path, member_name):
    page.goto(origin + bundle_path)
    page.locator("#members").get_by_role("link", name=member_name).click()
    expect(page).to_have_url(re.compile(r"/workbench/cases/\d+/$"))


def grant(guard, origin, bundle_path, member, reviewer, approver):
    r = staff_page(guard, reviewer)
    open_member(r, origin, bundle_path, member)
    form = action(r, "complete_step")
    form.get_by_label("审查意见").fill("材料齐全，符合条件")
    form.get_by_role("button", name="提交意见并转下一环节").click()
    a = staff_page(guard, approver)
    open_member(a, origin, bundle_path, member)
    form = action(a, "decide")
    form.get_by_role("radio", name="准予许可").check()
    form.get_by_label("准予内容").fill(f"准予{member}")
    form.get_by_role("button", name="作出决定并出具决定书").click()
    expect(flash(a)).to_contain_text("已作出准予许可决定")


@pytest.mark.browser
def test_a_new_company_opens_in_one_application(world, live_server, browser):
    w = world
    origin = live_server.url
    guard = Guard(browser, origin)

    # The founder finds the bundle, signs in and applies in one form with one upload per material.
    f = guard.page()
    f.goto(origin + "/login/?next=/bundles/")
    sign_in(f, "founder", landing=r"/bundles/$")
    f.get_by_role("link", name="企业开办一件事").click()
    expect(f.get_by_role("heading", name="企业开办一件事", level=1)).to_be_visible()
    expect(f.locator("[data-savings]")).to_contain_text("申请表（份）")
    f.get_by_role("button", name="在线申请").click()
    expect(f).to_have_url(re.compile(r"/bundles/applications/\d+/edit/$"))
    f.get_by_role("textbox", name=re.compile("^企业名称")).fill("苏州一件事科技有限公司")
    f.get_by_role("textbox", name=re.compile("^住所")).fill("苏州市姑苏区人民路 1 号")
    f.get_by_role("textbox", name=re.compile("^法定代表人姓名")).fill("李四")
    f.get_by_role("textbox", name=re.compile("^注册资本")).fill("100")
    f.get_by_role("radio", name="否").check()
    for code, name in w.labels.items():
        f.get_by_label(name, exact=True).set_input_files(w.files[code])
    f.get_by_role("button", name="提交申请").click()
    expect(f).to_have_url(re.compile(r"/bundles/applications/\d+/$"))
    expect(flash(f)).to_contain_text("已分送各部门办理")
    bundle_pk = re.search(r"/applications/(\d+)/", f.url).group(1)
    bundle_path = f"/workbench/bundles/{bundle_pk}/"
    members = f.locator("#members")
    expect(members.locator("[data-member=fund] [data-state]")).to_have_attribute("data-state", "skipped")
    expect(members.locator("[data-member=seal] [data-state]")).to_have_attribute("data-state", "waiting")
    expect(members.locator("[data-member=setup] [data-state]")).to_contain_text("待受理")
    expect(members.locator("[data-member=social] [data-state]")).to_contain_text("待受理")

    # The window gathers the missing signature into ONE notice for both sub-cases that use the articles.
    clerk = staff_page(guard, "clerk")
    clerk.goto(origin + bundle_path)
    box = clerk.locator("#combined-supplement")
    box.get_by_role("checkbox", name=re.compile("公司章程")).check()
    box.locator("#reason_articles").fill("未经全体股东签署")
    box.get_by_role("button", name="出具补正告知书").click()
    expect(flash(clerk)).to_contain_text("已出具一次性补正告知书")
    expect(clerk.locator("#bundle-status")).to_have_attribute("data-status", "supplement")

    # The founder answers once.
    f.reload()
    notice = f.locator("#supplement")
    expect(notice).to_contain_text("未经全体股东签署")
    expect(notice).to_contain_text("公司设立登记")
    notice.get_by_label("公司章程").set_input_files(w.files["signed"])
    notice.get_by_role("button", name="提交补正").click()
    expect(flash(f)).to_contain_text("已分送各相关部门")
    expect(f.locator("#bundle-status")).to_have_attribute("data-status", "intake")

    # The window accepts both sub-cases; the two departments act in parallel.
    for member in ("公司设立登记", "社会保险登记"):
        open_member(clerk, origin, bundle_path, member)
        action(clerk, "accept").get_by_role("button", name="受理").click()
        expect(flash(clerk)).to_contain_text("已受理")
    grant(guard, origin, bundle_path, "社会保险登记", "hr_reviewer", "hr_approver")
    f.reload()
    expect(members.locator("[data-member=seal] [data-state]")).to_have_attribute("data-state", "waiting")
    grant(guard, origin, bundle_path, "公司设立登记", "reviewer_a", "market_approver")

    # 公章刻制备案 started by itself at 公安局 once the registration was granted.
    f.reload()
    expect(members.locator("[data-member=seal] [data-state]")).to_contain_text("待受理")
    open_member(clerk, origin, bundle_path, "公章刻制备案")
    action(clerk, "accept").get_by_role("button", name="受理").click()
    grant(guard, origin, bundle_path, "公章刻制备案", "police_reviewer", "police_approver")

    # The founder sees every result on the one page; the bundle is concluded.
    f.reload()
    expect(f.locator("#bundle-status")).to_have_attribute("data-status", "concluded")
    expect(members.locator("[data-result=grant]")).to_have_count(3)
    expect(f.get_by_text("自动启动“公章刻制备案”")).to_be_visible()
    assert not guard.offsite, guard.offsite
    assert not guard.script_errors, guard.script_errors
    assert all(urlsplit(u).path.startswith("/verify/") or s < 500 for s, u in guard.errors), guard.errors
    guard.close()
