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


def test_lazy_names_are_listed_and_load_on_use() -> None:
    import sharegov.io

    assert "power" in dir(sharegov)
    assert {"load", "FileError", "popolo", "Arrangement"} <= set(dir(sharegov.io))
    assert set(sharegov.io.__all__) <= set(dir(sharegov.io))
    from sharegov.io import FileError
    from sharegov.io.files import FileError as files_error

    assert FileError is files_error
    code = (
        "import sys, sharegov.io; from sharegov.io import FileError; "
        "print('sharegov.io.files' in sys.modules, 'sharegov.power' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_lazy_names_are_typed_for_mypy(
    tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documented imports reach type checkers as what they are, not ``Any``."""
    api = pytest.importorskip("mypy.api")
    from pathlib import Path

    snippet = Path(str(tmp_path)) / "snippet.py"
    snippet.write_text(
        "import sharegov\n"
        "from sharegov.io import FileError, load, popolo\n"
        "reveal_type(load)\n"
        "reveal_type(FileError)\n"
        "reveal_type(popolo.board_from_counts)\n"
        "reveal_type(sharegov.power.banzhaf)\n"
    )
    monkeypatch.setenv("MYPYPATH", str(Path(sharegov.__file__).parent.parent))
    cache = Path(str(tmp_path)) / "cache"
    out, err, status = api.run(["--strict", "--cache-dir", str(cache), str(snippet)])
    assert status == 0, out + err
    revealed = [
        line.split("Revealed type is ")[1] for line in out.splitlines() if "Revealed" in line
    ]
    assert len(revealed) == 4
    assert "-> sharegov.io.files.Arrangement" in revealed[0]
    assert "sharegov.io._guard.FileError" in revealed[1]
    assert "-> sharegov.boards.Board" in revealed[2]
    assert "-> sharegov.power.PowerIndex" in revealed[3]


@pytest.mark.parametrize(
    "module",
    [
        "agreements",
        "apportion",
        "boards",
        "concordat",
        "conflicts",
        "costs",
        "decisions",
        "discount",
        "graph",
        "meetings",
        "parties",
        "rules",
    ],
)
def test_public_attributes_are_typed_as_mapping_not_a_private_class(module: str) -> None:
    import importlib
    import typing

    import attrs

    mod = importlib.import_module(f"sharegov.{module}")
    for name in mod.__all__:
        cls = getattr(mod, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if field.name.startswith("_"):
                continue
            assert "FrozenMap" not in str(hints[field.name]), f"{name}.{field.name}"
