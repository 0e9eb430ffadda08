"""A new applicant applies for 食品经营许可 online and is granted it, every step through the real pages.

The applicant finds the item, registers their identity and applies with materials; the window clerk sends a 补正
notice listing two materials; the applicant supplements them and the case is accepted; two reviewers check the
food-safety rules (行政许可法第三十四条) and the first completes the review; the approver suspends the clock for an
expert review (第四十五条), resumes it and grants; the applicant downloads the sealed decision and sees it verify.

Each person uses their own browser context and signs in through the login page. The pages use today's date, so
the journey spreads over three working days by moving the server's clock (`django.utils.timezone.now`): a
suspension on the day of acceptance would not move the due date, since the decision period counts from the day
after acceptance.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_staff
from tongban.catalog import services as catalog
from tongban.catalog.tests.factories import FOOD_CODE, catalogue_people, food_spec
from tongban.clock import WorkCalendar
from tongban.files.tests.samples import pdf
from tongban.org.models import Role
from tongban.seals.services import seal_create

# Set TONGBAN_SCREENSHOTS=/some/dir to keep screenshots of the main steps.
SHOTS = os.environ.get("TONGBAN_SCREENSHOTS")
MARKET = "苏州市市场监督管理局"
RULES, LICENCE, APPLICATION = "食品安全管理制度", "营业执照", "食品经营许可申请书"


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"case-{name}.png"), full_page=True)


@pytest.fixture
def server_day(monkeypatch):
    """Move the date the server (the live server's thread, same process) takes as today."""
    real_now = timezone.now
    offset = [timedelta(0)]
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset[0])

    def travel_to(day):
        offset[0] = timedelta(days=(day - timezone.localdate(real_now())).days)

    return travel_to


@pytest.fixture
def world(live_server, org_world, settings, tmp_path):
    """Built, with every date computed, before the browser starts: once Playwright's event loop runs in this
    thread, the ORM here would get a second connection (see test_verify_page.py)."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    settings.TONGBAN_SEAL_KEK = "browser-test-kek-" + "x" * 40
    settings.TONGBAN_PUBLIC_URL = live_server.url
    w = catalogue_people(org_world)
    w.reviewer_a2 = make_staff("reviewer_a2", w.market, Role.REVIEWER, name="市场审查员二")
    w.approver = make_staff("approver_a", w.market, Role.APPROVER, name="市场审批员")
    v = catalog.item_create(actor=w.market_admin.user, code=FOOD_CODE, owner=w.market, spec=food_spec())
    catalog.version_submit(actor=w.market_admin.user, version=v)
    catalog.version_review(actor=w.bureau_reviewer.user, version=v, approve=True)
    for kind in ("intake", "approval"):
        seal_create(actor=w.admin.user, department=w.market, kind=kind)
    # A new applicant: an account, no 实名登记 yet.
    get_user_model().objects.create_user("zhangsan", password="pw-zhangsan")

    cal = WorkCalendar.default()
    w.day0 = timezone.localdate()
    w.day1, w.day2 = cal.add_workdays(w.day0, 1), cal.add_workdays(w.day0, 2)
    w.due_accepted = cal.add_workdays(w.day0, 10)  # 承诺 10 个工作日 from acceptance on day 0
    w.due_resumed = cal.add_workdays(w.day2, 10)   # 专家评审 from day 1 through day 2 does not count
    w.files = {}
    for name in (APPLICATION, RULES, LICENCE, RULES + "（盖章）"):
        path = tmp_path / "upload" / f"{name}.pdf"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(pdf(name))
        w.files[name] = str(path)
    return w


class Guard:
    """Every context refuses requests to other hosts and records them, error responses and script errors."""

    def __init__(self, browser, origin: str):
        self.browser, self.origin = browser, origin
        self.offsite, self.errors, self.script_errors, self.contexts = [], [], [], []

    def is_offsite(self, url: str) -> bool:
        """A network request to anywhere but the live server. (The document page embeds the PDF; Chromium's own
        viewer then loads chrome:// and chrome-extension:// resources, which never leave the browser.)"""
        return urlsplit(url).scheme in ("http", "https", "ws", "wss") and not url.startswith(self.origin + "/")

    def page(self):
        context = self.browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900},
                                           accept_downloads=True)
        context.route(self.is_offsite, lambda route: (self.offsite.append(route.request.url), route.abort()))
        context.on("page", self.watch)
        self.contexts.append(context)
        page = context.new_page()
        return page

    def watch(self, page):
        page.on("response", lambda r: r.status >= 400 and self.errors.append((r.status, r.url)))
        page.on("pageerror", lambda exc: self.script_errors.append(str(exc)))

    def close(self):
        for context in self.contexts:
            context.close()


