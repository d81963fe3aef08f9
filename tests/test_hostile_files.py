"""Hostile files and invocations: each is loaded correctly or refused, quickly, with a
:class:`~sharegov.errors.SharegovError` naming the file and the path inside it.

The files are built in ``tmp_path`` and kept small; the few that could hang if the guard
failed run in a subprocess with a timeout.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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

ALIAS_BOMB = (
    "name: X\n"
    + "a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n"
    + "".join(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
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


# ---------------------------------------------------------------------------------------------
# 5-7. Tracebacks, dangling references, and paths as the file writes them
# ---------------------------------------------------------------------------------------------

BASE = EXAMPLE.read_text(encoding="utf-8")

EDITS = {
    # name: (text replaced, replacement, the one problem expected)
    "quorum-not-a-quorum": (
        "casting_vote = false",
        'casting_vote = false\nquorum = { type = "Majority" }',
        "boards.ssb.quorum: expected a rule of type 'Quorum' (such as "
        "{ type = \"Quorum\", at_least = 3 }), got type 'Majority'",
    ),
    "fixed-chair-nobody": (
        'type = "HostLeaderChairs"\nrole = "leader"',
        'type = "FixedChair"\nmember = "nobody"',
        "boards.ssb.chair_rule.member: expected one of the board's members",
    ),
    "duplicate-arrangement-id": (
        'id = "payroll"\nservice',
        'id = "jce"\nservice',
        "arrangements[1].id: 'jce' is given twice (also arrangements[0])",
    ),
    "decided-by-a-number": (
        'decided_by = "Shared Services Board"',
        "decided_by = 42",
        "costs.savings[0].split.decided_by: expected text, got 42",
    ),
    "due-before-set": (
        'due = "2008-09-30"\nset_on = "2008-08-18"',
        'due = "2008-07-30"\nset_on = "2008-08-18"',
        "phases[0].identify.due: due 2008-07-30, before it was set on 2008-08-18",
    ),
    "blank-board-name": (
        'name = "Shared Services Board"',
        'name = "   "',
        "boards.ssb.name: expected a non-blank string, got '   '",
    ),
    "proportional-to-a-stranger": (
        '[costs.savings.split.agreed]\ntype = "Equal"',
        '[costs.savings.split.agreed]\ntype = "Proportional"\nby = { XXX = 1 }',
        "costs.savings[0].split.agreed.by: expected one of the parties ['BDC', 'RBC'], got 'XXX'",
    ),
    "id-ending-in-newline": (
        'id = "jce"',
        'id = "jce\\n"',
        "arrangements[0].id: expected an identifier without spaces, control or bidirectional "
        "characters, got 'jce\\n'",
    ),
    "id-with-bidi-override": (
        'id = "jce"',
        'id = "j\\u202ece"',
        "arrangements[0].id: expected an identifier without spaces",
    ),
    "code-with-nul": (
        'code = "BDC"',
        'code = "B\\u0000DC"',
        "authorities[0].code: expected an identifier without spaces",
    ),
    "date-path-is-the-files": (
        'start = "2008-09-01"\n\n[[arrangements]]',
        'start = "2008-13-01"\n\n[[arrangements]]',
        "arrangements[1].start: expected a date as YYYY-MM-DD, got '2008-13-01'",
    ),
    "amount-path-is-the-files": (
        'amount = "£35,000.00"',
        'amount = "lots"',
        "costs.items[0].amount: expected an amount",
    ),
    "member-authority-path-is-members": (
        'name = "Cllr M. Hall"\nauthority = "RBC"',
        'name = "Cllr M. Hall"\nauthority = "XXX"',
        "boards.ssb.members[4].authority: expected one of the board's authorities",
    ),
    "item-numbered-twice": (
        "number = 3\n",
        "number = 2\n",
        "meetings[0].items[2].number: item 2 is numbered twice (also items[1])",
    ),
    "item-votes-path-is-its-position": (
        'title = "Six-month review"',
        'title = "Six-month review"\nminuted = [1, 0, 0]',
        "meetings[0].items[2].votes: expected counts matching the minutes (1, 0, 0)",
    ),
    "split-type-a-list": (
        'type = "CaseByCase"',
        "type = []",
        "costs.savings[0].split.type: expected one of ['Apportionment', 'Capped', 'CaseByCase',",
    ),
    "one-problem-not-four": (
        "BDC = 3\nRBC = 3",
        "BDC = 3\nRBC = 3\nXXX = 1",
        "boards.ssb.seats.XXX: expected one of the authorities ['BDC', 'RBC'], got 'XXX'",
    ),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_each_bad_value_is_one_problem_at_its_own_path(tmp_path: Path, name: str) -> None:
    old, new, problem = EDITS[name]
    assert old in BASE
    path = tmp_path / f"{name}.toml"
    path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FileError) as info:
        load(path)
    assert len(info.value.problems) == 1, info.value.problems
    assert info.value.problems[0].startswith(problem)
    assert str(info.value).startswith(f"{path}: 1 problem")


def test_check_refuses_what_commands_would_refuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sharegov.cli import main

    old, new, _ = EDITS["proportional-to-a-stranger"]
    path = tmp_path / "p.toml"
    path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: costs.savings[0].split.agreed.by: expected one of")


def test_check_notes_an_officer_employed_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sharegov.cli import main

    path = tmp_path / "e.toml"
    path.write_text(BASE.replace('employer = "BDC"', 'employer = "XXX"'), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        f"{path}: note: meetings[0].officers[0].employer: 'XXX' is not an authority listed" in out
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", str(EXAMPLE), "--seed", "1", "--scenarios", "10", "--csv", "no/such/x.csv"],
        ["simulate", str(EXAMPLE), "--seed", "1", "--scenarios", "10", "--plot", "no/such/x.png"],
        ["deadlines", str(EXAMPLE), "--ics", "no/such/x.ics"],
        ["graph", str(EXAMPLE), "--plot", "no/such/x.png"],
    ],
    ids=["csv", "simulate-plot", "ics", "graph-plot"],
)
def test_output_into_a_missing_folder_is_refused(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from sharegov.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sharegov: error: {argv[-2]} {argv[-1]}: the folder 'no/such' does")


def test_board_with_an_unhashable_id_is_refused() -> None:
    arrangement = load(EXAMPLE)
    with pytest.raises(SharegovError, match=r"board: expected one of \['ssb'\], got \['ssb'\]"):
        arrangement.board(["ssb"])  # type: ignore[arg-type]


def test_board_from_counts_refuses_a_numeric_organization_id() -> None:
    from sharegov.io import popolo

    event = {"organization_id": 5, "counts": [{"option": "yes", "value": 1, "group_id": "N"}]}
    with pytest.raises(SharegovError, match="organization_id: expected a name or id as text"):
        popolo.board_from_counts(event)


# ---------------------------------------------------------------------------------------------
# 8. Any mutation of the reference file loads or is refused at a path the file has
# ---------------------------------------------------------------------------------------------

_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out += _paths(child, (*prefix, i))
    return out


def _exists(data: Any, path: str) -> bool:
    node = data
    for key, index in _PATH_PART.findall(path):
        if index:
            if not isinstance(node, list) or int(index) >= len(node):
                return False
            node = node[int(index)]
        else:
            if not isinstance(node, dict) or key not in node:
                return False
            node = node[key]
    return True


_ODD = ["\n", "\x00", "\x1b", "\u202e", "\x85", " ", "", "£", "'", '"', "\\"]
_VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.sampled_from(["", " ", "x", "2008-13-01", "£-5", "1/0", "ssb", "BDC", "for"]),
    st.just([]),
    st.just({}),
    st.just([1, "a"]),
    st.just({"type": "Majority"}),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutations_load_or_are_refused_at_a_path_in_the_file(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    doc = tomllib.loads(BASE)
    path = data.draw(st.sampled_from(_paths(doc)[1:]), label="path")
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    action = data.draw(st.sampled_from(["delete", "replace", "odd"]), label="action")
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = data.draw(_VALUES, label="value")
    else:
        old = parent[key]
        text = old if isinstance(old, str) else str(old)
        at = data.draw(st.integers(0, len(text)), label="at")
        odd = data.draw(st.sampled_from(_ODD), label="odd")
        parent[key] = text[:at] + odd + text[at:]
    file = tmp_path_factory.mktemp("mutant") / "mutant.toml"
    file.write_text(tomli_w.dumps(doc), encoding="utf-8")
    refusal: SharegovError | None = None
    try:
        load(file)
    except SharegovError as exc:
        refusal = exc
    if isinstance(refusal, FileError):
        assert refusal.problems
        for problem in refusal.problems:
            head, sep, _ = problem.partition(": ")
            if sep and " " not in head and "'" not in head:
                # A missing field is named at its path, under a parent that exists.
                missing = problem.endswith("got nothing") and _exists(doc, head.rpartition(".")[0])
                assert _exists(doc, head) or missing, (problem, path, action)
    elif refusal is not None:
        assert str(refusal).startswith(f"{file}: "), str(refusal)


# ---------------------------------------------------------------------------------------------
# The councils CSV: the same reading rules, each problem located once
# ---------------------------------------------------------------------------------------------

HEADER = (
    "local-authority-code,official-name,gss-code,local-authority-type,county-la,"
    "combined-authority,pop-2020,current-authority\n"
)


def test_councils_csv_refuses_a_fifo_and_latin_1(tmp_path: Path) -> None:
    from sharegov.councils import load_councils

    fifo = tmp_path / "councils.csv"
    os.mkfifo(fifo)
    with pytest.raises(SharegovError, match="a pipe, not a regular file"):
        load_councils(fifo)
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "BRM,Café,,,,,,True\n").encode("latin-1"))
    with pytest.raises(SharegovError, match=r"latin\.csv: .*not UTF-8: the byte 0xE9"):
        load_councils(latin)


def test_councils_csv_errors_name_the_line_once(tmp_path: Path) -> None:
    from sharegov.councils import load_councils

    path = tmp_path / "c.csv"
    path.write_text(HEADER + "BRM,Bromsgrove,,,,,,True\n" + "X," + "y" * 200_000 + "\n")
    with pytest.raises(SharegovError) as info:
        load_councils(path)
    message = str(info.value)
    assert message.startswith(f"{path}, line 3: not valid CSV: field larger than field limit")
    assert message.count(str(path)) == 1
