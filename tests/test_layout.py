"""The package's shape: data flows one way, nothing imports a module above it, no import circles,
no module over 900 lines and no function over 80 (issue "one owner for every concept")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wpanalysis"

# The data flow, bottom to top. A module may import modules of lower layers (and, inside a
# sub-package, its siblings); never one of a higher layer — lazily inside a function neither.
LAYERS: list[set[str]] = [
    {"config", "files", "progress"},  # progress bars (wpanalysis.progress) for any stage
    {"numerals", "script"},
    {"grammar"},
    {"formats"},
    {"read"},
    {"webcopy"},
    {"clean"},
    {"plan"},
    {"toc", "linekinds"},  # linekinds: the structure stage's line classification (SP)
    {"structure"},
    {"registry", "lexicon"},
    {"backends"},
    {"segment"},
    {"sentences"},  # the sentences of items, the unit of instrument coding (H3)
    {"coding"},
    {"labels"},  # the bilingual label table: group, column and figure words in en and zh (issue 21)
    {"targets"},
    {"build"},
    {"exchange"},  # REFI-QDA and Excel round trip of coded sentences (H4)
    {"features", "register", "units"},
    {"discover", "kwic", "overview", "network"},
    {"align"},  # item alignment, bureaus, continuity (H6)
    {"diffusion"},  # policy-term diffusion and the continuity tables, built on align (H6)
    {"topic_engines"},  # LDA engines (tomotopy, scikit-learn), fold-in, the cache of fits and sweeps (issue 20)
    {"topics"},
    {"topic_dmr"},  # topic prevalence by registry covariates (DMR, tomotopy; issue 20)
    {"compare"},
    {"inference"},
    {"framework", "topic_reports"},  # the instrument × domain framework (H3); topic models read per plan (TB)
    {"statements"},
    {"plots"},
    {"notebook_language"},  # the Markdown cells of a notebook in a second language (issue 21)
    {"notebooks", "handout"},  # the offline hand-out renders the executed notebooks and the guide (H8)
    {"editions"},  # a notebook run in one language, checked for the other's words (issue 21)
    {"classroom"},  # make classroom: the Chinese edition of every notebook and its hand-out (issue 21)
    {"cli"},
    {"__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _modules() -> dict[str, Path]:
    """Every module of the package (the build scripts beside the resources are not part of it)."""
    return {".".join(p.relative_to(PACKAGE).with_suffix("").parts): p for p in sorted(PACKAGE.rglob("*.py"))
            if "resources" not in p.relative_to(PACKAGE).parts}


def _runtime_nodes(tree: ast.Module) -> list[ast.AST]:
    """All nodes except those under ``if TYPE_CHECKING:`` (imports for annotations only)."""
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
            and getattr(node.test, "id", None) == "TYPE_CHECKING" for b in node.body for n in ast.walk(b)}
    return [n for n in ast.walk(tree) if id(n) not in skip]


def _top(module: str) -> str:
    return module.split(".")[0] if module != "__init__" else module


def _imports(module: str, path: Path) -> set[str]:
    """The package modules *module* imports, at the top or inside functions."""
    package = module.split(".")[:-1] if not module.endswith("__init__") else module.split(".")[:-1]
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [".".join([*target, a.name]) for a in node.names] if not node.module else []
                found.add(".".join(target) if target else "__init__")
                found.update(n for n in names if n.split(".")[0] in RANK)
            elif node.module and node.module.startswith("wpanalysis"):
                found.add(node.module.removeprefix("wpanalysis").lstrip(".") or "__init__")
                if node.module == "wpanalysis":
                    found.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("wpanalysis.") for a in node.names if a.name.startswith("wpanalysis."))
    return {f for f in found if f and f != "__init__"}


def test_every_module_has_a_layer():
    assert {_top(m) for m in _modules() if m != "__init__"} <= set(RANK)


@pytest.mark.parametrize("module", sorted(_modules()))
def test_imports_flow_down(module):
    if module == "__init__":
        return
    mine = RANK[_top(module)]
    upward = [m for m in _imports(module, _modules()[module])
              if _top(m) != _top(module) and RANK.get(_top(m), -1) >= mine]
    assert not upward, f"{module} imports {upward}, which sit at or above its layer"


def test_no_import_circle():
    modules = _modules()
    graph = {m: {i for i in _imports(m, p) if i in modules or f"{i}.__init__" in modules} for m, p in modules.items()}
    graph = {m: {i if i in modules else f"{i}.__init__" for i in deps} for m, deps in graph.items()}
    done: set[str] = set()

    def visit(node: str, stack: list[str]) -> None:
        assert node not in stack, "import circle: " + " → ".join([*stack[stack.index(node):], node])
        if node in done:
            return
        for dep in sorted(graph.get(node, ())):
            visit(dep, [*stack, node])
        done.add(node)

    for module in sorted(graph):
        visit(module, [])


def test_no_long_modules_or_functions():
    too_long = []
    for module, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > 900:
            too_long.append(f"{module}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 80:
                too_long.append(f"{module}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert not too_long
