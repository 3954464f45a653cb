"""Property-based run of the whole API against its own OpenAPI schema (schemathesis).

For every operation, schemathesis generates requests from the schema (valid and invalid
ones) and sends them through Django's WSGI application with a valid token, against a small
tree that holds real notices, requirements and a report. The property: no response is a
server error, and every response — its status code, content type and body — is the one the
schema documents. Few examples per operation, from a fixed seed, so the run is quick and
repeatable.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, seed
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import services
from api.api import api as ninja_api
from reports.tests import factories

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def token(reporting) -> str:
    factories.fill_and_submit(
        actor=reporting.furong_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("芙蓉区")),
        activities=3,
    )
    user = reporting.city_editor
    return services.token_create(actor=user, user=user, name="schemathesis").key


# The schema the API serves, read without a request (no database is touched at import);
# the generated requests then go through the Django WSGI application.
schema = schemathesis.openapi.from_dict(ninja_api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def wsgi_host(settings):
    # The WSGI transport calls the app as http://localhost.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    # As Django's test client does: a request must not close the connection that holds the
    # test's transaction (PostgreSQL would lose the data mid-test).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@seed(20231016)
@hypothesis_settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_never_fails_and_always_answers_as_documented(case, token, wsgi_host):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
