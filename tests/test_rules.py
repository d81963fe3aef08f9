"""Unit tests for each rule, and one contract that every rule class must keep."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov import rules
from sharegov.boards import Board
from sharegov.errors import InvalidRule, InvalidVote
from sharegov.rules import Rule, Tally, Vote
from sharegov.strategies import Ballot, boards_with_ballots

F, A, X = Vote.FOR, Vote.AGAINST, Vote.ABSTAIN


def tally(votes: dict[str, Vote], *, seats: dict[str, int] | None = None, **kw: object) -> Tally:
    """Members are named <authority letter><n>: 'a1' sits for 'A'."""
    ids = (
        set(votes)
        | set(kw.get("absent", ()))
        | set(kw.get("excluded", ()))
        | set(kw.pop("others", ()))
    )  # type: ignore[call-overload]
    authority_of = {m: m[0].upper() for m in sorted(ids)}
    if seats is None:
        seats = {}
        for a in authority_of.values():
            seats[a] = seats.get(a, 0) + 1
    return Tally(votes, authority_of=authority_of, seats=seats, **kw)  # type: ignore[arg-type]


# -- leaf rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "blocks", "carried"),
    [
        ({"a1": F, "a2": F}, False, True),
        ({"a1": F, "a2": A}, False, False),
        ({"a1": F, "a2": X}, False, True),
        ({"a1": F, "a2": X}, True, False),
        ({"a1": X, "a2": X}, False, False),  # nobody in support
        ({}, False, False),
    ],
)
def test_consensus(votes: dict[str, Vote], blocks: bool, carried: bool) -> None:
    t = tally(votes, others={"a1", "a2"})
    assert rules.Consensus(abstention_blocks=blocks).evaluate(t).carried is carried


def test_unanimity_of_present_and_of_seats() -> None:
    t = tally({"a1": F, "a2": F}, absent={"a3"})
    assert rules.Unanimity().evaluate(t).carried is True
    assert rules.Unanimity(of="seats").evaluate(t).carried is False
    silent = tally({"a1": F}, others={"a2"})  # a2 present, not voting
    assert rules.Unanimity().evaluate(silent).carried is False


@pytest.mark.parametrize(
    ("votes", "rule", "carried"),
    [
        # LGA 1972 Sch 12 para 39(1): majority of those present and voting.
        ({"a1": F, "a2": F, "a3": A}, rules.Majority(), True),
        ({"a1": F, "a2": A, "a3": X}, rules.Majority(), None),  # equality: 1-1
        ({"a1": F, "a2": A}, rules.Majority(), None),
        ({"a1": X, "a2": X}, rules.Majority(), False),  # nobody voted
        ({"a1": F, "a2": X, "a3": X}, rules.Majority(), True),  # 1-0, abstentions ignored
        ({"a1": F, "a2": X, "a3": X}, rules.Majority(of="present"), False),  # 1 of 3
        (
            {"a1": F, "a2": F, "a3": A},
            rules.Majority(more_than=Fraction(2, 3)),
            False,
        ),  # 2/3 not > 2/3
        ({"a1": F, "a2": F, "a3": F, "a4": A}, rules.Majority(more_than=Fraction(2, 3)), True),
    ],
)
def test_majority(votes: dict[str, Vote], rule: Rule, carried: bool | None) -> None:
    assert rule.evaluate(tally(votes)).carried is carried


def test_majority_of_seats_counts_vacancies_and_absentees() -> None:
    t = tally({"a1": F, "a2": F}, seats={"A": 5}, absent={"a3"})
    assert rules.Majority(of="seats").evaluate(t).carried is False  # 2 of 5 seats
    assert rules.Majority(of="present").evaluate(t).carried is True


def test_majority_refuses_floats_and_bad_bases() -> None:
    with pytest.raises(InvalidRule, match="^more_than: expected a Fraction"):
        rules.Majority(more_than=0.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="of"):
        rules.Majority(of="everyone")  # type: ignore[arg-type]


def test_at_least_and_each_authority() -> None:
    t = tally({"a1": F, "a2": F, "b1": F, "b2": A})
    assert rules.AtLeast(3).evaluate(t).carried is True
    v = rules.EachAuthority(at_least=2).evaluate(t)
    assert v.carried is False
    assert v.reasons == ("A: 2 in support >= 2  yes", "B: 1 in support >= 2  no")
    with pytest.raises(InvalidRule, match="^n: expected a whole number >= 1, got 0"):
        rules.AtLeast(0)
    with pytest.raises(InvalidRule, match="exactly one of at_least= or rule="):
        rules.EachAuthority(at_least=2, rule=rules.Majority())


def test_each_authority_with_an_inner_rule_sees_only_that_authority() -> None:
    t = tally({"a1": F, "a2": A, "a3": F, "b1": F})
    assert rules.EachAuthority(rule=rules.Majority()).evaluate(t).carried is True
    assert rules.EachAuthority(rule=rules.Unanimity()).evaluate(t).carried is False


def test_weighted_by_member_and_by_authority() -> None:
    t = tally({"a1": F, "b1": A, "b2": F})
    by_authority = rules.Weighted({"A": 3, "B": 1}, quota=4)
    assert by_authority.evaluate(t).carried is True  # 3 + 1
    own_weight = rules.Weighted({"A": 3, "B": 1, "b2": 0}, quota=4)
    assert own_weight.evaluate(t).carried is False  # member entry beats authority's
    with pytest.raises(InvalidRule, match=r"^weights\.A: expected a weight >= 0"):
        rules.Weighted({"A": 1.5}, quota=1)


def test_double_majority() -> None:
    # Three authorities; A and B (majority of their members) in favour, C against.
    t = Tally(
        {"a1": F, "b1": F, "c1": A},
        authority_of={"a1": "A", "b1": "B", "c1": "C"},
        seats={"A": 1, "B": 1, "C": 1},
        population={"A": 100, "B": 100, "C": 800},
    )
    rule = rules.DoubleMajority(authorities=Fraction(55, 100), population=Fraction(65, 100))
    verdict = rule.evaluate(t)
    assert verdict.carried is False  # 2/3 authorities but only 20% of population
    assert "population in favour: 200 of 1,000 (20%) >= 65%  no" in verdict.reasons
    # "fewer than 4 cannot block": one authority against cannot stop it.
    eu = attrs.evolve(rule, blocking_at_least=2)
    assert eu.evaluate(t).carried is True


def test_double_majority_needs_population() -> None:
    t = tally({"a1": F})
    rule = rules.DoubleMajority(authorities=Fraction(1, 2), population=Fraction(1, 2))
    with pytest.raises(InvalidRule, match=r"^population\.A: expected a population"):
        rule.evaluate(t)


def test_quorum() -> None:
    q = rules.Quorum(at_least=4, each_authority=2)
    ok = tally({}, others={"a1", "a2", "b1", "b2"}, absent={"a3", "b3"})
    assert q.evaluate(ok).carried is True
    lopsided = tally({}, others={"a1", "a2", "a3", "b1"}, absent={"b2", "b3"})
    assert q.evaluate(lopsided).carried is False
    with pytest.raises(InvalidRule, match="at least one of at_least, fraction or each_authority"):
        rules.Quorum()
    assert rules.Quorum(fraction=Fraction(1, 4)).required(6) == 2  # rounded up


def test_combinators_three_valued() -> None:
    equal = tally({"a1": F, "a2": A})
    majority = rules.Majority()
    assert rules.AllOf(majority, rules.AtLeast(1)).evaluate(equal).carried is None
    assert rules.AllOf(majority, rules.AtLeast(2)).evaluate(equal).carried is False
    assert rules.AnyOf(majority, rules.AtLeast(1)).evaluate(equal).carried is True
    assert rules.FirstOf(rules.Consensus(), majority).evaluate(equal).carried is None
    with pytest.raises(InvalidRule, match="FirstOf: expected at least one rule"):
        rules.FirstOf()
    with pytest.raises(InvalidRule, match=r"AllOf\[1\]: expected a sharegov rule"):
        rules.AllOf(majority, "majority")  # type: ignore[arg-type]


def test_rules_are_data() -> None:
    a = rules.FirstOf(rules.Consensus(), rules.EachAuthority(at_least=2))
    b = rules.FirstOf(rules.Consensus(), rules.EachAuthority(rule=rules.AtLeast(2)))
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, rules.Majority()}) == 2
    assert rules.Weighted({"A": 1}, quota=1) == rules.Weighted(
        {"A": Fraction(1)}, quota=Fraction(1)
    )


def test_tally_refuses_votes_from_absent_or_excluded() -> None:
    with pytest.raises(InvalidVote, match=r"^votes\.a1: a1, A is absent, so cannot vote"):
        tally({"a1": F}, absent={"a1"})
    with pytest.raises(InvalidVote, match="both absent and excluded"):
        tally({}, absent={"a1"}, excluded={"a1"})
    with pytest.raises(InvalidVote, match=r"^votes\.a1: expected 'for', 'against' or 'abstain'"):
        tally({"a1": "yes"})  # type: ignore[dict-item]


# -- the contract every rule class keeps --------------------------------------------------

RULE_CLASSES = [
    rules.Consensus,
    rules.Unanimity,
    rules.Majority,
    rules.AtLeast,
    rules.EachAuthority,
    rules.Weighted,
    rules.DoubleMajority,
    rules.Quorum,
    rules.FirstOf,
    rules.AllOf,
    rules.AnyOf,
]


def test_contract_covers_every_rule_class() -> None:
    exported = {
        obj
        for name in rules.__all__
        if isinstance(obj := getattr(rules, name), type)
        and issubclass(obj, Rule)
        and obj is not Rule
    }
    assert exported == set(RULE_CLASSES)


def _tally(board: Board, ballot: Ballot) -> Tally:
    return board.tally(**ballot)


contract = pytest.mark.parametrize("kind", RULE_CLASSES, ids=lambda c: c.__name__)


@contract
@given(data=st.data())
def test_evaluation_is_deterministic(kind: type[Rule], data: st.DataObject) -> None:
    board, ballot = data.draw(boards_with_ballots(kind=kind))
    assert isinstance(board.rule, kind)
    t = _tally(board, ballot)
    assert board.rule.evaluate(t) == board.rule.evaluate(_tally(board, ballot))
    assert board.decide(**ballot).explain() == board.decide(**ballot).explain()


@contract
@given(data=st.data())
def test_first_of_one_rule_is_that_rule(kind: type[Rule], data: st.DataObject) -> None:
    board, ballot = data.draw(boards_with_ballots(kind=kind))
    t = _tally(board, ballot)
    alone, wrapped = board.rule.evaluate(t), rules.FirstOf(board.rule).evaluate(t)
    assert (wrapped.carried, wrapped.reasons) == (alone.carried, alone.reasons)


@contract
@given(data=st.data())
def test_first_of_carries_exactly_when_any_of_does(kind: type[Rule], data: st.DataObject) -> None:
    board, ballot = data.draw(boards_with_ballots(kind=kind))
    other, _ = data.draw(boards_with_ballots())
    t = _tally(board, ballot)
    # Evaluate the other board's rule on this tally when it can be: same shape of seats.
    second = other.rule if other.seats == board.seats else rules.Majority()
    assert (
        rules.FirstOf(board.rule, second).evaluate(t).carried
        == rules.AnyOf(board.rule, second).evaluate(t).carried
    )


@contract
@given(data=st.data())
def test_monotone_turning_against_into_for_never_loses(
    kind: type[Rule], data: st.DataObject
) -> None:
    board, ballot = data.draw(boards_with_ballots(kind=kind))
    assert board.rule.monotone
    against = [m for m, v in ballot["votes"].items() if v is Vote.AGAINST]
    if not against:
        return
    turned = data.draw(st.sampled_from(against))
    before = board.rule.evaluate(_tally(board, ballot)).carried
    votes = {**ballot["votes"], turned: Vote.FOR}
    after = board.rule.evaluate(board.tally(**{**ballot, "votes": votes}))
    if before is True:
        assert after.carried is True


@contract
@given(data=st.data())
def test_absent_and_excluded_never_count(kind: type[Rule], data: st.DataObject) -> None:
    board, ballot = data.draw(boards_with_ballots(kind=kind))
    t = _tally(board, ballot)
    counted = [m for v in Vote for m in t.members(v)]
    assert sum(t.count(v) for v in Vote) == len(counted) == len(ballot["votes"])
    away = ballot["apologies"] | ballot["absent"] | ballot["excluded"]
    assert not (set(counted) | t.present) & away
    # An excluded member is exactly as uncounted as an absent one, under every rule.
    swapped = board.tally(
        ballot["votes"],
        present=ballot["present"],
        apologies=ballot["apologies"],
        absent=ballot["absent"] | ballot["excluded"],
    )
    assert board.rule.evaluate(t).carried == board.rule.evaluate(swapped).carried


@contract
@given(data=st.data())
def test_explanation_names_the_basis_when_carried(kind: type[Rule], data: st.DataObject) -> None:
    board, ballot = data.draw(boards_with_ballots(kind=kind))
    out = board.decide(**ballot)
    if out.carried:
        assert out.basis is not None
        assert out.basis.describe() in out.explain().splitlines()[0]


@given(data=st.data())
def test_unanimity_implies_consensus(data: st.DataObject) -> None:
    board, ballot = data.draw(boards_with_ballots())
    t = _tally(board, ballot)
    for of in ("present", "seats"):
        if rules.Unanimity(of=of).evaluate(t).carried:  # type: ignore[arg-type]
            assert rules.Consensus().evaluate(t).carried
            assert rules.Consensus(abstention_blocks=True).evaluate(t).carried


@contract
@given(data=st.data())
def test_check_gives_the_same_answer_as_evaluate(kind: type[Rule], data: st.DataObject) -> None:
    # The fast answer that decides an outcome and the explained verdict must never differ.
    board, ballot = data.draw(boards_with_ballots(kind=kind))
    t = _tally(board, ballot)
    for rule in rules.walk(board.rule):
        assert rule.check(t) == rule.evaluate(t).carried
        for code in t.authorities:
            assert rule.check_in(t, code) == rule.check(t.by_authority(code))


@given(boards_with_ballots())
def test_public_and_board_tallies_agree(pair: tuple[Board, Ballot]) -> None:
    board, ballot = pair
    fast = _tally(board, ballot)
    public = Tally(
        ballot["votes"],
        authority_of={m.id: m.authority for m in board.voting_members},
        seats=dict(board.seats),
        absent=ballot["apologies"] | ballot["absent"],
        excluded=ballot["excluded"],
        population={a.code: a.population for a in board.authorities if a.population is not None},
    )
    assert fast == public
    assert vars(fast).keys() == vars(public).keys()  # Layout.tally sets every attribute
    assert fast.counts == public.counts
    for code in fast.authorities:
        assert fast.counts_in(code) == public.counts_in(code)
        assert fast.by_authority(code).counts == public.by_authority(code).counts


def _minuted(t: Tally, code: str | None = None) -> rules.Minuted:
    """The tally's numbers as a clerk would minute them: counts, no names."""
    if code is None:
        parts = [_minuted(t, c) for c in t.authorities]
        c = t.counts
        return rules.Minuted(
            dict(zip(Vote, c[:3], strict=True)), present=c.present, seats=c.seats, parts=parts
        )
    c = t.counts_in(code)
    return rules.Minuted(
        dict(zip(Vote, c[:3], strict=True)),
        present=c.present,
        seats=c.seats,
        code=code,
        population=t.population.get(code),
    )


