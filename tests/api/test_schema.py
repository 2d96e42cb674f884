"""Schema-driven tests: the OpenAPI schema is valid, and generated requests find no 500 and no
response that breaks it (schemathesis over the WSGI app: in-process, no network, bounded).

CI runs this file with the rest of the suite; `.ci/run` also validates the schema with
`manage.py spectacular --validate --fail-on-warn`.
"""

import datetime

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from commitments.models import Fulfilment, MotionStatus, MotionStatusChange
from commitments.services import closing
from tests.factories import (
    CommitmentFactory,
    DocumentFactory,
    MinistryFactory,
    MotionFactory,
    OfficeFactory,
    RecipientFactory,
)
from tracker.wsgi import application

# Examples per operation: 14 read operations, about 25 s in all on two shared cores.
EXAMPLES_PER_OPERATION = 20


def test_the_openapi_schema_is_valid_and_generates_without_warnings(tmp_path):
    # --fail-on-warn: an unresolvable filter or field type fails here, not in a client.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/commitments/" in (tmp_path / "schema.yaml").read_text()


@pytest.fixture
def api_schema(db):
    """The live schema of the app, with a little of everything for the generated requests to find."""
    vws = OfficeFactory(ministry=MinistryFactory(abbreviation="VWS"))
    today = datetime.date.today()
    for offset in (-30, 0, 30, None):
        commitment = CommitmentFactory(office=vws, due_date=today + datetime.timedelta(days=offset) if offset else None)
        RecipientFactory(commitment=commitment)
    closing.close_with_letter([commitment], DocumentFactory(), Fulfilment.PARTIAL)
    motion = MotionFactory(status=MotionStatus.AANGENOMEN)
    MotionStatusChange.objects.create(motion=motion, status=MotionStatus.AANGENOMEN, date=today)
    CommitmentFactory(kind="motie", motion=motion, committee=None, source_activity=None)
    # As Django's test client does: a request must not close the test's connection (PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application).include(method="GET")
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_generated_requests_find_no_server_error_and_no_response_outside_the_schema(api_schema):
    # Each operation in turn, through hypothesis directly (schemathesis' pytest plugin does not
    # support pytest 9 yet): the database fixture holds for all of them.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 14
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        check()
