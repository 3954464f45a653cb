"""The 公文 header and footer: number, issuers, title, dates, recipients, level, basis."""

from __future__ import annotations

import re

from . import places, rules
from .numerals import to_int
from .structure import Document, compact, date_column, is_org_line

_SPACES = re.compile(r"\s+")


def format_doc_number(m: re.Match[str]) -> str:
    prefix = rules.DOC_NUMBER_LEAD_WORDS.sub("", m.group(1))
    return _SPACES.sub("", prefix + m.group(0)[len(m.group(1)) :])


def doc_number(doc: Document) -> str | None:
    """The document's own number stands on a line of its own near the top (red head),
    sometimes in parentheses under the title: （湘市监发〔2023〕1号）."""
    for line in doc.main[:8]:
        parens = rules.DOC_NUMBER_PARENS.match(line)
        if parens:
            line = parens.group(1)
        m = rules.DOC_NUMBER.search(line) or rules.DOC_NUMBER_WITHOUT_HAO.match(line.strip())
        if not m:
            continue
        before, after = line[: m.start()].strip(), line[m.end() :].strip()
        # "签发人：张三" may share the line with the number in printed red heads.
        if not before and (not after or after.startswith("签发人")):
            return format_doc_number(m)
    return None


def basis(doc: Document, own: str | None) -> list[str]:
    """Numbers of the superior notices this one implements, in the order cited."""
    out: list[str] = []
    for line in doc.main:
        for m in rules.DOC_NUMBER.finditer(line):
            number = format_doc_number(m)
            if number != own and number not in out:
                out.append(number)
    return out


def basis_titles(doc: Document) -> list[str]:
    """Titles of cited superior notices; Hubei cites one by title only, without a number."""
    out: list[str] = []
    for line in _preamble(doc):
        if not rules.BASIS_CONTEXT.search(line):
            continue
        for m in rules.BASIS_TITLE.finditer(line):
            title = compact(m.group(1))
            if title not in out:
                out.append(title)
    return out


def _preamble(doc: Document) -> list[str]:
    out: list[str] = []
    for line in doc.main:
        if rules.HEADING_1.match(line):
            break
        out.append(line)
    return out


def title(doc: Document) -> str | None:
    candidates = doc.main[:8]
    for line in candidates:
        text = compact(line)
        if "关于" in text and rules.TITLE.search(text) and not text.endswith("："):
            return text
    for line, after in zip(candidates, candidates[1:], strict=False):
        # A title broken over two lines: "关于开展2019年苏浙皖赣沪“质量月”" / "有奖征文活动的通知".
        text = compact(line) + compact(after)
        if line.startswith("关于") and rules.TITLE.search(text) and len(text) <= 60:
            return text
    for line in candidates:
        text = compact(line)
        if rules.TITLE.search(text) and len(text) <= 60:
            return text
    return None


def cited_title(text: str) -> str | None:
    """The title of the document a digest reports on, when it quotes it."""
    for m in rules.CITED_TITLE.finditer(text):
        clause = re.split(r"[，。；,;\n]", text[max(0, m.start() - 40) : m.start()])[-1]
        # "按照市场监管总局印发的《…》" cites the superior notice this one implements.
        if not rules.CITED_SUPERIOR.search(clause):
            return compact(m.group(1))
    return None


def kind(title_text: str | None, text: str = "") -> str:
    """ "plan" for a plan or a notice issuing one, else "notice". Without a title, a digest
    that reports a plan being issued ("联合印发2017年全市质量月活动方案") is about a plan."""
    if title_text:
        if ("印发" in title_text and "方案" in title_text) or rules.PLAN_TITLE_END.search(
            title_text
        ):
            return "plan"
        return "notice"
    # A plan the report names only as its basis ("按照《…关于印发…活动方案的通知》要求") is
    # a superior's, not the one it reports.
    return "plan" if rules.PLAN_ISSUED.search(rules.CITED_BASIS.sub("", text)) else "notice"


def issuers(doc: Document, title_text: str | None) -> tuple[list[str], bool]:
    """Return (issuers, certain); a generic name without its place is no issuer."""
    names, certain = _issuers(doc, title_text)
    names = [without_second_name(n) for n in names if not rules.BARE_BODY.match(n)]
    return names, certain and bool(names)


