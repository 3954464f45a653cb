"""The unit's history page (修改记录) reads as people speak: field names as the forms label
them, units and users by name, roles and kinds by their label; never raw field names, ids,
"None" or the reverse relations auditlog lists on a new row."""

import re

from django.urls import reverse

from core.testing.world import make_user
from orgs import services
from orgs.models import OrgUnit


def _history(client, unit: OrgUnit) -> str:
    response = client.get(reverse("orgs:unit_history", args=[unit.pk]))
    assert response.status_code == 200
    # The changes column only: the page's own words are not data.
    return " ".join(re.findall(r'<ul class="plain">(.*?)</ul>', response.text, re.S))


def test_a_membership_shows_the_user_the_unit_and_the_role_by_name(world, client_for):
    admin, changsha = world.users["admin"], world.unit("长沙市")
    clerk = make_user("wang_ming", first_name="明", last_name="王")
    membership = services.membership_set(actor=admin, user=clerk, unit=changsha, role="editor")
    services.membership_set(actor=admin, user=clerk, unit=changsha, role="viewer")
    changes = _history(client_for(admin), changsha)
    assert "用户：wang_ming" in changes
    assert f"单位：{changsha}" in changes
    assert "角色：编辑 → 查看" in changes
    assert f"：{clerk.pk}<" not in changes and f"：{changsha.pk}<" not in changes
    for raw in ("role", "user:", "None"):
        assert raw not in changes
    assert membership.pk


def test_a_new_unit_shows_its_fields_by_label_without_reverse_relations(world, client_for):
    admin, changsha = world.users["admin"], world.unit("长沙市")
    unit = services.unit_create(
        actor=admin,
        parent=changsha,
        name="长沙高新区分局",
        kind=OrgUnit.Kind.COUNTY,
        full_name="长沙高新技术产业开发区市场监督管理局",
    )
    services.unit_update(
        actor=admin, unit=unit, full_name="长沙高新区市场监督管理局", aliases="高新区分局"
    )
    changes = _history(client_for(admin), unit)
    assert "名称：长沙高新区分局" in changes
    assert f"类别：{OrgUnit.Kind.COUNTY.label}" in changes
    assert "全称：长沙高新技术产业开发区市场监督管理局 → 长沙高新区市场监督管理局" in changes
    assert "别名：— → 高新区分局" in changes
    for raw in ("activity_roles", "memberships", "full_name", "None", "county"):
        assert raw not in changes, raw
