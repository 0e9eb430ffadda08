"""`tongban cases sweep`: the daily pass — record due deemed acceptances and alert staff to 临期/超期 cases.

Correctness does not depend on it (clocks are computed on read and every intake action applies a due deemed
acceptance first); it makes the record and the reminders happen on time. Run it from cron or a systemd timer.
"""

from datetime import date

from django.core.management.base import BaseCommand

from tongban.cases.services import case_alert_deadlines, case_sweep


class Command(BaseCommand):
    help = "办件日常巡检：sweep 登记到期的视为受理，并提醒临期、超期办件。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument("--on", type=date.fromisoformat, help="按该日期巡检（默认今天），格式 YYYY-MM-DD")

    def handle(self, *args, **options):
        deemed = case_sweep(on=options["on"])
        alerts = case_alert_deadlines(on=options["on"])
        self.stdout.write(f"视为受理 {deemed} 件；临期/超期提醒 {alerts} 条。")
