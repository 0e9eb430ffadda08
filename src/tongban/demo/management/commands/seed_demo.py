"""`tongban seed_demo`: the demo municipality. Idempotent: running it again changes nothing."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tongban.demo import org_data, people_data
from tongban.demo.bundle_seed import seed_bundles
from tongban.demo.case_seed import seed_cases
from tongban.demo.catalog_seed import seed_catalog
from tongban.org.models import Department, Hall, Region, RoleAssignment, Staff, Window, Zone
from tongban.people import identity
from tongban.people import services as people_services
from tongban.people.models import AgentAuthorisation, LegalPerson, NaturalPerson
from tongban.trading.demo import seed_market


class Command(BaseCommand):
    help = "载入演示数据：类苏州的地级市（行政审批局及处室、职能部门、大厅窗口、开发区、各角色工作人员、申请人）。"

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("生产模式下不载入演示数据。")
        with transaction.atomic():
            counts = seed_org()
            counts.update(seed_people())
            counts.update(seed_catalog())
            counts.update(seed_bundles())
            counts.update(seed_seals())
            counts.update(seed_market())
            counts.update(seed_cases())
        self.stdout.write(self.style.SUCCESS(
            "演示数据已就绪：" + "，".join(f"{label} {n}" for label, n in counts.items())
            + f"。演示账号密码均为 {org_data.DEMO_PASSWORD}"
        ))


def seed_org() -> dict[str, int]:
    regions = {}
    for code, name, level, parent in org_data.REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            division_code=code, defaults={"name": name, "level": level, "parent": regions.get(parent)}
        )
    depts = {}
    for name, short, kind, region, parent, phone in org_data.DEPARTMENTS:
        depts[name], _ = Department.objects.update_or_create(
            region=regions[region], name=name,
            defaults={"short_name": short, "kind": kind, "parent": depts.get(parent), "phone": phone,
                      "code": org_data.DEPARTMENT_CODES.get(name, "")},
        )
    for name, kind, region, dept in org_data.ZONES:
        Zone.objects.update_or_create(
            name=name, defaults={"kind": kind, "region": regions[region], "department": depts.get(dept)}
        )
    for name, region, dept, address, hours, phone, windows in org_data.HALLS:
        hall, _ = Hall.objects.update_or_create(
            name=name,
            defaults={"region": regions[region], "department": depts[dept], "address": address,
                      "opening_hours": hours, "phone": phone},
        )
        for number, wname, kind, wdept in windows:
            Window.objects.update_or_create(
                hall=hall, number=number, defaults={"name": wname, "kind": kind, "department": depts[wdept]}
            )
    User = get_user_model()
    for username, name, dept, roles in org_data.STAFF:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(org_data.DEMO_PASSWORD)
        if username == "admin":
            user.is_staff = user.is_superuser = True
        user.save()
        staff, _ = Staff.objects.update_or_create(user=user, defaults={"name": name, "department": depts[dept]})
        for role, scope in roles:
            if scope == "dept":
                RoleAssignment.objects.get_or_create(staff=staff, role=role, department=depts[dept])
            else:
                RoleAssignment.objects.get_or_create(staff=staff, role=role, region=regions[scope])
    return {
        "行政区划": Region.objects.count(), "部门": Department.objects.count(), "开发区": Zone.objects.count(),
        "大厅": Hall.objects.count(), "窗口": Window.objects.count(), "工作人员": Staff.objects.count(),
    }


def seed_people() -> dict[str, int]:
    """Applicants registered at the window by the demo clerk, one with a portal account, and one agent."""
    clerk = get_user_model().objects.get(username="clerk")
    persons = {}
    for name, first17, phone, address, username in people_data.PERSONS:
        number = first17 + identity.id_check_character(first17)
        person = NaturalPerson.objects.filter(id_number=number).first() or people_services.person_register(
            actor=clerk, name=name, id_number=number, phone=phone, address=address
        )
        if username and person.user_id is None:
            user, created = get_user_model().objects.get_or_create(username=username)
            if created:
                user.set_password(org_data.DEMO_PASSWORD)
                user.save()
            people_services.person_link_user(actor=clerk, person=person, user=user)
        persons[name] = person
    companies = {}
    for name, first17, representative, address in people_data.COMPANIES:
        uscc = first17 + identity.uscc_check_character(first17)
        companies[name] = LegalPerson.objects.filter(uscc=uscc).first() or people_services.legal_person_register(
            actor=clerk, name=name, uscc=uscc, legal_representative_name=representative,
            legal_representative_id_number=persons[representative].id_number, address=address,
        )
    agent_name, principal_name, scope = people_data.AGENT
    if not AgentAuthorisation.objects.filter(agent=persons[agent_name]).exists():
        people_services.agent_authorise(
            actor=clerk, agent=persons[agent_name], principal=companies[principal_name], scope=scope,
            valid_from=date(2026, 1, 1), valid_until=date(2027, 12, 31),
        )
    return {"自然人": NaturalPerson.objects.count(), "法人": LegalPerson.objects.count()}


def seed_seals() -> dict[str, int]:
    """Each agency that implements a published item gets its 受理专用章 and 行政审批专用章; the bureau also its 公章."""
    from tongban.catalog.models import ItemVersion
    from tongban.seals.models import Seal
    from tongban.seals.services import seal_create

    agencies = Department.objects.filter(
        pk__in=ItemVersion.objects.filter(status="published").values("implementing_department")
    ).exclude(kind=Department.Kind.DIVISION)
    wanted = [(d, kind) for d in agencies for kind in (Seal.Kind.INTAKE, Seal.Kind.APPROVAL)]
    wanted.append((Department.objects.get(name="苏州市行政审批局"), Seal.Kind.OFFICIAL))
    # The trading centre's 公章 seals its 串通投标线索移送函 (tongban.trading).
    wanted.append((Department.objects.get(name="苏州市公共资源交易中心"), Seal.Kind.OFFICIAL))
    for department, kind in wanted:
        if not Seal.objects.filter(department=department, kind=kind, status=Seal.Status.CURRENT).exists():
            seal_create(actor=None, department=department, kind=kind)
    return {"电子印章": Seal.objects.filter(status=Seal.Status.CURRENT).count()}
