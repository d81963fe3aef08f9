"""The seed papers through files and the command line: votes files, meeting records and dates.

Seed 003 (the East Midlands Improvement Partnership Board, 27 November 2009) minutes a vote
"passed by 5 to 2" without names: it is decided here from the counts alone, through a votes
file and ``sharegov decide``, and through a meeting record in an arrangement file. Tests that
read the seed papers skip cleanly when ``../shared/seeds`` is not beside this checkout.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import attrs
import pytest

from conftest import ROOT, SHARED
from sharegov.cli import main
from sharegov.errors import InvalidVote
from sharegov.io import dump, load, read_vote_record
from sharegov.io.files import Arrangement
from sharegov.meetings import Item
from sharegov.reference import em_iep_board, em_iep_meeting_2009_11_27
from sharegov.rules import MinutedTally, Vote

FILE = ROOT / "examples" / "bromsgrove_redditch.toml"
MINUTED = "The counts are as minuted; the names of those voting were not recorded."


@pytest.fixture(scope="module")
def seed_003() -> str:
    """The text of seed 003's minutes."""
    found = sorted((SHARED / "seeds").glob("003_*.txt")) if (SHARED / "seeds").is_dir() else []
    if not found:
        pytest.skip("../shared/seeds/003_*.txt is not present beside this checkout")
    return found[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def minuted(seed_003: str) -> tuple[int, int]:
    """The counts seed 003 minutes for the electric vehicles project: (for, against)."""
    match = re.search(r"passed by (\d+) to (\d+)", seed_003)
    assert match, "seed 003 minutes the vote as 'passed by N to M'"
    return int(match[1]), int(match[2])


def em_file(tmp_path: Path, meeting_items: list[Item] | None = None) -> Path:
    """The EM IEP board (and, if given, its meeting of 27 November 2009) as a TOML file."""
    board = em_iep_board()
    meetings = []
    if meeting_items is not None:
        meetings = [attrs.evolve(em_iep_meeting_2009_11_27(), items=meeting_items)]
    arrangement = Arrangement(
        "East Midlands Improvement Partnership",
        authorities=list(board.authorities),
        boards={"emiep": board},
        meetings=meetings,
    )
    path = tmp_path / "emiep.toml"
    dump(arrangement, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


# -- seed 003: counts alone, through a votes file and the CLI ----------------------------------


def test_seed_003_decided_from_the_counts_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, minuted: tuple[int, int]
) -> None:
    yes, no = minuted
    assert (yes, no) == (5, 2)
    votes = tmp_path / "ev.toml"
    votes.write_text(
        'motion = "Capital pot: electric vehicles (Lincolnshire SRP)"\n'
        "date = 2009-11-27\n"
        'chair = "hill"\n'
        # Ten sat at the table with a vote: nine members and Cllr Savidge for Cllr Wilcox.
        "present = 10\n"
        f"[counts]\nfor = {yes}\nagainst = {no}\n"
    )
    status, out, err = run(capsys, "decide", str(em_file(tmp_path)), "--board", "emiep",
                           "--votes", str(votes))  # fmt: skip
    assert (status, err) == (0, "")
    assert out.startswith("== Capital pot: electric vehicles (Lincolnshire SRP)\nCarried on")
    assert "Votes: 5 for, 2 against, 0 abstaining, 3 present not voting." in out
    assert MINUTED in out
    assert "Cllr" not in out  # nobody is named: the minutes name nobody
    status, out, _ = run(capsys, "decide", str(em_file(tmp_path)), "--board", "emiep",
                         "--votes", str(votes), "--json")  # fmt: skip
    data = json.loads(out)
    assert status == 0
    assert data["status"] == "carried"
    assert data["minuted_counts"] is True
    assert data["date"] == "2009-11-27"
    assert data["counts"] == {"for": 5, "against": 2, "abstain": 0}
    assert data["attendance"]["present"] == 10
    # nobody is named, so no list (an empty one would read as nobody), but the number,
    # as the text gives it: "3 present not voting"
    assert data["attendance"]["present_not_voting"] is None
    assert data["attendance"]["present_not_voting_count"] == 3
    assert "3 present not voting" in data["explanation"]
    assert data["by_authority"] == {}  # the minutes give no breakdown by council


def test_seed_003_votes_file_that_leaves_a_member_unrecorded_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, minuted: tuple[int, int]
) -> None:
    # Seven named votes consistent with the minuted counts, but the others not accounted for.
    voters = ["hill", "brighton", "brown", "perkins", "begy", "malin", "rhodes"]
    options = ["for"] * minuted[0] + ["against"] * minuted[1]
    lines = ["date = 2009-11-27", 'chair = "hill"', "[votes]"]
    lines += [f'{m} = "{v}"' for m, v in zip(voters, options, strict=True)]
    votes = tmp_path / "named.toml"
    votes.write_text("\n".join(lines) + "\n")
    status, out, err = run(capsys, "decide", str(em_file(tmp_path)), "--board", "emiep",
                           "--votes", str(votes))  # fmt: skip
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"sharegov: error: {votes}: attendance: not recorded for ")
    assert "Cllr Jeremy Webb, ELDC" in err
    assert "set unlisted to 'present' or 'absent'" in err
    # Saying what the others were is enough; the explanation names who was taken so.
    votes.write_text("\n".join(['unlisted = "present"', *lines]) + "\n")
    status, out, _ = run(capsys, "decide", str(em_file(tmp_path)), "--board", "emiep",
                         "--votes", str(votes))  # fmt: skip
    assert status == 0
    assert "Members not listed were taken to be present, not voting, as the record says: " in out
    assert "Cllr Jeremy Webb, ELDC" in out


