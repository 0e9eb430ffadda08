"""Two reactions to the same grant at once (two workers, or a retry racing the signal) start the dependent
member once: bundle_advance locks the bundle row (PostgreSQL; SQLite serialises writers anyway)."""

import threading
from datetime import date

import pytest
from django.db import connection

from tongban.bundles import services
from tongban.bundles.models import BundleMemberCase
from tongban.bundles.plan import plan_of
from tongban.bundles.tests.conftest import FORM, make_bundle_world, upload
from tongban.cases import services as cases
from tongban.cases.models import Case
from tongban.cases.signals import case_event

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_racing_advances_start_the_dependent_once(org_world, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    w = make_bundle_world(org_world)
    bc = services.bundle_case_draft(actor=w.applicant_user, version=w.bundle, person=w.person, form_data=dict(FORM))
    for m in plan_of(w.bundle).materials:
        services.bundle_attach(actor=w.applicant_user, bundle_case=bc, code=m.code, file=upload(w.applicant_user, m.code))
    services.bundle_submit(actor=w.applicant_user, bundle_case=bc)
    setup = BundleMemberCase.objects.get(bundle_case=bc, member__key="setup").case
    today = date.today()
    assert case_event.disconnect(dispatch_uid="bundles.advance")  # the race is ours to start
    try:
        cases.case_accept(actor=w.clerk.user, case=setup, on=today)
        cases.case_complete_step(actor=w.staff["market"].reviewer.user, case=setup, opinion="齐全", on=today)
        cases.case_decide(actor=w.staff["market"].approver.user, case=setup, grant=True, on=today)
    finally:
        from tongban.bundles.receivers import _advance_bundle

        case_event.connect(_advance_bundle, dispatch_uid="bundles.advance")
    barrier, errors = threading.Barrier(2), []

    def advance():
        try:
            barrier.wait()
            services.bundle_advance(bundle_case_id=bc.pk)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=advance) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    seal = BundleMemberCase.objects.get(bundle_case=bc, member__key="seal")
    assert seal.state == "started"
    assert Case.objects.filter(item_version=w.items["seal"]).count() == 1
