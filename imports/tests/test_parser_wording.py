"""One pattern, one invented input: phrasings of the genre the development corpus does not hold
(issue #18, second pass), so that the rules read the genre rather than the corpus — other ways of
writing 质量月 and dates and 文号, and the sentences in which a digest says who runs a campaign,
read to the gold conventions of imports/corpus/README.md."""

from __future__ import annotations

import pytest

from imports.parser import NoticeParseError, digest, header, parse_text, rules

NOTICE = """某某市市场监督管理局关于开展2024年“质量月”活动的通知
{number}
各县（市、区）市场监督管理局：
一、活动主题
加强质量支撑 共建质量强国
二、工作要求
请于10月10日前报送工作总结。
某某市市场监督管理局
{date}
"""


# --- a page about a campaign in an unusual wording is read, not refused ----------------------------


@pytest.mark.parametrize(
    "line",
    [
        "某某县市场监管局开展2023年 质 量 月 活动，组织企业开展质量宣传。",
        "某某县市场监管局部署开展“质量活动月”，组织全县企业开展质量宣传。",
        "某某县市場監管局開展「質量月」活動，組織企業開展質量宣傳。",
        "某某县市场监管局在质量月期间举办质量开放日活动，邀请市民参观实验室。",
    ],
    ids=["spaced", "quality-activity-month", "traditional", "open-day-during-the-month"],
)
def test_a_page_about_a_campaign_in_other_words_is_read_not_refused(line: str) -> None:
    assert parse_text(line).issuers == ["某某县市场监管局"]


def test_text_that_is_not_about_a_campaign_is_still_refused() -> None:
    with pytest.raises(NoticeParseError):
        parse_text("某某县市场监管局开展食品安全宣传周活动，组织企业开展宣传。")


# --- 成文日期 and 文号 in all their written forms ------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "2021年8月30日",
        "2021-08-30",
        "2021.8.30",
        "2021/8/30",
        "二〇二一年八月三十日",
        "2021年8月30号",
    ],
)
def test_signature_date_in_any_written_form(written: str) -> None:
    assert parse_text(NOTICE.format(number="", date=written)).issue_date == "2021-08-30"


@pytest.mark.parametrize(
    "number",
    [
        "某市监发〔2024〕12号",
        "某市监发[2024]12号",
        "某市监发（2024）12号",
        "某市监发【2024】12号",
        "某市监发〔2024〕第12号",
    ],
)
def test_document_number_in_any_bracket(number: str) -> None:
    assert parse_text(NOTICE.format(number=number, date="2024年9月2日")).doc_number == number


# --- who runs the campaign, from a digest's sentence ----------------------------------------------------


def test_organisers_listed_under_the_campaigns_label_issue_it_jointly() -> None:
    text = "2016年全国“质量月”活动主办单位：\n某某总局、某某部、某某委员会\n"
    named = ["某某总局", "某某部", "某某委员会"]
    assert digest.listed_organisers(text.splitlines()) == named


def test_a_web_pages_footer_organiser_is_not_a_campaign_list() -> None:
    assert rules.ORGANISERS_LABEL.search("主办单位：某某市市场监督管理局") is None


def test_body_acting_with_departments_named_as_such() -> None:
    sentence = "市场监管总局会同科技部、公安部等部门，共同开展全国“质量月”活动。"
    named = ["市场监管总局", "科技部", "公安部"]
    assert digest.campaign_bodies(sentence) == (named, named)


def test_bodies_joined_after_the_lead_verb_run_it_too() -> None:
    sentence = "此次活动由某某区市场监管局牵头，联合区工信局、区商务局等8家单位，开展质量帮扶。"
    named = ["某某区市场监管局", "区工信局", "区商务局"]
    assert digest.campaign_bodies(sentence) == (named, named)


def test_body_acting_with_unnamed_departments_co_organises_alone() -> None:
    sentence = "河北省质量工作领导小组办公室联合相关部门在全省共同开展“质量月”活动。"
    named = ["河北省质量工作领导小组办公室"]
    assert digest.campaign_bodies(sentence) == (named, named)


def test_bodies_joined_by_ji() -> None:
    sentence = "某某市市场监管局暨某某市质量强市办公室联合开展“质量月”活动。"
    named = ["某某市市场监管局", "某某市质量强市办公室"]
    assert digest.campaign_bodies(sentence) == (named, named)


def test_co_hosts_of_a_launch_ceremony_are_not_co_organisers() -> None:
    sentence = "某某省市场监管局、某某市市场监管局联合在某某市会展中心举办“质量月”活动启动仪式。"
    assert digest.campaign_bodies(sentence)[1] == []


def test_co_hosts_of_a_street_event_are_not_co_organisers() -> None:
    sentence = (
        "某某市质量强市办公室联合某某县质量强县办公室及相关部门，在县城人民广场开展“质量月”宣传。"
    )
    assert digest.campaign_bodies(sentence)[1] == []


def test_a_lead_that_does_not_repeat_the_campaigns_name() -> None:
    text = "某某省2019年“质量月”活动下周启动。\n某某省市场监督管理局本月将在全省组织开展一系列质量文化教育活动。"
    assert digest.campaign_bodies(text) == (["某某省市场监督管理局"], [])


# --- level and theme ---------------------------------------------------------------------------------


def test_bureau_with_gu_offices_is_county_level() -> None:
    text = NOTICE.format(number="", date="2024年9月2日").replace(
        "各县（市、区）市场监督管理局：", "机关各股室、各分局："
    )
    assert parse_text(text).level == "county"


def test_generic_bureau_name_without_its_place_is_no_issuer() -> None:
    text = NOTICE.format(number="", date="2024年9月2日").replace(
        "某某市市场监督管理局", "市场监督管理局"
    )
    assert parse_text(text).issuers == []


def test_level_from_the_place_whose_campaign_a_report_is_about() -> None:
    assert header.level_from_text("某某省2023年“质量月”活动在某某市启动。") == "province"


def test_theme_a_report_says_the_campaign_implements() -> None:
    line = "旨在深入贯彻“加强质量支撑,共建质量强国”的年度主题，增强全民质量意识。"
    assert rules.THEME_AROUND.search(line).group(1) == "加强质量支撑,共建质量强国"


def test_a_name_relative_to_its_province_in_the_fullest_form_the_text_gives() -> None:
    text = "河北省市场监督管理局局长介绍情况。"
    assert digest.fullest(["省市场监督管理局", "省委宣传部"], text) == [
        "河北省市场监督管理局",
        "省委宣传部",
    ]
