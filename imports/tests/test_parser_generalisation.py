"""Who runs a campaign, read as the subject of the verb that governs it (issue #18, session 8):
one pattern, one input each; and the yardstick that switches the rules off piece by piece."""

from __future__ import annotations

import re
import types

from imports.parser import digest, generalisation, header, rules


def issuers(text: str) -> list[str]:
    found = digest.campaign_bodies(text)
    return found[0] if found else []


# --- the subject of the governing verb -------------------------------------------------------


def test_a_body_opening_its_clause_governs_the_verb_across_any_short_stretch() -> None:
    text = "9月1日，某某市市场监督管理局认真谋划，在全市组织开展2024年“质量月”活动。"
    assert issuers(text) == ["某某市市场监督管理局"]


def test_a_body_after_a_date_opens_its_clause() -> None:
    text = "20xx年9月质检总局联合相关部门、行业协会等单位共同开展全国“质量月”活动。"
    assert issuers(text)[0] == "质检总局"


def test_the_nearest_body_before_the_verb_is_its_subject() -> None:
    text = "经某某市政府同意，某某市质监局牵头组织了2015年“质量月”活动。"
    assert issuers(text) == ["某某市质监局"]


def test_a_body_seen_through_its_head_is_not_the_subject() -> None:
    text = "某某省市场监督管理局局长张三在会上介绍，全省将开展2024年“质量月”活动。"
    assert issuers(text) == []


def test_the_body_a_reporter_heard_from_is_not_the_subject() -> None:
    text = "记者从某某县市场监管局获悉，全县将开展2024年“质量月”活动。"
    assert issuers(text) == []


def test_a_name_is_read_whole_not_cut_before_its_office() -> None:
    text = "四川省质量强省工作领导小组办公室联合相关部门于9月共同开展“质量月”活动。"
    assert issuers(text) == ["四川省质量强省工作领导小组办公室"]


def test_a_name_is_read_whole_before_the_list_it_opens() -> None:
    text = "某某市委宣传部和市政府18个主要部门联合制定下发了《某某市2013年“质量月”活动方案》。"
    assert issuers(text)[0] == "某某市委宣传部"


# --- only the campaign's own area --------------------------------------------------------------


def test_of_bodies_of_two_levels_only_the_campaign_area_issues_it() -> None:
    text = "2018年吉林省“质量月”活动启动。吉林省质监局、长春市质监局在“质量月”期间还将开展质量提升行动。"
    assert digest.own_area(["吉林省质监局", "长春市质监局"], text) == ["吉林省质监局"]


def test_bodies_of_one_level_all_stay() -> None:
    text = "2021年江西省“质量月”。"
    names = ["江西省市场监管局", "江西省委宣传部"]
    assert digest.own_area(names, text) == names


# --- the yardstick ---------------------------------------------------------------------------------


def test_every_alternative_and_optional_group_is_a_piece() -> None:
    keys = [key for key, _starts in generalisation.alternatives("a(?:b|c)(?:d)?")]
    assert keys == ["b|c#0", "b|c#1", "optional (d)"]


def test_a_piece_switched_off_never_matches_and_the_rest_still_does() -> None:
    pattern = "a(?:b|c)"
    (_key, starts), _other = generalisation.alternatives(pattern)
    off = re.compile(generalisation._disabled(pattern, starts))
    assert not off.fullmatch("ab")
    assert off.fullmatch("ac")


def test_the_same_alternative_repeated_in_a_pattern_is_one_piece() -> None:
    found = dict(generalisation.alternatives("(?:x|y)-(?:x|y)"))
    assert found["x|y#0"] == [3, 11]


# --- level without an issuer ----------------------------------------------------------------------


def test_a_report_without_issuer_or_area_takes_the_level_of_the_bodies_at_work() -> None:
    text = "“质量月”期间，全国总工会、共青团中央等部门，将广泛发动企业职工开展质量攻关活动。"
    assert digest.level_of_subjects(text) == "national"


def test_a_directive_to_every_region_names_no_issuer() -> None:
    text = "“质量月”各主办单位将共同组织活动。全国总工会、共青团中央等部门将开展竞赛活动。"
    text += "9月初，各地要组织开展现场咨询活动。"
    assert issuers(text) == []


# --- the campaign's own area -----------------------------------------------------------------------


def test_the_area_is_the_first_place_after_the_campaigns_year() -> None:
    text = "9月1日，各级部门联合举办2024年福建省、福州市“质量月”启动仪式。"
    assert header.campaign_area(text) == "福建省"


def test_without_a_year_the_area_is_the_last_place_before_the_campaign() -> None:
    assert header.campaign_area("9月7日上午，湖北省来凤县质量月活动启动。") == "来凤县"


def test_the_national_campaign_named_in_a_local_report_is_not_its_area() -> None:
    text = "记者从上海市市场监管局了解到，2025年全国“质量月”期间，上海市2025年“质量月”活动…"
    assert header.campaign_area(text) == "上海市"


def test_the_encyclopedias_definition_names_no_area() -> None:
    text = (
        "全国“质量月”活动是我国长期开展的一项重大质量活动。\n陇南市宕昌县开展2016年“质量月”宣传活动"
    )
    assert header.campaign_area(text) == "宕昌县"


