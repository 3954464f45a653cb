"""One pattern, one input: the rules that read the genre beyond the seeds (issue #18) —
disclosure pages, mirrors, digests and news reports, partial copies, inferred years."""

from __future__ import annotations

import pytest

from imports.parser import NoticeParseError, digest, header, parse_text, rules, tables
from imports.parser.normalize import normalize, remove_junk

CAMPAIGN_NOTICE = """某某市市场监督管理局关于开展2024年“质量月”活动的通知
各县（市、区）市场监督管理局：
一、活动主题
加强质量支撑 共建质量强国
二、工作要求
请于10月10日前报送工作总结。
某某市市场监督管理局
2024年9月2日
"""


# --- the 文号 in parentheses under the title -----------------------------------------------------


def test_doc_number_in_parentheses_on_its_own_line_under_the_title() -> None:
    text = CAMPAIGN_NOTICE.replace("各县（市、区）", "（某市监发〔2024〕12号）\n各县（市、区）", 1)
    assert parse_text(text).doc_number == "某市监发〔2024〕12号"


# --- the disclosure page's metadata table ---------------------------------------------------------


def test_disclosure_table_gives_title_number_and_date() -> None:
    table = (
        "索引号: | 1115/202209-00022 | 组配分类: | 产品质量 |\n"
        "名称: | 某某市市场监管局关于开展2022年“质量月”活动的通知 | 文号: | 某市监质字〔2022〕5号 |\n"
        "成文日期: | 2022-09-02 | 发布日期: | 2022-09-05 |\n"
    )
    body = "各县市区市场监管局：\n现将有关事项通知如下。\n一、活动主题\n推动质量变革创新 促进质量强国建设\n"
    result = parse_text(table + body)
    assert (result.title, result.doc_number, result.issue_date) == (
        "某某市市场监管局关于开展2022年“质量月”活动的通知",
        "某市监质字〔2022〕5号",
        "2022-09-02",
    )
    assert result.issuers == ["某某市市场监管局"]


# --- themes -----------------------------------------------------------------------------------------


def test_theme_quoted_inside_a_sentence() -> None:
    text = CAMPAIGN_NOTICE.replace(
        "一、活动主题\n加强质量支撑 共建质量强国\n",
        "今年质量月活动的主题是：'加强质量支撑 共建质量强国'，各地要广泛宣传。\n",
    )
    assert parse_text(text).theme == "加强质量支撑 共建质量强国"


def test_theme_two_lines_below_its_heading() -> None:
    text = CAMPAIGN_NOTICE.replace(
        "一、活动主题\n加强质量支撑 共建质量强国\n",
        "一、活动主题\n2024年全国“质量月”活动的主题是:“加强质量支撑 共建质量强国”\n",
    )
    assert parse_text(text).theme == "加强质量支撑 共建质量强国"


def test_theme_a_report_says_the_campaign_runs_around() -> None:
    line = "今年“质量月”期间，我县将围绕“建设质量强县,决胜全面小康”主题，开展系列活动。"
    assert rules.THEME_AROUND.search(line).group(1) == "建设质量强县,决胜全面小康"


# --- mirror junk -------------------------------------------------------------------------------------


def test_pinyin_after_characters_is_removed_but_not_latin_in_brackets() -> None:
    cleaned, removed = remove_junk("推动质量变革创(chuàng)新，國(guó)家标准GB(ISO)的(de)要求")
    assert (cleaned, removed) == ("推动质量变革创新，國家标准GB(ISO)的要求", True)


def test_spam_words_injected_by_a_mirror_are_removed() -> None:
    cleaned, _ = remove_junk("深入贯彻365体育投注新时代中国特色社会主义思想")
    assert cleaned == "深入贯彻新时代中国特色社会主义思想"


def test_elision_line_is_dropped_with_a_warning() -> None:
    norm = normalize("一、活动主题\n……\n二、主要活动\n")
    assert norm.lines == ["一、活动主题", "二、主要活动"]
    assert any("省略" in w for w in norm.warnings)


def test_traditional_digest_is_read_in_simplified_characters() -> None:
    result = parse_text("安徽「質量月」活動下周啟動\n安徽省市場監督管理局將組織開展質量月活動。")
    assert result.issuers == ["安徽省市场监督管理局"]
    assert result.original_text is not None


# --- tables flattened by a web copy -----------------------------------------------------------------


def test_table_copied_cell_by_cell_becomes_rows() -> None:
    lines = ["|", "序号", "|", "活动内容", "|", "|", "1", "|", "质量宣传", "|", "正文"]
    assert tables.unflatten(lines) == ["序号\t活动内容", "1\t质量宣传", "正文"]


def test_table_rows_on_one_line_each_become_rows() -> None:
    assert tables.unflatten(["序号 | 活动内容 | 牵头 |", "1 | 质量宣传 | 质量股 |"]) == [
        "序号\t活动内容\t牵头",
        "1\t质量宣传\t质量股",
    ]


def test_page_title_with_pipes_is_not_a_table_row() -> None:
    line = "关于开展2024年“质量月”活动的通知 | 某某市人民政府 | 首页"
    assert tables.unflatten([line, "正文。"]) == [line, "正文。"]