def _by_name(rule: Rule, t: Tally) -> bool:
    """Whether ``rule`` weighs members by name (then counts alone cannot decide it)."""
    return any(
        isinstance(r, rules.Weighted) and any(k in t.authority_of for k in r.weights)
        for r in rules.walk(rule)
    )


@contract
@given(data=st.data())
def test_every_form_of_a_rule_gives_the_same_answer(kind: type[Rule], data: st.DataObject) -> None:
    # One definition per rule: explaining (evaluate), checking, the board's compiled path,
    # a numpy batch and counts alone (where counts suffice) must agree, record by record,
    # on every part of every rule, overall and within each authority.
    np = pytest.importorskip("numpy")
    from sharegov._compiled import Roster, encode, verdicts

    board, ballot = data.draw(boards_with_ballots(kind=kind))
    t = _tally(board, ballot)
    layout, fields = t._layout, t._fields
    pending = (dict(t.votes), t.absent, t.excluded, fields)
    roster = Roster(board)
    state = np.array([encode(roster, dict(t.votes), set(t.absent), set(t.excluded))], np.int8)
    for rule in rules.walk(board.rule):
        want = rule.evaluate(t).carried
        assert rule.check(t) is want
        assert layout.compile(rule)(fields, pending) is want
        assert rules.answer(int(verdicts(rule, np, roster, state)[0])) is want
        if not _by_name(rule, t):
            assert rules.answer(rules.code_of(rule, _minuted(t), rules.SCALAR)) is want
        for code in t.authorities:
            inner = rule.check_in(t, code)
            assert inner is rule.check(t.by_authority(code))
            assert layout.compile(rule, layout.slot[code])(fields, pending) is inner
            if not _by_name(rule, t):
                scope = _minuted(t, code)
                assert rules.answer(rules.code_of(rule, scope, rules.SCALAR)) is inner


