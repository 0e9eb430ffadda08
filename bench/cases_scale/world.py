"""The organisation and catalogue of the benchmark city: an approval bureau with four divisions, eight functional
departments, their staff, one government service centre, and 50 published items with review steps — built
through the ORM and the catalogue services (a few hundred rows), as a deployment would hold them.
"""

from __future__ import annotations

from dataclasses import dataclass

# (name, kind, case-number code, parent code)
DEPARTMENTS = [
    ("苏州市行政审批局", "bureau", "SPJ", None),
    ("市场准入审批处", "division", "SCZR", "SPJ"),
    ("建设工程审批处", "division", "JSSP", "SPJ"),
    ("社会事务审批处", "division", "SHSW", "SPJ"),
    ("交通水利审批处", "division", "JTSL", "SPJ"),
    ("苏州市市场监督管理局", "functional", "SCJG", None),
    ("苏州市卫生健康委员会", "functional", "WJW", None),
    ("苏州市住房和城乡建设局", "functional", "ZJJ", None),
    ("苏州市公安局", "functional", "GAJ", None),
    ("苏州市人力资源和社会保障局", "functional", "RSJ", None),
    ("苏州市生态环境局", "functional", "STHJ", None),
    ("苏州市教育局", "functional", "JYJ", None),
    ("苏州市文化广电和旅游局", "functional", "WGLJ", None),
]

STEPS = {
    2: [("审查", "reviewer"), ("决定", "approver")],
    3: [("初审", "reviewer"), ("复审", "reviewer"), ("审批", "approver")],
    4: [("初审", "reviewer"), ("现场核查", "reviewer"), ("复审", "reviewer"), ("审批", "approver")],
}
EXTRA_MATERIALS = ["经营场所使用证明", "专业技术人员资格证明", "安全管理制度", "主要设备设施清单", "平面布置图",
                   "可行性研究报告", "环境影响评价文件", "工程设计方案"]

