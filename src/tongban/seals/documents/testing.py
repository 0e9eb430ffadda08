"""Builders shared by the documents tests, the browser test and the benchmark: sample data for each kind, and
poppler's `pdfsig` run against an NSS database that trusts a given root (as a relying party would set it up).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from tongban.seals.documents.kinds import (
    AcceptanceData,
    ComplianceFinding,
    ComplianceReportData,
    DenialData,
    DocumentKind,
    ExtensionData,
    GrantData,
    IntakeRefusalData,
    SpecialProcedureData,
    SupplementData,
    SupplementItem,
    TradingReferralData,
)

# 2026-03-02 is a Monday; 2026's schedule is in chinesecalendar (and seeded by the holidays migration).
DAY = date(2026, 3, 2)


def sample_data(kind: str, **changes):
    """Typical data for `kind`, as the case lifecycle would pass it; `changes` override fields."""
    common = {"recipient": "苏州示范餐饮管理有限公司", "item_name": "食品经营许可（新办）", "applied_on": DAY,
              "case_ref": "SZ-2026-000123", "issued_on": DAY}
    kind = DocumentKind(kind)
    if kind == DocumentKind.ACCEPTANCE:
        data = AcceptanceData(**common, materials=("食品经营许可申请书", "营业执照复印件"))
    elif kind == DocumentKind.SUPPLEMENT:
        data = SupplementData(**common, missing_items=(
            SupplementItem(name="食品安全管理制度文本", requirement="须加盖公章"),
            SupplementItem(name="经营场所平面布局图", requirement="应标明加工操作区域"),
            SupplementItem(name="法定代表人身份证复印件"),
        ), supplement_by=date(2026, 3, 16))
    elif kind == DocumentKind.INTAKE_REFUSAL:
        data = IntakeRefusalData(**common, reasons=("申请的事项为药品零售许可，依法由药品监督管理部门实施",),
                                 ground="not_competent", competent_agency="江苏省药品监督管理局苏州检查分局")
    elif kind == DocumentKind.GRANT:
        data = GrantData(**{**common, "issued_on": date(2026, 3, 20)}, accepted_on=DAY,
                         permit_content="经营项目：热食类食品制售、冷食类食品制售",
                         license_name="食品经营许可证", license_number="JY13205080012345",
                         valid_from=date(2026, 3, 20), valid_until=date(2031, 3, 19),
                         conditions=("在经营场所显著位置悬挂许可证正本",))
    elif kind == DocumentKind.DENIAL:
        data = DenialData(**{**common, "issued_on": date(2026, 3, 20)}, accepted_on=DAY,
                          reasons=("现场核查发现经营场所与污染源的距离不足 25 米", "未设置专用的冷食类食品加工操作间"),
                          legal_basis="《食品经营许可和备案管理办法》第十二条",
                          technical_standard="GB 31654-2021《食品安全国家标准 餐饮服务通用卫生规范》")
    elif kind == DocumentKind.SPECIAL_PROCEDURE:
        data = SpecialProcedureData(**{**common, "issued_on": date(2026, 3, 9)}, accepted_on=DAY,
                                    procedure="专家评审", duration_workdays=10,
                                    reason="申请的经营项目涉及高风险食品的特殊工艺", organiser="苏州市食品安全专家委员会")
    elif kind == DocumentKind.TRADING_REFERRAL:
        data = TradingReferralData(
            recipient="苏州市发展和改革委员会", item_name="某道路改造工程第1标段", applied_on=DAY,
            case_ref="JSZC-2026-0001/1", issued_on=date(2026, 3, 20), buyer="苏州市姑苏区城市建设管理中心",
            findings=("两家投标人的投标文件 MAC 地址相同（第四十条第（一）项）",),
            reason="两家投标人的投标文件出自同一台计算机",
        )
    elif kind == DocumentKind.COMPLIANCE_REPORT:
        data = ComplianceReportData(**common, subject="苏州示范餐饮管理有限公司", uscc="91320508MA1XXXXXXL",
                                    period="2023年1月1日至2025年12月31日", findings=(
                                        ComplianceFinding(department="苏州市市场监督管理局", item="市场监管",
                                                          result="经核查，报告期内未发现违法违规记录"),
                                        ComplianceFinding(department="国家税务总局苏州市税务局", item="税务",
                                                          result="经核查，报告期内未发现重大税收违法记录"),
                                    ))
    else:
        data = ExtensionData(**{**common, "issued_on": date(2026, 3, 25)}, accepted_on=DAY,
                             original_due=date(2026, 3, 30), reasons=("需要对申请人提交的检验报告进行复核",),
                             extension_workdays=10)
    if changes:
        import dataclasses

        data = dataclasses.replace(data, **changes)
    return data


# -- pdfsig ------------------------------------------------------------------------------------------------


class ToolMissing(RuntimeError):
    pass


def need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise ToolMissing(f"{tool} is missing: run scripts/ensure-debian-packages (Debian package {package}).")
    return path


@dataclass(frozen=True)
class PdfsigResult:
    output: str

    @property
    def signature_valid(self) -> bool:
        return "Signature Validation: Signature is Valid." in self.output

    @property
    def whole_document(self) -> bool:
        return "- Total document signed" in self.output

    @property
    def trusted(self) -> bool:
        return "Certificate Validation: Certificate is Trusted." in self.output

    @property
    def valid(self) -> bool:
        """What a relying party accepts: a valid signature, by a trusted certificate, over the whole file."""
        return self.signature_valid and self.trusted and self.whole_document


class NssTrust:
    """A temporary NSS database (certutil, Debian libnss3-tools) trusting `root`, for `pdfsig -nssdir`."""

    def __init__(self, root: x509.Certificate):
        self.dir = Path(tempfile.mkdtemp(prefix="tongban-nss-"))
        certutil = need("certutil", "libnss3-tools")
        pem = self.dir / "root.pem"
        pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
        subprocess.run([certutil, "-N", "-d", f"sql:{self.dir}", "--empty-password"], check=True,
                       capture_output=True, timeout=60)
        subprocess.run([certutil, "-A", "-d", f"sql:{self.dir}", "-n", "tongban-root", "-t", "C,C,C", "-i", str(pem)],
                       check=True, capture_output=True, timeout=60)

    def pdfsig(self, pdf: bytes) -> PdfsigResult:
        path = self.dir / "check.pdf"
        path.write_bytes(pdf)
        proc = subprocess.run([need("pdfsig", "poppler-utils"), "-nssdir", f"sql:{self.dir}", str(path)],
                              capture_output=True, text=True, timeout=60)
        return PdfsigResult(proc.stdout + proc.stderr)

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


# -- keys without the database --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Material:
    """A root and a seal certificate made like the deployment's (tongban.seals.certs), in memory."""

    key: object
    certificate: x509.Certificate
    chain: list
    root_key: object

    @property
    def root(self) -> x509.Certificate:
        return self.chain[-1]


