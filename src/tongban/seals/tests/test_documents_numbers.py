"""Two documents issued at the same moment never share a number, and numbers have no gaps.

On PostgreSQL both issuing threads are held at a barrier inside their transactions, right before they ask for a
number, so they really race: for the first row of a new series (the loser's INSERT waits on the unique index,
fails, and takes the row lock after the winner commits), then for an existing row (SELECT … FOR UPDATE).

SQLite serialises writers at BEGIN IMMEDIATE (the shipped configuration), so two transactions cannot both be
inside; there the threads are released together just before `document_issue` and the second waits for the
write lock. pytest's in-memory SQLite cannot make a writer wait at all, so that case runs this module as a
script against a SQLite *file* (WAL, BEGIN IMMEDIATE, busy_timeout) in a fresh process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from unittest import mock

import pytest
from django.db import connection


def race(department, rounds: int = 2, *, inside_transaction: bool = True) -> dict:
    """Issue two acceptance notices at once, `rounds` times; returns the numbers and any errors."""
    from tongban.seals.documents import numbering, services
    from tongban.seals.documents.testing import sample_data

    numbers, errors = [], []
    real_allocate = numbering.allocate

    for _ in range(rounds):
        barrier = threading.Barrier(2, timeout=30)

        def allocate_together(*args, _barrier=barrier, **kwargs):
            _barrier.wait()
            return real_allocate(*args, **kwargs)

        def run(_barrier=barrier):
            try:
                if not inside_transaction:
                    _barrier.wait()
                doc = services.document_issue(actor=None, kind="acceptance", department=department,
                                              data=sample_data("acceptance"))
                numbers.append(doc.sequence)
            except BaseException as exc:  # reported, not raised, so the other thread can finish
                errors.append(repr(exc))
            finally:
                connection.close()

        with mock.patch.object(numbering, "allocate", allocate_together if inside_transaction else real_allocate):
            threads = [threading.Thread(target=run) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
    return {"numbers": sorted(numbers), "errors": errors}


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_issues_get_distinct_numbers(settings):
    if _in_memory_sqlite():
        pytest.skip("in-memory SQLite cannot make a second writer wait: see test_simultaneous_issues_on_sqlite_file")
    settings.TONGBAN_SEAL_KEK = "test-seal-kek-" + "x" * 40
    from tests.factories import make_world

    from tongban.seals.documents_models import IssuedDocument
    from tongban.seals.models import Seal
    from tongban.seals.services import seal_create

    world = make_world()
    seal_create(actor=None, department=world.bureau, kind=Seal.Kind.INTAKE)
    outcome = race(world.bureau)
    assert outcome["errors"] == []
    assert outcome["numbers"] == [1, 2, 3, 4]
    assert sorted(IssuedDocument.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4]


def test_simultaneous_issues_on_sqlite_file(tmp_path):
    if not _in_memory_sqlite():
        pytest.skip("runs once, in the SQLite suite (it starts its own SQLite file database)")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "TONGBAN_VAR_DIR": str(tmp_path),
        "TONGBAN_STORAGE": "filesystem",
        "TONGBAN_SEAL_KEK": "test-seal-kek-" + "x" * 40,
        "DJANGO_SETTINGS_MODULE": "tongban.settings",
    }
    proc = subprocess.run([sys.executable, "-m", "tongban.seals.tests.test_documents_numbers"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    outcome = json.loads(proc.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["numbers"] == [1, 2, 3, 4]
    assert outcome["stored"] == [1, 2, 3, 4]


def _main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.factories import make_world

    from tongban.seals.documents_models import IssuedDocument
    from tongban.seals.models import Seal
    from tongban.seals.services import seal_create

    world = make_world()
    seal_create(actor=None, department=world.bureau, kind=Seal.Kind.INTAKE)
    outcome = race(world.bureau, inside_transaction=False)
    outcome["stored"] = sorted(IssuedDocument.objects.values_list("sequence", flat=True))
    print(json.dumps(outcome))


if __name__ == "__main__":
    _main()
