"""One way to seat a substitute, for a vote record and the officer's page alike
(:func:`sharegov.io.files.seat_substitutes`), agreeing with the meeting record of seed 003
(:class:`sharegov.meetings.Meeting`, which seats Cllr Savidge for Cllr Wilcox itself)."""

from __future__ import annotations

import datetime as dt

import pytest

from sharegov.errors import InvalidBoard, InvalidVote
from sharegov.io.files import VoteRecord, seat_substitutes
from sharegov.parties import Member
from sharegov.reference import bromsgrove_redditch_board, em_iep_meeting_2009_11_27
from sharegov.rules import Vote
from sharegov.serve.page import Record, substitute_id

MEETING = em_iep_meeting_2009_11_27()
ITEM = next(i for i in MEETING.items if i.votes is not None)


def test_a_vote_record_with_the_substitute_decides_as_the_meeting_record_does() -> None:
    savidge = MEETING.substitutions["wilcox"]
    record = VoteRecord(
        votes=ITEM.votes,
        present=MEETING.present - set(ITEM.votes or {}),
        apologies=MEETING.apologies,
        absent=MEETING.absent,
        chair=MEETING.chair,
        date=MEETING.date,
        substitutions={"wilcox": savidge},
    )
    seated = seat_substitutes(MEETING.board, {"wilcox": savidge}, on=MEETING.date)
    assert [m.id for m in seated.members] == [m.id for m in MEETING.sitting.members]
    assert (
        seated.member("savidge").authority
        == MEETING.board.at(MEETING.date).member("wilcox").authority
    )
    ours, theirs = record.decide(MEETING.board), MEETING.outcome(ITEM.number)
    assert ours.status == theirs.status
    assert ours.tally == theirs.tally


def test_the_page_seats_its_substitute_the_same_way() -> None:
    board = MEETING.board
    sub = substitute_id("wilcox")
    votes = {k: v.value for k, v in (ITEM.votes or {}).items()}
    present = MEETING.present - {"savidge"} - votes.keys()
    record = Record(
        votes=votes,
        present=frozenset(present | {sub}),
        apologies=MEETING.apologies - {"wilcox"},
        absent=MEETING.absent,
        chair=MEETING.chair,
        substitutes={"wilcox": "Cllr Ken Savidge"},
    )
    out = record.decide(board, MEETING.date)
    minuted = MEETING.outcome(ITEM.number).tally
    assert [out.tally.count(v) for v in Vote] == [minuted.count(v) for v in Vote]
    assert out.status == MEETING.outcome(ITEM.number).status


def test_refusals_name_the_field() -> None:
    board = bromsgrove_redditch_board()  # substitutes are not permitted (seed 001)
    sub = Member("sub", "Cllr A. Sub", "BDC")
    with pytest.raises(InvalidVote, match=r"^substitutions\.nobody: expected a member of"):
        seat_substitutes(board, {"nobody": sub}, on=dt.date(2008, 9, 1))
    with pytest.raises(InvalidBoard, match=r"^substitute: Shared Services Board does not permit"):
        seat_substitutes(board, {"webb": sub}, on=dt.date(2008, 9, 1))
    with pytest.raises(InvalidVote, match=r"^substitutions\.nobody:"):
        VoteRecord(votes={}, substitutions={"nobody": sub}).decide(board)
