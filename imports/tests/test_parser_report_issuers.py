"""Who runs a campaign and at which level, read from a report as held-out documents write it
(issue #18, session 9): one pattern, one input each. Places and bodies are real names because
the campaign's area is a place China's divisions know."""

from __future__ import annotations

from imports.parser import digest, header, parse_text, places, rules
from imports.parser.normalize import normalize


def read(text: str) -> tuple[list[str], list[str], str | None]:
    parsed = parse_text(text)
    return parsed.issuers, parsed.co_organizers, parsed.level


def bodies(text: str) -> tuple[list[str], list[str]] | None:
    return digest.campaign_bodies(normalize(text).text)


# --- the campaign's own area ------------------------------------------------------------------


def test_a_report_takes_its_level_from_the_campaigns_area() -> None:
    _issuers, _co, level = read("2023年吉安市“质量月”活动由吉安市人民政府主办。")
    assert level == "city"


def test_a_technical_institution_keeps_its_own_level_in_a_provinces_campaign() -> None:
    text = "2022年江西省“质量月”期间，江西省检验检测认证总院举办实验室开放日活动。"
    assert read(text) == (["江西省检验检测认证总院"], [], "station")


def test_a_body_of_another_level_than_the_campaigns_area_is_no_issuer() -> None:
    text = "2023年吉安市“质量月”活动启动。"
    assert digest.own_area(["江西省市场监督管理局"], text) == []


def test_co_hosts_of_two_levels_hold_one_event_not_a_joint_campaign() -> None:
    text = "9月1日，2023年吉安市“质量月”活动启动仪式在人民广场举行。活动由江西省市场监督管理局、吉安市人民政府共同主办。"
    assert read(text) == (["吉安市人民政府"], [], "city")


def test_only_places_the_divisions_know_are_places() -> None:
    assert places.is_place("福建省")
    assert not places.is_place("根据省")  # "根据省、市局开展质量月活动的要求"


def test_a_place_after_zai_is_where_the_event_is_not_whose_campaign() -> None:
    text = "9月7日，住房和城乡建设部在山东省青岛市举办全国住房和城乡建设系统“质量月”启动暨现场观摩活动。"
    assert header.campaign_area(text) is None


def test_a_prefecture_named_alone_is_city_level() -> None:
    assert header.level_of_body("黔东南州", "") == "city"


def test_quanguo_before_the_campaign_names_the_national_campaign() -> None:
    assert header.level_from_text("8月31日，全国“质量月”活动启动仪式在上海召开。") == "national"


def test_quanguo_quality_month_as_a_time_names_no_national_campaign() -> None:
    text = "近日，2025年全国“质量月”期间，上海市发布质量状况分析报告。"
    assert not header.national_campaign(text)


def test_a_systems_place_is_the_campaigns_area() -> None:
    assert header.campaign_area("福建省质监部门多举措开展2017年“质量月”活动") == "福建省"


# --- who acts ---------------------------------------------------------------------------------


def test_places_sharing_one_bodys_name_are_each_a_unit() -> None:
    assert digest.shared_names("9月2日，市、县市场监管局联合开展") == (
        "9月2日，市市场监管局、县市场监管局联合开展"
    )


def test_bodies_at_an_events_scene_take_part_and_run_nothing() -> None:
    text = "活动现场，市市场监管局、县卫健局等10余个部门围绕“质量月”开展宣传。"
    assert bodies(text) is None


def test_a_sectors_own_bureau_runs_its_quality_month() -> None:
    assert read("近日，永新县水利局组织开展2023年“质量月”活动。")[0] == ["永新县水利局"]


def test_a_technical_institution_named_short_is_a_station() -> None:
    assert rules.STATION_NAME.search("省特检院")


def test_a_metrology_institute_runs_its_own_activity() -> None:
    text = "9月8日，吉安市计量测试研究所开展“质量月”计量服务活动。"
    assert read(text) == (["吉安市计量测试研究所"], [], "station")