# (name, department code, applicant kind, number of steps, promised / statutory working days, extra required
#  materials, relative demand). Items with one required material and a natural-person applicant are the ones
#  the load test submits (create + attach one material + submit).
ITEMS = [
    ("食品经营许可", "SCZR", "legal", 2, 10, 20, 1, 60),
    ("食品生产许可", "SCZR", "legal", 4, 15, 20, 2, 12),
    ("药品零售企业许可", "SCZR", "legal", 3, 15, 20, 2, 10),
    ("第二类医疗器械经营备案", "SCZR", "legal", 2, 5, 20, 1, 14),
    ("医疗器械经营许可", "SCZR", "legal", 3, 15, 20, 2, 6),
    ("特种设备使用登记", "SCZR", "legal", 2, 10, 15, 1, 18),
    ("工业产品生产许可", "SCZR", "legal", 4, 20, 20, 2, 3),
    ("建设工程规划许可证核发", "JSSP", "legal", 4, 15, 20, 2, 14),
    ("建筑工程施工许可证核发", "JSSP", "legal", 3, 7, 15, 2, 16),
    ("建设用地规划许可证核发", "JSSP", "legal", 3, 15, 20, 2, 6),
    ("城市建筑垃圾处置核准", "JSSP", "legal", 2, 10, 20, 1, 9),
    ("城镇污水排入排水管网许可", "JSSP", "legal", 3, 12, 20, 1, 8),
    ("市政设施建设类审批", "JSSP", "legal", 3, 12, 20, 1, 5),
    ("民办学校设立审批", "SHSW", "legal", 4, 20, 20, 2, 2),
    ("养老机构设立备案", "SHSW", "legal", 2, 5, 20, 1, 3),
    ("医疗机构执业登记", "SHSW", "legal", 4, 20, 20, 2, 7),
    ("公共场所卫生许可", "SHSW", "legal", 2, 10, 20, 1, 30),
    ("放射诊疗许可", "SHSW", "legal", 4, 20, 20, 2, 2),
    ("人力资源服务许可", "SHSW", "legal", 3, 15, 20, 1, 4),
    ("道路货物运输经营许可", "JTSL", "legal", 2, 10, 20, 1, 20),
    ("道路旅客运输经营许可", "JTSL", "legal", 3, 15, 20, 2, 3),
    ("出租汽车驾驶员从业资格注册", "JTSL", "person", 2, 5, 20, 0, 25),
    ("取水许可", "JTSL", "legal", 4, 20, 20, 2, 3),
    ("河道管理范围内建设项目审批", "JTSL", "legal", 3, 15, 20, 2, 3),
    ("占用挖掘城市道路审批", "JTSL", "legal", 2, 7, 20, 1, 12),
    ("企业设立登记", "SCJG", "legal", 2, 3, 15, 1, 90),
    ("企业变更登记", "SCJG", "legal", 2, 3, 15, 1, 70),
    ("企业注销登记", "SCJG", "legal", 2, 3, 15, 1, 35),
    ("个体工商户登记", "SCJG", "person", 2, 3, 15, 0, 60),
    ("计量器具型式批准", "SCJG", "legal", 3, 15, 20, 2, 2),
    ("护士执业注册", "WJW", "person", 2, 10, 20, 0, 25),
    ("医师执业注册", "WJW", "person", 2, 10, 20, 0, 20),
    ("母婴保健技术服务执业许可", "WJW", "legal", 3, 15, 20, 2, 3),
    ("消毒产品生产企业卫生许可", "WJW", "legal", 3, 15, 20, 1, 2),
    ("建筑业企业资质核准", "ZJJ", "legal", 3, 15, 20, 2, 12),
    ("房地产开发企业资质核定", "ZJJ", "legal", 3, 15, 20, 2, 4),
    ("商品房预售许可", "ZJJ", "legal", 4, 10, 20, 2, 6),
    ("物业服务企业备案", "ZJJ", "legal", 2, 5, 20, 1, 5),
    ("户口迁移审批", "GAJ", "person", 2, 5, 20, 0, 40),
    ("居住证签注", "GAJ", "person", 2, 3, 15, 0, 50),
    ("剧毒化学品购买许可", "GAJ", "legal", 3, 3, 3, 1, 2),
    ("大型群众性活动安全许可", "GAJ", "legal", 3, 7, 20, 2, 3),
    ("就业创业证申领", "RSJ", "person", 2, 5, 20, 0, 40),
    ("职业技能等级认定", "RSJ", "person", 2, 10, 20, 0, 30),
    ("劳务派遣经营许可", "RSJ", "legal", 3, 15, 20, 2, 4),
    ("失业保险金申领", "RSJ", "person", 2, 5, 20, 0, 35),
    ("排污许可证核发", "STHJ", "legal", 4, 20, 20, 2, 8),
    ("建设项目环境影响报告表审批", "STHJ", "legal", 4, 15, 20, 2, 10),
    ("教师资格认定", "JYJ", "person", 2, 15, 20, 0, 30),
    ("旅行社设立许可", "WGLJ", "legal", 3, 15, 20, 1, 3),
    ("娱乐场所经营许可", "WGLJ", "legal", 3, 15, 20, 1, 4),
]
ITEM_CODE = "320C{:010d}-320500000000-000-11320500MB0000001X-1-00"
CITY = "320500"
DISTRICTS = [("320505", "虎丘区"), ("320506", "吴中区"), ("320507", "相城区"), ("320508", "姑苏区")]
PERSON_FORM = [
    {"name": "phone", "label": "联系电话", "type": "phone", "required": True},
    {"name": "address", "label": "联系地址", "type": "text", "required": True, "max_length": 200},
    {"name": "note", "label": "申请说明", "type": "textarea", "max_length": 500},
]
LEGAL_FORM = [
    {"name": "uscc", "label": "统一社会信用代码", "type": "uscc", "required": True},
    {"name": "contact", "label": "联系人", "type": "text", "required": True, "max_length": 64},
    {"name": "phone", "label": "联系电话", "type": "phone", "required": True},
    {"name": "premises", "label": "经营场所", "type": "text", "max_length": 200},
]


@dataclass(frozen=True)
class Item:
    version_id: int
    name: str
    department_id: int
    audience: str  # person | legal
    promised_days: int
    steps: tuple[tuple[int, str], ...]  # (order, role)
    weight: int
    required_materials: tuple[int, ...]  # unconditional, from the applicant


