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
    assert header.level_from_text("江西省2023年“质量月”活动在吉安市启动。") == "province"


def test_theme_a_report_says_the_campaign_implements() -> None:
    line = "旨在深入贯彻“加强质量支撑,共建质量强国”的年度主题，增强全民质量意识。"
    assert rules.THEME_AROUND.search(line).group(1) == "加强质量支撑,共建质量强国"


def test_a_name_relative_to_its_province_in_the_fullest_form_the_text_gives() -> None:
    text = "河北省市场监督管理局局长介绍情况。"
    assert digest.fullest(["省市场监督管理局", "省委宣传部"], text) == [
        "河北省市场监督管理局",
        "省委宣传部",
    ]


def test_body_stays_the_subject_across_its_apposition() -> None:
    sentence = "某某市质量协会作为本地区质量月的承办单位之一，在今年全国“质量月”期间，将围绕质量提升开展活动。"
    assert digest.campaign_bodies(sentence) == (["某某市质量协会"], [])


def test_departments_a_body_leads_make_the_campaign_joint() -> None:
    sentence = "某某市市场监管局牵头组织二十多个市级部门开展“质量月”活动。"
    assert digest.campaign_bodies(sentence) == (["某某市市场监管局"], ["某某市市场监管局"])


def test_a_technical_institution_is_station_level() -> None:
    assert header.level_of_body("某某市计量检定测试所", "") == "station"


# --- the year, the theme and the disclosure label as other pages write them -----------------------


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("某某县市场监管局开展第45个“质量月”活动。", 2022),
        ("某某县市场监管局开展第四十五个“质量月”活动。", 2022),
        ("某某县市场监管局开展二〇二三年“质量月”活动。", 2023),
    ],
    ids=["ordinal", "ordinal-in-chinese", "year-in-chinese"],
)
def test_year_stated_as_the_campaigns_ordinal_or_in_chinese_numerals(line: str, year: int) -> None:
    assert parse_text(line).year == year


def test_theme_unquoted_after_a_colon_in_a_sentence() -> None:
    line = "某某县市场监管局开展“质量月”活动，活动主题为：质量提升 共建共享。"
    assert parse_text(line).theme == "质量提升 共建共享"


def test_lead_that_joins_others_after_its_own_verb() -> None:
    sentence = "河北省市场监督管理局牵头，会同省发展改革委等部门，开展全省“质量月”活动。"
    named = ["河北省市场监督管理局", "省发展改革委"]
    assert digest.campaign_bodies(sentence) == (named, named)


def test_issuing_body_on_a_disclosure_pages_own_line() -> None:
    text = "发布机构：河北省市场监督管理局\n河北省开展2023年“质量月”活动，各地同步启动。"
    assert parse_text(text).issuers == ["河北省市场监督管理局"]


@pytest.mark.parametrize(
    "sentence",
    [
        "为提升质量意识，某某市市场监管局决定在全市开展2023年“质量月”活动。",
        "某某市市场监管局结合实际，开展2023年“质量月”活动。",
        "某某市市场监管局积极组织开展2023年“质量月”活动。",
        "某某市市场监管局9月1日启动2023年“质量月”活动。",
        "今年以来，某某市市场监管局认真谋划，扎实开展“质量月”系列活动。",
    ],
    ids=["decided", "in-the-light-of", "adverb", "date", "planned-then-acted"],
)
def test_words_between_a_body_and_its_verb(sentence: str) -> None:
    assert digest.campaign_bodies(sentence) == (["某某市市场监管局"], [])


@pytest.mark.parametrize(
    "name", ["某某自治州市场监管局", "某某盟市场监督管理局", "某某地区市场监督管理局"]
)
def test_prefectures_that_are_not_called_shi_are_city_level(name: str) -> None:
    assert header.level_of_name(name) == "city"


def test_a_bureau_named_after_its_own_region_is_province_level() -> None:
    assert header.level_of_name("自治区市场监管局") == "province"