_SECOND_NAME_END = re.compile(rf"{rules.SECOND_NAME}$")


def without_second_name(name: str) -> str:
    """A bureau by its first name: "宜昌市市场监督管理局（宜昌市知识产权局）" is 宜昌市市场监督管理局."""
    return _SECOND_NAME_END.sub("", name)


def _issuers(doc: Document, title_text: str | None) -> tuple[list[str], bool]:
    """The signature block is the most reliable source."""
    if doc.signature_orgs:
        return doc.signature_orgs, True
    for line in doc.main[:3]:
        m = rules.RED_HEAD.match(line)
        if m and rules.ORG_NAME.match(m.group(1).split()[-1]):
            return m.group(1).split(), True
    stacked = _stacked_red_head(doc, title_text)
    if stacked:
        return stacked, True
    for line in doc.main[:3]:
        if rules.DOC_NUMBER.search(line) or (title_text and compact(line) == title_text):
            break
        # A site's name above a copied page ("政讯通中心") is no issuer: an issuing body's name
        # tells its place in the hierarchy.
        if is_org_line(line) and all(
            level_of_name(n) and not rules.SITE_NAME.search(n) for n in line.split()
        ):
            return line.split(), True
    for i, line in enumerate(doc.main[1:8], start=1):
        # A letter's web copy: title, date, then the issuer right above the 文号.
        if rules.DOC_NUMBER.fullmatch(line.strip()) and is_org_line(doc.main[i - 1]):
            return doc.main[i - 1].split(), True
    if title_text:
        # Several bodies first: one name never repeats its place inside it.
        names = title_bodies(title_text)
        if names:
            return names, False
        m = rules.TITLE_ISSUER.match(title_text)
        if m and rules.ORG_NAME.match(m.group(1)) and not rules.BARE_BODY.match(m.group(1)):
            return [m.group(1)], False
        joint = rules.TITLE_JOINT.match(title_text)
        if joint:
            return joint.group("names").split("、"), False
    return [], False


def _stacked_red_head(doc: Document, title_text: str | None) -> list[str]:
    """A joint red head copied line by line: the bodies above the number, 文件 on a line of
    its own among them ("中共中央宣传部 / 文件 / 国家质量监督检验检疫总局 / …")."""
    head: list[str] = []
    for line in doc.main[:10]:
        if (
            rules.DOC_NUMBER.search(line)
            or rules.DOC_NUMBER_WITHOUT_HAO.match(line.strip())
            or (title_text and compact(line) == title_text)
        ):
            break
        head.append(line.strip())
    names = [line for line in head if not rules.RED_HEAD_WORD.match(line)]
    if len(names) == len(head) or not names or not all(is_org_line(n) for n in names):
        return []
    return [name for line in names for name in line.split()]


def title_bodies(title_text: str) -> list[str]:
    """The bodies a joint title names before 关于, also written one after the other with their
    place repeated ("湖南省质量强省工作领导小组办公室湖南省市场监督管理局关于…")."""
    prefix, found, _ = title_text.partition("关于")
    if not found or not prefix:
        return []
    names: list[str] = []
    for part in re.split(r"[、，,]", prefix):
        place = rules.PROVINCE_PREFIX.match(part) or rules.CITY_NAME.match(part)
        pieces = re.split(f"(?={re.escape(place.group(0))})", part) if place else [part]
        names += [p for p in pieces if p]
    if len(names) < 2 or not all(
        rules.ORG_NAME.match(n) and not rules.BARE_BODY.match(n) for n in names
    ):
        return []
    return names


def iso_date(text: str | None) -> str | None:
    if not text:
        return None
    m = rules.DATE.search(text)
    if m:
        year, month, day = (to_int(g) for g in m.groups())
    else:
        numeric = rules.NUMERIC_DATE.search(text)
        if not numeric:
            return None
        year, month, day = (int(numeric.group(i)) for i in (1, 3, 4))
    if not year or not month or not day or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def year(title_text: str | None, number: str | None, issued: str | None, text: str) -> int | None:
    if title_text:
        m = rules.YEAR_IN_TITLE.search(title_text)
        if m:
            return int(m.group(1))
    if number:
        m = re.search(r"(\d{4})", number)
        if m:
            return int(m.group(1))
    if issued:
        return int(issued[:4])
    m = rules.YEAR_NEAR_CAMPAIGN.search(text)
    if m:
        return int(m.group(1))
    m = rules.CN_YEAR_NEAR_CAMPAIGN.search(text)
    if m:
        return to_int(m.group(1))
    return year_of_ordinal(text)


