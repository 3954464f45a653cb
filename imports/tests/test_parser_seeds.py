"""Whole documents, field by field, against the expectations written by hand in fixtures/."""

from __future__ import annotations

from typing import Any

import pytest

from imports.parser import parse_file
from imports.parser.accuracy import DEFAULT_FIXTURES, load_cases, project

CASES = load_cases(DEFAULT_FIXTURES)
FIELDS = [
    (name, seed, field, want) for name, seed, expected in CASES for field, want in expected.items()
]
_parsed: dict[str, dict[str, Any]] = {}


def parsed(name: str, seed) -> dict[str, Any]:
    if name not in _parsed:
        _parsed[name] = parse_file(seed).to_json()
    return _parsed[name]


def test_every_seed_has_a_fixture() -> None:
    assert {name for name, _, _ in CASES} >= {
        "2023-national-notice",
        "2023-hunan-province-plan",
        "2023-yongan-city-plan",
        "2022-hainan-province-notice",
        "2020-hubei-province-notice",
    }


@pytest.mark.parametrize(
    ("name", "seed", "field", "want"), FIELDS, ids=[f"{n}-{f}" for n, _, f, _ in FIELDS]
)
def test_seed_field(name: str, seed, field: str, want: Any) -> None:
    assert project(parsed(name, seed).get(field), want) == want


@pytest.mark.parametrize(("name", "seed", "expected"), CASES, ids=[c[0] for c in CASES])
def test_contract_keys_are_always_present(name: str, seed, expected: dict[str, Any]) -> None:
    result = parsed(name, seed)
    for key in (
        "doc_number",
        "issuers",
        "issue_date",
        "year",
        "level",
        "theme",
        "slogans",
        "activities",
        "report_deadline",
        "report_materials",
        "contacts",
        "co_organizers",
        "basis",
        "recipients",
        "sections",
    ):
        assert key in result
