"""`tongban seal sample-notice OUT.pdf` and `tongban verify FILE` as an operator would use them — and pdfsig on
the same file, with the root that `tongban seal export-root` writes."""

import json
from datetime import date
from io import StringIO

import pytest
from cryptography import x509
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tongban.seals.documents.testing import NssTrust, make_material
from tongban.seals.documents_models import IssuedDocument
from tongban.seals.models import Seal
from tongban.seals.services import seal_revoke


@pytest.fixture
def on_a_known_day(monkeypatch):
    # The sample uses today's date; pin it inside the loaded 2026 holiday schedule.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 3, 2))


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sample(db, tmp_path, on_a_known_day):
    path = tmp_path / "notice.pdf"
    output = run("seal", "sample-notice", str(path))
    return path, output


def test_sample_notice_is_a_sealed_acceptance_from_the_demo_data(sample, tmp_path):
    path, output = sample
    assert "✓ 已写出" in output and "苏审批受字〔2026〕第 1 号" in output and "/verify/" in output
    doc = IssuedDocument.objects.get()
    assert doc.kind == "acceptance" and doc.department.name == "苏州市行政审批局"
    assert doc.seal.kind == Seal.Kind.INTAKE and doc.recipient == "苏州示范餐饮管理有限公司"
    assert path.read_bytes()[:5] == b"%PDF-" and len(path.read_bytes()) == doc.size
    # Idempotent seeding: a second run reuses the department and the seal, and issues the next number.
    run("seal", "sample-notice", str(tmp_path / "again.pdf"))
    assert Seal.objects.count() == 1 and IssuedDocument.objects.count() == 2


def test_pdfsig_and_tongban_verify_accept_the_sample(sample, tmp_path):
    path, _ = sample
    root_pem = tmp_path / "root.pem"
    run("seal", "export-root", str(root_pem))
    nss = NssTrust(x509.load_pem_x509_certificate(root_pem.read_bytes()))
    try:
        assert nss.pdfsig(path.read_bytes()).valid
    finally:
        nss.close()
    output = run("verify", str(path))
    assert "核验结果：✓ 有效" in output and "盖章单位：苏州市行政审批局" in output
    assert "文书状态：有效" in output and "国密签名（GB/T 38540）：有效" in output
    offline = run("verify", str(path), "--root", str(root_pem))
    assert "核验结果：✓ 有效" in offline and "离线核验" in offline


def test_verify_rejects_an_altered_file_with_exit_status_1(sample, tmp_path):
    path, _ = sample
    data = bytearray(path.read_bytes())
    data[data.index(b"stream\n", data.index(b"/Type /Page ") - 400) + 40] ^= 1
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    with pytest.raises(CommandError) as exc:
        run("verify", str(altered))
    assert "无效" in str(exc.value) and "篡改" in str(exc.value)
    root_pem = tmp_path / "root.pem"
    run("seal", "export-root", str(root_pem))
    with pytest.raises(CommandError):
        run("verify", str(altered), "--root", str(root_pem))


def test_verify_offline_needs_the_right_root(sample, tmp_path):
    path, _ = sample
    stranger = tmp_path / "other.pem"
    from cryptography.hazmat.primitives import serialization

    stranger.write_bytes(make_material().root.public_bytes(serialization.Encoding.PEM))
    with pytest.raises(CommandError) as exc:
        run("verify", str(path), "--root", str(stranger))
    assert "根证书" in str(exc.value)


def test_verify_offline_checks_the_crl(sample, tmp_path):
    path, _ = sample
    root_pem, crl = tmp_path / "root.pem", tmp_path / "crl.der"
    run("seal", "export-root", str(root_pem))
    seal_revoke(actor=None, seal=Seal.objects.get(), reason="私钥泄露", reason_code="key_compromise")
    run("seal", "crl", str(crl))
    with pytest.raises(CommandError) as exc:
        run("verify", str(path), "--root", str(root_pem), "--crl", str(crl))
    assert "吊销" in str(exc.value)
    with pytest.raises(CommandError):  # and with the database
        run("verify", str(path))


def test_verify_json_says_withdrawn(sample, tmp_path):
    path, _ = sample
    from tongban.seals.documents.services import document_withdraw

    document_withdraw(actor=None, document=IssuedDocument.objects.get(), reason="测试撤回")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify", str(path), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["valid"] is False and result["authentic"] is True and result["status"] == "已撤回"
    assert "测试撤回" in result["reason"]