def year_of_ordinal(text: str) -> int | None:
    """ "第45个“质量月”": the first was held in 1978, so the Nth in 1977 + N."""
    m = rules.ORDINAL_CAMPAIGN.search(text)
    ordinal = to_int(m.group(1)) if m else None
    return rules.FIRST_CAMPAIGN_YEAR + ordinal if ordinal else None


_NOT_WORD = re.compile(rf"[^{rules.CJK}]")


def theme_words(text: str) -> str:
    """The text as NATIONAL_THEMES is keyed: its characters only, a local 质量强省/市/县 read as
    质量强国."""
    return rules.LOCAL_STRONG.sub("质量强国", _NOT_WORD.sub("", text))


THEME_OF_THE_YEAR = "当年全国“质量月”主题"
# How far into a report its opening sentence reaches.
_OPENING = 200


def infer_year(text: str) -> tuple[int | None, str]:
    """A year the text implies without stating it: (year, what it was read from)."""
    flat = theme_words(text)
    # The theme the text quotes first is its campaign's; a later one is a past year's recalled.
    quoted = [(flat.find(words), year) for words, year in rules.NATIONAL_THEMES.items()]
    first = min(((at, year) for at, year in quoted if at >= 0), default=None)
    if first:
        return first[1], THEME_OF_THE_YEAR
    cited = cited_event_year(flat)
    if cited:
        return cited
    # "2023年全省检验检测机构开放日活动启动仪式…。检验检测机构开放日是全国质量月活动的重要内容":
    # the year of the campaign's event the report opens with.
    event = rules.EVENT_YEAR.search(text[:_OPENING])
    if event:
        return int(event.group(1)), "报道所述活动的年份"
    listed = date_column(text.split("\n"))
    for m in rules.YEAR_STAMP.finditer(text):
        # A column of dates is the page's list of other articles, not this one's date.
        if text.count("\n", 0, m.start()) not in listed:
            return int(m.group(1) or m.group(2)), "页面的发布日期"
    return None, ""


def _first_campaign_after(year: int, month: int) -> int:
    return year if month < rules.CAMPAIGN_MONTH else year + 1


def cited_event_year(flat: str) -> tuple[int, str] | None:
    """The first campaign after the latest congress or plenum the text cites."""
    found: list[tuple[int, str]] = []
    for m in rules.PLENUM.finditer(flat):
        for number in re.findall(r"([一二三四五六七])中", m.group(2)):
            date = rules.PLENUM_DATES.get((m.group(1), to_int(number) or 0))
            if date:
                found.append((_first_campaign_after(*date), f"{m.group(1)}届{number}中全会"))
    for m in rules.CONGRESS.finditer(flat):
        congress = m.group(1) or m.group(2)
        date = rules.CONGRESS_DATES.get(congress)
        if date:
            found.append((_first_campaign_after(*date), f"党的{congress}大"))
    if not found:
        return None
    year, name = max(found)
    return year, f"文中引用的{name}"


_LEVEL_ORDER = ("station", "county", "city", "province", "national")


