"""Readings learnt from fresh7 (issue #18, session 17): older national notices and their
mirrors, the entry-exit inspection bureaus' pages, pledges, and events with themes of their own.
One pattern, one input each; places and bodies are real names because the level of a body comes
from China's divisions."""

from __future__ import annotations

import pytest

from imports.parser import NoticeParseError, digest, header, parse_text, places, rules
from imports.parser.normalize import normalize
from imports.parser.ranker import _names


def read(text: str) -> tuple[list[str], list[str], str | None]:
    parsed = parse_text(text)
    return parsed.issuers, parsed.co_organizers, parsed.level


# --- the entry-exit inspection bureaus ------------------------------------------------------


def test_an_inspection_bureau_named_by_its_places_words_runs_its_campaign() -> None:
    text = "据悉，本次质量月，东莞检验检疫局将开放三个国家级重点实验室。"
    assert read(text) == (["东莞检验检疫局"], [], "city")


def test_this_bureau_is_an_inspection_bureau_named_before_it() -> None:
    text = "昨日嵊泗检验检疫局举行座谈会。本次质量月，该局组织企业签署质量诚信承诺书。"
    assert "嵊泗检验检疫局组织" in digest.this_bureau(text)


def test_a_prefectures_words_said_bare_are_the_prefecture_not_its_namesake_county() -> None:
    # 中山市 and 大连市中山区 share the words; 中山 alone is the city.
    assert places.level_of_place_word("中山检验检疫局", rules.CAMPAIGN_BODY) == "city"


def test_a_place_bureau_in_its_systems_shorthand_is_a_body() -> None:
    text = "今年“质量月”活动主题为“建设质量强市”，金华局将陆续推出质量专家百企行等19项活动。"
    assert digest.campaign_bodies(normalize(text).text) == (["金华局"], [])


# --- plans and notices without their signature -----------------------------------------------


def test_a_plan_names_who_drew_it_up_where_its_signature_is_cut() -> None:
    text = (
        "按照《关于开展2015年全国“质量月”活动的通知》的要求，铁岭检验检疫局结合工作实际，"
        "制定本方案。\n一、活动主题\n迈向质量时代，建设质量强国。"
    )
    parsed = parse_text(text)
    assert (parsed.issuers, parsed.kind) == (["铁岭检验检疫局"], "plan")


def test_a_joint_red_head_copied_line_by_line_gives_every_issuer() -> None:
    text = (
        "中共中央宣传部\n文件\n国家质量监督检验检疫总局\n共青团中央\n国质检质联[2005]210\n"
        "关于开展“2005年全国质量月”活动的通知\n各省、自治区、直辖市质量技术监督局：\n"
        "决定于2005年9月在全国开展质量月活动。"
    )
    parsed = parse_text(text)
    assert parsed.issuers == ["中共中央宣传部", "国家质量监督检验检疫总局", "共青团中央"]
    # The copy dropped the number's 号; on a line of its own it is still the number.
    assert parsed.doc_number == "国质检质联[2005]210"


def test_a_policy_sites_issuing_department_line_is_the_issuer() -> None:
    text = "发文部门:国家市场监督管理总局\n市监检测函〔2021〕1453号\n市场监管总局决定在“质量月”期间组织开展开放日活动。"
    assert parse_text(text).issuers == ["国家市场监督管理总局"]


# --- mirrors ----------------------------------------------------------------------------------


def test_a_mirror_in_taiwans_words_is_read_back_into_the_mainlands() -> None:
    text = (
        "關於開展“2005年全國品質月”活動的通知\n國家品質監督檢驗檢疫總局決定在全國開展品質月活動。"
    )
    normalized = normalize(text)
    assert "国家质量监督检验检疫总局" in normalized.text and "质量月" in normalized.text
    assert any("品质" in w for w in normalized.warnings)


def test_a_mainland_text_keeps_its_own_word_pinzhi() -> None:
    text = "2023年“质量月”期间，市场监管局开展品质生活宣传。"
    assert "品质生活" in normalize(text).text


def test_html_quote_entities_garbled_into_ideographs_are_quotes_again() -> None:
    assert normalize("全国&濒诲辩耻辞;质量月&谤诲辩耻辞;活动").text == "全国“质量月”活动"


def test_a_sites_search_box_above_the_page_title_is_page_chrome() -> None:
    text = "文章搜索\n关于开展质量月活动的通知-国家质检总局\n各省质量技术监督局："
    assert normalize(text).lines == ["各省质量技术监督局："]


def test_the_source_a_copy_glues_to_the_text_is_no_subject() -> None:
    text = "石台县启动2020年“质量月”活动\n信息来源:石台县市场监督管理局9月8日,省市召开“质量月”活动启动仪式视频会。"
    assert read(text)[0] == []


# --- names --------------------------------------------------------------------------------------


def test_a_body_name_stops_before_the_basis_it_acts_on() -> None:
    text = (
        "国家质量监督检验检疫总局、中共中央宣传部和共青团中央根据国务院《质量振兴纲要(1996-2010年)》的要求,"
        "决定于2006年9月在全国开展质量月活动。"
    )
    issuers, co_organizers, _level = read(text)
    assert issuers == ["国家质量监督检验检疫总局", "中共中央宣传部", "共青团中央"]
    # Several bodies deciding to hold the campaign together hold it jointly.
    assert co_organizers == issuers


def test_the_supreme_court_is_one_of_the_national_campaigns_departments() -> None:
    text = "今年,市场监管总局、中央宣传部、最高人民法院、国家发展改革委等27部门联合开展2024年全国“质量月”活动。"
    assert read(text)[1] == ["市场监管总局", "中央宣传部", "最高人民法院", "国家发展改革委"]


def test_a_county_level_city_under_its_prefecture_goes_by_its_own_name() -> None:
    text = "9月5日,潍坊寿光市质监局在东城广场开展了“质量月”集中宣传咨询活动。"
    assert read(text) == (["寿光市质监局"], [], "county")


def test_departments_and_deploying_are_words_not_names_ending_in_bu() -> None:
    assert _names("按照全国质量月活动统一部署") == []
    assert _names("各地检验检疫部门纷纷启动") == []


# --- themes and titles ------------------------------------------------------------------------


def test_a_theme_heading_with_a_sub_theme_gives_the_theme_only() -> None:
    text = (
        "关于开展2005年全国质量月活动的通知\n一、指导思想\n提高质量意识。\n二、活动主题\n"
        "2005年质量月活动主题定为:奉献优质产品,构建和谐社会;副主题定为:质量在我手中,用户在我心中。"
    )
    assert parse_text(text).theme == "奉献优质产品,构建和谐社会"


