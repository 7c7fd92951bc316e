"""The shape of the house: no import circles between project modules, and pure cores that import no framework.

The import graph is read from the source with ``ast`` (nothing is imported), counting module-level AND
function-level imports: an import moved into a function to dodge a circle is still a circle.
"""

from __future__ import annotations

import ast
import pathlib
from collections import deque
from dataclasses import dataclass, field

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOT_APPS = {"tests", "bench"}
SKIPPED_DIRS = {"migrations", "__pycache__", ".venv"}

# The functional cores: plain Python / numpy / skyfield, run and tested without Django.
PURE_CORES = ("compliance.rules", "constellations.engine", "constellations.catalog", "constellations.attribution",
              "compliance.scoring_core", "alerts.planning", "filings.itu_snl")
FRAMEWORKS = {"django", "rest_framework", "celery"}


@dataclass(frozen=True)
class Import:
    """One import statement's target, and where it is written."""

    target: str
    path: str
    line: int
    late: bool  # written inside a function

    def where(self) -> str:
        return f"{self.path}:{self.line}" + (" (inside a function)" if self.late else "")


@dataclass
class ImportGraph:
    modules: dict[str, pathlib.Path]
    internal: dict[str, list[Import]] = field(default_factory=dict)  # module -> imports of project modules
    external: dict[str, list[Import]] = field(default_factory=dict)  # module -> top-level names of the rest

    def targets(self, module: str) -> set[str]:
        return {i.target for i in self.internal.get(module, ())}


# -- reading the graph -------------------------------------------------------------------------------------


def project_packages(root: pathlib.Path) -> list[str]:
    """The apps and the project package: top-level directories that are packages, less tests and bench."""
    return sorted(p.name for p in root.iterdir()
                  if (p / "__init__.py").is_file() and p.name not in NOT_APPS and p.name not in SKIPPED_DIRS)


def project_modules(root: pathlib.Path, packages: list[str]) -> dict[str, pathlib.Path]:
    modules = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if SKIPPED_DIRS & set(parts):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


class _ImportCollector(ast.NodeVisitor):
    """Every import in a module, with whether it sits in a function body."""

    def __init__(self):
        self.found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []
        self._depth = 0

    def _function(self, node):
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_Import(self, node):
        self.found.append((node, self._depth > 0))

    visit_ImportFrom = visit_Import


