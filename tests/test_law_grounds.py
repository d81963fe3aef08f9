# ruff: noqa: E501
"""Finding 3 (review 2): a dispensation line offers only the grounds whose conditions the
facts meet, or that are the committee's judgement, and says why each other is not offered.

Oracle: the grounds' own words (SI 2009/1255 reg 17(1)(a)(i): more than half of the members
entitled to vote prohibited; SI 2001/2279 reg 2(a): no fewer than half have an interest;
reg 2(b): the executive's members), checked by brute force over every count on a 6-member
board."""

from __future__ import annotations

import datetime as dt

import pytest

from sharegov import Authority, Board, Member
from sharegov.conflicts import Declaration, InterestKind, rule_on_item
from sharegov.rules import Quorum

IDS = ["c1", "c2", "c3", "d1", "d2", "d3"]


def _board(gss: tuple[str, str], *, quorum: Quorum) -> Board:
    return Board(
        "Joint Board",
        authorities=[
            Authority("C", "Council C", gss=gss[0]),
            Authority("D", "Council D", gss=gss[1]),
        ],
        seats={"C": 3, "D": 3},
        members=[Member(i, f"Cllr {i}", i[0].upper()) for i in IDS],
        quorum=quorum,
    )


WALES = ("W06000003", "W06000004")
ENGLAND = ("E07000223", "E07000229")
# A quorum that no exclusion leaves reachable shows the dispensation line for any exclusion.
ALWAYS = Quorum(at_least=6)


def _line(gss: tuple[str, str], on: dt.date, barred: int, personal: int) -> str:
    board = _board(gss, quorum=ALWAYS)
    decl = [Declaration(i, "3", InterestKind.PREJUDICIAL, "x") for i in IDS[:barred]]
    decl += [
        Declaration(i, "3", InterestKind.PERSONAL, "y") for i in IDS[barred : barred + personal]
    ]
    ruling = rule_on_item(
        decl,
        members=board.members,
        seats=board.seats,
        quorum=board.quorum,
        on=on,
        nation=board.nation,
    )
    lines = [x for x in ruling.lines() if "dispensation" in x.lower()]
    assert len(lines) == 1
    return lines[0]


@pytest.mark.parametrize("barred", range(1, 7))
def test_england_2011_more_than_half_prohibited_only_when_it_is(barred: int) -> None:
    line = _line(ENGLAND, dt.date(2011, 3, 8), barred, 0)
    offered = "reg 17(1)(a)(i) (more than half" in line
    assert offered is (2 * barred > 6)
    if not offered:
        assert (
            f"reg 17(1)(a)(i) needs more than half of the members entitled to vote to be prohibited, and {barred} of 6 are"
            in line
        )
    assert "reg 17(1)(a)(ii) (the prohibitions would upset" in line  # the committee's judgement
    assert "if the committee so finds" in line


@pytest.mark.parametrize(
    ("barred", "personal"), [(b, p) for b in range(1, 7) for p in range(7 - b)]
)
def test_wales_reg_2a_only_when_half_have_an_interest_and_never_reg_2b(
    barred: int, personal: int
) -> None:
    for on in (dt.date(2010, 3, 8), dt.date(2017, 3, 6)):
        line = _line(WALES, on, barred, personal)
        interested = barred + personal
        assert ("reg 2(a) (no fewer than half" in line) is (2 * interested >= 6)
        assert "reg 2(b) (" not in line
        assert "reg 2(b) concerns an authority's executive, not a joint board" in line
        assert "the circumstances in" not in line  # no circular wording
        assert ("reg 2(j) (otherwise appropriate)" in line) is (on >= dt.date(2016, 4, 1))
        assert "not verified" in line


def test_the_reviews_case_two_of_six() -> None:
    line = _line(WALES, dt.date(2010, 3, 8), 2, 0)
    assert "no fewer than half of the members to have an interest, and 2 of 6 have" in line
