"""How an import matches the names a report writes to the units the platform knows."""

from imports.selectors import ImportMatcher


def test_a_provinces_body_written_with_the_short_name_is_matched_to_it(world):
    matcher = ImportMatcher(world.unit("长沙市"))
    found = matcher.match("湖南市场监督管理局")
    assert found.matched and found.unit.code == "430000"
    assert found.name == "湖南市场监督管理局"


def test_a_province_short_name_the_platform_does_not_know_stays_unmatched(world):
    assert not ImportMatcher(world.unit("长沙市")).match("湖北市场监督管理局").matched