def level_of_body(name: str, text: str) -> str | None:
    """The level of a body a report names, also by a name relative to its own territory
    ("省市场监管局", "区市场监管局", "自治区…"); a "市…" body in Shanghai is province-level."""
    name = _without_party(name)
    if rules.STATION_NAME.search(name):
        return "station"
    national = rules.NATIONAL_PREFIX.match(name)
    if national:
        # A national body's local branch is of its place: 国家税务总局吉安市税务局 is the city's.
        rest = name[national.end() :]
        found = (rules.PLACE.match(rest, i) for i in range(len(rest)))
        branch = next((m.group(0) for m in found if m and places.is_place(m.group(0))), None)
        if branch:
            return level_of_body(branch, text)
    if name.startswith(("省", "自治区")) or name.endswith(("省", "自治区")):
        return "province"
    if name.endswith(("市场监管所", "市场监督管理所")):
        # A town's or a zone's market-regulation office works under a county's bureau.
        return "county"
    if name.startswith(("州", "盟")) and not name.startswith("州市"):
        # "州住房和城乡建设局": the prefecture's own (自治州, 盟), as 市… is the city's.
        return "city"
    if name.endswith(("县", "区", "旗")):
        # A place named alone, the last of a chain: "陇南市宕昌县".
        return "county"
    if name.endswith(("州", "盟", "地区")) and places.is_place(name):
        # A prefecture named alone: "黔东南州", "兴安盟".
        return "city"
    branch = rules.PLACE_BRANCH.search(name)
    if (
        branch
        and rules.PROVINCE_PREFIX.match(name)
        and places.level_of_word(branch.group(1)) == "city"
    ):
        # A province body's branch named by its city: 江西省市场监管局南昌分局.
        return "city"
    if branch and branch.group(1) in places.county_stems():
        # A city body's branch named by its district: 海口市市场监督管理局琼山分局.
        return "county"
    found = level_of_name(name) or places.level_of_city_name(name)
    if found:
        return found
    if name.endswith(("总局", "总署")):
        return "national"
    if name.startswith(("县", "区", "旗")) or rules.COUNTY_NAME.match(name):
        return "county"
    if name.startswith("市") or rules.CITY_NAME.match(name):
        # Only a body named relative to its 市 can be a municipality's: 德州… is 德州's in a
        # page that names 上海 elsewhere.
        if name.startswith("市") and rules.MUNICIPALITY_IN_TEXT.search(text):
            return "province"
        # "市市场监督管理局" in a report on 射洪市, a county-level city: the text's own 市.
        own = name.startswith("市") and _own_city(text)
        return "county" if own and places.level_of_city_name(own) == "county" else "city"
    # A place by its own words, its kind left out (图木舒克质监局, 萍乡海关): the divisions know
    # its level.
    return places.level_of_place_word(name, rules.CAMPAIGN_BODY) or places.level_of_place_word(
        name, rules.PLACE_BUREAU
    )


def _own_city(text: str) -> str | None:
    """The 市 a report is about: its campaign's area when that is a 市, else the first 市 it
    names that China's divisions know."""
    area = campaign_area(text)
    if area and area.endswith("市"):
        return area
    for m in rules.CITY_IN_TEXT.finditer(text):
        if places.is_place(m.group(0)):
            return m.group(0)
    return None


def governed(names: list[str]) -> list[str]:
    """The bodies whose district is a government's: not a customs house or a central-bank
    branch, named by a city whatever it serves (武汉海关 among Hubei's departments)."""
    return [n for n in names if not rules.OWN_DISTRICTS.search(n)]


def level_of_bodies(names: list[str], text: str) -> str | None:
    """The campaign's level when bodies of several levels run it together: the lowest one
    (a province bureau and a city bureau co-host the city's campaign)."""
    names = governed(names) or names
    levels = [lv for lv in (level_of_body(n, text) for n in names) if lv]
    # An institute among the departments of a place (省标准化院 with 省市场监管局) takes part in
    # its place's campaign; the campaign is a station's only when institutes alone run it.
    levels = [lv for lv in levels if lv != "station"] or levels
    return min(levels, key=_LEVEL_ORDER.index) if levels else None


