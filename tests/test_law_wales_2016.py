# ruff: noqa: E501
"""Finding 7 (review 2): the Welsh 2016 amendments.

Oracles: SI 2016/84 (W.38) art. 2(4)(d) (para 14(2A) of the Welsh code, written
representations, from 1 April 2016); SI 2016/85 (W.39) reg 4(4) (new reg 3 of SI 2001/2279:
a reg 2(j) dispensation is reviewed once in every 12 months); the 2007 English code's
para 12(2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sharegov import Authority, Board, Member, Vote
from sharegov.conflicts import Declaration, Dispensation, InterestKind
from sharegov.statute import StandardsGround

IDS = ["c1", "c2", "c3", "d1", "d2", "d3"]


def _board(gss: tuple[str, str]) -> Board:
    return Board(
        "Joint Board",
        authorities=[
            Authority("C", "Council C", gss=gss[0]),
            Authority("D", "Council D", gss=gss[1]),
        ],
        seats={"C": 3, "D": 3},
        members=[Member(i, f"Cllr {i}", i[0].upper()) for i in IDS],
    )


WALES = _board(("W06000003", "W06000004"))
ENGLAND = _board(("E07000223", "E07000229"))
VOTES = {i: Vote.FOR for i in IDS if i != "d2"}
PREJ = Declaration(
    "d2", "4", InterestKind.PREJUDICIAL, "her husband owns a food business", matter="depot"
)


@pytest.mark.parametrize(
    ("on", "written"),
    [
        (dt.date(2010, 3, 8), False),
        (dt.date(2016, 3, 31), False),
        (dt.date(2016, 4, 1), True),
        (dt.date(2017, 3, 6), True),
    ],
)
def test_welsh_withdrawal_names_the_right_to_make_representations(
    on: dt.date, written: bool
) -> None:
    text = WALES.decide(VOTES, declarations=[PREJ], on=on).explain()
    assert (
        "withdrew under Welsh Model Code of Conduct 2008 (SI 2008/788 (W.82)) para 14(1)(a)" in text
    )
    assert "(para 14(2))" in text
    assert ("para 14(2A)" in text) is written
    assert ("written representations" in text) is written


def test_the_english_2007_code_says_the_same_of_para_12_2() -> None:
    text = ENGLAND.decide(VOTES, declarations=[PREJ], on=dt.date(2009, 11, 27)).explain()
    assert "para 12; where the public may attend to make representations" in text
    assert "(para 12(2))" in text


def _dispensation(ground: StandardsGround, start: dt.date, until: dt.date) -> Dispensation:
    return Dispensation(
        "d2", ["depot"], standards_ground=ground, granted_by="Denbighshire Standards Committee",
        start=start, until=until,
    )  # fmt: skip


def test_a_reg_2j_dispensation_notes_the_12_month_review() -> None:
    j = _dispensation(StandardsGround.WALES_J, dt.date(2016, 6, 1), dt.date(2022, 6, 1))
    text = WALES.decide(
        {**VOTES, "d2": Vote.FOR}, declarations=[PREJ], dispensations=[j], on=dt.date(2017, 3, 6)
    ).explain()
    assert "Dispensation: Cllr d2, D may take part and vote" in text
    assert "once in every 12 month period" in text
    assert "SI 2016/85 (W.39) reg 4(4)" in text
    a = _dispensation(StandardsGround.WALES_A, dt.date(2016, 6, 1), dt.date(2022, 6, 1))
    assert "12 month" not in a.describe()
    assert "no limit on its length is modelled here: not verified" in a.describe()


def test_check_notes_a_long_welsh_dispensation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sharegov.cli import main

    text = """\
name = "x"
[[authorities]]
code = "C"
name = "Council C"
gss = "W06000003"
[[authorities]]
code = "D"
name = "Council D"
gss = "W06000004"
[boards.jb]
name = "Joint Board"
authorities = ["C", "D"]
seats = { C = 1, D = 1 }
rule = { type = "Consensus" }
members = [ { id = "c1", name = "Cllr C", authority = "C" }, { id = "d1", name = "Cllr D", authority = "D" } ]
[[dispensations]]
member = "d1"
matters = ["depot"]
standards_ground = "SI 2001/2279 reg 2(j)"
granted_by = "Denbighshire Standards Committee"
start = "2016-06-01"
until = "2036-05-31"
"""
    path = tmp_path / "w.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "dispensations[0]: SI 2001/2279 reg 2(j), 7305 days" in out
    assert "no limit on a Welsh dispensation's length is modelled here (not verified)" in out
    assert "once in every 12 month period" in out