@contract
@given(data=st.data())
def test_deciding_from_counts_agrees_with_deciding_from_names(
    kind: type[Rule], data: st.DataObject
) -> None:
    board, ballot = data.draw(boards_with_ballots(kind=kind))
    named = board.decide(**ballot)
    t = named.tally
    by_authority: dict[str, dict[str, int]] = {}
    for code in t.authorities:
        c = t.counts_in(code)
        by_authority[code] = {"for": c.support, "against": c.against, "abstain": c.abstain}
        by_authority[code]["present"] = c.present
    counts = {v.value: t.count(v) for v in Vote}
    if _by_name(board.rule, t):
        with pytest.raises(InvalidVote, match="names of those voting"):
            board.decide_counts(counts, by_authority=by_authority)
        return
    minuted = board.decide_counts(counts, by_authority=by_authority)
    assert minuted.status is named.status
    assert minuted.equality is named.equality
    assert "names of those voting were not recorded" in minuted.explain()


def test_a_subclass_is_never_answered_by_its_parents_compiled_form() -> None:
    @attrs.frozen
    class AtLeastOneMore(rules.AtLeast):
        def on_counts(self, counts: rules.Counts) -> bool:
            return counts.support > self.n

    t = tally({"a1": F, "a2": F, "a3": A})
    layout = t._layout
    pending = (dict(t.votes), t.absent, t.excluded, t._fields)
    assert layout.compile(rules.AtLeast(2))(t._fields, pending) is True
    assert layout.compile(AtLeastOneMore(2))(t._fields, pending) is False
    assert layout.compile(rules.FirstOf(AtLeastOneMore(2)))(t._fields, pending) is False


