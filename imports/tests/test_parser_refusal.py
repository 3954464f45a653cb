"""One pattern, one invented input (issue #18, session 7): refuse only text that is not about a
campaign at all; read the rest of the genre — reports naming their body in a short form, years
from page stamps, themes after a dash, a plan read out at a launch, a site menu above the title —
to the gold conventions of imports/corpus/README.md."""

from __future__ import annotations

import pytest

from imports.parser import NoticeParseError, parse_text
from imports.parser.normalize import normalize

# --- refusal: pages that name 质量月 but report no campaign ---------------------------------------


def test_a_history_of_the_campaign_naming_its_hosts_is_refused() -> None:
    page = (
        "科普知识：全国“质量月”的由来\n"
        "我国“质量月”活动始于1978年，每年9月开展。\n"
        "国家质检总局成立以后，全国“质量月”活动由国家质检总局、中华全国总工会共同主办。\n"
        "世界上第一个质量月活动起源于日本，1988年10月美国也开始了全国“质量月”活动。\n"
    )
    with pytest.raises(NoticeParseError) as caught:
        parse_text(page)
    assert caught.value.code == "not_a_notice"


_OTHER_WORK = (
    "9月26日，省纤检局宜昌分局工作人员走进宜昌市青少年综合实践学校，为近400名学生讲解纤维知识。\n"
    "学生们首先在横幅上签名留念，写下自己的心愿，随后分组参观了纤维检验的各个实验环节和设备。\n"
    "工作人员围绕认识纤维、从纤维到成衣的过程、校服的前世今生等内容展开讲解，并现场演示检验。\n"
)


def test_a_page_naming_the_campaign_only_at_the_end_among_other_work_is_refused() -> None:
    with pytest.raises(NoticeParseError):
        parse_text(_OTHER_WORK + "今年以来，该局还参与了2024年“质量月”等多项工作。\n")


def test_a_page_whose_own_event_is_one_of_the_campaigns_is_read() -> None:
    late = "据了解，此次“质量知识校园行”活动是2024年宜昌市“质量月”主要活动之一。\n"
    assert parse_text(_OTHER_WORK + late).year == 2024


def test_a_page_quoting_the_definition_that_names_this_years_campaign_is_read() -> None:
    page = (
        "我国“质量月”活动始于1978年，每年9月开展。\n"
        "今年“质量月”期间，某某市市场监督管理局将开展质量宣传活动。\n"
    )
    assert parse_text(page).issuers == ["某某市市场监督管理局"]


def test_a_quality_city_plan_that_names_the_campaign_among_its_tasks_is_refused() -> None:
    plan = (
        "某某市人民政府办公室关于印发某某市创建质量强市示范城市工作方案的通知\n"
        "某政办〔2012〕34号\n"
        "各县（市、区）人民政府，市政府各部门：\n"
        "现将《某某市创建质量强市示范城市工作方案》印发给你们，请认真贯彻执行。\n"
        "一、工作目标\n"
        "质量发展水平明显提升。\n"
        "二、主要任务\n"
        "组织开展“质量月”、“世界标准日”等群众性质量活动。\n"
        "某某市人民政府办公室\n"
        "2012年11月26日\n"
    )
    with pytest.raises(NoticeParseError, match="只在其他工作中提到了“质量月”") as caught:
        parse_text(plan)
    assert caught.value.code == "not_a_notice"


def test_a_page_naming_the_campaign_only_in_a_bodys_name_is_refused() -> None:
    page = "某某促进会2008年质量万里行出征仪式在京举行，全国质量月活动领导小组成员单位代表出席。"
    with pytest.raises(NoticeParseError):
        parse_text(page)


@pytest.mark.parametrize(
    "line",
    [
        "沅江市市监局联合15个部门开展“质量月”一条街集中宣传活动。",
        "质监阎良分局在千禧广场开展“质量月”宣传咨询服务活动。",
        "县政府在民生广场开展“质量月”宣传活动。",
        "市质强办组织开展“质量月”宣传活动。",
    ],
    ids=["shi-jian-ju", "branch-bureau", "county-government", "quality-office"],
)
def test_a_report_naming_its_body_in_a_short_form_is_read_not_refused(line: str) -> None:
    assert parse_text(line).warnings


