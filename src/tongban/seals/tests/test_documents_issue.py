"""document_issue / document_withdraw / document_supersede: numbered, sealed twice (PAdES and GB/T 38540 SM2),
stored, recorded, audited — and refused, changing nothing, when they should be."""

import hashlib
import io
from datetime import date

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from tests.factories import make_staff

from tongban.audit.models import AuditEntry
from tongban.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tongban.org.models import Role
from tongban.seals import keys
from tongban.seals.documents.kinds import DocumentKind
from tongban.seals.documents.selectors import read_pdf
from tongban.seals.documents.services import document_issue, document_supersede, document_withdraw
from tongban.seals.documents.testing import sample_data
from tongban.seals.documents_models import DocumentNumberSequence, IssuedDocument
from tongban.seals.models import Seal
from tongban.seals.services import seal_create, seal_revoke
from tongban.seals.ses import verify_detached
from tongban.seals.verify import check_pdf


@pytest.fixture
def intake_seal(org_world):
    return seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.INTAKE)


@pytest.fixture
def approver(org_world):
    return make_staff("approver", org_world.division, Role.APPROVER, name="审批员").user


def issue(world, kind="acceptance", actor=None, **changes):
    return document_issue(actor=actor, kind=kind, department=world.bureau, data=sample_data(kind, **changes))


def test_issue_numbers_seals_stores_and_audits(org_world, intake_seal):
    doc = issue(org_world, actor=org_world.clerk.user)
    assert doc.number == "苏审批受字〔2026〕第 1 号"
    assert (doc.kind, doc.year, doc.sequence, doc.seal) == ("acceptance", 2026, 1, intake_seal)
    assert doc.issued_on == date(2026, 3, 2) and doc.issued_by == org_world.clerk.user
    assert doc.status == IssuedDocument.Status.VALID
    assert doc.data["decision_due"] == "2026-03-30"  # computed and kept
    pdf = read_pdf(doc)
    assert hashlib.sha256(pdf).hexdigest() == doc.sha256 == doc.pdf.blob.sha256 and doc.size == len(pdf)
    # The PAdES seal: the department's intake-seal certificate, chained to the deployment root.
    check = check_pdf(pdf, trust_roots=[keys.deployment_root()])
    assert check.ok and check.certificate == keys.signing_material(intake_seal).certificate
    # The GB/T 38540 SM2 signature over the same bytes.
    sm2 = verify_detached(pdf, bytes(doc.sm2_signature))
    assert sm2.valid and sm2.department == "苏州市行政审批局" and sm2.data_hash_matches
    # The verification URL is printed in the document's metadata subject line and QR; the token is unguessable.
    assert len(doc.token) >= 22
    assert PdfFileReader(io.BytesIO(pdf)).trailer["/Info"]["/Title"] == f"受理通知书（{doc.number}）"
    entry = AuditEntry.objects.get(action="document.issue")
    assert entry.target_id == str(doc.pk) and entry.data["number"] == doc.number
    assert "苏州示范餐饮管理有限公司" not in str(entry.data)  # no applicant in the audit data


def test_numbers_run_per_department_kind_and_year(org_world, intake_seal):
    seal_create(actor=None, department=org_world.market, kind=Seal.Kind.INTAKE)
    first = issue(org_world)
    second = issue(org_world)
    supplement = issue(org_world, "supplement")
    next_year = issue(org_world, issued_on=date(2027, 1, 4), applied_on=date(2027, 1, 4), decision_due=date(2027, 2, 1))
    other = document_issue(actor=None, kind="acceptance", department=org_world.market, data=sample_data("acceptance"))
    assert [d.number for d in (first, second, supplement, next_year, other)] == [
        "苏审批受字〔2026〕第 1 号", "苏审批受字〔2026〕第 2 号", "苏审批补字〔2026〕第 1 号",
        "苏审批受字〔2027〕第 1 号", "苏市监受字〔2026〕第 1 号",
    ]