def test_a_theme_may_quote_a_phrase_of_its_own() -> None:
    text = "9月5日,寿光市质监局围绕“推动“三个转变”,建设质量强市”主题,开展了“质量月”宣传咨询活动。"
    assert parse_text(text).theme == "推动“三个转变”,建设质量强市"


def test_an_events_own_theme_that_speaks_not_of_quality_is_not_the_campaigns() -> None:
    text = (
        "为迎接全国质量月,市特检院举办了以“安全乘梯,你我做起”为主题的宣传教育活动。"
        "此外,还将召开一次以实验室检测工作为主题的座谈会。"
    )
    assert parse_text(text).theme is None


def test_quoted_words_naming_this_years_quality_month_event_are_its_theme() -> None:
    text = "福建质检三局联合主办的题为“建设质量强省、共创美好生活”的2011年福建省“质量月”大型现场宣传咨询活动在福州举行。"
    assert parse_text(text).theme == "建设质量强省、共创美好生活"


def test_the_campaigns_pledge_is_a_documents_title() -> None:
    text = "2018年全国“质量月”企业质量诚信倡议书\n时间:2018-09-02\n为促进质量强国建设，国家市场监督管理总局开展2018年全国“质量月”活动。"
    assert parse_text(text).title == "2018年全国“质量月”企业质量诚信倡议书"


# --- refusal and year ---------------------------------------------------------------------------


def test_a_company_citing_its_superiors_notice_runs_no_public_campaign() -> None:
    text = (
        "近日,按照《国家市场监管总局等关于开展2018年全国“质量月”活动的通知》部署,"
        "公司全面启动以“着力提升质量,打造品质中交”为主题的质量月活动。"
    )
    with pytest.raises(NoticeParseError):
        parse_text(text)


def test_the_year_comes_from_the_theme_quoted_first_not_one_recalled_later() -> None:
    text = (
        "9月13日,宁津县质监局举行了以“创新提升质量、名牌促进发展”为主题的大型宣传活动,拉开了全县质量月宣传活动的序幕。"
        "负责人说:要达成‘奉献优质产品、构建和谐社会’的共识。"
    )
    assert header.infer_year(normalize(text).text)[0] == 2006


# --- hosts, areas and events of their own -----------------------------------------------------


def test_the_body_that_invites_its_guests_hosts_the_event() -> None:
    text = (
        "今年9月是第45个全国“质量月”,按照市市场监管局的相关部署,渭南市纤维检验所高度重视,"
        "邀请我市10余家纺织企业代表共同参与此次“实验室开放日”活动。"
    )
    assert read(text) == (["渭南市纤维检验所"], [], "station")


def test_places_listed_side_by_side_give_the_first_as_the_campaigns_area() -> None:
    assert header.campaign_area("5日,广东省、广州市启动2017年质量月活动。") == "广东省"
    # A chain of places is the last one's.
    assert header.campaign_area("湖北省来凤县质量月活动启动。") == "来凤县"


def test_a_body_named_after_its_prefecture_marker_is_the_prefectures() -> None:
    assert header.level_of_body("州住房和城乡建设局", "") == "city"


def test_a_province_by_its_short_name_holding_the_campaign_is_its_area() -> None:
    assert header.campaign_area("18日上午,新疆召开质量月活动新闻发布会。") == "新疆维吾尔自治区"
    # A province's short name before its county names the county's place.
    assert header.campaign_area("河北临漳县开展质量月活动。") != "河北省"


def test_an_open_days_theme_is_not_the_campaigns() -> None:
    text = "全国检验检测机构开放日是全国质量月活动的重要内容,今年的主题是“检验检测促进高质量发展”。"
    assert parse_text("2019年9月，市场监管总局启动全国质量月。" + text).theme is None


def test_a_contests_theme_is_not_the_campaigns() -> None:
    text = "共青团陕西省委开展以“强化质量意识、培养大国工匠”为主题的陕西省青年职业技能大赛。"
    assert parse_text("2018年陕西省“质量月”活动启动。" + text).theme is None


def test_the_years_national_theme_is_the_campaigns_whatever_event_carries_it() -> None:
    text = (
        "9月8日,湖北省质检院荆州分院根据质量月工作要求,开展了主题为“推动质量变革创新 促进质量强国建设”"
        "的实验室开放日活动。"
    )
    assert parse_text(text).theme == "推动质量变革创新 促进质量强国建设"


def test_a_places_own_quality_month_said_without_its_year_is_a_campaign() -> None:
    text = "近日,聊城市质量月启动仪式于聊城市电视台举办,质量月活动由此拉开帷幕。"
    assert parse_text(text).level == "city"


def test_a_bodys_founding_year_does_not_make_a_history_page_about_one_campaign() -> None:
    text = (
        "全国质量月活动是我国长期开展的质量专题活动,始于1978年。"
        "国家质检总局2001年成立以后,全国质量月活动由国家质检总局、中宣部等五部委共同主办。"
    )
    with pytest.raises(NoticeParseError):
        parse_text(text)


def test_a_spun_mirrors_junk_word_before_a_provinces_body_is_dropped() -> None:
    listed = "努力年活广东省质量强省工作领导小组办公室、提高广东省市场监管局"
    assert digest._split(listed) == ["广东省质量强省工作领导小组办公室", "广东省市场监管局"]
    # 中共 begins a name of its own.
    assert digest._split("中共广东省委宣传部") == ["中共广东省委宣传部"]


def test_this_citys_office_is_the_office_of_the_city_the_report_is_about() -> None:
    text = "8月31日,黄石市举行2020年“质量月”启动仪式。9月份,该市质强办将组织全市相关部门。"
    assert "黄石市质强办将组织" in digest.this_bureau(text)


def test_a_sentence_stating_the_years_theme_is_about_the_campaign() -> None:
    text = (
        "8月31日,黄石市举行2020年“质量月”启动仪式。\n"
        "据介绍,9月份,黄石市质强办将组织全市相关部门、企业,以“建设质量强市决胜全面小康”为主题开展系列活动。"
    )
    assert digest.campaign_bodies(normalize(text).text) == (["黄石市质强办"], [])


def test_a_short_office_name_is_spelt_out_to_its_whole_office() -> None:
    text = "黄石市质量强市办公室(市场监管局)介绍了相关活动安排。"
    assert digest.spelt_out("黄石市质强办", text) == "黄石市质量强市办公室"


def test_a_schedule_read_out_at_the_launch_is_the_reports_title_and_a_plan() -> None:
    text = "2024年天水市“质量月”活动启动仪式举行。启动仪式上,宣读了《天水市2024年“质量月”系列活动安排》。"
    assert header.cited_title(text) == "天水市2024年“质量月”系列活动安排"
    assert header.kind(header.cited_title(text)) == "plan"


