import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.testing.world import make_user
from orgs import scoping, services
from orgs.forms import MSG_NO_SUCH_USER
from orgs.models import Membership


def test_unit_update_records_who_changed_what(world):
    admin = world.users["admin"]
    unit = world.unit("芙蓉区")
    services.unit_update(
        actor=admin, unit=unit, full_name="芙蓉区市场监管局", aliases="芙蓉局\n\n  "
    )
    entry = LogEntry.objects.get_for_object(unit).latest("timestamp")
    assert entry.actor == admin
    assert entry.changes_dict["full_name"] == ["芙蓉区市场监督管理局", "芙蓉区市场监管局"]
    unit.refresh_from_db()
    assert unit.aliases == "芙蓉局"


def test_viewer_cannot_update_a_unit(world):
    with pytest.raises(PermissionDenied):
        services.unit_update(
            actor=world.users["viewer"], unit=world.unit("长沙市"), full_name="x", aliases=""
        )


def test_admin_grants_a_role_in_its_subtree_and_it_takes_effect_at_once(world):
    clerk = make_user("furong_clerk")
    furong = world.unit("芙蓉区")
    assert not scoping.can(clerk, scoping.Action.EDIT, furong)
    services.membership_set(actor=world.users["admin"], user=clerk, unit=furong, role="editor")
    assert scoping.can(clerk, scoping.Action.EDIT, furong)
    assert scoping.can(clerk, scoping.Action.EDIT, world.unit("芙蓉街道"))
    assert not scoping.can(clerk, scoping.Action.VIEW, world.unit("长沙市"))


def test_editor_cannot_grant_roles(world):
    with pytest.raises(PermissionDenied):
        services.membership_set(
            actor=world.users["editor"],
            user=make_user("x"),
            unit=world.unit("芙蓉区"),
            role="admin",
        )


def test_history_page_shows_changes_including_removed_members(world, client_for):
    admin = world.users["admin"]
    changsha = world.unit("长沙市")
    clerk = make_user("temp_clerk")
    membership = services.membership_set(actor=admin, user=clerk, unit=changsha, role="viewer")
    services.membership_remove(actor=admin, membership=membership)
    services.unit_update(actor=admin, unit=changsha, full_name="长沙市市场监管局", aliases="")
    response = client_for(admin).get(reverse("orgs:unit_history", args=[changsha.pk]))
    assert response.status_code == 200
    latest = list(response.context["entries"])[:3]
    assert [(e.actor, e.action) for e in latest] == [
        (admin, LogEntry.Action.UPDATE),
        (admin, LogEntry.Action.DELETE),
        (admin, LogEntry.Action.CREATE),
    ]
    assert "temp_clerk" in latest[1].object_repr
    assert "长沙市市场监管局" in response.content.decode()
    assert not Membership.objects.filter(user=clerk).exists()


def test_membership_form_reports_unknown_user(world, client_for):
    response = client_for(world.users["admin"]).post(
        reverse("orgs:membership_add", args=[world.unit("长沙市").pk]),
        {"username": "no_such_user", "role": "viewer"},
        follow=True,
    )
    assert MSG_NO_SUCH_USER % {"name": "no_such_user"} in response.content.decode()
