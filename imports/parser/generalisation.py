"""An honest yardstick for the issuer rules (issue #18): how much of their dev figure would
survive on documents nobody wrote a rule for.

    python -m imports.parser.generalisation            # the estimate and the memorised pieces
    python -m imports.parser.generalisation --pieces   # every piece with the groups it serves
    python -m imports.parser.generalisation --slow     # every document parsed for every piece

The issuer, co-organiser and level rules are regular expressions and a few code paths. Each
*piece* — one alternative of an alternation or one optional group of an issuer pattern in
rules.py, one word of a verb set, one step of digest.py — is switched off in turn, and the
seeds and dev are parsed again. The groups (one original document: all its copies share one)
whose issuers, co-organisers or level get worse without the piece are the ones it serves. A
piece that serves one group only was written for that group: on an unseen document it is as
if it did not exist. The estimate parses every group with the pieces that serve only it
switched off, the rules' analogue of leave-one-group-out (a rule written for group g would not
have been written had g been held out). Pieces that serve no group are dead weight on the
corpus; pieces that only hurt are harmful. Closed lists of knowledge (province names, the
ministries of NATIONAL_PREFIX) are not pieces: they are not fitted to a document.

Pure Python, no Django: it patches the module attributes parse_text looks up at call time and
restores them. A name bound elsewhere at import time keeps the full rules: digest's own
``level_of_bodies``, ranker's ``fullest``, normalize's copy of METADATA_ROW's text, VENUE and
REPORT_BODY built from PLACE's and CAMPAIGN_BODY's. With a piece off, only the documents
whose parse asks the patched attribute something it now answers differently are parsed again
(see "which documents a piece can change"): minutes instead of over an hour, with the same
result as ``--slow``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import digest, header, parse_text, places, rules
from .accuracy import CORPUS_DIR, DEFAULT_FIXTURES, SEED_FALLBACK, score
from .errors import NoticeParseError
from .extract import extract_text

FIELDS = ("issuers", "co_organizers", "level")
# The patterns that decide who issues a campaign, its co-organisers and its level.
PATTERNS = (
    "CAMPAIGN_SUBJECT",
    "JOINT_RUN",
    "RUN_BY",
    "HOSTED_BY",
    "EVENT_OBJECT",
    "EVENT_PLACE",
    "ORGANISERS_LABEL",
    "ABBREVIATED_BODIES",
    "COLLECTIVE_RUNNERS",
    "SUBJECT_LEAD",
    "CITED_SUPERIOR",
    "COUNTY_UNDER_PLACES",
    "TITLE_JOINT",
    "TITLE_ISSUER",
    "RED_HEAD",
    "RUNNING_BODY_END",
    "CAMPAIGN_BODY",
    "PLACE",
    "PLACE_GOES_ON",
    "TEXT_ORG",
    "TEXT_ORG_LEAD",
    "MUNICIPALITY_IN_TEXT",
    "AUTONOMOUS_REGION",
    "COUNTY_RECIPIENTS",
    "CITY_RECIPIENTS",
    "COUNTY_OFFICES",
    "STATION_NAME",
    "BARE_BODY",
    "NATIONAL_BODY_END",
    "PREFECTURE_NAME",
    "CITY_NAME",
    "COUNTY_NAME",
    "SHARED_NAME",
    "AT_THE_SCENE",
    "VENUE",
    "DURING_CAMPAIGN",
    "NOT_A_RUNNER",
    "LIST_CLOSE",
    "COLLECTIVE_SUBJECT",
    "NOT_A_BODY",
    "MEMBER_UNITS",
    "AT_WORK",
    "CONTRACTOR_CLAUSE",
    "CONTRACTED",
    "THIS_EVENT",
    "PLACE_BRANCH",
    "CITY_IN_TEXT",
    "LOCAL_STRONG",
    "PLACE_BUREAU",
    "SOURCE_LABEL",
    "PLACE_ACTS",
    "JUNK_BEFORE_PROVINCE",
    "THEME_OF_THE_CAMPAIGN",
    "PLACE_CAMPAIGN",
    "TALK_GIVEN",
    "LISTED_ACTIVITIES",
    "PART_OF_CAMPAIGN",
    "COMPANY_GROUP",
    "ARTICLE_END",
    "IN_BOOK_QUOTES",
    "ANSWERING_CALL",
    "REGIONAL_ACTION",
    "SUPPORTING",
    "ENDS_AS_BODY",
    "HOSTED_THE",
    "NEXT_ARTICLE",
    "METADATA_ROW",
    "LED_BY_ANOTHER",
    "ISSUED_TITLE",
    "OWN_DISTRICTS",
)
SETS = ("RUNNING_VERBS", "EVENT_VERBS")
# Vocabulary, not fitted to a document: the provinces and the suffixes a unit's name ends with.
_KNOWLEDGE = {"|".join(rules.PROVINCES), rules.ORG_SUFFIX[3:-1]}
_NEVER = "(?!)"


@dataclass
class Piece:
    """One thing that can be switched off: ``owner.attr`` made ``without(original, removes)``."""

    name: str
    owner: Any
    attr: str
    # What the piece takes out of the attribute (alternatives' offsets, words, entries; for a
    # code path, the stub put in), so that pieces of one attribute can be switched off together.
    removes: tuple[Any, ...]
    without: Callable[[Any, tuple[Any, ...]], Any]
    helps: set[str] = field(default_factory=set)
    hurts: set[str] = field(default_factory=set)
    original: Any = field(init=False)
    replacement: Any = field(init=False)

    def __post_init__(self) -> None:
        self.original = getattr(self.owner, self.attr)
        self.replacement = self.without(self.original, self.removes)

    def off(self) -> None:
        setattr(self.owner, self.attr, self.replacement)

    def on(self) -> None:
        setattr(self.owner, self.attr, self.original)


# --- the alternatives and optional groups of a pattern ----------------------------------------


def alternatives(pattern: str) -> list[tuple[str, list[int]]]:
    """(key, start offsets) of every alternative of every alternation and of every optional
    group in ``pattern``. The same alternative repeated inside one pattern (a name's suffix
    list used twice) is one key with several starts."""
    found: dict[str, list[int]] = {}
    # Per open group: (offset after its opening, offsets of its | at this depth)
    stack: list[tuple[int, list[int]]] = [(0, [])]
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            i += 1
            continue
        if c == "[":
            in_class = True
            # "[]…]" and "[^]…]" keep the first "]" as a member.
            i += 2 if pattern[i + 1 : i + 2] == "]" else 1
            continue
        if c == "(":
            body = i + 1
            if pattern.startswith("?", body):
                m = re.match(r"\?(?:P<\w+>|[:=!]|<[=!]|[aiLmsux-]+[:)])", pattern[body:])
                body += len(m.group(0)) if m else 1
            stack.append((body, []))
        elif c == "|":
            stack[-1][1].append(i)
        elif c == ")" and len(stack) > 1:
            body, bars = stack.pop()
            quantified = pattern[i + 1 : i + 2] in ("?", "*") or pattern.startswith("{0", i + 1)
            _record(found, pattern, body, i, bars, quantified)
        i += 1
    body, bars = stack[0]
    _record(found, pattern, body, n, bars, False)
    return list(found.items())


def _record(
    found: dict[str, list[int]], pattern: str, body: int, end: int, bars: list[int], optional: bool
) -> None:
    inner = pattern[body:end]
    if inner in _KNOWLEDGE or len(bars) > 60:
        return
    if bars:
        starts = [body] + [b + 1 for b in bars]
        ends = bars + [end]
        for k, (s, e) in enumerate(zip(starts, ends, strict=True)):
            key = f"{inner[:40]}…#{k}: {pattern[s:e][:40]}" if len(inner) > 40 else f"{inner}#{k}"
            found.setdefault(key, []).append(s)
    elif optional:
        found.setdefault(f"optional ({inner[:50]})", []).append(body)


def _disabled(pattern: str, starts: list[int]) -> str:
    for s in sorted(set(starts), reverse=True):
        pattern = pattern[:s] + _NEVER + pattern[s:]
    return pattern


def _pattern_piece(attr: str, key: str, starts: list[int]) -> Piece:
    return Piece(f"{attr}: {key}", rules, attr, tuple(starts), _pattern_without)


def _pattern_without(pattern: re.Pattern[str], starts: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile(_disabled(pattern.pattern, list(starts)), pattern.flags)


def _set_piece(attr: str, word: str) -> Piece:
    return Piece(f"{attr}: {word}", rules, attr, (word,), lambda words, out: words - set(out))


def _code_piece(name: str, module: Any, attr: str, replacement: Callable[..., Any]) -> Piece:
    return Piece(name, module, attr, (replacement,), lambda _original, stub: stub[0])


def _self_level_piece(k: int) -> Piece:
    entry = rules.SELF_LEVEL[k]
    name = f"SELF_LEVEL: {entry[0].pattern} → {entry[1]}"
    return Piece(name, rules, "SELF_LEVEL", (k,), _entries_without)


def _entries_without(entries: tuple[Any, ...], out: tuple[int, ...]) -> tuple[Any, ...]:
    return tuple(e for k, e in enumerate(entries) if k not in out)


def pieces() -> list[Piece]:
    out = [
        _pattern_piece(attr, key, starts)
        for attr in PATTERNS
        for key, starts in alternatives(getattr(rules, attr).pattern)
    ]
    out += [_set_piece(attr, word) for attr in SETS for word in sorted(getattr(rules, attr))]
    out += [_self_level_piece(k) for k in range(len(rules.SELF_LEVEL))]
    out += [
        _code_piece("digest: 活动主办单位 list", digest, "listed_organisers", lambda lines: []),
        _code_piece("digest: short names after a place", digest, "abbreviated_bodies", _none),
        _code_piece("digest: cited superior skipped", digest, "_cited", lambda s, m: False),
        _code_piece("digest: one event's host of the own area", digest, "event_host", _first),
        _code_piece("digest: one event's leads before 与", digest, "event_leads", digest._split),
        _code_piece("digest: one event after the verb", digest, "_one_event", lambda s, m: False),
        _code_piece("digest: own area of mixed levels", digest, "own_area", lambda n, t: n),
        _code_piece("digest: nearest subject of a verb", digest, "subjects", _all_subjects),
        _code_piece("digest: level of the bodies at work", digest, "level_of_subjects", _none),
        _code_piece("digest: fullest name form", digest, "fullest", lambda names, text: names),
        _code_piece("digest: most bodies win", digest, "_weight", lambda found: (0, False)),
        _code_piece("header: bodies of a joint title", header, "title_bodies", lambda t: []),
        _code_piece("header: level of bodies (lowest)", header, "level_of_bodies", _first_level),
        _code_piece("digest: 市、县X局 as two units", digest, "shared_names", lambda text: text),
        _code_piece("digest: bodies at an event's scene", digest, "_at_the_scene", _false),
        _code_piece("digest: co-hosts of two levels", digest, "levels_differ", _false),
        _code_piece("header: 全国 names a national campaign", header, "national_campaign", _false),
        _code_piece("digest: a campaign given to a system", digest, "_given_to_a_system", _false),
        _code_piece("digest: a short name spelt out", digest, "spelt_out", lambda n, t: n),
        _code_piece("digest: a headline's subject", digest, "is_headline", _false),
        _code_piece("places: only places the divisions know", places, "is_place", _true),
        _code_piece("digest: after a sentence dating it", digest, "_about_the_campaign", _named),
        _code_piece("digest: a contractor runs nothing", digest, "_contractor", _false),
        _code_piece("header: a relative 市 is the text's own", header, "_own_city", _none),
        _code_piece(
            "places: a body after a place's own words", places, "starts_with_place_word", _false
        ),
        _code_piece("places: the level of a place's own words", places, "level_of_word", _none),
        _code_piece("digest: 该局 is the bureau named before", digest, "this_bureau", _same_text),
        _code_piece("digest: what bodies 组织的 is one event", digest, "_organised", _false),
        _code_piece("header: a joint red head line by line", header, "_stacked_red_head", _empty),
        _code_piece("header: places listed side by side", header, "_listed", _false),
        _code_piece(
            "header: a place before 全国 holds its own event", header, "_names_a_place", _false
        ),
        _code_piece(
            "places: a county-level city under its prefecture",
            places,
            "county_city_under_prefecture",
            _none,
        ),
        _code_piece(
            "digest: a province's body by its short name",
            digest,
            "_of_place",
            lambda name, place: name.startswith(place),
        ),
        _code_piece("header: a system's place gives the level", header, "_system_place", _none),
        _code_piece("digest: an issued notice's title names", digest, "issued_title", _none),
        _code_piece(
            "digest: the square bodies go on to act in", digest, "_up_to_the_verb", lambda r: ""
        ),
    ]
    return out


def _all_subjects(sentence: str) -> list[re.Match[str]]:
    return list(rules.CAMPAIGN_SUBJECT.finditer(sentence))


def _same_text(text: str) -> str:
    return text


def _empty(*_args: Any) -> list[str]:
    return []


def _none(*_args: Any) -> None:
    return None


def _false(*_args: Any) -> bool:
    return False


def _true(*_args: Any) -> bool:
    return True


def _first(hosts: list[str], _text: str, _partners: list[str] | None = None) -> list[str]:
    return hosts[:1]


def _named(text: str) -> list[tuple[str, bool, bool]]:
    """Each sentence about the campaign only where it names 质量月 itself."""
    return [
        (s, bool(rules.CAMPAIGN_WORDS.search(s)), False)
        for line in text.split("\n")
        for s in re.split(r"[。！？]", line)
    ]


def _first_level(names: list[str], text: str) -> str | None:
    return header.level_of_body(names[0], text) if names else None


# --- the corpus ---------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    group: str
    text: str
    expected: dict[str, Any]


def load(directories: list[Path]) -> list[Case]:
    cases = []
    for directory in directories:
        for fixture in sorted(directory.glob("*.json")):
            data = json.loads(fixture.read_text(encoding="utf-8"))
            expected = data.get("expected") or {}
            if data.get("refuse") or expected.get("refuse") or "issuers" not in expected:
                continue
            seed = directory / data["seed"]
            if not seed.exists():
                seed = SEED_FALLBACK / data["seed"]
            group = data.get("group") or f"seed:{fixture.stem}"
            cases.append(Case(fixture.stem, group, extract_text(seed), expected))
    return cases


def scores(case: Case) -> tuple[float, ...]:
    try:
        got = parse_text(case.text).to_json()
    except NoticeParseError:
        return tuple(0.0 for _ in FIELDS)
    return tuple(score(got.get(f), case.expected[f], f) for f in FIELDS if f in case.expected)


# --- which documents a piece can change ---------------------------------------------------------
#
# Parsing every document again for each of a thousand pieces takes over an hour. A parse can
# only change with a piece off if something it asks of the patched attribute gets another
# answer: the full rules' parse is traced once, keeping what each document asked of each
# attribute and the answers, and with a piece off only the documents where an answer changes
# are parsed again. This is exact, not a shortcut: up to the first changed answer the parse
# with the piece off asks the same, so when no answer changes it is the same parse.


@dataclass
class _Reading:
    """The document being parsed while the full rules are traced."""

    document: str = ""


# What a parse may call on a pattern; any other use of one is not replayed.
_REPLAYED = frozenset(
    {"search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
)
# Stands for the function given to sub() as its replacement: the function only sees the matches,
# so the matches are the answer.
_BY_FUNCTION = object()
# Functions that build a pattern from a rules pattern (digest tries CAMPAIGN_SUBJECT at every
# position): what a parse asks of the built pattern is traced as asked of the rules pattern and
# replayed against the one built from a piece's pattern. digest caches the built pattern, so
# the rules pattern itself is read only by the first document that needs it.
_BUILDERS = ((digest, "_overlapping"),)
_Builder = Callable[[re.Pattern[str]], re.Pattern[str]]


def _answer(value: Any) -> Any:
    """A call's result as the parse can read it: a match by its spans, not by its pattern."""
    if isinstance(value, re.Match):
        return (value.pos, value.endpos, value.lastindex, value.regs)
    if isinstance(value, list | tuple):
        return tuple(_answer(v) for v in value)
    return value


