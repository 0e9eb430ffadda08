"""Demo cases: applications for 食品经营许可 in every state the workbench shows, so that `make run` opens on a
working desk — awaiting intake (one on its last day before deemed acceptance), awaiting 补正, in review with
time to spare, 临期 and 超期, one suspended for 专家评审, awaiting the approver, granted and concluded, refused at
intake, and a draft. Made through the same services as the portal and the workbench, dated back on the working-day
calendar so that every clock shows a real countdown; the notices are sealed as in use. Idempotent: each case
carries its demo Idempotency-Key and is made only once."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape

from tongban.cases import services
from tongban.cases.models import Case
from tongban.catalog.models import ItemVersion, MaterialRequirement
from tongban.clock.calendar import CalendarNotLoaded, WorkCalendar
from tongban.files.models import StoredFile
from tongban.files.services import file_upload
from tongban.people.models import LegalPerson, NaturalPerson

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # it narrates every rendering step at INFO
ITEM = "食品经营许可"
PURPOSE = "demo-case-material"

# (key, applicant company, business, how far the case goes, working days before today it was received). The item
# promises a decision within 3 working days of acceptance, so a case in review is 临期 from its first day.
CASES = [
    ("draft", "苏州示范餐饮管理有限公司", "示范餐饮观前店", "draft", 0),
    ("new", "苏州示范餐饮管理有限公司", "示范餐饮石路店", "received", 0),
    ("deemed", "苏州示范建设工程有限公司", "示范建设职工食堂", "received", 4),  # deemed accepted after tomorrow
    ("supplement", "苏州示范人力资源服务有限公司", "示范人力员工餐厅", "supplement", 2),
    ("review", "苏州示范餐饮管理有限公司", "示范餐饮平江路店", "review", 0),
    ("near", "苏州示范建设工程有限公司", "示范建设工地食堂", "review", 2),
    ("overdue", "苏州示范人力资源服务有限公司", "示范人力园区食堂", "review", 6),
    ("suspended", "苏州示范餐饮管理有限公司", "示范餐饮金鸡湖店", "suspended", 3),
    ("approval", "苏州示范建设工程有限公司", "示范建设项目部食堂", "approval", 1),
    ("granted", "苏州示范餐饮管理有限公司", "示范餐饮山塘街店", "granted", 8),
    ("refused", "苏州示范人力资源服务有限公司", "示范人力便利店", "refused", 2),
]


def _back(today: date, workdays: int) -> date:
    """`workdays` working days before today; counted in weekdays where the calendar has no schedule loaded."""
    try:
        return WorkCalendar.default().add_workdays(today, -workdays)
    except CalendarNotLoaded:
        day = today
        while workdays:
            day -= timedelta(days=1)
            workdays -= day.weekday() < 5
        return day


def _material_pdf(name: str) -> bytes:
    from weasyprint import HTML

    html = (f'<html lang="zh"><body style="font-family: \'Noto Sans CJK SC\', sans-serif; padding: 3cm">'
            f"<h1>{escape(name)}</h1><p>通办演示数据：示例申请材料，不是真实文件。</p></body></html>")
    return HTML(string=html).write_pdf()


def _files(user, requirements: list[MaterialRequirement]) -> dict[int, StoredFile]:
    """One uploaded PDF per material, shared by the demo cases (a portal keeps an applicant's uploads)."""
    files = {}
    for req in requirements:
        stored = StoredFile.objects.filter(uploaded_by=user, purpose=PURPOSE, filename=f"{req.name}.pdf").first()
        files[req.pk] = stored or file_upload(actor=user, upload=ContentFile(_material_pdf(req.name),
                                                                             name=f"{req.name}.pdf"), purpose=PURPOSE)
    return files


def _form(company: LegalPerson, phone: str) -> dict:
    return {"company_name": company.name, "uscc": company.uscc, "address": company.address,
            "business_types": ["热食类食品制售", "冷食类食品制售"], "area": "120", "chooses_commitment": False,
            "contact_phone": phone}


def seed_cases() -> dict[str, int]:
    version = ItemVersion.objects.filter(name=ITEM, status=ItemVersion.Status.PUBLISHED).first()
    if version is None:
        return {}
    User = get_user_model()
    staff = {u.username: u for u in User.objects.filter(username__in=["clerk", "reviewer", "approver"])}
    required = [m for m in version.materials.all()
                if m.source == MaterialRequirement.Source.APPLICANT and not m.condition]
    today = timezone.localdate()
    for key, company_name, business, state, days_back in CASES:
        company = LegalPerson.objects.get(name=company_name)
        representative = NaturalPerson.objects.get(id_number=company.legal_representative_id_number)
        applicant = representative.user or staff["clerk"]
        if Case.objects.filter(idempotency_key=f"demo-{key}").exists():
            continue
        _make(version, company, representative, applicant, staff, required, _files(applicant, required),
              business, key, state, _back(today, days_back))
    return {"演示办件": Case.objects.filter(idempotency_key__startswith="demo-").count()}


def _make(version, company, representative, applicant, staff, required, files, business, key, state, received):
    """One case, taken from its draft as far as `state` with the date of each step on the calendar."""
    online = representative.user_id is not None
    case = services.case_draft(
        actor=applicant, version=version, legal=company, form_data=_form(company, representative.phone),
        idempotency_key=f"demo-{key}",
        **({} if online else {"channel": Case.Channel.WINDOW, "window": _window(staff["clerk"])}),
    )
    for req in required:
        services.case_attach(actor=applicant, case=case, requirement=req, file=files[req.pk])
    if state == "draft":
        return
    case = services.case_submit(actor=applicant, case=case, on=received)
    clerk, reviewer, approver = staff["clerk"], staff["reviewer"], staff["approver"]
    if state == "received":
        return
    if state == "supplement":
        rules = next(r for r in required if r.name == "食品安全管理制度")
        services.case_request_supplement(actor=clerk, case=case, on=received, items=[
            {"requirement_id": rules.pk, "reason": "未包含进货查验记录和食品安全事故处置制度，请补充后重新上传。"}])
        return
    if state == "refused":
        services.case_refuse_intake(actor=clerk, case=case, on=received, ground="other",
                                    reasons=["仅销售预包装食品，依法无需取得食品经营许可，请向所在地市场监管部门办理备案。"])
        return
    case = services.case_accept(actor=clerk, case=case, on=received)
    if state == "review":
        return
    if state == "suspended":
        services.case_suspend(actor=approver, case=case, reason="专家评审", expected_workdays=5, on=received,
                              detail="经营场所布局涉及集中用餐配送，组织食品安全专家评审。")
        return
    layout = next(r for r in required if r.needs_dual_verification)
    for who in (reviewer, approver):  # 行政许可法 第三十四条: two staff verify the facts the item marks
        services.case_verify_fact(actor=who, case=case, requirement=layout, finding="现场核查，布局与清单一致。")
    case = services.case_complete_step(actor=reviewer, case=case, on=received, opinion="材料齐全，现场核查符合要求，建议准予许可。")
    if state == "approval":
        return
    services.case_decide(actor=approver, case=case, grant=True, on=received,
                         content=f"准予食品经营许可（{business}，热食类、冷食类食品制售）")


def _window(clerk):
    from tongban.org.models import Window

    return Window.objects.filter(department=clerk.staff.department).order_by("pk").first()
