"""The package's public face: exports, import cost, command line."""

from __future__ import annotations
import __future__

import json
import subprocess
import sys
import types

import pytest

import sharegov
from sharegov.cli import main

HEAVY = ("numpy", "pandas", "networkx", "matplotlib", "cattrs", "dask", "hypothesis", "holidays")


def test_all_matches_what_is_exported() -> None:
    # Sorting of __all__ is enforced by ruff (RUF022), in isort order.
    assert len(set(sharegov.__all__)) == len(sharegov.__all__)
    public = {
        name
        for name, value in vars(sharegov).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType | __future__._Feature)
    }
    # Subpackages named in __all__ (like ``rules``) are exported on purpose.
    modules = {n for n in sharegov.__all__ if isinstance(getattr(sharegov, n), types.ModuleType)}
    assert set(sharegov.__all__) - {"__version__"} == public | modules
    for name in sharegov.__all__:
        assert hasattr(sharegov, name), name


@pytest.mark.parametrize("module", ["errors", "parties", "rules", "boards", "concordat"])
def test_submodule_all_is_sorted_and_complete(module: str) -> None:
    mod = __import__(f"sharegov.{module}", fromlist=["__all__"])
    assert len(set(mod.__all__)) == len(mod.__all__)
    for name in mod.__all__:
        assert hasattr(mod, name), name


def test_import_loads_nothing_heavy() -> None:
    code = f"import sys, sharegov; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_contract_imports() -> None:
    from sharegov import Authority, Board, Member, SharegovError, Status, Vote, rules  # noqa: F401


def test_demo_runs_and_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Carried on the fallback rule (at least 2 in support from each authority):" in out
    assert "consensus not reached: 1 against (Cllr M. Hall, RBC)" in out
    assert "illustrative" in out


def test_demo_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["status"] for d in data["decisions"]][-2:] == ["carried", "not carried"]


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "sharegov", "demo"], capture_output=True, text=True, check=True
    )
    assert "Shared Services Board" in out.stdout


def test_bad_command_exits_2() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "sharegov", "nonsense"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 2


def test_output_piped_into_a_reader_that_stops_early_is_not_a_traceback() -> None:
    # As in `sharegov demo | head -1`: the reader closes the pipe after the first line.
    with subprocess.Popen(
        [sys.executable, "-m", "sharegov", "demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.read(20)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        status = proc.wait()
    assert status == 0
    assert "Traceback" not in err
