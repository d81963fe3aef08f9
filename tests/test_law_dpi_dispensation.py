# ruff: noqa: E501
"""Finding 1 (review 2): only a Localism Act 2011 s.33 dispensation lifts the s.31(4) bar on
a disclosable pecuniary interest; a standards committee's dispensation (LGA 2000 s.81(4)) is
not applied to one, and the explanation says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sharegov import Board, SharegovError, Vote
from sharegov.conflicts import (
    Declaration,
    Dispensation,
    DispensationGround,
    DpiCategory,
    InterestKind,
)
from sharegov.statute import StandardsGround

ON = dt.date(2013, 9, 3)


def _board() -> Board:  # the Adur-Worthing joint committee
    from sharegov import Authority, Member, rules

    adu = Authority("ADU", "Adur District Council", gss="E07000223")
    wot = Authority("WOT", "Worthing Borough Council", gss="E07000229")
    members = [
        Member("a1", "Cllr Neil Parkin", "ADU"),
        Member("a2", "Cllr Brian Boggis", "ADU"),
        Member("a3", "Cllr Angus Dunn", "ADU"),
        Member("w1", "Cllr Paul Yallop", "WOT"),
        Member("w2", "Cllr Bryan Turner", "WOT"),
        Member("w3", "Cllr Mark Nolan", "WOT"),
    ]
    return Board(
        "Joint Strategic Committee",
        authorities=[adu, wot],
        seats={"ADU": 3, "WOT": 3},
        members=members,
        rule=rules.FirstOf(rules.Consensus(), rules.EachAuthority(at_least=2)),
        casting_vote=True,
    )


DPI = Declaration(
    "a2",
    "5",
    InterestKind.DISCLOSABLE_PECUNIARY,
    "owns land next to the depot",
    matter="depot",
    category=DpiCategory.LAND,
)
OLD = Dispensation(
    "a2",
    ["depot"],
    standards_ground=StandardsGround.ENGLAND_2009_IMPEDED,
    granted_by="Adur Standards Committee",
    start=dt.date(2011, 1, 1),
    until=dt.date(2014, 12, 31),
)
NEW = Dispensation(
    "a2",
    ["depot"],
    DispensationGround.IMPEDE_BUSINESS,
    granted_by="Adur Council",
    start=dt.date(2013, 1, 1),
    until=dt.date(2016, 12, 31),
)
VOTES = {"a1": Vote.FOR, "a3": Vote.FOR, "w1": Vote.FOR, "w2": Vote.FOR}


def test_standards_committee_dispensation_does_not_lift_a_dpi() -> None:
    board = _board()
    with pytest.raises(SharegovError, match="votes.a2: .*excluded"):
        board.decide(
            {**VOTES, "a2": Vote.FOR}, absent={"w3"}, chair="a1",
            declarations=[DPI], dispensations=[OLD], on=ON,
        )  # fmt: skip
    out = board.decide(
        VOTES, present={"a2"}, absent={"w3"}, chair="a1",
        declarations=[DPI], dispensations=[OLD], on=ON,
    )  # fmt: skip
    text = out.explain()
    assert "a2" not in {m for m, v in out.tally.votes.items() if v is Vote.FOR}
    assert "Dispensation: Cllr Brian Boggis" not in text
    assert "Excluded from this item: Cllr Brian Boggis, ADU" in text
    assert "SI 2009/1255 reg 17(1)(a)(i)" in text
    assert "not applied: only a dispensation under Localism Act 2011 s.33" in text
    assert "s.31(4)" in text


def test_s33_dispensation_lifts_a_dpi() -> None:
    out = _board().decide(
        {**VOTES, "a2": Vote.FOR}, absent={"w3"}, chair="a1",
        declarations=[DPI], dispensations=[NEW], on=ON,
    )  # fmt: skip
    text = out.explain()
    assert "Dispensation: Cllr Brian Boggis, ADU may take part and vote" in text
    assert out.tally.count(Vote.FOR) == 5
    assert "not applied" not in text


def test_both_given_the_s33_one_applies() -> None:
    out = _board().decide(
        {**VOTES, "a2": Vote.FOR}, absent={"w3"}, chair="a1",
        declarations=[DPI], dispensations=[OLD, NEW], on=ON,
    )  # fmt: skip
    assert "Localism Act 2011 s.33(2)(a)" in out.explain()
    assert out.tally.count(Vote.FOR) == 5


# review2/e_carry2.toml's first meeting: a 2011 standards committee dispensation for a DPI.
E_CARRY2 = """\
name = "Adur and Worthing joint working"

