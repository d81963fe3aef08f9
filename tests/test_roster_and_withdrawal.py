"""Dates, rosters and withdrawal, checked against the seed papers and brute force.

- The roster is never presumed: an undated vote on a board whose membership changes is
  refused, naming the dates; a constant roster is decided, saying the date was not given.
- ``graph --as-of`` counts only what is known to be in force that day.
- A body that provides or funds an arrangement is not "party to no arrangement".
- ``decide`` names its rule once, words members taken as present, says when no member of
  a council was there, and answers ``--why-not`` on counts consistently.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, SHARED
from sharegov import Authority, Board, Member
from sharegov.boards import Membership
from sharegov.cli import main
from sharegov.errors import InvalidVote
from sharegov.io import load
from sharegov.io.graphs import graph_json, graph_of
from sharegov.reference import bromsgrove_redditch_board_over_time

SEEDS = ROOT / "examples" / "seeds"
SEED_000 = str(SEEDS / "000_east_midlands_solace.toml")
SEED_002 = str(SEEDS / "002_huntingdonshire_shared_services.toml")
SEED_003 = SEEDS / "003_em_iep_2009_11_27.toml"
SEED_004 = str(SEEDS / "004_north_herts_shared_services.toml")
PAPERS = SHARED / "seeds"

# A two-council board whose members all sit from 1 May 2012; Cllr A Three leaves on
# 31 March 2014 (the review's /work/review/w/wales.toml, without its meeting).
BOARD = """
name = "Conwy and Denbighshire shared services"
[[authorities]]
code = "CCBC"
name = "Conwy County Borough Council"
[[authorities]]
code = "DCC"
name = "Denbighshire County Council"

[boards.jb]
name = "Joint Shared Services Board"
authorities = ["CCBC", "DCC"]
casting_vote = false
[boards.jb.seats]
CCBC = 3
DCC = 3
[boards.jb.rule]
type = "FirstOf"
rules = [{ type = "Consensus" }, { type = "EachAuthority", at_least = 2 }]
"""
for _id, _code in (
    ("a1", "CCBC"), ("a2", "CCBC"), ("a3", "CCBC"), ("b1", "DCC"), ("b2", "DCC"), ("b3", "DCC")
):  # fmt: skip
    BOARD += (
        f'[[boards.jb.members]]\nid = "{_id}"\nname = "Cllr {_id.upper()}"\nauthority = "{_code}"\n'
    )
for _id in ("a1", "a2", "a3", "b1", "b2", "b3"):
    BOARD += f'[[boards.jb.memberships]]\nmember = "{_id}"\nstart = "2012-05-01"\n'
    if _id == "a3":
        BOARD += 'end = "2014-03-31"\n'

ALL_FOR = '[votes]\na1 = "for"\na2 = "for"\na3 = "for"\nb1 = "for"\nb2 = "for"\nb3 = "for"\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- the roster over time -------------------------------------------------------------------


def test_an_undated_vote_on_a_changing_roster_is_refused_naming_the_date_and_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    board = write(tmp_path, "board.toml", BOARD)
    votes = write(tmp_path, "nodate.toml", 'motion = "Shared depot"\n' + ALL_FOR)
    status, out, err = run(capsys, "decide", board, "--board", "jb", "--votes", votes)
    assert status == 2
    assert out == ""
    assert f"{votes}: date: deciding this vote needs the date of the meeting" in err
    assert "changes on 1 April 2014 (Cllr A3 sits from 1 May 2012 until 31 March 2014)" in err
    assert "--as-of" in err
    # With the date, it is decided on that day's roster: six before, five after.
    status, out, _ = run(
        capsys, "decide", board, "--board", "jb", "--votes", votes, "--as-of", "2014-02-10"
    )
    assert (status, "6 in support" in out) == (0, True)
    assert "date of the meeting was not given" not in out
    status, _, err = run(
        capsys, "decide", board, "--board", "jb", "--votes", votes, "--as-of", "2014-04-10"
    )
    assert status == 2
    assert "votes.a3: Cllr A3 sits from 1 May 2012 until 31 March 2014, so was not on" in err


def test_an_undated_vote_on_a_constant_roster_is_decided_and_says_the_date_was_not_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Nobody leaves: the roster is the same on every date the board has members.
    board = write(tmp_path, "board.toml", BOARD.replace('end = "2014-03-31"\n', ""))
    votes = write(tmp_path, "nodate.toml", 'motion = "Shared depot"\n' + ALL_FOR)
    status, out, _ = run(capsys, "decide", board, "--board", "jb", "--votes", votes)
    assert status == 0
    assert "The date of the meeting was not given" in out
    assert "roster is the same on every date it has members" in out
    status, out, _ = run(capsys, "decide", board, "--board", "jb", "--votes", votes, "--json")
    data = json.loads(out)
    assert data["date"] is None
    assert data["notes"] == [line for line in data["notes"] if "was not given" in line] != []


def test_the_library_refuses_an_undated_vote_on_a_changing_roster_too() -> None:
    board = bromsgrove_redditch_board_over_time()
    votes = {m.id: "for" for m in board.at(dt.date(2008, 9, 1)).voting_members}
    assert board.decide(votes).carried  # all six sit from 30 June 2008, and no one leaves
    left = attrs.evolve(board.memberships[5], end=dt.date(2009, 3, 31))
    changing = attrs.evolve(board, memberships=[*board.memberships[:5], left])
    with pytest.raises(InvalidVote, match=r"^on: deciding a vote needs the date"):
        changing.decide(votes)
    with pytest.raises(InvalidVote, match="changes on 1 April 2009"):
        changing.decide_counts({"for": 5})
    assert changing.decide(votes, on=dt.date(2009, 3, 31)).carried


def test_perkins_is_refused_at_a_meeting_before_he_joined(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Seed 003: 'Councillor Hill welcomed Councillor David Perkins to his first meeting of
    # the Board' (27 November 2009); the seed file dates his seat from that day (assumed, and
    # marked so). A vote dated 16 September 2009 must then refuse him by name.
    for paper in PAPERS.glob("003_*.txt"):  # the paper itself, where it is beside us
        text = " ".join(paper.read_text(encoding="utf-8").split())
        assert "welcomed Councillor David Perkins to his first meeting of the Board" in text
    seed = str(SEED_003)
    votes = write(
        tmp_path,
        "sep.toml",
        'motion = "Item X"\ndate = 2009-09-16\nunlisted = "present"\n'
        '[votes]\nhill = "for"\nperkins = "for"\n',
    )
    status, out, err = run(capsys, "decide", seed, "--board", "emiep", "--votes", votes)
    assert (status, out) == (2, "")
    assert "votes.perkins: Cllr David Perkins sits from 27 November 2009" in err
    assert "so was not on East Midlands Improvement Partnership Board on 16 September 2009" in err


@st.composite
def spans(draw: st.DrawFn) -> list[tuple[dt.date | None, dt.date | None]]:
    """Up to five memberships' (start, end), within a few weeks so that they overlap."""
    day0 = dt.date(2010, 1, 1)
    out = []
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.none() | st.integers(0, 30).map(lambda n: day0 + dt.timedelta(n)))
        end = draw(st.none() | st.integers(0, 30).map(lambda n: day0 + dt.timedelta(n)))
        if start is not None and end is not None and end < start:
            start, end = end, start
        out.append((start, end))
    return out


