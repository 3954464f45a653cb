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
# For the training script's cross-validation only: the weights of the fold being scored, or
# False to score the hand rules of digest.py instead of the ranker.
OVERRIDE: dict[str, float] | bool | None = None
# A unit is taken for an issuer from this probability on.
THRESHOLD = 0.5
# Characters either side of a mention in which role words are looked for.
_WINDOW = 14

_SENTENCE_END = re.compile(r"[。！？!?\n]")
# Where a run of name characters stops: punctuation, and the verbs and particles that stand
# between a unit and what it does ("记者从X获悉", "由X主办", "X联合Y").
_BREAK = re.compile(
    r"[^" + rules.CJK + r"（）()]|记者从|获悉|联合(?!会)|会同|牵头|组织(?!部)|开展|举办|举行|印发|下发"
    r"|发出|部署|围绕|召开|启动|主办|承办|协办|出席|参加|致辞|讲话|发布(?!会)|共同|等|由|从|据|向|在|将|于"
    r"|召集|带领|指导|督促|推动|提高|按照|根据|依据|贯彻|落实|通过|进行|要求|强调|结合|针对"
)
_BODY = re.compile(rf"[{rules.CJK}（）()]{{2,30}}?{rules.ORG_SUFFIX}")
_LEADING = re.compile(r"^(?:.*?(?:近日|日前|今年|今天|昨天|目前|期间|会上|记者|据悉|了|是|对|为|经))?[（(]?[年月日号]?")
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
    "post_head": re.compile(r"^(?:党组)?(?:副?局长|副?主任|副?书记|副?厅长|副?部长|领导|负责人|相关负责|同志|党组)"),
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
_COLLECTIVE = re.compile(r"^(?:各|全|有关|相关|成员|四省|[一二三四五六七八九十\d]+个)|成员单位$")
_DEPARTMENT = re.compile(r"宣传部|党委|委员会办公室|统战部|组织部")
_QUALITY_BODY = re.compile(r"市场监|质监|质量技术监督|质检|质量|市场和质量")


@dataclass
class Candidate:
    name: str
    first: int  # offset of its first mention
    features: dict[str, float] = field(default_factory=dict)
    joint: bool = False  # named in a sentence that says the campaign is run jointly


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
        if m.start() == end:
            end = m.end()
        else:
            runs.append(segment[start:end])
            start, end = m.start(), m.end()
    runs.append(segment[start:end])
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
        if len(pieces) == 2 and len(pieces[0]) >= 4 and all(rules.ORG_NAME.match(p) for p in pieces):
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
    order = 0
    campaign_sentences = 0
    for s_index, (offset, sentence) in enumerate(sentences):
        if not sentence.strip():
            continue
        about = bool(rules.CAMPAIGN_WORDS.search(sentence))
        campaign_sentences += about
        event = bool(_EVENT.search(sentence))
        joint_cue = bool(_JOINT_CUE.search(sentence))
        cursor = 0
        list_names: list[str] = []
        for seg in _BREAK.split(sentence):
            at = sentence.find(seg, cursor) if seg else cursor
            cursor = at + len(seg)
            for name in _names(seg):
                idx = sentence.find(name, at)
                before = sentence[max(0, idx - _WINDOW) : idx]
                after = sentence[idx + len(name) : idx + len(name) + _WINDOW]
                key = _key(name)
                cand = found.get(key)
                if cand is None:
                    cand = found[key] = Candidate(name=name, first=offset + idx)
                    cand.features = _static(name, text, area, text_level, order)
                    order += 1
                elif len(name) > len(cand.name):
                    cand.name = name
                f = cand.features
                f["mentions"] = f.get("mentions", 0.0) + 1
                if offset + idx < first_line_end:
                    f["title"] = 1.0
                if about:
                    f["campaign_sentence"] = 1.0
                    if campaign_sentences <= 2:
                        f["first_campaign_sentence"] = 1.0
                if event:
                    f["event_sentence"] = 1.0
                    if not about:
                        f["event_only_sentence"] = 1.0
                if joint_cue and about:
                    f["joint_campaign_sentence"] = 1.0
                    cand.joint = True
                if s_index < 3:
                    f["opening"] = 1.0
                for role, pattern in _ROLES.items():
                    window = before if role.startswith(("pre_", "source")) else after
                    if pattern.search(window):
                        f[role] = 1.0
                        if about:
                            f[role + "_campaign"] = 1.0
                list_names.append(name)
                if before.endswith("、") or before.endswith(("和", "及", "与")):
                    f["in_list_later"] = 1.0
                elif after.startswith("、"):
                    f["list_first"] = 1.0
    listed = abbreviated_bodies(re.split(r"[。！？\n]", text), text)
    for name in listed[0] if listed else []:
        key = _key(name)
        if key not in found:
            found[key] = Candidate(name=name, first=len(text))
            found[key].features = _static(name, text, area, text_level, order)
            order += 1
        found[key].features["abbreviated_list"] = 1.0
        found[key].features["joint_campaign_sentence"] = 1.0
        found[key].joint = True
    for cand in found.values():
        f = cand.features
        f["mentions"] = math.log1p(f.get("mentions", 0.0))
        if not f.get("campaign_sentence"):
            f["never_campaign"] = 1.0
    return sorted(found.values(), key=lambda c: c.first)


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
    }


def probability(features: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_weights(path: str = str(WEIGHTS_FILE)) -> dict[str, float]:
    return dict(json.loads(Path(path).read_text(encoding="utf-8"))["weights"])


def choose(
    cands: list[Candidate], weights: dict[str, float], text: str
) -> tuple[list[str], list[str]]:
    """(issuers, co_organizers): the units scored as issuers, in the order the text names
    them; when the text says they run the campaign jointly, they are its co-organisers too
    (the gold convention: a joint campaign's issuers are its co-organisers)."""
    picked = [c for c in cands if probability(c.features, weights) >= THRESHOLD]
    issuers = fullest([c.name for c in picked], text)
    joint = len(picked) > 1 and any(c.joint for c in picked) or any(
        c.joint and c.features.get("list_first") for c in picked
    )
    return issuers, (issuers if joint else [])


def enabled() -> bool:
    return OVERRIDE is not False


def pick(text: str, weights: dict[str, float] | None = None) -> tuple[list[str], list[str]]:
    if weights is None:
        weights = OVERRIDE if isinstance(OVERRIDE, dict) else load_weights()
    return choose(candidates(text), weights, text)
