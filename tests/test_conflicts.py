"""Conflicts of interest: members' declarations and dispensations, officers' delegation.

Oracles: the statute (Localism Act 2011 ss.31-33, SI 2012/1464, LGA 1972 Sch 12
para 45), the seed papers (001 Concordat 5.4 and recommendation 2.1.3; 003's declared
interest; 004's officer conflicts in a shared management team), and brute force over
small generated boards and delegation schemes.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sharegov import Authority, Board, Member, Officer, Post, SharegovError, Status, Vote, rules
from sharegov.conflicts import (
    ConflictKind,
    Declaration,
    DelegationScheme,
    Dispensation,
    DispensationGround,
    DpiCategory,
    Effect,
    Interest,
    InterestKind,
    InterestOrders,
    OfficerConflict,
    Register,
    StandardsGround,
    para_45_quorum,
    rule_on_item,
    who_acts,
)
from sharegov.errors import InvalidValue, InvalidVote, UnknownId
from sharegov.reference import bromsgrove_redditch_board
from sharegov.strategies import (
    ballots,
    boards,
    boards_with_ballots,
    declarations,
    delegations,
    dispensations,
    interests,
)

F, A, X = Vote.FOR, Vote.AGAINST, Vote.ABSTAIN
DPI = InterestKind.DISCLOSABLE_PECUNIARY
ON = dt.date(2012, 9, 3)
BOARD = bromsgrove_redditch_board()


def dpi(member: str, item: str = "5", **kw: Any) -> Declaration:
    return Declaration(member, item, DPI, "Director of I&DeA", **kw)


def ruling(declared: list[Declaration], **kw: Any) -> Any:
    return rule_on_item(declared, members=BOARD.members, seats=BOARD.seats, **kw)


def explained(declared: list[Declaration], **kw: Any) -> str:
    return "\n".join(ruling(declared, **kw).lines())


def dispensation(member: str, matter: str = "5", **kw: Any) -> Dispensation:
    args: dict[str, Any] = {
        "granted_by": "BDC Standards Committee",
        "start": dt.date(2012, 8, 1),
        "until": dt.date(2016, 7, 31),
    }
    return Dispensation(member, [matter], DispensationGround.IMPEDE_BUSINESS, **{**args, **kw})


# -- members: seed 003, one item but not the next ---------------------------------------------


def test_declared_interest_excludes_from_one_item_but_not_the_next() -> None:
    # Seed 003: "Councillor Webb declared an interest as the Director of I&DeA."
    webb = dpi("webb", category=DpiCategory.EMPLOYMENT)
    without = {"hollingworth": F, "luck": F, "gandy": F, "hall": A, "mcmillan": F}
    item5 = BOARD.decide(unlisted="present", votes=without, declarations=[webb], item="5")
    assert item5.tally.excluded == {"webb"}
    assert "webb" not in item5.tally.present
    # No date given: no law applies, no standing orders are recorded, so it is assumed.
    assert (
        "Excluded from this item: Cllr M. Webb, BDC (disclosable pecuniary interest: "
        "barred from the discussion and vote (assumed: no standing orders on interests are "
        "recorded); declared: Director of I&DeA (employment, office, trade, profession or "
        "vocation))." in item5.explain()
    )
    assert "standing orders were applied" not in item5.explain()
    assert "The date of the meeting was not given" in item5.explain()
    assert "Localism" not in item5.explain()
    # With the date and nation, from 1 July 2012 in England, s.31(4) is cited.
    assert (
        "Excluded from this item: Cllr M. Webb, BDC (disclosable pecuniary interest: "
        "Localism Act 2011 s.31(4); declared: Director of I&DeA (employment, office, trade, "
        "profession or vocation))." in explained([webb], on=ON, nation="england")
    )
    item6 = BOARD.decide(
        unlisted="present", votes={**without, "webb": F}, declarations=[webb], item="6"
    )
    assert item6.tally.excluded == frozenset()
    assert item6.tally.count(F) == 5
    assert "Excluded" not in item6.explain()
    with pytest.raises(
        InvalidVote, match=r"votes\.webb: Cllr M\. Webb, BDC is recorded as excluded"
    ):
        BOARD.decide(
            unlisted="present", votes={**without, "webb": F}, declarations=[webb], item="5"
        )


def test_exclusion_changes_the_result_and_the_explanation_names_the_provision() -> None:
    # Luck barred: BDC has only Hollingworth left in support, so the fallback fails.
    votes = {"hollingworth": F, "gandy": F, "hall": A, "mcmillan": F}
    out = BOARD.decide(unlisted="present", votes=votes, absent={"webb"}, declarations=[dpi("luck")])
    assert out.status is Status.NOT_CARRIED
    assert "BDC: 1 in support >= 2  no" in out.explain()
    assert "Cllr J. Luck, BDC (disclosable pecuniary interest: barred from the discussion" in (
        out.explain()
    )
    assert "Cllr J. Luck, BDC (disclosable pecuniary interest: Localism Act 2011 s.31(4)" in (
        explained([dpi("luck")], on=ON, nation="england")
    )
    # The same as the plain excluded= parameter, apart from the reasons given.
    plain = BOARD.decide(unlisted="present", votes=votes, absent={"webb"}, excluded={"luck"})
    assert plain.tally == out.tally
    assert plain.status is out.status
    assert "Excluded from this item: Cllr J. Luck, BDC." in plain.explain()


def test_withdrawal_under_standing_orders_cites_s31_10() -> None:
    board = attrs.evolve(
        BOARD, interest_orders=InterestOrders(disclosable_pecuniary=Effect.WITHDRAW)
    )
    out = board.decide(
        unlisted="present", votes={"hollingworth": F}, declarations=[dpi("luck")], absent={"webb"}
    )
    assert "luck" in out.tally.excluded
    assert "withdrew under the board's standing orders" in out.explain()
    assert "s.31(10)" not in out.explain()  # no date: no statute cited
    text = "\n".join(
        rule_on_item(
            [dpi("luck")],
            members=board.members,
            seats=board.seats,
            orders=board.interest_orders,
            on=ON,
            nation="england",
        ).lines()
    )
    assert "withdrew under the board's standing orders, s.31(10)" in text


def test_non_registrable_interest_may_remain_and_vote_unless_orders_say_otherwise() -> None:
    friend = Declaration("hall", "5", InterestKind.NON_REGISTRABLE, "a friend's firm tenders")
    out = BOARD.decide(
        unlisted="present", votes={"hall": F, "gandy": F, "mcmillan": F}, declarations=[friend]
    )
    assert out.tally.excluded == frozenset()
    assert out.tally.by_authority("RBC").count(F) == 3
    assert "Declared, may remain and vote: Cllr M. Hall, RBC (non-registrable interest" in (
        out.explain()
    )
    strict = attrs.evolve(BOARD, interest_orders=InterestOrders(non_registrable=Effect.BARRED))
    barred = strict.decide(
        unlisted="present", votes={"gandy": F, "mcmillan": F}, declarations=[friend]
    )
    assert barred.tally.excluded == {"hall"}
    assert "barred from the discussion and vote by the board's standing orders" in (
        barred.explain()
    )
    # A per-declaration effect overrides the orders (a matter that directly relates to it).
    leave = attrs.evolve(friend, effect=Effect.WITHDRAW)
    assert BOARD.decide(
        unlisted="present", votes={"gandy": F}, declarations=[leave]
    ).tally.excluded == {"hall"}


def test_sensitive_interest_never_leaks_its_detail() -> None:
    secret = Declaration(
        "luck", "5", DPI, "14 Secret Lane", category=DpiCategory.LAND, sensitive=True
    )
    out = BOARD.decide(
        unlisted="present", votes={"hollingworth": F}, declarations=[secret], absent={"webb"}
    )
    shown = out.explain() + out._repr_html_() + out._repr_markdown_() + repr(secret)
    assert "Secret Lane" not in shown
    assert "land" not in out.explain()
    assert "details withheld: a sensitive interest (Localism Act 2011 s.32)" in out.explain()
    interest = Interest(DPI, "14 Secret Lane", sensitive=True, registered=dt.date(2012, 7, 1))
    register = Register("luck", [interest])
    assert "Secret Lane" not in register.published(ON) + repr(register)
    assert "withheld under section 32(2)" in register.published(ON)
    assert register.declare(interest, "5").sensitive


def test_register_by_date() -> None:
    old = Interest(
        InterestKind.OTHER_REGISTRABLE,
        "Director of I&DeA",
        registered=dt.date(2009, 5, 1),
        ended=dt.date(2010, 4, 30),
    )
    reg = Register("webb", [old])
    assert reg.on(dt.date(2009, 11, 25)) == (old,)
    assert reg.on(dt.date(2010, 5, 1)) == ()
    assert "no interests registered" in reg.published(dt.date(2010, 5, 1))
    with pytest.raises(UnknownId):
        reg.declare(attrs.evolve(old, matter="Something else"), "5")


# -- dispensations -----------------------------------------------------------------------------


def test_dispensation_lets_a_vote_proceed() -> None:
    quorate = attrs.evolve(BOARD, quorum=rules.Quorum(at_least=4, each_authority=2))
    land = [dpi(m, "7", matter="depot") for m in ("luck", "webb")]
    votes = {"hollingworth": F, "gandy": F, "hall": A, "mcmillan": F}
    blocked = quorate.decide(unlisted="present", votes=votes, declarations=land, on=ON)
    assert blocked.status is Status.INQUORATE
    text = blocked.explain()
    assert "Business cannot be transacted on this item" in text
    # The board is in England (its GSS codes) and meets after 1 July 2012: s.33 grounds.
    assert "Localism Act 2011 s.33(2)(a)" in text
    text = explained(land, on=ON, nation="england", quorum=quorate.quorum)
    assert "Localism Act 2011 s.33(2)(a)" in text
    assert "Localism Act 2011 s.33(2)(b)" in text
    granted = [dispensation(m, "depot") for m in ("luck", "webb")]
    out = quorate.decide(
        unlisted="present",
        votes={**votes, "luck": F, "webb": F},
        declarations=land,
        dispensations=granted,
        on=ON,
    )
    assert out.status is Status.CARRIED
    assert out.tally.excluded == frozenset()
    assert out.tally.by_authority("BDC").count(F) == 3
    assert (
        "Dispensation: Cllr J. Luck, BDC may take part and vote (disclosable pecuniary "
        "interest: dispensation for the discussion and vote granted by BDC Standards "
        "Committee under Localism Act 2011 s.33(2)(a), in effect 1 August 2012 to "
        "31 July 2016" in out.explain()
    )


@pytest.mark.parametrize(
    ("on", "matter", "restored"),
    [
        (dt.date(2012, 8, 1), "5", True),  # first day
        (dt.date(2016, 7, 31), "5", True),  # last day
        (dt.date(2012, 7, 31), "5", False),  # the day before
        (dt.date(2016, 8, 1), "5", False),  # the day after
        (ON, "6", False),  # another matter
    ],
)
def test_dispensation_only_inside_its_dates_and_scope(
    on: dt.date, matter: str, restored: bool
) -> None:
    out = BOARD.decide(
        unlisted="present",
        votes={"hollingworth": F},
        absent={"webb"},
        declarations=[dpi("luck")],
        dispensations=[dispensation("luck", matter)],
        on=on,
    )
    assert ("luck" in out.tally.excluded) is not restored


def test_dispensation_for_discussion_only_keeps_the_member_out_of_the_vote() -> None:
    speak = dispensation("luck", vote=False)
    out = BOARD.decide(unlisted="present",
        votes={"hollingworth": F}, absent={"webb"}, declarations=[dpi("luck")],
        dispensations=[speak], on=ON,
    )  # fmt: skip
    assert out.tally.excluded == {"luck"}
    assert "Dispensation: Cllr J. Luck, BDC may speak, not vote" in out.explain()
    # A second dispensation that does relieve the vote wins, whatever the order.
    both = BOARD.decide(unlisted="present",
        votes={"hollingworth": F, "luck": F}, absent={"webb"}, declarations=[dpi("luck")],
        dispensations=[speak, dispensation("luck")], on=ON,
    )  # fmt: skip
    assert both.tally.excluded == frozenset()


def test_dispensation_is_limited_to_four_years() -> None:
    start = dt.date(2012, 7, 1)
    ok = dispensation("luck", start=start, until=dt.date(2016, 6, 30))
    assert ok.in_force(dt.date(2016, 6, 30))
    assert not ok.in_force(dt.date(2016, 7, 1))
    with pytest.raises(InvalidValue, match=r"^until: .*s\.33\(3\)"):
        dispensation("luck", start=start, until=dt.date(2016, 7, 1))
    leap = dispensation("luck", start=dt.date(2016, 2, 29), until=dt.date(2020, 2, 28))
    assert leap.until == dt.date(2020, 2, 28)
    with pytest.raises(InvalidValue):
        dispensation("luck", start=dt.date(2016, 2, 29), until=dt.date(2020, 2, 29))
    with pytest.raises(InvalidValue):
        dispensation("luck", start=dt.date(2013, 2, 28), until=dt.date(2017, 2, 28))
    with pytest.raises(InvalidValue, match="^until: expected a date on or after start"):
        dispensation("luck", start=start, until=dt.date(2012, 6, 30))


# -- para 45 ------------------------------------------------------------------------------------


def six(quorum: rules.Quorum) -> Board:
    return Board(
        "Joint Committee",
        authorities=[Authority("A", "Council A"), Authority("B", "Council B")],
        seats={"A": 3, "B": 3},
        members=[Member(f"{c.lower()}{i}", f"Cllr {c}{i}", c) for c in "AB" for i in (1, 2, 3)],
        quorum=quorum,
    )


def test_para_45_recounts_a_fractional_quorum_on_the_members_remaining() -> None:
    board = six(rules.Quorum(fraction=Fraction(1, 2)))  # 3 of 6
    conflicted = [dpi(m) for m in ("a1", "a2", "b1")]  # 3 > 6/3: para 45 applies
    out = board.decide(
        unlisted="present", votes={"a3": F, "b2": F}, absent={"b3"}, declarations=conflicted
    )
    # Without para 45, 2 present < 3 would be inquorate; with it, 1/2 of the 3 remaining.
    assert out.status is Status.CARRIED
    assert (
        "More than a third of the members are disqualified (3 of 6), so the quorum is counted "
        "on the 3 remaining qualified (LGA 1972 Sch 12 para 45): a quorum of at least 2 "
        "members present." in out.explain()
    )
    assert "s.33(2)(a)" not in out.explain()  # no date: no statutory grounds cited
    assert "A dispensation could be sought" not in out.explain()  # no orders recorded
    assert "no standing orders on dispensations are recorded" in out.explain()
    # The plain excluded= parameter gets the same recount.
    plain = board.decide(
        unlisted="present", votes={"a3": F, "b2": F}, absent={"b3"}, excluded={"a1", "a2", "b1"}
    )
    assert plain.status is Status.CARRIED
    assert "para 45" in plain.explain()
    # Exactly a third is not "more than one-third": no recount.
    two = board.decide(
        unlisted="present",
        votes={"a3": F, "b2": F},
        absent={"b3", "b1"},
        declarations=conflicted[:2],
    )
    assert two.status is Status.INQUORATE
    assert "para 45" not in two.explain()


def test_para_45_leaves_fixed_numbers_alone() -> None:
    q = rules.Quorum(at_least=3, each_authority=1)
    assert para_45_quorum(q, members_in_office=6, voting_seats=6, disqualified=4) is q
    mixed = rules.Quorum(at_least=2, fraction=Fraction(1, 2), each_authority=1)
    after = para_45_quorum(mixed, members_in_office=5, voting_seats=6, disqualified=3)
    assert after == rules.Quorum(at_least=2, each_authority=1)  # max(2, ceil(2/2))
    everyone = para_45_quorum(mixed, members_in_office=6, voting_seats=6, disqualified=6)
    assert everyone.at_least == 2
    board = six(rules.Quorum(at_least=3))
    out = board.decide(
        unlisted="present",
        votes={"a3": F, "b2": F},
        absent={"b3"},
        declarations=[dpi(m) for m in ("a1", "a2", "b1")],
    )
    assert out.status is Status.INQUORATE  # 3 present needed, still, though 3 are disqualified
    assert (
        "More than a third of the members are disqualified (3 of 6), but the quorum is a fixed "
        "number, which LGA 1972 Sch 12 para 45 leaves unchanged." in out.explain()
    )


def test_para_45_quorum_the_statute_way_by_brute_force() -> None:
    # ceil(f * remaining), for every fraction n/6 and every number disqualified.
    for n in range(1, 7):
        q = rules.Quorum(fraction=Fraction(n, 6))
        for k in range(7):
            after = para_45_quorum(q, members_in_office=6, voting_seats=6, disqualified=k)
            if 3 * k <= 6:
                assert after is q
            else:
                assert after.at_least == max(1, -(-(n * (6 - k)) // 6))


# -- validation of members' inputs ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: Interest(DPI, "", registered=ON), InvalidValue, "^matter: expected"),
        (lambda: Interest(DPI, "  ", registered=ON), InvalidValue, "^matter: expected"),
        (lambda: Declaration("luck", "5", DPI, ""), InvalidValue, "^detail: expected"),
        (lambda: Declaration("luck", "", DPI, "x"), InvalidValue, "^item: expected"),
        (
            lambda: Declaration(
                "luck", "5", InterestKind.NON_REGISTRABLE, "x", category=DpiCategory.LAND
            ),
            InvalidValue,
            "^category: only a disclosable pecuniary interest",
        ),
        (
            lambda: dpi("luck", effect=Effect.REMAIN),
            InvalidValue,
            r"^effect: .*s\.31\(4\)",
        ),
        (
            lambda: InterestOrders(disclosable_pecuniary=Effect.REMAIN),
            InvalidValue,
            "^disclosable_pecuniary: expected",
        ),
        (
            lambda: Dispensation(
                "luck", [], DispensationGround.IMPEDE_BUSINESS, granted_by="x", start=ON, until=ON
            ),
            InvalidValue,
            "^matters: expected",
        ),
        (
            lambda: Dispensation(
                "luck",
                "depot",
                DispensationGround.IMPEDE_BUSINESS,
                granted_by="x",
                start=ON,
                until=ON,
            ),
            InvalidValue,
            "^matters: expected a collection",
        ),
        (lambda: dispensation("luck", vote=False, discussion=False), InvalidValue, "^discussion"),
        (
            lambda: Interest(DPI, "x", registered=ON, ended=dt.date(2000, 1, 1)),
            InvalidValue,
            "^ended",
        ),
        (
            lambda: Interest(DPI, "x", registered=dt.datetime(2012, 1, 1)),
            InvalidValue,
            "^registered: expected a datetime.date",
        ),
    ],
)
def test_invalid_member_inputs(make: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        make()
    assert isinstance(info.value, SharegovError)


@pytest.mark.parametrize(
    ("kw", "error", "message"),
    [
        ({"declarations": [dpi("nobody")]}, UnknownId, r"^declarations\[0\]\.member: .*'nobody'"),
        (
            {"declarations": [dpi("luck")], "dispensations": [dispensation("ghost")], "on": ON},
            UnknownId,
            r"^dispensations\[0\]\.member",
        ),
        ({"dispensations": [dispensation("luck")]}, InvalidVote, "^on: expected the date"),
        (
            {"declarations": [dpi("luck", "5"), dpi("webb", "6")]},
            InvalidVote,
            r"^item: expected which item is being decided \(declarations cover \['5', '6'\]\)",
        ),
        ({"declarations": [dpi("webb")]}, InvalidVote, "^declarations: Cllr M. Webb is absent"),
        ({"declarations": ["luck"]}, InvalidVote, r"^declarations\[0\]: expected a Declaration"),
        ({"declarations": [dpi("luck")], "on": "2012-09-03"}, InvalidVote, "^on: expected"),
    ],
)
def test_invalid_declarations_at_a_meeting(
    kw: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as info:
        BOARD.decide(unlisted="present", votes={"hollingworth": F}, absent={"webb"}, **kw)
    assert isinstance(info.value, SharegovError)


def test_rule_on_item_without_a_board() -> None:
    ruling = rule_on_item(
        [dpi("luck"), Declaration("hall", "5", InterestKind.NON_REGISTRABLE, "x")],
        members=BOARD.members,
        seats=BOARD.seats,
    )
    assert ruling.excluded == {"luck"}
    assert [e.member for e in ruling.entries] == ["luck", "hall"]  # roster order
    assert not ruling.para_45
    assert not ruling.unreachable


# -- Hypothesis properties: members ------------------------------------------------------------


@st.composite
def ballots_with_declarations(draw: st.DrawFn) -> tuple[Board, dict[str, Any], frozenset[str]]:
    board, ballot = draw(boards_with_ballots())
    present = sorted(
        m.id
        for m in board.voting_members
        if m.id not in ballot["absent"] | ballot["apologies"] | ballot["excluded"]
    )
    conflicted = (
        frozenset(draw(st.lists(st.sampled_from(present), unique=True)))
        if present
        else (frozenset())
    )
    return board, dict(ballot), conflicted


@given(ballots_with_declarations())
def test_an_exclusion_never_increases_a_count_in_favour(
    case: tuple[Board, dict[str, Any], frozenset[str]],
) -> None:
    board, ballot, conflicted = case
    before = board.tally(**ballot)
    votes = {m: v for m, v in ballot["votes"].items() if m not in conflicted}
    after = board.tally(
        votes,
        present=ballot["present"],
        absent=ballot["absent"] | ballot["apologies"],
        excluded=ballot["excluded"],
        declarations=[dpi(m) for m in sorted(conflicted)],
    )
    assert after.count(F) <= before.count(F)
    for code in board.seats:
        assert after.by_authority(code).count(F) <= before.by_authority(code).count(F)
        assert after.by_authority(code).counts.present <= before.by_authority(code).counts.present
    # Excluded members appear in no count.
    gone = conflicted | ballot["excluded"]
    assert after.excluded == gone
    assert not gone & (after.present | after.not_voting | set(after.votes))
    for code in board.seats:
        sub = after.by_authority(code)
        assert not gone & (sub.present | sub.not_voting | set(sub.votes))
    assert after.counts.present == len(before.present) - len(conflicted)


# Days from the dispensation's start that fall outside it (it runs 730 days), and after
# 1 July 2012, when disclosable pecuniary interests began.
@given(ballots_with_declarations(), st.integers(-500, -1) | st.integers(730, 3000))
def test_a_dispensation_outside_its_dates_changes_nothing(
    case: tuple[Board, dict[str, Any], frozenset[str]], offset: int
) -> None:
    board, ballot, conflicted = case
    assume(conflicted)
    # An English board: disclosable pecuniary interests are English law.
    english = [attrs.evolve(a, gss="E07000234") for a in board.authorities]
    board = attrs.evolve(board, authorities=english)
    start = dt.date(2014, 1, 1)
    until = dt.date(2015, 12, 31)
    on = start + dt.timedelta(days=offset)
    assert not start <= on <= until
    votes = {m: v for m, v in ballot["votes"].items() if m not in conflicted}
    decl = [dpi(m) for m in sorted(conflicted)]
    granted = [dispensation(m, start=start, until=until) for m in sorted(conflicted)]
    kw = {
        "absent": ballot["absent"] | ballot["apologies"],
        "excluded": ballot["excluded"],
        "declarations": decl,
    }
    without = board.decide(unlisted="present", votes=votes, **kw, on=on)
    with_it = board.decide(unlisted="present", votes=votes, **kw, dispensations=granted, on=on)
    assert with_it.status is without.status
    assert with_it.tally == without.tally
    assert with_it.explain() == without.explain()


# -- officers: seed 001, Concordat 5.4 and recommendation 2.1.3 --------------------------------

MATTER = "apportioning the costs of the shared management team between the Councils"
STAFF = [
    Officer("dicks", "Kevin Dicks", "BDC"),
    Officer("bdc_mo", "BDC Monitoring Officer", "BDC"),
    Officer("bdc_deputy", "BDC Executive Director", "BDC"),
    Officer("rbc_mo", "RBC Monitoring Officer", "RBC"),
    Officer("finance", "Head of Financial Services", "BDC"),
    Officer("rbc_director", "RBC Director", "RBC"),
]
JCE = Post("jce", "Acting Joint Chief Executive", ["BDC", "RBC"], holder="dicks")
BDC_SCHEME = DelegationScheme(
    "BDC",
    monitoring_officer="bdc_mo",
    deputies={"dicks": "bdc_deputy"},
    source="recommendation 2.1.3",
)
RBC_SCHEME = DelegationScheme(
    "RBC", monitoring_officer="rbc_mo", deputies={"dicks": "finance"}, fallbacks=["rbc_director"]
)
BETWEEN = OfficerConflict(
    "dicks", MATTER, authorities=["BDC", "RBC"], informed={"BDC": dt.date(2008, 10, 1)}
)


def acts(conflicts: list[OfficerConflict], **kw: Any) -> Any:
    args: dict[str, Any] = {"officers": STAFF, "schemes": [BDC_SCHEME, RBC_SCHEME]}
    return who_acts(JCE, MATTER, conflicts=conflicts, **{**args, **kw})


def test_joint_chief_executive_conflicted_between_the_councils() -> None:
    result = acts([BETWEEN])
    assert result.officer("BDC") == "bdc_deputy"
    assert result.officer("RBC") == "finance"
    bdc = result.for_authority("BDC")
    assert (bdc.decided_by, bdc.consult) == ("bdc_mo", "the Leader")
    text = result.explain()
    assert (
        "BDC: BDC Executive Director acts, as decided by BDC Monitoring Officer in "
        "consultation with the Leader (recommendation 2.1.3):" in text
    )
    assert "Kevin Dicks has a conflict between BDC and RBC on this matter" in text
    assert (
        "duty to inform each Monitoring Officer: BDC (BDC Monitoring Officer) informed "
        "1 October 2008; RBC (RBC Monitoring Officer) not recorded" in text
    )
    assert result.not_informed == (("dicks", "RBC"),)
    html = result._repr_html_()
    assert "<table>" in html
    assert "Kevin Dicks → Head of Financial Services" in html


def test_a_conflicted_deputy_passes_to_the_next_in_the_chain() -> None:
    shared = OfficerConflict("finance", MATTER, authorities=["BDC", "RBC"])
    result = acts([BETWEEN, shared])
    rbc = result.for_authority("RBC")
    assert rbc.officer == "rbc_director"
    assert [(s.officer, s.conflicted) for s in rbc.chain] == [
        ("dicks", True),
        ("finance", True),
        ("rbc_director", False),
    ]
    assert "Head of Financial Services (designated deputy of Kevin Dicks): conflicted" in (
        result.explain()
    )


def test_a_chain_that_runs_out_shows_the_path() -> None:
    everyone = [
        BETWEEN,
        OfficerConflict("finance", MATTER, authorities=["BDC", "RBC"]),
        OfficerConflict("rbc_director", MATTER, kind=ConflictKind.PERSONAL),
    ]
    with pytest.raises(
        InvalidValue,
        match=r"^schemes\.RBC: the chain ran out: .*: Kevin Dicks -> Head of Financial Services "
        r"-> RBC Director$",
    ):
        acts(everyone)


def test_a_chain_that_loops_shows_the_path() -> None:
    loop = DelegationScheme(
        "RBC", monitoring_officer="rbc_mo", deputies={"dicks": "finance", "finance": "dicks"}
    )
    with pytest.raises(
        InvalidValue,
        match=r"^schemes\.RBC: the chain of deputies loops back to Kevin Dicks: Kevin Dicks -> "
        r"Head of Financial Services -> Kevin Dicks$",
    ):
        acts(
            [BETWEEN, OfficerConflict("finance", MATTER, authorities=["BDC", "RBC"])],
            schemes=[BDC_SCHEME, loop],
        )


def test_a_monitoring_officer_cannot_decide_their_own_case() -> None:
    # The shared post is the Monitoring Officer's own: they are the conflicted person.
    post = Post("mo", "Shared Monitoring Officer", ["BDC", "RBC"], holder="bdc_mo")
    own = OfficerConflict("bdc_mo", MATTER, kind=ConflictKind.PERSONAL)
    scheme = DelegationScheme("BDC", monitoring_officer="bdc_mo", fallbacks=["bdc_deputy"])
    with pytest.raises(InvalidValue, match="cannot decide their own case"):
        who_acts(post, MATTER, officers=STAFF, schemes=[scheme, RBC_SCHEME], conflicts=[own])
    alternate = attrs.evolve(scheme, alternate="bdc_deputy")
    with pytest.raises(InvalidValue, match="cannot decide their own case"):
        # The alternate is also the only fallback, and not conflicted: allowed.
        who_acts(
            post,
            MATTER,
            officers=STAFF,
            schemes=[scheme, RBC_SCHEME],
            conflicts=[own],
        )
    result = who_acts(
        post,
        MATTER,
        officers=STAFF,
        schemes=[alternate, attrs.evolve(RBC_SCHEME, alternate="rbc_director")],
        conflicts=[own],
    )
    assert result.for_authority("BDC").decided_by == "bdc_deputy"
    assert result.officer("BDC") == "bdc_deputy"
    # RBC's Monitoring Officer is not conflicted, so decides for RBC.
    assert result.for_authority("RBC").decided_by == "rbc_mo"


def test_personal_conflict_for_one_authority_and_other_matters_and_dates() -> None:
    personal = OfficerConflict(
        "dicks", MATTER, kind=ConflictKind.PERSONAL, authorities=["RBC"], raised=dt.date(2009, 1, 1)
    )
    result = acts([personal])
    assert (result.officer("BDC"), result.officer("RBC")) == ("dicks", "finance")
    assert "BDC: Kevin Dicks acts as post holder." in result.explain()
    # Raised after the date asked about: not yet in force.
    assert acts([personal], on=dt.date(2008, 12, 31)).officer("RBC") == "dicks"
    # A conflict on another matter is ignored.
    other = attrs.evolve(BETWEEN, matter="the Elections service")
    assert acts([other]).officer("BDC") == "dicks"
    assert "no conflict recorded on this matter" in acts([other]).explain()


@pytest.mark.parametrize(
    ("kw", "error", "message"),
    [
        (
            {"conflicts": [OfficerConflict("ghost", MATTER, authorities=["BDC", "RBC"])]},
            UnknownId,
            r"^conflicts\[0\]\.officer: .*'ghost'",
        ),
        (
            {"schemes": [DelegationScheme("BDC", monitoring_officer="nobody")]},
            UnknownId,
            r"^schemes\[0\] \(BDC\): expected ids of known officers, got 'nobody'",
        ),
        ({"schemes": [BDC_SCHEME]}, UnknownId, "^schemes: expected a delegation scheme for RBC"),
        ({"schemes": [BDC_SCHEME, BDC_SCHEME]}, InvalidValue, "one scheme per authority"),
        ({"officers": [*STAFF, STAFF[0]]}, InvalidValue, "a unique officer id"),
        ({"officers": STAFF[1:]}, UnknownId, r"^schemes\[0\] \(BDC\): .*'dicks'"),
        ({"on": dt.datetime(2008, 1, 1)}, InvalidValue, "^on: expected"),
    ],
)
def test_invalid_officer_inputs(kw: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        acts(kw.pop("conflicts", [BETWEEN]), **kw)
    assert isinstance(info.value, SharegovError)


def test_invalid_officer_values() -> None:
    with pytest.raises(InvalidValue, match="^authorities: expected the two or more"):
        OfficerConflict("dicks", MATTER, authorities=["BDC"])
    with pytest.raises(InvalidValue, match="^matter: expected"):
        OfficerConflict("dicks", "", authorities=["BDC", "RBC"])
    with pytest.raises(InvalidValue, match=r"^deputies\.dicks: expected a deputy other"):
        DelegationScheme("BDC", monitoring_officer="m", deputies={"dicks": "dicks"})
    with pytest.raises(InvalidValue, match="^fallbacks: expected no repeated ids"):
        DelegationScheme("BDC", monitoring_officer="m", fallbacks=["a", "a"])
    with pytest.raises(InvalidValue, match="is vacant"):
        who_acts(attrs.evolve(JCE, holder=None), MATTER, officers=STAFF, schemes=[])
    with pytest.raises(InvalidValue, match=r"^informed\.BDC: expected a datetime\.date"):
        OfficerConflict("dicks", MATTER, authorities=["BDC", "RBC"], informed={"BDC": "today"})


# -- Hypothesis properties: officers -----------------------------------------------------------


@given(delegations())
def test_resolution_always_terminates_with_someone_unconflicted_or_a_clear_error(
    case: dict[str, Any],
) -> None:
    try:
        result = who_acts(case["post"], "m", **{k: v for k, v in case.items() if k != "post"})
    except SharegovError as err:
        error = str(err)
    else:
        error = ""
    if error:
        assert re.search(r"loops back|ran out|cannot decide their own case", error)
        return
    for acting in result.acting:
        blocked = {c.officer for c in case["conflicts"] if c.affects(acting.authority)}
        assert acting.officer not in blocked
        assert acting.chain[-1].officer == acting.officer
        assert len(acting.chain) <= len(case["officers"])  # each officer considered at most once
        assert len({s.officer for s in acting.chain}) == len(acting.chain)
        assert all(s.conflicted for s in acting.chain[:-1])
        if acting.decided_by is not None:
            assert acting.decided_by not in blocked


@given(delegations())
def test_with_no_conflicts_the_post_holder_acts(case: dict[str, Any]) -> None:
    result = who_acts(case["post"], "m", officers=case["officers"], schemes=case["schemes"])
    assert {a.authority: a.officer for a in result.acting} == dict.fromkeys(
        case["post"].authorities, case["post"].holder
    )
    assert all(a.decided_by is None for a in result.acting)


@given(st.data())
def test_declarations_exclude_exactly_those_barred_and_not_dispensed(data: st.DataObject) -> None:
    board = data.draw(boards())
    # An English board: disclosable pecuniary interests are English law.
    english = [attrs.evolve(a, gss="E07000234") for a in board.authorities]
    board = attrs.evolve(board, authorities=english)
    ballot = data.draw(ballots(board))
    present = {m.id for m in board.members} - ballot["absent"] - ballot["apologies"]
    declared = [d for d in data.draw(declarations(board)) if d.member in present]
    on = data.draw(st.dates(min_value=dt.date(2012, 7, 1), max_value=dt.date(2045, 1, 1)))
    granted = [data.draw(dispensations(d.member)) for d in declared if data.draw(st.booleans())]
    barred = {
        d.member
        for d in declared
        if d.kind is DPI and not any(g.vote and g.covers(d, on) for g in granted)
    }
    voting = {m.id for m in board.voting_members}
    out = set(ballot["excluded"]) | (barred & voting)
    votes = {m: v for m, v in ballot["votes"].items() if m not in out}
    tally = board.tally(
        votes,
        unlisted="present",
        absent=ballot["absent"] | ballot["apologies"],
        excluded=ballot["excluded"],
        declarations=declared,
        dispensations=granted,
        on=on,
    )
    assert tally.excluded == out
    outcome = board.decide(
        unlisted="present",
        votes=votes,
        absent=ballot["absent"] | ballot["apologies"],
        excluded=ballot["excluded"],
        declarations=declared,
        dispensations=granted,
        on=on,
    )
    text = outcome.explain()
    for d in declared:
        shown = f"declared: {d.detail}" in text
        if not d.sensitive:
            assert shown
            continue
        assert "details withheld: a sensitive interest" in text
        # Withheld, unless another member's declaration happens to begin with the same text.
        others = [e.detail for e in declared if not e.sensitive]
        assert not shown or any(o.startswith(d.detail) for o in others)


@given(interests())
def test_a_register_publishes_sensitive_interests_only_as_a_fact(interest: Interest) -> None:
    register = Register("m", [interest])
    published = register.published(interest.registered)
    assert ("withheld under section 32(2)" in published) is interest.sensitive
    if not interest.sensitive:
        assert interest.matter in published


# -- the law of the date and the nation ----------------------------------------------------------

PREJ = InterestKind.PREJUDICIAL
NOV_2009 = dt.date(2009, 11, 27)


def test_a_prejudicial_interest_in_2009_withdraws_under_the_2007_code() -> None:
    webb = Declaration("webb", "5", PREJ, "Director of I&DeA")
    r = ruling([webb], on=NOV_2009, nation="england")
    assert r.excluded == {"webb"}
    assert r.entries[0].effect is Effect.WITHDRAW
    text = "\n".join(r.lines())
    assert "withdrew under Model Code of Conduct 2007 (SI 2007/1159) para 12" in text
    assert "Localism" not in text
    assert "ruled under the Model Code of Conduct 2007 (SI 2007/1159)" in text


def test_a_personal_interest_in_2009_remains_and_votes() -> None:
    hall = Declaration("hall", "5", InterestKind.PERSONAL, "a friend's firm tenders")
    r = ruling([hall], on=NOV_2009, nation="england")
    assert r.excluded == frozenset()
    assert r.entries[0].effect is Effect.REMAIN
    text = "\n".join(r.lines())
    assert "Declared, may remain and vote: Cllr M. Hall, RBC (personal interest: declared " in text
    assert "SI 2007/1159" in text
    assert "Localism" not in text


def test_a_dpi_in_2013_cites_s31_4_and_a_dpi_in_2009_is_refused() -> None:
    r = ruling([dpi("luck")], on=dt.date(2013, 3, 1), nation="england")
    assert r.excluded == {"luck"}
    assert "Localism Act 2011 s.31(4)" in "\n".join(r.lines())
    with pytest.raises(
        InvalidVote,
        match=r"^declarations\[0\]\.kind: a disclosable pecuniary interest exists only from "
        r"1 July 2012 \(Localism Act 2011 s\.30\); on 27 November 2009 the Model Code of "
        r"Conduct 2007 \(SI 2007/1159\) applies: declare a personal or prejudicial interest "
        r"\(Model Code of Conduct 2007 \(SI 2007/1159\) paras 8 and 10\)$",
    ):
        ruling([dpi("luck")], on=NOV_2009, nation="england")
    # The index is the declaration's place in the list given.
    with pytest.raises(InvalidVote, match=r"^declarations\[1\]\.kind: a prejudicial interest "):
        ruling(
            [
                Declaration("hall", "5", InterestKind.NON_REGISTRABLE, "x"),
                attrs.evolve(dpi("luck"), kind=PREJ),
            ],
            on=dt.date(2013, 3, 1),
            nation="england",
        )


@pytest.mark.parametrize(
    ("on", "code"),
    [
        (dt.date(2007, 5, 2), "Model Code of Conduct 2001 (SI 2001/3575) para 12"),
        (dt.date(2007, 5, 3), "Model Code of Conduct 2007 (SI 2007/1159) para 12"),
        (dt.date(2012, 6, 30), "Model Code of Conduct 2007 (SI 2007/1159) para 12"),
    ],
)
def test_boundary_days_cite_the_code_in_force(on: dt.date, code: str) -> None:
    text = explained([Declaration("webb", "5", PREJ, "x")], on=on, nation="england")
    assert f"withdrew under {code}" in text


def test_boundary_1_july_2012_localism_act() -> None:
    on = dt.date(2012, 7, 1)
    assert "Localism Act 2011 s.31(4)" in explained([dpi("luck")], on=on, nation="england")
    with pytest.raises(InvalidVote, match="exists only from 27 November 2001 to 30 June 2012"):
        ruling([Declaration("webb", "5", PREJ, "x")], on=on, nation="england")
    with pytest.raises(InvalidVote):
        ruling([dpi("luck")], on=dt.date(2012, 6, 30), nation="england")


def test_wales_cites_the_welsh_code() -> None:
    from sharegov.statute import nation_of_gss

    nation = nation_of_gss("W06000015")
    text = explained([Declaration("webb", "5", PREJ, "x")], on=dt.date(2013, 3, 1), nation=nation)
    assert "withdrew under Welsh Model Code of Conduct 2008 (SI 2008/788 (W.82)) para 14(1)(a)" in (
        text
    )
    assert "Localism" not in text
    with pytest.raises(InvalidVote, match="is not a category of interest in Welsh law"):
        ruling([dpi("luck")], on=dt.date(2013, 3, 1), nation="wales")


def test_scotland_has_no_regime_and_the_explanation_says_so() -> None:
    r = rule_on_item(
        [dpi("luck")],
        members=BOARD.members,
        seats=BOARD.seats,
        on=dt.date(2013, 5, 1),
        nation="scotland",
        body="Lothian Joint Board",
    )
    assert r.regime is None
    assert r.excluded == {"luck"}  # assumed barred, and the explanation says so
    text = "\n".join(r.lines())
    assert (
        "No statutory regime on members' interests is modelled for Scotland on 1 May 2013, "
        "and Lothian Joint Board's standing orders on interests are not recorded" in text
    )
    assert "barred from the discussion and vote (assumed: no standing orders" in text
    with_orders = rule_on_item(
        [dpi("luck")],
        members=BOARD.members,
        seats=BOARD.seats,
        orders=InterestOrders(source="Standing Order 7"),
        on=dt.date(2013, 5, 1),
        nation="scotland",
        body="Lothian Joint Board",
    )
    text = "\n".join(with_orders.lines())
    assert "only Lothian Joint Board's standing orders (Standing Order 7) were applied" in text
    assert "barred from the discussion and vote by Standing Order 7" in text
    # A DPI before 1 July 2012 existed under no law, Scots or other.
    with pytest.raises(InvalidVote, match=r"exists only from 1 July 2012 .*modelled for Scotland"):
        rule_on_item(
            [dpi("luck")],
            members=BOARD.members,
            seats=BOARD.seats,
            on=dt.date(2010, 5, 1),
            nation="scotland",
        )
    assert "Localism" not in text
    assert "SI 20" not in text


def test_no_note_without_declarations() -> None:
    assert ruling([], on=NOV_2009, nation="england").lines() == []


def test_an_s33_dispensation_dated_2009_is_refused_a_standards_committee_one_accepted() -> None:
    with pytest.raises(
        InvalidValue, match=r"^ground: a dispensation under Localism Act 2011 s\.33"
    ):
        dispensation("webb", start=dt.date(2009, 9, 1), until=dt.date(2010, 8, 31))
    granted = Dispensation(
        "webb",
        ["5"],
        standards_ground=StandardsGround.ENGLAND_2009_IMPEDED,
        granted_by="BDC Standards Committee",
        start=dt.date(2009, 9, 1),
        until=dt.date(2010, 8, 31),
    )
    r = ruling(
        [Declaration("webb", "5", PREJ, "Director of I&DeA")],
        dispensations=[granted],
        on=NOV_2009,
        nation="england",
    )
    assert r.excluded == frozenset()
    text = "\n".join(r.lines())
    assert (
        "granted by BDC Standards Committee under LGA 2000 s.81(4); SI 2009/1255 reg 17(1)(a)(i)"
        in (text)
    )
    assert "Localism" not in text
    # A 2002 ground after 15 June 2009, or an English ground in Wales, is refused.
    with pytest.raises(InvalidValue, match="^standards_ground: SI 2002/339"):
        attrs.evolve(granted, standards_ground=StandardsGround.ENGLAND_2002_IMPEDED)
    with pytest.raises(InvalidVote, match=r"^dispensations\[0\]: .*English law"):
        ruling(
            [Declaration("webb", "5", PREJ, "x")],
            dispensations=[granted],
            on=NOV_2009,
            nation="wales",
        )
    with pytest.raises(InvalidValue, match="^ground, standards_ground: expected exactly one"):
        Dispensation("webb", ["5"], granted_by="x", start=NOV_2009, until=NOV_2009)
    with pytest.raises(InvalidValue, match=r"SI 2009/1255 reg 17"):
        attrs.evolve(granted, until=dt.date(2013, 9, 1))


def test_a_prejudicial_interest_may_not_be_declared_to_remain() -> None:
    with pytest.raises(InvalidValue, match="^effect: a member with a prejudicial interest"):
        Declaration("webb", "5", PREJ, "x", effect=Effect.REMAIN)


def test_who_acts_refuses_a_date_when_the_post_did_not_exist() -> None:
    import datetime as dt

    from sharegov.conflicts import DelegationScheme, who_acts
    from sharegov.errors import InvalidValue
    from sharegov.parties import Officer, Post

    post = Post("p", "Shared Post", ["A"], holder="o", start=dt.date(2010, 7, 1))
    staff = [Officer("o", "Ms O", "A"), Officer("mo", "MO", "A")]
    schemes = [DelegationScheme("A", monitoring_officer="mo")]
    assert (
        who_acts(post, "x", officers=staff, schemes=schemes, on=dt.date(2010, 7, 1)).officer("A")
        == "o"
    )
    with pytest.raises(InvalidValue, match="^on: Shared Post did not exist on 30 June 2010"):
        who_acts(post, "x", officers=staff, schemes=schemes, on=dt.date(2010, 6, 30))
