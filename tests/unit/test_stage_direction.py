"""The package's layout is a direction: each stage imports only what comes before it.

Read from the source with `ast` (not by importing it), every `import` counts, also one inside a
function: a lazy import cannot hide a backward edge or a circle. docs/ARCHITECTURE.md draws the
same order.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parents[2] / "pipelines"
# The sample-extract generator (`siie generate`): a package beside the warehouse, not a stage.
SAMPLE_EXTRACTS = PACKAGE.parent / "sample_extracts"
SAMPLE_EXTRACTS_MAY_IMPORT = ("pipelines.core", "pipelines.specs")

# Earliest first. Top-level modules (pipelines/*.py) are the orchestration: the code location,
# its jobs, sensors and schedules, `siie run` and the command line; they may import any stage.
STAGES = (
    "core",
    "specs",
    "ingest",
    "transform",
    "quality",
    "audit",
    "portal",
    "publish",
    "access",
    "explain",
    "report",
)
ORCHESTRATION = len(STAGES)

# Entry points may defer a command's imports until it runs (start-up time of `siie`); nowhere
# else is an import of SIIE's own code written inside a function.
DEFERRED_IMPORTS_ALLOWED = {
    "pipelines.cli",
    "pipelines.run",
    "pipelines.explain.cli",
    "pipelines.report.cli",
    "pipelines.report.evaluation.cli",  # `siie evaluacion`: altair is imported only when it runs
    "pipelines.portal_command",  # `siie portal`: likewise
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text(), str(p)) for p in PACKAGE.rglob("*.py")}


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imported(module: str, node: ast.AST) -> list[str]:
    """SIIE modules an import statement names (`from pipelines.x import y` names x, or x.y when y
    is a module)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        is_package = (PACKAGE.parent / module.replace(".", "/") / "__init__.py").exists()
        source = _resolve(module, node, is_package)
        submodules = [f"{source}.{alias.name}" for alias in node.names]
        names = [n for n in submodules if n in _modules()] or [source]
    else:
        return []
    return [n for n in names if n in _modules()]


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, tree in _modules().items():
        targets = edges.setdefault(module, set())
        for node in ast.walk(tree):
            targets.update(t for t in _imported(module, node) if t != module)
    return edges


def _rank(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return -1  # the package's own __init__
    if parts[1] in STAGES and (PACKAGE / parts[1]).is_dir():
        return STAGES.index(parts[1])
    return ORCHESTRATION


def test_stages_import_only_earlier_stages():
    backward = sorted(
        f"{module} → {target}"
        for module, targets in _edges().items()
        for target in targets
        if _rank(target) > _rank(module)
    )
    assert backward == [], "imports against the stage order:\n" + "\n".join(backward)


def test_the_rank_of_every_stage_package_is_known():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages <= set(STAGES), packages - set(STAGES)


def test_no_module_imports_itself_back():
    edges = _edges()
    circles = []
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in done:
            return
        if module in visiting:
            circles.append(" → ".join([*visiting[visiting.index(module) :], module]))
            return
        visiting.append(module)
        for target in sorted(edges.get(module, ())):
            visit(target)
        visiting.pop()
        done.add(module)

    for module in sorted(edges):
        visit(module)
    assert circles == []


def test_siie_code_is_imported_at_the_top_of_a_module_except_in_entry_points():
    deferred = sorted(
        f"{module}: {ast.unparse(node)}"
        for module, tree in _modules().items()
        if module not in DEFERRED_IMPORTS_ALLOWED
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.If)
        for node in ast.walk(function)
        if _imported(module, node)
    )
    assert deferred == []


def test_the_check_sees_a_backward_import(tmp_path, monkeypatch):
    """The test above would pass on an empty graph: show it catches a planted backward edge."""
    stage = tmp_path / "pipelines" / "ingest"
    stage.mkdir(parents=True)
    (tmp_path / "pipelines" / "__init__.py").write_text("")
    (stage / "__init__.py").write_text("")
    (stage / "loader.py").write_text("def f():\n    from pipelines.publish import history\n")
    (tmp_path / "pipelines" / "publish").mkdir()
    (tmp_path / "pipelines" / "publish" / "__init__.py").write_text("")
    (tmp_path / "pipelines" / "publish" / "history.py").write_text("")
    monkeypatch.setattr(
        __import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", tmp_path / "pipelines"
    )
    _modules.cache_clear()
    try:
        edges = _edges()
        assert "pipelines.publish.history" in edges["pipelines.ingest.loader"]
        assert _rank("pipelines.publish.history") > _rank("pipelines.ingest.loader")
    finally:
        _modules.cache_clear()


def _absolute_imports(path: Path) -> set[str]:
    """Every module an `import` anywhere in the file names (`from a.b import c` names a.b and
    a.b.c), relative imports resolved against the file's package."""
    package = path.relative_to(PACKAGE.parent).parent.parts
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            source = ".".join([*base, *([node.module] if node.module else [])])
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return names


def _names_package(name: str, package: str) -> bool:
    return name == package or name.startswith(f"{package}.")


def test_only_the_command_line_imports_the_sample_generator():
    importers = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if any(_names_package(n, "sample_extracts") for n in _absolute_imports(path))
    )
    assert importers == ["pipelines/cli.py"]


def test_the_sample_generator_reads_only_the_shared_specifications_of_the_warehouse():
    used = {
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in SAMPLE_EXTRACTS.rglob("*.py")
        for name in _absolute_imports(path)
        if _names_package(name, "pipelines")
        and not any(_names_package(name, allowed) for allowed in SAMPLE_EXTRACTS_MAY_IMPORT)
    }
    assert sorted(used) == []
    assert list(SAMPLE_EXTRACTS.rglob("*.py")), "sample_extracts/ has moved: update this test"


def test_the_code_location_does_not_load_the_sample_generator():
    """In a fresh interpreter: what `dagster dev` imports holds only the warehouse."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pipelines.definitions\n"
            "print(sorted(m for m in sys.modules if m.partition('.')[0] == 'sample_extracts'))",
        ],
        check=False,
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip().splitlines()[-1] == "[]", loaded.stdout
