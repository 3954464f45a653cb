"""The report requirement page (reports:requirement_detail): figures and list agree."""

import re

import pytest

from core.testing.world import make_user
from orgs.scoping import Role
from reports import services
from reports.tests import factories

FIGURES = re.compile(r'class="qm-figures".*?（(\d+)/(\d+)）', re.S)


@pytest.fixture
def national_req(reporting):
    """全国 asks 湖南省 and 福建省 (and 长沙市, added by hand); 福建省 has reported."""
    world = reporting.world
    admin = world.users["national_admin"]
    requirement = factories.issued_requirement(
        actor=admin,
        unit=world.unit("全国"),
        recipients=[world.unit("湖南省"), world.unit("福建省")],
        title="2023年全国“质量月”活动方案",
    )
    services.expected_add(actor=admin, requirement=requirement, unit=world.unit("长沙市"))
    fujian_editor = make_user("fujian_editor", world.unit("福建省"), Role.EDITOR)
    factories.fill_and_submit(
        actor=fujian_editor, expected=factories.expected(requirement, world.unit("福建省"))
    )
    return requirement


def _page(client, requirement) -> tuple[str, int, int]:
    response = client.get(requirement.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    received, expected = map(int, FIGURES.search(page).groups())
    return page, received, expected


def _listed_units(page: str) -> list[str]:
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr[^>]*>\s*<td>([^<]+)</td>", table)


def test_a_province_viewer_sees_figures_for_their_province_matching_the_list(
    reporting, client_for, national_req
):
    page, received, expected = _page(client_for(reporting.hunan_editor), national_req)
    assert "湖南省范围" in page
    listed = _listed_units(page)
    assert not any("福建" in name for name in listed)
    # 湖南省 and 长沙市 are expected and neither has reported; 福建省's report is not counted.
    assert (received, expected) == (0, len(listed)) == (0, 2)


def test_the_issuer_sees_national_figures_matching_the_national_list(
    reporting, client_for, national_req
):
    page, received, expected = _page(
        client_for(reporting.world.users["national_admin"]), national_req
    )
    assert "全国范围" in page
    assert (received, expected) == (1, len(_listed_units(page))) == (1, 3)


def test_a_user_outside_the_issuers_notice_cannot_open_the_requirement(
    reporting, client_for, national_req
):
    nobody = client_for(reporting.world.users["nobody"])
    assert nobody.get(national_req.get_absolute_url()).status_code == 404