def test_a_plan_drawn_up_around_a_theme_is_named_after_the_theme() -> None:
    text = "图木舒克质监局制定了以“提升供给质量,建设质量强国”为主题的《图木舒克质监系统2016年“质量月”活动方案》。"
    assert header.cited_title(text) == "图木舒克质监系统2016年“质量月”活动方案"


def test_a_plan_announced_at_a_launch_makes_the_report_about_a_plan() -> None:
    assert (
        header.kind(None, "启动仪式上,州质监局宣布了2016年全州“质量月”活动方案及内容。") == "plan"
    )
    assert header.kind(None, "启动仪式通报了今年“质量月”活动方案。") == "plan"


# --- learnt from fresh8 (read once in session 17, then moved into dev) ---------------------------


def test_several_provinces_bureaus_named_by_their_count_are_no_one_body() -> None:
    text = (
        "8月31日,苏浙皖赣沪四省一市质监局在杭州共同举行长三角“质量月”活动启动仪式。"
        "启动仪式上,江苏省质监局发布2010年四省一市质量月联合行动方案。"
    )
    assert read(text)[0] == ["江苏省质监局"]


def test_a_title_broken_over_two_lines_is_one_title() -> None:
    text = (
        "质办〔2019〕10号\n关于开展2019年苏浙皖赣沪“质量月”\n有奖征文活动的通知\n"
        "省质量工作领导小组各成员单位:\n现就我省的活动通知如下。"
    )
    assert parse_text(text).title == "关于开展2019年苏浙皖赣沪“质量月”有奖征文活动的通知"


def test_departments_that_assist_by_their_count_do_not_host() -> None:
    text = (
        "9月18日,由市质量强市工作领导小组办公室、市市场监管局主办,市发展改革委、市公安局等14个部门(单位)"
        "协办的巴中市2023年全国“质量月”质量诚信宣传活动在巴人广场举行。"
    )
    assert read(text)[0] == ["市质量强市工作领导小组办公室", "市市场监管局"]


def test_a_ministry_passing_the_national_notice_on_to_its_system_runs_its_campaign() -> None:
    text = (
        "2008年全国质量月活动是五部门开展的。当前,全国统一部署的质量月活动有:召开表彰大会;"
        "国家统计局、国家质检总局共同发布质量竞争力指数公报。\n"
        "目前,铁道部已将五部门《关于开展2008年全国质量月活动的通知》转发给各铁路局。"
    )
    assert read(text)[:2] == (["铁道部"], [])


def test_the_year_of_the_event_a_report_opens_with() -> None:
    text = (
        "9月15日,2023年全省检验检测机构开放日活动启动仪式在沈阳举办。"
        "检验检测机构开放日是全国质量月活动的重要内容。"
    )
    assert header.infer_year(normalize(text).text)[0] == 2023


def test_a_companys_own_leading_group_runs_no_public_campaign() -> None:
    text = (
        "公司举办第二届“质量月”活动\n今年全国质量月的活动主题是“推动质量变革创新,促进质量强国建设”,"
        "浙江先锋科技股份有限公司也举办了“质量月”活动。公司成立质量月活动领导小组。"
    )
    with pytest.raises(NoticeParseError):
        parse_text(text)


def test_an_event_said_to_be_part_of_the_campaign_at_the_end_is_about_it() -> None:
    long = "工作人员向同学们讲授了质量的含义、如何注意质量安全,并以生动的语言和翔实的案例向同学们科普了质量管理。"
    text = (
        "9月26日,桂林市市场监管局在桂林市复兴小学举办“质量进校园”活动。"
        + long
        + "\n"
        + long
        + "\n"
        + long
        + "\n"
        "据悉,“质量进校园”是桂林市市场监管局“质量月”系列活动的一环。\n"
        "责任编辑:张林保近日,北京市石景山区市场监管局开展了专项执法检查。" + long * 3
    )
    assert parse_text(text).issuers == ["桂林市市场监管局"]


def test_a_theme_the_report_says_a_body_works_with() -> None:
    text = "2016年9月7日山东省计量院按照山东省局“质量月”活动的统一部署,结合“提升供给质量,建设质量强省”的活动主题,开展“实验室开放日”活动。"
    assert parse_text(text).theme == "提升供给质量,建设质量强省"


def test_a_zones_market_regulation_office_runs_its_campaign_at_county_level() -> None:
    text = "蜀山经济技术开发区市场监管所紧紧围绕“推动质量变革创新,促进质量强国建设”的年度主题,深入开展了“质量月”主题系列宣传活动。"
    assert read(text) == (["蜀山经济技术开发区市场监管所"], [], "county")


def test_a_body_that_only_gives_a_talk_at_the_event_does_not_host_it() -> None:
    text = "金泽镇于9月23日开展了“质量月”主题活动。活动中,金泽市场监督管理所进行了“强化质量意识,共筑质量长城”主题宣讲。"
    assert read(text)[0] == []


def test_a_speakers_theme_is_not_the_campaigns() -> None:
    text = "9月14日,2022年福清市“质量月”活动启动仪式在融城举行。随后,总经销以“质量赢得市场,诚信铸就品牌”为主题做演讲。"
    assert parse_text(text).theme is None


# --- learnt from fresh10 (read once in session 17, then moved into dev) --------------------------


def test_an_opening_ceremony_held_jointly_is_one_event_hosted_by_its_lead() -> None:
    text = (
        "9月1日,徐汇区局联合区委宣传部、区发改委、区经委等12个部门召开“2008年徐汇区质量月活动开幕式”,"
        "副区长出席了会议。"
    )
    assert read(text)[:2] == (["徐汇区局"], [])


def test_a_machine_written_summarys_points_end_at_their_reference_marks() -> None:
    text = (
        "倡议背景与目标 - 2025年全国“质量月”活动由市场监管总局等26个部门联合开展,主题为“加强全面质量管理 "
        "促进质量强国建设”[1] - 全国“质量月”活动自1978年持续开展,旨在树立“质量第一”意识[1]"
    )
    assert parse_text(text).issuers == ["市场监管总局"]


# --- learnt from fresh11 (read once in session 17, then moved into dev in session 18) ----------


def test_a_report_that_a_body_forwarded_the_campaigns_plan_is_of_a_plan() -> None:
    text = "今年区政府办公室转发了2010年“质量月”活动方案,我们将以“抓质量水平提升,促发展方式转变”为活动主题开展“质量月”活动。"
    assert parse_text(text).kind == "plan"


def test_a_leading_groups_counted_member_units_are_a_collective() -> None:
    text = "9月3日,2024年珠海市“质量月”启动会举行。“质量月”期间,珠海市质量强市领导小组17个成员单位和5个区将开展系列活动。"
    assert read(text)[:2] == ([], [])


