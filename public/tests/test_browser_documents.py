"""The public's documents in Chromium on a phone: from the home page to a region's 主动公开
notices, one read as the page shows it, and its PDF downloaded."""

import pytest

from campaigns.models import Notice
from campaigns.services import notice_create, notice_issue
from core.testing.world import build_world
from public.tests.factories import campaign_2023
from public.tests.pages import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_finds_a_citys_public_notice_reads_it_and_downloads_the_pdf(
    phone_page, screenshot_dir
):
    world = build_world()
    actor = world.users["national_admin"]
    for unit, title, publication in (
        ("长沙市", "长沙市2023年质量月活动方案", Notice.Publication.PUBLIC),
        ("长沙市", "长沙市内部工作安排", Notice.Publication.NOT_PUBLIC),
        ("株洲市", "株洲市2023年质量月活动方案", Notice.Publication.PUBLIC),
    ):
        notice = notice_create(
            actor=actor,
            campaign=campaign_2023(),
            unit=world.unit(unit),
            title=title,
            publication=publication,
            recipient_units=[world.unit("芙蓉区")],
            body=[{"level": 1, "number": "一、", "text": "总体要求"}],
        )
        notice_issue(actor=actor, notice=notice)

    p = phone_page
    p.goto("/")
    p.get_by_role("link", name="主动公开文件").click()
    p.get_by_label("省").select_option(label="湖南省")
    p.get_by_role("button", name="查询").click()
    p.get_by_label("市").select_option(label="长沙市")
    p.get_by_role("button", name="查询").click()
    p.get_by_text("正在查看：长沙市").wait_for()
    check_page(p, screenshot_dir, "documents-city")
    assert p.get_by_role("link", name="株洲市2023年质量月活动方案").count() == 0
    assert p.get_by_role("link", name="长沙市内部工作安排").count() == 0

    p.get_by_role("link", name="长沙市2023年质量月活动方案").click()
    p.get_by_text("一、总体要求").wait_for()
    check_page(p, screenshot_dir, "documents-detail")
    with p.expect_download() as download:
        p.get_by_role("link", name="下载 PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
