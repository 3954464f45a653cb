"""python manage.py parse_notice FILE --json"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from imports.parser.accuracy import DEFAULT_FIXTURES, SEED_FALLBACK


def seed_path(name: str) -> Path:
    path = DEFAULT_FIXTURES / name
    return path if path.exists() else SEED_FALLBACK / name


def test_prints_one_json_object_with_chinese_unescaped() -> None:
    out = io.StringIO()
    call_command(
        "parse_notice", str(seed_path("2023-hunan-province-plan.txt")), "--json", stdout=out
    )
    raw = out.getvalue()
    result = json.loads(raw)
    assert result["doc_number"] == "湘市监办发〔2023〕57号"
    assert "湖南省市场监督管理局办公室" in raw  # ensure_ascii=False


def test_bad_file_is_a_command_error_with_a_chinese_message(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(CommandError, match="解析失败"):
        call_command("parse_notice", str(path), "--json", stdout=io.StringIO())


def test_plain_output_lists_fields() -> None:
    out = io.StringIO()
    call_command("parse_notice", str(seed_path("2020-hubei-province-notice.txt")), stdout=out)
    assert "doc_number: 鄂质强办函〔2020〕3号" in out.getvalue()


FIXTURES = Path(__file__).parent / "fixtures"


def run_without_keys(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    """Run `args` as a clerk would after `make setup`: no QM_* variable at all (no debug, no
    secret key, no personal-data key), and a database of its own should anything reach one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_parse_notice_runs_without_the_production_keys(tmp_path: Path) -> None:
    path = FIXTURES / "2023-yongan-city-plan.txt"
    done = run_without_keys(["manage.py", "parse_notice", str(path), "--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["doc_number"] == "永市监质〔2023〕35号"


def test_the_server_and_migrate_still_refuse_to_start_without_the_secret_key(
    tmp_path: Path,
) -> None:
    wsgi = run_without_keys(["-c", "import qualitymonth.wsgi"], tmp_path)
    assert wsgi.returncode != 0 and "QM_SECRET_KEY is required" in wsgi.stderr
    for command in ("migrate", "runserver"):
        done = run_without_keys(["manage.py", command], tmp_path)
        assert done.returncode != 0 and "QM_SECRET_KEY is required" in done.stderr, command
    assert not (tmp_path / "db.sqlite3").exists()
