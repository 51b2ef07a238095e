"""The layout holds: no import loop, the core imports no adapter, and docs/architecture.md names
every module of the package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "streamproc"
ARCHITECTURE = PACKAGE.parent / "docs" / "architecture.md"

# The pure middle: the taxonomy, the event contracts, and how a transcript becomes a
# classification offline. No I/O, and nothing of the edges.
CORE = frozenset(
    {
        "streamproc.taxonomy",
        "streamproc.events",
        "streamproc.decode",
        "streamproc.errors",
        "streamproc.feedback",
        "streamproc.classify.base",
        "streamproc.classify.text",
        "streamproc.classify.lexicon",
        "streamproc.classify.offline",
        "streamproc.classify.explain",
        "streamproc.classify.openai.repair",
        "streamproc.classify.openai.prompt",
        "streamproc.evaluation.scores",
    }
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, *, lazy: bool) -> set[str]:
    """The package's modules a module imports: at load time, or anywhere (`lazy`); never those
    under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST, top_level: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.Import) and (top_level or lazy):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and (top_level or lazy):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        inside = top_level and not isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
        )
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(tree, True)
    return {name for name in found if name in MODULES}


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import loop of the graph, if it has one."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node], _ = 1, stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := walk(target)):
                return found
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := walk(node)):
            return found
    return None


@pytest.mark.parametrize("lazy", [False, True], ids=["at load", "anywhere"])
def test_no_import_loop(lazy: bool) -> None:
    graph = {name: imports(path, lazy=lazy) - {name} for name, path in MODULES.items()}
    assert cycle(graph) is None, " -> ".join(cycle(graph) or [])


def test_the_core_imports_nothing_of_the_edges() -> None:
    for name in sorted(CORE):
        outside = sorted(
            target
            for target in imports(MODULES[name], lazy=True)
            if target not in CORE and target not in ("streamproc", "streamproc.classify")
        )
        assert outside == [], f"{name} imports {outside}"


def test_the_architecture_page_names_every_module() -> None:
    page = ARCHITECTURE.read_text("utf-8")
    for name, path in MODULES.items():
        if path.name == "__init__.py":
            continue
        assert path.name in page, f"docs/architecture.md does not name {name} ({path.name})"
