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


@pytest.mark.parametrize("module", _modules())
def test_every_module_imports_first_and_alone(module: str) -> None:
    result = subprocess.run(  # noqa: S603 - module names come from the package itself
        [sys.executable, "-c", f"import {module}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


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
