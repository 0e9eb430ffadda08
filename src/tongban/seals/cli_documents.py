"""`tongban seal sample-notice OUT.pdf` and `tongban verify FILE` (also `tongban seal verify FILE`).

    tongban seal sample-notice notice.pdf        a sealed 受理通知书 from the demo data (seeds what it needs)
    tongban seal export-root root.pem            the root to trust (tongban seal, by the keys module)
    tongban verify notice.pdf                    valid or not, which department, when, revoked?, superseded?
    tongban verify notice.pdf --root root.pem    offline: no database, only the PDF and the root (and --crl)

Exit status of verify: 0 valid, 1 invalid (or unreadable).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError, transaction
from django.utils import timezone

from tongban.core.errors import ServiceError

SAMPLE_ITEM = "食品经营许可（新办）"
SAMPLE_MATERIALS = ("食品经营许可申请书", "营业执照复印件", "食品安全管理制度文本")


def register(subparsers) -> None:
    p = subparsers.add_parser("sample-notice", help="用演示数据生成一份加盖电子印章的受理通知书 PDF")
    p.add_argument("out", help="输出的 PDF 文件")
    p.set_defaults(handler=sample_notice)
    p = subparsers.add_parser("verify", help="核验加盖电子印章的文书 PDF（同 tongban verify）")
    add_verify_arguments(p)
    p.set_defaults(handler=verify)


# -- sample-notice -----------------------------------------------------------------------------------------


def _demo_bureau():
    """The demo city's 行政审批局, created from the demo data if missing (idempotent)."""
    from tongban.demo import org_data
    from tongban.org.models import Department, Region

    regions = {}
    for code, name, level, parent in org_data.REGIONS:
        if code not in (org_data.CITY, "320000"):
            continue
        regions[code], _ = Region.objects.get_or_create(
            division_code=code, defaults={"name": name, "level": level, "parent": regions.get(parent)}
        )
    for name, short, kind, region, _parent, phone in org_data.DEPARTMENTS:
        if kind == "bureau" and region == org_data.CITY:
            department, _ = Department.objects.get_or_create(
                region=regions[region], name=name, defaults={"short_name": short, "kind": kind, "phone": phone}
            )
            return department
    raise CommandError("演示数据中没有市行政审批局。")  # pragma: no cover - demo data has one


def _intake_seal(department):
    from tongban.core.errors import NotFound
    from tongban.seals.keys import ensure_roots, seal_for
    from tongban.seals.models import Seal
    from tongban.seals.services import seal_create

    ensure_roots()
    try:
        return seal_for(department, Seal.Kind.INTAKE)
    except NotFound:
        return seal_create(actor=None, department=department, kind=Seal.Kind.INTAKE)


def sample_notice(command, options) -> None:
    from tongban.demo import people_data
    from tongban.seals.documents.kinds import AcceptanceData
    from tongban.seals.documents.selectors import read_pdf
    from tongban.seals.documents.services import document_issue

    out = Path(options["out"])
    with transaction.atomic():
        bureau = _demo_bureau()
        seal = _intake_seal(bureau)
    company = people_data.COMPANIES[0][0]
    today = timezone.localdate()
    document = document_issue(actor=None, kind="acceptance", department=bureau, data=AcceptanceData(
        recipient=company, item_name=SAMPLE_ITEM, applied_on=today, issued_on=today,
        case_ref=f"SL-{today:%Y%m%d}-DEMO", materials=SAMPLE_MATERIALS,
    ))
    try:
        out.write_bytes(read_pdf(document))
    except OSError as exc:
        raise CommandError(f"无法写入 {out}：{exc.strerror}") from exc
    from tongban.seals import conf
    from tongban.seals.documents.production import verify_url

    command.stdout.write(f"✓ 已写出 {out}：{document.get_kind_display()} {document.number}，加盖{seal.name}")
    command.stdout.write(f"  核验页面：{verify_url(conf.public_url(), document.token)}")
    command.stdout.write("  用 pdfsig 核验：tongban seal export-root root.pem && "
                         "certutil -N -d sql:nssdb --empty-password && "
                         "certutil -A -d sql:nssdb -n tongban -t C,C,C -i root.pem && "
                         f"pdfsig -nssdir sql:nssdb {out}")
    command.stdout.write(f"  用通办核验：tongban verify {out}")


# -- verify ------------------------------------------------------------------------------------------------


def add_verify_arguments(parser) -> None:
    parser.add_argument("file", help="要核验的 PDF 文件")
    parser.add_argument("--root", help="部署根证书（PEM）：给出时离线核验，不读取数据库")
    parser.add_argument("--crl", help="证书吊销列表（DER，tongban seal crl 写出），离线核验时检查吊销")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")


