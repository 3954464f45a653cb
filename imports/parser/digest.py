"""Digests and news reports about a notice: who runs the campaign, read from the sentence
that says so, since such a text has no red head or signature block."""

from __future__ import annotations

import re
from functools import lru_cache

from . import places, rules
from .header import (
    campaign_area,
    first_particular,
    governed,
    level_from_text,
    level_of_bodies,
    level_of_body,
    title_bodies,
    without_second_name,
)


def _split(text: str) -> list[str]:
    """Names listed with 、, and with 和/及/与 only where both sides are names: 工业和信息化部
    is one department, 省质量办和省市场监管局 two bodies."""
    out: list[str] = []
    # "国家质检总局、教育部、工信部等部门和上海市人民政府": the count closes the first list.
    text = rules.LIST_CLOSE.sub("", text)
    for part in text.split("、"):
        pieces = re.split(rf"[{rules.BODY_JOINERS[1:]}]", part)
        if len(pieces) > 1 and all(len(p) >= 3 and rules.ORG_NAME.match(p) for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    # A spun mirror's junk word glued before a province's body ("提高广东省市场监管局").
    out = [without_second_name(rules.JUNK_BEFORE_PROVINCE.sub("", n)) for n in out]
    return [n.strip() for n in dict.fromkeys(out) if n.strip()]


# A name relative to its own province ("省市场监管局", Beijing's "市市场监管局") and how its place
# is recognised. Only provinces and municipalities, a closed list: a city's "市…" or "区…" cannot
# be told from the words before them ("此次活动由区市场监管局").
_RELATIVE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("自治区", rules.PROVINCE_PREFIX),
    ("省", rules.PROVINCE_PREFIX),
    ("市", rules.PROVINCE_PREFIX),
)
# Province and municipality names are two or three characters before 省/自治区/市.
_PLACE_LENGTHS = range(2, 4)


def fullest(names: list[str], text: str) -> list[str]:
    """Each relative name ("省市场监督管理局") in the fullest form the text also gives it
    ("安徽省市场监督管理局"); kept as written when the text never names the place. A county's
    body named under its province and city goes by its own place ("临漳县质监局")."""
    return list(dict.fromkeys(own_place(spelt_out(_fullest(name, text), text)) for name in names))


# The bureaus "X局" is short for in the system's own pages.
_REGULATOR = "(?:质监|质量技术监督|市场监管|市场监督管理)局"


def spelt_out(name: str, text: str) -> str:
    """A short name ("苏州市计量所", "吉安市质监局") as the text also spells it out after the same
    place ("苏州市计量测试研究所", "吉安市质量技术监督局"): the short one's words in order, a
    few more between them."""
    place = rules.PLACE.match(name)
    province = next((p for p in rules.PROVINCES if name.startswith(p)), "")
    if place and places.is_place(place.group(0)):
        start, rest = re.escape(place.group(0)), name[place.end() :]
    elif province:
        # A province by its short name ("甘肃检验检疫局", "天津市场监管委"), spelt out after its
        # full name too ("甘肃出入境检验检疫局", "天津市市场监管委").
        rest = name[len(province) :]
        start = rf"{province}{rules.PROVINCE_SUFFIX}?[{rules.CJK}]{{0,4}}?"
    else:
        return name
    if rest == "局":
        # "绍兴市局": the system's shorthand for the place's own bureau, spelt "绍兴市质监局".
        bureau = re.search(rf"{start}{_REGULATOR}", text)
        return bureau.group(0) if bureau else name
    if len(rest) < 2:
        return name
    gaps = "".join(f"{re.escape(c)}[{rules.CJK}]{{0,4}}?" for c in rest[:-1])
    # 办 is short for 办公室 too ("质强办" spelt "质量强市办公室").
    spelt = re.compile(
        start + gaps + re.escape(rest[-1]) + ("(?:公室)?" if rest[-1] == "办" else "")
    )
    return max((m.group(0) for m in spelt.finditer(text)), key=len, default=name)


