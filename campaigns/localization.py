"""Suggestions for localizing the superior's slogans (口号) to a unit, as the seeds show:
Hunan turned 加快建设质量强国 into 加快建设质量强省 and 打造民族质量品牌 树立大国质量形象 into
培育区域质量品牌 树立湖南质量形象; Yong'an kept the national list as it was. A suggestion is
only offered: the clerk accepts, edits or keeps each line.
"""

import re

from orgs.models import OrgUnit

# (pattern, replacement) — {level} is 省/市/县/区, {place} the unit's short name.
# The source may already be localized one level up (a county works from its province's list).
# A phrase is rewritten wherever it stands as a word — at a line's end or before a space or
# punctuation (建设质量强国 共享美好生活) — but not inside a longer name (质量强国梦).
_WORD_END = r"(?=$|[\s，,。；;、！!：:）)”\"])"
RULES: list[tuple[str, str]] = [
    (r"建设质量强[国省市县区州]" + _WORD_END, "建设质量强{level}"),
    (r"推进质量强[国省市县区州]建设" + _WORD_END, "推进质量强{level}建设"),
    (r"^打造民族质量品牌", "培育区域质量品牌"),
    (r"树立(大国|\S{2,8}?)质量形象$", "树立{place}质量形象"),
]

SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "地区",
    "盟",
    "省",
    "市",
    "县",
    "区",
    "旗",
)


def level_word(unit: OrgUnit) -> str:
    """省 for a province, 市 for a city (prefecture or county-level), 县 or 区 by the name."""
    if unit.kind == OrgUnit.Kind.PROVINCE:
        return "市" if unit.name.endswith("市") else ("区" if unit.name.endswith("区") else "省")
    if unit.kind == OrgUnit.Kind.COUNTY and unit.name.endswith(("县", "旗")):
        return "县"
    if unit.kind == OrgUnit.Kind.COUNTY and unit.name.endswith("区"):
        return "区"
    if unit.name.endswith("州"):
        return "州"
    return "市"


def place_name(unit: OrgUnit) -> str:
    """湖南省 → 湖南, 永安市 → 永安, 湘西土家族苗族自治州 → 湘西土家族苗族 (clerk edits further)."""
    for suffix in SUFFIXES:
        if unit.name.endswith(suffix) and len(unit.name) > len(suffix) + 1:
            return unit.name[: -len(suffix)]
    return unit.name


def localize(text: str, unit: OrgUnit) -> str:
    """The suggested local wording of one slogan (unchanged when no rule applies)."""
    if unit.kind == OrgUnit.Kind.NATIONAL:
        return text
    level, place = level_word(unit), place_name(unit)
    for pattern, replacement in RULES:
        text = re.sub(pattern, replacement.format(level=level, place=place), text)
    return text