def test_a_report_whose_subject_is_a_place_is_read_not_refused() -> None:
    assert parse_text("某某县开展2019年“质量月”宣传活动，发放宣传资料1000余份。").year == 2019


# --- year, theme, kind, title -------------------------------------------------------------------


def test_year_from_a_day_first_page_stamp_is_inferred_and_flagged() -> None:
    report = "某某区质监局开展“质量月”专项活动\n21.09.2016 21:44\n今年以来，某某区质监局在全区开展质量月专项活动。"
    parsed = parse_text(report)
    assert parsed.year == 2016
    assert "year" in parsed.uncertain


def test_year_written_before_a_quoted_local_campaign_name() -> None:
    report = "某某区市场监管局举办咨询活动，现场“2017‘深圳质量月’活动宣传日”几个大字特别醒目。"
    assert parse_text(report).year == 2017


def test_theme_after_a_dash() -> None:
    report = "某某区质监局紧扣今年“质量月”活动主题——“推进质量共治，开创质量时代”，开展专项活动。"
    assert parse_text(report).theme == "推进质量共治，开创质量时代"


def test_a_report_of_a_plan_read_out_at_the_launch_is_about_a_plan() -> None:
    report = "某某县质监局举行“质量月”启动仪式，局长宣读了2017年“质量月”活动方案，明确了责任分工。"
    assert parse_text(report).kind == "plan"


def test_a_report_of_a_joint_plan_released_is_about_a_plan() -> None:
    report = "某某省质监局：四省一市质监系统2014年“质量月”活动联合方案发布，共同开展质量提升活动。"
    assert parse_text(report).kind == "plan"


def test_a_site_menu_line_is_not_joined_to_the_title_below_it() -> None:
    lines = normalize(
        "网站首页 工作范例 办公范例 个人范例 党团范例 专题范例\n全国质量月活动方案\n"
    ).lines
    assert lines == ["网站首页 工作范例 办公范例 个人范例 党团范例 专题范例", "全国质量月活动方案"]


# --- a notice's theme, materials; a report's title and issue date ---------------------------------

NOTICE = """某某市市场监督管理局关于开展2023年“质量月”活动的通知
某市监发〔2023〕12号
各县（市、区）市场监督管理局：
{body}
某某市市场监督管理局
2023年8月28日
"""


def test_theme_on_the_line_below_a_lead_in_under_its_heading() -> None:
    body = "一、活动主题\n今年“质量月”活动的主题是：\n“增强质量意识 推进高质量发展”\n二、工作要求\n请认真组织。"
    assert parse_text(NOTICE.format(body=body)).theme == "增强质量意识 推进高质量发展"


def test_theme_after_a_colon_with_quoted_words_and_a_comma() -> None:
    body = "一、总体要求\n今年“质量月”的主题是：推动“三个转变”，建设质量强市；各地要认真组织。\n二、工作要求\n请认真组织。"
    assert parse_text(NOTICE.format(body=body)).theme == "推动“三个转变”，建设质量强市"


def test_summary_listed_after_another_material_is_a_report_material() -> None:
    body = "一、活动主题\n增强质量意识 推进高质量发展\n二、工作要求\n请于9月30日前将典型案例和总结报送市局质量科。"
    parsed = parse_text(NOTICE.format(body=body))
    assert (parsed.report_deadline, parsed.report_materials) == ("09-30", ["典型案例", "总结"])


def test_summary_as_a_verb_is_no_report_material() -> None:
    body = "一、活动主题\n增强质量意识 推进高质量发展\n二、工作要求\n活动结束后及时总结，请于9月30日前将图片报送市局。"
    assert parse_text(NOTICE.format(body=body)).report_materials == ["图片"]


def test_a_report_names_the_notice_it_calls_tong_zhi_as_its_title() -> None:
    report = (
        "十部门在《关于开展2011年全国“质量月”活动的通知》（以下简称《通知》）中，部署了各项活动。"
    )
    assert parse_text(report).title == "关于开展2011年全国“质量月”活动的通知"


def test_a_reports_date_of_the_notice_is_its_issue_date_in_the_campaign_year() -> None:
    report = "8月24日，国家质检总局向全国质检系统发出《关于深入开展2011年全国“质量月”活动的通知》。"
    parsed = parse_text(report)
    assert parsed.issue_date == "2011-08-24"
    assert "issue_date" in parsed.uncertain