def test_counts_on_a_board_too_large_for_one_byte_a_count() -> None:
    # Past 255 members each count takes more than one byte of the packed integer.
    authority_of = {f"m{i}": "AB"[i % 2] for i in range(301)}
    votes = {m: (F if i % 3 else A) for i, m in enumerate(authority_of) if i % 7}
    absent = {m for i, m in enumerate(authority_of) if not i % 7 and i % 2}
    t = Tally(votes, authority_of=authority_of, seats={"A": 151, "B": 150}, absent=absent)
    assert t._layout.width == 2
    for code in ("A", "B"):
        mine = [m for m, c in authority_of.items() if c == code]
        expected = rules.Counts(
            support=sum(votes.get(m) is F for m in mine),
            against=sum(votes.get(m) is A for m in mine),
            abstain=0,
            present=len([m for m in mine if m not in absent]),
            seats=len(mine),
        )
        assert t.counts_in(code) == expected
    assert t.counts == rules.Counts(
        support=sum(v is F for v in votes.values()),
        against=sum(v is A for v in votes.values()),
        abstain=0,
        present=301 - len(absent),
        seats=301,
    )


def test_a_boards_memo_is_bounded_and_never_changes_an_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sharegov.reference import bromsgrove_redditch_board

    monkeypatch.setattr(rules, "MEMO_SIZE", 2)
    board = bromsgrove_redditch_board()
    memo = board._rule_check.memo  # type: ignore[attr-defined]
    ids = [m.id for m in board.voting_members]
    for pattern in range(64):
        votes = {m: (F if pattern >> i & 1 else A) for i, m in enumerate(ids)}
        t = board.tally(votes)
        assert board.decide(votes).carried is bool(board.rule.check(t))
        assert len(memo) <= 2
    # A rule that weighs members by name is not a function of counts: never memoised.
    weighted = Board(
        board.name,
        authorities=board.authorities,
        seats=board.seats,
        members=board.members,
        rule=rules.Weighted({"hall": 5}, quota=5),
    )
    assert not hasattr(weighted._rule_check, "memo")