def test_a_name_does_not_run_across_zhuban() -> None:
    text = "9月1日，由江西省市场监督管理局主办、吉安市市场监督管理局承办的2022年江西省“质量月”活动启动仪式在吉安市举行。"
    assert read(text)[0] == ["江西省市场监督管理局"]


def test_a_place_that_holds_the_campaign_makes_a_report() -> None:
    assert read("今天，我市在某某公司启动2019年全国质量月暨质量开放日活动。")[0] == []


def test_a_body_after_zai_is_where_it_happens_not_who_acts() -> None:
    sentence = "9月17日，县市场监督管理局联合县检察院，在县质量计量检测所组织开展“质量月”活动"
    assert [m.group("lead") for m in digest.subjects(sentence)] == ["县市场监督管理局"]


def test_a_ministry_named_without_a_place_runs_its_sectors_campaign() -> None:
    text = "9月7日，住房和城乡建设部在山东省青岛市举办全国住房和城乡建设系统“质量月”启动暨现场观摩活动。"
    assert read(text) == (["住房和城乡建设部"], [], "national")


def test_a_unit_seen_through_its_staff_is_no_issuer() -> None:
    text = (
        "9月4日，固安县召开“质量月”启动仪式。县市场局负责同志宣读了《2024年全县“质量月”活动方案》。"
    )
    assert read(text)[0] == []


def test_a_body_that_carries_out_the_campaigns_publicity_runs_it() -> None:
    text = "近日，四川省攀枝花市质监局在米易、盐边等各区（县）进行“质量月”巡回宣传。"
    assert read(text)[0] == ["四川省攀枝花市质监局"]


def test_a_line_glued_to_a_url_starts_a_clause() -> None:
    text = "文章出处:http://www.example.gov.cn/t20140912_452066.htm福建省计量院积极开展“质量月”活动"
    assert read(text)[0] == ["福建省计量院"]


def test_a_count_after_a_number_is_no_clause_start() -> None:
    sentence = "“质量月”伊始，66家上海市质监局授权质检站启动开放日"
    assert [m.group("lead") for m in digest.subjects(sentence)] == []


def test_a_sites_name_above_a_copied_page_is_no_issuer() -> None:
    text = "政讯通中心\n9月6日，2024年湖南省“质量月”活动启动仪式在常德举行。"
    assert read(text)[0] == []


def test_a_community_as_partner_makes_one_event() -> None:
    text = "近日，四川天府新区市场监管局联合兴隆街道保水社区共同开展“质量月”主题活动。"
    assert read(text)[:2] == (["天府新区市场监管局"], [])


def test_a_count_closes_a_list_before_the_next_name() -> None:
    names = digest._split("国家质检总局、教育部、工信部等部门和上海市人民政府")
    assert names == ["国家质检总局", "教育部", "工信部", "上海市人民政府"]


def test_a_quoted_name_counts_as_one_word_before_the_event() -> None:
    after = "了一场“2025年质量月、有机产品认证宣传周、绿色产品认证及标识宣传周、服务认证体验周、质量认证体系宣传周、检验检测机构开放日”集中宣传活动"
    assert rules.EVENT_OBJECT.match(after)


def test_an_event_named_inside_its_quotes() -> None:
    assert rules.EVENT_OBJECT.match("“2016‘全国质量月’质量知识普及竞赛”活动")


def test_bodies_that_hold_a_launch_together_are_no_co_organisers() -> None:
    text = "由湖南省质监局、省经信委、省国资委3部门联合举行的“首席质量官”启动仪式在长沙举行，2014年湖南省“质量月”活动开始。"
    assert read(text)[1] == []


def test_a_campaign_given_to_a_system_has_no_single_issuer() -> None:
    text = "福建省质监部门多举措开展2017年“质量月”活动\n今年“质量月”期间，省纤检局将围绕主题开展10余项活动。"
    assert read(text)[0] == []


def test_a_short_name_is_given_as_the_text_spells_it_out() -> None:
    text = "苏州市计量所开展质量月活动\n9月23日，苏州市计量测试研究所开展“质量月”实验室开放活动。"
    assert digest.spelt_out("苏州市计量所", text) == "苏州市计量测试研究所"


