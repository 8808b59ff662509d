"""The library's modules form a hierarchy: no module imports one that imports it back.

Imports inside functions and under ``TYPE_CHECKING`` count too: a circle hidden in a function is
still a circle (it only moves the failure from import time to the first call).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "registry"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> set[str]:
    """Every registry module that ``path`` imports, anywhere in the file."""
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("registry"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("registry"):
                target = node.module
            else:
                continue
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)
    return found


def _graph() -> nx.DiGraph:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        if path.name == "__init__.py":
            continue  # package facades re-export lazily; they sit above everything they name
        for target in _imports(path, name):
            if target in modules and target != name and modules[target].name != "__init__.py":
                graph.add_edge(name, target)
    return graph


def test_no_module_of_the_library_imports_one_that_imports_it_back() -> None:
    cycles = sorted(sorted(c) for c in nx.simple_cycles(_graph()))
    assert cycles == []


def test_loading_sits_above_validation_and_the_cache() -> None:
    graph = _graph()
    assert graph.has_edge("registry.loading", "registry.cache")
    assert graph.has_edge("registry.loading", "registry.validation")
    assert not nx.has_path(graph, "registry.cache", "registry.validation")
    assert not nx.has_path(graph, "registry.validation", "registry.cache")
    assert not nx.has_path(graph, "registry.lineage", "registry.store")


def test_the_public_names_still_work() -> None:
    import registry
    from registry.loading import load

    assert registry.load is load
    assert registry.validate.__module__ == "registry.validation"
    assert issubclass(registry.InvalidRegistryError, Exception)
    assert registry.Report.__name__ == "Report"
