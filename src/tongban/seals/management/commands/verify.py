"""`tongban verify FILE [--root root.pem] [--crl crl.der] [--json]`: is this sealed document genuine and in force?

With the database (default): the seal and signature, our records (superseded or withdrawn), revocation and the
GB/T 38540 SM2 signature. With --root: offline, from the PDF and the root certificate alone (see
tongban/seals/cli_documents.py). Exit status 0 when valid, 1 otherwise.
"""

from django.core.management.base import BaseCommand

from tongban.seals.cli_documents import add_verify_arguments, verify


class Command(BaseCommand):
    help = "核验加盖电子印章的文书 PDF：是否有效、由哪个部门盖章、何时盖章、证书是否吊销、文书是否已更正或撤回。"

    def add_arguments(self, parser):
        add_verify_arguments(parser)

    def handle(self, *args, **options):
        verify(self, options)
