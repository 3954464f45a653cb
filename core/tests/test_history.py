"""core.history: audit entries in words, for any model — many-to-many additions, dates,
yes/no, deleted foreign keys and the autosave's statistics — in a fixed number of queries."""

from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import services
from core.audit import statistic_change_key
from core.history import MSG_ADDED, MSG_DELETED_OBJECT, MSG_EMPTY, history_rows
from orgs.models import Department, Membership


def _changes(row) -> dict[str, tuple[str, str]]:
    return {c.label: (c.old, c.new) for c in row.changes}


def test_a_notices_recipients_and_issue_read_as_words(world):
    editor = world.users["editor"]
    notice = services.notice_create(
        actor=editor,
        campaign=services.national_campaigns_load()[0],
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
        recipient_units=[world.unit("芙蓉区"), world.unit("天心区")],
    )
    services.notice_issue(actor=editor, notice=notice)
    rows = history_rows(
        LogEntry.objects.get_for_object(notice).select_related("content_type").order_by("pk")
    )
    created, recipients, issued = (_changes(row) for row in rows)
    assert created["标题"] == ("", "长沙市2023年“质量月”活动方案")
    assert created["制发单位"] == ("", str(world.unit("长沙市")))
    assert "deliveries" not in created and "activities" not in created
    assert recipients["接收单位"][1].startswith(MSG_ADDED % {"items": ""})
    assert "芙蓉区" in recipients["接收单位"][1] and "天心区" in recipients["接收单位"][1]
    assert issued["状态"] == ("草稿", "已印发")
    assert issued["印发人"] == (MSG_EMPTY, editor.get_username())
    assert rows[0].kind == "通知/方案"


def test_a_deleted_department_is_named_as_deleted_not_as_a_bare_id(world):
    admin, changsha = world.users["admin"], world.unit("长沙市")
    department = Department.objects.create(unit=changsha, name="质量科")
    membership = Membership.objects.get(user=world.users["editor"])
    entry = LogEntry.objects.log_create(
        membership,
        action=LogEntry.Action.UPDATE,
        changes={
            "unit": [str(department.pk + 1000), str(changsha.pk)],
            "role": ["viewer", "editor"],
        },
        actor=admin,
    )
    (row,) = history_rows([entry])
    changes = _changes(row)
    deleted = MSG_DELETED_OBJECT % {"pk": department.pk + 1000}
    assert changes["单位"] == (deleted, str(changsha))
    assert changes["角色"] == ("查看", "编辑")


def test_the_autosaves_statistics_show_by_their_indicator(world):
    membership = Membership.objects.get(user=world.users["editor"])
    entry = LogEntry.objects.log_create(
        membership,
        action=LogEntry.Action.UPDATE,
        changes={statistic_change_key("活动场次"): ["", "12"]},
    )
    (row,) = history_rows([entry])
    assert _changes(row) == {"活动场次": (MSG_EMPTY, "12")}


def test_a_page_of_entries_costs_one_query_per_related_model(world):
    for role in ("viewer", "editor", "viewer"):
        for user in (world.users["editor"], world.users["viewer"]):
            membership = Membership.objects.get(user=user)
            membership.role = role
            membership.save()
    entries = list(LogEntry.objects.select_related("content_type").order_by("-pk")[:50])
    with CaptureQueriesContext(connection) as queries:
        rows = history_rows(entries)
    assert rows
    # The users and the units named on the page: one query each, whatever the page holds.
    assert len(queries) <= 2
