"""A page links a unit's pages only where the viewer may open them: the ancestors above the
viewer's units stay in the breadcrumb as names, and a superior's requirement is supervised
and exported for the viewer's own part of it (core/tests/test_crawl.py follows every link)."""

import pytest
from django.urls import reverse

from core.testing.world import make_user
from orgs.scoping import Role
from reports.tests import factories


@pytest.fixture
def province_admin(world):
    return make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)


def _link(url: str) -> str:
    return f'href="{url}'


@pytest.mark.parametrize("page", ["dashboards:dashboard", "reports:supervision"])
def test_breadcrumb_names_the_nation_without_linking_it_for_a_province_admin(
    world, client_for, province_admin, page
):
    client = client_for(province_admin)
    html = client.get(reverse(page, args=[world.unit("长沙市").pk])).content.decode()
    breadcrumb = html.split('<nav class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert "<span>全国</span>" in breadcrumb
    assert _link(reverse(page, args=[world.unit("全国").pk])) not in breadcrumb
    assert _link(reverse(page, args=[world.unit("湖南省").pk])) in breadcrumb


def test_unit_page_links_the_ancestors_the_viewer_may_open(world, client_for, province_admin):
    html = (
        client_for(province_admin)
        .get(reverse("orgs:unit_detail", args=[world.unit("芙蓉区").pk]))
        .content.decode()
    )
    assert _link(reverse("orgs:unit_detail", args=[world.unit("长沙市").pk])) in html
    assert _link(reverse("orgs:unit_detail", args=[world.unit("全国").pk])) not in html


def test_a_superiors_requirement_is_supervised_and_exported_for_the_viewers_province(
    world, client_for, province_admin
):
    requirement = factories.issued_requirement(
        actor=world.users["national_admin"],
        unit=world.unit("全国"),
        recipients=[world.unit("湖南省"), world.unit("福建省")],
        title="全国质量月报送",
    )
    client = client_for(province_admin)
    html = client.get(requirement.get_absolute_url()).content.decode()
    hunan = world.unit("湖南省").pk
    links = [
        reverse("reports:supervision", args=[hunan]) + f"?requirement={requirement.pk}",
        reverse("reports:statistics_export", args=[hunan, requirement.pk]),
        reverse("reports:compilation_export", args=[hunan, requirement.pk]),
    ]
    for url in links:
        assert _link(url) in html
        assert client.get(url).status_code == 200
    assert reverse("reports:supervision", args=[world.unit("全国").pk]) not in html