def sign_in(page, username: str, *, landing=r"/workbench/$") -> None:
    """On the login page (reached by a link or a redirect), sign in and land where the site sends us."""
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-" + username)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page).to_have_url(re.compile(landing))


def staff(guard: Guard, username: str):
    page = guard.page()
    page.goto(guard.origin + "/login/")
    sign_in(page, username)
    return page


def open_case(page, number: str) -> None:
    """我的待办 → the case."""
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="我的待办").click()
    expect(page.get_by_role("heading", name="我的待办", level=1)).to_be_visible()
    page.get_by_role("link", name=number, exact=True).click()
    expect(page).to_have_url(re.compile(r"/workbench/cases/\d+/$"))


def action(page, name: str):
    """The panel's form of one action, its <details> opened as a person would (a click on its summary)."""
    form = page.locator(f"form[action$='/actions/{name}/']")
    details = page.locator("details.cw-action").filter(has=form)
    expect(details).to_have_count(1)
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    expect(form).to_be_visible()
    return form


def flash(page):
    return page.locator(".tb-messages")


@pytest.mark.browser
def test_a_new_applicant_is_granted_a_food_licence(world, server_day, live_server, browser):
    w = world
    origin = live_server.url
    guard = Guard(browser, origin)

    # ---------------------------------------------------------------------------------------------------------
    # Day 0. The applicant finds the item from the hall's search box and applies online.
    # ---------------------------------------------------------------------------------------------------------
    a = guard.page()
    a.goto(origin + "/")
    box = a.get_by_role("searchbox", name="搜索事项和常见问题")
    box.fill("食品经营许可")
    box.press("Enter")
    results = a.get_by_role("region", name=re.compile("相关事项"))
    expect(results.get_by_role("link").first).to_contain_text("食品经营许可")
    results.get_by_role("link").first.click()
    expect(a.get_by_role("heading", name="食品经营许可", level=1)).to_be_visible()
    a.get_by_role("link", name="在线申请").click()

    # Signing in, then 实名登记 (the account has no natural person yet), then back to the application.
    sign_in(a, "zhangsan", landing=r"/apply/register/\?next=")
    expect(a.get_by_role("heading", name="实名登记")).to_be_visible()
    a.get_by_label("姓名").fill("张三")
    a.get_by_label("证件号码").fill("11010519491231002X")
    a.get_by_label("手机号码").fill("13812345678")
    a.get_by_role("button", name="登记并继续").click()
    expect(a).to_have_url(re.compile(rf"/apply/items/{re.escape(FOOD_CODE)}/start/$"))
    expect(flash(a)).to_contain_text("实名信息已登记")
    expect(a.get_by_role("heading", name="食品经营许可", level=1)).to_be_visible()
    expect(a.get_by_role("radio", name=re.compile("本人：张三"))).to_be_checked()
    a.get_by_role("button", name="开始填写").click()

    # The form generated from the item's form_schema, one upload per material.
    expect(a).to_have_url(re.compile(r"/apply/cases/\d+/edit/$"))
    case_path = re.search(r"/apply/cases/\d+/", a.url).group(0)
    a.get_by_label("经营者名称").fill("张三小吃店")
    a.get_by_label("统一社会信用代码").fill("91350100M000100Y43")
    a.get_by_role("radio", name="否").check()
    a.get_by_label(f"选择文件：{APPLICATION}").set_input_files(w.files[APPLICATION])
    a.get_by_label(f"选择文件：{RULES}").set_input_files(w.files[RULES])
    shot(a, "1-application")
    a.get_by_role("button", name="提交申请", exact=True).click()

    # The receipt: a case number and the date by which intake will be decided.
    expect(a).to_have_url(re.compile(r"/apply/cases/\d+/receipt/$"))
    expect(a.get_by_role("heading", name="网上申请回执")).to_be_visible()
    number = a.locator(".ap-receipt-no .ap-number").inner_text().strip()
    assert re.fullmatch(rf"{w.day0.year}-[0-9A-Z]+-\d{{6}}", number), number
    receipt = a.locator(".ap-receipt")
    for text in ("食品经营许可", "张三", MARKET, "受理决定期限", APPLICATION, RULES):
        expect(receipt).to_contain_text(text)
    shot(a, "2-receipt")

    # The window clerk reviews the materials and sends one 补正 notice listing two of them.
    clerk = staff(guard, "clerk")
    open_case(clerk, number)
    expect(clerk.locator("h1")).to_contain_text(number)
    form = action(clerk, "supplement")
    form.get_by_label(LICENCE, exact=True).check()
    form.get_by_label(f"“{LICENCE}”的补正原因").fill("电子证照库未查到，请上传营业执照")
    form.get_by_label(RULES, exact=True).check()
    form.get_by_label(f"“{RULES}”的补正原因").fill("未加盖公章")
    form.get_by_role("button", name="出具补正告知书").click()
    expect(flash(clerk)).to_contain_text("已一次性告知补正 2 项材料")

    # The applicant sees the notice in 我的办件 and on the case page, with each missing item and its reason.
    a.goto(origin + "/apply/")
    row = a.get_by_role("row").filter(has_text=number)
    row.get_by_role("link", name="去补正").click()
    notice = a.get_by_role("region", name="请补正材料")
    expect(notice).to_contain_text("一次性告知，共 2 项")
    expect(notice.locator(".ap-material")).to_have_count(2)
    expect(notice.locator(".ap-material").nth(0)).to_contain_text(LICENCE)
    expect(notice.locator(".ap-material").nth(0)).to_contain_text("补正原因：电子证照库未查到，请上传营业执照")
    expect(notice.locator(".ap-material").nth(1)).to_contain_text(RULES)
    expect(notice.locator(".ap-material").nth(1)).to_contain_text("补正原因：未加盖公章")
    expect(notice).not_to_contain_text(APPLICATION)
    expect(notice.get_by_role("link", name="查看补正告知书")).to_be_visible()
    expect(a.get_by_role("region", name="办理期限")).to_contain_text("补正期间不计时")
    shot(a, "3-supplement-notice")

    # 补正: the two files, then hand them in.
    notice.get_by_label(f"选择文件：{LICENCE}").set_input_files(w.files[LICENCE])
    # The unsealed rules of the application are there: the upload replaces them.
    notice.get_by_label(f"替换文件：{RULES}").set_input_files(w.files[RULES + "（盖章）"])
    notice.get_by_role("button", name="提交补正材料").click()
    expect(flash(a)).to_contain_text("补正材料已提交")
    expect(a.get_by_role("region", name="请补正材料")).to_have_count(0)

    # The clerk accepts: a sealed 受理通知书 and the decision due in ten working days.
    clerk.reload()
    expect(clerk.get_by_role("region", name="补正告知")).to_contain_text("未加盖公章")
    action(clerk, "accept").get_by_role("button", name="受理").click()
    expect(flash(clerk)).to_contain_text(f"已受理，受理通知书已盖章出具；决定期限 {w.due_accepted.isoformat()}")

    # The applicant's countdown, with how it is counted.
    a.goto(origin + case_path)
    clock = a.get_by_role("group", name="办理期限")
    expect(clock).to_contain_text("正常")
    expect(clock).to_contain_text(f"截止日 {w.due_accepted.isoformat()}")
    expect(clock).to_contain_text("还剩")
    expect(clock).to_contain_text("如何计算：")
    expect(clock).to_contain_text("从受理之日起按承诺时限以工作日计算")
    expect(a.get_by_role("region", name="相关文书")).to_contain_text("受理通知书")
    shot(a, "4-accepted")

    # Two reviewers check the food-safety rules (two people, 第三十四条); the first completes the review.
    first = staff(guard, "reviewer_a")
    open_case(first, number)
    form = action(first, "verify_fact")
    form.get_by_label("核查事项").select_option(label=RULES)
    form.get_by_label("核查情况").fill("现场核查，制度已上墙并落实")
    form.get_by_role("button", name="记录核查情况").click()
    expect(flash(first)).to_contain_text("核查情况已记录")
    expect(first.get_by_role("region", name="实地核查（两人以上）")).to_contain_text("1/2 人已核查")

    second = staff(guard, "reviewer_a2")
    open_case(second, number)
    form = action(second, "verify_fact")
    form.get_by_label("核查事项").select_option(label=RULES)
    form.get_by_label("核查情况").fill("复核属实")
    form.get_by_role("button", name="记录核查情况").click()
    expect(flash(second)).to_contain_text("核查情况已记录")
    expect(second.get_by_role("region", name="实地核查（两人以上）")).to_contain_text("2/2 人已核查")

    first.reload()
    form = action(first, "complete_step")
    form.get_by_label("审查意见").fill("材料齐全，经两人核查属实，符合许可条件")
    form.get_by_role("button", name="提交意见并转下一环节").click()
    expect(flash(first)).to_contain_text("本环节已完成")
    expect(first.get_by_role("region", name="审查环节与意见")).to_contain_text("材料齐全，经两人核查属实，符合许可条件")

    # ---------------------------------------------------------------------------------------------------------
    # Day 1. The approver sends the case to an expert review: the clock stops.
    # ---------------------------------------------------------------------------------------------------------
    server_day(w.day1)
    approver = staff(guard, "approver_a")
    open_case(approver, number)
    expect(approver.locator("form[action$='/actions/decide/']")).to_have_count(1)
    form = action(approver, "suspend")
    form.get_by_label("特别程序").select_option("专家评审")
    form.get_by_label("预计所需工作日").fill("3")
    form.get_by_label("事由说明").fill("经营场所布局复杂，需组织专家评审")
    form.get_by_role("button", name="中止计时并告知申请人").click()
    expect(flash(approver)).to_contain_text("已中止计时，特别程序告知书已盖章出具")
    expect(approver.locator("#main")).to_contain_text("恢复计时后才能作出决定")
    expect(approver.locator("form[action$='/actions/decide/']")).to_have_count(0)

    a.reload()
    clock = a.get_by_role("group", name="办理期限")
    expect(clock.locator(".ap-pill")).to_contain_text("中止")
    expect(clock).to_contain_text("中止期间不计时，恢复后顺延")
    expect(clock).to_contain_text("专家评审")
    expect(a.get_by_role("region", name="相关文书")).to_contain_text("特别程序告知书")
    expect(a.get_by_role("region", name="办理进度")).to_contain_text("专家评审")
    shot(a, "5-suspended")

    # ---------------------------------------------------------------------------------------------------------
    # Day 2. The expert review is over: the clock resumes, the due date moves by the days it stood still.
    # ---------------------------------------------------------------------------------------------------------
    server_day(w.day2)
    approver.reload()
    action(approver, "resume").get_by_role("button", name="恢复计时").click()
    expect(flash(approver)).to_contain_text(f"已恢复计时，决定期限 {w.due_resumed.isoformat()}")

    a.reload()
    clock = a.get_by_role("group", name="办理期限")
    # (The pill still reads 中止计时 today: a suspension covers its end day too, so counting restarts tomorrow.)
    expect(clock).to_contain_text(f"截止日 {w.due_resumed.isoformat()}")
    expect(clock).not_to_contain_text(w.due_accepted.isoformat())
    assert w.due_resumed > w.due_accepted
    expect(a.get_by_role("region", name="办理进度")).to_contain_text(f"专家评审结束，自 {w.day2.isoformat()} 后恢复计时")
    shot(a, "6-resumed")

    # The approver grants: the sealed decision goes to the applicant's account and the case concludes.
    approver.reload()
    form = action(approver, "decide")
    form.get_by_role("radio", name="准予许可").check()
    form.get_by_label("准予内容").fill("准予从事餐饮服务（小型餐馆），经营场所：姑苏区人民路 1 号")
    form.get_by_role("button", name="作出决定并出具决定书").click()
    expect(flash(approver)).to_contain_text("已作出准予许可决定。决定书已电子送达申请人，办件已办结。")
    expect(approver.get_by_role("region", name="文书与送达")).to_contain_text("准予行政许可决定书")

    # ---------------------------------------------------------------------------------------------------------
    # The applicant opens the decision, downloads the sealed PDF and verifies it.
    # ---------------------------------------------------------------------------------------------------------
    a.reload()
    expect(a.locator(".ap-head .badge")).to_have_text("已办结")
    expect(a.get_by_role("region", name="办理进度")).to_contain_text("准予")
    delivered = a.get_by_role("region", name="准予行政许可决定书已送达，请查收")
    delivered.get_by_role("link", name="查看并签收").click()
    expect(a.get_by_role("heading", name="准予行政许可决定书", level=1)).to_be_visible()
    expect(a.locator(".ap-head")).to_contain_text(MARKET)
    expect(a.locator(".ap-meta")).to_contain_text("签收时间")
    shot(a, "7-decision")

    # The page embeds the PDF (<object>): let that request finish first. Two audited readings at the same moment
    # could read the same audit chain head on the test's in-memory shared-cache SQLite, which does not make the
    # second writer wait as the shipped file database (BEGIN IMMEDIATE) and PostgreSQL (FOR UPDATE) do.
    a.wait_for_load_state("networkidle")
    with a.expect_download() as download:
        a.get_by_role("link", name="下载 PDF").click()
    saved = download.value.path()
    body = Path(saved).read_bytes()
    assert body.startswith(b"%PDF"), body[:16]
    assert b"/ByteRange" in body

    with a.expect_popup() as popup:
        a.get_by_role("link", name="在线核验真伪").click()
    verify = popup.value
    expect(verify).to_have_url(re.compile(r"/verify/[\w-]+/$"))
    result = verify.get_by_role("status")
    expect(result).to_contain_text("有效")
    expect(result).to_contain_text(MARKET)
    expect(verify.locator(".sv-department")).to_have_text(MARKET)
    shot(verify, "8-verified")

    # The downloaded file through the page's upload check: the same verdict.
    upload = Path(saved).with_name("准予行政许可决定书.pdf")
    upload.write_bytes(body)
    verify.get_by_label("选择要核验的 PDF 文件").set_input_files(str(upload))
    verify.get_by_role("button", name="核验", exact=True).click()
    expect(verify.get_by_role("status")).to_contain_text("有效")
    expect(verify.get_by_role("status")).to_contain_text(MARKET)

    guard.close()
    assert not guard.offsite, f"requests to other hosts: {guard.offsite}"
    assert not guard.errors, f"error responses: {guard.errors}"
    assert not guard.script_errors, f"script errors: {guard.script_errors}"
