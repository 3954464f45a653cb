"""PostgreSQL plans the statements a server repeats once per connection (prepared
statements), unless the deployment sits behind a pooler that cannot keep them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_postgresql_prepares_a_statement_the_server_repeats():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; runs on PostgreSQL in `make test`")
    for _ in range(6):
        list(User.objects.filter(username="质量月-prepared"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%auth_user%"],
        )
        assert cursor.fetchone()[0] >= 1


def _database_options(**env) -> dict:
    code = (
        "import json; from qualitymonth import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    environ |= {
        "QM_SECRET_KEY": "test",
        "QM_PERSONAL_DATA_KEY": "test-personal-data-key-of-32-characters",
        "DATABASE_URL": "postgres://qm@db.invalid/qm",
        **env,
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_prepared_statements_are_on_by_default_and_off_for_a_pooler():
    assert _database_options() == {"server_side_binding": True, "prepare_threshold": 5}
    assert _database_options(QM_DB_PREPARED_STATEMENTS="0") == {}
