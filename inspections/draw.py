"""The draw of 双随机 (random targets, random inspectors), replayable by anyone.

Published with each draw: the seed, the candidate entities (统一社会信用代码, sorted), the
candidate inspectors (执法证号, sorted), the (inspector, entity) pairs excluded by 回避, how
many entities and how many inspectors each. From these, the result follows without any
random number generator of a particular language, only SHA-256:

1. Rank every entity by SHA-256 of "<seed>:<credit code>" (hex, ascending).
2. Walk the ranking. For an entity, its eligible inspectors are the candidates not excluded
   with it. Fewer than needed: the entity is skipped (recorded) and the walk goes on.
   Otherwise take the inspectors with the fewest assignments so far in this draw, ties broken
   by SHA-256 of "<seed>:<credit code>:<badge number>" ascending (so the work is spread).
3. Stop when the wanted number of entities has been taken.

Pure Python with no Django: `python -c` with the published lists replays it.
"""

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field


def new_seed() -> str:
    """128 bits from the operating system's CSPRNG, as 32 hex digits."""
    return secrets.token_hex(16)


def _rank(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()


@dataclass
class Outcome:
    targets: list[tuple[str, list[str]]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "targets": [{"entity": e, "inspectors": list(i)} for e, i in self.targets],
            "skipped": list(self.skipped),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Outcome":
        return cls(
            targets=[(t["entity"], list(t["inspectors"])) for t in data.get("targets", [])],
            skipped=list(data.get("skipped", [])),
        )


def draw(
    seed: str,
    entities: Iterable[str],
    inspectors: Iterable[str],
    *,
    count: int,
    per_entity: int,
    excluded: Iterable[tuple[str, str]] = (),
) -> Outcome:
    """Draw `count` of `entities` (credit codes) with `per_entity` of `inspectors` (badge
    numbers) each, never pairing an inspector with an entity of `excluded` (badge, code)."""
    entities = sorted(set(entities))
    inspectors = sorted(set(inspectors))
    barred = {(badge, code) for badge, code in excluded}
    load = dict.fromkeys(inspectors, 0)
    result = Outcome()
    for code in sorted(entities, key=lambda c: (_rank(seed, c), c)):
        if len(result.targets) >= count:
            break
        eligible = [b for b in inspectors if (b, code) not in barred]
        if len(eligible) < per_entity:
            result.skipped.append(code)
            continue
        chosen = sorted(eligible, key=lambda b: (load[b], _rank(seed, code, b), b))[:per_entity]
        for badge in chosen:
            load[badge] += 1
        result.targets.append((code, sorted(chosen)))
    return result
