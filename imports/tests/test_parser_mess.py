"""Real-world mess: web boilerplate, stray spaces, wrapped lines, traditional characters."""

from __future__ import annotations

import pytest

from imports.parser import NoticeParseError, parse_text
from imports.parser.accuracy import DEFAULT_FIXTURES, SEED_FALLBACK
from imports.parser.normalize import fix_spaces, join_wrapped, normalize, strip_boilerplate

MINIMAL = """某某市市场监督管理局文件
某市监〔2024〕12号
某某市市场监督管理局关于开展2024年“质量月”活动的通知
各县（市、区）市场监督管理局：
一、活动主题
加强质量支撑 共建质量强国
二、主要活动
（一）举办启动仪式（质量发展科牵头，办公室配合）。
三、工作要求
请于10月10日前报送工作总结。
某某市市场监督管理局
2024年9月2日
"""


def seed(name: str) -> str:
    path = DEFAULT_FIXTURES / name
    return (path if path.exists() else SEED_FALLBACK / name).read_text(encoding="utf-8")


def test_spaces_inside_words_are_removed() -> None:
    assert fix_spaces("关于开展 2023 年 “质量月” 活动的通知") == "关于开展2023年“质量月”活动的通知"


def test_spaces_between_slogan_halves_are_kept() -> None:
    assert fix_spaces("增强质量意识 推进高质量发展") == "增强质量意识 推进高质量发展"


def test_table_cells_keep_their_text() -> None:
    assert fix_spaces("1\t讲座 \t9-10 月\t质量科") == "1\t讲座\t9-10 月\t质量科"


def test_a_sentence_cut_across_lines_is_rejoined() -> None:
    lines = [
        "（一）专题组织学习教育活动。深入学习贯彻重要论述，强化各级党委、",
        "政府高质量发展意识。",
        "（二）广泛开展质量提升活动。",
    ]
    assert join_wrapped(lines) == [
        "（一）专题组织学习教育活动。深入学习贯彻重要论述，强化各级党委、政府高质量发展意识。",
        "（二）广泛开展质量提升活动。",
    ]


def test_headings_and_titles_are_not_joined_to_the_next_line() -> None:
    lines = [
        "湖南省市场监督管理局办公室关于印发活动方案的通知",
        "省药品监督管理局，各市州市场监督管理局：",
        "一、活动主题",
        "增强质量意识 推进高质量发展",
    ]
    assert join_wrapped(lines) == lines


def test_web_page_title_and_related_links_are_stripped() -> None:
    lines = [
        "市场监管总局等25个部门共同发布《关于开展2023年全国质量月活动的通知》发布-凯发旗舰",
        "关于开展2023年全国“质量月”活动的通知",
        "正文。",
        "- 市场监管总局等27个部门发布《关于开展2024年全国“质量月”活动的通知》(2024-08-21)",
        "上一篇：某某新闻",
    ]
    kept, dropped = strip_boilerplate(lines)
    assert kept == ["关于开展2023年全国“质量月”活动的通知", "正文。"]
    assert len(dropped) == 3


def test_a_headline_with_its_date_in_brackets_is_not_a_sites_title_bar() -> None:
    lines = ["临淄质监分局举办“2004年质量月宣传咨询服务日”活动 (2004-09-10)", "正文。"]
    kept, _dropped = strip_boilerplate(lines)
    assert kept == lines


def test_traditional_text_is_converted_and_the_original_kept() -> None:
    import opencc

    traditional = opencc.OpenCC("s2t").convert(MINIMAL)
    result = parse_text(traditional)
    assert result.theme == "加强质量支撑 共建质量强国"
    assert result.original_text == traditional
    assert any("繁体" in w for w in result.warnings)


def test_a_variant_form_that_opencc_leaves_is_read_as_its_simplified_character() -> None:
    # A traditional mirror writes 陜 (not 陝); OpenCC's t2s keeps it, and the province is lost.
    text = "由質檢總局、陜西省人民政府、國家認監委共同主辦，陜西省質監局承辦。"
    assert "陕西省人民政府" in normalize(text).text
    assert "陜" not in normalize(text).text


def test_simplified_text_has_no_original_text() -> None:
    assert parse_text(MINIMAL).original_text is None
    assert "original_text" not in parse_text(MINIMAL).to_json()


def test_full_width_digits_are_read() -> None:
    result = parse_text(MINIMAL.replace("2024年9月2日", "２０２４年９月２日"))
    assert result.issue_date == "2024-09-02"


def test_minimal_city_notice() -> None:
    result = parse_text(MINIMAL)
    assert result.doc_number == "某市监〔2024〕12号"
    assert result.level == "city"
    assert result.issue_date == "2024-09-02"
    assert result.report_deadline == "10-10"
    assert result.report_materials == ["工作总结"]
    [act] = result.activities
    assert (act.lead, act.support) == (["质量发展科"], ["办公室"])


def test_missing_number_and_date_are_warned_not_fatal() -> None:
    text = MINIMAL.replace("某市监〔2024〕12号\n", "").replace("2024年9月2日\n", "")
    result = parse_text(text)
    assert result.doc_number is None and result.issue_date is None
    assert "未找到发文字号。" in result.warnings
    assert result.year == 2024


def test_chinese_numeral_signature_date() -> None:
    result = parse_text(MINIMAL.replace("2024年9月2日", "二〇二四年九月二日"))
    assert result.issue_date == "2024-09-02"


def test_unnumbered_slogans_in_an_attachment() -> None:
    text = MINIMAL + "附件\n“质量月”活动口号\n质量第一 品质生活\n人人创造质量 人人享受质量\n"
    assert parse_text(text).slogans == ["质量第一 品质生活", "人人创造质量 人人享受质量"]


def test_seed_with_web_boilerplate_and_mixed_punctuation() -> None:
    result = parse_text(seed("2023-national-notice.txt"))
    assert result.title == "关于开展2023年全国“质量月”活动的通知"
    assert len(result.issuers) == 25


def test_seed_reflowed_into_short_lines_still_parses() -> None:
    # Simulate a PDF text layer: every paragraph cut at 30 characters.
    text = seed("2023-hunan-province-plan.txt")
    wrapped = "\n".join(
        "\n".join(line[i : i + 30] for i in range(0, len(line), 30)) if "\t" not in line else line
        for line in text.split("\n")
    )
    result = parse_text(wrapped)
    assert result.doc_number == "湘市监办发〔2023〕57号"
    assert result.report_deadline == "10-16"
    assert [a.lead for a in result.activities][3:8] == [
        ["质量局"],
        ["产品监督处"],
        ["计量处"],
        ["标准化处"],
        ["认证处"],
    ]


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_blank_text_is_an_error(text: str) -> None:
    with pytest.raises(NoticeParseError, match="空"):
        parse_text(text)


def test_normalize_reports_dropped_boilerplate() -> None:
    assert normalize("质量月活动通知发布-某某网站\n关于开展质量月活动的通知\n正文。").warnings


def test_a_page_number_between_two_pages_lines_leaves_the_cut_sentence_whole() -> None:
    lines = normalize("活动以“质量强国 建设有我\n— 1 —\n”为主题。").lines
    assert lines == ["活动以“质量强国 建设有我”为主题。"]


def test_a_wrapped_line_that_starts_with_the_word_theme_continues_its_sentence() -> None:
    text = "近日，长沙市市场监管局会同市发改委等18个部门联合开展活动，活动以“质量强国 建设有我”为\n主题。"
    assert len(normalize(text).lines) == 1
