"""One pattern, one input: the parser's rules in isolation, including invented variants."""

from __future__ import annotations

import pytest

from imports.parser import activities, content, header, normalize, rules
from imports.parser.numerals import to_int
from imports.parser.structure import segment


def doc_of(text: str):
    return segment(normalize.normalize(text).lines)


# --- headings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        ("一、活动主题", "一", "活动主题"),
        ("十二、 省卫生健康委员会组织", "十二", "省卫生健康委员会组织"),
    ],
)
def test_first_level_heading(line: str, number: str, rest: str) -> None:
    m = rules.HEADING_1.match(line)
    assert m and (m.group(1), m.group(2)) == (number, rest)


@pytest.mark.parametrize(
    "line", ["（一）举办启动仪式", "(一)举办启动仪式", "( 一 ) 举办启动仪式", "（一)举办启动仪式"]
)
def test_second_level_heading_accepts_both_bracket_widths(line: str) -> None:
    m = rules.HEADING_2.match(line)
    assert m and m.group(1) == "一" and m.group(2).strip() == "举办启动仪式"


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("1. 大力增强质量意识", "1"),
        ("- 1.湖北质量 共创共享", "1"),
        ("10、弘扬工匠精神", "10"),
        ("1.2022年全省活动", "1"),
    ],
)
def test_third_level_heading(line: str, number: str) -> None:
    m = rules.HEADING_3.match(line)
    assert m and m.group(1) == number


@pytest.mark.parametrize("line", ["1.5吨以下的起重机械", "2023年9月举办"])
def test_numbers_that_are_not_headings(line: str) -> None:
    assert rules.HEADING_3.match(line) is None


# --- document numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湘市监办发〔2023〕57号", "湘市监办发〔2023〕57号"),
        ("湘市监办发[2023]57号", "湘市监办发[2023]57号"),
        ("湘市监办发（2023）57号", "湘市监办发（2023）57号"),
        ("湘市监办发(2023)57号", "湘市监办发(2023)57号"),
        ("湘市监办发【2023】57号", "湘市监办发【2023】57号"),
        ("国市监质发〔2023〕73 号", "国市监质发〔2023〕73号"),
        ("永市监质〔2023〕第35号", "永市监质〔2023〕第35号"),
        ("根据闽质强省办〔2023〕7号文件", "闽质强省办〔2023〕7号"),
    ],
)
def test_doc_number_variants(text: str, expected: str) -> None:
    m = rules.DOC_NUMBER.search(text)
    assert m and header.format_doc_number(m) == expected


def test_own_doc_number_must_stand_on_its_own_line() -> None:
    doc = doc_of("某某局文件\n按照国市监质发〔2023〕73号要求，特通知如下：\n一、活动主题\n质量第一")
    assert header.doc_number(doc) is None


def test_doc_number_line_may_carry_the_signer() -> None:
    doc = doc_of("某某局文件\n湘市监发〔2023〕5号      签发人：张三\n关于开展质量月活动的通知")
    assert header.doc_number(doc) == "湘市监发〔2023〕5号"