@given(spans())
def test_roster_changes_agree_with_the_roster_day_by_day(
    dates: list[tuple[dt.date | None, dt.date | None]],
) -> None:
    members = [Member(f"m{i}", f"Cllr {i}", "A") for i in range(len(dates))]
    board = Board(
        "B",
        authorities=[Authority("A", "A")],
        seats={"A": len(members)},
        members=members,
        memberships=[
            Membership(m, start=s, end=e) for m, (s, e) in zip(members, dates, strict=True)
        ],
    )
    # Brute force: who sits each day, from each membership's own active_on.
    days = [dt.date(2009, 12, 30) + dt.timedelta(n) for n in range(35)]
    rosters = [frozenset(ms.member.id for ms in board.memberships if ms.active_on(d)) for d in days]
    expected = []
    seen = False
    for n in range(1, len(days)):
        seen = seen or bool(rosters[n - 1])
        if rosters[n] != rosters[n - 1] and rosters[n] and seen:
            expected.append(days[n])
    assert board.roster_changes() == tuple(expected)
    if expected:
        with pytest.raises(InvalidVote, match="needs the date of the meeting"):
            board.undated()
    elif any(rosters):
        sitting = next(r for r in rosters if r)
        assert {m.id for m in board.undated().voting_members} == sitting


# -- the graph on a date --------------------------------------------------------------------