def test_a_body_with_its_year_and_quality_month_in_a_headline_runs_it() -> None:
    text = "滨州市质监局2015年“质量月”活动正式启帏\n8月27日,40余名小记者参观了滨州市产品质量监督检验所实验室。"
    assert read(text)[0] == ["滨州市质监局"]


def test_a_city_bureaus_branch_administration_is_one_name() -> None:
    text = "2021年9月18日,深圳市规划和自然资源局大鹏管理局在大鹏新区佳兆业广场组织开展了2021年“深圳质量月”活动。"
    assert read(text)[0] == ["深圳市规划和自然资源局大鹏管理局"]


def test_a_theme_stated_without_quotes_or_colon_runs_to_the_end_of_its_sentence() -> None:
    text = "9月6日上午,2017年安庆市“质量月”活动启动仪式召开。今年的“质量月”活动主题是大力提升质量,建设质量强市。"
    assert parse_text(text).theme == "大力提升质量,建设质量强市"


def test_a_theme_stated_without_quotes_stops_where_the_sentence_says_what_for() -> None:
    text = "9月27日,邵东市举行2022年“质量月”主题活动。2022年“质量月”主题是推动质量变革创新、促进质量强市建设,旨在提高全民质量意识。"
    assert parse_text(text).theme == "推动质量变革创新、促进质量强市建设"


def test_the_whole_city_of_a_county_level_city_is_a_county_campaign() -> None:
    # 晋江市 is a county-level city under 泉州.
    text = "在全国第47个质量月之际,9月25日,晋江市以“加强质量支撑,共建质量强市”为主题,召开全市质量发展大会。"
    assert read(text)[2] == "county"


def test_provinces_acting_together_in_the_national_campaign_are_not_the_nation() -> None:
    text = (
        "今年9月是全国“质量月”。9月3日上午,2024年全国“质量月”苏浙皖赣沪共同行动启动仪式在太仓举行。"
        "江苏省市场监管局副局长主持仪式。"
    )
    assert read(text)[2] == "province"


def test_a_body_answering_its_superiors_call_is_at_work_whatever_its_verb() -> None:
    text = (
        "为落实省质监局关于开展质量月宣传活动的要求,中山市质监局在加大日常宣传力度的同时,"
        "结合媒体宣传特色产业镇区质量管理先进经验,取得较好的宣传效果。"
    )
    assert read(text)[0] == ["中山市质监局"]


def test_a_companys_party_and_discipline_committees_run_no_campaign() -> None:
    text = (
        "加强质量支撑 共建质量强国——蚌埠液力召开2024年“质量月”活动启动会\n"
        "推动集团公司《关于开展2024年集团公司“质量月”活动的通知》要求的落地,蚌埠液力组织策划了“质量月”活动。"
        "公司党委副书记、纪委书记、工会主席单家根参加了启动会。"
    )
    with pytest.raises(NoticeParseError):
        parse_text(text)


# --- the genre's common wordings of a joint campaign and of a body's level (session 18) ---------


def test_departments_listed_after_the_lead_that_run_it_together_co_organise() -> None:
    text = "2023年南昌市“质量月”活动由市质强办牵头，市市场监管局、市发改委、市教育局等20个部门共同开展。"
    names = ["市质强办", "市市场监管局", "市发改委", "市教育局"]
    assert read(text) == (names, names, "city")


def test_partners_after_yu_with_a_joint_verb_run_the_campaign_with_the_lead() -> None:
    text = (
        "据悉，今年“质量月”期间，南昌市市场监管局将与市发改委、市工信局等部门共同举办20余项活动。"
    )
    names = ["南昌市市场监管局", "市发改委", "市工信局"]
    assert read(text)[:2] == (names, names)


def test_departments_that_support_the_lead_leave_it_the_campaign() -> None:
    text = "9月，县市场监管局牵头，县发改局、县教体局、县住建局等单位配合，开展2023年全县“质量月”活动。"
    assert read(text)[:2] == (["县市场监管局"], [])


def test_the_youth_leagues_provincial_committee_keeps_its_whole_name() -> None:
    text = "2019年9月，江西省质量技术监督局、江西省总工会、共青团江西省委联合开展2019年江西省“质量月”活动。"
    assert read(text)[1][-1] == "共青团江西省委"


def test_a_womens_federation_is_a_body_of_the_joint_list() -> None:
    text = "萍乡市市场监督管理局联合萍乡市总工会、萍乡市妇联，开展2022年“质量月”活动。"
    assert read(text)[1] == ["萍乡市市场监督管理局", "萍乡市总工会", "萍乡市妇联"]


def test_a_customs_office_named_by_its_places_words_runs_its_campaign_at_that_level() -> None:
    assert read("9月5日，萍乡海关开展2023年“质量月”活动。") == (["萍乡海关"], [], "city")


def test_a_city_bureaus_district_branch_called_a_bureau_is_county_level() -> None:
    assert header.level_of_body("深圳市市场监管局南山监管局", "") == "county"


def test_a_province_bureaus_branch_named_by_a_city_is_city_level() -> None:
    # 南昌 is a city and a county (南昌县); a province's branch is the city's.
    assert header.level_of_body("江西省市场监管局南昌分局", "") == "city"


def test_a_bodys_newsroom_byline_is_no_subject() -> None:
    text = "萍乡市市场监管局网站讯：9月1日，2023年萍乡市“质量月”活动启动。"
    assert read(text)[0] == []


def test_a_place_that_holds_a_campaign_named_by_its_quoted_theme_is_about_it() -> None:
    text = "9月，萍乡市开展主题为“加强质量支撑，共建质量强市”的2024年“质量月”活动。"
    assert parse_text(text).theme == "加强质量支撑，共建质量强市"


def test_a_theme_on_a_labelled_line_of_its_own_ends_with_the_line() -> None:
    text = "2024年“质量月”主题：加强质量支撑 共建质量强国\n萍乡市市场监管局开展宣传活动。"
    assert parse_text(text).theme == "加强质量支撑 共建质量强国"


def test_a_reports_announced_main_activities_numbered_inside_a_paragraph_are_its_activities() -> (
    None
):
    text = (
        "2023年萍乡市“质量月”活动由萍乡市市场监管局组织开展。主要活动有：一是开展质量宣传进社区活动；"
        "二是举办质量知识竞赛；三是开展计量器具免费检定。"
    )
    assert [a.title for a in parse_text(text).activities] == [
        "开展质量宣传进社区活动",
        "举办质量知识竞赛",
        "开展计量器具免费检定",
    ]


