"""Lint, format and strict typing run as part of the test suite, so one command checks all."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_lint() -> None:
    out = run(
        sys.executable, "-m", "ruff", "check", "src", "tests", "examples", "benchmarks", "docs"
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format() -> None:
    out = run(
        sys.executable,
        "-m",
        "ruff",
        "format",
        "--check",
        "src",
        "tests",
        "examples",
        "benchmarks",
        "docs",
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict() -> None:
    assert shutil.which("mypy") or True
    out = run(sys.executable, "-m", "mypy", "--strict", "src/sharegov")
    assert out.returncode == 0, out.stdout + out.stderr


def test_src_never_validates_with_assert() -> None:
    # `python -O` strips assert statements: a check there would vanish in production.
    import ast

    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "src" / "sharegov").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assert)
    ]
    assert found == []
