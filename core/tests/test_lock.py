"""`make setup` installs exactly requirements.lock (with hashes), and the project itself without
its dependencies: a dependency declared in pyproject.toml but missing from the lock would be
missing on every fresh machine. `make lock` writes the lock again."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _locked() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) \\$", text, re.M)
    }


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [
        Requirement(spec)
        for spec in [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    ]


def test_every_declared_dependency_is_locked_at_a_version_it_allows():
    locked = _locked()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements.lock pins {requirement.name}=={locked[name]}, "
            f"pyproject.toml asks {requirement.specifier}: run `make lock`"
        )


def test_every_locked_package_carries_a_hash():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text)
    pinned = [b for b in blocks if re.match(r"[A-Za-z0-9_.\-]+==", b)]
    assert pinned
    assert all("--hash=sha256:" in block for block in pinned)