def test_a_place_that_starts_a_hosts_name_is_not_the_area() -> None:
    text = "吉林省质监局、长春市政府曁长春市质监局联合举办2018年全国“质量月”活动启动仪式。"
    assert header.campaign_area(text) is None


# --- one event, told by its head noun ------------------------------------------------------------


def test_anything_held_as_a_meeting_is_one_event() -> None:
    assert rules.EVENT_OBJECT.match("2024年“质量月”质量提升推进会")


def test_a_chamber_of_commerce_named_after_the_verb_is_no_event() -> None:
    assert not rules.EVENT_OBJECT.match("十几个市级部门以及有关行业协会、商会、企业等")


def test_a_piece_that_serves_one_group_only_is_switched_off_for_that_group() -> None:
    text = "某某市市场监督管理局开展2024年“质量月”活动\n9月1日，某某市市场监督管理局认真谋划，在全市组织开展2024年“质量月”活动。"
    case = generalisation.Case("report", "g1", text, {"issuers": ["某某市市场监督管理局"]})
    piece = generalisation._code_piece("no reading", digest, "campaign_bodies", lambda t: None)
    base = generalisation.measure([piece], [case])
    assert piece.helps == {"g1"}
    assert base["report"] == (1.0,)
    assert generalisation.honest([piece], [case], base)["report"] == (0.0,)


def test_pieces_of_one_pattern_switched_off_together_all_stay_off() -> None:
    owner = types.SimpleNamespace(P=re.compile("a(?:b|c|d)"))
    (_, b), (_, c), _d = generalisation.alternatives(owner.P.pattern)
    without = generalisation._pattern_without
    both = [generalisation.Piece(n, owner, "P", tuple(s), without) for n, s in (("b", b), ("c", c))]
    with generalisation._switched_off(both):
        assert not owner.P.fullmatch("ab")
        assert not owner.P.fullmatch("ac")
        assert owner.P.fullmatch("ad")
    assert owner.P.fullmatch("ab")


# Reports whose issuers come from the subject of a verb (CAMPAIGN_SUBJECT, tried at every position
# through digest's cached pattern), from 由…主办 (RUN_BY), from "市、县…局" (SHARED_NAME, a sub()
# with a function), and from a lead that does not repeat 质量月 (a word of RUNNING_VERBS).
REPORTS = {
    "subject": (
        "9月1日，某某市市场监督管理局认真谋划，在全市组织开展2024年“质量月”活动。",
        "某某市市场监督管理局",
    ),
    "consent": ("经某某市政府同意，某某市质监局牵头组织了2015年“质量月”活动。", "某某市质监局"),
    "office": (
        "四川省质量强省工作领导小组办公室联合相关部门于9月共同开展“质量月”活动。",
        "四川省质量强省工作领导小组办公室",
    ),
    "shared": ("9月5日，市、县市场监管局联合举办2024年“质量月”启动仪式。", "市市场监管局"),
    "run_by": (
        "此次活动由某某市市场监督管理局主办，某某协会承办。2024年“质量月”活动启动。",
        "某某市市场监督管理局",
    ),
    "lead": (
        "2024年“质量月”活动\n某某市市场监督管理局本月将在全市组织开展质量提升活动。",
        "某某市市场监督管理局",
    ),
}


def _pieces(attr: str, word: str = "") -> list[generalisation.Piece]:
    """A dozen pieces of a pattern (compiling all of them takes seconds), with ``word`` in their key."""
    found = [
        (k, s) for k, s in generalisation.alternatives(getattr(rules, attr).pattern) if word in k
    ]
    return [generalisation._pattern_piece(attr, key, starts) for key, starts in found[:12]]


def _measured(every_document: bool) -> dict[str, tuple[set[str], set[str]]]:
    cases = [generalisation.Case(k, k, t, {"issuers": [i]}) for k, (t, i) in REPORTS.items()]
    chosen = _pieces("CAMPAIGN_SUBJECT") + _pieces("RUN_BY", "主办") + _pieces("SHARED_NAME")
    chosen += [
        generalisation._set_piece("RUNNING_VERBS", "组织开展"),
        generalisation._set_piece("EVENT_VERBS", "主办"),
    ]
    chosen += [
        generalisation._code_piece("digest: 市、县X局", digest, "shared_names", lambda text: text),
        generalisation._code_piece("digest: subjects", digest, "subjects", lambda sentence: []),
    ]
    generalisation.measure(chosen, cases, every_document=every_document)
    return {p.name: (p.helps, p.hurts) for p in chosen}


def test_the_traced_measure_finds_what_parsing_every_document_again_finds() -> None:
    traced = _measured(every_document=False)
    assert traced == _measured(every_document=True)
    # Not vacuous: pieces of each kind of pattern use, a word and a stub serve these reports.
    served = {name.split(":")[0] for name, (helps, _) in traced.items() if helps}
    assert {"CAMPAIGN_SUBJECT", "RUN_BY", "SHARED_NAME", "RUNNING_VERBS", "digest"} <= served
