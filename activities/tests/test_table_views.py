"""The plan's activity table: the htmx fragments and the plain pages behind them."""

from django.urls import reverse

from activities.models import Activity
from activities.services import (
    PLAN_ISSUED_NO_NEW_ACTIVITY,
    WINDOW_UNREADABLE,
    activity_create,
)
from activities.tests.plans import issue
from core.testing.world import make_user
from orgs.scoping import Role

HX = {"HTTP_HX_REQUEST": "true"}
CONFLICT = "保存未成功：此活动已被他人修改。"


def first(plan) -> Activity:
    return plan.activities.order_by("position").first()


def row_data(activity: Activity, **changes) -> dict:
    data = {
        "version": activity.version,
        "title": activity.title,
        "content": activity.content,
        "window_text": activity.window_text,
        "leads": "质量科",
        "supports": "办公室",
        "remarks": "",
        "category": "",
        "status": activity.status,
    }
    data.update(changes)
    return data


def test_notice_table_fragment_lists_the_rows_with_edit_buttons_for_an_editor(
    world, plan, client_for
):
    response = client_for(world.users["editor"]).get(
        reverse("activities:notice_table", args=[plan.pk]), **HX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a fragment for the notice page, not a page
    assert "营造计量放心消费环境" in html and "新增一行" in html
    assert reverse("activities:activity_edit", args=[first(plan).pk]) in html


def test_unmatched_participant_names_are_flagged(world, plan, client_for):
    activity_create(actor=world.users["editor"], notice=plan, title="廉政提醒", supports=["纪检组"])
    html = (
        client_for(world.users["editor"])
        .get(reverse("activities:notice_table", args=[plan.pk]))
        .content.decode()
    )
    # 质量科, 办公室 and 计量所 are 长沙市's departments; 各监管所 denotes its stations.
    assert html.count("未匹配") == 1
    assert '<span class="participant unmatched">纪检组' in html
    assert '<span class="participant">各监管所' in html


def test_viewer_sees_no_edit_buttons_and_post_is_refused(world, plan, client_for):
    client = client_for(world.users["viewer"])
    html = client.get(reverse("activities:notice_page", args=[plan.pk])).content.decode()
    activity = first(plan)
    assert activity.title in html
    assert "新增一行" not in html
    assert reverse("activities:activity_edit", args=[activity.pk]) not in html
    assert reverse("activities:activity_delete", args=[activity.pk]) not in html
    url = reverse("activities:activity_edit", args=[activity.pk])
    assert client.post(url, row_data(activity, title="改"), **HX).status_code == 403
    assert client.post(reverse("activities:activity_delete", args=[activity.pk])).status_code == 403
    activity.refresh_from_db()
    assert activity.title != "改"


def test_county_editor_cannot_see_the_citys_draft_plan_rows(world, plan, client_for):
    county = make_user("furong_editor", world.unit("芙蓉区"), Role.EDITOR)
    client = client_for(county)
    activity = first(plan)
    assert client.get(reverse("activities:notice_table", args=[plan.pk]), **HX).status_code == 404
    edit = reverse("activities:activity_edit", args=[activity.pk])
    assert client.get(edit, **HX).status_code == 404
    assert client.post(edit, row_data(activity, title="改"), **HX).status_code == 404


def test_county_editor_sees_the_issued_city_plan_but_cannot_edit_its_rows(world, plan, client_for):
    issue(plan, world.users["editor"])
    county = make_user("furong_editor", world.unit("芙蓉区"), Role.EDITOR)
    client = client_for(county)
    activity = first(plan)
    html = client.get(reverse("activities:notice_table", args=[plan.pk]), **HX).content.decode()
    assert activity.title in html and "更新进展" not in html
    edit = reverse("activities:activity_edit", args=[activity.pk])
    assert client.get(edit, **HX).status_code == 403
    assert (
        client.post(edit, {"version": activity.version, "status": "done"}, **HX).status_code == 403
    )
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED


def test_editing_a_row_inline_saves_and_rerenders_the_row(world, plan, client_for):
    activity = first(plan)
    client = client_for(world.users["editor"])
    form = client.get(reverse("activities:activity_edit", args=[activity.pk]), **HX)
    assert form.status_code == 200 and "<form" in form.content.decode()
    response = client.post(
        reverse("activities:activity_edit", args=[activity.pk]),
        row_data(activity, title="启动仪式", window_text="9月中旬", supports="办公室、计量所"),
        **HX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="activity-{activity.pk}"')
    assert "启动仪式" in html and "<form" not in html.split("row-actions")[0]
    activity.refresh_from_db()
    assert activity.title == "启动仪式" and activity.version == 2
    assert (activity.starts_on.day, activity.ends_on.day) == (11, 20)
    assert [p.name for p in activity.supports()] == ["办公室", "计量所"]


def test_bad_window_keeps_the_input_and_shows_the_message_on_the_row(world, plan, client_for):
    activity = first(plan)
    response = client_for(world.users["editor"]).post(
        reverse("activities:activity_edit", args=[activity.pk]),
        row_data(activity, title="我改过的主题", window_text="国庆前后"),
        **HX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert WINDOW_UNREADABLE % {"text": "国庆前后"} in html
    assert 'value="我改过的主题"' in html
    activity.refresh_from_db()
    assert activity.title != "我改过的主题" and activity.window_text == "9 月"


def test_conflict_shows_the_other_persons_values_and_keeps_the_users_input(world, plan, client_for):
    from activities.services import activity_update

    activity = first(plan)
    loaded_version = activity.version
    activity_update(
        actor=world.users["admin"], activity=activity, version=loaded_version, title="别人的主题"
    )
    response = client_for(world.users["editor"]).post(
        reverse("activities:activity_edit", args=[activity.pk]),
        row_data(activity, version=loaded_version, title="我的主题"),
        **HX,
    )
    html = response.content.decode()
    assert CONFLICT in html
    assert "别人的主题" in html and 'value="我的主题"' in html
    assert "changsha_admin" in html  # who saved in between
    activity.refresh_from_db()
    assert activity.title == "别人的主题"
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert f'name="version" value="{activity.version}"' in html


def test_new_row_is_appended_with_the_next_number(world, plan, client_for):
    client = client_for(world.users["editor"])
    url = reverse("activities:activity_new", args=[plan.pk])
    assert "<form" in client.get(url, **HX).content.decode()
    response = client.post(
        url,
        {
            "version": 1,
            "title": "质量开放日",
            "window_text": "9月下旬",
            "leads": "质量科",
            "status": "planned",
        },
        **HX,
    )
    assert response.status_code == 200 and "质量开放日" in response.content.decode()
    created = plan.activities.get(title="质量开放日")
    assert created.position == 3 and 'data-label="序号">3</td>' in response.content.decode()


def test_delete_and_move_rerender_the_table_in_the_new_order(world, plan, client_for):
    client = client_for(world.users["editor"])
    one, two = plan.activities.order_by("position")
    response = client.post(
        reverse("activities:activity_move", args=[two.pk]), {"direction": "up"}, **HX
    )
    assert response.content.decode().index(two.title) < response.content.decode().index(one.title)
    response = client.post(reverse("activities:activity_delete", args=[two.pk]), **HX)
    assert two.title not in response.content.decode()
    assert list(plan.activities.values_list("title", flat=True)) == [one.title]


def test_after_issue_only_progress_fields_change(world, plan, client_for):
    issue(plan, world.users["editor"])
    activity = first(plan)
    client = client_for(world.users["editor"])
    form = client.get(
        reverse("activities:activity_edit", args=[activity.pk]), **HX
    ).content.decode()
    assert 'name="status"' in form and 'name="completion_note"' in form
    assert 'name="title"' not in form and 'name="leads"' not in form
    client.post(
        reverse("activities:activity_edit", args=[activity.pk]),
        {
            "version": activity.version,
            "status": "done",
            "completion_note": "已在大楼电子屏滚动播放",
            "location": "市局大楼",
            "title": "偷偷改主题",
            "window_text": "全年",
        },
        **HX,
    )
    activity.refresh_from_db()
    assert activity.status == "done" and activity.location == "市局大楼"
    assert activity.title == "加大宣传力度，营造“质量月”浓厚氛围" and activity.window_text == "9 月"
    new = client.get(reverse("activities:activity_new", args=[plan.pk]), **HX).content.decode()
    assert str(PLAN_ISSUED_NO_NEW_ACTIVITY) in new


def test_without_javascript_the_edit_page_saves_and_redirects_to_the_table_page(
    world, plan, client_for
):
    activity = first(plan)
    client = client_for(world.users["editor"])
    page = client.get(reverse("activities:activity_edit", args=[activity.pk]))
    assert "<html" in page.content.decode()
    response = client.post(
        reverse("activities:activity_edit", args=[activity.pk]), row_data(activity, title="新主题")
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("activities:notice_page", args=[plan.pk]))
    activity.refresh_from_db()
    assert activity.title == "新主题"
