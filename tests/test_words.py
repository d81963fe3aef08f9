"""The plural helper every explanation uses for a count followed by a noun."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT
from sharegov._words import plural


@pytest.mark.parametrize(
    ("count", "args", "text"),
    [
        (0, ("council",), "0 councils"),
        (1, ("council",), "1 council"),
        (2, ("year",), "2 years"),
        (1, ("authority", "authorities"), "1 authority"),
        (3, ("authority", "authorities"), "3 authorities"),
        (1, ("external body", "external bodies"), "1 external body"),
        (5000, ("scenario",), "5,000 scenarios"),
    ],
)
def test_plural(count: int, args: tuple[str, ...], text: str) -> None:
    assert plural(count, *args) == text


def test_the_helper_imports_nothing_from_sharegov() -> None:
    tree = ast.parse(Path(ROOT, "src/sharegov/_words.py").read_text())
    modules = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)] + [
        a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
    ]
    assert not [m for m in modules if m.startswith("sharegov")]
