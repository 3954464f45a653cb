"""python manage.py parse_notice FILE --json"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
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
