"""Two uploads of the same bytes at the same moment, held together after their fast-path lookup.

Used in-process by test_concurrency (PostgreSQL), and run as `python -m tongban.files.tests.race` against a
fresh SQLite *file* database (WAL, BEGIN IMMEDIATE: the shipped configuration), since pytest's in-memory
SQLite cannot make a second writer wait.
"""

from __future__ import annotations

import json
import threading
from unittest import mock


def race_two_uploads(users, data: bytes) -> dict:
    from django.db import connection

    from tongban.files import services
    from tongban.files.tests.samples import upload

    barrier = threading.Barrier(2, timeout=20)
    lookups, writes, results, errors = [], [], [], []
    real_lookup, real_write = services._blob_lookup, services._object_write

    def lookup_then_wait(sha256):
        found = real_lookup(sha256)
        lookups.append(found)
        barrier.wait()  # both have now seen "no such blob" and go for the insert
        return found

    def counting_write(**kwargs):
        writes.append(kwargs["name"])
        return real_write(**kwargs)

    def run(user):
        try:
            results.append(services.file_upload(actor=user, upload=upload(f"{user.username}.pdf", data)).pk)
        except BaseException as exc:
            errors.append(repr(exc))
        finally:
            connection.close()

    with (
        mock.patch.object(services, "_blob_lookup", lookup_then_wait),
        mock.patch.object(services, "_object_write", counting_write),
    ):
        threads = [threading.Thread(target=run, args=(u,)) for u in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    return {
        "lookups_found": [x is not None for x in lookups],
        "writes": writes,
        "stored_file_ids": sorted(results),
        "errors": errors,
    }


def _main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from tongban.files.models import Blob, StoredFile
    from tongban.files.services import file_verify_fixity
    from tongban.files.tests import samples

    assert connection.vendor == "sqlite" and not connection.is_in_memory_db(), "needs a SQLite file database"
    call_command("migrate", verbosity=0)
    users = [get_user_model().objects.create_user(f"user{i}", password="x") for i in range(2)]
    outcome = race_two_uploads(users, samples.pdf("race"))
    outcome["blobs"] = list(Blob.objects.values_list("storage_name", flat=True))
    outcome["stored_files"] = sorted(StoredFile.objects.values_list("filename", "blob__storage_name"))
    outcome["fixity_ok"] = [file_verify_fixity(b).ok for b in Blob.objects.all()]
    print(json.dumps(outcome))


if __name__ == "__main__":
    _main()
