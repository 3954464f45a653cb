import datetime

import pytest
from django.utils import timezone

from core.testing.world import make_user
from orgs.scoping import Role
from reports.models import ReportRequirement
from reports.tests import factories


@pytest.fixture
def province(world):
    """湖南省 asks 长沙市 and 株洲市 to report by yesterday; 长沙市 reported on time (12 场),
    株洲市 did not: it is overdue."""
    hunan = make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)
    requirement = factories.issued_requirement(
        actor=hunan,
        unit=world.unit("湖南省"),
        recipients=[world.unit("长沙市"), world.unit("株洲市")],
        title="湖南省2023年“质量月”活动实施方案",
        due=timezone.localdate() + datetime.timedelta(days=5),
    )
    factories.fill_and_submit(
        actor=world.users["editor"],
        expected=factories.expected(requirement, world.unit("长沙市")),
        activities=12,
    )
    ReportRequirement.objects.filter(pk=requirement.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    requirement.refresh_from_db()
    return {"user": hunan, "requirement": requirement, "world": world}
