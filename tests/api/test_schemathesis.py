"""The API tested by a tool we did not write: schemathesis reads the live OpenAPI
description (``/api/schema/``, fetched through the WSGI application with a token) and
sends every operation data generated from it, as a supervisor and as a bureau user. No
answer may be a server error, and every answer must match the description (its content
type and, for the documented statuses, its body)."""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from jiyuan_portal.api.models import ApiToken
from jiyuan_portal.tracking.models import Bureau, Plan
from tests import factories

CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture(params=["supervisor", "bureau"])
def api_key(request, seed, settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.JIYUAN_AS_OF = datetime.date(2017, 9, 30)
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "100000/hour"},
    }
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    task = factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead])
    target = factories.TargetFactory(plan=task.plan, task=task, year=2018)
    factories.TargetReportFactory(target=target, submitted=True)
    factories.TargetReportFactory(target=target, approved=True)
    user = factories.supervisor() if request.param == "supervisor" else factories.bureau_staff(lead)
    _token, key = ApiToken.issue(user, "schemathesis", days=1)
    return key


@pytest.fixture
def database_kept_open():
    """The WSGI application is called directly, not through Django's test client, which
    keeps the test's database connection (and its transaction) open across requests by
    disconnecting ``close_old_connections``: the same is done here."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(api_key, database_kept_open):
    return schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json",
        get_wsgi_application(),
        headers={"Authorization": f"Token {api_key}"},
    )


def test_every_operation_answers_as_its_description_says(api_schema, api_key):
    """Each operation in turn, with data drawn by Hypothesis from its description
    (schemathesis' own pytest plugin does not run under this pytest: the operations are
    driven here instead)."""
    headers = {"Authorization": f"Token {api_key}"}
    failures = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 23

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        def answers_as_described(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            answers_as_described()
        except Exception as error:
            failures[operation.label] = f"{type(error).__name__}: {str(error)[:2000]}"
    assert not failures, "\n\n".join(f"{label}: {text}" for label, text in failures.items())
