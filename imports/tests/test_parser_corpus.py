"""The whole corpus of real documents (imports/corpus) read in CI, part by part, against a
floor a little under the figures reported in the README. The test and fresh5 parts are held
out: this test only compares their figures with the floor and never shows a miss."""

from __future__ import annotations

import pytest

from imports.parser.accuracy import CORPUS_DIR, evaluate_cases, load_cases

# A little under the figures the README reports (session 11): dev 0.974 (with fresh, fresh2 and
# fresh4 in it since session 11), the held-out test part 0.923, fresh5 (collected blind in
# session 11) 0.911; and for who runs the campaign, the field still under 0.75 on both held-out
# parts: test 0.732, fresh5 0.717 (dev 0.932). Session 16: test 0.923 (issuers 0.726), and
# fresh7, collected blind that session, 0.832 (issuers 0.532); fresh7 joined dev in session 17.
# Session 17: test 0.924 (issuers 0.726), fresh5 0.917 (0.717); fresh11, collected blind that
# session after fresh8 and fresh10 had been read once and joined dev, 0.937 (issuers 0.706);
# fresh11 joined dev in session 18. Session 18 (fresh12, collected blind at its start, read once
# mid-session and moved into dev): dev 0.978 (issuers 0.932), test 0.922 (0.731), fresh5 0.924
# (0.761), fresh13 (collected blind that session by level) 0.924 (0.833 on 12 campaign pages);
# fresh13 joined dev in session 19. Session 19 (fresh14 and fresh15 collected blind, each read
# once and moved into dev): dev 0.975 (issuers 0.930), test 0.928 (0.763), fresh5 0.930 (0.804).
FLOORS = {"dev": 0.97, "test": 0.92, "fresh5": 0.92}
ISSUER_FLOORS = {"dev": 0.92, "test": 0.75, "fresh5": 0.78}


@pytest.mark.parametrize(("part", "floor"), FLOORS.items())
def test_corpus_part_reads_at_least_its_floor(part: str, floor: float) -> None:
    cases = load_cases(CORPUS_DIR / part)
    assert cases, f"imports/corpus/{part} holds no gold files"
    overall = evaluate_cases(cases).overall()
    assert overall >= floor, f"{part}: {overall:.3f} < {floor}"


@pytest.mark.parametrize(("part", "floor"), ISSUER_FLOORS.items())
def test_corpus_part_reads_its_issuers_at_least_at_their_floor(part: str, floor: float) -> None:
    issuers = evaluate_cases(load_cases(CORPUS_DIR / part)).field_score("issuers")
    assert issuers >= floor, f"{part} issuers: {issuers:.3f} < {floor}"