def test_a_headlines_subject_runs_what_it_does() -> None:
    text = "上海市质监局开展“检测实验室开放日”活动\n“质量月”伊始，上海市质监局动员各检测机构参与。"
    assert read(text)[0] == ["上海市质监局"]


def test_bodies_acting_together_at_a_campaign_event_are_its_hosts_not_co_organisers() -> None:
    text = (
        "9月15日，永新县在中心广场开展“质量月”宣传活动，县市场监管局联合县卫健局等部门设立咨询台。"
    )
    assert bodies(text) == (["县市场监管局"], [])


def test_a_national_bodys_local_branch_is_of_its_place() -> None:
    assert header.level_of_body("国家税务总局吉安市税务局", "") == "city"


def test_an_institutes_name_is_read_whole_past_its_section_like_words() -> None:
    text = "9月20日，中国计量科学研究院开展“质量月”开放日活动。"
    assert read(text)[0] == ["中国计量科学研究院"]


def test_a_long_sector_bureau_makes_a_report() -> None:
    text = "9月5日，吉安市住房和城乡建设局组织开展2023年建筑工程“质量月”活动。"
    assert read(text)[0] == ["吉安市住房和城乡建设局"]


def test_a_place_with_he_in_its_name_is_a_place() -> None:
    assert header.campaign_area("9月2日，泰和县举行2023年“质量月”活动启动仪式。") == "泰和县"


def test_he_after_a_place_joins_two_places() -> None:
    assert header.campaign_area("2024年福建省和福州市“质量月”活动启动。") == "福建省"


def test_a_web_sites_name_above_a_copied_page_is_no_issuer() -> None:
    text = "吉安市人民政府门户网站\n9月5日，2023年吉安市“质量月”活动启动仪式在人民广场举行。"
    assert read(text)[0] == []


def test_an_inspection_and_quarantine_bureau_runs_its_own_quality_month() -> None:
    assert read("近日，江西出入境检验检疫局部署开展2014年“质量月”活动。")[0] == [
        "江西出入境检验检疫局"
    ]


# --- session 11: the mechanisms the earlier fresh parts taught, once they joined dev ---------


def test_a_branch_after_its_institute_is_part_of_its_name() -> None:
    text = "近日，内蒙古特检院乌兰察布分院以“质量强国”为主题，组织开展了2021年“质量月”宣传活动。"
    assert read(text)[0] == ["内蒙古特检院乌兰察布分院"]


def test_a_clause_that_ends_like_a_name_is_no_body() -> None:
    assert not digest._runs_campaigns("作为广州质量月活动的一部")


def test_a_bodys_staff_are_no_body() -> None:
    assert not digest._runs_campaigns("微山县质监局全体干部")


def test_a_news_sources_byline_is_no_body() -> None:
    assert not digest._runs_campaigns("中国食品安全网讯(邯郸市市场监督管理局")


def test_bureaus_counted_are_no_one_body() -> None:
    assert not digest._runs_campaigns("福田区质检两局")


def test_a_bare_body_names_no_place() -> None:
    assert not digest._runs_campaigns("市场监管局")


def test_a_prefectures_relative_name_runs_campaigns() -> None:
    assert digest._runs_campaigns("州质监局")


def test_the_sentence_after_one_dating_the_campaign_is_about_it() -> None:
    text = (
        "今年9月是第46个全国“质量月”。9月20日，合肥市蜀山区市场监管局联合笔架山街道开展"
        "“增强质量意识 推进高质量发展”主题宣传活动。"
    )
    assert read(text)[:2] == (["蜀山区市场监管局"], [])


def test_past_work_after_a_sentence_on_the_campaign_does_not_run_it() -> None:
    text = (
        "“质量月”活动，是贯彻落实《质量强国建设纲要》的重要抓手。近年来，郑州市委、市政府"
        "始终高度重视质量工作，大力开展质量提升行动。"
    )
    assert bodies(text) is None


