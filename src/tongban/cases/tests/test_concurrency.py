"""Two requests with one Idempotency-Key at the same moment (a double click, a client retrying on a timeout):
both pass the lookup for the key, both insert; the unique constraint stops the second, and it answers with the
first one's case. PostgreSQL: pytest's in-memory SQLite cannot make a second writer wait."""

import threading

import pytest
from django.db import connection

from tongban.cases import services
from tongban.cases.models import Case, CaseEvent

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers need PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_two_drafts_with_one_key_at_once_make_one_case(world, form, monkeypatch):
    barrier, answers, errors = threading.Barrier(2, timeout=20), [], []
    looked_up = services._with_key

    def lookup_then_wait(actor, key):
        found = looked_up(actor, key)
        if threading.current_thread() is not threading.main_thread() and not hasattr(local, "waited"):
            local.waited = True
            barrier.wait()  # both have seen "no case with this key" and go for the insert
        return found

    local = threading.local()
    monkeypatch.setattr(services, "_with_key", lookup_then_wait)

    def draft():
        try:
            answers.append(services.case_draft(actor=world.applicant_user, version=world.version,
                                               person=world.person, form_data=form, idempotency_key="twice"))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=draft) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert not errors, errors
    case = Case.objects.get(idempotency_key="twice")
    assert [a.pk for a in answers] == [case.pk, case.pk]
    assert sorted(getattr(a, "replayed", False) for a in answers) == [False, True]
    assert CaseEvent.objects.filter(case=case).count() == 1  # the loser's draft event rolled back with its row
