"""The layering of the engine and the paper (README, "Architecture"), read from the source.

Every ``import`` of ``remsym/`` and ``derivations/`` (the paper, installed as
``remsym_paper``) is read with :mod:`ast`, wherever it stands, and these rules are
asserted:

* the engine never imports the paper (it finds collections through entry points);
* no import cycle among remsym's modules;
* imports stand at the top of a module, except those of optional dependencies;
* each layer imports only the layers below it (records at the bottom);
* no module over 400 lines, no function over 60.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {"remsym": ROOT / "remsym", "remsym_paper": ROOT / "derivations"}
#: Dependencies that a user may not have installed: imported where they are used.
OPTIONAL = {"dask", "distributed", "hypothesis", "pytest", "IPython"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

#: Layers, bottom first: a module may import its own layer and those below it.  Modules
#: are matched by the longest prefix listed.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("remsym.errors", "remsym.collection", "remsym.fingerprint")),
    ("records", ("remsym.derivation.steps", "remsym.derivation.records",
                 "remsym.latex.notation")),
    # parameter boxes: the builder checks a box against the symbols' assumptions
    ("builder", ("remsym.derivation.builder", "remsym.derivation.sampling",
                 "remsym.derivation")),
    ("algorithms", ("remsym.asymptotics", "remsym.numeric")),
    ("checking", ("remsym.derivation.check", "remsym.derivation.chain",
                  "remsym.derivation.verdict", "remsym.derivation.evaluate",
                  "remsym.derivation.routes", "remsym.derivation.antiderivative",
                  "remsym.derivation.limits", "remsym.derivation.rewrites",
                  "remsym.derivation.exact_witness", "remsym.derivation.rate_witness")),
    ("printing", ("remsym.latex",)),
    ("reading", ("remsym.texinput",)),
    ("application", ("remsym", "remsym.derivation.run", "remsym.derivation.registry")),
]
#: Layers that must not see each other although one sits above the other: checking and
#: printing each depend on the records only.
APART = {("printing", "checking"), ("checking", "printing")}


@dataclass(frozen=True)
class Import:
    module: str
    target: str
    line: int
    in_function: bool


def _module_files() -> Iterator[tuple[str, Path]]:
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join([package, *parts]), path


MODULES = dict(_module_files())


def _targets(module: str, node: ast.Import | ast.ImportFrom, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = module.split(".") if is_package else module.split(".")[:-1]
        parts = parts[:len(parts) - node.level + 1]
        base = ".".join(parts + ([node.module] if node.module else []))
    found = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        found.append(candidate if candidate in MODULES else base)
    return found


def _imports(module: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"

    def walk(node: ast.AST, in_function: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue  # annotations only, never executed
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for target in _targets(module, child, is_package):
                    yield Import(module, target, child.lineno, in_function)
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                      ast.Lambda))
            yield from walk(child, inner)

    yield from walk(tree, False)


IMPORTS = [imp for module, path in MODULES.items() for imp in _imports(module, path)]


def _own(target: str) -> str | None:
    """The module of ours that ``target`` names (a submodule or its package), or None."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def _layer(module: str) -> int:
    best, index = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, index = len(prefix), i
    return index


def test_the_engine_never_imports_the_paper():
    leaks = [f"{i.module}:{i.line} imports {i.target}" for i in IMPORTS
             if i.module.startswith("remsym.") or i.module == "remsym"
             if i.target.split(".")[0] == "remsym_paper"]
    assert not leaks, "\n".join(leaks)


def test_no_import_cycles_among_remsym_modules():
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for i in IMPORTS:
        target = _own(i.target)
        if target is not None and target != i.module:
            graph[i.module].add(target)
    # a package's own __init__ importing its submodules is a re-export, not a cycle
    # through them: drop the edges submodule -> its own package
    for module in graph:
        graph[module] = {t for t in graph[module] if not module.startswith(t + ".")}
    cycles = _cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_imports_stand_at_the_top_except_optional_dependencies():
    inside = [f"{i.module}:{i.line} imports {i.target}" for i in IMPORTS
              if i.in_function and i.target.split(".")[0] not in OPTIONAL]
    assert not inside, "imports inside functions:\n" + "\n".join(inside)


def test_each_layer_imports_only_the_layers_below():
    wrong = []
    for i in IMPORTS:
        target = _own(i.target)
        if target is None or not i.module.startswith("remsym") or \
                i.module.startswith("remsym_paper") or target.startswith("remsym_paper"):
            continue
        here, there = _layer(i.module), _layer(target)
        if there > here or (LAYERS[here][0], LAYERS[there][0]) in APART:
            wrong.append(f"{i.module} ({LAYERS[here][0]}) imports {target} "
                         f"({LAYERS[there][0]}) at line {i.line}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_and_function_sizes(module):
    source = MODULES[module].read_text(encoding="utf-8")
    lines = source.count("\n")
    assert lines <= MAX_MODULE_LINES, f"{module}: {lines} lines"
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{module}: " + ", ".join(long)


def test_the_rules_see_what_they_judge():
    """The reader finds the modules and imports it judges (an empty scan passes all)."""
    assert {"remsym.cli", "remsym.derivation.steps", "remsym_paper.s3_fu"} <= set(MODULES)
    assert any(i.module == "remsym.cli" and i.target == "remsym.collection" for i in IMPORTS)
    assert _layer("remsym.derivation.steps") < _layer("remsym.derivation.check") \
        < _layer("remsym.latex.printer") < _layer("remsym.cli")
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


def test_every_package_is_installed():
    """pyproject.toml lists every package of both trees (a missing one imports from a
    checkout but not from the installed wheel)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    packages = {module for module, path in MODULES.items() if path.name == "__init__.py"}
    assert packages == listed
