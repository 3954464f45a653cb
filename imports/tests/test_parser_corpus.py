"""The whole corpus of real documents (imports/corpus) read in CI, part by part, against a
floor a little under the figures reported in the README. The test and fresh parts are held
out (fresh2 and fresh4 too): this test only compares their overall figures with the floor and never shows a miss."""

from __future__ import annotations

import pytest

from imports.parser.accuracy import CORPUS_DIR, evaluate_cases, load_cases

# A little under the figures the README reports (session 9): dev 0.99, the held-out test part
# 0.92, the fresh part (collected after the session-7 rules, blind to the parser) 0.90, fresh2
# (collected in session 8, blind) 0.91, fresh4 (collected in session 9, blind) 0.91.
DEV_FLOOR = 0.97
TEST_FLOOR = 0.90
FRESH_FLOOR = 0.88
FRESH2_FLOOR = 0.89
FRESH4_FLOOR = 0.89


@pytest.mark.parametrize(
    ("part", "floor"),
    [
        ("dev", DEV_FLOOR),
        ("test", TEST_FLOOR),
        ("fresh", FRESH_FLOOR),
        ("fresh2", FRESH2_FLOOR),
        ("fresh4", FRESH4_FLOOR),
    ],
)
def test_corpus_part_reads_at_least_its_floor(part: str, floor: float) -> None:
    cases = load_cases(CORPUS_DIR / part)
    assert cases, f"imports/corpus/{part} holds no gold files"
    overall = evaluate_cases(cases).overall()
    assert overall >= floor, f"{part}: {overall:.3f} < {floor}"
