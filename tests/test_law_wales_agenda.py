# ruff: noqa: E501
"""Finding 2 (review 2): an agenda's clear days follow the meeting's nation and date.

Oracles: LGA 1972 s.100B(3) (three clear days); SI 2002/715 art. 3 (five, England only,
from 1 October 2002, art. 1); the review's expected dates for Conwy and Denbighshire's
joint board (8 March 2010 -> 2 March; 8 April 2010 -> 31 March, over Easter; 20 April 2017
-> 12 April, over Easter).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sharegov import Authority, Board, Member
from sharegov.meetings import Meeting, MeetingPlan
from sharegov.statute import agenda_notice
from sharegov.timeline import notice_deadline

D = dt.date


def _board(*gss: str | None) -> Board:
    codes = ["CWY", "DEN"]
    return Board(
        "Joint Regulatory Services Board",
        authorities=[Authority(c, f"Council {c}", gss=g) for c, g in zip(codes, gss, strict=True)],
        seats={"CWY": 1, "DEN": 1},
        members=[Member("c1", "Cllr C", "CWY"), Member("d1", "Cllr D", "DEN")],
    )


WALES = _board("W06000003", "W06000004")
ENGLAND = _board("E07000223", "E07000229")
UNKNOWN = _board(None, None)
SCOTLAND = _board("S12000036", "S12000036")


@pytest.mark.parametrize(
    ("meeting", "by"),
    [
        (D(2010, 3, 8), D(2010, 3, 2)),
        (D(2010, 4, 8), D(2010, 3, 31)),
        (D(2017, 4, 20), D(2017, 4, 12)),
    ],
)
def test_welsh_agendas_give_three_clear_days(meeting: dt.date, by: dt.date) -> None:
    held = Meeting(WALES, meeting, present={"c1", "d1"})
    assert held.agenda_days[0] == 3
    assert "s.100B(3)" in held.agenda_days[1]
    assert held.agenda_by() == by
    assert held.agenda_by() > notice_deadline(meeting, 5, "wales")  # later than England's rule
    (planned,) = MeetingPlan(WALES, dates=[meeting]).meetings(until=meeting)
    assert planned.agenda_by == by
    assert "assumed" not in planned.explain()
    assert "as in England" not in planned.explain()


def test_english_agendas_give_five_clear_days_from_1_october_2002() -> None:
    after = Meeting(ENGLAND, D(2010, 3, 8), present={"c1", "d1"})
    assert after.agenda_days[0] == 5
    assert "SI 2002/715" in after.agenda_days[1]
    assert after.agenda_by() == D(2010, 2, 26)
    before = Meeting(ENGLAND, D(2002, 9, 30), present={"c1", "d1"})
    assert before.agenda_days[0] == 3
    assert agenda_notice(D(2002, 10, 1), "england").clear_days == 5  # type: ignore[union-attr]
    assert agenda_notice(D(2002, 9, 30), "england").clear_days == 3  # type: ignore[union-attr]


def test_an_explicit_number_still_wins() -> None:
    held = Meeting(WALES, D(2010, 3, 8), present={"c1", "d1"}, clear_days=5)
    assert held.agenda_days == (5, "as recorded")
    assert held.agenda_by() == D(2010, 2, 26)
    (planned,) = MeetingPlan(WALES, dates=[D(2010, 3, 8)], clear_days=7).meetings(
        until=D(2010, 12, 31)
    )
    assert planned.agenda_by == notice_deadline(D(2010, 3, 8), 7, "wales")


def test_unknown_or_unmodelled_nation_says_what_was_assumed() -> None:
    held = Meeting(UNKNOWN, D(2010, 3, 8), present={"c1", "d1"})
    assert held.agenda_days[0] == 5
    text = held.explain()
    assert "England's bank holidays are assumed, and so is England's notice period" in text
    (planned,) = MeetingPlan(UNKNOWN, dates=[D(2010, 3, 8)]).meetings(until=D(2010, 12, 31))
    assert "England's notice of 5 clear days" in planned.explain()
    scots = Meeting(SCOTLAND, D(2010, 3, 8), present={"c1", "d1"})
    assert "no statutory notice period is modelled for Scotland" in scots.explain()
    (planned,) = MeetingPlan(SCOTLAND, dates=[D(2010, 3, 8)]).meetings(until=D(2010, 12, 31))
    assert "no statutory notice period is modelled for Scotland" in planned.explain()
    recorded = Meeting(SCOTLAND, D(2010, 3, 8), present={"c1", "d1"}, clear_days=3)
    assert "notice period" not in recorded.explain()


def test_a_file_without_clear_days_round_trips(tmp_path: Path) -> None:
    from sharegov.io import dump, load

    text = """\
name = "x"
[[authorities]]
code = "CWY"
name = "Conwy County Borough Council"
gss = "W06000003"
[[authorities]]
code = "DEN"
name = "Denbighshire County Council"
gss = "W06000004"
[boards.jb]
name = "Joint Regulatory Services Board"
authorities = ["CWY", "DEN"]
seats = { CWY = 1, DEN = 1 }
rule = { type = "Consensus" }
members = [ { id = "c1", name = "Cllr C", authority = "CWY" }, { id = "d1", name = "Cllr D", authority = "DEN" } ]
[[meetings]]
board = "jb"
date = "2010-03-08"
present = ["c1", "d1"]
"""
    path = tmp_path / "w.toml"
    path.write_text(text, encoding="utf-8")
    first = load(path)
    assert first.meetings[0].clear_days is None
    assert first.meetings[0].agenda_by() == D(2010, 3, 2)
    again = tmp_path / "again.toml"
    dump(first, again)
    assert load(again) == first