def own_place(name: str) -> str:
    """A county-level body without the province and city the report puts before it."""
    m = rules.COUNTY_UNDER_PLACES.match(name)
    # "新疆维吾尔自治区质量强区…办公室": 质量强区 is the region's aim, not a county's name.
    if m and not rules.LOCAL_STRONG.match(m.group("own")):
        return m.group("own")
    return places.county_city_under_prefecture(name) or name


def _fullest(name: str, text: str) -> str:
    relative, place = next(((r, p) for r, p in _RELATIVE if name.startswith(r)), ("", None))
    if place is None or len(name) <= len(relative) + 2:
        return name
    for form in _written_forms(name):
        for m in re.finditer(re.escape(form), text):
            for k in _PLACE_LENGTHS:
                candidate = text[max(0, m.start() - k) : m.start()] + form
                found = place.match(candidate)
                if found and found.group(0) == candidate[: k + len(relative)]:
                    return candidate
    return name


def _written_forms(name: str) -> list[str]:
    """The name, and its long form (市场监管局 is short for 市场监督管理局) as a text may give it."""
    forms = [name]
    for short, long in rules.SHORT_NAMES.items():
        if name.endswith(short):
            forms.append(name[: -len(short)] + long)
    return forms


def _runs_campaigns(name: str) -> bool:
    """A body that runs a Quality Month: a regulator, a quality office or a ministry of the
    national list, not a hospital or a district's own office named in passing."""
    return bool(
        name[0] not in rules.NOT_A_NAME_START
        and not rules.NOT_A_BODY.search(name)
        # A bare body names no place: 市场监管局 is not 市 + 场监管局 (a page's column label).
        and not rules.BARE_BODY.match(name)
        and (
            rules.CAMPAIGN_BODY.search(name)
            or rules.RUNNING_BODY_END.search(name)
            or rules.STATION_NAME.search(name)
        )
        and (
            rules.NATIONAL_PREFIX.match(name)
            or rules.PROVINCE_PREFIX.match(name)
            or rules.CITY_NAME.match(name)
            or rules.COUNTY_NAME.match(name)
            or name[0] in "省市县区州盟旗"
            or name.startswith("自治区")
            or name.endswith("总局")
            # A place by its own words, without 市/县 (图木舒克质监局).
            or places.starts_with_place_word(name, rules.CAMPAIGN_BODY)
            or places.starts_with_place_word(name, rules.PLACE_BUREAU)
            # A ministry named without a place: 住房和城乡建设部, 科学技术部.
            or (rules.NATIONAL_BODY_END.search(name) and name[0] not in rules.NOT_NATIONAL_START)
        )
    )


def _bodies(m: re.Match[str]) -> tuple[list[str], list[str]] | None:
    # Without a verb only "X联合Y、Z等N个部门" says who runs the campaign.
    groups = m.groupdict()
    if not m.group("verb") and not (
        groups.get("several") or groups.get("count") or groups.get("short")
    ):
        return None
    issuers = _split(rules.SUBJECT_LEAD.sub("", _lead(m)))
    if not issuers or not _runs_campaigns(issuers[0]):
        return None
    if not all(rules.ORG_NAME.match(n) for n in issuers):
        return None
    after = _split(groups.get("after") or "") + _split(groups.get("listed") or "")
    joint = _split(groups.get("joint") or "") + _split(groups.get("led") or "") + after
    short = groups.get("short")
    joint += short.split("、") if short else []
    members = bool(groups.get("joint") and rules.MEMBER_UNITS.match(m.string[m.end("joint") :]))
    if members:
        # "会同市食安委相关成员单位": the members, a collective, run it with the lead.
        joint = after
    together = bool(
        joint
        or members
        or groups.get("several")
        or groups.get("count")
        or groups.get("count_after")
        or "联" in (m.group("verb") or "")
        or groups.get("jointly")
        or re.search("联合|共同", groups.get("between") or "")
        # Several bodies that decide together to hold the campaign: "质检总局、中宣部…和共青团
        # 中央…决定于2006年9月在全国开展质量月活动".
        or (len(issuers) > 1 and "决定" in (groups.get("between") or ""))
    )
    if not together:
        return issuers, []
    # Bodies that run the campaign jointly all issue it, lead first, as the text names them.
    named = issuers + [n for n in joint if n not in issuers]
    return named, named


