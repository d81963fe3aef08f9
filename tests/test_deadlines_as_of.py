"""A deadline "as of D" gives nothing decided after D: in ``to_json``, in the ``deadlines``
listing, in ``sharegov deadlines --json`` and in ``GET /api/deadlines`` (review 2, finding 8).

Oracles: a deadline rebuilt from only the facts known on D (its amendments decided by then,
``done_on`` only if by then) must give the same document as the whole deadline; the seed
001 minutes (the board first met on 1 September 2008, Action 1 and 2 to Kevin Dicks); the
seed 003 minutes (Actions 1-8 with due dates and owners, 9 and 10 without); the command's
own text listing ("no deadlines or actions set by 1 August 2008; 7 set later"); the shipped
JSON Schemas.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov.cli import main
from sharegov.errors import InvalidValue
from sharegov.io import load
from sharegov.io.results import deadlines_as_of, registry, schema, to_json
from sharegov.strategies import deadlines
from sharegov.timeline import Deadline

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
FILE = str(ROOT / "examples" / "bromsgrove_redditch.toml")
SEED_003 = str(ROOT / "examples" / "seeds" / "003_em_iep_2009_11_27.toml")
dates = st.dates(D(2000, 1, 1), D(2035, 12, 31))


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema(name),
        registry=registry(),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


DEADLINE, DEADLINES = validator("deadline"), validator("deadlines")


def known_on(d: Deadline, as_of: dt.date) -> Deadline:
    """``d`` rebuilt from only what was known on ``as_of`` (later facts changed or dropped)."""
    if d.due_on(as_of=as_of) is None:  # not yet set: any later dates will do
        later = as_of + dt.timedelta(days=1)
        return Deadline(d.title, due=later, set_on=later, owner=d.owner, meeting=d.meeting)
    history = d.known_on(as_of)
    due = history[-1].new if history else d.original
    done = d.done_on if d.done_on is not None and d.done_on <= as_of else None
    return attrs.evolve(d, due=due, history=history, done_on=done)


@given(deadlines(), dates, st.none() | dates, st.booleans())
def test_the_document_as_of_a_date_depends_only_on_what_was_known_then(
    d: Deadline, as_of: dt.date, done: dt.date | None, meeting: bool
) -> None:
    if done is not None and d.set_on is not None and done < d.set_on:
        done = d.set_on
    d = attrs.evolve(d, done_on=done, meeting=meeting)
    data = to_json(d, as_of=as_of)
    DEADLINE.validate(data)
    assert data == to_json(known_on(d, as_of), as_of=as_of)
    assert (data["hindsight"], data["due_now"], data["moved_since"]) == (False, None, None)
    for field in ("set_on", "done_on"):
        assert data[field] is None or D.fromisoformat(data[field]) <= as_of
    assert "Since then" not in data["explanation"]
    # With hindsight, what came later is given too, and still validates.
    looked_back = to_json(d, as_of=as_of, hindsight=True)
    DEADLINE.validate(looked_back)
    assert looked_back["due_now"] == d.due.isoformat()
    assert len(looked_back["moved_since"]) == len(d.moved_since(as_of))


def test_seed_001_phase_1_before_the_board_set_it() -> None:
    # Finding 8: as of 1 August 2008 Phase 1 was not yet set (set on 18 August, done on
    # 1 September): none of those dates may show.
    phase_1 = load(FILE).phases[0]
    data = to_json(phase_1.identify, as_of=D(2008, 8, 1))
    DEADLINE.validate(data)
    assert data["state"] == "not yet set"
    assert [data[k] for k in ("due", "due_now", "original", "set_on", "done_on")] == [None] * 5
    # The schema itself refuses a later fact in a document without hindsight.
    assert not DEADLINE.is_valid({**data, "done_on": "2008-09-01"})
    assert not DEADLINE.is_valid({**data, "due_now": "2008-09-30"})
    with pytest.raises(InvalidValue, match="hindsight: expected True or False, got 'yes'"):
        to_json(phase_1.identify, as_of=D(2008, 8, 1), hindsight="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="hindsight: expected False"):
        to_json(42, hindsight=True)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_the_command_lists_only_what_was_set_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = run(capsys, "deadlines", FILE, "--as-of", "2008-08-01")
    assert "no deadlines or actions set by 1 August 2008; 7 set later (the first on 18" in text
    data = json.loads(run(capsys, "deadlines", FILE, "--as-of", "2008-08-01", "--json"))
    DEADLINES.validate(data)
    assert (data["phases"], data["deadlines"], data["actions_without_due_date"]) == ([], [], [])
    assert data["not_listed"] == {"count": 7, "first": "2008-08-18"}
    # The day after the first meeting: the five phase deadlines, and the two actions of
    # 1 September 2008, both to Kevin Dicks, with no due date in the minutes.
    data = json.loads(run(capsys, "deadlines", FILE, "--as-of", "2008-09-02", "--json"))
    DEADLINES.validate(data)
    assert len(data["deadlines"]) == 5
    assert data["not_listed"]["count"] == 0
    assert [(a["number"], a["owner"], a["set_on"]) for a in data["actions_without_due_date"]] == [
        (1, "Kevin Dicks", "2008-09-01"),
        (2, "Kevin Dicks", "2008-09-01"),
    ]


def test_seed_003_actions_are_deadlines_with_their_owners() -> None:
    arrangement = load(SEED_003)
    (meeting,) = arrangement.meetings
    assert meeting.date == D(2009, 11, 27)

    def listing(as_of: dt.date) -> dict[str, Any]:
        data = deadlines_as_of(as_of=as_of, meetings=arrangement.meetings)
        DEADLINES.validate(data)
        return data

    before = listing(D(2009, 11, 26))
    assert (before["deadlines"], before["not_listed"]) == ([], {"count": 10, "first": "2009-11-27"})
    after = listing(D(2009, 11, 27))
    got = {d["title"].split(":")[0]: (d["owner"], d["due"]) for d in after["deadlines"]}
    assert got["Action 2"] == ("Northamptonshire SRP", "2009-12-15")
    assert got["Action 5"] == ("HP", "2009-12-18")
    assert len(got) == 8
    assert [a["number"] for a in after["actions_without_due_date"]] == [9, 10]


def test_the_api_gives_the_same_listing_as_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("starlette")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    from sharegov.serve import create_app

    for path, as_of in ((FILE, "2008-08-01"), (FILE, "2008-09-02"), (SEED_003, "2009-11-27")):
        with TestClient(create_app(load(path))) as client:
            answer = client.get(f"/api/deadlines?as_of={as_of}").json()
        command = json.loads(run(capsys, "deadlines", path, "--as-of", as_of, "--json"))
        assert answer == command
        DEADLINES.validate(answer)
