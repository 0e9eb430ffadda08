from django.core.management.base import BaseCommand, CommandError

from tongban.audit.selectors import audit_verify


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链，指出被篡改、删除或重排的记录。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        count, problems = audit_verify()
        if problems:
            for p in problems:
                where = f"（记录 ID {p.entry_id}）" if p.entry_id else ""
                self.stderr.write(f"✗ {p.message}{where}")
            raise CommandError(f"审计链校验失败：共 {count} 条记录，发现 {len(problems)} 处问题。")
        self.stdout.write(f"✓ 审计链完整：共 {count} 条记录，哈希链校验通过。")
