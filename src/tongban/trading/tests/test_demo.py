"""The synthetic demo market: valid data through the real import, rings the rules find, and a re-run that keeps
the inspectors' decisions."""

from django.core.management import call_command

from tongban.trading import services
from tongban.trading.models import Decision, Flag, Lot, TenderAssessment
from tongban.trading.synthetic import generate_market
from tongban.trading.tests.factories import trading_world


def test_generated_market_is_deterministic():
    assert generate_market(seed=7, lots=30) == generate_market(seed=7, lots=30)
    assert generate_market(seed=7, lots=30) != generate_market(seed=8, lots=30)


def test_demo_command_and_rerun(org_world, capsys):
    w = trading_world(org_world)
    call_command("trading", "demo", "--lots", "60")
    assert "60 个标段" in capsys.readouterr().out
    assert Lot.objects.count() == 60 and TenderAssessment.objects.count() == 60
    assert {"F2", "F9"} <= set(Flag.objects.values_list("code", flat=True))
    top = TenderAssessment.objects.order_by("-score").first()
    services.decision_record(actor=w.trading.user, lot=top.lot, outcome="confirmed", reason="演示：查实")
    call_command("trading", "demo", "--lots", "60")
    assert Lot.objects.count() == 60 and Decision.objects.count() == 1
    assert TenderAssessment.objects.get(lot=top.lot).status == "confirmed"