def campaign_area(text: str) -> str | None:
    """The place whose campaign a report is about: in the first clause naming 质量月 (not the
    encyclopedia's definition, not a superior it cites), the place named before it for itself —
    the first one after its year ("2024年福建省、福州市“质量月”": the province), else the last
    one ("湖北省来凤县质量月活动", "陇南市宕昌县开展2016年“质量月”": the county); not a place
    that starts a host's name ("长春市政府…举办2018年全国“质量月”…仪式")."""
    for clause in re.split(r"[，,。；;！？!?\n]", text):
        m = rules.CAMPAIGN_WORDS.search(clause)
        if not m or rules.GENERIC_SENTENCE.search(clause):
            continue
        # A place after 在/于 is where something is held, not whose campaign it is
        # ("住房和城乡建设部在山东省青岛市举办全国…“质量月”启动").
        before = rules.VENUE.sub("", clause[: m.start()])
        if rules.CITED_SUPERIOR.search(before):
            continue
        system = rules.COLLECTIVE_SUBJECT.search(before)
        if system and system.group("place") and places.is_place(system.group("place")):
            # "福建省质监部门多举措开展2017年“质量月”": the system's place is the campaign's.
            return system.group("place")
        years = list(rules.YEAR_IN_TITLE.finditer(before))
        after_year = _places(before[years[-1].end() :]) if years else []
        if after_year:
            return after_year[0]
        if years:
            # "2024年湖北省交通运输重点工程“质量月”": a place's sector or programme, no body.
            rest = before[years[-1].end() :].strip().rstrip("“\"「『‘'")
            m = rules.PLACE.match(rest)
            if m and places.is_place(m.group(0)) and not rules.ENDS_AS_BODY.search(rest):
                return m.group(0)
        named = _places(before)
        if len(named) > 1 and _listed(before, named[-2], named[-1]):
            # "广东省、广州市启动2017年质量月活动": places listed side by side launch together;
            # the first, the higher, is the campaign's (a chain, 湖北省来凤县, is the last's).
            return named[0]
        if named:
            return named[-1]
        short = next((p for p in rules.PROVINCES if before.lstrip().startswith(p)), None)
        if short and rules.PLACE_ACTS.match(before.lstrip()[len(short) :]):
            # "新疆召开质量月活动新闻发布会": a province by its short name.
            return places.full_province(short)
    return None


def first_particular(sentences: list[str]) -> str | None:
    """The first sentence about one particular campaign (its year, 今年, its number)."""
    return next(
        (
            s
            for s in sentences
            if rules.CAMPAIGN_WORDS.search(s)
            and rules.EDITION.search(s)
            and not rules.GENERIC_SENTENCE.search(s)
        ),
        None,
    )


def _system_place(text: str) -> str | None:
    """The place whose whole system that sentence gives the campaign to ("今年“质量月”期间，
    湖北省各地市场监管部门积极开展…": 湖北省)."""
    sentence = first_particular(re.split(r"[。！？\n]", text))
    system = sentence and rules.COLLECTIVE_SUBJECT.search(sentence)
    place = system and system.group("place")
    return place if place and places.is_place(place) else None


def _listed(text: str, first: str, second: str) -> bool:
    """Whether two places stand in a list (广东省、广州市), not in a chain (湖北省来凤县)."""
    at = text.find(first)
    between = text[at + len(first) : text.find(second, at + len(first))]
    return between in ("、", "和", "与", "及")


def national_campaign(text: str) -> bool:
    """Whether a report without a place of its own is about the national campaign: 全国 before
    质量月 in a clause that cites no superior ("全国“质量月”活动启动仪式…在上海召开"), and no 全省/
    我市 of its own."""
    if any(p.search(text) for p, _ in rules.SELF_LEVEL):
        return False
    # "全国“质量月”苏浙皖赣沪共同行动": the report is about the provinces' joint action in it.
    if any(rules.REGIONAL_ACTION.match(text, m.end()) for m in rules.CAMPAIGN_WORDS.finditer(text)):
        return False
    for clause in re.split(r"[，,。；;！？!?\n]", text):
        m = rules.CAMPAIGN_WORDS.search(clause)
        if m and not rules.GENERIC_SENTENCE.search(clause):
            before = clause[: m.start()]
            # "2025年全国“质量月”期间，上海市…" dates what a place does: no campaign of its own.
            if rules.DURING_CAMPAIGN.match(clause[m.end() :]):
                continue
            if "全国" in before and not rules.CITED_SUPERIOR.search(before):
                # "三埠街道办事处联合开平市市场监督管理局在松园开展…全国“质量月”宣传活动": the
                # national campaign's event of a place named before it is that place's.
                if _names_a_place(rules.VENUE.sub("", before[: before.index("全国")])):
                    continue
                return True
    return False


