"""Two uploads of the same bytes at the same moment: one Blob, one stored object, two StoredFiles.

Both uploads are held at a barrier after their fast-path lookup found nothing, so both really go for the
insert; the loser must take the unique-constraint path and reuse the winner's Blob.
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from tongban.files.models import Blob, StoredFile
from tongban.files.services import file_verify_fixity
from tongban.files.tests import samples
from tongban.files.tests.race import race_two_uploads
from tongban.files.tests.samples import stored_objects


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_uploads_on_separate_connections(django_user_model, file_storage):
    if _in_memory_sqlite():
        pytest.skip(
            "pytest's in-memory shared-cache SQLite answers a second writer with 'table is locked' instead of "
            "waiting; the SQLite case runs against a file database in test_simultaneous_uploads_on_sqlite_file"
        )
    users = [django_user_model.objects.create_user(f"user{i}", password="x") for i in range(2)]
    outcome = race_two_uploads(users, samples.pdf("race"))
    assert outcome["errors"] == []
    assert outcome["lookups_found"] == [False, False]  # both really raced for the insert

    blob = Blob.objects.get()
    assert sorted(StoredFile.objects.values_list("filename", flat=True)) == ["user0.pdf", "user1.pdf"]
    assert set(StoredFile.objects.values_list("blob_id", flat=True)) == {blob.pk}
    assert outcome["writes"] == [blob.storage_name]  # the loser never touched the store
    assert stored_objects(file_storage) == [blob.storage_name]
    assert file_verify_fixity(blob).ok


def test_simultaneous_uploads_on_sqlite_file(tmp_path):
    """The shipped SQLite configuration (a WAL file, BEGIN IMMEDIATE, busy_timeout) in a fresh process."""
    if not _in_memory_sqlite():
        pytest.skip("runs once, in the SQLite suite (it starts its own SQLite file database)")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "TONGBAN_VAR_DIR": str(tmp_path),  # so MEDIA_ROOT, the store's root, is tmp_path/media
        "TONGBAN_STORAGE": "filesystem",
        "DJANGO_SETTINGS_MODULE": "tongban.settings",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "tongban.files.tests.race"], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    outcome = json.loads(proc.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["lookups_found"] == [False, False]
    assert len(outcome["blobs"]) == 1
    name = outcome["blobs"][0]
    assert outcome["stored_files"] == [["user0.pdf", name], ["user1.pdf", name]]
    assert outcome["writes"] == [name]
    assert outcome["fixity_ok"] == [True]
    assert stored_objects(tmp_path / "media") == [name]