def test_basis_lists_every_cited_number_except_our_own() -> None:
    doc = doc_of(
        "永市监质〔2023〕35号\n根据《关于开展质量月活动的通知》（闽质强省办〔2023〕7号）和"
        "《关于开展质量月活动的通知》（明强市办〔2023〕8号）要求，通知如下："
    )
    assert header.basis(doc, "永市监质〔2023〕35号") == [
        "闽质强省办〔2023〕7号",
        "明强市办〔2023〕8号",
    ]


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年9月13日", "2023-09-13"),
        ("二〇二三年九月十三日", "2023-09-13"),
        ("二○二二年八月三十日", "2022-08-30"),
        ("2023 年 9 月 13 日", "2023-09-13"),
        ("2023年13月1日", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert header.iso_date(text) == iso


@pytest.mark.parametrize(
    ("text", "value"),
    [("十三", 13), ("二十一", 21), ("十", 10), ("九", 9), ("二〇二三", 2023), ("x", None)],
)
def test_chinese_numerals(text: str, value: int | None) -> None:
    assert to_int(text) == value


def test_issue_date_comes_from_the_signature_not_the_printing_line() -> None:
    doc = doc_of(
        "正文。\n永安市市场监督管理局\n2023年9月13日\n永安市市场监督管理局办公室\n2023年9月14日印发"
    )
    assert header.iso_date(doc.signature_date) == "2023-09-13"
    assert header.iso_date(doc.printed_date) == "2023-09-14"


# --- roles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        ("质量局牵头，办公室、综合处、宣传处等配合", ["质量局"], ["办公室", "综合处", "宣传处"]),
        ("质量发展局牵头，宣传处、计量处配合", ["质量发展局"], ["宣传处", "计量处"]),
        ("质量局牵头、人事处、宣传处配合", ["质量局"], ["人事处", "宣传处"]),
        ("计量处负责", ["计量处"], []),
        ("由计量处负责", ["计量处"], []),
        ("消保处牵头，相关处室按职责分工负责", ["消保处"], ["相关处室"]),
        ("协办：办公室、综合处", [], ["办公室", "综合处"]),
        ("牵头单位：质量科；协办单位：各监管所", ["质量科"], ["各监管所"]),
        ("牵头部门:质量科 配合部门:计量所", ["质量科"], ["计量所"]),
        ("质量科牵头，办公室协办", ["质量科"], ["办公室"]),
    ],
)
def test_roles(text: str, lead: list[str], support: list[str]) -> None:
    assert activities.parse_roles(text) == (lead, support)


def test_role_parenthesis_in_either_width() -> None:
    for text in ("开展活动（质量局牵头，宣传处配合）。", "开展活动(质量局牵头,宣传处配合)。"):
        [act] = activities.activities_from_item("一", text, "section")
        assert (act.title, act.lead, act.support) == ("开展活动", ["质量局"], ["宣传处"])


def test_item_with_several_owners_is_split_into_activities() -> None:
    text = "深入开展质量提升行动。举办首席质量官培训（质量局负责）。开展“质量体检”进企业活动（产品监督处负责）。"
    acts = activities.activities_from_item("四", text, "section")
    assert [(a.title, a.lead, a.parent) for a in acts] == [
        ("举办首席质量官培训", ["质量局"], "深入开展质量提升行动"),
        ("开展“质量体检”进企业活动", ["产品监督处"], "深入开展质量提升行动"),
    ]


def test_responsibility_in_running_prose_is_not_an_owner() -> None:
    [act] = activities.activities_from_item("一", "压实企业主体责任，由企业负责整改。", "section")
    assert act.lead == []


def test_co_organizer_named_at_the_start_leads_its_item() -> None:
    acts = activities.co_organizer_activities(
        ["二、省工业和信息化厅组织有关行业协会开展宣贯活动。"], []
    )
    assert acts[0].lead == ["省工业和信息化厅"]


def test_joint_organizers_after_the_lead_support_it() -> None:
    line = "四、省自然资源和规划厅联合市场监管局、省质量协会共同开展抽查活动。"
    [act] = activities.co_organizer_activities([line], ["省自然资源和规划厅"])
    assert (act.lead, act.support) == (["省自然资源和规划厅"], ["市场监管局", "省质量协会"])


# --- windows ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "window"),
    [
        ("9月", (9, 9, None, False)),
        ("9 月", (9, 9, None, False)),
        ("9-10 月", (9, 10, None, False)),
        ("6-10月", (6, 10, None, False)),
        ("8月-12月", (8, 12, None, False)),
        ("9月至10月", (9, 10, None, False)),
        ("9～10月", (9, 10, None, False)),
        ("9月中旬", (9, 9, "中旬", False)),
        ("10月下旬", (10, 10, "下旬", False)),
        ("9月底", (9, 9, "下旬", False)),
        ("九月", (9, 9, None, False)),
        ("2023年9月", (9, 9, None, False)),
        ("全年", (1, 12, None, True)),
    ],
)
def test_windows(when: str, window: tuple) -> None:
    got = activities.parse_window(when)
    assert got is not None
    assert (got.start_month, got.end_month, got.part, got.all_year) == window


@pytest.mark.parametrize("when", ["13月", "另行通知", "", None])
def test_windows_that_cannot_be_read(when: str | None) -> None:
    assert activities.parse_window(when) is None