def test_graph_as_of_counts_only_what_is_known_to_be_in_force(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "graph", SEED_004, "--as-of", "2000-01-01", "--json")
    data = json.loads(out)
    assert status == 0
    assert data["arrangements_in_force"] == 0
    left_out = {row["id"]: row["why"] for row in data["not_counted"]}
    for ident in ("building_control", "south_vale"):
        assert left_out[ident] == "its start date is not given"
    # The procurement officer started in January 2011 (3.6.1), the day assumed: not yet.
    assumed = {row["id"]: row["assumed"] for row in data["on_assumed_dates"]}
    assert "procurement" not in left_out
    assert assumed["procurement"].startswith("start 2011-01-01 is assumed")
    assert not any(n["type"] == "arrangement" for n in data["nodes"])
    status, out, _ = run(capsys, "graph", SEED_004, "--as-of", "2000-01-01", "--withdraw", "NHDC")
    assert "Left without a partner" not in out
    assert "no arrangement known to be in force on 1 January 2000" in out
    assert "Building control: its start date is not given." in out
    # Once SIAS is live (its go-live date assumed), it counts, and says on what date.
    later = graph_of(load(SEED_004), as_of=dt.date(2011, 7, 1))
    assert set(later.arrangements) == {"licensing", "procurement", "sias"}
    assert "start 2011-06-01 is assumed" in later.explain()


def test_graph_as_of_does_not_count_a_trial_past_its_year(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Seed 000: 'a one-year trial partnership' agreed on 16 December 2005.
    status, out, _ = run(capsys, "graph", SEED_000, "--as-of", "2007-06-01", "--json")
    data = json.loads(out)
    assert status == 0
    left_out = {row["id"]: row["why"] for row in data["not_counted"]}
    assert "dmu_trial" not in {n["id"] for n in data["nodes"]}
    assert left_out["dmu_trial"].startswith(
        "its trial ran from 16 December 2005 to 16 December 2006, and the file records no end"
    )
    assert left_out["dmu_trial"].endswith("(those dates are assumed, not minuted)")
    during = graph_json(graph_of(load(SEED_000), as_of=dt.date(2006, 6, 1)))
    assert "dmu_trial" in {n["id"] for n in during["nodes"]}


# -- withdrawal of providers, funders and single councils -----------------------------------


def test_a_provider_or_funder_that_withdraws_affects_what_it_provides_or_funds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "graph", SEED_004, "--withdraw", "serco")
    assert status == 0
    assert "party to no arrangement" not in out
    assert out.splitlines() == [
        "If SERCO (serco) withdraws, 1 arrangement is affected (it is provider of 1):",
        "  Lose their provider: Shared Managed Services contract.",
    ]
    _, out, _ = run(capsys, "graph", SEED_004, "--withdraw", "capita")
    assert "Lose their provider: Benefits and council tax (contracted out)." in out
    # Seed 002: '£0.5M from the Transformation Challenge Fund'.
    _, out, _ = run(capsys, "graph", SEED_002, "--withdraw", "tcf", "--json")
    impact = json.loads(out)["impacts"][0]
    assert impact["funds"] != []
    assert impact["affected"] == len(impact["funds"])
    assert impact["arrangements"] == []
    assert "Lose the funding it gives" in impact["explanation"]


def test_an_arrangement_with_one_council_ends_with_it_and_is_not_dissolved(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "graph", SEED_004, "--withdraw", "HCC", "--json")
    impact = json.loads(out)["impacts"][0]
    assert impact["ended"] == ["sms"]
    assert "sms" not in impact["dissolved"]
    assert (
        "  End, as their only party withdrew: Shared Managed Services contract."
        in (impact["lines"])
    )
    assert not any("Dissolved" in line for line in impact["lines"])


# -- decide's words ---------------------------------------------------------------------------

ITEM10 = str(SEEDS / "003_votes" / "item10.toml")


def test_the_rule_is_printed_once(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "decide", str(SEED_003), "--board", "emiep", "--votes", ITEM10)
    assert status == 0
    assert out.count("a majority of those present and voting") == 2  # headline, assumed note
    assert "Carried on a majority of those present and voting:\n  5 for, 2 against" in out


def test_json_present_not_voting_agrees_with_the_text_for_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(
        capsys, "decide", str(SEED_003), "--board", "emiep", "--votes", ITEM10, "--json"
    )
    data = json.loads(out)
    said = re.search(r"(\d+) present not voting", data["explanation"])
    assert said is not None
    assert data["attendance"]["present_not_voting_count"] == int(said.group(1)) == 3
    assert data["attendance"]["present_not_voting"] is None  # nobody is named


def test_why_not_on_counts_says_plainly_it_cannot_answer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ("decide", str(SEED_003), "--board", "emiep", "--votes", ITEM10, "--why-not")
    status, out, err = run(capsys, *args)
    assert (status, err) == (0, "")  # the result's status: it carried
    assert out.count("Carried on") == 1
    assert out.rstrip().endswith("Record the votes by name to ask.")
    assert "minuted only as counts, so nobody is named" in out
    status, out, err = run(capsys, *args, "--json")
    data = json.loads(out)
    assert (status, err, data["carried"], data["why_not_answered"]) == (0, "", True, False)
    assert "cannot be said" in data["why_not"]


