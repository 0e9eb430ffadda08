"""Verification for everyone: the page the QR code opens, the upload form, and the public API."""

import pytest
from asn1crypto import cms
from django.core.files.uploadedfile import SimpleUploadedFile

from tongban.seals.documents.selectors import read_pdf
from tongban.seals.documents.services import document_issue, document_supersede, document_withdraw
from tongban.seals.documents.testing import sample_data
from tongban.seals.models import Seal
from tongban.seals.services import seal_create, seal_revoke
from tongban.seals.ses import verify_detached


@pytest.fixture
def notice(org_world):
    seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.INTAKE)
    return document_issue(actor=None, kind="acceptance", department=org_world.bureau,
                          data=sample_data("acceptance", recipient="张伟"))


def _flip(pdf: bytes) -> bytes:
    out = bytearray(pdf)
    offset = pdf.index(b"stream\n", pdf.index(b"/Type /Page ") - 400) + 40
    out[offset] ^= 0x01
    return bytes(out)


def _padding_changed(pdf: bytes) -> bytes:
    """A change outside the signed byte ranges (the zero padding of /Contents): the signature still verifies."""
    start = pdf.index(b"/Contents <") + len(b"/Contents <")
    end = pdf.index(b">", start)
    assert pdf[end - 1:end] == b"0"
    return pdf[:end - 1] + b"1" + pdf[end:]


def _upload(pdf: bytes, name="notice.pdf"):
    return SimpleUploadedFile(name, pdf, content_type="application/pdf")


