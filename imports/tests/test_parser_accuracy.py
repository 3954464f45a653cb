"""The accuracy report: refusals scored as a field, held-out misses never printed."""

from __future__ import annotations

import json
from pathlib import Path

from imports.parser.accuracy import evaluate_cases, format_report, load_cases, same_unit

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


def test_a_short_form_names_the_same_unit_as_its_long_form() -> None:
    assert same_unit("青海省市场监管局", "青海省市场监督管理局")


def test_a_fibre_inspection_body_by_its_short_name_is_the_same_unit() -> None:
    assert same_unit("福建省纤检中心", "福建省纤维检验中心")
    assert not same_unit("福建省纤检中心", "福建省计量中心")


def test_the_places_generic_marker_names_that_places_unit() -> None:
    assert same_unit("省市场监管局", "青海省市场监督管理局")


def test_a_county_unit_without_its_province_and_city_is_the_same_unit() -> None:
    assert same_unit("临漳县质监局", "河北省邯郸市临漳县质量技术监督局")


def test_a_unit_after_its_provinces_short_name_is_the_same_unit() -> None:
    assert same_unit("内蒙古鄂托克前旗市场监督管理局", "鄂托克前旗市场监督管理局")
    assert not same_unit("内蒙古市场监督管理局", "市场监督管理局")


def test_a_province_by_its_short_name_is_that_province() -> None:
    assert same_unit("天津市场监管委", "天津市市场监管委")
    assert same_unit("广西质监局", "广西壮族自治区质量技术监督局")
    assert not same_unit("天津市场监管委", "天津市委")


def test_the_national_administration_with_or_without_guojia_is_one_unit() -> None:
    assert same_unit("市场监管总局", "国家市场监督管理总局")


def test_two_places_bureaus_are_not_the_same_unit() -> None:
    assert not same_unit("福建省市场监督管理局", "三明市市场监督管理局")
    assert not same_unit("省市场监管局", "市市场监管局")


def test_a_bare_body_names_no_place_and_matches_none() -> None:
    assert not same_unit("市场监督管理局", "三明市市场监督管理局")


def test_unit_names_score_leniently_and_strictly_apart(tmp_path: Path) -> None:
    text = "青海省市场监督管理局关于开展2023年“质量月”活动的通知\n"
    gold(tmp_path, "notice", text, {"expected": {"issuers": ["省市场监管局"]}})
    report = evaluate_cases(load_cases(tmp_path))
    assert report.per_field["issuers"] == [1.0]
    assert report.strict["issuers"] == [0.0]


REPORT = (
    "9月5日，长沙市2024年“质量月”活动在五一广场启动。长沙市质量强市工作领导小组办公室、"
    "长沙市教育局等单位在现场设立咨询台，向市民宣传质量知识。"
)


def test_a_wrong_issuer_counts_as_offered_when_the_right_unit_is_among_the_offers(
    tmp_path: Path,
) -> None:
    gold(tmp_path, "a", REPORT, {"expected": {"issuers": ["长沙市教育局"]}})
    gold(tmp_path, "b", REPORT, {"expected": {"issuers": ["长沙市发展和改革委员会"]}})
    report = evaluate_cases(load_cases(tmp_path))
    assert report.per_field["issuers"] == [0.0, 0.0]
    assert report.offered == [True, False]
    assert "offered beside them: 1/2" in format_report("dev", report, show_misses=False)