def test_a_date_of_the_launch_is_no_issue_date() -> None:
    report = "8月31日，质检总局在上海举办2011年全国“质量月”现场启动仪式。"
    assert parse_text(report).issue_date is None


def test_theme_announced_before_the_word_theme() -> None:
    report = "2016年全国“质量月”活动正式启动，总局发布了“提升供给质量，建设质量强国”的活动主题。"
    assert parse_text(report).theme == "提升供给质量，建设质量强国"


def test_theme_after_a_comma_and_shi() -> None:
    report = "某某省市场监管局局长表示，今年“质量月”活动主题，是“建设质量强国，决胜全面小康”。"
    assert parse_text(report).theme == "建设质量强国，决胜全面小康"


def test_year_counted_from_the_campaigns_number_is_flagged() -> None:
    parsed = parse_text("今年9月是第46个全国“质量月”，某某县市场监管局开展宣传活动。")
    assert parsed.year == 2023
    assert "year" in parsed.uncertain


def test_year_written_is_not_flagged_though_the_number_is_given_too() -> None:
    parsed = parse_text("今年9月是第46个全国“质量月”，某某县市场监管局开展2023年“质量月”宣传活动。")
    assert "year" not in parsed.uncertain


# --- a report's own list of the campaign's activities -------------------------------------------


def test_a_reports_items_after_n_aspects_are_its_activities() -> None:
    report = (
        "某某省质监局等13个部门开展2014年“质量月”活动，这些活动涵盖了4个方面的主题："
        "一是广泛宣传，营造质量发展良好环境。展播公益广告。"
        "二是集中质量整治，解决一批突出质量问题。开展专项执法。"
    )
    titles = [a.title for a in parse_text(report).activities]
    assert titles == ["广泛宣传，营造质量发展良好环境", "集中质量整治，解决一批突出质量问题"]


def test_a_reports_numbered_lines_after_ru_xia_are_its_activities_with_their_lead() -> None:
    report = (
        "2025年某某省“质量月”期间，各部门开展的主要活动如下：\n"
        "1.省市场监管局联合某某市人民政府举办全省“质量月”启动仪式。现场发布白皮书。\n"
        "页面推荐：某某新闻联播\n"
        "2.省市场监管局组织开展检验检测机构开放日活动。\n"
    )
    found = [(a.title, a.lead, a.support) for a in parse_text(report).activities]
    assert found == [
        (
            "省市场监管局联合某某市人民政府举办全省“质量月”启动仪式",
            ["省市场监管局"],
            ["某某市人民政府"],
        ),
        ("省市场监管局组织开展检验检测机构开放日活动", ["省市场监管局"], []),
    ]


def test_a_speechs_numbered_requirements_are_no_activities() -> None:
    report = (
        "某某县市场监管局开展2017年“质量月”活动。副局长就此次活动提出两点要求：\n"
        "1.积极宣传动员，营造良好氛围。\n"
        "2.坚持问题导向，抓好工作落实。\n"
    )
    assert parse_text(report).activities == []


def test_theme_without_quotes_before_wei_zhu_ti() -> None:
    report = "某某县市场监管局开展以质量强县共建共享为主题的2023年“质量月”宣传活动。"
    assert parse_text(report).theme == "质量强县共建共享"


def test_theme_after_a_label_colon_without_quotes() -> None:
    report = "2023年“质量月”活动主题：质量强县共建共享。某某县市场监管局组织开展宣传。"
    assert parse_text(report).theme == "质量强县共建共享"


def test_a_space_inside_corner_quotes_is_kept() -> None:
    report = (
        "某某县市场监管局开展2023年“质量月”活动。本次活动的主题是『增强质量意识 推进高质量发展』。"
    )
    assert parse_text(report).theme == "增强质量意识 推进高质量发展"


def test_theme_whose_closing_quote_a_copy_wrote_as_a_title_mark() -> None:
    report = "某某市制定了全市“质量月”活动方案，今年围绕“宣传贯彻《质量发展纲要》，推进建设质量兴市》这一主题开展活动。"
    assert parse_text(report).theme == "宣传贯彻《质量发展纲要》，推进建设质量兴市"