def test_a_reports_inline_activity_keeps_the_unit_in_its_parentheses() -> None:
    text = (
        "萍乡市市场监管局开展2023年“质量月”活动，活动包括：（一）质量宣传进社区（市场监管局牵头）；"
        "（二）质量知识竞赛（教育局负责）。"
    )
    found = [(a.title, a.lead) for a in parse_text(text).activities]
    assert found == [("质量宣传进社区", ["市场监管局"]), ("质量知识竞赛", ["教育局"])]


def test_a_disclosure_row_that_starts_with_the_number_is_read_cell_by_cell() -> None:
    text = (
        "发布机构：| 萍乡市市场监督管理局 | 成文日期：| 2023-08-25 |\n"
        "文号：| 萍市监字〔2023〕45号 | 发布日期：| 2023-08-28 |\n"
        "名称：| 萍乡市市场监督管理局关于开展2023年全市“质量月”活动的通知 |\n"
        "各县（区）市场监督管理局：\n现将有关事项通知如下。"
    )
    parsed = parse_text(text)
    assert (parsed.doc_number, parsed.issuers) == ("萍市监字〔2023〕45号", ["萍乡市市场监督管理局"])


def test_a_joint_red_head_two_names_to_a_line_is_no_cut_sentence() -> None:
    text = (
        "江西省市场监督管理局 江西省发展和改革委员会\n江西省工业和信息化厅 江西省教育厅\n"
        "关于开展2023年全省“质量月”活动的通知\n赣市监质发〔2023〕12号\n各设区市市场监管局：\n"
        "经研究，决定联合开展2023年全省“质量月”活动。\n"
        "江西省市场监督管理局    江西省发展和改革委员会\n江西省工业和信息化厅    江西省教育厅\n2023年8月20日"
    )
    parsed = parse_text(text)
    assert parsed.title == "关于开展2023年全省“质量月”活动的通知"
    assert parsed.issuers == [
        "江西省市场监督管理局",
        "江西省发展和改革委员会",
        "江西省工业和信息化厅",
        "江西省教育厅",
    ]


def test_a_body_seen_through_its_deputy_head_leading_a_visit_does_not_run_it() -> None:
    text = "9月3日，萍乡市市场监管局副局长李某带队到企业开展“质量月”走访活动。"
    assert read(text)[0] == []


def test_the_host_named_after_the_body_that_guides_it_runs_it() -> None:
    text = "本次“质量月”活动由萍乡市市场监管局指导，萍乡市质量协会主办。"
    assert read(text)[0] == ["萍乡市质量协会"]


def test_bodies_holding_an_event_at_a_school_co_host_one_event() -> None:
    text = "9月3日，萍乡市市场监管局联合萍乡市教育局在萍乡中学开展“质量月”质量进校园活动。"
    assert read(text)[:2] == (["萍乡市市场监管局"], [])


def test_the_first_theme_a_report_gives_wins_over_a_later_programmes_own() -> None:
    text = (
        "今年9月是第42个全国“质量月”。蚌埠市市场监管局将紧紧围绕“共创中国质量建设质量强国”主题，开展一系列质量提升行动。\n"
        "深入开展质量提升“双零”行动，以“服务零距离、质量零缺陷”为主题，进行精准质量帮扶。"
    )
    assert parse_text(text).theme == "共创中国质量建设质量强国"


def test_the_years_national_theme_quoted_before_zhuti_is_the_theme_whatever_the_verb() -> None:
    text = "今年9月是第46个全国“质量月”。9月20日，蜀山区市场监管局开展“增强质量意识 推进高质量发展”主题宣传活动。"
    assert parse_text(text).theme == "增强质量意识 推进高质量发展"


def test_other_words_quoted_before_zhuti_are_an_events_own() -> None:
    text = "今年9月是第46个全国“质量月”。9月20日，蜀山区市场监管局开展“质量进校园”主题宣传活动。"
    assert parse_text(text).theme is None


def test_a_question_mark_between_a_themes_halves_is_a_lost_space() -> None:
    text = "2020年“质量月”活动以“加强全面质量管理?推动经济高质量发展”为主题，随州市市场监管局开展宣传。"
    assert parse_text(text).theme == "加强全面质量管理 推动经济高质量发展"


# --- levels (session 18) ------------------------------------------------------------------


def test_a_body_named_relative_to_its_district_is_county_level() -> None:
    text = (
        "区市场监督管理局:多举措扎实开展“质量月”系列活动\n发布机构:区市场监督管理局 发布时间: 2022-09-30\n"
        "为切实开展好“质量月”活动,全区召开了“质量月”活动启动仪式。"
    )
    assert parse_text(text).level == "county"


def test_a_report_naming_a_county_bureaus_section_in_passing_is_no_county_document() -> None:
    text = (
        "9月14日上午,岳阳市2021年“质量月”宣传暨质量提升服务活动启动仪式在湖南汨罗循环经济产业园举办。\n"
        "活动由汨罗市质量强市领导小组办公室、汨罗市市场监管股、湖南汨罗循环经济产业园承办。"
    )
    assert parse_text(text).level == "city"


def test_a_provinces_sector_quality_month_is_the_provinces() -> None:
    text = (
        "8月30日,2024年湖北省交通运输重点工程“质量月”活动启动仪式在枝江长江大桥南岸举行。"
        "省交通运输厅副厅长程保国出席活动并讲话。"
    )
    assert parse_text(text).level == "province"


def test_a_places_event_of_the_national_campaign_is_that_places() -> None:
    text = (
        "近日三埠街道办事处联合开平市市场监督管理局在松园开展以“推动质量变革创新 促进质量强国建设”"
        "为主题的全国“质量月”宣传活动。"
    )
    assert parse_text(text).level == "county"


def test_an_items_closing_sentence_names_its_lead_and_support() -> None:
    text = (
        "关于开展2023年全市“质量月”活动的通知\n各县（区）市场监督管理局：\n一、活动主题\n质量第一 质量强国\n"
        "二、重点活动\n1.举办“质量月”启动仪式。由质量发展科负责，各县区局配合。\n"
        "2.开展质量知识竞赛。由办公室牵头，市教育局参与。\n萍乡市市场监督管理局\n2023年8月25日"
    )
    found = [(a.title, a.lead, a.support) for a in parse_text(text).activities]
    assert found == [
        ("举办“质量月”启动仪式", ["质量发展科"], ["各县区局"]),
        ("开展质量知识竞赛", ["办公室"], ["市教育局"]),
    ]


def test_a_page_copied_with_its_html_entities_reads_as_its_text() -> None:
    text = (
        "9月5日，萍乡市市场监督管理局开展2023年&ldquo;质量月&rdquo;活动，"
        "活动主题为&quot;质量第一 质量强国&quot;。"
    )
    assert parse_text(text).theme == "质量第一 质量强国"


