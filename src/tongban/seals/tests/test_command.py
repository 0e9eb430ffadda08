"""`tongban seal …` as an operator uses it."""

import io
import subprocess

import pytest
from cryptography import x509
from django.core.management import CommandError, call_command

import tongban.seals
from tongban.seals import keys
from tongban.seals.management.commands.seal import plugin_modules
from tongban.seals.models import Seal, SealAuthority


def run(*args) -> str:
    out = io.StringIO()
    call_command("seal", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_init_creates_the_roots_once():
    assert "部署根证书" in run("init")
    first = list(SealAuthority.objects.values_list("pk", "certificate_pem"))
    run("init")
    assert list(SealAuthority.objects.values_list("pk", "certificate_pem")) == first
    assert len(first) == 2


def test_create_list_revoke(org_world):
    out = run("create", "苏州市行政审批局", "受理专用章")
    seal = Seal.objects.get()
    assert seal.kind == Seal.Kind.INTAKE and seal.es_id in out
    run("create", "苏州市市场监督管理局", "official")
    listing = run("list")
    assert "苏州市行政审批局  受理专用章  第 1 版  在用" in listing and "苏州市市场监督管理局  公章" in listing
    assert "revoked" not in listing
    assert "已吊销" in run("revoke", seal.es_id, "--reason", "窗口撤并", "--code", "cessation_of_operation")
    assert "苏州市行政审批局" not in run("list")
    assert "吊销于" in run("list", "--all")


def test_rotate(org_world):
    run("create", "苏州市行政审批局", "approval")
    old = Seal.objects.get()
    assert "第 2 版" in run("rotate", old.es_id)
    assert Seal.objects.get(pk=old.pk).status == Seal.Status.SUPERSEDED


def test_crl_and_export_root_write_files_tools_can_read(org_world, tmp_path):
    run("create", "苏州市行政审批局", "approval")
    seal = Seal.objects.get()
    run("revoke", seal.es_id, "--reason", "私钥泄露", "--code", "key_compromise")
    run("export-root", str(tmp_path / "root.pem"))
    run("crl", str(tmp_path / "crl.der"))
    root = x509.load_pem_x509_certificate((tmp_path / "root.pem").read_bytes())
    assert root == keys.deployment_root()
    crl = x509.load_der_x509_crl((tmp_path / "crl.der").read_bytes())
    assert crl.is_signature_valid(root.public_key())
    assert crl.get_revoked_certificate_by_serial_number(int(seal.certificate_serial, 16)) is not None
    out = subprocess.run(
        ["openssl", "crl", "-inform", "DER", "-in", tmp_path / "crl.der", "-CAfile", tmp_path / "root.pem", "-noout"],
        capture_output=True, text=True,
    )
    assert out.returncode == 0 and "verify OK" in out.stderr + out.stdout
    run("export-root", str(tmp_path / "sm2root.pem"), "--sm2")
    assert (tmp_path / "sm2root.pem").read_bytes() == keys.sm2_root_pem()
    run("crl", str(tmp_path / "sm2.crl"), "--sm2")
    assert (tmp_path / "sm2.crl").read_bytes()[:1] == b"\x30"
    run("picture", seal.es_id, str(tmp_path / "seal.png"))
    assert (tmp_path / "seal.png").read_bytes() == seal.picture_png()


def test_mistakes_are_explained(org_world):
    with pytest.raises(CommandError, match="找不到部门"):
        run("create", "不存在的局", "公章")
    with pytest.raises(CommandError, match="未知的印章类型"):
        run("create", "苏州市行政审批局", "合同专用章")
    run("create", "苏州市行政审批局", "公章")
    with pytest.raises(CommandError, match="已有在用的公章"):
        run("create", "苏州市行政审批局", "公章")
    with pytest.raises(CommandError, match="找不到电子印章"):
        run("revoke", "999999999999", "--reason", "x")
    with pytest.raises(CommandError, match="吊销原因"):
        run("revoke", Seal.objects.get().es_id, "--reason", " ")


def test_another_module_can_add_a_subcommand(org_world, tmp_path, monkeypatch):
    (tmp_path / "cli_zz_probe.py").write_text(
        "def register(subparsers):\n"
        "    p = subparsers.add_parser('probe')\n"
        "    p.add_argument('word')\n"
        "    p.set_defaults(handler=lambda command, options: command.stdout.write('probe ' + options['word']))\n"
    )
    monkeypatch.setattr(tongban.seals, "__path__", [*tongban.seals.__path__, str(tmp_path)])
    assert "tongban.seals.cli_zz_probe" in plugin_modules()
    assert run("probe", "hello").strip() == "probe hello"