def _lead(m: re.Match[str]) -> str:
    """The lead bodies without the 年/月/日 of a date they follow ("20xx年9月质检总局联合…")."""
    lead, start = m.group("lead"), m.start("lead")
    if lead[0] in "年月日号" and start and m.string[start - 1].isdigit():
        return lead[1:]
    return lead


def listed_organisers(lines: list[str]) -> list[str]:
    """The bodies under "…“质量月”活动主办单位：", inline or on the next line."""
    for i, line in enumerate(lines):
        m = rules.ORGANISERS_LABEL.search(line)
        if not m:
            continue
        listed = m.group(1).strip() or next(
            (n.strip() for n in lines[i + 1 : i + 3] if n.strip()), ""
        )
        # Listed with 、 or, on a page's own line, with spaces ("宜昌市市场监督管理局 宜昌市教育局").
        listed = "、".join(re.sub(r"[。.;；]$", "", listed).split())
        names = [n for n in _split(listed) if rules.ORG_NAME.match(n)]
        if names:
            return names
    return []


def _at_the_scene(sentence: str, m: re.Match[str]) -> bool:
    """Whether the bodies are named as those present at an event ("活动现场，市、县市场监管局
    以及…等10余个部门…开展"): they take part; who runs the campaign is said elsewhere."""
    return bool(rules.AT_THE_SCENE.search(sentence[: m.start("lead")]))


def _cited(sentence: str, m: re.Match[str]) -> bool:
    """Whether the bodies are a superior the sentence cites ("按照市场监管总局等…的通知")."""
    clause = re.split(r"[，；,;]", sentence[max(0, m.start() - 12) : m.start()])[-1]
    return bool(rules.CITED_SUPERIOR.search(clause + m.group("lead")))


def _contractor(sentence: str, m: re.Match[str]) -> bool:
    """Whether the bodies only carry out or assist another's event ("…主办，红河州质监局协办的
    …启动仪式在…举行"): they do not run the campaign."""
    return bool(rules.CONTRACTED.match(sentence[m.end("lead") :]))


def abbreviated_bodies(sentences: list[str], text: str) -> tuple[list[str], list[str]] | None:
    """ "浙江省质监、发改、经信…13个部门…安排了“质量月”活动": every department runs it; a short
    name is given in the full form the text also writes ("浙江省质监局")."""
    for sentence in sentences:
        if not rules.CAMPAIGN_WORDS.search(sentence):
            continue
        m = rules.ABBREVIATED_BODIES.search(sentence)
        if not m:
            continue
        place = m.group("place")
        named = []
        for short in m.group("names").split("、"):
            full = re.search(
                rf"{re.escape(place + short)}[{rules.CJK}]{{0,3}}?(?:局|厅|委|办|会)", text
            )
            named.append(full.group(0) if full else short)
        return named, named
    return None


def own_area(issuers: list[str], text: str) -> list[str]:
    """Only bodies of the campaign's own area issue it: where the text names that area, a body of
    another level is none ("…在吉安市举办2023年吉安市“质量月”…" leaves out a provincial
    co-host; a technical institution keeps its own activity). Without a named area, of bodies of
    several levels ("吉林省质监局、长春市质监局在“质量月”期间…开展") those of the level the
    report is about; when none is of that level, all stay."""
    place = campaign_area(text)
    named = level_of_body(place, text) if place else None
    levels = {level_of_body(n, text) for n in issuers}
    if named and levels - {named, None, "station"}:
        return [n for n in issuers if level_of_body(n, text) in (named, None, "station")]
    if len(levels) < 2:
        return issuers
    area = named or level_from_text(text)
    own = [n for n in issuers if level_of_body(n, text) == area]
    return own or issuers


def levels_differ(names: list[str], text: str) -> bool:
    """Whether the bodies are of two levels of government (a technical institution aside, and
    the bodies whose districts are no government's, see ``header.governed``)."""
    return len({level_of_body(n, text) for n in governed(names)} - {None, "station"}) > 1


