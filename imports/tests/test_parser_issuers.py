"""One pattern, one input: who issues or runs a campaign and at which level (issue #18) — unit
names told by their suffix and role verb, joint lists (联合/会同/等N个部门), one event's co-hosts,
name forms, and the level read off the issuer's name."""

from __future__ import annotations

from imports.parser import digest, header, parse_text, rules
from imports.parser.normalize import normalize


def bodies(text: str) -> tuple[list[str], list[str]] | None:
    return digest.campaign_bodies(normalize(text).text)


# --- unit names ---------------------------------------------------------------------------------


def test_a_league_central_committee_is_a_unit_name() -> None:
    assert rules.ORG_NAME.match("共青团中央")


def test_a_list_closed_by_a_bare_count_is_a_joint_notice() -> None:
    found = bodies(
        "今年9月是第14个“质量月”，国家质检总局、教育部、中华全国总工会、共青团中央4部门，"
        "联合下发《关于开展2011年全国“质量月”活动的通知》。"
    )
    names = ["国家质检总局", "教育部", "中华全国总工会", "共青团中央"]
    assert found == (names, names)


def test_a_name_does_not_run_across_the_verb_that_gives_its_role() -> None:
    found = bodies(
        "9月26日，某某区质量强区领导小组办公室召集部分成员单位及某某燃气公司在某某广场"
        "开展2023年“质量月”集中宣传活动。"
    )
    assert found == (["某某区质量强区领导小组办公室"], [])


def test_an_organisation_department_is_a_name_not_the_verb_organise() -> None:
    found = bodies("中共某某县委组织部、某某县市场监管局联合开展“质量月”活动。")
    names = ["中共某某县委组织部", "某某县市场监管局"]
    assert found == (names, names)


# --- role verbs and what lies between a body and its verb -----------------------------------------


def test_addressees_between_the_body_and_its_verb() -> None:
    found = bodies(
        "8月24日，国家质检总局向全国质检系统发出《关于深入开展2011年全国“质量月”活动的通知》。"
    )
    assert found == (["国家质检总局"], [])


def test_bodies_that_publish_a_notice_run_the_campaign_jointly() -> None:
    found = bodies(
        "市场监管总局、住房城乡建设部等27个部门近日发布通知，定于今年9月联合开展全国“质量月”活动。"
    )
    assert found == (["市场监管总局", "住房城乡建设部"], ["市场监管总局", "住房城乡建设部"])


def test_a_body_joined_by_others_it_does_not_name_runs_the_campaign_jointly() -> None:
    found = bodies("2016年9月质检总局联合相关部门、行业协会等单位共同开展全国“质量月”活动。")
    assert found == (["质检总局"], ["质检总局"])


def test_a_government_and_its_departments_counted_issue_a_notice_with_the_lead() -> None:
    found = bodies(
        "某某市委宣传部和市政府18个主要部门联合制定下发了《关于开展2013年某某市“质量月”活动的通知》。"
    )
    assert found == (["某某市委宣传部"], ["某某市委宣传部"])


def test_a_city_government_that_holds_the_launch_runs_its_campaign() -> None:
    found = bodies("9月9日下午，某某市政府在市会议中心召开2013年某某市“质量月”启动仪式。")
    assert found == (["某某市政府"], [])


def test_a_body_and_its_verb_apart_by_the_time_of_day() -> None:
    found = bodies("某某县市场监管局于9月15日上午在县城人民广场举办“质量月”宣传活动。")
    assert found == (["某某县市场监管局"], [])


def test_a_body_and_its_verb_apart_by_part_of_a_month() -> None:
    found = bodies("某某市市场监管局于8月下旬印发《某某市2020年“质量月”活动方案》。")
    assert found == (["某某市市场监管局"], [])


def test_a_body_and_its_verb_apart_by_how_it_takes_the_campaign() -> None:
    found = bodies("某某市市场监管局高度重视，精心组织开展“质量月”活动。")
    assert found == (["某某市市场监管局"], [])


# --- one event's co-hosts -------------------------------------------------------------------------


def test_the_body_named_before_yu_leads_an_event_it_co_hosts() -> None:
    found = bodies(
        "9月10日，某某市市场监管局与某某市总工会联合举办2023年某某市“质量月”活动启动仪式。"
    )
    assert found == (["某某市市场监管局"], [])