def test_one_department_after_a_collective_at_work_does_not_run_it() -> None:
    text = "我省17个部门围绕“质量月”主题，安排了一系列活动。省市场监管局将举办质量提升推进会。"
    assert bodies(text) is None


def test_a_co_host_of_the_campaigns_own_area_hosts_when_the_lead_is_of_another() -> None:
    text = (
        "广东省湛江市市场监督管理局联合霞山区市场监督管理局在霞山商业步行街开展了2023年霞山区"
        "“质量月”宣传活动。"
    )
    assert read(text)[:2] == (["霞山区市场监督管理局"], [])


def test_member_units_a_body_acts_with_are_a_collective() -> None:
    text = "下一步，市市场监管局将会同市食安委相关成员单位，以“质量月”为契机开展群众性质量活动。"
    assert bodies(text) == (["市市场监管局"], ["市市场监管局"])


def test_a_contractors_clause_does_not_hide_the_event_its_hosts_hold() -> None:
    text = (
        "9月26日，由山东省质量技术监督局与共青团山东省委共同主办，省质量评价协会承办的“质量在我"
        "心中”演讲比赛决赛在济南举行，这是今年“质量月”的一项活动。"
    )
    assert read(text)[:2] == (["山东省质量技术监督局"], [])


def test_a_body_that_only_assists_an_event_runs_nothing() -> None:
    text = "9月5日，由红河州人民政府主办，红河州质监局协办的红河州质量月活动启动仪式在蒙自南湖广场举行。"
    assert read(text)[0] == ["红河州人民政府"]


def test_an_activity_of_its_own_name_is_one_event() -> None:
    assert rules.EVENT_OBJECT.match("“质量知识校园行”活动走进宜昌市青少年综合实践学校")
    assert not rules.EVENT_OBJECT.match("“质量月”活动")


def test_a_fibre_inspection_bureau_is_a_station() -> None:
    assert header.level_of_body("省纤检局宜昌分局", "") == "station"


def test_a_branch_named_by_its_district_is_of_the_county_level() -> None:
    assert header.level_of_body("海口市市场监督管理局琼山分局", "") == "county"


def test_a_relative_city_body_in_a_county_level_citys_report_is_of_the_county_level() -> None:
    text = "2021年9月是第44个全国“质量月”。射洪市重点围绕五个方面，开展18项系列活动。"
    assert header.level_of_body("市市场监督管理局", text) == "county"


def test_a_regions_quality_office_is_no_county() -> None:
    name = "新疆维吾尔自治区质量强区工作领导小组办公室"
    assert header.level_of_name(name) == "province"
    assert digest.own_place(name) == name


def test_a_province_by_its_short_name_is_given_as_the_text_spells_it() -> None:
    text = (
        "甘肃检验检疫局启动“质量月”活动\n2016年甘肃出入境检验检疫局“质量月”活动于9月2日正式开始。"
    )
    assert digest.spelt_out("甘肃检验检疫局", text) == "甘肃出入境检验检疫局"


def test_the_links_to_the_next_article_close_a_news_page() -> None:
    text = (
        "8月30日，湖北省2018年“质量月”活动启动仪式在武汉举行。\n"
        "上一篇:市场监管总局等三十四部门联合开展全国“质量月”活动\n"
        "下一篇:大企业发展稳中向好\n栏目推荐\n"
    )
    assert "市场监管总局" not in normalize(text).text


def test_the_federation_of_industry_and_commerce_is_one_of_the_departments_listed() -> None:
    text = "苏州市质监局、苏州市经信委、工商联、总工会、团市委等5部门联合发布了《关于开展2010年全市“质量月”活动的通知》。"
    assert bodies(text) == (["苏州市质监局", "苏州市经信委", "工商联", "总工会", "团市委"],) * 2


def test_a_provincial_party_department_is_of_its_province() -> None:
    assert header.level_of_body("中共山东省委宣传部", "") == "province"


def test_of_co_hosts_listed_after_their_lead_the_one_named_with_its_place_hosts() -> None:
    text = (
        "9月6日上午，由安徽省石台县质监局、经信委、工商联、总工会、团县委等五部门联合主办的全县"
        "“质量月”活动启动仪式在县城街道举行。"
    )
    assert read(text)[:2] == (["石台县质监局"], [])


