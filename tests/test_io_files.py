"""Arrangement files: round trips, schema, errors with paths, limits, safe loading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from sharegov.concordat import ArrangementKind, ServiceArrangement
from sharegov.errors import LimitExceeded, UnknownId
from sharegov.io import Arrangement, dump, dumps, load, loads
from sharegov.io.files import MAX_DEPTH, FileError
from sharegov.io.schema import generate, validate
from sharegov.reference import bromsgrove_redditch_arrangement
from sharegov.strategies import boards

FORMATS = ["toml", "yaml", "json"]


@st.composite
def arrangements(draw: st.DrawFn) -> Arrangement:
    board = draw(boards())
    codes = [a.code for a in board.authorities]
    services = []
    for i in range(draw(st.integers(0, 3))):
        parties = draw(st.lists(st.sampled_from(codes), min_size=1, unique=True))
        services.append(
            ServiceArrangement(
                f"s{i}",
                draw(st.sampled_from(["Payroll", "Audit", "ICT"])),
                parties,
                kind=draw(st.sampled_from(list(ArrangementKind))),
                host=draw(st.none() | st.sampled_from(parties)),
                start=draw(st.none() | st.dates()),
            )
        )
    return Arrangement(
        "Generated arrangement",
        authorities=board.authorities,
        boards={draw(st.sampled_from(["board", "jc", "ssb"])): board},
        arrangements=services,
    )


@pytest.mark.parametrize("fmt", FORMATS)
@given(arrangement=arrangements())
def test_dump_then_load_gives_an_equal_arrangement(fmt: str, arrangement: Arrangement) -> None:
    assert loads(dumps(arrangement, fmt), fmt) == arrangement  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_reference_round_trip_through_files(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"reference.{fmt}"
    dump(bromsgrove_redditch_arrangement(), path)
    assert load(path) == bromsgrove_redditch_arrangement()


def test_example_file_loads_and_matches_the_reference() -> None:
    loaded = load(ROOT / "examples" / "bromsgrove_redditch.toml")
    assert loaded == bromsgrove_redditch_arrangement()
    votes = {
        "hollingworth": "for",
        "luck": "for",
        "gandy": "for",
        "hall": "against",
        "mcmillan": "for",
    }
    assert loaded.board("ssb").decide(votes, absent={"webb"}).carried


def test_committed_schema_matches_the_generator() -> None:
    committed = json.loads((ROOT / "docs" / "arrangement.schema.json").read_text())
    assert committed == generate(), (
        "regenerate with: python -m sharegov.io.schema > docs/arrangement.schema.json"
    )


def test_schema_is_a_valid_json_schema() -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(generate())


BAD = """
name = "X"
[[authorities]]
code = "BDC"
name = "Bromsgrove"
gss = "E7"
[boards.ssb]
name = "Board"
authorities = ["BDC"]
seats = { BDC = -1 }
members = [ { id = "a", name = "A", authority = "BDC", colour = "red" } ]
rule = { type = "EachAuthority", at_least = 0 }
"""


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    with pytest.raises(FileError) as info:
        loads(BAD, "toml", source="bad.toml")
    assert info.value.problems == [
        "authorities[0].gss: expected a GSS code such as 'E07000234', got 'E7'",
        "boards.ssb.members[0]: unexpected field 'colour'",
        "boards.ssb.rule.at_least: expected a positive integer, got 0",
        "boards.ssb.seats.BDC: expected a positive integer, got -1",
    ]
    assert str(info.value).splitlines()[0] == "bad.toml: 4 problems"
    assert "bad.toml: boards.ssb.seats.BDC: expected a positive integer, got -1" in str(info.value)


def test_domain_problems_after_the_schema_name_their_path() -> None:
    text = """
name = "X"
[[authorities]]
code = "BDC"
name = "Bromsgrove"
[boards.ssb]
name = "Board"
authorities = ["BDC"]
seats = { BDC = 3 }
members = [ { id = "a", name = "A", authority = "BDC" } ]
rule = { type = "EachAuthority", at_least = 4 }
"""
    with pytest.raises(FileError) as info:
        loads(text, "toml", source="x.toml")
    (problem,) = info.value.problems
    assert problem.startswith(
        "boards.ssb.rule: 'at least 4 in support from each authority' can never be met"
    )


def test_unknown_rule_type_and_missing_fields() -> None:
    problems = validate(
        {"name": "X", "boards": {"b": {"name": "B", "rule": {"type": "Plurality"}}}}
    )
    assert any(p.startswith("boards.b.rule.type: expected one of ['AllOf',") for p in problems)
    assert "boards.b: missing required field 'seats'" in problems


def test_parse_errors_are_one_line() -> None:
    with pytest.raises(FileError, match=r"^broken.json: 1 problem\nbroken.json: not valid JSON"):
        loads("{", "json", source="broken.json")


def test_yaml_is_data_only() -> None:
    text = "name: !!python/object/apply:os.system ['echo pwned']\n"
    with pytest.raises(FileError, match="not valid YAML"):
        loads(text, "yaml")


def test_too_deep_and_too_large_are_refused() -> None:
    deep: object = "x"
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(LimitExceeded, match="nested more than"):
        loads(json.dumps({"name": "X", "description": deep}), "json")
    with pytest.raises(LimitExceeded, match="files over"):
        loads(" " * (5 * 1024 * 1024 + 1), "json")


def test_lookup_errors_list_what_exists() -> None:
    with pytest.raises(UnknownId, match=r"^board: expected one of \['ssb'\], got 'nope'"):
        bromsgrove_redditch_arrangement().board("nope")


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="a file ending in one of"):
        load(tmp_path / "x.txt")
    with pytest.raises(FileError, match="cannot be read"):
        load(tmp_path / "missing.toml")