def make_material(department: str = "苏州市行政审批局", seal_kind: str = "受理专用章") -> Material:
    from datetime import datetime, timedelta

    from cryptography.hazmat.primitives.asymmetric import ec

    from tongban.seals import certs

    now = datetime.now().astimezone()
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = certs.ecdsa_root(key=root_key, subject=certs.Subject("通办电子印章根证书", "通办电子印章系统"), now=now,
                            years=20)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = certs.ecdsa_seal_certificate(
        issuer_key=root_key, issuer=root, public_key=key.public_key(),
        subject=certs.Subject(department, department, seal_kind, "苏州市"),
        serial=certs.new_serial(), valid_from=now - timedelta(minutes=5), valid_until=now + timedelta(days=365),
        crl_url="https://tongban.example.gov.cn/seals/crl.der",
    )
    return Material(key=key, certificate=cert, chain=[root], root_key=root_key)



def seal_picture():
    from tongban.seals import picture
    from tongban.seals.pdf_render import SealPicture

    png = picture.draw_seal(name="苏州市行政审批局", purpose="受理专用章", code="3205000312345")
    return SealPicture(png=png, width_mm=42, height_mm=42)


def produce_sample(kind: str = "acceptance", *, material: Material | None = None, token: str = "testtoken0000000000001",
                   number: str = "苏审批受字〔2026〕第 1 号", **changes) -> bytes:
    """A sealed PDF of `kind` from sample data, without the database."""
    from datetime import datetime

    from tongban.clock import WorkCalendar
    from tongban.seals.documents.production import SealUse, produce
    from tongban.seals.documents.wording import Agency, resolve
    from tongban.seals.pdf_sign import signer_for

    material = material or make_material()
    resolved = resolve(DocumentKind(kind), sample_data(kind, **changes), today=DAY,
                       calendar=WorkCalendar.from_chinesecalendar())
    return produce(resolved, agency=Agency("苏州市行政审批局", "苏州市"), number=number, token=token,
                   public_url="https://tongban.example.gov.cn", phone="0512-12345",
                   seal=SealUse(name="苏州市行政审批局受理专用章", picture=seal_picture(), signer=signer_for(material)),
                   created=datetime(2026, 3, 2, 9, 30).astimezone())
