"""Window registration (综窗 · 代办帮办) and 跨域通办."""

from datetime import date

import pytest
from tests.factories import make_staff

from tongban.cases import services
from tongban.cases.models import Case, Delivery
from tongban.cases.tests.conftest import upload
from tongban.core.errors import PermissionDenied, ValidationFailed
from tongban.org.models import Department, Hall, Region, Role, Window
from tongban.people.identity import id_check_character, uscc_check_character
from tongban.people.services import agent_authorise, legal_person_register, person_register

AGENT_ID = "11010519800101001" + id_check_character("11010519800101001")


@pytest.fixture
def hall(world):
    hall = Hall.objects.create(name="市政务服务中心", region=world.city, department=world.bureau, address="三香路")
    window = Window.objects.create(hall=hall, number="1", name="综合受理", kind="comprehensive", department=world.bureau)
    return window


def _register(world, window, *, person=None, legal=None, agent=None, channel=Case.Channel.WINDOW):
    case = services.case_draft(actor=world.clerk.user, version=world.version, person=person, legal=legal,
                               agent=agent, form_data=dict(business_name="某餐饮有限公司", uscc=legal.uscc if legal else
                                                           "91350100M000100Y43", has_agent=bool(agent),
                                                           **({"agent_name": agent.name} if agent else {})),
                               channel=channel, window=window)
    for name in ("食品经营许可申请书", "食品安全管理制度"):
        services.case_attach(actor=world.clerk.user, case=case, requirement=world.materials[name],
                             file=upload(world.clerk.user, "scan-" + name))
    return services.case_submit(actor=world.clerk.user, case=case, on=date(2026, 3, 2))


def test_clerk_registers_a_company_through_an_authorised_agent(world, hall):
    w = world
    agent = person_register(actor=w.clerk.user, name="李四", id_number=AGENT_ID)
    first17 = "91320505MA1P3K7Q2"
    company = legal_person_register(actor=w.clerk.user, name="苏州某餐饮有限公司", uscc=first17 + uscc_check_character(first17),
                                    legal_representative_name="王五", legal_representative_id_number="11010519491231002X")
    with pytest.raises(PermissionDenied, match="没有代"):
        _register(w, hall, legal=company, agent=agent)
    agent_authorise(actor=w.clerk.user, agent=agent, principal=company, scope="食品经营许可",
                    valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31))
    case = _register(w, hall, legal=company, agent=agent)
    assert case.channel == "window" and case.applicant_legal == company and case.agent == agent
    assert case.receiving_window == hall


def test_cross_region_is_received_here_decided_there_and_handed_over_here(world):
    w = world
    nanjing = Region.objects.create(division_code="320100", name="南京市", level="city")
    nj_bureau = Department.objects.create(name="南京市行政审批局", kind="bureau", region=nanjing)
    nj_hall = Hall.objects.create(name="南京市政务服务中心", region=nanjing, department=nj_bureau, address="江东中路")
    nj_window = Window.objects.create(hall=nj_hall, number="9", name="跨域通办", kind="cross_region", department=nj_bureau)
    nj_clerk = make_staff("nj_clerk", nj_bureau, Role.WINDOW_CLERK)
    person = person_register(actor=nj_clerk.user, name="赵六", id_number=AGENT_ID)
    w.clerk = nj_clerk
    with pytest.raises(ValidationFailed, match="跨域通办"):
        _register(w, nj_window, person=person, channel=Case.Channel.WINDOW)
    case = _register(w, nj_window, person=person, channel=Case.Channel.CROSS_REGION)
    assert case.department == w.market  # handled by the competent Suzhou department
    case = services.case_accept(actor=make_staff("sz_clerk", w.market, Role.WINDOW_CLERK).user, case=case,
                                on=date(2026, 3, 3))
    for reviewer in (w.reviewer_a, w.reviewer_a2):
        services.case_verify_fact(actor=reviewer.user, case=case, requirement=w.materials["食品安全管理制度"], finding="属实")
    case = services.case_complete_step(actor=w.reviewer_a.user, case=case, opinion="同意")
    case = services.case_decide(actor=w.approver.user, case=case, grant=True, on=date(2026, 3, 5))
    assert case.status == "decided"  # no online account: waits for hand-over
    delivery = services.case_deliver(actor=nj_clerk.user, case=case, method="in_person", note="赵六本人窗口领取")
    case.refresh_from_db()
    assert case.status == "concluded" and delivery.document.kind == "grant"
    assert Delivery.objects.filter(case=case).count() == 1