def test_co_hosts_of_a_street_publicity_day_leave_only_the_lead() -> None:
    found = bodies(
        "9月24日，县市场监督管理局联合县烟草专卖局、某某电力公司，在县城主要街道组织开展"
        "以“深入实施质量提升行动 大力推进质量强国建设”主题的“质量月”宣传活动。"
    )
    assert found == (["县市场监督管理局"], [])


def test_co_hosts_counted_as_related_units_leave_only_the_lead() -> None:
    found = bodies(
        "9月16日，某某县市场监管局联合某某县公安局、县住建局等9个相关单位在县北新广场举办了"
        "2022年某某县“质量月”宣传活动。"
    )
    assert found == (["某某县市场监管局"], [])


def test_co_hosts_of_a_launch_leave_the_host_of_the_campaigns_own_area() -> None:
    found = bodies(
        "9月17日上午，由南昌市市场监督管理局和南昌经开区市场监督管理局共同主办的"
        "2021年南昌市“质量月”活动启动仪式在某某购物中心举行。"
    )
    assert found == (["南昌市市场监督管理局"], [])


def test_a_joint_notice_outweighs_the_host_of_the_launch() -> None:
    found = bodies(
        "启动仪式由某某市人民政府主办、某某集团协办。"
        "某某市委宣传部和市政府18个主要部门联合制定下发了《关于开展2013年某某市“质量月”活动的通知》。"
    )
    assert found == (["某某市委宣传部"], ["某某市委宣传部"])


def test_a_joint_campaign_stated_outright_yields_to_the_sentence_naming_more_bodies() -> None:
    found = bodies(
        "国家市场监督管理总局、中共中央宣传部、国家发展和改革委员会等相关部门8月23日联合印发"
        "《关于开展2019年全国“质量月”活动的通知》。该通知确定2019年全国“质量月”活动由"
        "市场监管总局等14个部门联合主办。"
    )
    names = ["国家市场监督管理总局", "中共中央宣传部", "国家发展和改革委员会"]
    assert found == (names, names)


# --- a campaign given to a collective -------------------------------------------------------------


def test_a_department_quoted_after_a_collective_runs_nothing_alone() -> None:
    found = bodies(
        "今年“质量月”期间，我省17个部门将举办一系列“质量月”主题宣传活动。"
        "省市场监管局将举办质量提升推进会。"
    )
    assert found is None


# --- name forms -----------------------------------------------------------------------------------


def test_a_county_body_goes_by_its_own_place_without_province_and_city() -> None:
    assert digest.own_place("湖南省某某市某某县市场监管局") == "某某县市场监管局"


def test_a_generic_district_keeps_its_city() -> None:
    assert digest.own_place("某某市城区市场监管局") == "某某市城区市场监管局"


def test_a_prefecture_body_keeps_its_name() -> None:
    assert digest.own_place("新疆维吾尔自治区阿勒泰地区市场监督管理局") == (
        "新疆维吾尔自治区阿勒泰地区市场监督管理局"
    )


# --- joint titles ---------------------------------------------------------------------------------


def test_a_title_naming_the_lead_and_a_count_gives_issuer_and_co_organiser() -> None:
    text = (
        "市场监管总局等21个部门关于开展2022年全国“质量月”活动的通知\n"
        "各省、自治区、直辖市市场监管局：\n"
        "一、活动主题\n推动质量变革创新 促进质量强国建设\n"
        "二、活动重点\n（一）推动经济质量效益型发展。\n"
    )
    result = parse_text(text)
    assert (result.issuers, result.co_organizers) == (["市场监管总局"], ["市场监管总局"])


# --- level from the issuer's name -----------------------------------------------------------------


def test_a_ministry_named_without_a_place_is_national() -> None:
    assert header.level_of_name("科学技术部") == "national"


def test_a_party_department_of_a_county_is_not_national() -> None:
    assert header.level_of_name("县委宣传部") != "national"


def test_a_league_is_national() -> None:
    assert header.level_of_name("共青团中央") == "national"


def test_a_title_naming_two_bodies_of_one_place_gives_both_as_joint_issuers() -> None:
    text = (
        "湖南省质量强省工作领导小组办公室 湖南省市场监督管理局关于开展2023年“质量月”活动的通知\n"
        "各市州质量强市工作领导小组办公室、市场监督管理局：\n"
        "一、活动主题\n增强质量意识 推进高质量发展\n"
        "二、工作要求\n请于10月10日前报送工作总结。\n"
    )
    names = ["湖南省质量强省工作领导小组办公室", "湖南省市场监督管理局"]
    result = parse_text(text)
    assert (result.issuers, result.co_organizers) == (names, names)
