"""The accuracy report: refusals scored as a field, held-out misses never printed."""

from __future__ import annotations

import json
from pathlib import Path

from imports.parser.accuracy import evaluate_cases, format_report, load_cases

NOTICE = "某某县市场监督管理局关于开展2024年“质量月”活动的通知\n一、活动主题\n加强质量支撑 共建质量强国\n"
RECIPE = "番茄炒蛋：先把鸡蛋打散，再把番茄切块。"


def gold(directory: Path, name: str, text: str, data: dict) -> None:
    (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    (directory / f"{name}.json").write_text(
        json.dumps({"seed": f"{name}.txt", **data}, ensure_ascii=False), encoding="utf-8"
    )


def test_refusal_is_scored_right_when_the_parser_refuses_a_page_gold_marks_refuse(
    tmp_path: Path,
) -> None:
    gold(tmp_path, "recipe", RECIPE, {"refuse": True})
    report = evaluate_cases(load_cases(tmp_path))
    assert report.per_field == {"refuse": [1.0]}


def test_a_refused_campaign_document_scores_nothing(tmp_path: Path) -> None:
    gold(tmp_path, "recipe", RECIPE, {"expected": {"theme": "加强质量支撑 共建质量强国"}})
    report = evaluate_cases(load_cases(tmp_path))
    assert report.per_field == {"refuse": [0.0], "theme": [0.0]}


def test_held_out_report_gives_figures_without_misses(tmp_path: Path) -> None:
    gold(tmp_path, "notice", NOTICE, {"expected": {"theme": "别的主题", "level": "county"}})
    report = evaluate_cases(load_cases(tmp_path))
    shown = format_report("test", report, show_misses=True)
    held_out = format_report("test", report, show_misses=False)
    assert "notice: theme" in shown
    assert "notice" not in held_out and "theme" in held_out
