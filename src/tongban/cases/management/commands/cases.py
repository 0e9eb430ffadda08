"""`tongban cases sweep`: the daily pass — record due deemed acceptances, fill in decision dates that waited
for the next year's 节假日安排 (once it is imported), and alert staff to 临期/超期 cases.

Correctness does not depend on it (clocks are computed on read and every intake action applies a due deemed
acceptance first); it makes the record and the reminders happen on time. Run it from cron or a systemd timer.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from tongban.cases.services import case_alert_deadlines, case_settle_due_dates, case_sweep
from tongban.clock import ClockError


class Command(BaseCommand):
    help = "办件日常巡检：sweep 登记到期的视为受理，补定待节假日安排导入的决定期限，并提醒临期、超期办件。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument("--on", type=date.fromisoformat, help="按该日期巡检（默认今天），格式 YYYY-MM-DD")

    def handle(self, *args, **options):
        try:
            deemed = case_sweep(on=options["on"])
            settled = case_settle_due_dates(on=options["on"])
            alerts = case_alert_deadlines(on=options["on"])
        except ClockError as exc:  # today itself in a year not loaded: refuse, never guess (ADR 0002 §4)
            raise CommandError(str(exc)) from None
        self.stdout.write(f"视为受理 {deemed} 件；补定决定期限 {settled} 件；临期/超期提醒 {alerts} 条。")