[[authorities]]
code = "ADU"
name = "Adur District Council"
population = 64187
gss = "E07000223"
kind = "NMD"

[[authorities]]
code = "WOT"
name = "Worthing Borough Council"
population = 110727
gss = "E07000229"
kind = "NMD"

[boards.jsc]
name = "Joint Strategic Committee"
authorities = ["ADU", "WOT"]
casting_vote = true
substitutes_allowed = true
seats = { ADU = 3, WOT = 3 }
rule = { type = "FirstOf", rules = [ { type = "Consensus" }, { type = "EachAuthority", at_least = 2 } ] }
quorum = { type = "Quorum", at_least = 4, each_authority = 2 }
members = [
  { id = "a1", name = "Cllr Neil Parkin", authority = "ADU" },
  { id = "a2", name = "Cllr Brian Boggis", authority = "ADU" },
  { id = "a3", name = "Cllr Angus Dunn", authority = "ADU" },
  { id = "w1", name = "Cllr Paul Yallop", authority = "WOT" },
  { id = "w2", name = "Cllr Bryan Turner", authority = "WOT" },
  { id = "w3", name = "Cllr Mark Nolan", authority = "WOT" },
]

[[dispensations]]
member = "a2"
matters = ["depot"]
ground = "a"
granted_by = "Adur Standards Committee"
start = "2013-01-01"
until = "2016-12-31"

[[meetings]]
board = "jsc"
date = "2013-09-03"
chair = "a1"
present = ["a1", "a2", "a3", "w1", "w2"]
absent = ["w3"]
dispensations = [ { member = "a2", matters = ["depot"], standards_ground = "SI 2009/1255 reg 17(1)(a)(i)", granted_by = "Adur Standards Committee", start = "2011-01-01", until = "2014-12-31" } ]
declarations = [
  { member = "a2", item = "5", kind = "disclosable pecuniary interest", category = "land", detail = "owns land next to the depot", matter = "depot" },
  { member = "a3", item = "5", kind = "disclosable pecuniary interest", category = "land", detail = "owns land next to the depot", matter = "depot" },
  { member = "w2", item = "5", kind = "other registrable interest", detail = "trustee of a local charity" },
]

[[meetings.items]]
number = 5
title = "Shared depot"
votes = { a1 = "for", a2 = "for", w1 = "for", w2 = "for" }

"""


def test_check_refuses_the_review_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sharegov.cli import main

    path = tmp_path / "e_carry2.toml"
    path.write_text(E_CARRY2, encoding="utf-8")
    assert main(["check", str(path)]) != 0
    err = capsys.readouterr()
    text = err.out + err.err
    assert "votes.a2: Cllr Brian Boggis, ADU is recorded as excluded" in text
    # Finding 9: the recorded s.33 dispensation that would lift the bar is named in the same
    # message; the meeting's own 2011 standards committee one cannot (finding 1).
    refusal = next(line for line in text.splitlines() if "votes.a2" in line)
    assert (
        "; dispensations[0] covers this declaration on 2013-09-03, but the meeting does not apply it"
        in refusal
    )
    assert refusal.count("covers this declaration") == 1
    applied = E_CARRY2.replace(
        'dispensations = [ { member = "a2", matters = ["depot"], standards_ground = "SI 2009/1255 reg 17(1)(a)(i)", granted_by = "Adur Standards Committee", start = "2011-01-01", until = "2014-12-31" } ]',
        'dispensations = [ { member = "a2", matters = ["depot"], ground = "a", granted_by = "Adur Standards Committee", start = "2013-01-01", until = "2016-12-31" } ]',
    )
    assert applied != E_CARRY2
    path.write_text(applied, encoding="utf-8")
    assert main(["check", str(path)]) == 0  # the s.33 one applied: a2 may vote
    capsys.readouterr()
    fixed = E_CARRY2.replace('a2 = "for", ', "")
    path.write_text(fixed, encoding="utf-8")
    assert main(["check", str(path)]) == 0
