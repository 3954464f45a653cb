"""deploy/backup.sh and deploy/restore.sh, tried once for real: the loopback PostgreSQL of the
test run and the SeaweedFS S3 server of the reports tests. Back up, lose the data and the
bucket's contents, restore into a new database, find both again."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from core.testing.s3 import BUCKET, CREDENTIALS
from orgs.models import OrgUnit
from orgs.services import national_unit_get_or_create

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
KEY = "reports/2023/10/启动仪式.jpg"
PHOTO = b"\xff\xd8\xff\xe0 a photo of the opening ceremony"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
        reason="pg_dump needs the PostgreSQL run (scripts/test.sh)",
    ),
]


def _url(name: str) -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgresql://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{name}"


def _run(script: str, directory: Path, database_url: str, endpoint: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PYTHON": sys.executable,
        "QM_S3_BUCKET": BUCKET,
        "QM_S3_ENDPOINT_URL": endpoint,
        "QM_S3_ACCESS_KEY": CREDENTIALS["aws_access_key_id"],
        "QM_S3_SECRET_KEY": CREDENTIALS["aws_secret_access_key"],
    }
    result = subprocess.run(
        ["bash", str(DEPLOY / script), str(directory)], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def restored_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield _url(name)
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_brings_back_the_units_and_the_uploaded_files(
    tmp_path,
    s3_endpoint,
    restored_database,
):
    endpoint, s3 = s3_endpoint
    nation = national_unit_get_or_create()
    OrgUnit.objects.add_child(nation, create_kwargs={"name": "湖南省", "kind": "province"})
    s3.put_object(Bucket=BUCKET, Key=KEY, Body=PHOTO)

    _run("backup.sh", tmp_path / "backup", _url(connection.settings_dict["NAME"]), endpoint)
    assert (tmp_path / "backup" / "db.dump").stat().st_size > 0
    assert (tmp_path / "backup" / "media" / KEY).read_bytes() == PHOTO

    # The disaster: the file is gone from the bucket, the units from the database.
    s3.delete_object(Bucket=BUCKET, Key=KEY)
    OrgUnit.objects.all().delete()

    _run("restore.sh", tmp_path / "backup", restored_database, endpoint)
    with psycopg.connect(restored_database) as restored:
        names = [row[0] for row in restored.execute("SELECT name FROM orgs_orgunit ORDER BY path")]
    assert names == [nation.name, "湖南省"]
    assert s3.get_object(Bucket=BUCKET, Key=KEY)["Body"].read() == PHOTO


def test_restore_refuses_an_incomplete_backup(tmp_path, restored_database):
    (tmp_path / "half").mkdir()
    result = subprocess.run(
        ["bash", str(DEPLOY / "restore.sh"), str(tmp_path / "half")],
        env={**os.environ, "DATABASE_URL": restored_database},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "不是完整的备份" in result.stderr
