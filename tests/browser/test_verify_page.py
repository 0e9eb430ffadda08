"""The public verification page, as a citizen or a bank clerk would use it: open the QR code's link of an issued
notice and see 有效 with the department; upload an altered copy and see 无效. Every asset local."""

import pytest
from playwright.sync_api import expect


@pytest.fixture
def notice(live_server, org_world, settings):
    """Issued, and its bytes read, before the browser starts: once Playwright's event loop runs in this thread,
    Django would hand the test a second database connection (connections are context-local) left open."""
    settings.TONGBAN_SEAL_KEK = "browser-test-kek-" + "x" * 40
    settings.TONGBAN_PUBLIC_URL = live_server.url
    from tongban.seals.documents.selectors import read_pdf
    from tongban.seals.documents.services import document_issue
    from tongban.seals.documents.testing import sample_data
    from tongban.seals.models import Seal
    from tongban.seals.services import seal_create

    seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.INTAKE)
    doc = document_issue(actor=None, kind="acceptance", department=org_world.bureau, data=sample_data("acceptance"))
    return doc, read_pdf(doc)


@pytest.mark.browser
def test_qr_link_and_upload(live_server, notice, browser, tmp_path):
    notice, pdf = notice
    qr_url = f"{live_server.url}/verify/{notice.token}/"

    origin = live_server.url
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    offsite, errors = [], []
    context.route(lambda url: not (url.startswith(origin + "/") or url.startswith("data:")),
                  lambda route: (offsite.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("response", lambda r: r.status >= 400 and errors.append((r.status, r.url)))

    # The QR code's link: valid, sealed by the bureau.
    page.goto(qr_url)
    result = page.get_by_role("status")
    expect(result).to_contain_text("有效")
    expect(result).to_contain_text("苏州市行政审批局")
    expect(page.locator(".sv-department")).to_have_text("苏州市行政审批局")
    expect(page.get_by_role("cell", name=notice.number)).to_be_visible()
    page.screenshot(path=str(tmp_path / "valid.png"), full_page=True)

    # An altered copy uploaded through the form on the same page: invalid, with the reason.
    altered = bytearray(pdf)
    altered[altered.index(b"stream\n", altered.index(b"/Type /Page ") - 400) + 40] ^= 1
    path = tmp_path / "受理通知书（改）.pdf"
    path.write_bytes(bytes(altered))
    page.get_by_label("选择要核验的 PDF 文件").set_input_files(str(path))
    page.get_by_role("button", name="核验", exact=True).click()
    result = page.get_by_role("status")
    expect(result).to_contain_text("无效")
    expect(result).to_contain_text("文件已被篡改")
    page.screenshot(path=str(tmp_path / "invalid.png"), full_page=True)

    # The genuine file through the upload form: valid again.
    genuine = tmp_path / "受理通知书.pdf"
    genuine.write_bytes(pdf)
    page.get_by_label("选择要核验的 PDF 文件").set_input_files(str(genuine))
    page.get_by_role("button", name="核验", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("有效")

    # English, by the visitor's choice.
    page.goto(qr_url)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Document verification")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Valid")

    context.close()
    assert not offsite, offsite
    assert not errors, errors
