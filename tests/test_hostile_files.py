"""Hostile files and invocations: each is loaded correctly or refused, quickly, with a
:class:`~sharegov.errors.SharegovError` naming the file and the path inside it.

The files are built in ``tmp_path`` and kept small; the few that could hang if the guard
failed run in a subprocess with a timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sharegov.errors import LimitExceeded, SharegovError
from sharegov.io import dumps, load, loads
from sharegov.io.files import MAX_BYTES, MAX_DEPTH, MAX_VALUES, Arrangement, FileError
from sharegov.parties import Authority

EXAMPLE = Path(__file__).parent.parent / "examples" / "bromsgrove_redditch.toml"


def _refuses_quickly(path: Path, pattern: str) -> None:
    """Load ``path`` in a subprocess that is killed after 20 s: it must be refused."""
    code = textwrap.dedent(
        f"""
        import sys
        from sharegov.errors import SharegovError
        from sharegov.io import load
        try:
            load({str(path)!r})
        except SharegovError as exc:
            print(exc)
            sys.exit(3)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=20, env=env
    )
    assert done.returncode == 3, done.stderr
    assert str(path) in done.stdout
    assert pattern in done.stdout


# ---------------------------------------------------------------------------------------------
# 1. Reading: regular files only, at most 5 MB, UTF-8
# ---------------------------------------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    _refuses_quickly(fifo, "a pipe, not a regular file")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "x.toml"
    folder.mkdir()
    with pytest.raises(FileError, match=r"x\.toml: cannot be read: a folder, not a regular"):
        load(folder)


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "x.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(FileError, match=r"x\.toml: cannot be read: a device"):
        load(link)


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    link = tmp_path / "x.toml"
    link.symlink_to(EXAMPLE)
    assert load(link).name == "Bromsgrove and Redditch strategic alliance"


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_BYTES + 1))
    with pytest.raises(LimitExceeded, match=r"big\.json: files over 5,242,880 bytes"):
        load(big)


def test_latin_1_is_refused_with_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('name = "X"\ndescription = "Café"\n'.encode("latin-1"))
    with pytest.raises(FileError) as info:
        load(path)
    assert info.value.problems == [
        "not UTF-8: the byte 0xE9 at byte offset 29 (line 2); save the file as UTF-8"
    ]
    assert str(path) in str(info.value)


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"name": "X"}).encode())
    assert load(path).name == "X"


# ---------------------------------------------------------------------------------------------
# 2. YAML: aliases, size, duplicate keys, U+0085
# ---------------------------------------------------------------------------------------------

ALIAS_BOMB = "name: X\n" + "a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
)


def test_an_alias_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB)
    assert len(ALIAS_BOMB) < 500
    _refuses_quickly(path, f"more than {MAX_VALUES:,} values")


def test_a_recursive_alias_is_refused() -> None:
    with pytest.raises(FileError, match=r"r\.yaml: x\[0\]: the alias \*a refers to itself"):
        loads("name: X\nx: &a [*a]\n", "yaml", source="r.yaml")


def test_aliases_within_the_budget_are_read() -> None:
    text = "name: X\nauthorities:\n- &a {code: A, name: Alpha}\n"
    assert loads(text, "yaml").authorities[0].code == "A"


def test_a_long_flow_list_is_refused_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("name: X\nx: [" + ",".join(["1"] * (MAX_VALUES + 1)) + "]\n")
    with pytest.raises(LimitExceeded, match=r"flow\.yaml: files holding more than"):
        load(path)


def test_yaml_nested_too_deeply_names_the_path() -> None:
    text = "name: X\ndescription: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    with pytest.raises(LimitExceeded, match=r"d\.yaml: description(\[0\])+: data nested"):
        loads(text, "yaml", source="d.yaml")


def test_duplicate_yaml_keys_are_refused_with_their_path() -> None:
    text = "name: X\nboards:\n  ssb:\n    name: A\n    name: B\n"
    with pytest.raises(FileError) as info:
        loads(text, "yaml", source="dup.yaml")
    assert info.value.problems == [
        "boards.ssb.name: the key 'name' is given twice; give each key once"
    ]


def test_duplicate_json_keys_are_refused_with_their_path() -> None:
    text = '{"name": "X", "authorities": [{"code": "A", "name": "a", "code": "B"}]}'
    with pytest.raises(FileError) as info:
        loads(text, "json", source="dup.json")
    assert info.value.problems == [
        "authorities[0].code: the key 'code' is given twice; give each key once"
    ]


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_yaml_round_trips_unicode_line_separators(char: str) -> None:
    arrangement = Arrangement("N" + char, description=f"a{char}b {char}")
    assert loads(dumps(arrangement, "yaml"), "yaml") == arrangement


# ---------------------------------------------------------------------------------------------
# 3. TOML: nesting is refused before tomllib builds it
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'name = "X"\n' + ".".join(["a"] * 20_000) + " = 1\n",
        'name = "X"\n[' + ".".join(["a"] * 20_000) + "]\n",
        'name = "X"\nx = ' + "{a = " * 100 + "1" + "}" * 100 + "\n",
        'name = "X"\n[t]\n' + ".".join(['"q.q"'] * 70) + " = 1\n",
    ],
    ids=["dotted-key", "table-header", "inline-tables", "quoted-dotted"],
)
def test_deep_toml_is_refused_before_parsing(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(text)
    _refuses_quickly(path, "data nested more than 64 levels deep")


def test_toml_scan_ignores_dots_in_strings_and_values() -> None:
    text = 'name = "a.b.c.d"\ndescription = """' + "." * 500 + '"""\n'
    assert loads(text, "toml").description == "." * 500


# ---------------------------------------------------------------------------------------------
# 4. Duplicate and reference checks are linear
# ---------------------------------------------------------------------------------------------


def test_many_authorities_are_checked_in_linear_time() -> None:
    # codes.count() made this quadratic: 20,000 codes took minutes.
    authorities = [Authority(f"A{i}", f"Authority {i}") for i in range(20_000)]
    assert len(Arrangement("X", authorities=authorities).authorities) == 20_000
    with pytest.raises(SharegovError, match="unique authority codes, got 'A0'"):
        Arrangement("X", authorities=[*authorities, authorities[0]])
