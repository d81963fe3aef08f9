"""``sharegov check`` notes a meeting observer's or substitute's authority that is not in the
file, as it notes an officer's unlisted employer: a note, not a problem, since no command
needs it.

Oracle: the minutes of seed 003 (../shared/seeds/003_*.txt) list among the observers
"Councillor Neil Clarke, Rushcliffe BC" and "Councillor Ken Savidge North East Derbyshire
DC ... Substituted for Cllr Dave Wilcox Derbyshire CC"; neither council is on the Board,
while the other observers' councils (Leicestershire, Northamptonshire, Leicester) are.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import attrs
import pytest

from conftest import ROOT
from sharegov.cli import main
from sharegov.io import load
from sharegov.io.check import findings, unlisted_authorities
from sharegov.parties import Authority, Body, Member

SEED_003 = ROOT / "examples" / "seeds" / "003_em_iep_2009_11_27.toml"
PAPER = next((ROOT.parent / "shared" / "seeds").glob("003_*.txt"), None)
ARRANGEMENT = load(SEED_003)

OBSERVER = "meetings[0].observers[0].authority: 'RUSHCLIFFE' is not an authority listed in the file"
SUBSTITUTE = (
    "meetings[0].substitutions.wilcox.authority: 'NEDDC' is not an authority listed in the file"
)


def test_seed_003_notes_the_observer_and_the_substitute_from_councils_not_on_the_board() -> None:
    found = findings(ARRANGEMENT)
    assert found.notes.count(OBSERVER) == 1
    assert found.notes.count(SUBSTITUTE) == 1
    assert not [p for p in found.problems if "RUSHCLIFFE" in p or "NEDDC" in p]
    # Beside the officer's unlisted employer, and only these three among the meeting's people.
    unlisted = [n for n in found.notes if "is not an authority listed in the file" in n]
    assert unlisted == [
        "meetings[0].officers[2].employer: 'SNC' is not an authority listed in the file",
        OBSERVER,
        SUBSTITUTE,
    ]


@pytest.mark.skipif(PAPER is None, reason="the seed papers are not beside the checkout")
def test_the_minutes_name_those_councils_and_the_board_has_the_others() -> None:
    assert PAPER is not None
    text = PAPER.read_text(encoding="utf-8")
    assert "Rushcliffe BC" in text
    assert "North East Derbyshire DC" in text
    (meeting,) = ARRANGEMENT.meetings
    codes = {a.code for a in ARRANGEMENT.authorities}
    assert [o.authority for o in meeting.observers if o.authority not in codes] == ["RUSHCLIFFE"]
    assert meeting.substitutions["wilcox"].authority not in codes


def test_listing_the_councils_takes_the_notes_away() -> None:
    listed = attrs.evolve(
        ARRANGEMENT,
        authorities=[*ARRANGEMENT.authorities, Authority("RUSHCLIFFE", "Rushcliffe BC")],
        bodies=[*ARRANGEMENT.bodies, Body("NEDDC", "North East Derbyshire District Council")],
    )
    assert unlisted_authorities(listed) == []
    assert OBSERVER not in findings(listed).notes


@pytest.mark.parametrize(
    "codes", list(itertools.product(["LEICS", "RUSHCLIFFE", "EMIEP", "NOWHERE"], repeat=2))
)
def test_each_observer_is_noted_exactly_when_its_authority_is_not_in_the_file(
    codes: tuple[str, ...],
) -> None:
    # Brute force over pairs of observers: listed authority, unlisted one, a body's id.
    (meeting,) = ARRANGEMENT.meetings
    observers = [
        Member(f"obs{j}", f"Cllr Observer {j}", code, voting=False) for j, code in enumerate(codes)
    ]
    changed = attrs.evolve(ARRANGEMENT, meetings=[attrs.evolve(meeting, observers=observers)])
    listed = {a.code for a in ARRANGEMENT.authorities} | {b.id for b in ARRANGEMENT.bodies}
    expected = [
        f"meetings[0].observers[{j}].authority: {code!r} is not an authority listed in the file"
        for j, code in enumerate(codes)
        if code not in listed
    ]
    assert unlisted_authorities(changed) == [*expected, SUBSTITUTE]


def test_check_prints_the_notes_and_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED_003)]) == 0
    out = capsys.readouterr().out
    assert f"{SEED_003}: note: {OBSERVER}\n" in out
    assert f"{SEED_003}: note: {SUBSTITUTE}\n" in out


def test_a_file_without_meetings_has_none(tmp_path: Path) -> None:
    assert unlisted_authorities(attrs.evolve(ARRANGEMENT, meetings=[])) == []