def test_activity_table_with_a_helping_unit_column() -> None:
    text = CAMPAIGN_NOTICE.replace(
        "二、工作要求",
        "二、活动安排\n|\n序号\n|\n活动内容\n|\n活动时间\n|\n牵头部门\n|\n协助部门\n|\n|\n1\n|\n"
        "组织企业参加首席质量官培训\n|\n9月\n|\n质量股\n|\n各市场监督管理所\n|\n三、工作要求",
    )
    [activity] = parse_text(text).activities
    assert (activity.title, activity.lead, activity.support) == (
        "组织企业参加首席质量官培训",
        ["质量股"],
        ["各市场监督管理所"],
    )


# --- activities enumerated inside a paragraph --------------------------------------------------------


def test_activities_numbered_inside_a_paragraph_with_the_lead_unit_at_the_end() -> None:
    text = CAMPAIGN_NOTICE.replace(
        "二、工作要求",
        "二、主要活动\n一是举办质量月启动仪式（质量发展科牵头）；二是开展质量开放日活动（计量所负责）。\n"
        "三、工作要求",
    )
    assert [(a.title, a.lead) for a in parse_text(text).activities] == [
        ("举办质量月启动仪式", ["质量发展科"]),
        ("开展质量开放日活动", ["计量所"]),
    ]


# --- digests and news reports -------------------------------------------------------------------------


def test_news_report_about_a_campaign_is_read_with_a_warning_not_refused() -> None:
    result = parse_text(
        "奉贤“质量月”活动正式启动\n9月2日下午，2021年奉贤区“质量月”活动在柘林镇正式启动。"
        "本次活动由奉贤区质量工作领导小组办公室主办。"
    )
    assert (result.year, result.level) == (2021, "county")
    assert any("摘要" in w for w in result.warnings)


def test_article_about_quality_month_in_general_is_refused() -> None:
    with pytest.raises(NoticeParseError, match="无法识别为“质量月”活动通知或方案"):
        parse_text(
            "9月质量月\n质量月活动始于1978年，是在国家质检总局的倡导和部署下开展的质量专题活动。"
        )


def test_notice_of_another_campaign_is_refused() -> None:
    text = CAMPAIGN_NOTICE.replace("“质量月”活动", "质量强县示范城市创建").replace(
        "加强质量支撑 共建质量强国", "质量立县"
    )
    with pytest.raises(NoticeParseError):
        parse_text(text)


def test_joint_bodies_named_in_a_digest_are_issuers_and_co_organisers() -> None:
    sentence = (
        "市场监管总局、发展改革委、工业和信息化部等16个部门定于2020年9月联合开展全国“质量月”活动。"
    )
    assert digest.campaign_bodies(sentence) == (
        ["市场监管总局", "发展改革委", "工业和信息化部"],
        ["市场监管总局", "发展改革委", "工业和信息化部"],
    )


def test_superior_a_digest_cites_is_not_its_issuer() -> None:
    sentence = "按照市场监管总局等21个部门开展全国“质量月”活动的通知要求，我市开展质量月活动。"
    assert digest.campaign_bodies(sentence) is None


def test_title_a_digest_quotes_is_the_title() -> None:
    line = "活动前期，该局制定了《徐闻县市场监督管理局2023年“质量月”活动安排表》，对任务分工。"
    assert header.cited_title(line) == "徐闻县市场监督管理局2023年“质量月”活动安排表"


# --- levels ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("市场监管总局", "national"),
        ("江苏省市场监督管理局", "province"),
        ("福建省三明市市场监督管理局", "city"),
        ("奉贤区质量工作领导小组办公室", "county"),
    ],
)
def test_level_read_off_the_issuers_name(name: str, level: str) -> None:
    assert header.level_of_name(name) == level


def test_level_of_a_report_that_names_only_its_own_territory() -> None:
    assert header.level_from_text("今天，我市启动2019年全国质量月暨质量开放日活动。") == "city"


def test_level_of_a_report_ignores_the_superior_it_cites() -> None:
    text = "按照市场监管总局的通知要求，岱山县市场监管局开展“质量月”活动。"
    assert header.level_from_text(text) == "county"


# --- years ------------------------------------------------------------------------------------------------


def test_year_inferred_from_the_national_theme_is_flagged() -> None:
    text = "质量月活动\n近日，省检验检测认证总院以“推动质量变革创新 促进质量强国建设”为主题开展开放日活动。"
    result = parse_text(text)
    assert result.year == 2022
    assert "year" in result.uncertain
    assert any("推断" in w for w in result.warnings)


def test_year_inferred_from_the_plenum_cited() -> None:
    assert header.infer_year("深入贯彻党的二十届三中全会精神，开展质量月活动。")[0] == 2024


def test_stated_year_is_not_flagged() -> None:
    assert "year" not in parse_text(CAMPAIGN_NOTICE).uncertain


# --- partial documents -------------------------------------------------------------------------------------