def _places(text: str, *, for_themselves: bool = True) -> list[str]:
    """Places named for themselves, not as the start of a body's name (长春市 in 长春市政府);
    with ``for_themselves=False`` those too (开平市 in 开平市市场监督管理局)."""
    found: list[str] = []
    i = 0
    while i < len(text):
        # Tried at every position: "吉安市和永新县" holds 永新县 after the non-place "和永新县".
        m = rules.PLACE.match(text, i)
        if (
            m
            and places.is_place(m.group(0))
            and not (for_themselves and rules.PLACE_GOES_ON.match(text, m.end()))
        ):
            found.append(m.group(0))
            i = m.end()
        else:
            i += 1
    return found


def _names_a_place(text: str) -> bool:
    """Whether the text names a place China's divisions know, alone or starting a body's name."""
    return bool(_places(text, for_themselves=False))


def level_from_text(text: str) -> str | None:
    """The level of the body a digest or report is about: the level of the campaign's area,
    else the level most often named for the organising bodies, leaving out the superior ones
    it cites ("按照市场监管总局…")."""
    area = campaign_area(text) or _system_place(text)
    if area:
        found = level_of_body(area, text)
        if found:
            return found
    if national_campaign(text):
        return "national"
    own: dict[str, int] = {}
    for pattern, found in rules.SELF_LEVEL:
        own[found] = len(pattern.findall(text))
    if any(own.values()):
        best = max(_LEVEL_ORDER, key=lambda lv: (own.get(lv, 0), -_LEVEL_ORDER.index(lv)))
        # 全市 in Shanghai or Beijing is a province-level campaign.
        if best == "city" and rules.MUNICIPALITY_IN_TEXT.search(text):
            return "province"
        # 全市 in a county-level city's report (晋江市, under 泉州) is that county's campaign.
        own_city = _own_city(text) if best == "city" else None
        if own_city and places.level_of_city_name(own_city) == "county":
            return "county"
        # 全区 in an autonomous region (广西, 宁夏…) is the region, a province-level campaign.
        if best == "county" and rules.AUTONOMOUS_REGION.search(text):
            return "province"
        return best
    counts: dict[str, int] = {}
    for m in rules.TEXT_ORG.finditer(text):
        # The match itself may start with the citing word: "按照市场监管总局".
        clause = re.split(r"[，。；,;\n]", text[max(0, m.start() - 12) : m.start()])[-1]
        before = clause + m.group(1)
        if rules.CITED_SUPERIOR.search(before):
            continue
        # "三埠街道办事处联合开平市市场监督管理局": the body after 联合 is one of its own.
        name = re.split(r"联合|会同", rules.TEXT_ORG_LEAD.sub("", m.group(1)))[-1]
        found = level_of_body(name, text)
        if found:
            counts[found] = counts.get(found, 0) + 1
    if not counts:
        return None
    # On a tie the lower level wins: a report names its own body and its superiors alike.
    return max(_LEVEL_ORDER, key=lambda lv: (counts.get(lv, 0), -_LEVEL_ORDER.index(lv)))


def recipients(doc: Document) -> list[str]:
    for line in doc.header:
        if rules.RECIPIENT_LINE.match(line) and not rules.HEADING_1.match(line):
            return split_recipients(line.rstrip("：:"))
    return []


