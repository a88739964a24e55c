"""The layers import downwards only: every module imports on its own, in a fresh process.

An import circle hidden by an import inside a function breaks as soon as someone moves
that import to the top; importing each module first, alone, finds such a circle.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys

import pytest

import facilitator
from facilitator import ROOT


def _modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(facilitator.__path__, prefix="facilitator.")
    )


def _fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter at the repository's root; its standard output."""
    result = subprocess.run(  # noqa: S603 - the code comes from this module
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.parametrize("module", _modules())
def test_every_module_imports_first_and_alone(module: str) -> None:
    _fresh_python(f"import {module}")


def test_no_import_inside_a_function_in_the_web_layers() -> None:
    """Imports inside functions are kept to start-up code (the factory, the CLI)."""
    allowed = {ROOT / "facilitator" / name for name in ("__init__.py", "cli.py", "migrate.py")}
    offenders = []
    for path in sorted((ROOT / "facilitator").rglob("*.py")):
        if path in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(
                    "facilitator"
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{inner.lineno}: {inner.module}")
    assert offenders == []


def test_the_web_app_does_not_load_the_analysis_libraries() -> None:
    """NLTK, scikit-learn and SciPy (about 100 MiB) load in the worker, not in the server.

    The web process reads the analysis's constants and dataclasses only; ``analysis``
    imports a submodule when one of its names is first used.
    """
    script = (
        "import os, sys, tempfile\n"
        "os.environ['INSTANCE_PATH'] = tempfile.mkdtemp()\n"
        "from facilitator import create_app\n"
        "from facilitator.config import TestingConfig\n"
        "import analysis\n"
        "create_app(TestingConfig)\n"
        "analysis.MIN_PUBLIC_SUPPORTERS, analysis.Concern\n"
        "print(sorted(m for m in ('nltk', 'sklearn', 'scipy') if m in sys.modules))\n"
    )
    assert _fresh_python(script).strip() == "[]"


def test_analysis_names_load_on_first_use() -> None:
    import analysis

    assert set(analysis.__all__) <= set(dir(analysis))
    analysis.__dict__.pop("find_themes", None)
    found = analysis.find_themes  # through __getattr__: imports analysis.pipeline
    assert analysis.__dict__["find_themes"] is found  # kept, so the next lookup is direct
    from analysis.pipeline import find_themes

    assert found is find_themes
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        analysis.nothing  # noqa: B018
