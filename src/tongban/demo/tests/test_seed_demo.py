from django.core.management import call_command

from tongban.org.models import Department, Role, RoleAssignment, Staff, Window


def test_seed_demo_is_complete_and_idempotent(db, capsys, client):
    call_command("seed_demo")
    first = (Department.objects.count(), Staff.objects.count(), Window.objects.count(), RoleAssignment.objects.count())
    call_command("seed_demo")
    again = (Department.objects.count(), Staff.objects.count(), Window.objects.count(), RoleAssignment.objects.count())
    assert first == again
    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == set(Role.values), "every role has a demo account"
    assert Department.objects.filter(kind="division", parent__name="苏州市行政审批局").count() >= 5
    for name in ["市场监督管理局", "住房和城乡建设局", "卫生健康委员会", "交通运输局", "人力资源和社会保障局", "公安局"]:
        assert Department.objects.filter(name__contains=name).exists(), name
    assert "演示数据已就绪" in capsys.readouterr().out
    from tongban.people.models import AgentAuthorisation, LegalPerson, NaturalPerson

    assert NaturalPerson.objects.count() == 4 and LegalPerson.objects.count() == 3
    assert AgentAuthorisation.objects.count() == 1
    assert NaturalPerson.objects.get(name="张伟").user.username == "zhangwei"
    from tongban.seals.keys import seal_for

    bureau = Department.objects.get(name="苏州市行政审批局")
    assert seal_for(bureau, "intake").name.endswith("受理专用章")
    assert seal_for(bureau, "approval") and seal_for(bureau, "official")
    assert seal_for(Department.objects.get(name="苏州市公共资源交易中心"), "official")
    from tongban.trading.models import Flag, Lot, TenderAssessment

    assert Lot.objects.count() == 300 and TenderAssessment.objects.count() == 300
    assert {"F2", "F8", "F9", "F12"} <= set(Flag.objects.values_list("code", flat=True))
    _the_desk_has_cases_in_every_state(client)


def _the_desk_has_cases_in_every_state(client):
    """`make run` opens on a working desk: the reviewer's 我的待办 has tasks (临期 and 超期 among them), the clerk
    has applications to accept — made once, however often the demo is seeded."""
    from django.contrib.auth import get_user_model

    from tongban.cases import selectors
    from tongban.cases.models import Case
    from tongban.seals.documents_models import IssuedDocument

    demo = Case.objects.filter(idempotency_key__startswith="demo-")
    assert demo.count() == 11
    assert set(demo.values_list("status", flat=True)) == {
        "draft", "received", "supplement_requested", "in_review", "concluded", "refused"}
    assert IssuedDocument.objects.filter(kind="acceptance").count() == 6  # sealed 受理通知书, one per accepted case
    assert client.login(username="reviewer", password="tongban-demo")
    page = client.get("/workbench/cases/").content.decode()  # 我的待办
    for case in demo.filter(status="in_review", task_role="reviewer"):
        assert case.number in page
    assert "超期" in page and "临期" in page
    clerk = get_user_model().objects.get(username="clerk")
    assert selectors.my_tasks(actor=clerk).filter(status="received").count() == 2


def test_demo_accounts_can_log_in(db, client):
    call_command("seed_demo")
    assert client.login(username="reviewer", password="tongban-demo")