def _fmt(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else "—"


def _offline(data: bytes, options) -> dict:
    """Only the PDF and the root (and a CRL): what can be proven without the platform's database."""
    from cryptography import x509

    from tongban.seals.verify import check_pdf, crl_revocation

    try:
        roots = x509.load_pem_x509_certificates(Path(options["root"]).read_bytes())
    except (OSError, ValueError) as exc:
        raise CommandError(f"无法读取根证书 {options['root']}：{exc}") from exc
    check = check_pdf(data, trust_roots=roots)
    result = {
        "mode": "offline", "valid": check.ok, "reason": check.reason, "sha256": check.sha256,
        "department": check.department, "seal": check.seal_kind, "signed_at": _fmt(check.signed_at),
        "certificate_serial": check.certificate_serial, "revoked": None, "status": None,
    }
    if check.ok and options.get("crl"):
        try:
            crl = Path(options["crl"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取吊销列表 {options['crl']}：{exc.strerror}") from exc
        answer = None
        for root in roots:
            answer = crl_revocation(crl, check.certificate, root)
            if answer is not None:
                break
        if answer is None:
            raise CommandError("吊销列表不是由给出的根证书签发的。")
        revoked, revoked_at, reason = answer
        result["revoked"] = revoked
        if revoked:
            result["revoked_at"] = _fmt(revoked_at)
            if reason == "key_compromise" or check.signed_at is None or check.signed_at >= revoked_at:
                result.update(valid=False, reason=f"印章证书已于 {_fmt(revoked_at)} 吊销，本文书的电子签章不再可信。")
    return result


def _online(data: bytes) -> dict:
    from tongban.seals.documents.selectors import verify_upload

    v = verify_upload(data)
    doc = v.document
    result = {
        "mode": "database", "valid": v.valid, "reason": v.reason, "authentic": v.authentic, "sha256": v.sha256,
        "department": v.seal.department, "seal": v.seal.name or v.seal.kind, "signed_at": _fmt(v.signed_at),
        "certificate_serial": v.seal.certificate_serial, "revoked": v.seal.revoked,
        "revoked_at": _fmt(v.seal.revoked_at) if v.seal.revoked else None,
        "status": doc.get_status_display() if doc else None, "notes": list(v.notes),
        "sm2_signature": ("有效" if v.sm2.valid else f"无效：{v.sm2.reason}") if v.sm2.present else None,
    }
    if doc is not None:
        result.update(number=doc.number, kind=doc.get_kind_display(), issued_on=doc.issued_on.isoformat(),
                      verify_url=v.verify_url)
        if doc.replaced_by_id:
            result["replaced_by"] = doc.replaced_by.number
    return result


def verify(command, options) -> None:
    try:
        data = Path(options["file"]).read_bytes()
    except OSError as exc:
        raise CommandError(f"无法读取 {options['file']}：{exc.strerror}") from exc
    try:
        if options.get("root"):
            result = _offline(data, options)
        else:
            try:
                result = _online(data)
            except DatabaseError as exc:
                raise CommandError(
                    f"无法连接数据库（{exc.__class__.__name__}）。离线核验请给出根证书：tongban verify FILE --root root.pem"
                ) from exc
    except ServiceError as exc:
        raise CommandError(exc.detail) from exc
    if options.get("json"):
        command.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print(command, result)
    if not result["valid"]:
        raise CommandError(f"核验结果：无效。{result['reason']}")


def _print(command, r: dict) -> None:
    verdict = "✓ 有效" if r["valid"] else "✗ 无效"
    command.stdout.write(f"核验结果：{verdict}" + (f"（{r['reason']}）" if r.get("reason") else ""))
    rows = [
        ("文书", f"{r.get('kind', '')} {r.get('number', '')}".strip()),
        ("成文日期", r.get("issued_on")),
        ("盖章单位", r.get("department")),
        ("印章", r.get("seal")),
        ("盖章时间", r.get("signed_at")),
        ("证书序列号", r.get("certificate_serial")),
        ("证书吊销", None if r.get("revoked") is None else (f"已于 {r.get('revoked_at')} 吊销" if r["revoked"] else "未吊销")),
        ("文书状态", r.get("status")),
        ("更正后的文书", r.get("replaced_by")),
        ("国密签名（GB/T 38540）", r.get("sm2_signature")),
        ("SHA-256", r.get("sha256")),
        ("核验页面", r.get("verify_url")),
    ]
    for label, value in rows:
        if value:
            command.stdout.write(f"  {label}：{value}")
    for note in r.get("notes") or ():
        command.stdout.write(f"  注意：{note}")
    if r["mode"] == "offline":
        command.stdout.write("  （离线核验：已检查签章完整性、是否覆盖整个文件、证书链至给出的根证书"
                             + ("、吊销列表" if r.get("revoked") is not None else "") + "；未查询文书是否已撤回或更正）")
