"""The level of a place a name starts with, from China's administrative divisions
(`places.json`, written by `python -m imports.parser.build_places` from the GB/T 2260 data
orgs vendors): a bare "X市" may be a prefecture (三明市) or a county-level city (永安市, 广汉市),
and a name's suffix cannot tell which."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .rules import PROVINCE_SUFFIX, PROVINCES

# "蓬莱市质监局", "永安市": the place before the first 市 that is not 市场 or 市辖; or, written
# short, the place that runs into 市场 ("蓬莱市场监督管理局" for 蓬莱市市场监督管理局).
_CITY = re.compile(r"^([\u4e00-\u9fff]{2,8}?)市(?!场|辖)")
_CITY_SHORT = re.compile(r"^([\u4e00-\u9fff]{2,8}?)(?=市场)")


@lru_cache(maxsize=1)
def _stems() -> dict[str, frozenset[str]]:
    data = json.loads((Path(__file__).with_name("places.json")).read_text(encoding="utf-8"))
    return {level: frozenset(stems) for level, stems in data.items()}


def level_of_city_name(name: str) -> str | None:
    """ "county" when the name starts with X市 and X is only a county-level place (a county-level
    city, or one that became a district: 蓬莱市), "city" when X is only a prefecture; None when
    both carry the name (朝阳市, 朝阳县), when it is a province's, or when there is no X市."""
    stems = _stems()
    m = _CITY.match(name)
    if not m:
        m = _CITY_SHORT.match(name)
        if not m or not any(m.group(1) in stems[level] for level in ("county", "prefecture")):
            return None
    place = m.group(1)
    if place in stems["county_city"]:
        return "county"
    if place in stems["prefecture"]:
        return "city"
    if place in stems["province"]:
        return None
    # A county-level place that was a county-level city (蓬莱市, now 蓬莱区).
    return "county" if place in stems["county"] else None


@lru_cache(maxsize=1)
def _all_stems() -> frozenset[str]:
    return frozenset().union(*_stems().values())


def is_place(name: str) -> bool:
    """Whether a name that ends like a place ("福建省", "宕昌县") is one China's divisions know,
    not words that only end so ("根据省、市局…" gives "根据省")."""
    stems = _all_stems()
    return any(name[:k] in stems and _PLACE_KIND.fullmatch(name[k:]) for k in range(2, len(name)))


# What follows a place's own words: its kind, after the ethnic groups of an autonomous one.
_PLACE_KIND = re.compile(
    r"(?:[\u4e00-\u9fff]{1,4}族)*(?:自治区|自治州|自治县|自治旗|省|市|县|区|旗|州|盟|地区|林区|特区)"
)


def _place_word(name: str, body: re.Pattern[str]) -> str | None:
    stems = _all_stems()
    return next(
        (
            name[:k]
            for k in range(2, min(len(name), 9))
            if name[:k] in stems and body.match(name[k:])
        ),
        None,
    )


def starts_with_place_word(name: str, body: re.Pattern[str]) -> bool:
    """Whether the name is a body after a place's own words, its kind left out as reports write
    it (图木舒克质监局, 铁岭质监局): ``body`` must follow the words at once."""
    return _place_word(name, body) is not None


_LEVEL_OF_KIND = {"province": "province", "prefecture": "city", "county": "county"}


def level_of_place_word(name: str, body: re.Pattern[str]) -> str | None:
    """The level of such a body, from its place."""
    word = _place_word(name, body)
    return level_of_word(word) if word else None


def level_of_word(word: str) -> str | None:
    """The level of a place named by its own words, its kind left out (南昌, 图木舒克). Words a
    prefecture shares with a county (铁岭市, 铁岭县; 中山市, 中山区) said bare mean the
    prefecture: a text names the county by its kind (铁岭县) to tell it from the city it is
    named after."""
    stems = _stems()
    found = {_LEVEL_OF_KIND.get(kind, "county") for kind, words in stems.items() if word in words}
    if len(found) > 1 and word in stems["prefecture"] and word not in stems["province"]:
        return "city"
    return found.pop() if len(found) == 1 else None


def county_city_under_prefecture(name: str) -> str | None:
    """A county-level city's body without the prefecture a report names before it
    (潍坊寿光市质监局, 潍坊市寿光市质监局 → 寿光市质监局); None for any other name."""
    prefectures = _stems()["prefecture"]
    for k in range(2, min(len(name), 6)):
        if name[:k] not in prefectures:
            continue
        rest = name[k + 1 :] if name[k] == "市" else name[k:]
        if len(rest) > 3 and level_of_city_name(rest) == "county" and _CITY.match(rest):
            return rest
    return None


def county_stems() -> frozenset[str]:
    """The own words of every county-level place (琼山, 福田, 射洪)."""
    stems = _stems()
    return stems["county"] | stems["county_city"]


# A province's full name after its short one: 天津市, 广西壮族自治区, 湖南省.
_FULL_SUFFIX = {
    **{p: "省" for p in PROVINCES},
    **{p: "市" for p in ("北京", "天津", "上海", "重庆")},
    "内蒙古": "自治区",
    "西藏": "自治区",
    "广西": "壮族自治区",
    "宁夏": "回族自治区",
    "新疆": "维吾尔自治区",
}
# The suffix as a name writes it; 市 not where it starts 市场 (天津市场监管委).
_PROVINCE_SUFFIX = re.compile(rf"^(?!市场){PROVINCE_SUFFIX}")


def province_short(name: str) -> str:
    """The name with its province said by the short name (天津市市场监管委 → 天津市场监管委):
    the one form both ways of writing a province's body share."""
    province = next((p for p in PROVINCES if name.startswith(p)), None)
    if province is None:
        return name
    return province + _PROVINCE_SUFFIX.sub("", name[len(province) :])


def full_province(short: str) -> str:
    """A province's full name from its short one: 新疆 → 新疆维吾尔自治区."""
    return short + _FULL_SUFFIX[short]


def province_forms(name: str) -> list[str]:
    """The other ways a text writes a province's body: by the short name and by the full one
    (湖南质监局 ↔ 湖南省质监局, 天津市场监管委 ↔ 天津市市场监管委)."""
    short = province_short(name)
    province = next((p for p in PROVINCES if short.startswith(p)), None)
    if province is None:
        return []
    full = province + _FULL_SUFFIX[province] + short[len(province) :]
    return [form for form in dict.fromkeys((short, full)) if form != name]
