"""A meeting rules on every declaration under the law of its own date and nation, on every
item; names the declared member on an item decided from counts; and counts the agenda's
clear days without its own nation's bank holidays.

Oracles: seed 003 (27 November 2009: "Councillor Webb declared an interest as the Director
of I&DeA"; item 10 "passed by 5 to 2" with ten present); the commencement dates cited in
:mod:`sharegov.statute`; the ``holidays`` package's Scottish and English bank holidays
(2 January is a bank holiday in Scotland only), through
:func:`sharegov.timeline.notice_deadline`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharegov import Authority, Board, Member
from sharegov.conflicts import Declaration, Effect, InterestKind, InterestOrders
from sharegov.errors import InvalidValue, InvalidVote
from sharegov.meetings import Item, Meeting
from sharegov.reference import em_iep_meeting_2009_11_27
from sharegov.timeline import notice_deadline

SEED = em_iep_meeting_2009_11_27()


def webb(kind: InterestKind, item: str, **kw: Any) -> Declaration:
    return Declaration("webb_j", item, kind, "as the Director of I&DeA", **kw)


def meeting(**changes: Any) -> Meeting:
    return attrs.evolve(SEED, **changes)


# -- finding 1: every declaration, every item -------------------------------------------------


@pytest.mark.parametrize("item", ["4", "10", "99"])  # unvoted, counts only, not on the agenda
@pytest.mark.parametrize("nation", ["england", None])
def test_a_2012_category_at_a_2009_meeting_is_refused_on_any_item(
    item: str, nation: str | None
) -> None:
    with pytest.raises(InvalidVote) as caught:
        meeting(declarations=[webb(InterestKind.OTHER_REGISTRABLE, item)], nation=nation)
    message = str(caught.value)
    assert message.startswith("declarations[0].kind: an other registrable interest exists only")
    assert "27 November 2009" in message
    assert "Model Code of Conduct 2007 (SI 2007/1159)" in message


def test_the_seed_declaration_as_a_personal_interest_stands() -> None:
    (declared,) = SEED.declarations
    assert declared.kind is InterestKind.PERSONAL
    assert SEED.law_nation == "england"
    assert SEED.outcome(10).carried


# -- finding 2: the meeting's nation is used, and no source is invented ------------------------


def test_the_meetings_own_nation_rules_the_interests() -> None:
    # The board has no GSS codes; the meeting records its nation.
    assert SEED.board.nation is None
    prejudicial = webb(InterestKind.PREJUDICIAL, "10")
    ruled = meeting(declarations=[prejudicial])
    text = ruled.outcome(10).explain()
    assert "ruled under the Model Code of Conduct 2007 (SI 2007/1159), in force in England" in text
    assert "withdrew under Model Code of Conduct 2007 (SI 2007/1159) para 12" in text
    assert "nation of the meeting is not known" not in text
    assert "standing orders" not in text


def test_unknown_nation_is_said_and_nothing_is_cited_as_standing_orders() -> None:
    prejudicial = webb(InterestKind.PREJUDICIAL, "10")
    text = meeting(declarations=[prejudicial], nation=None).outcome(10).explain()
    assert "The nation of the meeting is not known" in text
    assert "standing orders on interests are not recorded" in text
    assert "under the board's standing orders" not in text
    assert "withdrew (assumed, the nation not being known:" in text
    # Recorded orders are cited by their name.
    orders = InterestOrders(source="Standing Order 14")
    board = attrs.evolve(SEED.board, interest_orders=orders)
    recorded = meeting(board=board, declarations=[prejudicial], nation=None).outcome(10)
    assert "Standing Order 14" in recorded.explain()


def test_a_nation_that_contradicts_the_gss_codes_is_refused() -> None:
    scots = Board(
        "Joint Board",
        authorities=[Authority("A", "Council A", gss="S12000036")],
        seats={"A": 1},
        members=[Member("a1", "Cllr A", "A")],
    )
    with pytest.raises(InvalidValue, match="^nation: the meeting is recorded as in Wales"):
        Meeting(scots, dt.date(2014, 1, 9), present={"a1"}, nation="Wales")


def test_agenda_by_uses_the_nations_bank_holidays() -> None:
    # Review case w/scot.toml: 2 January 2014 is a bank holiday in Scotland, not England.
    scots = Board(
        "Joint Board",
        authorities=[Authority("A", "Council A", gss="S12000036")],
        seats={"A": 1},
        members=[Member("a1", "Cllr A", "A")],
    )
    held = Meeting(scots, dt.date(2014, 1, 9), present={"a1"})
    assert held.agenda_by() == dt.date(2013, 12, 30)
    assert held.agenda_nation == ("scotland", False)
    english = attrs.evolve(scots, authorities=[Authority("A", "Council A", gss="E07000234")])
    assert Meeting(english, dt.date(2014, 1, 9), present={"a1"}).agenda_by() == dt.date(
        2013, 12, 31
    )
    # Neither the meeting nor the board gives a nation: England's is assumed, and said.
    unknown = attrs.evolve(scots, authorities=[Authority("A", "Council A")])
    assumed = Meeting(unknown, dt.date(2014, 1, 9), present={"a1"})
    assert assumed.agenda_nation == ("england", True)
    assert "England's bank holidays are assumed" in assumed.explain()
    assert "bank holidays" not in held.explain()


@given(
    day=st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2030, 12, 31)),
    nation=st.sampled_from(["england", "wales", "scotland", "northern ireland"]),
)
@settings(max_examples=60, deadline=None)
def test_agenda_by_is_notice_deadline_for_the_meetings_nation(day: dt.date, nation: str) -> None:
    board = Board(
        "Joint Board",
        authorities=[Authority("A", "Council A")],
        seats={"A": 1},
        members=[Member("a1", "Cllr A", "A")],
    )
    held = Meeting(board, day, present={"a1"}, nation=nation.upper())
    assert held.nation == nation
    assert held.agenda_by() == notice_deadline(day, held.agenda_days[0], nation)


# -- finding 3: a declaration on a counts-only item is not dropped ----------------------------


def test_a_declaration_on_a_counts_only_item_is_named_and_present_kept() -> None:
    prejudicial = webb(InterestKind.PREJUDICIAL, "10")
    out = meeting(declarations=[prejudicial]).outcome(10)
    text = out.explain()
    assert "Cllr Jeremy Webb, ELDC (prejudicial interest: withdrew under" in text
    # Ten present (seed 003), Webb withdrawn: 9 eligible, 7 voted, so 2 not voting.
    assert "Votes: 5 for, 2 against, 0 abstaining, 2 present not voting." in text
    assert out.interests is not None
    assert out.interests.excluded == {"webb_j"}
    personal = webb(InterestKind.PERSONAL, "10")
    stays = meeting(declarations=[personal]).outcome(10).explain()
    assert "Declared, may remain and vote: Cllr Jeremy Webb, ELDC (personal interest" in stays
    assert "Votes: 5 for, 2 against, 0 abstaining, 3 present not voting." in stays


def test_a_declaration_on_an_item_decided_by_name_keeps_the_remaining_member_present() -> None:
    item = Item(20, "A vote by name", votes={"hill": "for", "brown": "for", "begy": "against"})
    personal = webb(InterestKind.PERSONAL, "20")
    held = meeting(items=[*SEED.items, item], declarations=[personal])
    out = held.outcome(20)
    assert "webb_j" in out.tally.present
    assert "webb_j" not in out.tally.excluded
    withdrawn = meeting(
        items=[*SEED.items, item], declarations=[attrs.evolve(personal, effect=Effect.WITHDRAW)]
    ).outcome(20)
    assert "webb_j" in withdrawn.tally.excluded
    assert "withdrew, as recorded" in withdrawn.explain()


def test_a_meeting_plan_uses_the_boards_nation_and_says_when_it_assumes_england() -> None:
    from sharegov.meetings import MeetingPlan

    scots = Board(
        "Joint Board",
        authorities=[Authority("A", "Council A", gss="S12000036")],
        seats={"A": 1},
        members=[Member("a1", "Cllr A", "A")],
    )
    (held,) = MeetingPlan(scots, dates=[dt.date(2014, 1, 9)]).meetings(until=dt.date(2014, 12, 31))
    assert held.agenda_by == dt.date(2013, 12, 30)  # 2 January: a Scottish bank holiday
    assert "assumed" not in held.explain()
    unknown = attrs.evolve(scots, authorities=[Authority("A", "Council A")])
    (guess,) = MeetingPlan(unknown, dates=[dt.date(2014, 1, 9)]).meetings(
        until=dt.date(2014, 12, 31)
    )
    assert guess.agenda_by == dt.date(2013, 12, 31)
    assert "England's bank holidays assumed" in guess.explain()
    with pytest.raises(InvalidValue, match="^nation: the plan is recorded as in England"):
        MeetingPlan(scots, dates=[dt.date(2014, 1, 9)], nation="england")