def test_each_kind_is_issued_with_its_seal(org_world, intake_seal, approval_seal):
    official = seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.OFFICIAL)
    for kind in DocumentKind:
        doc = issue(org_world, kind.value)
        expected = intake_seal if kind in (DocumentKind.ACCEPTANCE, DocumentKind.SUPPLEMENT,
                                           DocumentKind.INTAKE_REFUSAL) else approval_seal
        if kind == DocumentKind.TRADING_REFERRAL:
            expected = official  # a referral letter carries the centre's 公章
        if kind == DocumentKind.COMPLIANCE_REPORT:  # the agency's 公章 (bundles: 拟上市企业无违规证明)
            expected = official
        assert doc.seal == expected, kind
        assert check_pdf(read_pdf(doc), trust_roots=[keys.deployment_root()]).ok


def test_falls_back_to_the_official_seal(org_world):
    official = seal_create(actor=None, department=org_world.bureau, kind=Seal.Kind.OFFICIAL)
    assert issue(org_world, "grant").seal == official


def test_refusals_change_nothing(org_world, intake_seal, approver):
    before = (IssuedDocument.objects.count(), DocumentNumberSequence.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationFailed) as exc:
        issue(org_world, "supplement", missing_items=())
    assert "missing_items" in exc.value.errors
    with pytest.raises(NotFound):  # no 行政审批专用章 and no 公章
        issue(org_world, "grant")
    with pytest.raises(PermissionDenied):  # a reviewer of another department
        issue(org_world, actor=org_world.reviewer_a.user)
    with pytest.raises(PermissionDenied):  # a window clerk may not decide
        issue(org_world, "denial", actor=org_world.clerk.user)
    with pytest.raises(ValidationFailed):
        document_issue(actor=None, kind="licence", department=org_world.bureau, data={})
    with pytest.raises(ValidationFailed) as exc:  # a character no font can draw
        issue(org_world, recipient="\U000f0000公司")
    assert exc.value.code == "missing_glyphs"
    assert (IssuedDocument.objects.count(), DocumentNumberSequence.objects.count(),
            AuditEntry.objects.count()) == before


def test_a_failure_after_the_number_gives_the_number_back(org_world, intake_seal, monkeypatch):
    from tongban.seals.documents import services

    def broken(*args, **kwargs):
        raise RuntimeError("storage is down")

    monkeypatch.setattr(services, "file_upload", broken)
    with pytest.raises(RuntimeError):
        issue(org_world)
    monkeypatch.undo()
    assert issue(org_world).sequence == 1  # no gap


def test_division_staff_issue_in_the_bureau_s_name(org_world, intake_seal, approval_seal, approver):
    doc = issue(org_world, "grant", actor=approver)
    assert doc.department == org_world.bureau and doc.issued_by == approver


def test_a_revoked_seal_cannot_seal(org_world, intake_seal):
    seal_revoke(actor=None, seal=intake_seal, reason="印章停用")
    with pytest.raises(NotFound):  # no current intake seal, and no 公章
        issue(org_world)


def test_withdraw(org_world, intake_seal, approver):
    doc = issue(org_world)
    with pytest.raises(ValidationFailed):
        document_withdraw(actor=approver, document=doc, reason=" ")
    with pytest.raises(PermissionDenied):
        document_withdraw(actor=org_world.clerk.user, document=doc, reason="误发")
    withdrawn = document_withdraw(actor=approver, document=doc, reason="申请人撤回申请")
    assert withdrawn.status == IssuedDocument.Status.WITHDRAWN and withdrawn.status_reason == "申请人撤回申请"
    assert withdrawn.status_changed_by == approver
    with pytest.raises(Conflict):
        document_withdraw(actor=approver, document=doc, reason="再撤回一次")
    assert AuditEntry.objects.filter(action="document.withdraw", target_id=str(doc.pk)).count() == 1


def test_supersede_issues_a_correction(org_world, intake_seal, approver):
    doc = issue(org_world)
    new = document_supersede(actor=approver, document=doc, reason="申请事项名称有误",
                             data=sample_data("acceptance", item_name="食品经营许可（变更）"))
    doc.refresh_from_db()
    assert doc.status == IssuedDocument.Status.SUPERSEDED and doc.replaced_by == new
    assert new.number == "苏审批受字〔2026〕第 2 号" and new.item_name == "食品经营许可（变更）"
    assert new.status == IssuedDocument.Status.VALID
    with pytest.raises(Conflict):
        document_supersede(actor=approver, document=doc, reason="x", data=sample_data("acceptance"))
