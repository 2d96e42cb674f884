"""The layout is a picture of the architecture: checked here, statically, so it stays that way.

- no import cycle among the app's modules;
- no upward import: a layer imports only from itself and the layers below it;
- the deadline engine, the citation parser and the Kamer's API client import nothing from Django;
- no status value is written outside the vocabulary module (`commitments/models/choices.py`).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "commitments"

# From the bottom up. A module may import from its own layer and from the layers below.
LAYERS = [
    {
        "commitments.deadlines",
        "commitments.citations",
        "commitments.clock",
        "commitments.links",
        "commitments.tk.client",
    },
    {"commitments.models"},
    {"commitments.selectors"},
    # The rest of the Kamer's open data package (mapping, sync) writes through the services.
    {"commitments.services", "commitments.tk"},
    {"commitments.filters", "commitments.auth"},
    {
        "commitments.exports",
        "commitments.rappel",
        "commitments.admin",
        "commitments.views",
        "commitments.feeds",
        "commitments.urls",
        "commitments.middleware",
        "commitments.management",
        "commitments.apps",
        "commitments.api",
        "commitments.subscriptions",
        "commitments.templatetags",
        "commitments.pagecache",
    },
]
PURE_PYTHON = ("commitments.deadlines", "commitments.citations", "commitments.tk.client")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _app_modules() -> dict[str, Path]:
    return {_module_name(path): path for path in APP.rglob("*.py") if "migrations" not in path.parts}


def _imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports (absolute names), at any depth of the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            # `from . import services` names a module, not an attribute.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _app_modules()
    return {
        name: {imported for imported in _imports(name, path) if imported in modules and imported != name}
        for name, path in modules.items()
    }


def _layer(module: str) -> int:
    for index, layer in enumerate(LAYERS):
        if any(module == top or module.startswith(top + ".") for top in layer):
            return index
    raise AssertionError(f"{module} belongs to no layer; add it to LAYERS in {__file__}")


def test_every_module_belongs_to_a_layer():
    for module in _app_modules():
        if module != "commitments":
            _layer(module)


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles in `graph` (depth-first search), ignoring a package and its own submodules."""
    cycles = []
    state: dict[str, int] = {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            # A package importing its own submodule, or a submodule importing its package's
            # __init__ (which only re-exports), is one unit, not a cycle.
            if target.startswith(node + ".") or node.startswith(target + "."):
                continue
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target) :] + [target])
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return cycles


def test_no_import_cycle_among_the_apps_modules():
    assert find_cycles(_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    # models -> services -> selectors -> models: the cycle this layout replaced.
    graph = {"a.models": {"a.services"}, "a.services": {"a.selectors"}, "a.selectors": {"a.models"}}
    assert find_cycles(graph) == [["a.models", "a.services", "a.selectors", "a.models"]]


def test_the_import_graph_sees_relative_imports():
    graph = _graph()
    assert "commitments.models.commitment" in graph["commitments.services.closing"] or (
        "commitments.models" in graph["commitments.services.closing"]
    )
    assert "commitments.selectors.calendar" in graph["commitments.services.deadlines"]


def test_no_module_imports_from_a_layer_above_its_own():
    upward = [
        f"{module} -> {imported}"
        for module, imports in _graph().items()
        if module != "commitments"
        for imported in imports
        if imported != "commitments" and _layer(imported) > _layer(module)
    ]
    assert upward == []


@pytest.mark.parametrize("package", PURE_PYTHON)
def test_pure_python_packages_import_nothing_from_django(package):
    modules = {name: path for name, path in _app_modules().items() if name == package or name.startswith(package + ".")}
    assert modules, package
    django_imports = {
        name: sorted(imported for imported in _imports(name, path) if imported.split(".")[0] == "django")
        for name, path in modules.items()
    }
    assert {name: found for name, found in django_imports.items() if found} == {}


# Every stored status value of a commitment, motion or closing letter.
STATUS_VALUES = (
    "openstaand",
    "deels voldaan",
    "voldaan",
    "vervallen",
    "volledig",
    "gedeeltelijk",
    "ingediend",
    "aangehouden",
    "aangenomen",
    "verworpen",
    "ingetrokken",
)
VOCABULARY = APP / "models" / "choices.py"
_ALTERNATIVES = "|".join(re.escape(value) for value in STATUS_VALUES)
_STATUS_LITERAL = re.compile(rf"""(["'])(?:{_ALTERNATIVES})\1""")


def test_no_status_literal_outside_the_vocabulary_module():
    sources = [p for p in APP.rglob("*.py") if "migrations" not in p.parts and p != VOCABULARY]
    sources += list((ROOT / "templates").rglob("*.html"))
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if _STATUS_LITERAL.search(line)
    ]
    assert found == []


def test_the_literal_check_finds_a_status_literal():
    # The check above would pass vacuously if its pattern matched nothing.
    assert _STATUS_LITERAL.search("if c.status == 'voldaan':")
    assert _STATUS_LITERAL.search('{% if closure.fulfilment == "volledig" %}')
    assert not _STATUS_LITERAL.search('"voldaan en"')


@pytest.mark.parametrize("name", ["Chamber", "Precision", "Anchor"])
def test_the_models_vocabulary_has_every_value_of_the_engines(name):
    from commitments.deadlines import vocabulary as engine
    from commitments.models import choices

    assert [str(value) for value in getattr(choices, name).values] == [member.value for member in getattr(engine, name)]