# --- deadlines and materials ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("10月16日前将工作总结和有关图片、视频报送省局质量发展局。", "10-16"),
        ("活动总结、统计表请于10月14日前报送省质量强省办。", "10-14"),
        ("综合情况，请于10月15日前报省质量强省工作委员会办公室。", "10-15"),
        ("请于十月十六日前报送活动总结。", "10-16"),
        ("请于9月30日（含）前上报工作总结。", "09-30"),
        ("请于10月8日之前将典型案例发送至邮箱。", "10-08"),
        ("9月1日前完成部署。", None),
    ],
)
def test_deadlines(sentence: str, due: str | None) -> None:
    from imports.parser import reporting

    assert reporting.deadline(doc_of(sentence))[0] == due


def test_materials_in_the_order_written_longest_word_first() -> None:
    from imports.parser import reporting

    doc = doc_of("请于10月16日前将工作总结、统计表和有关图片、视频及典型案例报送。")
    assert reporting.materials(doc, reporting.deadline(doc)[1]) == [
        "工作总结",
        "统计表",
        "图片",
        "视频",
        "典型案例",
    ]


def test_summarize_as_a_verb_is_not_a_material() -> None:
    from imports.parser import reporting

    doc = doc_of("活动结束后及时总结，并将有关活动情况报送市场监管总局。")
    assert reporting.materials(doc, None) == ["活动情况"]


# --- contacts --------------------------------------------------------------------------------------------


def test_two_names_share_one_phone_and_mailbox() -> None:
    from imports.parser import reporting

    doc = doc_of("联系人：严文胜 吴艺曼\n电话（传真）：0731-85693710\n邮 箱：hnszlfzj@163.com")
    assert [c.name for c in reporting.contacts(doc)] == ["严文胜", "吴艺曼"]
    assert {c.phone for c in reporting.contacts(doc)} == {"0731-85693710"}
    assert reporting.contacts(doc)[0].fax == "0731-85693710"


def test_each_name_keeps_its_own_phone() -> None:
    from imports.parser import reporting

    doc = doc_of("联系人：张三，电话：0591-87654321；李四，电话：13800138000")
    assert [(c.name, c.phone) for c in reporting.contacts(doc)] == [
        ("张三", "0591-87654321"),
        ("李四", "13800138000"),
    ]


# --- recipients, level ----------------------------------------------------------------------------------------


def test_recipients_split_on_commas_and_on_enumerations_of_full_names() -> None:
    assert header.split_recipients("省公安厅、省总工会，各市、县、自治县质量强市（县）办公室") == [
        "省公安厅",
        "省总工会",
        "各市、县、自治县质量强市（县）办公室",
    ]


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("市场监管总局", "national"),
        ("国家市场监督管理总局", "national"),
        ("湖南省市场监督管理局办公室", "province"),
        ("省质量强省工作委员会办公室", "province"),
        ("北京市市场监督管理局", "province"),
        ("广西壮族自治区市场监督管理局", "province"),
        ("北京市海淀区市场监督管理局", "county"),
        ("福建省三明市市场监督管理局", "city"),
        ("沙县区市场监督管理局", "county"),
        ("宁化县市场监督管理局", "county"),
        # A county-level city, told by the divisions (test_parser_places.py); a place they do
        # not know stays open.
        ("永安市市场监督管理局", "county"),
        ("某某市市场监督管理局", None),
    ],
)
def test_level_from_the_name_alone(name: str, level: str | None) -> None:
    assert header.level_of_name(name) == level


@pytest.mark.parametrize(
    ("recipients", "level"),
    [(["各市场监管所", "各相关科室"], "county"), (["各县（市、区）市场监督管理局"], "city")],
)
def test_level_of_a_city_named_unit_from_its_recipients(recipients: list[str], level: str) -> None:
    # A place the divisions do not know: the name leaves its level open.
    doc = doc_of("某某通知")
    assert header.level(["某某市市场监督管理局"], recipients, doc)[0] == level


def test_a_city_implementing_another_citys_notice_is_county_level() -> None:
    doc = doc_of(
        "永安市市场监督管理局文件\n根据三明市市场监督管理局《关于开展质量月活动的通知》要求，现通知如下："
    )
    assert header.level(["永安市市场监督管理局"], [], doc) == ("county", True)


