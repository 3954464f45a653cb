"""The typed parser result at the boundary with Django, and its JSON schema."""

from __future__ import annotations

from imports.parser import ParsedNotice, parse_file
from imports.parser.accuracy import DEFAULT_FIXTURES


def test_json_of_a_parsed_notice_reads_back_to_the_same_notice() -> None:
    parsed = parse_file(DEFAULT_FIXTURES / "2023-hunan-province-plan.txt")
    assert ParsedNotice.from_json(parsed.to_json()) == parsed


def test_json_keeps_the_schema_keys_the_gold_files_use() -> None:
    data = parse_file(DEFAULT_FIXTURES / "2023-yongan-city-plan.txt").to_json()
    assert list(data)[:4] == ["doc_number", "title", "kind", "issuers"]
    assert set(data["activities"][0]) == {
        "title",
        "lead",
        "support",
        "when",
        "window",
        "source",
        "number",
        "parent",
        "text",
    }


def test_clerks_edited_copy_without_newer_keys_still_reads() -> None:
    notice = ParsedNotice.from_json({"title": "关于开展质量月活动的通知", "year": "2024"})
    assert (notice.title, notice.year, notice.activities, notice.copied_to) == (
        "关于开展质量月活动的通知",
        2024,
        [],
        "",
    )
    assert notice.named_units == []


def test_a_reports_offered_units_read_back_from_json() -> None:
    notice = ParsedNotice.from_json({"issuers": [], "named_units": ["长沙市教育局"]})
    assert ParsedNotice.from_json(notice.to_json()).named_units == ["长沙市教育局"]