def event_leads(lead: str) -> list[str]:
    """The hosts of one event named before 与 ("X与Y共同举办"): the bodies after it co-host."""
    before, joined, _ = lead.partition("与")
    if joined and rules.ORG_NAME.match(before.split("、")[-1]):
        lead = before
    return _split(lead)


def event_host(hosts: list[str], text: str, partners: list[str] | None = None) -> list[str]:
    """Co-hosts of one event (a launch) are not co-organisers; the issuer is the host of the
    campaign's own area: the hosts of the level the report is about, else the first. When no
    lead is of the campaign's own area, a partner of it is ("湛江市市场监督管理局联合霞山区市场监督
    管理局…开展…2023年霞山区“质量月”宣传活动": the district's bureau)."""
    place = campaign_area(text)
    own = [h for h in hosts if place and _of_place(own_place(h), place)]
    if place and not own and partners:
        own = [p for p in partners if _of_place(own_place(p), place)][:1]
    if not own:
        area = level_from_text(text)
        own = [h for h in hosts if level_of_body(h, text) == area]
        # Departments listed after the lead go by its place ("合江县市场监管局、县公安局、县教体局
        # …等20余家单位", "石台县质监局、…、团县委等七部门"): the one named with its place leads.
        placed = [h for h in own if _named_with_place(h)]
        own = placed or own
    return own or hosts[:1]


def _of_place(name: str, place: str) -> bool:
    """Whether a body is the place's own; a province's by its short name too (青海出入境检验检疫局
    in 青海省's campaign). Only a province's: 吉林市 is not 吉林省."""
    if name.startswith(place):
        return True
    province = place.endswith(("省", "自治区")) and places.province_short(place)
    return bool(province) and places.province_short(name).startswith(province)


def _named_with_place(name: str) -> bool:
    place = rules.PLACE.match(own_place(name))
    return bool(place and places.is_place(place.group(0)))


def _organised(sentence: str, m: re.Match[str]) -> bool:
    """ "由…等32个单位共同组织的…启动仪式": what bodies 组织的 is one event, as what they 主办."""
    return m.group("verb") == "组织" and sentence[m.end() :].startswith("的")


def _run_by(sentences: list[str], text: str) -> tuple[tuple[list[str], list[str]] | None, bool]:
    """ "活动由…主办": the first sentence that states who runs it, and whether what they host
    is one event ("启动仪式由…主办", "由…共同主办的…启动仪式", "X组织的…启动仪式")."""
    for sentence in sentences:
        # RUN_BY states who runs it ("由…主办"); HOSTED_BY only names an event's host ("X组织的").
        matches = [(True, m) for m in rules.RUN_BY.finditer(sentence)]
        matches += [(False, m) for m in rules.HOSTED_BY.finditer(sentence)]
        for stated, m in matches:
            if stated and m.group("verb") == "指导" and m.group("host"):
                # The body that guides it is not its host: "由X指导，Y主办".
                return (_split(m.group("host")), []), False
            found = _bodies(m)
            if not found:
                continue
            this, named = (m.group("this"), m.group("event")) if stated else (None, None)
            # "由X牵头，Y等多部门联合举办的…启动仪式": the bodies it leads hold one event with it.
            verbs = (m.group("verb"), m.groupdict().get("listed_verb"))
            hosted = any(v in rules.EVENT_VERBS for v in verbs) or _organised(sentence, m)
            hosted = hosted or not stated
            # "由A主办，B承办的…演讲比赛": the event follows its contractor's clause.
            after = rules.CONTRACTOR_CLAUSE.sub("", sentence[m.end() :]).lstrip("的")
            if hosted and (this or named or rules.EVENT_OBJECT.match(after)):
                hosts = event_leads(rules.SUBJECT_LEAD.sub("", _lead(m)))
                partners = [n for n in found[1] if n not in hosts]
                # 此次活动 is the report's own subject: its host wins outright, as before.
                return (event_host(hosts, text, partners), []), not this
            if stated:
                return found, False
    return None, False