def split_recipients(text: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"[，,；;]", text):
        part = part.strip()
        if not part:
            continue
        pieces = [p.strip() for p in part.split("、")]
        # "各市、县、自治县质量强市（县）办公室" shares one head noun, so it stays whole.
        if len(pieces) > 1 and all(len(p) >= 4 for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return out


def publication(doc: Document) -> str | None:
    for line in doc.lines:
        m = rules.PUBLICATION.match(line)
        if m:
            return m.group(1).strip()
    return None


def _without_party(name: str) -> str:
    """A party committee's body by its place: 中共山东省委宣传部 is the province's (中共中央… stays)."""
    return name[2:] if name.startswith("中共") and not name.startswith("中共中央") else name


def _strip_province(name: str) -> str | None:
    m = rules.PROVINCE_PREFIX.match(name)
    return name[m.end() :] if m else None


def level_of_name(name: str) -> str | None:
    """Level implied by an organisation's name alone, or None when a 市 could be either."""
    name = _without_party(name)
    if rules.STATION_NAME.search(name):
        return "station"
    if rules.NATIONAL_PREFIX.match(name):
        return "national"
    if name.startswith(("自治区", "省")):
        # Named relative to its own region: "自治区市场监管局" is the region's bureau.
        return "province"
    if rules.PREFECTURE_NAME.match(name):
        return "city"
    rest = _strip_province(name)
    if rest is not None:
        if rules.LOCAL_STRONG.match(rest):
            # "新疆维吾尔自治区质量强区工作领导小组办公室": 质量强区 is the region's aim, not a 区.
            return "province"
        if rules.COUNTY_NAME.match(rest) or places.level_of_city_name(rest) == "county":
            return "county"
        # A municipality (北京市) is itself province-level; "福建省三明市…" is a city.
        if rules.CITY_NAME.match(rest) and not any(
            name.startswith(m) for m in rules.MUNICIPALITIES
        ):
            return "city"
        return "province"
    if rules.COUNTY_NAME.match(name):
        return "county"
    if rules.CITY_NAME.match(name):
        # The divisions tell a county-level city (永安市) from a prefecture (三明市); a name
        # both carry (朝阳市, 朝阳县) stays open.
        return places.level_of_city_name(name)
    if rules.NATIONAL_BODY_END.search(name) and name[0] not in rules.NOT_NATIONAL_START:
        return "national"
    return None


def level(names: list[str], recipient_list: list[str], doc: Document) -> tuple[str | None, bool]:
    """The issuer's level; returns (level, certain)."""
    if not names:
        # A copy that lost the issuer's name still addresses its own 所 and 股室 (a report that
        # names a county bureau's 股 in passing is no such copy).
        addressed = recipient_list or [ln for ln in doc.lines if ln.rstrip().endswith(("：", ":"))]
        if rules.COUNTY_RECIPIENTS.search("，".join(recipient_list)) or any(
            rules.COUNTY_OFFICES.search(line) for line in addressed
        ):
            return "county", False
        return None, False
    if names[0].startswith(("县", "区", "旗")) and not rules.COUNTY_NAME.match(names[0]):
        # "区市场监督管理局": a body named relative to its own district (CITY_NAME would read
        # "区市" as a city).
        return "county", False
    found = level_of_name(names[0])
    if found:
        return found, True
    city = rules.CITY_NAME.match(names[0])
    if not city:
        return None, False
    joined = "，".join(recipient_list)
    if rules.COUNTY_RECIPIENTS.search(joined):
        return "county", True
    if rules.CITY_RECIPIENTS.search(joined):
        return "city", True
    if any(rules.COUNTY_OFFICES.search(line) for line in doc.lines):
        # A 市 whose bureau has 股 is a county-level city (共青城市).
        return "county", True
    # A 市 that implements another 市's notice sits below it: a county-level city.
    own = city.group(0)
    for line in _preamble(doc):
        for m in re.finditer(rf"([{rules.CJK}]{{1,6}}(?:市|州|盟))[{rules.CJK}]{{0,20}}?《", line):
            other = re.sub(r"^(?:和|及|与|并|、)", "", m.group(1))
            # "质量强市" is a programme, not a place.
            if "强" in other or "质量" in other:
                continue
            if other != own and not other.endswith(own) and not rules.PROVINCE_PREFIX.match(other):
                return "county", True
    return "city", False


def copied_to(doc: Document) -> str:
    """The 抄送 line of the 版记 (GB/T 9704 7.4.2) as written, without its label and the
    closing full stop; lines wrapped under it are joined."""
    for i, line in enumerate(doc.lines):
        m = rules.COPY_TO.match(line)
        if not m:
            continue
        parts = [line[m.end() :].strip()]
        for more in doc.lines[i + 1 : i + 3]:
            if rules.DATE.search(more) or not more.strip() or rules.ATTACHMENT_START.match(more):
                break
            if more.rstrip().endswith(("。", "，", ",")) or "、" in more or "，" in more:
                parts.append(more.strip())
            else:
                break
        return "".join(parts).strip().rstrip("。.")
    return ""
