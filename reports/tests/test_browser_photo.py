"""Issue #6's end-to-end path for reporting up: a county clerk fills in the report a city
asked for, is told a photo is missing, uploads one and submits."""

import pytest

from core.testing.browser import log_in
from reports.models import Material, Report
from reports.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_submits_a_report_with_a_photo(reporting, page, screenshot_dir, tmp_path):
    requirement = factories.issued_requirement(
        actor=reporting.world.users["editor"],
        unit=reporting.world.unit("长沙市"),
        recipients=[reporting.world.unit("芙蓉区")],
        title="长沙市“质量月”图片报送",
        materials=(Material.SUMMARY, Material.STATISTICS, Material.PHOTOS),
    )
    expected = factories.expected(requirement, reporting.world.unit("芙蓉区"))
    photo = tmp_path / "启动仪式现场.png"
    photo.write_bytes(factories.png_bytes())

    log_in(page, "furong_editor")
    page.get_by_role("link", name="报送", exact=True).click()
    page.get_by_role("link", name="长沙市“质量月”图片报送").click()

    page.get_by_label("工作总结").fill("9月1日举行启动仪式，开展实验室开放日3场。")
    page.get_by_label("活动场次（场）").fill("3")
    page.get_by_text("已自动保存").wait_for(timeout=10_000)
    page.get_by_role("button", name="报送", exact=True).click()
    # Pressing the button is not enough: the required photo is missing.
    page.get_by_text("以下材料尚未齐全").first.wait_for()
    assert Report.objects.get(expected=expected).status == Report.Status.DRAFT

    page.get_by_label("图片或视频", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="上传").click()
    page.get_by_text("启动仪式现场.png").first.wait_for()
    page.get_by_role("button", name="报送", exact=True).click()
    page.get_by_text("已报送。").wait_for()
    page.screenshot(path=f"{screenshot_dir}/report-submitted-with-photo.png", full_page=True)

    report = Report.objects.get(expected=expected)
    assert report.status == Report.Status.SUBMITTED
    assert report.files.count() == 1
    assert report.files.get().original_name == "启动仪式现场.png"
