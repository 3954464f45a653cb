"""The report text shown to superiors (reports.sanitize): typed text laid out, markup cleaned."""

from reports.forms import ReportDraftForm
from reports.sanitize import clean_html, plain_text
from reports.tests import factories


def test_script_and_its_content_are_removed():
    shown = clean_html("<p>开展活动</p><script>alert(1)</script><style>body{display:none}</style>")
    assert shown == "<p>开展活动</p>"


def test_event_handler_and_style_attributes_are_removed():
    shown = clean_html(
        '<p onclick="steal()" style="color:red">段落</p><img src=x onerror=alert(2)>'
    )
    assert shown == "<p>段落</p>"


def test_javascript_urls_are_removed_with_their_tags():
    shown = clean_html('<a href="javascript:alert(1)">点这里</a><p>正文</p>')
    assert "javascript" not in shown and "href" not in shown
    assert "点这里" in shown


def test_script_hidden_in_svg_or_math_does_not_survive():
    shown = clean_html(
        '<svg><script>alert(1)</script></svg><math><mi href="javascript:x">y</mi></math>'
    )
    assert "script" not in shown and "javascript" not in shown and "<svg" not in shown


def test_allowed_formatting_of_an_older_summary_is_kept():
    old = "<h3>一、总体情况</h3><p>开展<strong>三场</strong>活动，<em>群众</em>满意</p><ul><li>一</li><li>二</li></ul>"
    assert clean_html(old) == old


def test_typed_text_keeps_its_paragraphs_and_line_breaks():
    typed = "开展活动三场\n参与群众五百人\n\n第二段"
    assert clean_html(typed) == "<p>开展活动三场<br>参与群众五百人</p><p>第二段</p>"


def test_typed_angle_brackets_are_text_not_markup():
    typed = "合格率<95%的批次已复检，依据<<产品质量法>>处理 & 通报"
    assert clean_html(typed) == (
        "<p>合格率&lt;95%的批次已复检，依据&lt;&lt;产品质量法&gt;&gt;处理 &amp; 通报</p>"
    )


def test_markup_that_could_run_is_never_shown():
    assert clean_html("<script>alert(1)</script>") == ""
    assert "<img" not in clean_html('说明：<img src=x onerror="alert(1)">')


def test_the_plain_text_for_documents_has_no_markup_and_one_line_per_paragraph():
    assert plain_text("<p>开展<b>三场</b></p><script>x()</script><ul><li>一</li></ul>") == (
        "开展三场\n一"
    )
    assert plain_text("合格率<95%\r\n\r\n第二段") == "合格率<95%\n第二段"


# --- through the pages ------------------------------------------------------------------


def test_the_summary_field_asks_for_ordinary_text_not_html():
    help_text = str(ReportDraftForm().fields["summary"].help_text)
    assert "<" not in help_text


def test_a_typed_summary_reaches_the_superior_as_paragraphs(reporting, client_for):
    report = factories.fill_and_submit(
        actor=reporting.furong_editor,
        expected=factories.expected(reporting.city_req, reporting.unit("芙蓉区")),
        summary="开展活动三场，合格率<95%的批次复检\n参与五百人\n\n第二段",
        participants=500,
    )
    body = client_for(reporting.city_editor).get(report.get_absolute_url()).content.decode()
    assert "<p>开展活动三场，合格率&lt;95%的批次复检<br>参与五百人</p><p>第二段</p>" in body