def test_a_bodys_member_units_at_an_event_are_a_collective_not_the_body() -> None:
    text = "县质量发展领导小组各成员单位及企业代表共200余人参加了质量月启动仪式。"
    assert bodies(text) is None


def test_an_institutes_teachers_are_its_people_not_the_institute() -> None:
    text = "今年“质量月”期间，市质检院授课老师们围绕常见的学生用品质量问题进行了讲解。"
    assert bodies(text) is None


def test_a_body_after_a_places_own_words_runs_the_campaign() -> None:
    # Reports leave the place's kind out (图木舒克市 → 图木舒克质监局); a word that only looks
    # like the start of a name (宣传质监局) is no place.
    assert places.starts_with_place_word("铁岭质监局", rules.CAMPAIGN_BODY)
    assert not places.starts_with_place_word("宣传质监局", rules.CAMPAIGN_BODY)
    text = "9月4日，铁岭质监局启动了2016年“质量月”活动。"
    assert read(text)[0] == ["铁岭质监局"]


def test_a_body_after_a_places_own_words_has_that_places_level() -> None:
    text = "9月4日，图木舒克质监局启动了2016年“质量月”活动。"
    assert read(text) == (["图木舒克质监局"], [], "county")
    # 铁岭 is a city's name and a county's: said bare it is the city, as a text names the
    # county 铁岭县 to tell it from the city (session 17, the fresh7 铁岭 plan).
    assert places.level_of_place_word("铁岭质监局", rules.CAMPAIGN_BODY) == "city"
    assert places.level_of_place_word("嵊泗检验检疫局", rules.CAMPAIGN_BODY) == "county"


def test_this_bureau_is_the_bureau_named_before_it() -> None:
    text = "江西省市场监管局推动质量工作取得成效。“质量月”期间，该局开展质量宣传。"
    assert digest.this_bureau(text).endswith("期间，江西省市场监管局开展质量宣传。")


def test_a_bureau_that_directs_its_whole_system_runs_the_campaign() -> None:
    text = "2020年“质量月”期间，江西省市场监管局要求全省各级市场监管部门加强宣传。"
    assert read(text)[0] == ["江西省市场监管局"]


def test_the_body_before_zuzhi_de_hosts_the_event_that_follows() -> None:
    # "X组织的…启动仪式" says what "…启动仪式由X组织" says, without 由.
    text = (
        "9月8日，市场监管总局组织的全国检验检测机构开放日活动启动仪式在北京举办。"
        "全国检验检测机构开放日是全国质量月活动的重要内容。"
    )
    assert bodies(text) == (["市场监管总局"], [])


def test_a_lead_that_joins_departments_by_their_count_runs_a_joint_campaign() -> None:
    text = "今年陕西“质量月”活动由陕西省质监局牵头，联合31个相关部门共同开展。"
    assert bodies(text) == (["陕西省质监局"], ["陕西省质监局"])


def test_a_count_of_departments_may_carry_two_qualifiers() -> None:
    assert rules.RUN_BY.search("活动由陕西省质监局牵头，联合31个省级相关部门共同开展").group(
        "count_after"
    )


def test_units_that_organise_a_launch_together_host_one_event_not_a_joint_campaign() -> None:
    text = "9月11日，由青海省委宣传部、青海省质监局等32个单位共同组织的2017年青海省“质量月”启动仪式在西宁举行。"
    issuers, co_organizers, _level = read(text)
    assert co_organizers == []
    assert issuers == ["青海省委宣传部", "青海省质监局"]


def test_a_body_named_by_its_provinces_short_name_is_of_that_provinces_area() -> None:
    hosts = ["青海省质监局", "青海出入境检验检疫局"]
    text = "2017年青海省“质量月”启动仪式在西宁举行。"
    assert digest.event_host(hosts, text) == hosts


def test_a_districts_branch_bureau_runs_a_campaign() -> None:
    assert digest._runs_campaigns("临淄质监分局")
