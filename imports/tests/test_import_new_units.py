"""Creating a unit from an import: a name the tree does not hold (高新区分局) becomes a unit
where the clerk places it, under a unit they administer, in the import's own transaction."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.models import ActivityParticipant
from campaigns.models import Notice
from core.testing.world import make_user
from imports.models import NoticeImport
from imports.services import NewUnit, notice_import_confirm, notice_import_create
from imports.tests.samples import CHANGSHA_TEXT, form_post
from orgs.models import Department, OrgUnit
from orgs.services import MSG_KIND_UNDER_PARENT

NEW = "高新区分局"
REFUSED = "只能建在您担任管理员的单位之下"
UNIT_CHOICE = 'name="new-0-action" value="unit"'


@pytest.fixture
def changsha(world):
    unit = world.unit("长沙市")
    Department.objects.create(unit=unit, name="质量科")
    return unit


@pytest.fixture
def changsha_admin(world):
    return world.users["admin"]


@pytest.fixture
def changsha_import(changsha, changsha_admin):
    return notice_import_create(actor=changsha_admin, unit=changsha, text=CHANGSHA_TEXT)


def preview_url(notice_import) -> str:
    return reverse("imports:preview", args=[notice_import.pk])


def confirm_post(notice_import, *rows: dict) -> dict:
    """The preview submitted with "确认导入", one row per name the clerk decided on."""
    post = form_post(notice_import, confirm="1")
    post |= {"new-TOTAL_FORMS": len(rows), "new-INITIAL_FORMS": len(rows)}
    for i, row in enumerate(rows):
        for key, value in row.items():
            post[f"new-{i}-{key}"] = value
    return post


def as_unit(parent: OrgUnit, kind: str = OrgUnit.Kind.COUNTY, name: str = NEW) -> dict:
    return {"name": name, "action": "unit", "parent": parent.pk, "kind": kind}


def new_units() -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(name=NEW))


# --- Preview ------------------------------------------------------------------------------


def test_preview_offers_the_unknown_name_as_a_unit_under_the_importing_unit(
    client_for, changsha_admin, changsha_import
):
    html = client_for(changsha_admin).get(preview_url(changsha_import)).content.decode()
    assert f"{NEW} · 新单位？" in html  # under the recipients and under the activities
    assert f"<legend>{NEW}</legend>" in html
    assert UNIT_CHOICE in html
    # Prefilled: the importing unit as parent, a county-level unit one level below it.
    changsha = changsha_import.unit
    assert f'<option value="{changsha.pk}" selected>' in html
    assert '<option value="county" selected>' in html


def test_preview_offers_as_parents_only_units_the_clerk_administers(
    client_for, world, changsha_admin, changsha_import
):
    html = client_for(changsha_admin).get(preview_url(changsha_import)).content.decode()
    for name in ("芙蓉区", "天心区"):
        assert f'<option value="{world.unit(name).pk}"' in html
    for name in ("湖南省", "株洲市", "福建省"):
        assert f'<option value="{world.unit(name).pk}"' not in html


def test_editor_without_an_admin_role_is_not_offered_a_new_unit(client_for, world, changsha):
    editor = world.users["editor"]
    notice_import = notice_import_create(actor=editor, unit=changsha, text=CHANGSHA_TEXT)
    html = client_for(editor).get(preview_url(notice_import)).content.decode()
    assert 'name="new-0-action" value="department"' in html
    assert UNIT_CHOICE not in html
    assert "新建单位需要上级单位的管理员角色" in html


# --- Confirm ------------------------------------------------------------------------------


def test_confirm_creates_the_unit_and_points_recipients_and_activities_at_it(
    client_for, changsha, changsha_admin, changsha_import
):
    response = client_for(changsha_admin).post(
        preview_url(changsha_import), confirm_post(changsha_import, as_unit(changsha))
    )
    assert response.status_code == 302
    [unit] = new_units()
    assert OrgUnit.objects.get_parent(unit) == changsha
    assert unit.kind == OrgUnit.Kind.COUNTY
    notice = Notice.objects.get(unit=changsha)
    assert unit in notice.recipient_units.all()
    participants = ActivityParticipant.objects.filter(activity__notice=notice, name=NEW)
    assert {(p.role, p.unit) for p in participants} == {
        (ActivityParticipant.Role.SUPPORT, unit),
        (ActivityParticipant.Role.LEAD, unit),
    }
    # Names left as they are create nothing.
    assert not OrgUnit.objects.filter(name="经开区市场监管局").exists()
    created = LogEntry.objects.get_for_object(unit).get(action=LogEntry.Action.CREATE)
    assert created.actor == changsha_admin


def test_new_unit_of_another_kind_named_as_recipient_receives_the_notice(
    changsha, changsha_admin, changsha_import
):
    # Only territorial units one level down are recipients by default; a named one joins them.
    notice = notice_import_confirm(
        actor=changsha_admin,
        notice_import=changsha_import,
        new_units=[NewUnit(NEW, changsha, OrgUnit.Kind.OTHER)],
    )
    assert {u.name for u in notice.recipient_units.all()} == {"芙蓉区", "天心区", NEW}


@pytest.mark.parametrize(
    ("parent", "kind"), [("芙蓉区", OrgUnit.Kind.STATION), ("湖南省", OrgUnit.Kind.PREFECTURE)]
)
def test_unit_placed_elsewhere_is_linked_but_not_made_a_recipient(
    world, changsha, changsha_import, parent, kind
):
    # The notice form delivers one level down only; a lead is linked wherever the unit is.
    province_admin = make_user("hunan_admin", world.unit("湖南省"), "admin")
    notice = notice_import_confirm(
        actor=province_admin,
        notice_import=changsha_import,
        new_units=[NewUnit(NEW, world.unit(parent), kind)],
    )
    [unit] = new_units()
    assert OrgUnit.objects.get_parent(unit) == world.unit(parent)
    assert unit not in notice.recipient_units.all()
    lead = ActivityParticipant.objects.get(activity__notice=notice, name=NEW, role="lead")
    assert lead.unit == unit


@pytest.mark.parametrize("parent", ["湖南省", "株洲市"])
def test_parent_the_clerk_does_not_administer_is_refused_in_the_form(
    client_for, world, changsha_admin, changsha_import, parent
):
    response = client_for(changsha_admin).post(
        preview_url(changsha_import), confirm_post(changsha_import, as_unit(world.unit(parent)))
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert new_units() == []
    assert Notice.objects.count() == 0
    changsha_import.refresh_from_db()
    assert changsha_import.status == NoticeImport.Status.PENDING


def test_editor_cannot_create_a_unit_even_under_their_own_unit(world, changsha):
    editor = world.users["editor"]
    notice_import = notice_import_create(actor=editor, unit=changsha, text=CHANGSHA_TEXT)
    with pytest.raises(ValidationError) as refused:
        notice_import_confirm(
            actor=editor,
            notice_import=notice_import,
            new_units=[NewUnit(NEW, changsha, OrgUnit.Kind.COUNTY)],
        )
    assert REFUSED in refused.value.messages[0]
    assert new_units() == []
    assert Notice.objects.count() == 0


def test_kind_above_the_parent_is_refused_in_the_form(
    client_for, changsha, changsha_admin, changsha_import
):
    post = confirm_post(changsha_import, as_unit(changsha, kind=OrgUnit.Kind.PROVINCE))
    response = client_for(changsha_admin).post(preview_url(changsha_import), post)
    assert response.status_code == 400
    refused = MSG_KIND_UNDER_PARENT % {"kind": "省级", "parent": "长沙市市场监督管理局"}
    assert refused in response.content.decode()
    assert new_units() == []


def test_double_confirm_creates_one_unit(client_for, changsha, changsha_admin, changsha_import):
    client = client_for(changsha_admin)
    post = confirm_post(changsha_import, as_unit(changsha))
    first = client.post(preview_url(changsha_import), post)
    second = client.post(preview_url(changsha_import), post)
    assert first.status_code == second.status_code == 302
    assert len(new_units()) == 1
    assert Notice.objects.count() == 1


def test_a_later_import_naming_the_same_unit_reuses_it(changsha, changsha_admin, changsha_import):
    new = [NewUnit(NEW, changsha, OrgUnit.Kind.COUNTY)]
    notice_import_confirm(actor=changsha_admin, notice_import=changsha_import, new_units=new)
    again = notice_import_create(actor=changsha_admin, unit=changsha, text=CHANGSHA_TEXT)
    data = {**again.parsed, "doc_number": "长市监发〔2023〕22号"}
    notice_import_confirm(actor=changsha_admin, notice_import=again, data=data, new_units=new)
    assert len(new_units()) == 1


def test_failing_import_leaves_no_unit(changsha, changsha_admin, changsha_import):
    # The contact is checked after the unit was created: the whole import is undone.
    data = {**changsha_import.parsed, "contacts": [{"name": "张三", "email": "不是邮箱"}]}
    with pytest.raises(ValidationError):
        notice_import_confirm(
            actor=changsha_admin,
            notice_import=changsha_import,
            data=data,
            new_units=[NewUnit(NEW, changsha, OrgUnit.Kind.COUNTY)],
        )
    assert new_units() == []
    assert Notice.objects.count() == 0
    changsha.refresh_from_db()
    assert changsha.numchild == 2  # 芙蓉区, 天心区


def test_name_edited_away_in_the_same_submit_creates_no_unit(
    client_for, changsha, changsha_admin, changsha_import
):
    post = confirm_post(changsha_import, as_unit(changsha))
    post |= {
        "recipients": "各区县（市）市场监督管理局",
        "act-0-support": "",
        "act-1-lead": "质量科",
    }
    response = client_for(changsha_admin).post(preview_url(changsha_import), post)
    assert response.status_code == 302
    assert new_units() == []


def test_department_chosen_in_the_preview_is_created_and_linked(
    client_for, changsha, changsha_admin, changsha_import
):
    row = {"name": NEW, "action": "department", "parent": changsha.pk, "kind": "county"}
    client_for(changsha_admin).post(
        preview_url(changsha_import), confirm_post(changsha_import, row)
    )
    department = Department.objects.get(unit=changsha, name=NEW)
    lead = ActivityParticipant.objects.get(name=NEW, role="lead")
    assert lead.department == department
    assert new_units() == []


def test_viewer_cannot_confirm_a_new_unit(client_for, world, changsha, changsha_import):
    viewer = world.users["viewer"]
    response = client_for(viewer).post(
        preview_url(changsha_import), confirm_post(changsha_import, as_unit(changsha))
    )
    assert response.status_code == 403
    assert new_units() == []
