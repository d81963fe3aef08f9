"""Issue 13's cases from the real papers in ../shared/seeds, through the public API.

Each test says which paper and what a careful clerk would minute. The seeds themselves
are not read here (the facts are quoted), so these run without ../shared.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from sharegov import Authority, Board, Member, Status, Vote, rules
from sharegov.boards import Membership
from sharegov.conflicts import Declaration, InterestKind
from sharegov.errors import InvalidVote

F, A = Vote.FOR, Vote.AGAINST


# -- seed 003: East Midlands Improvement Partnership Board, 27 November 2009 -----------------
# "The Board were asked to vote to approve one the projects – the provision of electric
# vehicles (Lincolnshire SRP) – this was passed by 5 to 2." Ten members sat (nine in
# attendance and Cllr Savidge substituting for Cllr Wilcox); nobody's vote is named.

EMIEP_MEMBERS = [
    ("hill", "Cllr Martin Hill OBE", "LCC"),
    ("brighton", "Cllr Marion Brighton OBE", "NKDC"),
    ("brown", "Cllr Robin Brown", "NCC"),
    ("webb", "Cllr Jeremy Webb", "ELDC"),
    ("perkins", "Cllr David Perkins", "NBC"),
    ("begy", "Cllr Roger Begy OBE", "RCC"),
    ("sprason", "Cllr David Sprason", "LeicsCC"),
    ("malin", "Cllr Mary Malin", "KBC"),
    ("rhodes", "Cllr Alan Rhodes", "NottsCC"),
    ("savidge", "Cllr Ken Savidge", "DCC"),  # substituting for Cllr Wilcox
]


def emiep(*, gss: str | None = "E10000019") -> Board:
    codes = sorted({code for _, _, code in EMIEP_MEMBERS})
    return Board(
        "East Midlands Improvement Partnership Board",
        authorities=[Authority(c, c, gss=gss) for c in codes],
        seats=dict.fromkeys(codes, 1),
        members=[Member(i, name, code) for i, name, code in EMIEP_MEMBERS],
    )


def test_seed_003_five_to_two_from_counts_alone() -> None:
    out = emiep().decide_counts({"for": 5, "against": 2}, present=10)
    assert out.status is Status.CARRIED
    assert out.tally.count(Vote.FOR) == 5
    text = out.explain()
    assert "5 for, 2 against" in text
    assert "3 present not voting" in text
    assert "names of those voting were not recorded" in text
    # Nobody is named, and no name is invented.
    assert not any(name in text for _, name, _ in EMIEP_MEMBERS)


def test_seed_003_counts_that_cannot_be_right_are_refused() -> None:
    with pytest.raises(InvalidVote, match="11 votes, but .* has 10 voting members"):
        emiep().decide_counts({"for": 9, "against": 2})
    with pytest.raises(InvalidVote, match=r"^present: expected a whole number from 7"):
        emiep().decide_counts({"for": 5, "against": 2}, present=6)


def test_seed_003_a_rule_needing_more_than_the_counts_is_refused() -> None:
    board = emiep()
    each = attrs.evolve(board, rule=rules.EachAuthority(at_least=1))
    with pytest.raises(InvalidVote, match=r"^by_authority: .* needs the counts of each authority"):
        each.decide_counts({"for": 5, "against": 2})
    quorate = attrs.evolve(board, quorum=rules.Quorum(at_least=5))
    with pytest.raises(InvalidVote, match=r"^present: .*a quorum of at least 5.* add present"):
        quorate.decide_counts({"for": 5, "against": 2})
    weighted = attrs.evolve(board, rule=rules.Weighted({"hill": 3}, quota=3))
    with pytest.raises(InvalidVote, match="needs the names of those voting"):
        weighted.decide_counts({"for": 5, "against": 2}, present=10)


def test_seed_003_webbs_interest_in_2009_is_judged_under_the_2007_code() -> None:
    # "Councillor Webb declared an interest as the Director of I&DeA." (27 November 2009)
    board = emiep()
    others = {i: F for i, _, _ in EMIEP_MEMBERS if i != "webb"}
    declared = Declaration("webb", "7", InterestKind.PREJUDICIAL, "Director of I&DeA")
    out = board.decide(others, declarations=[declared], on=dt.date(2009, 11, 27), item="7")
    text = out.explain()
    assert "webb" in out.tally.excluded
    assert "SI 2007/1159" in text
    assert "Localism" not in text
    # A disclosable pecuniary interest did not exist in 2009.
    dpi = Declaration("webb", "7", InterestKind.DISCLOSABLE_PECUNIARY, "Director of I&DeA")
    with pytest.raises(InvalidVote, match="only from 1 July 2012"):
        board.decide(others, declarations=[dpi], on=dt.date(2009, 11, 27), item="7")


def test_a_disclosable_pecuniary_interest_in_2013_cites_the_localism_act() -> None:
    board = emiep()
    others = {i: F for i, _, _ in EMIEP_MEMBERS if i != "webb"}
    dpi = Declaration("webb", "7", InterestKind.DISCLOSABLE_PECUNIARY, "Director of I&DeA")
    out = board.decide(others, declarations=[dpi], on=dt.date(2013, 11, 27), item="7")
    assert "Localism Act 2011 s.31(4)" in out.explain()


def test_a_welsh_board_cites_the_welsh_code() -> None:
    board = emiep(gss="W06000001")
    assert board.nation == "wales"
    others = {i: F for i, _, _ in EMIEP_MEMBERS if i != "webb"}
    declared = Declaration("webb", "7", InterestKind.PREJUDICIAL, "Director of a body")
    out = board.decide(others, declarations=[declared], on=dt.date(2009, 11, 27), item="7")
    text = out.explain()
    assert "SI 2008/788" in text
    assert "Localism" not in text
    assert "SI 2007/1159" not in text


def test_a_scottish_board_applies_only_its_standing_orders_and_says_so() -> None:
    board = emiep(gss="S12000001")
    others = {i: F for i, _, _ in EMIEP_MEMBERS if i != "webb"}
    declared = Declaration("webb", "7", InterestKind.NON_REGISTRABLE, "Director of a body")
    out = board.decide(others, declarations=[declared], on=dt.date(2009, 11, 27), item="7")
    assert "No statutory regime" in out.explain()


# -- seed 000: the Gedling–Rushcliffe Joint Board ---------------------------------------------
# "Joint Board arrangement is formally established, meeting quarterly to make
# recommendations to their respective Cabinets." Its rule here: consensus, else a majority
# within each council. A 4–1 vote with Rushcliffe's two members present split 1–1.


def gedling_rushcliffe(**kw: object) -> Board:
    return Board(
        "Gedling and Rushcliffe Joint Board",
        authorities=[
            Authority("GBC", "Gedling Borough Council", gss="E07000173"),
            Authority("RBC", "Rushcliffe Borough Council", gss="E07000176"),
        ],
        seats={"GBC": 3, "RBC": 3},
        members=[Member(f"g{i}", f"Cllr G{i}", "GBC") for i in (1, 2, 3)]
        + [Member(f"r{i}", f"Cllr R{i}", "RBC") for i in (1, 2, 3)],
        rule=rules.FirstOf(rules.Consensus(), rules.EachAuthority(rule=rules.Majority(), **kw)),  # type: ignore[arg-type]
        advisory=True,
    )


FOUR_TO_ONE = {"g1": F, "g2": F, "g3": F, "r1": F, "r2": A}


def test_seed_000_a_tie_inside_one_council_is_not_an_equality_of_votes() -> None:
    out = gedling_rushcliffe().decide(FOUR_TO_ONE, apologies={"r3"}, chair="g1")
    assert out.status is Status.NOT_CARRIED
    assert not out.equality
    text = out.explain()
    assert "equality" not in text.lower()
    assert "a tie within RBC" in text
    assert "para 39(2)" not in text
    # The chair of the other council cannot settle Rushcliffe's internal tie.
    with pytest.raises(InvalidVote, match="votes were not equal"):
        gedling_rushcliffe().decide(FOUR_TO_ONE, apologies={"r3"}, chair="g1", casting="for")


def test_seed_000_a_casting_vote_within_a_council_only_when_the_terms_give_one() -> None:
    board = gedling_rushcliffe(casting_within=True)
    out = board.decide(FOUR_TO_ONE, apologies={"r3"}, chair="g1", casting="for")
    assert out.status is Status.CARRIED
    assert out.equality


def test_a_real_equality_of_the_meeting_is_settled_by_a_casting_vote_given_as_text() -> None:
    board = Board(
        "Joint Committee",
        authorities=[Authority("A", "A"), Authority("B", "B")],
        seats={"A": 2, "B": 2},
        members=[Member(i, i, i[0].upper()) for i in ("a1", "a2", "b1", "b2")],
    )
    tied = {"a1": F, "a2": F, "b1": A, "b2": A}
    out = board.decide(tied, chair="a1", casting="for")
    assert out.carried
    assert out.equality
    assert "casting vote" in out.explain()


# -- seed 004: the Shared Internal Audit Service Partnership Board ----------------------------
# "Governance of the SIAS would be handled by a Partnership Board comprising Section 151
# Officers and would be officer-led", with a deadline "to commit to the SIAS as from 1st
# June 2011". Hertfordshire councils join on that date; Dacorum (outsourced) does not.

SIAS_JOINED = dt.date(2011, 6, 1)


def sias() -> Board:
    councils = [("NHDC", "E07000099"), ("SBC", "E07000243"), ("EHDC", "E07000242")]
    officers = [Member(f"s151_{c.lower()}", f"Section 151 Officer, {c}", c) for c, _ in councils]
    return Board(
        "SIAS Partnership Board",
        authorities=[Authority(c, c, gss=g) for c, g in councils],
        seats={c: 1 for c, _ in councils},
        members=[officers[0]],  # the host's officer sits throughout
        memberships=[Membership(o, start=SIAS_JOINED) for o in officers[1:]],
        rule=rules.Unanimity(),
    )


def test_seed_004_decided_before_and_after_the_officers_joined() -> None:
    board = sias()
    before = dt.date(2011, 5, 16)
    out = board.decide({"s151_nhdc": F}, on=before)
    assert out.carried
    assert [m.id for m in out.board.voting_members] == ["s151_nhdc"]
    with pytest.raises(
        InvalidVote, match=r"^votes\.s151_sbc: .* sits from 1 June 2011, so was not"
    ):
        board.decide({"s151_nhdc": F, "s151_sbc": F}, on=before)
    after = dt.date(2011, 6, 15)
    with pytest.raises(InvalidVote, match="not recorded for Section 151 Officer, SBC"):
        board.decide({"s151_nhdc": F}, on=after)
    out = board.decide({"s151_nhdc": F, "s151_sbc": F}, apologies={"s151_ehdc"}, on=after)
    assert out.carried
    assert "Apologies: Section 151 Officer, EHDC, EHDC." in out.explain()


# -- attendance on record, never presumed -----------------------------------------------------


def test_an_unrecorded_member_is_refused_by_name() -> None:
    board = emiep()
    with pytest.raises(InvalidVote) as caught:
        board.decide({"hill": F, "brown": F, "begy": A})
    message = str(caught.value)
    assert message.startswith("attendance: not recorded for ")
    for _, name, _ in EMIEP_MEMBERS[1:2] + EMIEP_MEMBERS[3:5] + EMIEP_MEMBERS[6:]:
        assert name in message


def test_unlisted_is_an_explicit_choice_and_the_minutes_say_so() -> None:
    board = emiep()
    votes = {"hill": F, "brown": F, "begy": A}
    as_present = board.decide(votes, unlisted="present")
    as_absent = board.decide(votes, unlisted="absent")
    assert "taken to be present, not voting, as the record says" in as_present.explain()
    assert "taken to be absent, as the record says" in as_absent.explain()
    assert as_present.assumed == as_absent.assumed == {m for m, _, _ in EMIEP_MEMBERS} - set(votes)


def test_apologies_and_absence_are_separate_lines() -> None:
    board = emiep()
    votes = {i: F for i, _, _ in EMIEP_MEMBERS[:8]}
    out = board.decide(votes, apologies={"rhodes"}, absent={"savidge"})
    text = out.explain()
    assert "Apologies: Cllr Alan Rhodes, NottsCC." in text
    assert "Absent: Cllr Ken Savidge, DCC." in text
    with pytest.raises(InvalidVote, match="both apologies and absent"):
        board.decide(votes, apologies={"rhodes"}, absent={"rhodes", "savidge"})


def test_a_minuted_vote_renders_in_a_notebook_without_inventing_numbers() -> None:
    out = emiep().decide_counts({"for": 5, "against": 2}, present=10)
    assert out.rows() == [("Total", 5, 2, 0, 3, None, None)]
    assert "| Total | 5 | 2 | 0 | 3 | – | – |" in out._repr_markdown_()
    assert "names of those voting were not recorded" in out._repr_html_()


def test_attendance_given_as_generators_reaches_the_board_of_the_day() -> None:
    board = sias()
    after = dt.date(2011, 6, 15)
    out = board.decide(
        {"s151_nhdc": Vote.FOR, "s151_sbc": Vote.FOR},
        apologies=(m for m in ["s151_ehdc"]),
        on=after,
    )
    assert out.apologies == {"s151_ehdc"}


def test_a_scottish_board_does_not_cite_the_english_casting_vote() -> None:
    board = emiep(gss="S12000001")
    votes = {i: Vote.FOR for i, _, _ in EMIEP_MEMBERS[:5]}
    votes.update({i: Vote.AGAINST for i, _, _ in EMIEP_MEMBERS[5:]})
    out = board.decide(votes, chair="hill", casting="for")
    assert out.carried
    assert out.equality
    assert "(the board's terms)" in out.explain()
    assert "LGA 1972" not in out.explain()
    english = emiep().decide(votes, chair="hill", casting="for")
    assert "LGA 1972 Sch 12 para 39(2)" in english.explain()


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"by_authority": {"GBC": {"for": 3}, "RBC": [1]}}, r"^by_authority\.RBC: expected a"),
        ({"by_authority": {"GBC": {"for": 3}, 1: {}}}, r"^by_authority: expected counts for"),
        ({"by_authority": 5}, r"^by_authority: expected a mapping"),
    ],
)
def test_hostile_minuted_counts_are_refused_by_field(kw: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidVote, match=message):
        gedling_rushcliffe().decide_counts({"for": 4}, **kw)  # type: ignore[arg-type]


def test_hostile_attendance_on_a_dated_board_is_refused_by_field() -> None:
    with pytest.raises(InvalidVote, match=r"^absent: expected a set of member ids, got 5"):
        sias().decide({"s151_nhdc": Vote.FOR}, on=dt.date(2011, 6, 15), absent=5)  # type: ignore[arg-type]
