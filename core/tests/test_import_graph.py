"""The house is one-way: each app imports only the apps below it.

The graph is built from the source's own import statements (``ast``), lazy imports inside
functions included, leaving out tests, test helpers and migrations. ``MAY_IMPORT`` is the rule
the README's code map states; a new arrow is either allowed here, with the reason in review, or
it is a tangle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Bottom to top. Each app may import the apps listed (and, through them, nothing else: the
# rule is checked edge by edge, not transitively).
MAY_IMPORT: dict[str, set[str]] = {
    "core": set(),
    "exports": set(),
    "orgs": {"core"},
    "accounts": {"core", "orgs"},
    "notifications": {"core", "orgs"},
    "campaigns": {"core", "exports", "orgs", "notifications"},
    "activities": {"core", "exports", "orgs", "notifications", "campaigns"},
    "entities": {"core", "exports", "orgs"},
    "inspections": {
        "core",
        "exports",
        "orgs",
        "notifications",
        "campaigns",
        "activities",
        "entities",
    },
    "media": {"core", "exports", "orgs", "notifications", "campaigns", "activities"},
    "awards": {"core", "exports", "orgs", "notifications", "campaigns", "entities"},
    "assistance": {"core", "orgs", "campaigns", "entities"},
    "public": {"core", "exports", "orgs", "notifications", "campaigns", "activities"},
    "reports": {"core", "exports", "orgs", "notifications", "campaigns", "activities", "public"},
    "cascade": {"core", "exports", "orgs", "notifications", "campaigns", "activities", "reports"},
    "imports": {
        "core",
        "exports",
        "orgs",
        "notifications",
        "campaigns",
        "activities",
        "reports",
        "cascade",
    },
    "dashboards": {
        "core",
        "exports",
        "orgs",
        "notifications",
        "campaigns",
        "activities",
        "public",
        "reports",
        "cascade",
        "entities",
        "inspections",
    },
    "api": {
        "core",
        "exports",
        "orgs",
        "notifications",
        "campaigns",
        "activities",
        "public",
        "reports",
        "cascade",
        "imports",
    },
}
# The demo loader and the national generator sit on top and may use everything.
MAY_IMPORT["seeding"] = set(MAY_IMPORT) - {"seeding"}

SKIPPED_PARTS = {"tests", "testing", "migrations", "__pycache__"}


def project_packages() -> list[str]:
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"qualitymonth", "bench", "scripts"}
    )


def imported_modules(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
    return found


def app_sources(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = set(path.relative_to(ROOT / app).parts)
        if parts & SKIPPED_PARTS or path.name == "conftest.py" or path.name.startswith("test_"):
            continue
        yield path


def import_graph() -> dict[str, dict[str, list[str]]]:
    """app -> imported app -> ["file:line", ...]"""
    packages = set(project_packages())
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for app in packages:
        for path in app_sources(app):
            for module, line in imported_modules(path):
                target = module.split(".")[0]
                if target in packages and target != app:
                    graph[app][target].append(f"{path.relative_to(ROOT)}:{line}")
    return graph


def cycles(graph) -> list[list[str]]:
    """The strongly connected components with more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_two_apps_import_each_other_directly_or_round_a_loop():
    graph = import_graph()
    loops = cycles(graph)
    details = [
        f"{' ↔ '.join(loop)}: "
        + "; ".join(f"{a}→{b} at {graph[a][b][0]}" for a in loop for b in loop if b in graph[a])
        for loop in loops
    ]
    assert not loops, "\n".join(details)


def test_core_is_the_ground_floor_and_imports_no_domain_app():
    graph = import_graph()
    assert dict(graph.get("core", {})) == {}


def test_every_arrow_between_apps_is_one_the_code_map_allows():
    graph = import_graph()
    unknown = set(project_packages()) - set(MAY_IMPORT)
    assert not unknown, f"apps missing from MAY_IMPORT (and from the README code map): {unknown}"
    forbidden = [
        f"{app} → {target} ({sites[0]})"
        for app, targets in graph.items()
        for target, sites in targets.items()
        if target not in MAY_IMPORT[app]
    ]
    assert not forbidden, "\n".join(sorted(forbidden))


def test_the_notice_parser_is_pure_python_with_no_django_and_no_app_of_ours():
    packages = set(project_packages())
    impure = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / "imports" / "parser").rglob("*.py"))
        for module, line in imported_modules(path)
        if module.split(".")[0] in packages | {"django"}
    ]
    assert not impure, "\n".join(impure)


def test_the_graph_sees_lazy_imports_inside_functions(tmp_path):
    # The rule is only as good as its reader: an import hidden in a function body counts.
    source = tmp_path / "lazy.py"
    source.write_text("def f():\n    from reports.models import Report\n", encoding="utf-8")
    assert imported_modules(source) == [("reports.models", 2)]


def test_the_readme_code_map_states_the_same_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated: dict[str, set[str]] = {}
    for line in readme.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and cells[0].endswith("/`"):
            app = cells[0].strip("`/")
            if app in MAY_IMPORT:
                allowed = cells[2]
                stated[app] = (
                    set(MAY_IMPORT) - {app}
                    if allowed == "every app"
                    else {name.strip() for name in allowed.split(",") if name.strip() != "—"}
                )
    assert stated == MAY_IMPORT


MANAGER_WRITES = {"create", "bulk_create", "get_or_create", "update_or_create", "bulk_update"}
# The seeding app bootstraps the world before anyone exists who could act through a service
# (the first users and memberships) and writes the national dataset in bulk for speed.
WRITES_ANY_TABLE = {"seeding"}


def test_each_table_is_written_only_by_its_own_app():
    owner = {}
    for models_file in ROOT.glob("*/models.py"):
        for node in ast.parse(models_file.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                owner[node.name] = models_file.parent.name
    foreign = []
    for app in set(project_packages()) - WRITES_ANY_TABLE:
        for path in app_sources(app):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in MANAGER_WRITES
                    and isinstance(node.func.value, ast.Attribute)
                    and node.func.value.attr == "objects"
                    and isinstance(node.func.value.value, ast.Name)
                ):
                    continue
                model = node.func.value.value.id
                if owner.get(model, app) != app:
                    foreign.append(
                        f"{path.relative_to(ROOT)}:{node.lineno} writes {owner[model]}.{model}"
                    )
    assert not foreign, "\n".join(sorted(foreign))
