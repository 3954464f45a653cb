import os
from pathlib import Path

import pytest

from campaigns.models import Notice
from core.testing.browser import log_in
from core.testing.world import build_world, make_user
from imports.models import NoticeImport
from imports.tests.samples import CHANGSHA_TEXT
from orgs.models import Department, OrgUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parent / "fixtures" / "2023-hunan-province-plan.txt"


def open_import(page, username: str, unit: str) -> None:
    """Log in as `username` and open 导入公文 for `unit`, as a clerk does."""
    log_in(page, username)
    page.get_by_role("link", name="导入公文").click()
    page.get_by_role("link", name=unit).click()


def hunan_docx(path: Path) -> Path:
    """The Hunan seed as a clerk's Word file: paragraphs, tab-separated lines as tables."""
    from docx import Document

    document = Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            rows.clear()

    for line in SEED.read_text(encoding="utf-8").split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            document.add_paragraph(line.strip())
    flush()
    document.save(str(path))
    return path


def test_clerk_uploads_a_docx_checks_the_preview_and_gets_a_draft(page, screenshot_dir, tmp_path):
    world = build_world()
    hunan = world.unit("湖南省")
    Department.objects.create(unit=hunan, name="质量发展局", aliases="质量局")
    make_user("hunan_editor", hunan, "editor", first_name="湖南省局编辑")
    docx = hunan_docx(tmp_path / "湖南省2023年质量月活动方案.docx")

    open_import(page, "hunan_editor", "湖南省市场监督管理局")
    page.get_by_label("公文文件").set_input_files(str(docx))
    page.screenshot(path=os.path.join(screenshot_dir, "import-upload.png"), full_page=True)
    page.get_by_role("button", name="识别").click()

    page.get_by_role("heading", name="核对导入内容").wait_for()
    assert page.get_by_label("发文字号").input_value() == "湘市监办发〔2023〕57号"
    # A title was read: no headline is offered in its place.
    assert page.get_by_role("group", name="原文没有公文标题").count() == 0
    assert page.get_by_text("质量局 ✓ 质量发展局（别名）").first.is_visible()
    assert page.get_by_text("产品监督处 · 新单位？").first.is_visible()
    page.get_by_label("活动主题", exact=True).fill("增强质量意识 推进湖南高质量发展")
    page.screenshot(path=os.path.join(screenshot_dir, "import-preview.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=os.path.join(screenshot_dir, "import-preview-360.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url("**/notices/*/")
    notice = Notice.objects.get(unit=hunan)
    assert page.url.endswith(f"/notices/{notice.pk}/")
    assert notice.theme == "增强质量意识 推进湖南高质量发展"
    assert notice.status == Notice.Status.DRAFT
    assert "增强质量意识 推进湖南高质量发展" in page.content()
    assert NoticeImport.objects.get().status == NoticeImport.Status.IMPORTED
    page.screenshot(path=os.path.join(screenshot_dir, "import-done.png"), full_page=True)


def test_city_admin_creates_the_unknown_district_bureau_while_importing(page, screenshot_dir):
    world = build_world()
    changsha = world.unit("长沙市")
    Department.objects.create(unit=changsha, name="质量科")

    open_import(page, "changsha_admin", "长沙市市场监督管理局")
    page.get_by_label("或粘贴公文全文").fill(CHANGSHA_TEXT)
    page.get_by_role("button", name="识别").click()

    page.get_by_role("heading", name="核对导入内容").wait_for()
    # A signed notice's issuer is read off its signature: nothing else is offered for it.
    assert page.get_by_role("group", name="文中还提到以下单位").count() == 0
    row = page.get_by_role("group", name="高新区分局")
    # Where to place it shows once the clerk says it is a unit; prefilled below the city.
    assert not row.get_by_label("上级单位").is_visible()
    row.get_by_label("新建为单位").check()
    assert row.get_by_label("上级单位").is_visible()
    assert row.get_by_label("类别").input_value() == OrgUnit.Kind.COUNTY
    page.screenshot(path=os.path.join(screenshot_dir, "import-new-unit.png"), full_page=True)

    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url("**/notices/*/")
    unit = OrgUnit.objects.get(name="高新区分局")
    assert OrgUnit.objects.get_parent(unit) == changsha
    assert unit in Notice.objects.get(unit=changsha).recipient_units.all()


NEWS_REPORT = (
    "长沙市启动2024年“质量月”活动\n"
    "9月5日，长沙市2024年“质量月”活动在五一广场启动。长沙市质量强市工作领导小组办公室、"
    "长沙市教育局等单位在现场设立咨询台，向市民宣传质量知识。"
    "长沙市市场监督管理局的工作人员现场解答了群众提问。"
)


def test_clerk_picks_the_issuer_of_a_news_report_from_the_units_it_names(page, screenshot_dir):
    """A news report names no issuer the parser can be sure of: the units it names are offered
    beside 发文机关, and the one the clerk presses is what the draft is issued by."""
    world = build_world()
    changsha = world.unit("长沙市")

    open_import(page, "changsha_admin", "长沙市市场监督管理局")
    page.get_by_label("或粘贴公文全文").fill(NEWS_REPORT)
    page.get_by_role("button", name="识别").click()

    page.get_by_role("heading", name="核对导入内容").wait_for()
    issuers = page.get_by_label("发文机关（每行一个）")
    assert issuers.input_value() == ""
    offered = page.get_by_role("group", name="文中还提到以下单位")
    office = offered.get_by_role("button", name="长沙市质量强市工作领导小组办公室")
    bureau = offered.get_by_role("button", name="长沙市教育局")
    office.click()
    bureau.click()
    assert issuers.input_value() == "长沙市质量强市工作领导小组办公室\n长沙市教育局"
    bureau.click()  # pressed again: taken out
    assert issuers.input_value() == "长沙市质量强市工作领导小组办公室"
    assert office.get_attribute("aria-pressed") == "true"
    assert bureau.get_attribute("aria-pressed") == "false"
    page.screenshot(path=os.path.join(screenshot_dir, "import-news-report.png"), full_page=True)
    # A report has no title of its own. The clerk's choices are saved all the same, the title
    # still empty; confirming without one is refused, nothing created.
    title = page.get_by_label("标题", exact=True)
    assert title.input_value() == ""
    page.get_by_role("button", name="保存修改并重新匹配").click()
    page.get_by_text("修改已保存，名称匹配已更新。").wait_for()
    assert issuers.input_value() == "长沙市质量强市工作领导小组办公室"
    assert title.input_value() == ""
    page.get_by_role("button", name="确认导入").click()
    page.get_by_role("alert").filter(has_text="请填写标题。").wait_for()
    assert not Notice.objects.exists()
    # Its headline is offered; the clerk can still edit what it put in the field.
    page.get_by_role("group", name="原文没有公文标题").get_by_role(
        "button", name="长沙市启动2024年“质量月”活动"
    ).click()
    assert title.input_value() == "长沙市启动2024年“质量月”活动"
    title.press("End")
    title.press_sequentially("的通知")

    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url("**/notices/*/")
    notice = Notice.objects.get(unit=changsha)
    assert notice.issuer_names == ["长沙市质量强市工作领导小组办公室"]
    assert notice.title == "长沙市启动2024年“质量月”活动的通知"
