"""The poll form in Chromium: a national admin chooses a county from the unit dropdown (no
stations in it), saves, and the poll belongs to that county; the sampling form, saved
unchanged, changes nothing."""

import datetime

import pytest
from django.utils import timezone

from core.testing.browser import log_in
from core.testing.world import build_world
from public.models import Poll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MSG_SAMPLING_SAVED = "抽检情况已登记。"


def snapshot(poll: Poll) -> dict:
    poll = Poll.objects.get(pk=poll.pk)
    return {
        "unit": poll.unit_id,
        "title": poll.title,
        "description": poll.description,
        "closes_at": poll.closes_at,
        "sampling_note": poll.sampling_note,
        "results_url": poll.results_url,
        "sampled_at": poll.sampled_at,
        "options": list(poll.options.order_by("position").values_list("name", "sampled")),
    }


def test_national_admin_opens_a_poll_for_a_county_and_a_resave_changes_nothing(page):
    world = build_world()
    log_in(page, world.users["national_admin"].username)
    page.goto("/public/staff/polls/new/")
    unit = page.get_by_label("发起单位")
    labels = unit.locator("option").all_inner_texts()
    assert str(world.unit("芙蓉区")) in labels
    assert str(world.unit("芙蓉街道")) not in labels
    unit.select_option(label=str(world.unit("芙蓉区")))
    page.get_by_label("标题").fill("芙蓉区你点我检")
    page.get_by_label("投票截止").fill("2099-09-30T18:00")
    page.get_by_label("候选产品类别（每行一个）").fill("儿童玩具\n电动自行车")
    page.get_by_role("button", name="发布").click()
    page.wait_for_url("**/public/staff/polls/*/")

    poll = Poll.objects.get()
    assert poll.unit == world.unit("芙蓉区")
    assert list(poll.options.values_list("name", flat=True)) == ["儿童玩具", "电动自行车"]

    # The sampling form opens once voting has closed; record once, then save it unchanged.
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(hours=1))
    page.goto(f"/public/staff/polls/{poll.pk}/")
    page.get_by_label("儿童玩具").check()
    page.get_by_label("抽检情况说明").fill("已抽检儿童玩具 20 批次")
    page.get_by_role("button", name="保存").click()
    page.get_by_text(MSG_SAMPLING_SAVED).wait_for()
    before = snapshot(poll)
    assert before["options"] == [("儿童玩具", True), ("电动自行车", False)]
    page.goto(f"/public/staff/polls/{poll.pk}/")
    page.get_by_role("button", name="保存").click()
    page.get_by_text(MSG_SAMPLING_SAVED).wait_for()
    assert snapshot(poll) == before
