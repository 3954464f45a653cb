"""One pattern, one invented input (issue #18, session 9): whether a web page is about a campaign
at all, and which year it is about when a mirror or a portal wraps it in dates of its own."""

from __future__ import annotations

import pytest

from imports.parser import NoticeParseError, parse_text
from imports.parser.header import infer_year
from imports.parser.structure import segment

# --- about a campaign or not ------------------------------------------------------------------------


def assert_refused(page: str) -> None:
    with pytest.raises(NoticeParseError) as caught:
        parse_text(page)
    assert caught.value.code == "not_a_notice"


def test_a_ministrys_own_sector_campaign_is_read_not_refused() -> None:
    page = (
        "2030年全国住房和城乡建设系统“质量月”启动暨现场观摩活动在某市举行\n"
        "9月7日，住房和城乡建设部在某省某市举办全国住房和城乡建设系统“质量月”启动暨现场观摩活动。\n"
    )
    assert parse_text(page).year == 2030


def test_a_companys_own_quality_month_followed_by_the_history_is_refused() -> None:
    # The only body the page names is the 1978 one of the history: no campaign is reported.
    page = (
        "为提升全员质量意识，某某科技于9-10月开展一系列的“质量月”活动，本次质量月活动主题为“质优为荣”。\n"
        "我国的质量月活动始于1978年。为此，原国家经委于1978年6月24日向全国发出了通知。\n"
    )
    assert_refused(page)


def test_a_review_of_other_work_naming_the_campaign_only_at_its_end_is_refused() -> None:
    page = (
        "某某省“质量强省”工作见成效\n"
        "来源：某某省质监局\n"
        "某某省深入贯彻《质量发展纲要》，全面深化质量工作改革，加快构建政府主导、企业主体、"
        "部门协作和社会参与相结合的大质量工作格局。\n"
        "一是将质量工作纳入议事日程，摆上重要位置，制定实施了年度行动计划，全省有5个市开展"
        "质量强市活动。\n"
        "二是实施质量考核，对全省13个市的质量工作进行考核，考核结果纳入政府绩效，促进质量工作"
        "深入开展。\n"
        "三是广泛开展群众性质量活动，开展“质量月”进校园活动。\n"
    )
    assert_refused(page)


# --- the year ---------------------------------------------------------------------------------------


def test_a_local_variant_of_the_national_theme_gives_its_year() -> None:
    assert infer_year("以“迈向质量时代 建设质量强县”为主题开展质量月活动。")[0] == 2015


def test_the_years_theme_wins_over_a_miscounted_campaign_number() -> None:
    page = (
        "某某省质监局召开“质量月”新闻发布会\n"
        "记者从某某省质监局获悉，该局将开展一系列“质量月”活动。\n"
        "今年是全国第25个“质量月”活动，主题为：推动“三个转变”，建设质量强国。\n"
    )
    result = parse_text(page)
    assert result.year == 2014
    assert "year" in result.uncertain


def test_a_column_of_dates_under_the_text_does_not_sign_it() -> None:
    lines = [
        "某某区开展“质量月”宣传活动。",
        "栏目导航",
        "更多>2022-09-10",
        "2021-10-28",
        "2018-10-08",
    ]
    assert segment(lines).signature_date is None


def test_a_column_of_dates_is_not_the_pages_date() -> None:
    text = "某某区开展“质量月”宣传活动。\n栏目导航\n更多>2022-09-10\n2021-10-28\n2018-10-08\n"
    assert infer_year(text) == (None, "")


def test_a_pages_own_date_line_still_gives_its_year() -> None:
    text = "某某区开展“质量月”宣传活动\n发布时间：2019-09-12 来源：某某区\n某某区开展宣传活动。\n"
    assert infer_year(text)[0] == 2019


# --- what a report says the campaign is and does ----------------------------------------------------


def test_a_report_that_a_plan_was_released_at_a_meeting_is_about_a_plan() -> None:
    report = (
        "某某市质监局召开会议。\n会议发布了2030年某某市“质量月”活动方案，表彰了一批质量先进单位。\n"
    )
    assert parse_text(report).kind == "plan"


def test_the_plan_a_report_says_was_read_out_gives_the_title() -> None:
    report = (
        "某某县召开质量强县工作会议。\n县市场局负责同志宣读了《2030年全县“质量月”活动方案》。\n"
    )
    result = parse_text(report)
    assert (result.title, result.kind) == ("2030年全县“质量月”活动方案", "plan")


def test_quoted_words_this_theme_points_at_are_the_theme() -> None:
    report = "某某县质监局在质量月期间开展宣传，生动演绎“质量安全是社会和谐的基础”这一主题。"
    assert parse_text(report).theme == "质量安全是社会和谐的基础"


def test_items_numbered_yi_dun_after_a_lead_in_naming_the_activities_are_read() -> None:
    report = (
        "某某州于9月1日启动“质量月”活动，将在全州开展系列活动：\n"
        "一、深入开展质量宣传活动。组织宣传咨询活动。\n"
        "二、推广先进质量管理方法。举办专题讲座。\n"
    )
    titles = [a.title for a in parse_text(report).activities]
    assert titles == ["深入开展质量宣传活动", "推广先进质量管理方法"]


def test_a_plan_made_according_to_a_superiors_requirements_still_announces_its_items() -> None:
    report = (
        "根据省局开展质量月活动的要求，某某区质监局制定质量月活动实施方案。\n"
        "一是组织开展质量宣传活动，设立咨询服务台。\n"
        "二是开展质监热线宣传活动。\n"
    )
    assert len(parse_text(report).activities) == 2


def test_a_speechs_numbered_requirements_are_no_activities() -> None:
    report = (
        "某某区质监局召开质量月活动动员会，局长就做好质量月活动提出要求：\n"
        "一是提高认识，加强领导。\n"
        "二是突出重点，务求实效。\n"
    )
    assert parse_text(report).activities == []


def test_a_talk_given_at_the_launch_is_no_material_to_report() -> None:
    report = (
        "某某部在某市举办“质量月”启动活动。本次活动邀请了院士作专题报告，"
        "部分省、市代表交流了经验做法。"
    )
    assert parse_text(report).report_materials == []
