"""Boards deciding: the seed board's cases, the statutory defaults, and validation."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest

from sharegov import Authority, Board, Member, Status, Vote, rules
from sharegov.boards import FixedChair, HostLeaderChairs, Outcome
from sharegov.errors import InvalidBoard, InvalidValue, InvalidVote, SharegovError, UnknownId
from sharegov.reference import MEETING_2008_09_01, bromsgrove_redditch_board

F, A, X = Vote.FOR, Vote.AGAINST, Vote.ABSTAIN
BOARD = bromsgrove_redditch_board()
# 1 September 2008: Cllr Webb gave apologies; the other five were present.
PRESENT = ("hollingworth", "luck", "gandy", "hall", "mcmillan")


def decide(**changes: Vote) -> object:
    votes = dict.fromkeys(PRESENT, F)
    votes.update(changes)
    return BOARD.decide(votes, absent={"webb"}, chair="hollingworth")


# -- the seed's cases (seeds/001, Concordat 4.3(a)(iii)) -----------------------------------


def test_all_in_favour_carries_on_consensus() -> None:
    out = BOARD.decide(dict.fromkeys(PRESENT, F), absent={"webb"}, chair="hollingworth")
    assert out.status is Status.CARRIED
    assert out.basis == rules.Consensus()
    assert out.tally.count(F) == 5
    assert out.explain().splitlines()[0] == "Carried on consensus:"


def test_one_against_carries_on_the_fallback_naming_the_dissenter() -> None:
    out = BOARD.decide(
        {"hollingworth": F, "luck": F, "gandy": F, "hall": A, "mcmillan": F},
        absent={"webb"},
        chair="hollingworth",
    )
    assert out.carried
    assert out.basis == rules.EachAuthority(at_least=2)
    assert out.tally.by_authority("RBC").count(F) == 2
    assert out.explain() == (
        "Carried on the fallback rule (at least 2 in support from each authority):\n"
        "  consensus not reached: 1 against (Cllr M. Hall, RBC)\n"
        "  BDC: 2 in support >= 2  yes\n"
        "  RBC: 2 in support >= 2  yes\n"
        "Votes: 4 for, 1 against, 0 abstaining.\n"
        "Absent: Cllr M. Webb, BDC.\n"
        "Shared Services Board is advisory: this is a recommendation to each council, "
        "not a decision."
    )


def test_two_against_from_one_council_is_not_carried() -> None:
    out = BOARD.decide(
        {"hollingworth": F, "luck": F, "gandy": F, "hall": A, "mcmillan": A}, absent={"webb"}
    )
    assert out.status is Status.NOT_CARRIED
    assert out.basis is None
    assert "RBC: 1 in support >= 2  no" in out.explain()
    assert "advisory" not in out.explain()


def test_two_against_from_different_councils_is_carried_when_two_remain_each() -> None:
    out = BOARD.decide(
        {"hollingworth": F, "luck": F, "webb": A, "gandy": F, "hall": A, "mcmillan": F}
    )
    assert out.carried
    assert out.basis == rules.EachAuthority(at_least=2)


def test_abstention_does_not_block_consensus() -> None:
    out = BOARD.decide(
        {"hollingworth": F, "luck": F, "gandy": F, "hall": X, "mcmillan": F}, absent={"webb"}
    )
    assert out.carried
    assert out.basis == rules.Consensus()
    assert out.tally.count(X) == 1


def test_excluded_member_counts_nowhere_and_is_named() -> None:
    # Cllr Luck declares an interest: with Webb absent BDC has one member left in the vote.
    out = BOARD.decide(
        {"hollingworth": F, "gandy": F, "hall": A, "mcmillan": F},
        absent={"webb"},
        excluded={"luck"},
    )
    assert out.status is Status.NOT_CARRIED
    assert "luck" not in out.tally.present
    assert "BDC: 1 in support >= 2  no" in out.explain()
    assert "Excluded from this item: Cllr J. Luck, BDC." in out.explain()


def test_present_not_voting_is_recorded_and_not_counted_in_support() -> None:
    out = BOARD.decide(
        {"hollingworth": F, "luck": F, "gandy": F, "hall": A},
        present={"mcmillan"},
        apologies={"webb"},
    )
    assert out.tally.not_voting == {"mcmillan"}
    assert not out.carried  # RBC has only Gandy in support
    assert "Present, not voting: Cllr C. McMillan, RBC." in out.explain()


def test_reference_meeting_decisions() -> None:
    meeting = MEETING_2008_09_01
    results = [
        BOARD.decide(p.votes, absent=meeting["absent"], chair=meeting["chair"])  # type: ignore[index]
        for p in meeting["proposals"]  # type: ignore[attr-defined]
    ]
    assert [r.status for r in results] == [Status.CARRIED] * 5 + [Status.NOT_CARRIED]


def test_host_leader_chairs() -> None:
    assert BOARD.chair_for(host="BDC") == "hollingworth"
    assert BOARD.chair_for(host="RBC") == "gandy"
    with pytest.raises(UnknownId):
        BOARD.chair_for(host="WFDC")


# -- statutory defaults ---------------------------------------------------------------------


def two_by_two(**kw: object) -> Board:
    args: dict[str, object] = {
        "authorities": [Authority("A", "Council A"), Authority("B", "Council B")],
        "seats": {"A": 3, "B": 3},
        "members": [Member(f"{c.lower()}{i}", f"Cllr {c}{i}", c) for c in "AB" for i in (1, 2, 3)],
    }
    return Board("Joint Committee", **{**args, **kw})  # type: ignore[arg-type]


EQUAL = {"a1": F, "a2": F, "a3": F, "b1": A, "b2": A, "b3": A}


def test_default_is_a_majority_of_those_present_and_voting() -> None:
    board = two_by_two()
    assert board.rule == rules.Majority()
    assert board.casting_vote is True
    out = board.decide({"a1": F, "a2": F, "b1": A, "b2": X, "b3": X}, absent={"a3"})
    assert out.carried  # 2-1: abstentions are not "voting"


def test_equality_settled_by_the_chairs_casting_vote() -> None:
    # LGA 1972 Sch 12 para 39(2), applied to joint committees by para 44.
    board = two_by_two()
    carried = board.decide(EQUAL, chair="a1", casting=F)
    assert carried.carried
    assert carried.equality
    assert "casting vote: Cllr A1, A, for" in carried.explain()
    assert "para 39(2)" in carried.explain()
    lost = board.decide(EQUAL, chair="a1", casting=A)
    assert lost.status is Status.NOT_CARRIED


def test_equality_is_lost_when_no_casting_vote_is_used() -> None:
    out = two_by_two().decide(EQUAL, chair="a1")
    assert out.status is Status.NOT_CARRIED
    assert out.explain().startswith(
        "Not carried: an equality of votes, and no casting vote was given, so the motion is lost"
    )


def test_equality_on_a_board_without_a_casting_vote() -> None:
    board = two_by_two(casting_vote=False)
    assert (
        board.decide(EQUAL)
        .explain()
        .startswith("Not carried: an equality of votes, and the chair has no casting vote")
    )
    with pytest.raises(InvalidVote, match="gives? the chair no casting vote"):
        board.decide(EQUAL, chair="a1", casting=F)


def test_casting_vote_misuse() -> None:
    board = two_by_two()
    with pytest.raises(InvalidVote, match="not equal"):
        board.decide({"a1": F}, chair="a1", casting=F, unlisted="absent")
    with pytest.raises(InvalidVote, match="needs the chair"):
        board.decide(EQUAL, casting=F)
    with pytest.raises(InvalidVote, match="^casting: expected 'for' or 'against'"):
        board.decide(EQUAL, chair="a1", casting=X)


def test_quorum_of_four_with_two_from_each_council() -> None:
    board = two_by_two(quorum=rules.Quorum(at_least=4, each_authority=2))
    lopsided = board.decide({"a1": F, "a2": F, "a3": F, "b1": F}, absent={"b2", "b3"})
    assert lopsided.status is Status.INQUORATE
    assert "B present: 1 >= 2  no" in lopsided.explain()
    ok = board.decide({"a1": F, "a2": F, "b1": F, "b2": A}, absent={"a3", "b3"})
    assert ok.status is Status.CARRIED
    # An excluded member does not count towards the quorum.
    excluded = board.decide({"a1": F, "a2": F, "b1": F}, absent={"a3", "b3"}, excluded={"b2"})
    assert excluded.status is Status.INQUORATE


# -- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "kw", "message"),
    [
        (
            {"webb": F},
            {"absent": {"webb"}},
            r"^votes\.webb: Cllr M\. Webb, BDC is recorded as absent",
        ),
        (
            {"luck": F},
            {"excluded": {"luck"}},
            r"^votes\.luck: .* is recorded as excluded from this item",
        ),
        (
            {"nobody": F},
            {},
            r"^votes: expected votes from members of Shared Services Board, got 'nobody'",
        ),
        ({}, {"absent": {"nobody"}}, r"^absent: expected ids of members"),
        ({}, {"absent": 3}, r"^absent: expected a set of member ids, got 3"),
        ({}, {"excluded": [["hall"]]}, r"^excluded: expected a set of member ids"),
        (
            {"hall": "yes"},
            {},
            r"^votes\.hall: expected 'for', 'against' or 'abstain' .*, got 'yes'",
        ),
        (
            {"hall": ["for"]},
            {},
            r"^votes\.hall: expected 'for', 'against' or 'abstain' .*, got \['for'\]",
        ),
        ({"nobody": "for"}, {}, r"^votes: expected votes from members of Shared Services"),
        ({}, {"chair": "webb", "absent": {"webb"}}, r"^chair: Cllr M\. Webb is recorded as absent"),
        (
            {},
            {"casting": F, "chair": "gandy", "unlisted": "present"},
            r"^casting: Shared Services Board's terms give the chair no",
        ),
    ],
)
def test_bad_votes_name_the_member(
    votes: dict[str, Vote], kw: dict[str, object], message: str
) -> None:
    with pytest.raises(SharegovError, match=message):
        BOARD.decide(votes, **kw)  # type: ignore[arg-type]


def test_non_voting_member_cannot_vote_and_never_counts() -> None:
    board = Board(
        "Regional Board",
        authorities=[Authority("A", "A"), Authority("B", "B"), Authority("OBS", "Observer body")],
        seats={"A": 1, "B": 1},
        members=[
            Member("a", "Cllr A", "A"),
            Member("b", "Cllr B", "B"),
            Member("o", "Ms O", "OBS", voting=False),
        ],
        quorum=rules.Quorum(at_least=2),
    )
    with pytest.raises(InvalidVote, match=r"^votes\.o: Ms O \(OBS\) is a non-voting member"):
        board.decide({"o": F})
    out = board.decide({"a": F}, absent={"b"})  # the observer is not a voting member
    assert out.status is Status.INQUORATE
    assert "o" not in out.tally.present


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"seats": {"A": 1, "B": 3}}, r"^members: A has 3 voting members .* but only 1 seat$"),
        ({"seats": {"A": 3, "B": -1}}, r"^seats\.B: expected a positive integer, got -1"),
        ({"seats": {"A": 3, "B": 3, "C": 1}}, r"^seats\.C: expected one of the authorities"),
        (
            {"seats": {"A": 3}},
            r"^members\[3\]: Cllr B1 is a voting member for B, which has no seats",
        ),
        (
            {"rule": rules.EachAuthority(at_least=4)},
            r"^rule: 'at least 4 in support from each authority' can never be met",
        ),
        ({"rule": rules.AtLeast(7)}, "can never be met"),
        ({"quorum": rules.Quorum(at_least=7)}, r"^quorum: .* can never be met"),
        (
            {"rule": rules.Weighted({"Z": 1}, quota=1)},
            r"^rule\.weights\.Z: expected a member id or authority code",
        ),
        ({"rule": "majority"}, "^rule: expected a sharegov rule"),
    ],
)
def test_inconsistent_boards_are_refused_at_construction(
    kw: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidBoard, match=message):
        two_by_two(**kw)


def test_duplicate_ids_and_empty_boards_are_refused() -> None:
    a = Authority("A", "A")
    with pytest.raises(InvalidBoard, match=r"^members\[1\]\.id: expected a unique member id"):
        Board(
            "X",
            authorities=[a],
            seats={"A": 2},
            members=[Member("m", "M", "A"), Member("m", "N", "A")],
        )
    with pytest.raises(InvalidBoard, match="^authorities: expected unique authority codes"):
        Board("X", authorities=[a, a], seats={"A": 2}, members=[Member("m", "M", "A")])
    with pytest.raises(InvalidBoard, match="^authorities: expected at least one Authority"):
        Board("X", authorities=[], seats={}, members=[])
    with pytest.raises(InvalidBoard, match="^members: expected at least one voting member"):
        Board("X", authorities=[a], seats={"A": 2}, members=[])


def test_double_majority_board_needs_populations_at_construction() -> None:
    from fractions import Fraction

    rule = rules.DoubleMajority(authorities=Fraction(1, 2), population=Fraction(1, 2))
    with pytest.raises(SharegovError, match=r"population\.A"):
        two_by_two(rule=rule)


def test_fixed_chair_and_unknown_member() -> None:
    board = two_by_two(chair_rule=FixedChair("b2"))
    assert board.chair_for() == "b2"
    with pytest.raises(UnknownId, match="^member: expected a member of Joint Committee, got 'zz'"):
        board.member("zz")
    with pytest.raises(InvalidBoard, match="no member from A with the role 'leader'"):
        two_by_two(chair_rule=HostLeaderChairs()).chair_for(host="A")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "member: expected a non-empty identifier without spaces, got ''"),
        (5, "member: expected a non-empty identifier without spaces, got 5"),
        (None, "member: expected a non-empty identifier without spaces, got nothing"),
        ("Cllr Hill", "member: expected a non-empty identifier without spaces, got 'Cllr Hill'"),
        ("hill\n", "member: expected a non-empty identifier without spaces, got 'hill\\n'"),
        (
            "hi\u202ell",
            "member: expected an identifier without control or bidirectional characters "
            "(U+202E at position 2), got 'hi\\u202ell'",
        ),
    ],
)
def test_fixed_chair_refuses_a_bad_member_by_field(value: object, message: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        FixedChair(value)  # type: ignore[arg-type]
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "role: expected a non-blank string, got ''"),
        ("  ", "role: expected a non-blank string, got '  '"),
        (5, "role: expected a non-blank string, got 5"),
        ({"leader"}, "role: expected a non-blank string, got {'leader'}"),
        (
            "lea\x00der",
            "role: expected a string without control or bidirectional characters "
            "(U+0000 at position 3), got 'lea\\x00der'",
        ),
    ],
)
def test_host_leader_chairs_refuses_a_bad_role_by_field(value: object, message: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        HostLeaderChairs(value)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_chair_rules_keep_good_values_and_evolve_checks_them() -> None:
    # A role with a space is a role Member.roles can hold, so it stays allowed.
    assert HostLeaderChairs("group leader").role == "group leader"
    assert HostLeaderChairs().role == "leader"
    assert FixedChair("b2").member == "b2"
    with pytest.raises(InvalidValue, match="^member: "):
        attrs.evolve(FixedChair("b2"), member="")
    with pytest.raises(InvalidValue, match="^role: "):
        attrs.evolve(HostLeaderChairs(), role=7)  # type: ignore[arg-type]


def test_outcome_renders_for_notebooks() -> None:
    out = decide(hall=A)
    md = out._repr_markdown_()  # type: ignore[attr-defined]
    assert md.startswith("**Carried on the fallback rule")
    assert "| RBC | 2 | 1 | 0 | 0 | 0 | 0 |" in md
    assert "| Total | 4 | 1 | 0 | 0 | 1 | 0 |" in md
    html = out._repr_html_()  # type: ignore[attr-defined]
    assert "<table>" in html
    assert "Cllr M. Hall, RBC" in html


def test_an_outcome_is_the_same_whether_its_tally_was_built_early_or_late() -> None:
    # Board.decide counts the votes at once but builds the Tally on first use.
    votes = {"hollingworth": F, "luck": "for", "gandy": F, "hall": A, "mcmillan": X}
    ballot = {"absent": {"webb"}, "chair": "hollingworth"}
    early = BOARD.decide(votes, **ballot)  # type: ignore[arg-type]
    tally = early.tally
    assert tally.votes["luck"] is F  # text parsed in the library's own copy
    assert votes["luck"] == "for"
    assert tally.counts == rules.Counts(support=3, against=1, abstain=1, present=5, seats=6)
    assert tally.counts_in("BDC").present == 2  # attendance counted although the rule has no use
    assert early == Outcome(early.status, tally, BOARD, "hollingworth")
    late = BOARD.decide(votes, **ballot)  # type: ignore[arg-type]
    for clone in (copy.copy(late), pickle.loads(pickle.dumps(late)), late):
        assert clone == early
        assert clone.explain() == early.explain()
    assert "tally=Tally(" in repr(late)
    assert {a.name for a in attrs.fields(Outcome)} <= vars(late).keys()
    with pytest.raises(AttributeError, match="has no attribute 'talley'"):
        late.talley  # type: ignore[attr-defined]  # noqa: B018


# -- hostile input: refused by field, quickly ---------------------------------------------------


@pytest.mark.parametrize(
    ("kw", "error", "message"),
    [
        (
            {"casting_vote": "yes"},
            InvalidBoard,
            r"^casting_vote: expected True or False, got 'yes'",
        ),
        ({"advisory": "no"}, InvalidBoard, r"^advisory: expected True or False"),
        ({"quorum": "4"}, InvalidBoard, r"^quorum: expected a rules.Quorum or None"),
        ({"seats": {"A": 10**9, "B": 3}}, InvalidBoard, r"^seats: at most 10,000 voting seats"),
    ],
)
def test_bad_terms_are_refused_by_field(kw: dict[str, object], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        two_by_two(**kw)


def test_a_blank_name_is_refused() -> None:
    with pytest.raises(InvalidBoard, match=r"^name: expected a name that is not blank"):
        attrs.evolve(BOARD, name="   ")


def test_unhashable_ids_are_refused_by_field() -> None:
    with pytest.raises(InvalidVote, match=r"^chair: expected a member id, got \['hall'\]"):
        BOARD.decide({}, chair=["hall"], unlisted="present")  # type: ignore[arg-type]
    tally = BOARD.tally({}, unlisted="present")
    with pytest.raises(InvalidVote, match=r"^authority: expected one of"):
        tally.by_authority(["BDC"])  # type: ignore[arg-type]
    with pytest.raises(UnknownId, match=r"^member: expected a member of"):
        BOARD.member(["hall"])  # type: ignore[arg-type]
    with pytest.raises(InvalidVote, match=r"^unlisted: expected None, 'present' or 'absent'"):
        BOARD.decide({}, unlisted="maybe")  # type: ignore[arg-type]


def test_at_keeps_the_board_of_each_date() -> None:
    import datetime as dt

    from sharegov.reference import bromsgrove_redditch_board_over_time

    board = bromsgrove_redditch_board_over_time()
    day = dt.date(2008, 9, 1)
    assert board.at(day) is board.at(day)  # built once, not again for the same date
    assert board.at(day) == board._build_at(day)
    assert board.at(dt.date(2008, 9, 2)) is not board.at(day)


def test_outcomes_that_differ_only_in_a_declared_interest_are_not_equal() -> None:
    import datetime as dt

    from sharegov.conflicts import Declaration, InterestKind

    votes = {"hollingworth": F, "luck": F, "gandy": F, "hall": F, "mcmillan": F}
    on = dt.date(2009, 1, 1)
    declared = [Declaration("luck", "7", InterestKind.PERSONAL, "a neighbour's firm")]
    with_it = BOARD.decide(votes, apologies={"webb"}, declarations=declared, on=on, item="7")
    without = BOARD.decide(votes, apologies={"webb"}, on=on, item="7")
    assert with_it.carried
    assert without.carried
    assert with_it != without
    assert with_it == BOARD.decide(
        votes, apologies={"webb"}, declarations=declared, on=on, item="7"
    )
    assert len({with_it, without}) == 2


# -- a board whose terms set no rule ------------------------------------------------------------


def _two_seat_board(gss: tuple[str | None, str | None] = (None, None), **kw: object) -> Board:
    return Board(
        "Joint Committee",
        authorities=[
            Authority("A", "Council A", gss=gss[0]),
            Authority("B", "Council B", gss=gss[1]),
        ],
        seats={"A": 1, "B": 1},
        members=[Member("a1", "Cllr One", "A"), Member("b1", "Cllr Two", "B")],
        **kw,  # type: ignore[arg-type]
    )


def test_a_default_rule_is_said_to_be_the_statutory_default() -> None:
    out = _two_seat_board().decide({"a1": "for", "b1": "for"})
    assert out.carried
    assert "statutory default applies" in out.explain()
    assert "LGA 1972 Sch 12 para 39(1)" in out.explain()


def test_a_rule_on_record_is_not_called_a_default() -> None:
    board = _two_seat_board(rule=rules.Majority())
    assert not board.rule_is_default
    assert "default" not in board.decide({"a1": "for", "b1": "for"}).explain()


def test_a_scottish_default_rule_cites_no_english_statute() -> None:
    board = _two_seat_board(gss=("S12000033", "S12000034"))
    text = board.decide({"a1": "for", "b1": "for"}).explain()
    assert "no voting rule" in text
    assert "LGA 1972" not in text


def test_the_default_survives_pickle_evolve_and_a_file() -> None:
    from sharegov.io import dumps, loads
    from sharegov.io.files import Arrangement

    board = _two_seat_board()
    assert pickle.loads(pickle.dumps(board)).rule_is_default
    assert attrs.evolve(board, name="Renamed").rule_is_default
    arrangement = Arrangement("x", authorities=board.authorities, boards={"jc": board})
    back = loads(dumps(arrangement, "toml"), "toml").boards["jc"]
    assert back.rule_is_default
    explicit = attrs.evolve(arrangement, boards={"jc": attrs.evolve(board, rule=rules.Majority())})
    assert not loads(dumps(explicit, "toml"), "toml").boards["jc"].rule_is_default