def test_qr_page_says_valid_with_department_and_details(client, notice):
    response = client.get(f"/verify/{notice.token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-verdict="valid"' in html and ">有效<" in html
    assert "苏州市行政审批局" in html and "苏州市行政审批局受理专用章" in html
    assert notice.number in html and "受理通知书" in html
    assert "张*" in html and "张伟" not in html  # a person's name is masked on the public page
    assert "未吊销" in html and "有效（SM2，GB/T 38540）" in html
    assert notice.sha256 in html


def test_sm2_signature_download_verifies_the_document(client, notice):
    response = client.get(f"/verify/{notice.token}/signature.ses")
    assert response.status_code == 200 and response["Content-Type"] == "application/octet-stream"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    result = verify_detached(read_pdf(notice), response.content)
    assert result.valid and result.department == "苏州市行政审批局"


def test_the_pdf_itself_is_for_staff_only(client, notice, org_world):
    assert client.get(f"/verify/{notice.token}/document.pdf").status_code == 302  # to the login page
    client.force_login(org_world.clerk.user)
    response = client.get(f"/verify/{notice.token}/document.pdf")
    assert response.status_code == 200 and b"".join(response.streaming_content) == read_pdf(notice)


def test_root_and_crl_for_relying_parties(client, notice):
    from cryptography import x509

    from tongban.seals.keys import deployment_root

    html = client.get("/verify/").content.decode()
    assert 'href="/verify/root.pem"' in html and 'href="/verify/crl.der"' in html
    root = x509.load_pem_x509_certificate(client.get("/verify/root.pem").content)
    assert root == deployment_root()
    crl = x509.load_der_x509_crl(client.get("/verify/crl.der").content)
    assert crl.is_signature_valid(root.public_key())


def test_unknown_token_is_a_404(client, db):
    response = client.get("/verify/no-such-token-at-all/")
    assert response.status_code == 404
    assert "核验码不存在" in response.content.decode()


def test_upload_form_verifies_a_genuine_file(client, notice):
    html = client.get("/verify/").content.decode()
    assert "证照与文书核验" in html and 'type="file"' in html
    response = client.post("/verify/", {"file": _upload(read_pdf(notice))})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-verdict="valid"' in html and notice.number in html


def test_upload_form_rejects_an_altered_file(client, notice):
    response = client.post("/verify/", {"file": _upload(_flip(read_pdf(notice)))})
    html = response.content.decode()
    assert 'data-verdict="invalid"' in html and ">无效<" in html
    assert "文件内容与盖章时不一致：文件已被篡改。" in html


def test_a_change_outside_the_signed_bytes_is_still_not_our_document(client, notice):
    response = client.post("/verify/", {"file": _upload(_padding_changed(read_pdf(notice)))})
    html = response.content.decode()
    assert 'data-verdict="invalid"' in html and "没有出具过与该文件完全相同的文书" in html


def test_upload_form_refuses_what_is_not_a_pdf(client, db):
    response = client.post("/verify/", {"file": SimpleUploadedFile("a.pdf", b"PK\x03\x04 not a pdf")})
    assert response.status_code == 200
    assert "只能核验 PDF 文件" in response.content.decode()


def test_withdrawn_and_superseded_documents_are_not_valid(client, notice, org_world):
    second = document_issue(actor=None, kind="acceptance", department=org_world.bureau,
                            data=sample_data("acceptance"))
    document_withdraw(actor=None, document=notice, reason="申请人撤回申请")
    html = client.get(f"/verify/{notice.token}/").content.decode()
    assert 'data-verdict="invalid"' in html and "撤回" in html and "申请人撤回申请" in html
    correction = document_supersede(actor=None, document=second, reason="事项名称有误",
                                    data=sample_data("acceptance", item_name="食品经营许可（变更）"))
    html = client.get(f"/verify/{second.token}/").content.decode()
    assert 'data-verdict="invalid"' in html and correction.number in html
    assert f"/verify/{correction.token}/" in html  # a link to the correction
    assert 'data-verdict="valid"' in client.get(f"/verify/{correction.token}/").content.decode()


def test_seal_revoked_after_issue_keeps_the_document_valid_but_says_so(client, notice):
    seal_revoke(actor=None, seal=notice.seal, reason="机构调整停用", reason_code="cessation_of_operation")
    html = client.get(f"/verify/{notice.token}/").content.decode()
    assert 'data-verdict="valid"' in html and "已吊销" in html and "不影响本文书的效力" in html


def test_seal_key_compromise_invalidates_the_document(client, notice):
    seal_revoke(actor=None, seal=notice.seal, reason="私钥泄露", reason_code="key_compromise")
    html = client.get(f"/verify/{notice.token}/").content.decode()
    assert 'data-verdict="invalid"' in html and "不再可信" in html


def test_english_page(client, notice):
    client.cookies["django_language"] = "en"
    html = client.get(f"/verify/{notice.token}/").content.decode()
    assert 'lang="en"' in html
    assert "Document verification" in html and ">Valid<" in html and "Issued by" in html


# -- API -------------------------------------------------------------------------------------------------


def test_api_document_by_token(client, notice):
    response = client.get(f"/api/v1/seals/documents/{notice.token}")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["verdict"] == "有效" and body["authentic"] is True
    assert body["seal"]["department"] == "苏州市行政审批局" and body["seal"]["revoked"] is False
    assert body["sm2"] == {"present": True, "valid": True, "reason": ""}
    doc = body["document"]
    assert doc["number"] == notice.number and doc["status"] == "valid" and doc["recipient"] == "张*"
    assert doc["verify_url"] == f"https://tongban.example.gov.cn/verify/{notice.token}/"
    signature = client.get(f"/api/v1/seals/documents/{notice.token}/signature").content
    cms_or_ses = signature[:1] == b"\x30"
    assert cms_or_ses and verify_detached(read_pdf(notice), signature).valid
    assert cms  # asn1crypto is what reads it


def test_api_unknown_token(client, db):
    response = client.get("/api/v1/seals/documents/nope")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_api_upload_valid_and_altered(client, notice):
    pdf = read_pdf(notice)
    body = client.post("/api/v1/seals/verify", {"file": _upload(pdf)}).json()
    assert body["valid"] is True and body["document"]["number"] == notice.number
    body = client.post("/api/v1/seals/verify", {"file": _upload(_flip(pdf))}).json()
    assert body["valid"] is False and body["verdict"] == "无效" and "篡改" in body["reason"]
    assert body["document"] is None


def test_api_upload_reports_withdrawal(client, notice):
    document_withdraw(actor=None, document=notice, reason="误发")
    body = client.post("/api/v1/seals/verify", {"file": _upload(read_pdf(notice))}).json()
    assert body["valid"] is False and body["authentic"] is True
    assert body["document"]["status"] == "withdrawn" and body["document"]["status_reason"] == "误发"


def test_api_upload_refuses_non_pdf(client, db):
    response = client.post("/api/v1/seals/verify", {"file": SimpleUploadedFile("x.txt", b"hello")})
    assert response.status_code == 422 and "不是 PDF" in response.json()["detail"]