def _spec(name, dept_name, audience, n_steps, promised, statutory, extra, implementing_name):
    steps = STEPS[n_steps]
    share = [max(1, promised // n_steps)] * n_steps
    share[-1] = max(0, promised - sum(share[:-1]))
    materials = [{"name": f"{name}申请表", "form": "electronic"}]
    if audience == "person":
        materials.append({"name": "居民身份证", "source": "license", "source_detail": "居民身份证"})
    else:
        materials.append({"name": "营业执照", "source": "license", "source_detail": "营业执照"})
    for k in range(extra):
        materials.append({"name": EXTRA_MATERIALS[(len(name) + k) % len(EXTRA_MATERIALS)],
                          "needs_dual_verification": n_steps == 4 and k == 0})
    materials.append({"name": "授权委托书", "condition": "委托他人办理时提交"})
    return {
        "name": name, "item_type": "licensing", "competent_department": dept_name,
        "implementing_department": implementing_name,
        "summary": f"{name}：申请人在线提交申请表及材料，经审查符合法定条件、标准的，依法作出准予决定。",
        "acceptance_conditions": "申请材料齐全、符合法定形式。", "review_criteria": "依照法律、法规规定的条件审查。",
        "statutory_days": statutory, "promised_days": promised, "online_depth": 4, "visits": 0,
        "consultation_phone": "0512-12345", "complaint_phone": "0512-12345",
        "legal_bases": [{"kind": "setting", "law": "中华人民共和国行政许可法", "article": "第十二条"}],
        "materials": materials,
        "steps": [{"name": s, "role": r, "workdays": d} for (s, r), d in zip(steps, share, strict=True)],
        "form_schema": PERSON_FORM if audience == "person" else LEGAL_FORM,
    }


def build() -> None:
    """Regions, departments, staff with roles, the service centre's windows, and the published catalogue."""
    from django.contrib.auth import get_user_model

    from tongban.catalog import services as catalog
    from tongban.org.models import Department, Hall, Region, Role, RoleAssignment, Staff, Window

    User = get_user_model()
    city = Region.objects.create(division_code=CITY, name="苏州市", level=Region.Level.CITY)
    for code, name in DISTRICTS:
        Region.objects.create(division_code=code, name=name, level=Region.Level.DISTRICT, parent=city)
    depts = {}
    for name, kind, code, parent in DEPARTMENTS:
        depts[code] = Department.objects.create(name=name, kind=kind, code=code, region=city,
                                                parent=depts.get(parent))

    def staff(username, dept, role, name, region=None):
        user = User.objects.create_user(username=username, password=None)
        s = Staff.objects.create(user=user, name=name, department=dept)
        RoleAssignment.objects.create(staff=s, role=role, department=None if region else dept, region=region)
        return user

    handling = [code for _, kind, code, _ in DEPARTMENTS if kind != "bureau"]
    admins = {}
    for code in handling:
        big = code in ("SCZR", "SCJG", "JSSP", "GAJ", "RSJ")
        for i in range(8 if big else 5):
            staff(f"rev-{code.lower()}-{i + 1}", depts[code], Role.REVIEWER, f"{depts[code].name}审查员{i + 1}")
        for i in range(3):
            staff(f"apr-{code.lower()}-{i + 1}", depts[code], Role.APPROVER, f"{depts[code].name}审批员{i + 1}")
        admins[code] = staff(f"adm-{code.lower()}", depts[code], Role.DEPT_ADMIN, f"{depts[code].name}管理员")
    bureau = depts["SPJ"]
    publisher = staff("rev-spj-1", bureau, Role.REVIEWER, "审批局审查员")  # the bureau's own: every division
    for i in range(12):
        staff(f"clerk-{i + 1}", bureau, Role.WINDOW_CLERK, f"综窗人员{i + 1}")
    staff("inspector-1", bureau, Role.INSPECTOR, "督查员", region=city)
    hall = Hall.objects.create(name="苏州市政务服务中心", region=city, department=bureau, address="苏州市姑苏区三香路",
                               opening_hours="工作日 9:00–17:00")
    for i in range(12):
        Window.objects.create(hall=hall, number=f"{i + 1:02d}", name=f"综合受理{i + 1}号窗口",
                              kind=Window.Kind.COMPREHENSIVE, department=bureau)

    for n, (name, code, audience, n_steps, promised, statutory, extra, _weight) in enumerate(ITEMS, 1):
        dept = depts[code]
        implementing = bureau if dept.kind == "division" else dept
        spec = _spec(name, dept.name, audience, n_steps, promised, statutory, extra, implementing.name)
        version = catalog.item_create(actor=admins[code], code=ITEM_CODE.format(n), owner=dept, spec=spec)
        catalog.version_submit(actor=admins[code], version=version)
        catalog.version_review(actor=publisher, version=version, approve=True)


def items() -> list[Item]:
    """The published catalogue with the department that handles each item's cases (as `case_draft` decides)."""
    from tongban.catalog.models import ItemVersion, MaterialRequirement

    weights = {name: w for name, *_, w in ITEMS}
    audiences = {name: a for name, _, a, *_ in ITEMS}
    out = []
    versions = (ItemVersion.objects.filter(status="published", item__code__startswith="320C")
                .select_related("item__owner").prefetch_related("steps", "materials").order_by("item__code"))
    for v in versions:
        owner = v.item.owner
        dept_id = owner.pk if owner.parent_id == v.implementing_department_id else v.implementing_department_id
        required = tuple(m.pk for m in v.materials.all()
                         if not m.condition and m.source == MaterialRequirement.Source.APPLICANT)
        out.append(Item(version_id=v.pk, name=v.name, department_id=dept_id, audience=audiences[v.name],
                        promised_days=v.promised_days, steps=tuple((s.order, s.role) for s in v.steps.all()),
                        weight=weights[v.name], required_materials=required))
    return out


def staff_users(role: str) -> dict[int, list[int]]:
    """User ids holding `role`, by the department the role is held in."""
    from tongban.org.models import RoleAssignment

    out: dict[int, list[int]] = {}
    for dept_id, user_id in (RoleAssignment.objects.filter(role=role, department__isnull=False)
                             .order_by("staff__user_id").values_list("department_id", "staff__user_id")):
        out.setdefault(dept_id, []).append(user_id)
    return out


def window_ids() -> list[int]:
    from tongban.org.models import Window

    return list(Window.objects.order_by("pk").values_list("pk", flat=True))
