"""``Board.decide`` and ``Board.decide_counts`` rule interests under a nation given for the
meeting, so a :class:`~sharegov.meetings.Meeting` passes its nation through rather than
ruling for the board.

Oracles: seed 003 (27 November 2009; the board's authorities carry no GSS codes, the
meeting is in England; item 10 "passed by 5 to 2" with ten present), and the same
question put to the board directly: the meeting's outcome must equal it, explanation and
all. A contradicting nation is refused by the meeting's own check.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov import Authority, Board, Member
from sharegov.conflicts import Declaration, InterestKind
from sharegov.errors import InvalidValue, InvalidVote
from sharegov.meetings import Item, Meeting
from sharegov.reference import em_iep_meeting_2009_11_27

SEED = em_iep_meeting_2009_11_27()
DAY = SEED.date


def webb(kind: InterestKind, item: str = "10") -> Declaration:
    return Declaration("webb_j", item, kind, "as the Director of I&DeA")


def by_name(meeting: Meeting, number: int, **kw: Any) -> Any:
    """Item ``number`` of ``meeting`` put to its board directly, as the meeting records it."""
    board = meeting.sitting
    item = next(i for i in meeting.items if i.number == number)
    assert item.votes is not None
    roster = {m.id for m in board.members}
    declared = [d for d in meeting.declarations if d.item == str(number)]
    barred = {d.member for d in declared if d.kind is InterestKind.PREJUDICIAL}
    return board.decide(
        item.votes,
        present=(meeting.present & roster) - item.votes.keys() - barred,
        apologies=meeting.apologies & roster,
        absent=meeting.absent & roster,
        chair=meeting.chair,
        declarations=declared,
        on=meeting.date,
        item=str(number),
        **kw,
    )


@pytest.mark.parametrize("kind", [InterestKind.PREJUDICIAL, InterestKind.PERSONAL])
def test_the_meeting_outcome_is_the_boards_own_under_the_meetings_nation(
    kind: InterestKind,
) -> None:
    held = attrs.evolve(SEED, declarations=[webb(kind)])
    assert held.board.nation is None
    assert held.law_nation == "england"
    direct = by_name(held, 10, nation="england")
    assert held.outcome(10) == direct
    assert held.outcome(10).explain() == direct.explain()
    assert "in force in England on 27 November 2009" in direct.explain()
    # Without the nation the board cannot know the law, and says so.
    unknown = by_name(held, 10)
    assert unknown.explain() != direct.explain()
    assert "in force in England" not in unknown.explain()


def test_the_nation_is_refused_when_the_gss_codes_contradict_it() -> None:
    board = Board(
        "Joint Board",
        seats={"A": 2},
        members=[Member("a1", "Cllr A1", "A"), Member("a2", "Cllr A2", "A")],
        authorities=[Authority("A", "Council A", gss="W06000015")],  # Cardiff
    )
    with pytest.raises(InvalidVote) as caught:
        board.decide({"a1": "for", "a2": "for"}, nation="england")
    assert str(caught.value) == (
        "nation: the meeting is recorded as in England, but its board's authorities' GSS "
        "codes place it in Wales"
    )
    # The same check, word for word, as a meeting recorded in England.
    with pytest.raises(InvalidValue) as meeting_caught:
        Meeting(board, dt.date(2013, 1, 9), present={"a1", "a2"}, nation="england")
    assert str(meeting_caught.value) == str(caught.value)
    with pytest.raises(InvalidVote) as counted:
        board.decide_counts({"for": 2}, nation="england")
    assert str(counted.value) == str(caught.value)
    with pytest.raises(InvalidVote) as bad:
        board.decide({"a1": "for", "a2": "for"}, nation="narnia")
    assert str(bad.value).startswith("nation: expected one of ['england', 'wales', 'scotland'")
    # The agreeing nation, in any case, is the same as the board's own.
    same = board.decide({"a1": "for", "a2": "for"}, nation="Wales")
    assert same == board.decide({"a1": "for", "a2": "for"})


def test_decide_counts_rules_the_declarations_as_the_meeting_does() -> None:
    counted = Item(30, "Counts only", counts={"for": 5, "against": 2})
    held = attrs.evolve(
        SEED, items=[*SEED.items, counted], declarations=[webb(InterestKind.PREJUDICIAL, "30")]
    )
    out = held.outcome(30)
    direct = held.sitting.decide_counts(
        {"for": 5, "against": 2},
        present=9,
        on=DAY,
        chair=held.chair,
        declarations=held.declarations,
        item="30",
        nation="england",
    )
    assert out == direct
    assert out.explain() == direct.explain()
    assert out.interests is not None
    assert out.interests.excluded == {"webb_j"}
    assert "Cllr Jeremy Webb, ELDC (prejudicial interest: withdrew under" in direct.explain()
    # A category the law of the day did not know is refused by decide_counts too.
    with pytest.raises(InvalidVote, match=r"declarations\[0\]\.kind: a disclosable pecuniary"):
        held.sitting.decide_counts(
            {"for": 5, "against": 2},
            on=DAY,
            declarations=[webb(InterestKind.DISCLOSABLE_PECUNIARY, "30")],
            item="30",
            nation="england",
        )


@given(nation=st.sampled_from([None, "england", "wales"]), prejudicial=st.booleans())
def test_every_ruled_item_equals_the_board_deciding_it_with_the_meetings_nation(
    nation: str | None, prejudicial: bool
) -> None:
    kind = InterestKind.PREJUDICIAL if prejudicial else InterestKind.PERSONAL
    held = attrs.evolve(SEED, declarations=[webb(kind)], nation=nation)
    direct = by_name(held, 10, nation=nation)
    assert held.outcome(10) == direct
    assert held.outcome(10).explain() == direct.explain()
