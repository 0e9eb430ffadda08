"""Schemathesis against our own OpenAPI, for /api/v1/cases and /api/v1/notifications.

Hypothesis generates valid and invalid requests for every operation (for about half of them the path points at
a real case, so the actions meet a real state). Whatever the input: never a server error; every 2xx matches the
documented schema; every refusal is problem+json with a Chinese title. Derandomized, so a run is repeatable
and takes the same time (about 20–30 s).
"""

import re

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tests.factories import make_staff

from tongban.cases import services
from tongban.cases.tests.conftest import FORM, upload
from tongban.org.models import Role
from tongban.org.services import api_token_issue

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

EXAMPLES = 12  # per operation
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def wsgi_in_test_transaction():
    """Run the WSGI app in this thread inside the test's transaction, as Django's test client does: the
    per-request connection clean-up would otherwise close the connection under the open transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def cases(world):
    """A received case and one under review, for the fuzzer to act on."""
    w = world
    made = []
    for _ in range(2):
        case = services.case_draft(actor=w.applicant_user, version=w.version, person=w.person, form_data=dict(FORM))
        for name in ("食品经营许可申请书", "食品安全管理制度"):
            services.case_attach(actor=w.applicant_user, case=case, requirement=w.materials[name],
                                 file=upload(w.applicant_user, f"{name}-{len(made)}"))
        made.append(services.case_submit(actor=w.applicant_user, case=case))
    services.case_accept(actor=w.clerk.user, case=made[1])
    return [c.pk for c in made]


def _is_problem(response) -> None:
    content_type = {k.lower(): v for k, v in response.headers.items()}.get("content-type", [""])[0]
    assert content_type.startswith("application/problem+json"), response.text
    body = response.json()
    assert body["status"] == response.status_code and CJK.search(body["title"]), body


@pytest.mark.django_db
def test_every_cases_operation_survives_generated_requests(world, cases, wsgi_in_test_transaction):
    # One account holding every case role in the market department (and the window), so actions get past the
    # permission check and reach the rules.
    staff = make_staff("fuzzer", world.market, Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER, name="测试员")
    _, raw = api_token_issue(actor=staff.user, user=staff.user, name="schemathesis")
    auth = {"Authorization": f"Bearer {raw}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_in_test_transaction).include(
        path_regex=r"^/api/v1/(cases|notifications)")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30

    for operation in operations:
        @given(case=operation.as_strategy(), real=st.sampled_from([None, *cases]))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def run(case, real):
            if real is not None and "case_id" in (case.path_parameters or {}):
                case.path_parameters["case_id"] = real
            response = case.call(headers=auth)
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
            if response.status_code >= 400:
                _is_problem(response)

        run()