# --- learnt from fresh12 (read once in session 18, then moved into dev) --------------------


def test_bodies_that_host_an_event_named_before_its_verb_co_host_one_event() -> None:
    text = (
        "9月23日,在全国第47个“质量月”活动广泛开展之际,由大邑县市场监督管理局、大邑县教育局共同主办的"
        "消费品安全知识“进校园”教育宣传活动于大邑县西街小学大礼堂成功举办。"
    )
    assert read(text) == (["大邑县市场监督管理局", "大邑县教育局"], [], "county")


def test_a_headlines_subject_after_its_motto_and_a_dash() -> None:
    text = "关注质量 共创和谐——内蒙古质监局2011年“质量月”特别节目录制完成\n9月26日,特别节目拉开了序幕。"
    assert read(text)[0] == ["内蒙古质监局"]


def test_the_sites_other_news_after_a_recommendation_heading_is_not_the_page() -> None:
    text = (
        "9月22日上午,市市场监督管理局邀请市人大代表、企业代表参加2020年南充市“质量开放日”活动。\n"
        "“本次活动是南充市2020年‘质量月’活动内容之一。”\n新闻推荐\n"
        "上海民间武术首届武状元网络视频大赛南充选手夺状元"
    )
    assert read(text)[0] == ["市市场监督管理局"]


def test_a_plan_named_only_as_the_reports_basis_does_not_make_it_a_plan() -> None:
    text = (
        "按照《开封市质量技术监督局关于印发2017年“质量月”活动方案的通知》要求,"
        "杞县质监局开展了“向质量要效益、以质量求发展”为主题的“质量月”活动。"
    )
    assert parse_text(text).kind == "notice"


def test_a_company_leading_group_headed_by_its_chairman_runs_no_public_campaign() -> None:
    text = (
        "2013年9月是全国第36个质量月,公司积极开展质量月活动。为确保“质量月”活动取得实效,公司制订了详细的活动计划,"
        "并成立了以董事长为组长的“质量月”活动领导小组。"
    )
    with pytest.raises(NoticeParseError):
        parse_text(text)


def test_the_campaigns_counted_points_announce_its_activities() -> None:
    text = (
        "近日,贵州省委宣传部、贵州省质监局等30个省相关部门联合印发了《关于开展2014年贵州省“质量月”活动的通知》。"
        "活动期间,30个主办单位将围绕7个重点开展丰富多彩的质量月活动,一是落实好国家质量工作考核任务。"
        "二是深入开展质量提升活动,推动经济发展转型升级。"
    )
    titles = [a.title for a in parse_text(text).activities]
    assert titles == ["落实好国家质量工作考核任务", "深入开展质量提升活动,推动经济发展转型升级"]


def test_a_pages_metadata_rows_between_separator_lines_stay_apart_from_the_headline() -> None:
    text = (
        "-\n索引号20240913-170244-831\n-\n发布机构元阳县人民政府办公室\n-\n文号\n-\n发布日期2021-09-22\n-\n"
        "时效性有效\n元阳县农业农村和科学技术局积极开展2021年“质量月”宣传活动\n"
        "二是充分利用当地群众赶集,开展“质量月”宣传活动,发放宣传资料930余份。"
    )
    assert read(text)[0] == ["元阳县农业农村和科学技术局"]


def test_a_name_runs_on_to_its_bureau_before_an_adverb_and_its_verb() -> None:
    # "…和科" is no section: the name goes on to 科学技术局 before 积极开展.
    text = "元阳县农业农村和科学技术局积极开展2021年“质量月”宣传活动。"
    assert read(text)[0] == ["元阳县农业农村和科学技术局"]


def test_a_places_whole_system_at_work_in_the_campaign_is_a_report_on_it() -> None:
    text = "2023年“质量月”期间，萍乡市各级市场监管部门共开展宣传活动56场，发放资料2万余份。"
    assert parse_text(text).issuers == []


# --- learnt from fresh13 (session 19) ---------------------------------------------------------


def test_activities_counted_in_a_sentence_of_their_own_announce_the_items_after_it() -> None:
    text = (
        "2014年质量月期间，乌海市质监局精心部署将开展5个方面活动。一是发布企业质量信用报告。"
        "组织企业发布报告。二是开展开放实验室活动。三是开展专项检查。"
    )
    assert [a.title for a in parse_text(text).activities] == [
        "发布企业质量信用报告",
        "开展开放实验室活动",
        "开展专项检查",
    ]


def test_bodies_after_anothers_lead_that_hold_a_launch_with_it_leave_it_the_issuer() -> None:
    text = (
        "9月1日，由厦门市市场监管局牵头，市委宣传部等多部门联合举办的“质量月”活动启动仪式隆重开幕。"
    )
    assert read(text) == (["厦门市市场监管局"], [], "city")


def test_bodies_a_lead_brings_in_to_run_the_campaign_together_are_its_co_organisers() -> None:
    text = "9月1日，厦门市市场监管局牵头，市委宣传部、市发改委等多部门联合开展2019年“质量月”活动。"
    names = ["厦门市市场监管局", "市委宣传部", "市发改委"]
    assert read(text) == (names, names, "city")


def test_a_named_citys_body_stays_the_citys_in_a_page_naming_a_municipality_elsewhere() -> None:
    text = "上海婚博会面孔\n德州检验检疫局开展进口食品安全科普进社区活动"
    assert header.level_of_body("德州检验检疫局", text) == "city"


def test_a_pages_list_of_dated_articles_above_the_text_gives_it_no_year() -> None:
    text = (
        "- 首届中西部畜牧业博览会在渝闭幕2016-11-29\n- 首届中国世界遗产主题文化博览会明年福州举行2016-11-29\n"
        "- 盐城农产品五大会展贸易总额6.6亿2016-11-28\n德州检验检疫局开展进口食品安全科普进社区活动\n"
        "9月份是德州检验检疫局的“质量月”，德州检验检疫局开展“进口食品安全进社区”活动。"
    )
    assert parse_text(text).year is None


def test_a_countys_own_count_of_its_campaigns_gives_no_national_year() -> None:
    text = "9月19日，新宁县市场监督管理局在老广场开展新宁县第19个“质量月”宣传活动。"
    assert parse_text(text).year is None


def test_a_companys_hall_is_no_body_that_runs_a_campaign() -> None:
    text = (
        "9月是全国“质量月”。8月31日，山西焦煤在焦煤大厦一楼大厅举办了“质量月”牌板展。"
        "集团公司党委副书记及机关干部职工一同观看了牌板展。"
    )
    with pytest.raises(NoticeParseError):
        parse_text(text)


