"""`tongban seal …`: the deployment's roots and the departments' electronic seals, from the server's shell.

    tongban seal init                                  create the two roots if missing (idempotent)
    tongban seal create 苏州市行政审批局 行政审批专用章     make a seal (kind: approval|intake|official or its Chinese name)
    tongban seal rotate ESID                           new certificates for a seal in use
    tongban seal revoke ESID --reason 私钥泄露 [--code key_compromise]
    tongban seal list [--department NAME] [--all]
    tongban seal crl OUT.der [--sm2]                   the current CRL (DER)
    tongban seal export-root OUT.pem [--sm2]           the deployment root certificate, to trust in pdfsig/Adobe
    tongban seal picture ESID OUT.png                  the seal picture

Run by an operator on the server, the command acts as the system (audited as 系统).

Adding a subcommand from another module: put a module `tongban/seals/cli_<name>.py` (for example
`cli_documents.py`) with a function `register(subparsers)` that adds its parser(s) and sets a handler:

    def register(subparsers):
        p = subparsers.add_parser("sample-notice", help="…")
        p.add_argument("out")
        p.set_defaults(handler=sample_notice)

    def sample_notice(command, options):   # command: this BaseCommand (command.stdout / stderr); options: dict
        ...                                # raise CommandError for a failure; ServiceError is turned into one

Every `tongban.seals.cli_*` module is found and registered in name order.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

import tongban.seals
from tongban.core.errors import ServiceError
from tongban.org.models import Department
from tongban.seals import keys
from tongban.seals.models import Seal
from tongban.seals.services import seal_create, seal_revoke, seal_rotate


def plugin_modules() -> list[str]:
    return sorted(
        f"tongban.seals.{m.name}" for m in pkgutil.iter_modules(tongban.seals.__path__) if m.name.startswith("cli_")
    )


def _kind(value: str) -> str:
    value = value.strip()
    for kind in Seal.Kind:
        if value in (kind.value, str(kind.label)):
            return kind.value
    choices = "、".join(f"{k.label}（{k.value}）" for k in Seal.Kind)
    raise CommandError(f"未知的印章类型“{value}”。可选：{choices}")


def _department(name: str, region: str | None) -> Department:
    found = Department.objects.filter(name=name.strip())
    if region:
        found = found.filter(region__division_code=region)
    found = list(found.select_related("region")[:2])
    if not found:
        raise CommandError(f"找不到部门“{name}”。")
    if len(found) > 1:
        raise CommandError(f"有多个名为“{name}”的部门，请用 --region 指定行政区划代码。")
    return found[0]


def _seal(ref: str) -> Seal:
    seal = Seal.objects.select_related("department").filter(es_id=ref).first()
    if seal is None and ref.isdigit() and len(ref) < 10:
        seal = Seal.objects.select_related("department").filter(pk=int(ref)).first()
    if seal is None:
        raise CommandError(f"找不到电子印章“{ref}”（请用 tongban seal list 查看电子印章标识）。")
    return seal


def _write(path: str, data: bytes) -> Path:
    out = Path(path)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"无法写入 {out}：{exc.strerror}") from exc
    return out


def cmd_init(command, options):
    ecdsa, sm2 = keys.ensure_roots()
    root = keys.deployment_root()
    command.stdout.write(f"✓ 部署根证书（ECDSA P-256）：{root.subject.rfc4514_string()}，有效期至 "
                         f"{timezone.localtime(root.not_valid_after_utc):%Y-%m-%d}，密钥存放：{ecdsa.key_backend}")
    command.stdout.write(f"✓ SM2 根证书（制章人）：密钥存放：{sm2.key_backend}")


def cmd_create(command, options):
    department = _department(options["department"], options.get("region"))
    picture = None
    if options.get("picture"):
        try:
            picture = Path(options["picture"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取印章图片 {options['picture']}：{exc.strerror}") from exc
    seal = seal_create(actor=None, department=department, kind=_kind(options["kind"]), name=options.get("name"),
                       picture=picture, width_mm=options.get("size"), height_mm=options.get("size"))
    command.stdout.write(f"✓ 已制作电子印章：{seal.name}（电子印章标识 {seal.es_id}，印章编码 {seal.code}）")


def cmd_rotate(command, options):
    new = seal_rotate(actor=None, seal=_seal(options["seal"]))
    command.stdout.write(f"✓ 已更换证书：{new.name} 第 {new.generation} 版（电子印章标识 {new.es_id}）")


def cmd_revoke(command, options):
    seal = seal_revoke(actor=None, seal=_seal(options["seal"]), reason=options["reason"], reason_code=options["code"])
    command.stdout.write(f"✓ 已吊销：{seal.name} 第 {seal.generation} 版（{seal.revocation_note}）")


def cmd_list(command, options):
    seals = Seal.objects.select_related("department").order_by("department__name", "kind", "-generation")
    if not options.get("all"):
        seals = seals.filter(status=Seal.Status.CURRENT)
    if options.get("department"):
        seals = seals.filter(department__name=options["department"])
    rows = list(seals)
    if not rows:
        command.stdout.write("（没有电子印章）")
        return
    for s in rows:
        until = timezone.localtime(s.valid_until).strftime("%Y-%m-%d")
        extra = f"，吊销于 {timezone.localtime(s.revoked_at):%Y-%m-%d}：{s.revocation_note}" if s.revoked_at else ""
        command.stdout.write(
            f"{s.es_id}  {s.department.name}  {s.get_kind_display()}  第 {s.generation} 版  {s.get_status_display()}"
            f"  有效期至 {until}  证书序列号 {s.certificate_serial}{extra}"
        )


def cmd_crl(command, options):
    data = keys.sm2_crl_der() if options.get("sm2") else keys.crl_der()
    out = _write(options["out"], data)
    revoked = Seal.objects.filter(status=Seal.Status.REVOKED).count()
    command.stdout.write(f"✓ 已写出{'SM2 ' if options.get('sm2') else ''}证书吊销列表 {out}（{revoked} 张已吊销）")


def cmd_export_root(command, options):
    out = _write(options["out"], keys.sm2_root_pem() if options.get("sm2") else keys.deployment_root_pem())
    command.stdout.write(f"✓ 已写出{'SM2 ' if options.get('sm2') else '部署'}根证书 {out}")


def cmd_picture(command, options):
    out = _write(options["out"], _seal(options["seal"]).picture_png())
    command.stdout.write(f"✓ 已写出印章图片 {out}")


class Command(BaseCommand):
    help = "电子印章：根证书、制作、更换、吊销、吊销列表（init / create / rotate / revoke / list / crl / export-root / picture）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        p = sub.add_parser("init", help="创建部署根证书和 SM2 根证书（已有则不变）")
        p.set_defaults(handler=cmd_init)

        p = sub.add_parser("create", help="为部门制作电子印章")
        p.add_argument("department", help="部门名称")
        p.add_argument("kind", help="印章类型：approval（行政审批专用章）、intake（受理专用章）、official（公章）")
        p.add_argument("--name", help="印章名称（默认：部门名称 + 印章类型）")
        p.add_argument("--picture", help="上传的印章图片（PNG 或 SVG）；不给则由系统绘制")
        p.add_argument("--size", type=int, help="印章直径（毫米），默认 42")
        p.add_argument("--region", help="行政区划代码（部门重名时）")
        p.set_defaults(handler=cmd_create)

        p = sub.add_parser("rotate", help="更换印章证书（旧证书保留用于验证）")
        p.add_argument("seal", help="电子印章标识（esID）")
        p.set_defaults(handler=cmd_rotate)

        p = sub.add_parser("revoke", help="吊销印章证书")
        p.add_argument("seal", help="电子印章标识（esID）")
        p.add_argument("--reason", required=True, help="吊销原因")
        p.add_argument("--code", default=Seal.RevocationReason.UNSPECIFIED, choices=Seal.RevocationReason.values,
                       help="吊销原因代码（RFC 5280）")
        p.set_defaults(handler=cmd_revoke)

        p = sub.add_parser("list", help="列出电子印章")
        p.add_argument("--department", help="只列出该部门的印章")
        p.add_argument("--all", action="store_true", help="也列出已更换和已吊销的印章")
        p.set_defaults(handler=cmd_list)

        p = sub.add_parser("crl", help="写出证书吊销列表（DER）")
        p.add_argument("out")
        p.add_argument("--sm2", action="store_true", help="SM2 体系的吊销列表")
        p.set_defaults(handler=cmd_crl)

        p = sub.add_parser("export-root", help="写出部署根证书（PEM），用于在 pdfsig / Adobe 中信任")
        p.add_argument("out")
        p.add_argument("--sm2", action="store_true", help="写出 SM2 根证书")
        p.set_defaults(handler=cmd_export_root)

        p = sub.add_parser("picture", help="写出印章图片（PNG）")
        p.add_argument("seal", help="电子印章标识（esID）")
        p.add_argument("out")
        p.set_defaults(handler=cmd_picture)

        for name in plugin_modules():
            importlib.import_module(name).register(sub)

    def handle(self, *args, **options):
        try:
            options["handler"](self, options)
        except ServiceError as exc:
            raise CommandError(exc.detail) from exc
