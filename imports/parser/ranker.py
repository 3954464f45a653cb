"""A learned picker of who runs the campaign in a digest or news report (issue #18).

The hand rules of digest.py were written one document at a time; this ranker scores every unit
name the text gives (candidates) on general, cheap features — where the name stands, the role
words around it, whether its sentence is about the campaign or about one event, how often it
is named, whether its level fits the campaign's area — with a logistic regression whose weights
are data (issuer_weights.json, written by ``python -m imports.parser.train_issuers``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import rules
from .digest import _runs_campaigns, _split, abbreviated_bodies, fullest
from .header import campaign_area, level_from_text, level_of_body

WEIGHTS_FILE = Path(__file__).with_name("issuer_weights.json")
# Whether parse_text asks the ranker (True) or the hand rules of digest.py (False). Off: its
# cross-validated figure on dev does not beat the rules' figure there (see train_issuers).
ENABLED = False
# For the training script's cross-validation only: the weights of the fold being scored, or
# False to score the hand rules.
OVERRIDE: dict[str, float] | bool | None = None
# The best-scored unit is taken from TOP_MIN on, every other one from OTHER_MIN on (chosen by
# the 5-fold cross-validation on dev of train_issuers, among 0.15…0.5 × 0.4…0.7).
TOP_MIN = 0.3
OTHER_MIN = 0.7
# Characters either side of a mention in which role words are looked for.
_WINDOW = 14

# How far a name may go on past the suffix that ended its lazy match.
_EXTEND = 3
_SENTENCE_END = re.compile(r"[。！？!?\n]")
# Where a run of name characters stops: punctuation, and the verbs and particles that stand
# between a unit and what it does ("记者从X获悉", "由X主办", "X联合Y").
_BREAK = re.compile(
    r"[^"
    + rules.CJK
    + r"（）()]|记者从|获悉|联合(?!会)|会同|牵头|组织(?!部)|开展|举办|举行|印发|下发"
    r"|发出|部署|围绕|召开|启动|主办|承办|协办|出席|参加|致辞|讲话|发布(?!会)|共同|等|由|从|据|向|在|将|于"
    r"|召集|带领|指导|督促|推动|提高|按照|根据|依据|贯彻|落实|通过|进行|要求|强调|结合|针对"
    # A head's title and a theme end a unit's name: "湛江市副市长欧先伟湛江市市场监管局".
    r"|副?(?:市长|县长|区长|省长|局长|厅长|书记|主任|主席|秘书长)|主题|领导(?!小组)"
)
# How the name of a bureau's own office, branch or team ends.
_OFFICE_END = re.compile(r"(?:局|处|科|室|所|队|站|中心|院|办|股)$")
# Not a name when the suffix goes on as a word: 部门, 行动, 社会, 会议.
_BODY = re.compile(rf"[{rules.CJK}（）()]{{2,30}}?{rules.ORG_SUFFIX}{rules.NOT_BU_WORD}")
_LEADING = re.compile(
    r"^(?:.*?(?:近日|日前|今年|今天|昨天|目前|期间|会上|记者|据悉|了|是|对|为|经))?[（(]?[年月日号]?"
)
# A province's name inside a run starts the unit's name: mirror junk stands before it
# ("提高广东省市场监管局").
_PROVINCE_INSIDE = re.compile(rf"(?<=[{rules.CJK}])(?:{'|'.join(rules.PROVINCES)})(?:省|自治区|市)")

# Role words: before the name (pre_*) or after it (post_*).
_ROLES: dict[str, re.Pattern[str]] = {
    "post_issue": re.compile(r"^[^。，,]{0,8}?(?:联合)?(?:印发|下发|发出|联发|制定|发布(?!会))"),
    "post_joint": re.compile(r"^[^。，,]{0,6}?(?:联合|会同)"),
    "pre_joint": re.compile(r"(?:联合|会同)[^。，,]{0,10}$"),
    "post_run": re.compile(r"^[^。，,]{0,10}?(?:牵头|组织|部署|启动|开展|举办|举行|召开)"),
    "pre_by": re.compile(r"由[^。，,]{0,12}$"),
    "post_host": re.compile(r"^[^。，,]{0,12}?(?:主办|指导)"),
    "post_cohost": re.compile(r"^[^。，,]{0,12}?(?:承办|协办|参与|参加|出席|支持)"),
    "source": re.compile(r"(?:记者从|来源[：:]?|据|稿件来源)[^。，,]{0,4}$"),
    "post_source": re.compile(r"^[^。，,]{0,4}?获悉"),
    "post_head": re.compile(
        r"^(?:党组)?(?:副?局长|副?主任|副?书记|副?厅长|副?部长|领导|负责人|相关负责|同志|党组)"
    ),
    "post_speech": re.compile(r"^[^。，,]{0,16}?(?:致辞|讲话|发言|介绍|表示|指出)"),
    "pre_cited": re.compile(r"(?:按照|根据|依据|贯彻|落实|转发)[^。，,]{0,10}$"),
}
_EVENT = re.compile(
    r"仪式|宣传日|宣传周|广场|街|开放日|论坛|座谈会|现场会|大会|发布会|竞赛|大赛|比赛|咨询台|讲堂|培训"
)
_JOINT_CUE = re.compile(
    r"联合(?:印发|下发|发出|开展|制定|部署|发布)|联发|会同|共同(?:开展|部署|主办|印发)"
    r"|等\s*[0-9一二三四五六七八九十几多]+\s*[个家]?(?:相关|有关|省直|市直|成员)?(?:部门|单位)"
    r"|主办单位"
)
_COLLECTIVE = re.compile(
    r"^(?:全|有关|相关|成员|四省|[一二三四五六七八九十\d几]+个?)|各|成员单位|以及|系统|级部|直辖市|兵团"
)
# What a unit's name ends with when it is one (not 社会, 行动 or 大会 cut short).
_STRONG_END = re.compile(
    r"(?:局|厅|委|办公室|委员会|部|政府|协会|学会|商会|联合会|工会|总院|院|中心|署|总社|团中央|小组|办)$"
)
_PLACED = re.compile(
    rf"^(?:国家|中国|中华|全国|(?:{'|'.join(rules.PROVINCES)})|[{rules.CJK}]{{1,8}}?(?:省|市|县|区|旗|州|盟))"
)
_DEPARTMENT = re.compile(r"宣传部|党委|委员会办公室|统战部|组织部")
_QUALITY_BODY = re.compile(r"市场监|质监|质量技术监督|质检|质量|市场和质量")


@dataclass
class Candidate:
    name: str
    first: int  # offset of its first mention
    features: dict[str, float] = field(default_factory=dict)
    joint: bool = False  # named in a sentence that says the campaign is run jointly
    members: list[Candidate] = field(default_factory=list)  # the rest of a joint list it leads


def _names(segment: str) -> list[str]:
    """The unit names of a run of name characters: adjacent pieces are one name
    (市委 + 宣传部, 人力资源和社会 + 保障部), and 和/与/及 split two names."""
    segment = _LEADING.sub("", segment)
    pieces = list(_BODY.finditer(segment))
    if not pieces:
        return []
    start, end = pieces[0].start(), pieces[0].end()
    runs: list[str] = []
    for m in pieces[1:]:
        # After a bureau only its own offices go on its name (…总局质量发展局, …局稽查队): the
        # text after 局 is what it does (质监分局设置咨询台, 监督局依托…平台).
        bureau = segment[start:end].endswith(("局", "厅")) and not _OFFICE_END.search(m.group(0))
        if m.start() == end and not bureau:
            end = m.end()
        else:
            runs.append(segment[start:end])
            start, end = m.start(), m.end()
    runs.append(segment[start:end])
    # A suffix inside the last word ends a lazy match too early ("…科" of "…科技厅"): the name
    # goes on to the last suffix a few characters further.
    tail = segment[end : end + _EXTEND]
    for k in range(len(tail), 0, -1):
        if rules.ORG_NAME.match(segment[start : end + k]) and _BODY.fullmatch(
            segment, start, end + k
        ):
            runs[-1] = segment[start : end + k]
            break
    out = []
    for run in runs:
        inside = _PROVINCE_INSIDE.search(run)
        if inside:
            run = run[inside.start() :]
        for name in _split_joined(run):
            if (
                len(name) >= 3
                and rules.ORG_NAME.match(name)
                and name[0] not in rules.NOT_A_NAME_START
            ):
                out.append(name)
    return out


def _split_joined(run: str) -> list[str]:
    """和/与/及 join two names when a name stands on each side (工业和信息化部 is one)."""
    out: list[str] = []
    for part in _split(run):
        pieces = re.split(r"[和与及暨]", part)
        if (
            len(pieces) == 2
            and len(pieces[0]) >= 4
            and all(rules.ORG_NAME.match(p) for p in pieces)
        ):
            out.extend(pieces)
        else:
            out.append(part)
    return out


def _key(name: str) -> str:
    for short, long in rules.SHORT_NAMES.items():
        if name.endswith(short):
            return name[: -len(short)] + long
    return name


def candidates(text: str) -> list[Candidate]:
    """Every unit name the text gives, with the features of all its mentions."""
    area = campaign_area(text)
    text_level = level_from_text(text)
    found: dict[str, Candidate] = {}
    sentences: list[tuple[int, str]] = []
    pos = 0
    for part in _SENTENCE_END.split(text):
        sentences.append((pos, part))
        pos += len(part) + 1
    first_line_end = text.find("\n") if "\n" in text else len(text)
    campaign_sentences = 0
    for s_index, (offset, sentence) in enumerate(sentences):
        if not sentence.strip():
            continue
        about = bool(rules.CAMPAIGN_WORDS.search(sentence))
        campaign_sentences += about
        event = bool(_EVENT.search(sentence))
        joint_cue = bool(_JOINT_CUE.search(sentence))
        cursor = 0
        mentions: list[tuple[Candidate, int, int]] = []
        for seg in _BREAK.split(sentence):
            at = sentence.find(seg, cursor) if seg else cursor
            cursor = at + len(seg)
            for name in _names(seg):
                idx = sentence.find(name, at)
                cand = found.get(_key(name))
                if cand is None:
                    cand = found[_key(name)] = Candidate(name=name, first=offset + idx)
                elif len(name) > len(cand.name):
                    cand.name = name
                mentions.append((cand, idx, idx + len(name)))
                _mention(cand.features, sentence, idx, len(name), about, event)
                if offset + idx < first_line_end:
                    cand.features["title"] = 1.0
                if about and campaign_sentences <= 2:
                    cand.features["first_campaign_sentence"] = 1.0
                if s_index < 3:
                    cand.features["opening"] = 1.0
                if joint_cue and about:
                    cand.features["joint_campaign_sentence"] = 1.0
                    cand.joint = True
        # A sentence saying the campaign's bodies act jointly need not repeat 质量月.
        _lists(mentions, sentence, joint_cue and (about or not event))
    listed = abbreviated_bodies(re.split(r"[。！？\n]", text), text)
    if listed:
        lead = found.get(_key(listed[0][0]))
        for name in listed[0]:
            cand = found.setdefault(_key(name), Candidate(name=name, first=len(text)))
            cand.features["abbreviated_list"] = 1.0
            cand.joint = True
            if lead is not None and cand is not lead:
                lead.members.append(cand)
    merged = _merge(sorted(found.values(), key=lambda c: c.first))
    most = max((c.features.get("mentions", 0.0) for c in merged), default=0.0)
    first_quality = next(
        (c for c in merged if _QUALITY_BODY.search(c.name) and _STRONG_END.search(c.name)), None
    )
    for order, cand in enumerate(merged):
        f = cand.features
        f.update(_static(cand.name, text, area, text_level, order))
        if f.get("mentions", 0.0) == most:
            f["most_mentioned"] = 1.0
        if cand is first_quality:
            f["first_quality_body"] = 1.0
        if not f.get("plain_mentions"):
            f["seen_only_through_roles"] = 1.0
        f["plain_mentions"] = math.log1p(f.get("plain_mentions", 0.0))
        f["mentions"] = math.log1p(f.get("mentions", 0.0))
        if not f.get("campaign_sentence"):
            f["never_campaign"] = 1.0
    return merged


def _mention(f: dict[str, float], sentence: str, idx: int, size: int, about: bool, event: bool):
    before = sentence[max(0, idx - _WINDOW) : idx]
    after = sentence[idx + size : idx + size + _WINDOW]
    f["mentions"] = f.get("mentions", 0.0) + 1
    if about:
        f["campaign_sentence"] = 1.0
    if event:
        f["event_sentence"] = 1.0
        if not about:
            f["event_only_sentence"] = 1.0
    seen_only = False
    for role, pattern in _ROLES.items():
        window = before if role.startswith(("pre_", "source")) else after
        if pattern.search(window):
            f[role] = 1.0
            if about:
                f[role + "_campaign"] = 1.0
            seen_only = seen_only or role in _SEEN_ONLY
    if not seen_only:
        # A mention as itself, not as a news source, a head's employer or a guest.
        f["plain_mentions"] = f.get("plain_mentions", 0.0) + 1
    # The subject of its clause: nothing but time words between the clause start and it.
    clause = re.split(r"[，,；;：:]", sentence[:idx])[-1]
    if len(clause) <= 8 and not re.search(r"[由从据向对按根依贯落]", clause):
        f["clause_subject"] = 1.0
        if about:
            f["clause_subject_campaign"] = 1.0
    if before.endswith(("、", "和", "及", "与")):
        f["in_list_later"] = 1.0
    elif after.startswith("、"):
        f["list_first"] = 1.0


def _lists(mentions: list[tuple[Candidate, int, int]], sentence: str, joint: bool) -> None:
    """Names joined by 、/和/及/与 are one list; in a sentence saying the campaign is run
    jointly its first name leads the others."""
    runs: list[list[Candidate]] = []
    last_end = -10
    for cand, start, end in mentions:
        between = sentence[last_end:start] if last_end >= 0 else None
        if runs and between in _JOINERS:
            runs[-1].append(cand)
        else:
            runs.append([cand])
        last_end = end
    for run in runs:
        if len(run) < 2:
            continue
        for cand in run:
            cand.features["list_member"] = 1.0
            cand.features["list_size"] = max(
                cand.features.get("list_size", 0.0), math.log(len(run))
            )
        if joint:
            lead = run[0]
            lead.features["leads_joint_list"] = 1.0
            lead.members.extend(c for c in run[1:] if c is not lead and c not in lead.members)


_SEEN_ONLY = frozenset({"source", "post_source", "post_head", "post_speech", "post_cohost"})
_JOINERS = frozenset(
    {
        "、",
        "和",
        "及",
        "与",
        "以及",
        "暨",
        "，",
        ",",
        "联合",
        "会同",
        "将联合",
        "牵头会同",
        "牵头，会同",
    }
)


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """One unit named in several forms (国家质检总局, 质检总局; 省市场监管局, 安徽省市场监督管理局)
    is one candidate: its mentions add up, its fullest name is kept."""
    from .accuracy import same_unit  # the scorer's notion of one unit; lazy: accuracy imports us

    out: list[Candidate] = []
    for cand in cands:
        twin = next((c for c in out if same_unit(c.name, cand.name)), None)
        if twin is None:
            out.append(cand)
            continue
        if len(cand.name) > len(twin.name):
            twin.name = cand.name
        for k, v in cand.features.items():
            twin.features[k] = (
                twin.features.get(k, 0.0) + v
                if k == "mentions"
                else max(twin.features.get(k, 0.0), v)
            )
        twin.joint = twin.joint or cand.joint
        twin.members.extend(m for m in cand.members if m not in twin.members)
    for cand in out:
        cand.members = [
            next((c for c in out if c is m or same_unit(c.name, m.name)), m) for m in cand.members
        ]
    return out


def _static(name: str, text: str, area: str | None, text_level: str | None, order: int) -> dict:
    level = level_of_body(name, text)
    return {
        "bias": 1.0,
        "first_unit": 1.0 if order == 0 else 0.0,
        "early_unit": 1.0 if order < 3 else 0.0,
        "runs_campaigns": 1.0 if _runs_campaigns(name) else 0.0,
        "quality_body": 1.0 if _QUALITY_BODY.search(name) else 0.0,
        "department": 1.0 if _DEPARTMENT.search(name) else 0.0,
        "collective": 1.0 if _COLLECTIVE.search(name) else 0.0,
        "own_area": 1.0 if area and name.startswith(area) else 0.0,
        "level_fits": 1.0 if level and level == text_level else 0.0,
        "level_differs": 1.0 if level and text_level and level != text_level else 0.0,
        "station": 1.0 if rules.STATION_NAME.search(name) else 0.0,
        "long_name": 1.0 if len(name) >= 8 else 0.0,
        "strong_end": 1.0 if _STRONG_END.search(name) else 0.0,
        "place_named": 1.0 if _PLACED.match(name) else 0.0,
    }


def probability(features: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_weights(path: str = str(WEIGHTS_FILE)) -> dict[str, float]:
    return dict(json.loads(Path(path).read_text(encoding="utf-8"))["weights"])


def choose(
    cands: list[Candidate],
    weights: dict[str, float],
    text: str,
    thresholds: tuple[float, float] | None = None,
) -> tuple[list[str], list[str]]:
    """(issuers, co_organizers): the best-scored unit when it is likely enough, and every
    other unit scored as an issuer; a joint list's lead brings its list. When the text says
    they run the campaign jointly, they are its co-organisers too (the gold convention: a
    joint campaign's issuers are its co-organisers)."""
    top_min, other_min = thresholds or (TOP_MIN, OTHER_MIN)
    scored = sorted(cands, key=lambda c: (-probability(c.features, weights), c.first))
    picked: list[Candidate] = []
    for rank, cand in enumerate(scored):
        if probability(cand.features, weights) >= (top_min if rank == 0 else other_min):
            picked.append(cand)
    for cand in list(picked):
        if cand.features.get("leads_joint_list") or cand.features.get("abbreviated_list"):
            picked += [m for m in cand.members if m not in picked]
    picked.sort(key=lambda c: c.first)
    issuers = fullest([c.name for c in picked], text)
    joint = any(c.joint and (c.members or len(picked) > 1) for c in picked)
    return issuers, (issuers if joint else [])


def enabled() -> bool:
    if OVERRIDE is False:
        return False
    return ENABLED or isinstance(OVERRIDE, dict)


def pick(text: str, weights: dict[str, float] | None = None) -> tuple[list[str], list[str]]:
    if weights is None:
        weights = OVERRIDE if isinstance(OVERRIDE, dict) else load_weights()
    return choose(candidates(text), weights, text)


# How many other units the import page offers beside an issuer read from a report.
SUGGESTIONS = 6
# Below this a name is almost surely no runner (a venue, a firm, a reporter's source).
SUGGEST_MIN = 0.02


def suggestions(text: str, chosen: list[str], limit: int = SUGGESTIONS) -> list[str]:
    """The other units a report names, most likely runner first: when the issuer read from a
    news report is wrong or missing (issue #18: about one report in four), the clerk picks the
    right one from these on the import page instead of typing it. Collectives (各级质监部门)
    and names that only end like a body are left out."""
    weights = load_weights()
    scored = sorted(
        ((probability(c.features, weights), c) for c in candidates(text)),
        key=lambda pc: (-pc[0], pc[1].first),
    )
    out: list[str] = []
    for p, cand in scored:
        if len(out) >= limit or p < SUGGEST_MIN:
            break
        name = fullest([cand.name], text)[0]
        taken = chosen + out
        if (
            cand.features.get("collective")
            or not rules.ORG_NAME.match(name)
            or name.count("（") + name.count("(") != name.count("）") + name.count(")")
            or not _runs_campaigns(name)
            or any(name.endswith(t) or t.endswith(name) for t in taken)
        ):
            continue
        out.append(name)
    return out