def test_text_cut_mid_sentence_gives_what_it_holds_with_a_warning() -> None:
    result = parse_text(
        CAMPAIGN_NOTICE + "三、其他\n各地要结合实际，认真组织开展质量宣传、质量提升和"
    )
    assert result.theme == "加强质量支撑 共建质量强国"
    assert any("中断" in w for w in result.warnings)


# --- more of the genre --------------------------------------------------------------------------------


def test_organisers_a_report_states_outright() -> None:
    sentence = "此次活动由某某省市场监管局、某某省发展改革委联合指导。"
    assert digest.campaign_bodies(sentence) == (
        ["某某省市场监管局", "某某省发展改革委"],
        ["某某省市场监管局", "某某省发展改革委"],
    )


def test_co_hosts_of_the_launch_a_report_is_about_are_not_co_organisers() -> None:
    # The gold convention (imports/corpus/README.md): the issuer is the host of the campaign's
    # own area, here 福州市's campaign.
    text = (
        "2021年福州市“质量月”活动正式启动。"
        "本次活动由福建省市场监督管理局、福州市市场监督管理局联合主办。"
    )
    assert digest.campaign_bodies(text) == (["福州市市场监督管理局"], [])


def test_body_that_runs_the_campaign_with_a_number_of_departments() -> None:
    sentence = (
        "活动期间，自治区市场监管局将联合自治区党委宣传部、发改委等25个部门，在全区开展活动。"
    )
    # Run jointly: every named body issues it and co-organises it, lead first, as written.
    named = ["自治区市场监管局", "自治区党委宣传部", "发改委"]
    assert digest.campaign_bodies(sentence) == (named, named)


def test_campaign_of_bodies_of_two_levels_is_the_lower_levels() -> None:
    assert header.level_of_bodies(["福建省市场监督管理局", "福州市市场监督管理局"], "") == "city"


def test_whole_region_of_an_autonomous_region_is_province_level() -> None:
    assert header.level_from_text("广西壮族自治区启动质量月活动，全区各地同步开展。") == "province"


def test_report_of_a_plan_being_issued_is_about_a_plan() -> None:
    assert header.kind(None, "金华市质监局等12个部门联合印发2017年全市质量月活动方案。") == "plan"


def test_schedule_title_is_a_plan() -> None:
    assert header.kind("某县市场监督管理局2023年“质量月”活动安排表") == "plan"


def test_deadline_of_a_letter_soliciting_slogans() -> None:
    text = CAMPAIGN_NOTICE.replace("请于10月10日前报送工作总结。", "投稿截止日:2020年6月24日")
    assert parse_text(text).report_deadline == "06-24"


def test_issuer_right_above_the_number_in_a_letters_web_copy() -> None:
    text = (
        "关于请提供2024年全国“质量月”活动主题建议的函\n2024-03-20\n中国建筑业协会质量分会\n"
        "建协质函〔2024〕3号\n各有关单位：\n请于3月27日前将相关材料反馈至我会。\n"
    )
    result = parse_text(text)
    assert (result.title, result.doc_number, result.issuers) == (
        "关于请提供2024年全国“质量月”活动主题建议的函",
        "建协质函〔2024〕3号",
        ["中国建筑业协会质量分会"],
    )
    assert result.report_deadline == "03-27"


def test_question_and_answer_page_listing_themes_is_refused() -> None:
    with pytest.raises(NoticeParseError):
        parse_text(
            "质量月主题是什么\n以下是近年来部分年份“质量月”的主题汇总：\n"
            "2021 “深入实施质量提升行动 大力推进质量强国建设”\n"
            "从这些主题可以看出，质量月的核心始终围绕着质量提升。"
        )


def test_punctuation_a_mirror_doubled_is_collapsed() -> None:
    assert remove_junk("由福建省市场监管局,、福州市市场监管局联合主办,。")[0] == (
        "由福建省市场监管局、福州市市场监管局联合主办。"
    )


def test_source_line_of_a_news_page_names_no_issuer() -> None:
    # The gold convention (imports/corpus/README.md): a unit named only as the news source is
    # not an issuer.
    text = "2022年北京市“质量月”活动正式启动\n信息来源:北京市市场监督管理局\n9月1日起我市将开展质量月活动。"
    assert parse_text(text).issuers == []


def test_bureau_that_led_the_campaign_in_a_report() -> None:
    sentence = "近日，伊春市质监局牵头组织了主题为“迈向质量时代”的“质量月”集中宣传活动。"
    assert digest.campaign_bodies(sentence) == (["伊春市质监局"], [])


def test_level_of_the_place_a_headline_says_runs_the_campaign() -> None:
    assert header.level_from_text("陇南市宕昌县开展2016年“质量月”宣传活动\n正文。") == "county"


@pytest.mark.parametrize(
    ("name", "level"),
    [("质检总局", "national"), ("自治区市场监管局", "province"), ("区市场监管局", "county")],
)
def test_level_of_a_body_named_relative_to_its_territory(name: str, level: str) -> None:
    assert header.level_of_body(name, "") == level


def test_superior_notice_cited_as_the_basis_is_not_the_title() -> None:
    line = (
        "按照市场监管总局等16个部门联合印发《关于开展2020年全国“质量月”活动的通知》要求，我县开展。"
    )
    assert header.cited_title(line) is None