# --- theme and slogans ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "1. 人人创造质量 人人享受质量",
        "- 1.人人创造质量 人人享受质量",
        "（1）人人创造质量 人人享受质量",
        "“人人创造质量 人人享受质量”。",
        "人人创造质量 人人享受质量",
    ],
)
def test_slogan_numbering_and_quotes_are_removed(line: str) -> None:
    assert content.clean_phrase(line) == "人人创造质量 人人享受质量"


def test_theme_given_inline() -> None:
    doc = doc_of("今年活动主题为“增强质量意识 推进高质量发展”，各地要广泛宣传。")
    assert content.theme(doc) == ("增强质量意识 推进高质量发展", False)


def test_theme_label_alone_announces_the_next_line_in_slogan_attachment() -> None:
    doc = doc_of(
        "正文\n附件2\n活动口号\n主题：\n推动质量变革创新 促进质量强国建设\n口号：\n1.质量第一\n2.品质生活"
    )
    assert content.slogans(doc) == ["质量第一", "品质生活"]
    assert content.theme(doc)[0] == "推动质量变革创新 促进质量强国建设"


# --- tables --------------------------------------------------------------------------------------------


def test_table_rows_map_columns_by_header_and_skip_repeated_headers() -> None:
    lines = [
        "序号\t活动主题\t活动内容\t时间安排\t牵头部门\t协办单位\t备注",
        "1\t宣传活动\t张贴宣传画\t9 月\t质量科\t办公室\t",
        "序号\t活动主题\t活动内容\t时间安排\t牵头部门\t协办单位\t备注",
        "2\t讲座\t公益讲座\t9-10 月\t质量科\t各监管所、计量所\t",
    ]
    acts = activities.table_activities(lines)
    assert [(a.title, a.when, a.lead, a.support) for a in acts] == [
        ("宣传活动", "9 月", ["质量科"], ["办公室"]),
        ("讲座", "9-10 月", ["质量科"], ["各监管所", "计量所"]),
    ]


def test_table_columns_in_another_order_with_synonyms() -> None:
    lines = ["活动名称\t责任单位\t配合单位\t完成时限", "质量讲座\t质量科\t办公室\t9月下旬"]
    [act] = activities.table_activities(lines)
    assert (act.title, act.lead, act.support, act.when) == (
        "质量讲座",
        ["质量科"],
        ["办公室"],
        "9月下旬",
    )


# --- opening paragraph, schedule rows, names with brackets -------------------------------------

OPENING_DOC = """永安市市场监督管理局文件
永市监质〔2023〕35号
永安市市场监督管理局关于印发2023年“质量月”活动方案的通知
各市场监管所，各相关科室：
根据上级通知要求，现就有关事项通知如下：
一、活动主题
增强质量意识 推进高质量发展
二、重点活动安排
（一）开展质量宣传活动。发挥新闻媒体宣传引导作用。
附件：2023年“质量月”活动计划安排表
永安市市场监督管理局
2023年9月13日
附件
2023年“质量月”活动计划安排表
序号\t活动主题\t活动内容\t时间安排\t牵头部门\t协办单位\t备注
1\t营造计量放心消费环境\t开展定量包装商品计量监督检查。\t9月\t质量科\t各县（市、区）市场监管局、计量所\t
"""


def test_the_opening_paragraph_before_the_first_heading_is_kept() -> None:
    assert content.opening(doc_of(OPENING_DOC)) == ["根据上级通知要求，现就有关事项通知如下："]


def test_a_schedule_tables_rows_are_the_activities_not_the_prose_items_besides() -> None:
    found, certain = activities.activities(doc_of(OPENING_DOC), [])
    assert certain and [a.title for a in found] == ["营造计量放心消费环境"]


def test_a_separator_inside_brackets_does_not_split_a_name() -> None:
    found, _ = activities.activities(doc_of(OPENING_DOC), [])
    assert found[0].support == ["各县（市、区）市场监管局", "计量所"]


def test_the_copied_to_line_of_the_imprint_is_read_without_label_and_full_stop() -> None:
    doc = doc_of(
        OPENING_DOC.replace(
            "附件\n2023年",
            "抄送：市委办公室，市政府办公室。\n永安市市场监督管理局办公室 2023年9月13日印发\n附件\n2023年",
            1,
        )
    )
    assert header.copied_to(doc) == "市委办公室，市政府办公室"
    assert header.copied_to(doc_of(OPENING_DOC)) == ""