def test_seed_003_meeting_record_with_counts_only(
    tmp_path: Path, seed_003: str, minuted: tuple[int, int]
) -> None:
    assert "Councillor Webb declared an interest" in seed_003
    yes, no = minuted
    reference = em_iep_meeting_2009_11_27()
    items = [
        attrs.evolve(i, votes=None, counts={"for": yes, "against": no}, illustrative=False)
        if i.number == 10
        else i
        for i in reference.items
    ]
    path = em_file(tmp_path, items)
    assert "[meetings.items.counts]" in path.read_text()
    (meeting,) = load(path).meetings
    out = meeting.outcome(10)
    assert out.carried
    assert isinstance(out.tally, MinutedTally)
    assert (out.tally.count(Vote.FOR), out.tally.count(Vote.AGAINST)) == (5, 2)
    assert out.date == meeting.date
    # present defaults to the voting members the meeting records as present
    assert out.tally.counts.present == 10
    text = meeting.explain()
    assert MINUTED in text
    assert "votes by name are illustrative" not in text  # nothing is invented
    assert "Substitute: Cllr Ken Savidge for Cllr Dave Wilcox." in text
    for name in (
        "Vi Dempster",
        "Dave Wilcox",
        "Fiona Martin",
        "Chris Williamson",
        "Ranjit Banwait",
    ):
        assert f"Councillor {name}" in seed_003.split("Apologies")[1][:400]  # as minuted
        assert f"Cllr {name}" in next(line for line in text.splitlines() if line.startswith("Apol"))
    with pytest.raises(InvalidVote, match="counts matching the minutes"):
        Item(10, "x", counts={"for": 6, "against": 1}, minuted=(5, 2, 0))
    with pytest.raises(InvalidVote, match="either the votes by name or the counts"):
        Item(10, "x", counts={"for": 5}, votes={"hill": "for"})


# -- dates: the roster in force on the day -----------------------------------------------------


def late_webb(tmp_path: Path) -> Path:
    """The reference file with Cllr Webb's membership starting on 15 September 2008 (and
    without its record of the meeting of 1 September, which lists his apologies)."""
    arrangement = load(FILE)
    board = arrangement.board("ssb")
    memberships = [
        attrs.evolve(ms, start=dt.date(2008, 9, 15)) if ms.member.id == "webb" else ms
        for ms in board.memberships
    ]
    board = attrs.evolve(board, memberships=memberships)
    path = tmp_path / "late.toml"
    dump(attrs.evolve(arrangement, boards={"ssb": board}, meetings=()), path)
    assert 'member = "webb"\nstart = "2008-09-15"' in path.read_text()
    return path


def test_a_vote_before_a_member_joined_is_refused_naming_the_dates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    body = (
        'chair = "hollingworth"\n[votes]\n'
        'hollingworth = "for"\nluck = "for"\nwebb = "for"\n'
        'gandy = "for"\nhall = "for"\nmcmillan = "for"\n'
    )
    votes = tmp_path / "v.toml"
    votes.write_text("date = 2008-09-01\n" + body)
    arrangement = str(late_webb(tmp_path))
    status, _, err = run(capsys, "decide", arrangement, "--board", "ssb", "--votes", str(votes))
    assert status == 2
    assert err == (
        f"sharegov: error: {votes}: votes.webb: Cllr M. Webb sits from 15 September 2008, "
        "so was not on Shared Services Board on 1 September 2008\n"
    )
    # The same from --as-of when the file gives no date; a day after he joined, it carries.
    votes.write_text(body)
    status, _, err = run(capsys, "decide", arrangement, "--board", "ssb", "--votes", str(votes),
                         "--as-of", "2008-09-01")  # fmt: skip
    assert status == 2
    assert "sits from 15 September 2008" in err
    status, out, _ = run(capsys, "decide", arrangement, "--board", "ssb", "--votes", str(votes),
                         "--as-of", "2008-09-16")  # fmt: skip
    assert status == 0
    assert out.startswith("Carried on consensus")


def test_read_vote_record_is_the_one_parser() -> None:
    record = read_vote_record(
        {"counts": {"for": 5, "against": 2}, "present": 10, "date": "2009-11-27"}, "api"
    )
    assert record.minuted
    assert record.present_count == 10
    with pytest.raises(InvalidVote, match="^api: apologies: a record of counts names nobody"):
        read_vote_record({"counts": {"for": 5}, "apologies": ["x"]}, "api")
    with pytest.raises(InvalidVote, match="^api: votes: give either votes by name or counts"):
        read_vote_record({"counts": {"for": 5}, "votes": {"x": "for"}}, "api")
    with pytest.raises(InvalidVote, match=r"^api: counts: expected only the keys"):
        read_vote_record({"counts": {"yes": 5}}, "api")
    with pytest.raises(InvalidVote, match=r"^api: present: expected a whole number >= 0, got"):
        read_vote_record({"counts": {"for": 5}, "present": "ten"}, "api")
    with pytest.raises(InvalidVote, match=r"^api: date: expected a date as YYYY-MM-DD"):
        read_vote_record({"votes": {}, "date": "27/11/2009"}, "api")
    with pytest.raises(InvalidVote, match=r"^api: unlisted: expected 'present' or 'absent'"):
        read_vote_record({"votes": {}, "unlisted": "not voting"}, "api")
    with pytest.raises(InvalidVote, match=r"^api: expected only the fields"):
        read_vote_record({"votes": {}, "quorum": 3}, "api")