def test_bad_rule_terms_are_refused_by_field() -> None:
    with pytest.raises(InvalidRule, match=r"^of: expected one of 'voting', 'present', 'seats'"):
        rules.Majority(of="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidRule, match=r"^abstention_blocks: expected True or False"):
        rules.Consensus(abstention_blocks="no")  # type: ignore[arg-type]
    with pytest.raises(InvalidRule, match=r"^blocking_at_least: expected a whole number >= 0"):
        rules.DoubleMajority(authorities=1, population=1, blocking_at_least=True)


def test_rules_nested_past_the_depth_limit_are_refused_not_a_recursion_error() -> None:
    rule: Rule = rules.AtLeast(1)
    for _ in range(31):
        rule = rules.AllOf(rule)  # 32 deep: the most allowed
    with pytest.raises(InvalidRule, match=r"^AllOf: rules nested more than 32 deep"):
        rules.AllOf(rule)
    with pytest.raises(InvalidRule, match=r"nested more than 32 deep"):
        rules.EachAuthority(rule=rule)


def test_tally_takes_a_vote_by_its_word_and_refuses_anything_else_by_field() -> None:
    t = Tally(
        {"a": Vote.FOR, "b": "against"},
        authority_of={"a": "X", "b": "Y", "c": "Y"},
        seats={"X": 1, "Y": 2},
    )
    assert (t.count("for"), t.count(Vote.AGAINST), t.members("against")) == (1, 1, ("b",))
    with pytest.raises(
        InvalidVote, match=r"^vote: expected 'for', 'against' or 'abstain'.*got 'yes'$"
    ):
        t.count("yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidVote, match=r"^vote: .* got 3$"):
        t.members(3)  # type: ignore[arg-type]
    for ask in (t.scope, t.by_authority, t.counts_in):
        with pytest.raises(
            InvalidVote, match=r"^authority: expected one of \['X', 'Y'\], got 'Z'$"
        ):
            ask("Z")
