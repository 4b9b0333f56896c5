"""The shape of the code, read with the stdlib `ast`: no import cycle inside bot/ (a package's own
__init__ counts, since importing `a.b.c` runs `a/b/__init__`), no import of a bot module inside a
function (the usual way to dodge a cycle), and only bot/conversation/ changes the conversation's state."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from adapters.slack.bot import SlackBot

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(BOT.rglob("*.py")) if "migrations" not in p.parts}
TREES = {name: ast.parse(path.read_text(), str(path)) for name, path in MODULES.items()}


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _module_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported: at its top level, or inside a top-level if/try."""
    found, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If | ast.Try) and not _type_checking(node):
            todo += node.body + node.orelse + [n for h in getattr(node, "handlers", ()) for n in h.body]
            todo += getattr(node, "finalbody", [])
    return found


def _targets(node: ast.Import | ast.ImportFrom) -> set[str]:
    """The bot modules an import statement runs (the module itself, a submodule named in it, and their packages)."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    elif node.level or not node.module:
        return set()
    else:
        names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module for a in node.names]
    out = set()
    for name in names:
        parts = name.split(".")
        out |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)} & set(MODULES)
    return out


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for name, tree in TREES.items():
        own_packages = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        deps = set().union(*(_targets(n) for n in _module_level_imports(tree))) if tree.body else set()
        graph[name] = deps - own_packages - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
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


def test_the_checker_finds_a_cycle_through_a_package_init():
    graph = {"a": {"b.c"}, "b": {"a"}, "b.c": set()}  # importing b.c runs b/__init__, which imports a
    assert cycles({k: v | ({"b"} if "b.c" in v else set()) for k, v in graph.items()}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_bot_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 100
    assert "bot.conversation.flows" in graph["bot.conversation.router"]
    assert cycles(graph) == []


def test_no_bot_module_is_imported_inside_a_function():
    late = []
    for name, tree in TREES.items():
        top = set(map(id, _module_level_imports(tree)))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in top:
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                typing_only = any(_type_checking(n) and node in ast.walk(n) for n in tree.body)
                if any(m == "bot" or m.startswith("bot.") for m in modules) and not typing_only:
                    late.append(f"{name}:{node.lineno}")
    assert late == []


def _changes_state(tree: ast.Module) -> list[int]:
    """Lines that call `move` (flows.move, move) or assign a conversation's `step`."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name == "move":
                lines.append(node.lineno)
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            for target in targets:
                for part in ast.walk(target):
                    if isinstance(part, ast.Attribute) and part.attr == "step":
                        lines.append(node.lineno)
    return lines


def test_only_the_conversation_changes_the_conversation_state():
    outside = {
        f"{name}:{line}"
        for name, tree in TREES.items()
        if not name.startswith("bot.conversation")
        for line in _changes_state(tree)
    }
    assert outside == set()
    # The check sees what it looks for: the conversation itself does both.
    assert _changes_state(TREES["bot.conversation.flows"]) and _changes_state(TREES["bot.conversation.router"])


# ---- the adapters' side of the boundary -------------------------------------------------------------

ADAPTERS = ROOT / "adapters"
# Modules that run the bot as a service: they also read its settings, set up logs and serve its health.
RUNNING = {"adapters.cli", "adapters.runner", "adapters.telegram.run", "adapters.telegram.updates"}
RUNNING |= {"adapters.slack.run", "adapters.slack.oauth"}


def _bot_imports(tree: ast.Module) -> set[str]:
    """Every bot module an adapter imports, wherever the import is (inside a function too)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return {name for name in found if name == "bot" or name.startswith("bot.")}


def test_adapters_import_only_the_boundary_types_and_the_facade():
    wrong = []
    for path in sorted(ADAPTERS.rglob("*.py")):
        name = _name(path)
        for module in _bot_imports(ast.parse(path.read_text(), str(path))):
            allowed = module in {"bot.app", "bot.common.events", "bot.service.config"}  # Settings: what a bot is given
            allowed |= name in RUNNING and module.startswith("bot.service.")
            if not allowed:
                wrong.append(f"{name} imports {module}")
    assert wrong == []
    # The check sees the imports it looks for, late ones included.
    cli = _bot_imports(ast.parse((ADAPTERS / "cli.py").read_text()))
    assert {"bot.app", "bot.service.health"} <= cli


def test_the_slack_bot_is_made_of_parts_not_mixins():
    assert SlackBot.__mro__ == (SlackBot, object)
    init = inspect.getsource(SlackBot.__init__)
    assert all(f"self.{part} = " in init for part in ("forms", "home", "workspaces"))


def test_only_the_kinds_table_names_a_follow_up_kind():
    """Every decision about a kind is its `KindSpec`'s (bot/followups/kinds.py): nobody else says "if it is a
    thank-you" (the schema defines the values, bot/store/models.py)."""
    named = {
        f"{name}:{node.lineno}"
        for name, tree in TREES.items()
        if name not in {"bot.followups.kinds", "bot.store.models"}
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "FollowUpKind"
    }
    assert named == set()
    assert any(isinstance(n, ast.Attribute) and n.attr == "THANK_YOU" for n in ast.walk(TREES["bot.followups.kinds"]))
