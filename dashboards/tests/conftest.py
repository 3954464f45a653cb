import pytest

from reports.tests import factories


@pytest.fixture
def province(world):
    scene = factories.province_with_one_overdue(world)
    return {"user": scene["admin"], "requirement": scene["requirement"], "world": world}