def test_a_last_partner_that_is_no_body_leaves_the_hosts_of_a_launch_found() -> None:
    text = (
        "本次活动由岳阳市质量强市领导小组办公室、岳阳市市场监管局和湖南汨罗循环经济产业园区共同主办。"
        "岳阳市2021年“质量月”活动启动仪式在汨罗举行。"
    )
    assert read(text) == (["岳阳市质量强市领导小组办公室", "岳阳市市场监管局"], [], "city")


def test_a_meeting_its_hosts_hold_together_is_one_event() -> None:
    text = "2011年全国“质量月”活动启动。会议由国家质检总局、教育部共同主办。"
    assert read(text)[1] == []


def test_a_federation_by_its_short_name_after_a_place_word_is_one_of_the_partners() -> None:
    text = "2023年“质量月”期间，长沙市市场监管局与市总工会、团市委、市妇联共同开展系列活动。"
    names = ["长沙市市场监管局", "市总工会", "团市委", "市妇联"]
    assert read(text) == (names, names, "city")


# --- learnt from fresh14 (session 19) ---------------------------------------------------------


def test_partners_a_lead_brings_in_by_their_short_names_run_the_campaign_with_it() -> None:
    text = (
        "本次“质量月开放日”活动是内江市市场监管局会同发改、经信、农业等10多个部门组织开展的"
        "“质量月”活动之一。"
    )
    names = ["内江市市场监管局", "发改", "经信", "农业"]
    assert read(text) == (names, names, "city")


def test_partners_a_lead_brings_to_a_square_hold_one_event_with_it() -> None:
    text = (
        "日前，绍兴市质监局联合发改、经信等13个部门，围绕群众关心的质量问题，在绍兴城市广场"
        "开展大型广场公益活动，将整个质量月活动推向高潮。"
    )
    assert read(text) == (["绍兴市质监局"], [], "city")


def test_a_places_bureau_in_its_systems_shorthand_is_spelt_as_the_text_names_it() -> None:
    text = "绍兴市局五大活动掀“质量月”广场活动高潮\n日前，绍兴市质监局在绍兴城市广场开展公益活动。"
    assert digest.spelt_out("绍兴市局", text) == "绍兴市质监局"


def test_hosts_listed_up_to_a_bare_deng_before_their_joint_verb_are_all_found() -> None:
    text = (
        "9月19日，由国家质检总局、工业和信息化部、全国总工会、中国质量协会等共同主办的"
        "全国第32次质量管理小组代表会议在西安召开。此次会议是全国质量月中的一项重大活动。"
    )
    names = ["国家质检总局", "工业和信息化部", "全国总工会", "中国质量协会"]
    assert read(text) == (names, [], "national")


def test_the_year_something_began_is_no_year_of_the_campaign() -> None:
    text = (
        "由国家质检总局等共同主办的全国质量管理小组代表会议召开，此次会议是全国质量月中的一项重大活动。"
        "据悉，公司自2003年开展质量管理小组活动以来，总计注册QC小组320多个。"
    )
    assert parse_text(text).year is None


def test_the_topic_of_a_discussion_is_no_theme_of_the_campaign() -> None:
    text = (
        "连日来，钟祥市市场监督管理局宣传专班走进企业，和企业负责人围绕“高质量发展”主题，共同探讨"
        "质量管理工作。\n据了解，今年“质量月”宣传活动的主题是“质量提升行动 加快建设质量强市”。"
    )
    assert parse_text(text).theme == "质量提升行动 加快建设质量强市"


def test_an_unquoted_theme_keeps_the_break_the_page_writes_between_its_halves() -> None:
    text = (
        "2024年9月是第47个全国“质量月”，主题是：加强质量支撑 共建质量强国。"
        "武汉质量与认证认可协会开展了一系列的质量活动。"
    )
    assert parse_text(text).theme == "加强质量支撑 共建质量强国"


def test_a_sectors_system_in_a_place_holds_the_places_campaign() -> None:
    text = "9月27日，柳州市住建系统2022年“质量月”启动仪式暨工程质量安全提升现场观摩会在万科城项目举行。"
    assert read(text) == ([], [], "city")


def test_a_notice_read_out_under_its_issuers_name_is_the_title_the_report_names() -> None:
    text = (
        "2021年9月1日，蓝田县举办2021年蓝田“质量月”活动启动仪式。启动仪式第二项由县市场监督管理局"
        "负责同志宣读了蓝田县质量发展委员会办公室《关于开展2021年蓝田质量月活动的通知》。"
    )
    assert parse_text(text).title == "关于开展2021年蓝田质量月活动的通知"


# --- probes of the genre's joint lists (session 19) -------------------------------------------


@pytest.mark.parametrize("partners", [["省质协", "省消委会"], ["省残联", "省侨联", "省文联"]])
def test_associations_and_federations_by_their_short_names_are_partners(partners) -> None:
    text = f"近日，湖北省市场监管局、{'、'.join(partners)}等部门联合开展2023年全省“质量月”活动。"
    names = ["湖北省市场监管局", *partners]
    assert read(text) == (names, names, "province")


def test_an_associations_whole_system_is_no_one_association() -> None:
    text = "8月28日，全国质协系统2018年全国“质量月”活动启动仪式在郑州举行。"
    assert read(text)[0] == []


def test_an_institute_among_a_provinces_departments_leaves_the_campaign_the_provinces() -> None:
    text = "近日，湖北省市场监管局、省质量强省办、省标准化院等部门联合开展2023年全省“质量月”活动。"
    assert read(text)[2] == "province"


@pytest.mark.parametrize("joins", ["联手", "携手", "同"])
def test_a_lead_brings_its_partners_in_by_any_of_the_genres_joining_words(joins: str) -> None:
    together = "联合" if joins == "同" else ""
    text = (
        f"近日，湖北省市场监管局{joins}省发展改革委、省教育厅{together}开展2023年全省“质量月”活动。"
    )
    names = ["湖北省市场监管局", "省发展改革委", "省教育厅"]
    assert read(text) == (names, names, "province")


def test_a_bureau_signing_with_its_second_name_is_the_issuer_by_its_first() -> None:
    text = (
        "关于开展2023年全市“质量月”活动的通知\n各县市区市场监督管理局：\n"
        "为做好2023年“质量月”工作，现就有关事项通知如下：\n一、活动主题\n质量强国 建设有我\n"
        "宜昌市市场监督管理局（宜昌市知识产权局）\n2023年8月30日"
    )
    assert read(text) == (["宜昌市市场监督管理局"], [], "city")


def test_a_lead_named_with_its_second_name_still_heads_its_list_of_partners() -> None:
    text = (
        "近日，湖北省市场监管局（省知识产权局）、省发展改革委、省教育厅等15个部门联合开展"
        "2023年全省“质量月”活动。"
    )
    names = ["湖北省市场监管局", "省发展改革委", "省教育厅"]
    assert read(text) == (names, names, "province")