def test_a_consensus_with_no_member_of_one_council_present_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    board = write(tmp_path, "board.toml", BOARD)
    votes = write(
        tmp_path,
        "allabs.toml",
        'motion = "Shared depot"\ndate = 2014-02-10\napologies = ["b1", "b2", "b3"]\n'
        '[votes]\na1 = "for"\na2 = "for"\na3 = "for"\n',
    )
    status, out, _ = run(capsys, "decide", board, "--board", "jb", "--votes", votes)
    assert status == 0
    assert "Carried on consensus" in out
    assert (
        "No member of Denbighshire County Council (DCC) was present: the result carried on "
        "the votes of the members of CCBC alone." in out
    )
    # With both councils there, nothing is said.
    votes = write(tmp_path, "both.toml", "date = 2014-02-10\n" + ALL_FOR)
    _, out, _ = run(capsys, "decide", board, "--board", "jb", "--votes", votes)
    assert "No member of" not in out


def test_members_taken_as_unlisted_are_described_in_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    board = write(tmp_path, "board.toml", BOARD)
    votes = write(
        tmp_path,
        "some.toml",
        'date = 2014-02-10\nunlisted = "present"\n[votes]\na1 = "for"\nb1 = "for"\n',
    )
    _, out, _ = run(capsys, "decide", board, "--board", "jb", "--votes", votes)
    assert "unlisted=" not in out
    assert "Members not listed were taken to be present, not voting, as the record says: " in out


def test_counts_by_council_with_one_council_absent_say_so_too() -> None:
    from sharegov.reference import bromsgrove_redditch_board

    board = bromsgrove_redditch_board()  # consensus, else at least 2 from each council
    out = board.decide_counts(
        {"for": 3},
        by_authority={"BDC": {"for": 3, "present": 3}, "RBC": {"present": 0}},
    )
    assert out.carried
    assert "No member of Redditch Borough Council (RBC) was present" in out.explain()
    both = board.decide_counts(
        {"for": 4},
        by_authority={"BDC": {"for": 2, "present": 2}, "RBC": {"for": 2, "present": 2}},
    )
    assert "No member of" not in both.explain()
    # Counts with no breakdown by council say nothing either way.
    assert "No member of" not in board.decide_counts({"for": 3}, present=3).explain()


def test_check_looks_at_each_roster_the_board_has(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    board = write(tmp_path, "board.toml", BOARD)
    status, out, err = run(capsys, "check", board)
    assert (status, err) == (0, "")
    assert f"{board}: note: boards.jb: 1 of 6 seats vacant from 1 April 2014" in out
    # Two more leave DCC on 31 March 2014: "2 from each authority" cannot then be met.
    text = BOARD.replace(
        'type = "FirstOf"\nrules = [{ type = "Consensus" }, '
        '{ type = "EachAuthority", at_least = 2 }]',
        'type = "EachAuthority"\nat_least = 2',
    )
    for gone in ("b2", "b3"):
        since = f'member = "{gone}"\nstart = "2012-05-01"\n'
        text = text.replace(since, since + 'end = "2014-03-31"\n')
    status, out, _ = run(capsys, "check", write(tmp_path, "fewer.toml", text))
    assert status == 1
    assert (
        "boards.jb.rule: 'at least 2 in support from each authority' cannot be met by the "
        "members appointed from 1 April 2014 (3 of 6 seats filled)" in out
    )


def test_a_body_that_is_party_provider_and_funder_is_counted_once_each_way() -> None:
    from sharegov.concordat import ServiceArrangement as S
    from sharegov.graph import ExternalBody, PartnershipGraph, _recompute_withdrawal

    g = PartnershipGraph(
        [Authority("A", "A"), Authority("B", "B")],
        [
            S("x", "X", ["A", "uni"]),
            S("y", "Y", ["A", "B"], provider="uni"),
            S("z", "Z", ["A", "B"], funded_by=["uni"]),
            S("w", "W", ["A", "B"], depends_on=["y"]),
        ],
        external_bodies=[ExternalBody("uni", "Uni")],
    )
    impact = g.withdrawal_impact("uni")
    assert impact == _recompute_withdrawal(g, "uni")  # the naive oracle agrees
    assert (impact.dissolved, impact.provides, impact.funds) == (("x",), ("y",), ("z",))
    assert dict(impact.dependents) == {"w": ("y",)}
    assert impact.affected == 4
    assert impact.explain().splitlines()[:2] == [
        "If Uni (uni) withdraws, 4 arrangements are affected: 3 of its 3 (it is party to 1, "
        "provider of 1 and funder of 1), and 1 other through dependencies:",
        "  Dissolved (fewer than two parties left): X.",
    ]
    assert "  At risk: W, which depends on Y." in impact.explain().splitlines()