def test_a_national_notices_content_items_are_not_its_activities() -> None:
    text = (
        "市场监管总局关于开展2024年全国“质量月”活动的通知\n各省、自治区、直辖市市场监管局：\n"
        "一、活动主题\n加强质量支撑 共建质量强国\n二、活动内容\n"
        "（一）开展质量宣传。各地要广泛宣传。\n（二）推动质量提升。各地要组织企业开展质量改进。\n"
        "市场监管总局\n2024年8月1日\n"
    )
    result = parse_text(text)
    assert (result.level, result.activities) == ("national", [])


def test_a_municipalitys_own_bureau_in_the_long_form_the_text_gives() -> None:
    text = "信息来源:天津市市场监督管理局\n市市场监管局牵头组织开展“质量月”活动。"
    assert digest.fullest(["市市场监管局"], text) == ["天津市市场监督管理局"]


def test_a_breadcrumb_line_is_page_furniture() -> None:
    assert rules.BOILERPLATE_LINE.match("您当前所在位置: 首页>信息公开>产品质量监管")
    assert rules.BOILERPLATE_LINE.match("首页 > 新闻中心 > 工作动态")


def test_departments_listed_by_their_short_names_after_one_place() -> None:
    text = "湖南省质监、教育、科技等8个部门都安排了“质量月”活动。湖南省教育厅负责进校园。"
    named = ["质监", "湖南省教育厅", "科技"]
    assert digest.abbreviated_bodies(text.split("。"), text) == (named, named)


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        (
            "国家市场监督管理总局会同工业和信息化部等16个部门开展全国“质量月”活动。",
            "国家市场监督管理总局",
        ),
        ("国家质量监督检验检疫总局联合中宣部等部门开展“质量月”活动。", "国家质量监督检验检疫总局"),
        ("湖南省质量管理学会组织开展“质量月”活动。", "湖南省质量管理学会"),
    ],
    ids=["administration-in-full", "former-administration", "learned-society"],
)
def test_bodies_that_run_campaigns_by_their_full_names(sentence: str, lead: str) -> None:
    assert digest.campaign_bodies(sentence)[0][0] == lead


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("深入贯彻党的十八大和十八届三中、四中全会精神，开展质量月活动。", 2015),
        ("认真学习贯彻二十大精神，开展质量月活动。", 2023),
        ("深入贯彻党的十九届五中全会精神，开展质量月活动。", 2021),
    ],
    ids=["plenums-listed-together", "congress-without-dang-de", "plenum-in-october"],
)
def test_year_inferred_from_the_latest_congress_or_plenum_cited(text: str, year: int) -> None:
    assert header.infer_year(text)[0] == year


# --- report materials ----------------------------------------------------------------------------------


def test_a_document_named_in_guillemets_is_not_a_material_to_report() -> None:
    text = NOTICE.format(number="", date="2024年9月2日").replace(
        "请于10月10日前报送工作总结。", "各地要编制发布《质量状况分析报告》和《质量提升实施方案》。"
    )
    assert parse_text(text).report_materials == []


def test_taking_complaints_is_not_asking_for_a_report() -> None:
    text = NOTICE.format(number="", date="2024年9月2日").replace(
        "请于10月10日前报送工作总结。", "现场解答群众疑惑，按照活动方案受理质量投诉举报。"
    )
    assert parse_text(text).report_materials == []


def test_title_of_a_letter_soliciting_slogans_without_notice_or_letter() -> None:
    text = (
        "某某省质量协会面向社会公开征集 2025年“质量月”活动主题\n"
        "一、征集对象\n社会各界。\n二、征集要求\n请于6月30日前提交。\n"
    )
    assert parse_text(text).title == "某某省质量协会面向社会公开征集2025年“质量月”活动主题"


def test_co_hosts_of_a_meeting_are_not_co_organisers() -> None:
    sentence = "某某市市场监管局联合某某市工信局召开2023年“质量月”活动动员部署会。"
    assert digest.campaign_bodies(sentence) == (["某某市市场监管局"], [])