# --- probes of the signature and the red head (session 19) ------------------------------------

_NOTICE = (
    "关于开展2023年全省“质量月”活动的通知\n各市州市场监督管理局：\n"
    "为深入贯彻落实《质量强国建设纲要》，决定在全省开展2023年“质量月”活动。现将有关事项通知如下：\n"
    "一、活动主题\n质量强国 建设有我\n"
)


@pytest.mark.parametrize(
    ("signature", "issuer"),
    [
        ("湖北省市场监督管理局（盖章）", "湖北省市场监督管理局"),
        (
            "湖北省质量强省工作领导小组办公室（省市场监管局代章）",
            "湖北省质量强省工作领导小组办公室",
        ),
    ],
)
def test_the_stamp_a_signature_notes_is_no_part_of_its_name(signature: str, issuer: str) -> None:
    parsed = parse_text(f"{_NOTICE}{signature}\n2023年8月25日")
    assert (parsed.issuers, parsed.issue_date) == ([issuer], "2023-08-25")


def test_a_signature_run_into_its_date_on_one_line_still_signs() -> None:
    parsed = parse_text(f"{_NOTICE}湖北省市场监督管理局 2023年8月25日")
    assert (parsed.issuers, parsed.issue_date) == (["湖北省市场监督管理局"], "2023-08-25")


def test_a_joint_red_head_on_one_line_keeps_its_number_and_title_apart() -> None:
    text = (
        "湖北省市场监督管理局 湖北省发展和改革委员会 湖北省教育厅文件\n鄂市监质联〔2023〕45号\n"
        f"{_NOTICE}2023年8月25日"
    )
    parsed = parse_text(text)
    names = ["湖北省市场监督管理局", "湖北省发展和改革委员会", "湖北省教育厅"]
    assert (parsed.issuers, parsed.doc_number) == (names, "鄂市监质联〔2023〕45号")
    assert parsed.title == "关于开展2023年全省“质量月”活动的通知"


def test_a_disclosure_pages_joint_issuers_and_its_title_line_are_read_as_labelled() -> None:
    text = (
        "索引号：011043/2023-12345\n发文机关：湖北省市场监督管理局、湖北省发展和改革委员会\n"
        "发文字号：鄂市监质联〔2023〕45号\n标题：关于开展2023年全省“质量月”活动的通知\n"
        "各市州市场监督管理局：\n为深入贯彻落实《质量强国建设纲要》，决定在全省开展2023年“质量月”活动。"
    )
    parsed = parse_text(text)
    assert parsed.issuers == ["湖北省市场监督管理局", "湖北省发展和改革委员会"]
    assert parsed.title == "关于开展2023年全省“质量月”活动的通知"


def test_a_body_that_holds_a_lecture_hosts_it_rather_than_gives_it() -> None:
    text = "9月5日，在平凉市市场监管局的指导下，平凉市质量协会举办2023年“质量月”质量知识讲座。"
    assert read(text) == (["平凉市质量协会"], [], "city")


@pytest.mark.parametrize("verb", ["扎实推进", "积极推动", "全力做好", "精心策划"])
def test_a_body_pushing_the_campaign_itself_on_runs_it(verb: str) -> None:
    text = f"常德市市场监管局{verb}2023年“质量月”活动。"
    assert read(text) == (["常德市市场监管局"], [], "city")


@pytest.mark.parametrize(
    "headline", ["常德市市场监管局“质量月”活动亮点纷呈", "常德市市场监管局质量月活动综述"]
)
def test_a_headline_naming_a_bodys_own_campaign_without_its_year_names_its_runner(
    headline: str,
) -> None:
    assert read(headline) == (["常德市市场监管局"], [], "city")


def test_a_roundup_giving_the_campaign_to_a_provinces_bodies_everywhere_names_none() -> None:
    text = (
        "今年“质量月”期间，湖北省各地市场监管部门积极开展活动。武汉市市场监管局举办质量知识竞赛；"
        "宜昌市市场监管局开展质量进社区活动。"
    )
    assert read(text) == ([], [], "province")


def test_a_joint_signature_row_keeps_a_second_named_bureau_apart_from_its_neighbour() -> None:
    text = (
        f"{_NOTICE}湖南省市场监督管理局（湖南省知识产权局）    湖南省发展和改革委员会\n"
        "湖南省教育厅（盖章）\n2023年8月25日"
    )
    names = ["湖南省市场监督管理局", "湖南省发展和改革委员会", "湖南省教育厅"]
    assert read(text) == (names, names, "province")


def test_a_customs_house_named_by_its_city_stands_among_a_provinces_departments() -> None:
    text = (
        "近日，湖北省市场监管局、省国资委、武汉海关、省广电局等部门联合开展2023年全省“质量月”活动。"
    )
    names = ["湖北省市场监管局", "省国资委", "武汉海关", "省广电局"]
    assert read(text) == (names, names, "province")


def test_a_national_bodys_provincial_branch_and_a_bank_branch_are_each_one_name() -> None:
    text = (
        "近日，湖北省市场监管局、国家税务总局湖北省税务局、人民银行武汉分行、湖北银保监局等部门"
        "联合开展2023年全省“质量月”活动。"
    )
    names = ["湖北省市场监管局", "国家税务总局湖北省税务局", "人民银行武汉分行", "湖北银保监局"]
    assert read(text) == (names, names, "province")


def test_a_central_bank_sub_branch_is_one_name_in_a_citys_list() -> None:
    text = (
        "近日，宜昌市市场监管局、人行宜昌市中心支行、宜昌银保监分局、市消委会等部门联合开展"
        "2023年全市“质量月”活动。"
    )
    names = ["宜昌市市场监管局", "人行宜昌市中心支行", "宜昌银保监分局", "市消委会"]
    assert read(text) == (names, names, "city")


def test_a_campaigns_organisers_listed_with_spaces_are_each_one_unit() -> None:
    text = "2023年宜昌市“质量月”活动主办单位：宜昌市市场监督管理局 宜昌市教育局 共青团宜昌市委"
    names = ["宜昌市市场监督管理局", "宜昌市教育局", "共青团宜昌市委"]
    assert read(text) == (names, names, "city")


def test_a_notice_a_report_gives_as_issued_names_its_issuers_in_its_title() -> None:
    text = (
        "近日，《湖北省市场监督管理局 湖北省发展和改革委员会关于开展2023年全省“质量月”活动的通知》"
        "印发，部署全省质量月工作。"
    )
    names = ["湖北省市场监督管理局", "湖北省发展和改革委员会"]
    assert read(text) == (names, names, "province")