@lru_cache(maxsize=8)
def _overlapping(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern tried at every position, so that a subject found inside the stretch of an
    earlier one (its nearer rival) is seen too."""
    return re.compile(f"(?={pattern.pattern})", pattern.flags)


def _end(m: re.Match[str]) -> int:
    """Where a match ends, also for one found inside a lookahead (which is empty)."""
    ends = [m.end(g) for g in ("verb", "count_after") if g in m.re.groupindex and m.start(g) >= 0]
    return max([m.end(), *ends])


def subjects(sentence: str) -> list[re.Match[str]]:
    """The bodies that govern a verb of the campaign in the sentence: for each verb, its
    nearest subject — the last body opening a clause before it ("经市政府同意，伊春市质监局牵头
    组织了…": the bureau; "记者从X获悉，Y开展…": Y)."""
    nearest: dict[int, re.Match[str]] = {}
    for m in _overlapping(rules.CAMPAIGN_SUBJECT).finditer(sentence):
        # A body after 在 is where it happens ("…，在县质量计量检测所组织开展"), not who acts;
        # one after 来源： is the page's news source, whatever the copy glued after it; bodies that
        # support ("…等单位配合，开展") leave the verb to the lead before them.
        if (
            not m.group("lead").startswith("在")
            and not rules.SOURCE_LABEL.search(sentence, 0, m.start("lead"))
            and not rules.SUPPORTING.match(sentence, m.end("lead"))
            and not rules.LED_BY_ANOTHER.search(sentence, 0, m.start("lead"))
        ):
            nearest[m.start("verb")] = m
    return sorted(nearest.values(), key=lambda m: m.start())


def level_of_subjects(text: str) -> str | None:
    """The level of the bodies at work in a report that names no issuer and no area of its
    own ("全国总工会、共青团中央等部门，将…开展…"): the campaign they serve is of their level."""
    names = [
        n
        for sentence in re.split(r"[。！？\n]", text)
        for m in subjects(sentence)
        for n in _split(rules.SUBJECT_LEAD.sub("", _lead(m)))
        if _runs_campaigns(n)
    ]
    return level_of_bodies(names, text) if names else None


def _one_event(sentence: str, m: re.Match[str]) -> bool:
    """What the bodies hold is one event: its name follows the verb ("…启动仪式"), or the
    place they hold it in stands before the verb ("…，在县城人民广场开展“质量月”宣传"); or,
    bodies acting together without a verb of the campaign, the sentence's 质量月 is one event
    ("某某县在中心广场开展“质量月”宣传活动，县市场监管局联合县卫健局等部门设立咨询台")."""
    # Without a verb, the 质量月 the bodies go on to hold, else the sentence's own.
    campaign = rules.CAMPAIGN_WORDS.search(sentence, _end(m)) or rules.CAMPAIGN_WORDS.search(
        sentence
    )
    # "由X、Y共同主办的…宣传活动于…举办": what they host is named between them and the verb.
    hosted = rules.HOSTED_THE.search(sentence, m.end("lead"), _end(m))
    return bool(
        (hosted and rules.EVENT_OBJECT.match(sentence[hosted.end() : _end(m)]))
        or rules.EVENT_OBJECT.match(sentence[_end(m) :])
        or rules.EVENT_PLACE.search(sentence[m.end("lead") : _end(m)])
        or (
            not m.group("verb")
            and campaign
            and rules.EVENT_OBJECT.match(sentence[campaign.end() :].lstrip("”\"」』’'"))
        )
        # "X联合Y等13个部门，围绕…，在绍兴城市广场开展…": the place they go on to act in, when
        # no verb or only their purpose (围绕, 以) came before it.
        or (
            (m.group("verb") or "") in ("", "围绕", "以")
            and rules.EVENT_PLACE.search(_up_to_the_verb(sentence[_end(m) :]))
        )
    )


def _up_to_the_verb(rest: str) -> str:
    """The rest of a sentence up to the first verb of someone at work in it."""
    verb = rules.AT_WORK.search(rest)
    return rest[: verb.end()] if verb else rest


def _weight(found: tuple[list[str], list[str]]) -> tuple[int, bool]:
    """The sentence naming most bodies wins; on a tie, one saying they run the campaign jointly
    beats the host of one event ("市委宣传部和市政府18个部门联合下发" over "市政府举行启动仪式")."""
    return len(found[0]), bool(found[1])


def shared_names(text: str) -> str:
    """Each unit of "市、县市场监管局" named in full ("市市场监管局、县市场监管局"), so that the
    list reads like any other."""

    def spell(m: re.Match[str]) -> str:
        named = [p for p in m.group("places").split("、") if p] + [m.group("last")]
        return "、".join(p + m.group("name") for p in named)

    return rules.SHARED_NAME.sub(spell, text)


# Verbs by which a body holds an event, whatever the event is.
_HOSTING = frozenset({"举办", "举行", "主办", "召开"})


def _found(sentence: str, m: re.Match[str], text: str) -> tuple[list[str], list[str]] | None:
    """The bodies a subject match says run the campaign; the host of the campaign's own area
    alone when what they hold is one event, or when a partner is no body that runs campaigns
    (a community, a school, a firm: "X局联合某某社区共同开展…")."""
    if _cited(sentence, m) or _at_the_scene(sentence, m) or _contractor(sentence, m):
        return None
    if m.group("verb") not in _HOSTING and rules.TALK_GIVEN.match(sentence[_end(m) :]):
        # "…市场监督管理所进行了“…”主题宣讲": a speaker at the event, not its host; one that
        # 举办 a lecture holds it.
        return None
    if rules.LISTED_ACTIVITIES.search(sentence, 0, m.start("lead")):
        # "全国统一部署的活动有：…；国家统计局、国家质检总局共同发布…公报": an item's owners.
        return None
    if rules.MEMBER_UNITS.match(sentence[m.end("lead") :]):
        # "县质量发展领导小组各成员单位及企业代表…参加了…": its members, a collective, act.
        return None
    found = _bodies(m)
    if found and (_one_event(sentence, m) or any(rules.NOT_A_RUNNER.search(n) for n in found[1])):
        leads = [h for h in event_leads(rules.SUBJECT_LEAD.sub("", _lead(m))) if _runs_campaigns(h)]
        partners = [n for n in found[1] if n not in leads]
        return event_host(leads or found[0][:1], text, partners), []
    return found


def is_headline(line: str) -> bool:
    """A line of a headline's length without a clause break."""
    return len(line.strip()) <= rules.HEADLINE_LENGTH and not re.search("[，,；;]", line)


def _given_to_a_system(sentences: list[str]) -> bool:
    """Whether the first sentence about a particular campaign (its year, 今年, its number)
    gives it to a whole system."""
    sentence = first_particular(sentences)
    return bool(sentence and rules.COLLECTIVE_SUBJECT.search(sentence))


def _about_the_campaign(text: str) -> list[tuple[str, bool, bool]]:
    """Each sentence; whether it names 质量月; and whether it follows, in the same paragraph, a
    sentence that names it as the time or the purpose only, with nobody at work in it ("今年9月
    是第46个全国“质量月”。9月20日，合肥市蜀山区市场监管局联合…开展…主题宣传活动"), not one that
    says who does what ("我省17个部门…安排了…活动。省市场监管局将…": one of many)."""
    out: list[tuple[str, bool, bool]] = []
    for line in text.split("\n"):
        context = False
        for sentence in re.split(r"[。！？]", line):
            # "…将组织…以“建设质量强市决胜全面小康”为主题开展系列活动": the year's theme names it.
            names = bool(
                rules.CAMPAIGN_WORDS.search(sentence)
                or rules.THEME_OF_THE_CAMPAIGN.search(sentence)
            )
            out.append((sentence, names, context and not names))
            context = names and not rules.AT_WORK.search(sentence)
    return out


# 该局 (this bureau): a report names its bureau once, then says 该局.
_THIS_BUREAU = re.compile(r"该局")


def this_bureau(text: str) -> str:
    """该局 spelt out as the market-regulation or quality bureau named last before it, so that
    it can be a sentence's subject ("…江西省市场监管局…。“质量月”期间，该局要求全省…")."""

    def named_before(m: re.Match[str]) -> str:
        found = (
            rules.TEXT_ORG_LEAD.sub("", o.group(1))
            for o in rules.TEXT_ORG.finditer(text, 0, m.start())
        )
        bureaus = [name for name in found if name.endswith("局")]
        return bureaus[-1] if bureaus else m.group(0)

    text = _THIS_BUREAU.sub(named_before, text)
    # "该市质强办将组织…": the city the report is about.
    area = campaign_area(text)
    if area and area[-1] in "市县区":
        text = re.sub(rf"该{area[-1]}(?=[{rules.CJK}]{{1,12}}?(?:局|办|委|办公室))", area, text)
    return text


def campaign_bodies(text: str) -> tuple[list[str], list[str]] | None:
    """(issuers, co-organisers) from the sentence naming who runs the campaign.

    "活动由…主办" states it outright and wins. Otherwise the sentences about the campaign
    whose subject is a body that runs campaigns; the one naming most bodies wins (a headline
    says "市场监管总局等16个部门", the lead paragraph lists five of them). Co-organisers are
    given only when the sentence says the bodies run the campaign together (联合, 会同, 等N个
    部门), and then every named body is an issuer too; co-hosts of one event (a launch, a
    meeting, a street day) are neither (the gold conventions of imports/corpus/README.md)."""
    spelt = this_bureau(shared_names(text))
    sentences = re.split(r"[。！？\n]", spelt)
    # Whole lines without a full stop: headlines.
    lines = {line for line in spelt.split("\n") if not line.rstrip().endswith("。")}
    outright, one_event = _run_by(sentences, text)
    if outright and not outright[1] and not one_event:
        return outright
    # "由市场监管总局等14个部门联合主办" names one of a list another sentence gives in full:
    # a joint campaign stated outright competes on the number of bodies named.
    # The hosts of a launch ("启动仪式由…主办") are the issuers only when no sentence names who
    # runs the campaign itself ("…联合制定下发了《…通知》").
    best: tuple[list[str], list[str]] | None = None if one_event else outright
    if not outright and _given_to_a_system(sentences):
        return None
    for sentence, about, follows in _about_the_campaign(spelt):
        # A sentence about the campaign, or one saying bodies run something together: other
        # sentences name hospitals and newsrooms. The sentence after one that dates the
        # campaign counts when its bodies hold the report's event ("…开展…主题宣传活动"), not
        # for their work in general ("近年来，郑州市委…大力开展质量提升行动").
        matches = list(rules.JOINT_RUN.finditer(sentence))
        if about:
            matches += subjects(sentence) + list(rules.ANSWERING_CALL.finditer(sentence))
        elif follows:
            matches += [m for m in subjects(sentence) if _one_event(sentence, m)]
        for m in matches:
            found = _found(sentence, m, text)
            if found and (best is None or _weight(found) > _weight(best)):
                best = found
    # A list of short names competes like any other: the sentence naming most bodies wins.
    listed = abbreviated_bodies(sentences, text)
    if listed and (best is None or len(listed[0]) > len(best[0])):
        best = listed
    if best is None and not rules.COLLECTIVE_RUNNERS.search(text):
        # A lead that says what the bodies run without repeating 质量月 ("…办公室和省市场监督
        # 管理局本月将在全省组织开展…"): the first such sentence of a text about the campaign.
        # Not when the text gives the campaign to a collective ("我省17个部门"): the department
        # it then quotes is one of many.
        for sentence in sentences:
            for m in subjects(sentence):
                # A headline says what its subject does in few words ("上海市质监局开展“检测
                # 实验室开放日”活动"): any verb of the campaign.
                if m.group("verb") in rules.RUNNING_VERBS or (
                    sentence in lines and is_headline(sentence[m.start() :])
                ):
                    found = _found(sentence, m, text)
                    if found:
                        return found
    return best or (outright if one_event else None) or issued_title(text)


def issued_title(text: str) -> tuple[list[str], list[str]] | None:
    """The issuers a report's notice names in its title, when the report gives that notice as
    issued ("《A B关于开展…的通知》印发"): a joint title's bodies, or the one that opens it."""
    m = rules.ISSUED_TITLE.search(text)
    if m is None:
        return None
    title = "、".join(m.group(1).split())
    joint = title_bodies(title)
    if joint:
        return joint, joint
    single = rules.TITLE_ISSUER.match(title)
    return ([single.group(1)], []) if single else None
