"""The headline the preview offers for 标题 when the parser read no title."""

from imports.models import NoticeImport
from imports.parser import ParsedNotice
from imports.selectors import title_suggestions


def _offered(text: str, title: str | None = None) -> list[str]:
    return title_suggestions(NoticeImport(source_text=text), ParsedNotice(title=title))


def test_a_report_s_headline_is_offered_past_the_page_s_location_line():
    text = (
        "当前位置：首页 > 工作动态\n"
        "株洲市启动2023年“质量月”活动\n"
        "9月1日，株洲市2023年“质量月”活动启动仪式在神农公园举行。\n"
    )
    assert _offered(text) == ["株洲市启动2023年“质量月”活动"]


def test_a_sentence_is_no_headline():
    text = "9月1日，株洲市2023年“质量月”活动启动仪式在神农公园举行。\n现场发放质量宣传资料。\n"
    assert _offered(text) == []


def test_nothing_is_offered_when_a_title_was_read():
    text = "株洲市启动2023年“质量月”活动\n正文。\n"
    assert _offered(text, title="关于开展2023年“质量月”活动的通知") == []