def _longest_module_prefix(name: str, modules) -> str | None:
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def _base_of_relative(module: str, is_package: bool, level: int, name: str | None) -> str:
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _targets(node, module: str, is_package: bool, modules) -> list[str]:
    """Dotted names an import statement brings in (``from pkg import name`` is pkg.name when that is a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = _base_of_relative(module, is_package, node.level, node.module) if node.level else node.module
    names = [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"]
    return [name if name in modules else base for name in names] or [base]


def import_graph(root: pathlib.Path, packages: list[str] | None = None) -> ImportGraph:
    modules = project_modules(root, project_packages(root) if packages is None else packages)
    graph = ImportGraph(modules)
    for module, path in modules.items():
        collector = _ImportCollector()
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        relative = path.relative_to(root).as_posix()
        internal, external = graph.internal.setdefault(module, []), graph.external.setdefault(module, [])
        for node, late in collector.found:
            seen = set()  # `from pkg.models import A, B` is one import of pkg.models
            for name in _targets(node, module, path.name == "__init__.py", modules):
                target = _longest_module_prefix(name, modules)
                found = Import(name.split(".")[0], relative, node.lineno, late) if target is None else (
                    Import(target, relative, node.lineno, late))
                if found in seen or target == module:
                    continue
                seen.add(found)
                (external if target is None else internal).append(found)
    return graph


# -- what the graph says ---------------------------------------------------------------------------------


def strongly_connected(graph: ImportGraph) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a longer circle (Tarjan)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph.targets(module)):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return sorted(groups)


def _path(graph: ImportGraph, start: str, goal: str, within: set[str]) -> list[str]:
    """The shortest chain of imports from start to goal through the given modules (breadth first)."""
    came_from = {start: None}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for target in sorted(graph.targets(module) & within):
            if target == goal:
                chain = [target, module]
                while came_from[chain[-1]] is not None:
                    chain.append(came_from[chain[-1]])
                return chain[::-1]
            if target not in came_from:
                came_from[target] = module
                queue.append(target)
    return []


def describe_cycle(graph: ImportGraph, group: list[str]) -> str:
    """One circle through the group, each step with the line that writes it."""
    members = set(group)
    circle = _path(graph, group[0], group[0], members)
    steps = []
    for here, there in zip(circle, circle[1:]):
        where = next(i.where() for i in graph.internal[here] if i.target == there)
        steps.append(f"    {here} -> {there}   [{where}]")
    untold = len(group) - (len(circle) - 1)
    others = f" (and {untold} more modules in the same knot)" if untold else ""
    return f"  {' <-> '.join(group) if len(group) == 2 else ', '.join(group)}{others}\n" + "\n".join(steps)


def loaded_with(graph: ImportGraph, start: str) -> dict[str, str | None]:
    """Every project module that importing ``start`` runs, each with the module that pulled it in.

    Importing a.b.c runs a/__init__.py and a/b/__init__.py first, so enclosing packages count too."""
    pulled_by: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        parts = module.split(".")
        enclosing = {".".join(parts[:end]) for end in range(1, len(parts))} & graph.modules.keys()
        for target in sorted(graph.targets(module) | enclosing):
            if target not in pulled_by:
                pulled_by[target] = module
                queue.append(target)
    return pulled_by


def framework_imports(graph: ImportGraph, start: str) -> list[str]:
    """Each framework import that loading ``start`` reaches, with the chain of project modules that leads there."""
    pulled_by = loaded_with(graph, start)
    found = []
    for module in sorted(pulled_by):
        for imp in graph.external.get(module, ()):
            if imp.target in FRAMEWORKS:
                chain, step = [], module
                while step is not None:
                    chain.append(step)
                    step = pulled_by[step]
                found.append(f"  {' -> '.join(reversed(chain))} imports {imp.target}   [{imp.where()}]")
    return found


# -- the graph builder on a tiny tree -----------------------------------------------------------------------


def write_tree(root: pathlib.Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def tiny(tmp_path) -> ImportGraph:
    write_tree(tmp_path, {
        "shop/__init__.py": "",
        "shop/orders.py": "import os\nfrom shop import prices\n",
        "shop/prices.py": "def total():\n    from . import orders  # late, to dodge the circle\n    return orders\n",
        "shop/pure/__init__.py": "from .maths import add\n",
        "shop/pure/maths.py": "from .. import util\n\ndef add(a, b):\n    from django.db import models\n    return a\n",
        "shop/util.py": "import shop.pure.maths as m\nfrom shop.pure import add\n",
        "shop/migrations/0001_initial.py": "from shop import orders\n",
        "tests/__init__.py": "",
        "tests/test_shop.py": "from shop import orders\n",
    })
    return import_graph(tmp_path)


def test_the_builder_finds_modules_not_tests_or_migrations(tiny):
    assert sorted(tiny.modules) == ["shop", "shop.orders", "shop.prices", "shop.pure", "shop.pure.maths",
                                    "shop.util"]


def test_the_builder_resolves_from_imports_relative_imports_and_dotted_imports(tiny):
    assert tiny.targets("shop.orders") == {"shop.prices"}  # from shop import prices: a module
    assert tiny.targets("shop.pure") == {"shop.pure.maths"}  # from .maths import add
    assert tiny.targets("shop.pure.maths") == {"shop.util"}  # from .. import util
    assert tiny.targets("shop.util") == {"shop.pure.maths", "shop.pure"}  # add is a name: the package
    assert [i.target for i in tiny.external["shop.orders"]] == ["os"]


def test_the_builder_counts_an_import_inside_a_function(tiny):
    (late,) = tiny.internal["shop.prices"]
    assert (late.target, late.late, late.line) == ("shop.orders", True, 2)
    (django,) = tiny.external["shop.pure.maths"]
    assert (django.target, django.late) == ("django", True)


def test_a_circle_closed_by_a_function_level_import_is_found(tiny):
    groups = strongly_connected(tiny)
    assert ["shop.orders", "shop.prices"] in groups
    assert ["shop.pure", "shop.pure.maths", "shop.util"] in groups  # from .. import util, and back
    text = describe_cycle(tiny, ["shop.orders", "shop.prices"])
    assert "shop/prices.py:2 (inside a function)" in text and "shop/orders.py:2" in text


def test_framework_imports_are_followed_through_project_modules(tiny):
    assert framework_imports(tiny, "shop.util") == [
        "  shop.util -> shop.pure.maths imports django   [shop/pure/maths.py:4 (inside a function)]"]
    assert framework_imports(tiny, "shop.orders") == []


def test_an_enclosing_package_is_loaded_with_its_module(tmp_path):
    write_tree(tmp_path, {"app/__init__.py": "from app.celery import worker\n", "app/celery.py": "import celery\n",
                          "app/core.py": "X = 1\n"})
    (finding,) = framework_imports(import_graph(tmp_path), "app.core")
    assert finding.startswith("  app.core -> app -> app.celery imports celery")


def test_a_module_without_circles_or_frameworks_passes(tmp_path):
    write_tree(tmp_path, {"core/__init__.py": "", "core/a.py": "import numpy\nfrom core import b\n",
                          "core/b.py": "import math\n"})
    graph = import_graph(tmp_path)
    assert strongly_connected(graph) == [] and framework_imports(graph, "core.a") == []


# -- the project ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project() -> ImportGraph:
    return import_graph(ROOT)


def test_the_project_graph_covers_every_app(project):
    assert {"compliance", "constellations", "filings", "alerts", "dashboard", "slotwatch"} <= set(
        project_packages(ROOT))
    assert not any(".migrations" in m or m.startswith("tests") for m in project.modules)
    assert len(project.modules) > 100


def test_no_import_circles_between_project_modules(project):
    groups = strongly_connected(project)
    report = "\n".join(describe_cycle(project, group) for group in groups)
    assert not groups, f"{len(groups)} import circle(s) between project modules:\n{report}"


@pytest.mark.parametrize("core", PURE_CORES)
def test_pure_cores_import_no_framework(project, core):
    modules = [m for m in project.modules if m == core or m.startswith(core + ".")]
    assert modules, f"{core} is not a project module any more: update PURE_CORES"
    found = sorted({line for module in modules for line in framework_imports(project, module)})
    assert not found, f"{core} reaches a framework:\n" + "\n".join(found)


# -- the rules core: plain Python, no clock, no I/O ----------------------------------------------------------------

RULES = ROOT / "compliance" / "rules"
RULES_FORBIDDEN = {"django", "rest_framework", "celery", "requests", "os", "time"}


def imported_roots(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_no_framework_or_io_imports():
    modules = sorted(RULES.glob("*.py"))
    assert len(modules) > 5
    for path in modules:
        assert not RULES_FORBIDDEN & set(imported_roots(path)), path.name


def test_no_reading_of_todays_date():
    for path in RULES.glob("*.py"):
        text = path.read_text()
        assert "date.today" not in text and "datetime.now" not in text, path.name