class _PatternTrace:
    """The calls each document made on a pattern, with their answers."""

    def __init__(self, pattern: re.Pattern[str], reading: _Reading) -> None:
        self.pattern, self.reading = pattern, reading
        self.answers: dict[str, dict[tuple[Any, ...], Any]] = {}
        # Documents that used the pattern in a way no replay covers: always parsed again.
        self.unreplayed: set[str] = set()

    def stand_in(self) -> _TracedPattern:
        return _TracedPattern(self, self.pattern, None)

    def call(
        self,
        pattern: re.Pattern[str],
        build: _Builder | None,
        method: str,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        by_function = method in ("sub", "subn") and bool(args) and callable(args[0])
        if by_function:
            result, answer = _sub_by_function(pattern, method, args, kwargs)
            args = (_BY_FUNCTION, *args[1:])
        else:
            result = getattr(pattern, method)(*args, **kwargs)
            if method == "finditer":
                result = list(result)
            answer = _answer(result)
        document = self.reading.document
        asked = (build, method, args, tuple(sorted(kwargs.items())))
        if _replayable(asked):
            self.answers.setdefault(document, {}).setdefault(asked, answer)
        else:
            self.unreplayed.add(document)
        return iter(result) if method == "finditer" else result

    def may_change(self, replacement: re.Pattern[str], document: str) -> bool:
        if document in self.unreplayed:
            return True
        asked = self.answers.get(document, {})
        return any(_replay(replacement, *call) != answer for call, answer in asked.items())


class _TracedPattern:
    """Stands in for a rules pattern while the full rules are traced."""

    def __init__(
        self, trace: _PatternTrace, pattern: re.Pattern[str], build: _Builder | None
    ) -> None:
        self._trace, self._pattern, self._build = trace, pattern, build

    def __getattr__(self, name: str) -> Any:
        if name in _REPLAYED:
            return functools.partial(self._trace.call, self._pattern, self._build, name)
        self._trace.unreplayed.add(self._trace.reading.document)
        return getattr(self._pattern, name)

    def built(self, build: _Builder) -> _TracedPattern:
        return _TracedPattern(self._trace, build(self._pattern), build)


def _sub_by_function(
    pattern: re.Pattern[str], method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, tuple[Any, ...]]:
    function, matches = args[0], []

    def noting(m: re.Match[str]) -> Any:
        matches.append(m)
        return function(m)

    return getattr(pattern, method)(noting, *args[1:], **kwargs), _answer(matches)


def _replayable(asked: tuple[Any, ...]) -> bool:
    """Whether a call can be made again as it was: hashable arguments and no function."""
    try:
        hash(asked)
    except TypeError:
        return False
    _build, _method, args, kwargs = asked
    return not any(callable(v) for v in (*args, *(v for _k, v in kwargs)))


def _replay(
    pattern: re.Pattern[str],
    build: _Builder | None,
    method: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> Any:
    target = build(pattern) if build else pattern
    if args and args[0] is _BY_FUNCTION:
        return _sub_by_function(target, method, (_blank, *args[1:]), dict(kwargs))[1]
    result = getattr(target, method)(*args, **dict(kwargs))
    return _answer(list(result) if method == "finditer" else result)


def _blank(_m: re.Match[str]) -> str:
    return ""


def _traced_builder(build: _Builder) -> Callable[[Any], Any]:
    def traced(pattern: Any) -> Any:
        return pattern.built(build) if isinstance(pattern, _TracedPattern) else build(pattern)

    return traced


class _SetTrace:
    """The words each document looked up in a set: taking a word out changes only the
    documents that looked it up."""

    def __init__(self, words: frozenset[str], reading: _Reading) -> None:
        self.words, self.reading = words, reading
        self.asked: dict[str, set[str]] = {}

    def stand_in(self) -> _TracedSet:
        return _TracedSet(self)

    def may_change(self, replacement: frozenset[str], document: str) -> bool:
        asked = self.asked.get(document, ())
        return any((w in self.words) != (w in replacement) for w in asked)


class _TracedSet:
    """Answers ``in`` only: any other use of the set fails loudly instead of going unseen."""

    def __init__(self, trace: _SetTrace) -> None:
        self._trace = trace

    def __contains__(self, word: str) -> bool:
        self._trace.asked.setdefault(self._trace.reading.document, set()).add(word)
        return word in self._trace.words


class _CallTrace:
    """The documents whose parse calls a function: a stub in its place changes only those."""

    def __init__(self, function: Callable[..., Any], reading: _Reading) -> None:
        self.function, self.reading = function, reading
        self.callers: set[str] = set()

    def stand_in(self) -> Callable[..., Any]:
        @functools.wraps(self.function)
        def noted(*args: Any, **kwargs: Any) -> Any:
            self.callers.add(self.reading.document)
            return self.function(*args, **kwargs)

        return noted

    def may_change(self, _replacement: Any, document: str) -> bool:
        return document in self.callers


class _Untraced:
    """Anything else (SELF_LEVEL's few entries): every document may change."""

    def __init__(self, value: Any, _reading: _Reading) -> None:
        self.value = value

    def stand_in(self) -> Any:
        return self.value

    def may_change(self, _replacement: Any, _document: str) -> bool:
        return True


_Trace = _PatternTrace | _SetTrace | _CallTrace | _Untraced


def _trace_of(value: Any, reading: _Reading) -> _Trace:
    if isinstance(value, re.Pattern):
        return _PatternTrace(value, reading)
    if isinstance(value, frozenset):
        return _SetTrace(value, reading)
    if callable(value):
        return _CallTrace(value, reading)
    return _Untraced(value, reading)


def _target(piece: Piece) -> tuple[int, str]:
    return id(piece.owner), piece.attr


def traced(
    piece_list: list[Piece], cases: list[Case]
) -> tuple[dict[str, tuple[float, ...]], dict[tuple[int, str], _Trace]]:
    """The full rules' scores, and per patched attribute what each document asked of it."""
    reading = _Reading()
    patched = {_target(p): p for p in piece_list}
    traces = {t: _trace_of(p.original, reading) for t, p in patched.items()}
    stand_ins = [(p.owner, p.attr, traces[t].stand_in()) for t, p in patched.items()]
    stand_ins += [(m, a, _traced_builder(getattr(m, a))) for m, a in _BUILDERS]
    originals = [(owner, attr, getattr(owner, attr)) for owner, attr, _ in stand_ins]
    for owner, attr, stand_in in stand_ins:
        setattr(owner, attr, stand_in)
    try:
        base = {}
        for case in cases:
            reading.document = case.name
            base[case.name] = scores(case)
    finally:
        for owner, attr, original in reversed(originals):
            setattr(owner, attr, original)
    return base, traces


def measure(
    piece_list: list[Piece], cases: list[Case], *, every_document: bool = False
) -> dict[str, tuple[float, ...]]:
    """Which groups each piece serves (helps) or harms (hurts); returns the full rules' scores.
    Only the documents a piece can change are parsed again, or with ``every_document`` all of
    them: the slow way the trace is checked against."""
    if every_document:
        base, traces = {c.name: scores(c) for c in cases}, {}
    else:
        base, traces = traced(piece_list, cases)
    for piece in piece_list:
        trace = traces.get(_target(piece))
        changed = [c for c in cases if trace is None or trace.may_change(piece.replacement, c.name)]
        piece.off()
        try:
            for case in changed:
                delta = sum(scores(case)) - sum(base[case.name])
                if delta < 0:
                    piece.helps.add(case.group)
                elif delta > 0:
                    piece.hurts.add(case.group)
        finally:
            piece.on()
    return base


def honest(
    piece_list: list[Piece], cases: list[Case], base: dict[str, tuple[float, ...]]
) -> dict[str, tuple[float, ...]]:
    """Each group parsed with the pieces that serve only it switched off together; a group no
    piece serves alone keeps the full rules' scores."""
    own: dict[str, list[Piece]] = {}
    for piece in piece_list:
        if len(piece.helps) == 1:
            own.setdefault(next(iter(piece.helps)), []).append(piece)
    out = dict(base)
    for group, group_pieces in own.items():
        with _switched_off(group_pieces):
            for case in (c for c in cases if c.group == group):
                out[case.name] = scores(case)
    return out


@contextlib.contextmanager
def _switched_off(piece_list: list[Piece]) -> Iterator[None]:
    """Several pieces off at once: those of one attribute are taken out of it together (one
    piece's replacement alone would bring back what the others took out)."""
    by_target: dict[tuple[int, str], list[Piece]] = {}
    for piece in piece_list:
        by_target.setdefault(_target(piece), []).append(piece)
    for same in by_target.values():
        removes = tuple(r for p in same for r in p.removes)
        setattr(same[0].owner, same[0].attr, same[0].without(same[0].original, removes))
    try:
        yield
    finally:
        for same in by_target.values():
            same[0].on()


def _mean(values: dict[str, tuple[float, ...]], names: list[str], k: int) -> float:
    picked = [values[n][k] for n in names if len(values[n]) > k]
    return sum(picked) / len(picked) if picked else float("nan")


def main(argv: list[str]) -> int:
    seeds = load([DEFAULT_FIXTURES])
    dev = load([CORPUS_DIR / "dev"])
    cases = seeds + dev
    piece_list = pieces()
    base = measure(piece_list, cases, every_document="--slow" in argv)
    fair = honest(piece_list, cases, base)
    dev_names = [c.name for c in dev]
    groups = len({c.group for c in dev})
    print(f"{len(piece_list)} pieces; {len(dev)} dev documents with issuers ({groups} groups)")
    print(f"{'dev':28}" + "".join(f"{f:>15}" for f in FIELDS))
    for title, values in (("all rules", base), ("single-group pieces off", fair)):
        print(f"{title:28}" + "".join(f"{_mean(values, dev_names, k):15.3f}" for k in range(3)))
    kinds = {
        "general (serve ≥2 groups)": [p for p in piece_list if len(p.helps) >= 2],
        "memorised (serve 1 group)": [p for p in piece_list if len(p.helps) == 1],
        "harmful (serve none, hurt some)": [p for p in piece_list if not p.helps and p.hurts],
        "dead (no effect on the corpus)": [p for p in piece_list if not p.helps and not p.hurts],
    }
    for title, found in kinds.items():
        print(f"{title}: {len(found)}")
    show = kinds if "--pieces" in argv else {k: v for k, v in kinds.items() if "general" not in k}
    for title, found in show.items():
        if "dead" in title and "--pieces" not in argv:
            continue
        print(f"== {title}")
        for p in found:
            hurt = f"  (hurts {', '.join(sorted(p.hurts))})" if p.hurts else ""
            print(f"  {p.name}  ← {', '.join(sorted(p.helps))}{hurt}")
    print("== dev documents whose issuers fall with their own pieces off")
    for name in dev_names:
        if fair[name][:1] < base[name][:1]:
            print(f"  {name}: {base[name][0]:.2f} → {fair[name][0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
