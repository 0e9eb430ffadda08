"""拟上市企业无违规证明: one application, each department's finding, one sealed combined report."""

from datetime import date

from tongban.bundles import services
from tongban.bundles.models import BundleMemberCase
from tongban.bundles.tests.conftest import F, bundle_spec, code, upload
from tongban.cases import services as cases

D = date(2026, 3, 2)


def test_every_departments_finding_in_one_sealed_report(world, django_capture_on_commit_callbacks):
    spec = bundle_spec(
        name="拟上市企业无违规证明", combined_report=True, promised_days=5,
        fields=[F("company_name", "企业名称"), F("address", "住所"), F("employees", "职工人数", "integer")],
        members=[{"key": "hr", "item_code": code(3)}, {"key": "fund", "item_code": code(4)}],
        materials=[])
    draft = services.bundle_create(actor=world.market_admin.user, code="NSSW", owner=world.market, spec=spec)
    version = services.bundle_version_publish(actor=world.bureau_reviewer.user, version=draft)
    bc = services.bundle_case_draft(actor=world.applicant_user, version=version, person=world.person,
                                    form_data={"company_name": "苏州拟上市股份有限公司", "address": "苏州市工业园区 1 号",
                                               "employees": 120})
    from tongban.bundles.plan import plan_of

    for m in plan_of(version).materials:
        services.bundle_attach(actor=world.applicant_user, bundle_case=bc, code=m.code,
                               file=upload(world.applicant_user, m.code))
    with django_capture_on_commit_callbacks(execute=True):
        bc = services.bundle_submit(actor=world.applicant_user, bundle_case=bc, on=D)
    links = {link.member.key: link.case for link in BundleMemberCase.objects.filter(bundle_case=bc)}
    for key, grant in (("hr", True), ("fund", False)):
        staff = world.staff[key]
        with django_capture_on_commit_callbacks(execute=True):
            cases.case_accept(actor=world.clerk.user, case=links[key], on=D)
            cases.case_complete_step(actor=staff.reviewer.user, case=links[key], opinion="已查询", on=D)
            cases.case_decide(actor=staff.approver.user, case=links[key], grant=grant,
                              reasons=[] if grant else ["2025年欠缴住房公积金 3 个月，已补缴"], on=D)
        bc.refresh_from_db()
        assert (bc.report_id is not None) == (key == "fund")  # only once every result exists
    report = bc.report
    assert report.kind == "compliance_report" and report.seal.kind == "official"
    findings = report.data["findings"]
    assert [f["department"] for f in findings] == ["苏州市人力资源和社会保障局", "苏州市住房公积金管理中心"]
    assert "未发现违法违规记录" in findings[0]["result"] and "欠缴住房公积金" in findings[1]["result"]
    assert bc.events.filter(document=report).exists()
