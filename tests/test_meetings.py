"""Boards over time, substitutions, meeting plans, meeting records and iCalendar export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from sharegov import Member, Vote
from sharegov.boards import Membership
from sharegov.conflicts import Declaration, InterestKind
from sharegov.errors import InvalidBoard, InvalidValue, InvalidVote, UnknownId
from sharegov.meetings import Item, Meeting
from sharegov.reference import (
    bromsgrove_redditch_board,
    bromsgrove_redditch_board_over_time,
    bromsgrove_redditch_meeting_2008_09_01,
    bromsgrove_redditch_meeting_plan,
    bromsgrove_redditch_phases,
    em_iep_board,
    em_iep_meeting_2009_11_27,
)

D = dt.date
SIX = ["hollingworth", "luck", "webb", "gandy", "hall", "mcmillan"]


# -- boards over time -----------------------------------------------------------------------


def test_roster_over_time_and_the_conditional_offer() -> None:
    board = bromsgrove_redditch_board_over_time()
    assert [m.id for m in board.at(D(2008, 9, 1)).members] == SIX
    # The offer was made on 17 September 2008 but its condition is not recorded as met.
    assert [m.id for m in board.at(D(2009, 1, 1)).members] == SIX
    with pytest.raises(InvalidBoard, match="2008-01-01"):
        board.at(D(2008, 1, 1))  # before the board was set up: nobody sits
    met = [
        attrs.evolve(ms, condition_met_on=D(2008, 10, 1)) if ms.condition else ms
        for ms in board.memberships
    ]
    grown = attrs.evolve(board, memberships=met)
    assert grown.at(D(2008, 9, 30)).seats == {"BDC": 3, "RBC": 3}
    later = grown.at(D(2008, 10, 1))
    assert later.seats == {"BDC": 4, "RBC": 4}
    assert {"labour_bdc", "labour_rbc"} <= {m.id for m in later.members}
    # decide uses the roster on the date
    votes = dict.fromkeys(SIX, Vote.FOR)
    assert later.decide({**votes, "labour_bdc": Vote.FOR, "labour_rbc": Vote.FOR}).carried
    # the same through on=: a vote from someone not yet on the board names the dates
    with pytest.raises(InvalidVote, match="labour_bdc.*sits from 1 October 2008.*30 September"):
        grown.decide({**votes, "labour_bdc": Vote.FOR}, on=D(2008, 9, 30))
    with pytest.raises(InvalidVote, match="labour_bdc"):
        grown.at(D(2008, 9, 30)).decide({**votes, "labour_bdc": Vote.FOR})


def test_membership_validation() -> None:
    m = Member("x", "Cllr X", "BDC")
    with pytest.raises(InvalidBoard, match="^end:"):
        Membership(m, start=D(2009, 1, 1), end=D(2008, 1, 1))
    with pytest.raises(InvalidBoard, match="on_behalf_of"):
        Membership(m, on_behalf_of="RBC")
    with pytest.raises(InvalidBoard, match="condition_met_on"):
        Membership(m, start=D(2009, 1, 1), condition="c", condition_met_on=D(2008, 1, 1))
    ended = Membership(m, start=D(2008, 1, 1), end=D(2008, 12, 31))
    assert ended.active_on(D(2008, 12, 31))
    assert not ended.active_on(D(2009, 1, 1))
    board = bromsgrove_redditch_board()
    with pytest.raises(InvalidBoard, match="authority"):
        attrs.evolve(board, memberships=[Membership(Member("y", "Cllr Y", "WFDC"))])
    too_many = attrs.evolve(board, memberships=[Membership(m, start=D(2008, 1, 1))])
    with pytest.raises(InvalidBoard, match="4 voting members"):
        too_many.at(D(2008, 6, 1))


def test_no_substitutes_when_the_board_says_so() -> None:
    board = bromsgrove_redditch_board()
    with pytest.raises(InvalidBoard, match="does not permit substitutes"):
        board.substitute("webb", Member("sub", "Cllr Sub", "BDC"))
    with pytest.raises(InvalidBoard, match="does not permit substitutes"):
        Meeting(
            board,
            D(2008, 9, 1),
            present=["hollingworth", "luck", "gandy", "hall", "mcmillan", "sub"],
            apologies={"webb"},
            substitutions={"webb": Member("sub", "Cllr Sub", "BDC")},
        )


# -- meeting plans --------------------------------------------------------------------------


def test_plan_alternates_hosts_and_chairs() -> None:
    meetings = bromsgrove_redditch_meeting_plan().meetings(until=D(2009, 7, 31))
    assert [m.host for m in meetings] == ["BDC", "RBC"] * 3
    assert [m.chair for m in meetings] == ["hollingworth", "gandy"] * 3
    assert all(m.agenda_by < m.date for m in meetings)
    may = next(m for m in meetings if m.date.month == 5)
    assert not may.working_day
    assert "(not a working day)" in may.explain()


# -- seed 001 -------------------------------------------------------------------------------


def test_seed_001_meeting() -> None:
    meeting = bromsgrove_redditch_meeting_2008_09_01()
    assert meeting.present == {"hollingworth", "gandy", "hall", "luck", "mcmillan"}
    assert meeting.apologies == {"webb"}
    assert meeting.time == dt.time(17, 30)
    for number in (2, 3, 4, 5, 6, 7):
        out = meeting.outcome(number)
        assert out.carried
        assert out.advisory
        assert out.tally.absent == {"webb"}
    with pytest.raises(UnknownId):
        meeting.outcome(1)  # the chairman's election is minuted, not put to a board vote
    assert "Apologies: Cllr M. Webb." in meeting.explain()
    assert meeting.agenda_by() == D(2008, 8, 21)


def test_attendance_must_account_for_everyone_once() -> None:
    board = bromsgrove_redditch_board()
    five = ["hollingworth", "gandy", "hall", "luck", "mcmillan"]
    with pytest.raises(InvalidVote, match="Cllr M. Webb .* not recorded"):
        Meeting(board, D(2008, 9, 1), present=five)
    with pytest.raises(InvalidVote, match="also recorded"):
        Meeting(board, D(2008, 9, 1), present=[*five, "webb"], apologies={"webb"})
    with pytest.raises(InvalidVote, match="present"):
        Meeting(board, D(2008, 9, 1), present=[*five, "nobody"], apologies={"webb"})
    with pytest.raises(InvalidVote, match="chair"):
        Meeting(board, D(2008, 9, 1), present=five, apologies={"webb"}, chair="webb")
    with pytest.raises(InvalidVote, match="Cllr C. Gandy chairs when RBC hosts"):
        Meeting(
            board, D(2008, 9, 1), present=five, apologies={"webb"}, chair="hollingworth", host="RBC"
        )
    # Cllr Webb sent apologies (not "absent"): the refusal says which.
    with pytest.raises(InvalidVote, match=r"items\[0\].*Webb.*sending apologies"):
        Meeting(
            board,
            D(2008, 9, 1),
            present=five,
            apologies={"webb"},
            items=[Item(1, "x", votes={"webb": Vote.FOR})],
        )


def test_a_declaration_excludes_its_member_from_that_item_only() -> None:
    # Illustrative: Cllr Luck declares a prejudicial interest in item 2 only (in 2008 the
    # Model Code of Conduct 2007 applied; disclosable pecuniary interests came in 2012).
    board = bromsgrove_redditch_board()
    five = ["hollingworth", "gandy", "hall", "luck", "mcmillan"]
    votes = dict.fromkeys(["hollingworth", "gandy", "hall", "mcmillan"], Vote.FOR)
    meeting = Meeting(
        board,
        D(2008, 9, 1),
        present=five,
        apologies={"webb"},
        declarations=[Declaration("luck", "2", InterestKind.PREJUDICIAL, "a contract with RBC")],
        items=[
            Item(2, "Payroll", votes=votes),
            Item(3, "Elections", votes={**votes, "luck": Vote.FOR}),
        ],
    )
    assert meeting.outcome(2).tally.excluded == {"luck"}
    assert "Model Code of Conduct 2007 (SI 2007/1159) para 12" in meeting.outcome(2).explain()
    assert meeting.outcome(3).tally.excluded == frozenset()
    assert meeting.outcome(3).tally.count(Vote.FOR) == 5
    assert "Declaration of interest (item 2): Cllr J. Luck" in meeting.explain()


# -- seed 003 -------------------------------------------------------------------------------


def test_seed_003_regional_board() -> None:
    meeting = em_iep_meeting_2009_11_27()
    assert len(meeting.observers) == 4
    assert not any(o.voting for o in meeting.observers)
    assert len(meeting.officers) == 6
    assert dict(meeting.substitutions)["wilcox"].name == "Cllr Ken Savidge"
    assert "savidge" in meeting.present
    assert "wilcox" in meeting.apologies
    # the substitute sits in Derbyshire's seat
    assert meeting.sitting.member("savidge").authority == "DERBYS"
    (declaration,) = meeting.declarations
    assert declaration.member == "webb_j"
    assert "I&DeA" in declaration.detail
    assert declaration.item == "4"
    vote = meeting.outcome(10)
    assert vote.carried
    assert (vote.tally.count(Vote.FOR), vote.tally.count(Vote.AGAINST)) == (5, 2)
    assert [a.number for a in meeting.actions] == list(range(1, 11))
    owners = {a.number: a.owner for a in meeting.actions}
    assert owners[8] == "Lisa Butterfill"
    assert owners[10] == "Cllr Begy/Cllr Sprason"
    dues = {a.number: a.due for a in meeting.actions}
    assert dues[2] == D(2009, 12, 15)
    assert dues[5] == D(2009, 12, 18)
    assert dues[9] is None
    deadline = meeting.actions[1].deadline(set_on=meeting.date)
    assert deadline is not None
    assert deadline.owner == "Northamptonshire SRP"
    text = meeting.explain()
    assert "Substitute: Cllr Ken Savidge for Cllr Dave Wilcox." in text
    assert "votes by name are illustrative" in text


def test_minuted_counts_are_checked() -> None:
    meeting = em_iep_meeting_2009_11_27()
    item = next(i for i in meeting.items if i.number == 10)
    wrong = attrs.evolve(item, minuted=(6, 1, 0))
    items = [wrong if i.number == 10 else i for i in meeting.items]
    with pytest.raises(InvalidVote, match="counts matching the minutes"):
        attrs.evolve(meeting, items=items)
    assert em_iep_board().substitutes_allowed


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        (5, "counts: expected a mapping of for/against/abstain to a number, got 5"),
        ({"yes": 5}, "counts: expected only the keys 'for', 'against', 'abstain', got 'yes'"),
        ({"present": 5}, "counts: expected only the keys 'for', 'against', 'abstain', got "),
        ({"for": -1}, "counts.for: expected a whole number >= 0, got -1"),
        ({"for": True}, "counts.for: expected a whole number >= 0, got True"),
        ({"against": 2.0}, "counts.against: expected a whole number >= 0, got 2.0"),
        ({"for": 10**7}, "counts.for: expected a whole number of at most 1,000,000, got 10000000"),
        ({"for": 2, Vote.FOR: 3}, "counts: 'for' is given twice"),
    ],
)
def test_minuted_counts_are_refused_alike_by_the_board_and_an_item(
    counts: object, message: str
) -> None:
    # One check (boards._counted) behind both: the same counts, the same message.
    with pytest.raises(InvalidVote) as by_board:
        em_iep_board().decide_counts(counts)  # type: ignore[arg-type]
    with pytest.raises(InvalidVote) as by_item:
        Item(1, "x", counts=counts)  # type: ignore[arg-type]
    assert str(by_board.value) == str(by_item.value)
    assert str(by_item.value).startswith(message)


def test_an_authoritys_minuted_counts_may_give_those_present() -> None:
    item = Item(
        1,
        "x",
        counts={Vote.FOR: 3, "against": 1},
        by_authority={"A": {"for": 3, "present": 4}, "B": {"against": 1}},
    )
    assert dict(item.counts) == {"for": 3, "against": 1}
    assert dict(item.by_authority["A"]) == {"for": 3, "present": 4}  # type: ignore[index]
    with pytest.raises(InvalidVote, match=r"^by_authority\.A\.present: expected a whole number"):
        Item(1, "x", counts={"for": 3}, by_authority={"A": {"for": 3, "present": -4}})
    with pytest.raises(InvalidVote, match=r"^present: expected a whole number >= 0, got -1"):
        Item(1, "x", counts={"for": 3}, present=-1)


# -- iCalendar ------------------------------------------------------------------------------


def test_ical_export_is_valid_and_in_london_time(tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    from sharegov.io import ical

    deadlines = [d for p in bromsgrove_redditch_phases() for d in p.deadlines]
    plan = bromsgrove_redditch_meeting_plan().meetings(until=D(2009, 3, 31))
    path = ical.write(
        tmp_path / "x.ics",
        meetings=[bromsgrove_redditch_meeting_2008_09_01(), *plan[1:]],
        deadlines=deadlines,
    )
    data = path.read_bytes()
    assert data == ical.to_ical(
        meetings=[bromsgrove_redditch_meeting_2008_09_01(), *plan[1:]], deadlines=deadlines
    )  # deterministic
    cal = icalendar.Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    events = cal.walk("VEVENT")
    assert len(events) == 2 * 4 + len(deadlines)
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert all("DTSTAMP" in e for e in events)
    (timed,) = [e for e in events if isinstance(e["DTSTART"].dt, dt.datetime)]
    assert timed["DTSTART"].params["TZID"] == "Europe/London"
    assert timed["DTSTART"].dt.utcoffset() == dt.timedelta(hours=1)  # BST on 1 Sept 2008
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Due: Phase 2: identify some medium term opportunities" in summaries
    with pytest.raises(InvalidValue, match="Deadline"):
        ical.to_ical(deadlines=["not a deadline"])


def test_an_items_votes_given_as_text_equal_the_same_votes_given_as_votes() -> None:
    from sharegov.errors import InvalidVote
    from sharegov.meetings import Item

    assert Item(1, "x", votes={"hall": "against"}) == Item(1, "x", votes={"hall": Vote.AGAINST})
    with pytest.raises(InvalidVote, match=r"^votes\.hall: expected 'for', 'against' or 'abstain'"):
        Item(1, "x", votes={"hall": "yes"})


# -- meeting plans with explicit dates --------------------------------------------------------


def test_a_plan_may_give_dates_as_well_as_a_rule() -> None:
    from sharegov.meetings import MeetingPlan
    from sharegov.reference import bromsgrove_redditch_meeting_plan, em_iep_board
    from sharegov.timeline import Schedule

    ruled = bromsgrove_redditch_meeting_plan()
    extra = dt.date(2008, 10, 6)  # an extra meeting between the bimonthly ones
    both = attrs.evolve(ruled, dates=[extra, dt.date(2008, 11, 3)])  # one falls on the rule too
    dates = [m.date for m in both.meetings(until=dt.date(2009, 1, 31))]
    assert dates == [dt.date(2008, 9, 1), extra, dt.date(2008, 11, 3), dt.date(2009, 1, 5)]
    # Hosts rotate over the meetings as held, in date order.
    assert [m.host for m in both.meetings(until=dt.date(2009, 1, 31))] == [
        "BDC",
        "RBC",
        "BDC",
        "RBC",
    ]
    only = MeetingPlan(em_iep_board(), dates=[dt.date(2010, 4, 15), dt.date(2010, 1, 20)])
    assert [m.date for m in only.meetings(until=dt.date(2010, 3, 1))] == [dt.date(2010, 1, 20)]
    with pytest.raises(InvalidValue, match="schedule: expected a recurrence rule, explicit dates"):
        MeetingPlan(em_iep_board())
    with pytest.raises(InvalidValue, match="dates: 2010-01-20 is given more than once"):
        MeetingPlan(em_iep_board(), dates=[dt.date(2010, 1, 20)] * 2)
    with pytest.raises(InvalidValue, match=r"dates\[0\]: expected a date"):
        MeetingPlan(em_iep_board(), dates=["2010-01-20"])  # type: ignore[list-item]
    with pytest.raises(InvalidValue, match="schedule: expected a Schedule or None"):
        MeetingPlan(em_iep_board(), schedule="monthly")  # type: ignore[arg-type]
    assert isinstance(ruled.schedule, Schedule)
